package streets

import (
	"context"
	"math"
	"testing"
)

// Where every loop of the length from a start runs busy roads for more than
// MaxBusyShare and an out-and-back on quiet streets exists, the quiet
// out-and-back is offered, labelled as one, and no busy loop beside it
// (issue 15: "when the graph has them, busy-road share ≤ 25%"). The starts
// are the Andorra round trips of TestSuggestKeepsPromise (seed 23) where
// main offered loops 29–59% busy while the oracle held a quiet
// out-and-back and no quiet loop.
func TestSuggestQuietOutAndBackBeforeBusyLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("seven Andorra round trips; skipped in -short")
	}
	g := cachedGraph(t, "andorra.osm.pbf")
	cases := []Request{
		{Lat: 42.5492637, Lon: 1.5155001, DistanceM: 17313.93118460688, Surface: PreferMixed},
		{Lat: 42.542179999999995, Lon: 1.521175, DistanceM: 15440.550749320955, Surface: PreferMixed},
		{Lat: 42.5064369, Lon: 1.5329473, DistanceM: 7988.867863856315, Surface: PreferMixed},
		{Lat: 42.580843, Lon: 1.51348, DistanceM: 14384.748406212699, Surface: PreferMixed},
		{Lat: 42.5339843, Lon: 1.5246247, DistanceM: 8695.594390425751, Surface: PreferMixed},
		{Lat: 42.5477006, Lon: 1.5136125999999999, DistanceM: 17264.3915778135, Surface: PreferMixed},
		{Lat: 42.5556122, Lon: 1.5710750999999998, DistanceM: 15330.151299851836, Surface: PreferRoad},
	}
	for _, req := range cases {
		sv, _ := g.Nearest(req.Lat, req.Lon)
		// The class: the oracle holds a quiet out-and-back and no quiet loop.
		if wit := quietOracle(g, sv, req.DistanceM, 0.05); !wit.OutAndBack || wit.Loop {
			t.Errorf("%+v: oracle %+v: not the class this test is about", req, wit)
		}
		sugg, err := g.Suggest(context.Background(), req)
		if err != nil {
			t.Errorf("%+v: %v", req, err)
			continue
		}
		s := sugg[0]
		if s.Kind != SuggestOutAndBack || s.BusyShare > MaxBusyShare || s.BusyChecked {
			t.Errorf("%+v: first %s %.0f m %.0f%% busy (checked %v), want a quiet out-and-back", req, s.Kind, s.DistanceM, 100*s.BusyShare, s.BusyChecked)
		}
		if s.Note != quietOutAndBackNote {
			t.Errorf("%+v: note %q, want %q", req, s.Note, quietOutAndBackNote)
		}
		for _, x := range sugg {
			if x.BusyShare > MaxBusyShare {
				t.Errorf("%+v: a %s %.0f%% busy beside the quiet out-and-back", req, x.Kind, 100*x.BusyShare)
			}
			if math.Abs(x.DistanceM-req.DistanceM) > 0.05*req.DistanceM {
				t.Errorf("%+v: %s of %.0f m", req, x.Kind, x.DistanceM)
			}
		}
		t.Logf("%.0f m %s: %s %.0f m, %.1f%% busy, %d offered", req.DistanceM, req.Surface, s.Kind, s.DistanceM, 100*s.BusyShare, len(sugg))
	}
}
