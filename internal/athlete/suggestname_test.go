package athlete

import (
	"context"
	"os"
	"strings"
	"testing"

	"rekindle/internal/streets"
	"rekindle/internal/testkit"
)

// Out-and-backs offered in several directions from one start share their
// way out: named by their first and middle streets, two that part only
// after the middle street read alike (issue 15). Each is named by where it
// turns, and the names of one answer are distinct even when two turn on the
// same street.
func TestSuggestionNamesTellOutAndBacksApart(t *testing.T) {
	out := []string{"Carrer Coma Del Colat", "Carrer del Pui", "Avinguda del Ravel", "CG-4", "Avinguda Sant Antoni", "Cami Ral"}
	oab := func(more ...string) streets.Suggestion {
		return streets.Suggestion{Kind: streets.SuggestOutAndBack, Streets: append(append([]string{}, out...), more...)}
	}
	// The class: the same way out for more than half their streets, then
	// apart (as Andorra's 17 km answers from 42.54926,1.51550 are).
	list := []streets.Suggestion{
		oab("Carrer de les Palanques", "Pont de les Palanques", "Cami de les Molleres", "Carretera de l'Aldosa", "CG-3", "Carretera de Segudet"),
		oab("Carrer de les Palanques", "Pont de les Palanques", "Cami de les Molleres", "Carretera de l'Aldosa", "CS-340"),
		oab("Peu del Carrer", "Carrer Major", "Carretera dels Plans", "CS-340"),
	}
	names := SuggestionNames(list)
	seen := map[string]int{}
	for i, n := range names {
		if j, ok := seen[n]; ok {
			t.Errorf("suggestions %d and %d are both named %q", j+1, i+1, n)
		}
		seen[n] = i
		if turn := streets.TurnStreet(list[i]); !strings.Contains(n, turn) {
			t.Errorf("suggestion %d, %q, does not say where it turns (%s)", i+1, n, turn)
		}
	}
	t.Logf("%q", names)
}

// On the real Andorra extract, the out-and-backs offered from one start in
// several directions are each named by where they turn, all apart.
func TestSuggestionNamesOnAndorra(t *testing.T) {
	f, err := os.Open(testkit.Activities(t, "osm", "andorra.osm.pbf"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := streets.BuildGraph(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range []streets.Request{
		{Lat: 42.5492637, Lon: 1.5155001, DistanceM: 17314, Surface: streets.PreferMixed, Count: 3},
		{Lat: 42.542180, Lon: 1.521175, DistanceM: 15441, Surface: streets.PreferMixed, Count: 3},
		{Lat: 42.5708, Lon: 1.4871, DistanceM: 9000, Surface: streets.PreferMixed, Count: 3},
	} {
		sugg, err := g.Suggest(context.Background(), req)
		if err != nil {
			t.Fatalf("%+v: %v", req, err)
		}
		names := SuggestionNames(sugg)
		oabs := 0
		seen := map[string]bool{}
		for i, s := range sugg {
			if seen[names[i]] {
				t.Errorf("%.5f,%.5f: two suggestions named %q", req.Lat, req.Lon, names[i])
			}
			seen[names[i]] = true
			if s.Kind != streets.SuggestOutAndBack {
				continue
			}
			oabs++
			if turn := streets.TurnStreet(s); turn == "" || !strings.Contains(names[i], turn) {
				t.Errorf("%.5f,%.5f: %q does not say where it turns (%q)", req.Lat, req.Lon, names[i], turn)
			}
		}
		if oabs < 2 {
			t.Errorf("%.5f,%.5f %.0f m: %d out-and-backs, want several (the class this test is about)", req.Lat, req.Lon, req.DistanceM, oabs)
		}
		t.Logf("%.5f,%.5f %.0f m: %q", req.Lat, req.Lon, req.DistanceM, names)
	}
}
