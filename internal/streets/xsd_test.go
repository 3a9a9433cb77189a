package streets

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"rekindle/internal/xsdcheck"
)

// TestSuggestionGPXValidates checks every suggestion's GPX export (track and
// cue waypoints, names with markup characters) against the GPX 1.1 XSD.
func TestSuggestionGPXValidates(t *testing.T) {
	xsdcheck.Xmllint(t)
	g := cachedGraph(t, "monaco.osm.pbf")
	sugg, err := g.Suggest(context.Background(), Request{Lat: monacoLat, Lon: monacoLon, DistanceM: 6000})
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string][]byte{}
	for i, s := range sugg {
		var buf bytes.Buffer
		if err := s.WriteGPX(&buf, "Monaco <loop> & \"co\""); err != nil {
			t.Fatal(err)
		}
		docs[fmt.Sprintf("suggestion-%d.gpx", i)] = buf.Bytes()
	}
	xsdcheck.Validate(t, xsdcheck.GPX, docs)
}
