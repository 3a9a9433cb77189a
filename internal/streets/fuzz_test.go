package streets

import (
	"bytes"
	"context"
	"os"
	"testing"
)

func FuzzReadGraph(f *testing.F) {
	g := buildFile(f, osmFile(f, "berlin-siegessaeule.osm.pbf"))
	var buf bytes.Buffer
	g.WriteTo(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte(graphMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ReadGraph(bytes.NewReader(data))
		if err == nil && g.NumNodes() > 0 {
			g.Nearest(52.514, 13.35)
			g.ShortestPath(0, int32(g.NumNodes()-1), nil)
		}
	})
}

func FuzzBuildGraph(f *testing.F) {
	data, err := os.ReadFile(osmFile(f, "berlin-siegessaeule.osm.pbf"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := BuildGraph(context.Background(), bytes.NewReader(data))
		if err == nil && g.NumNodes() == 0 {
			t.Fatal("empty graph without error")
		}
	})
}
