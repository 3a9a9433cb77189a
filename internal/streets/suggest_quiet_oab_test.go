package streets

import (
	"context"
	"math"
	"slices"
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
	cases := quietOutAndBackStarts

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

// quietOutAndBackStarts are Andorra round trips (TestSuggestKeepsPromise,
// seed 23) where every loop of the length is busy and a quiet out-and-back
// exists.
var quietOutAndBackStarts = []Request{
	{Lat: 42.5492637, Lon: 1.5155001, DistanceM: 17313.93118460688, Surface: PreferMixed},
	{Lat: 42.542179999999995, Lon: 1.521175, DistanceM: 15440.550749320955, Surface: PreferMixed},
	{Lat: 42.5064369, Lon: 1.5329473, DistanceM: 7988.867863856315, Surface: PreferMixed},
	{Lat: 42.580843, Lon: 1.51348, DistanceM: 14384.748406212699, Surface: PreferMixed},
	{Lat: 42.5339843, Lon: 1.5246247, DistanceM: 8695.594390425751, Surface: PreferMixed},
	{Lat: 42.5477006, Lon: 1.5136125999999999, DistanceM: 17264.3915778135, Surface: PreferMixed},
	{Lat: 42.5556122, Lon: 1.5710750999999998, DistanceM: 15330.151299851836, Surface: PreferRoad},
}

// An out-and-back turns in more than one direction where the graph has
// other ways out (issue 15, session 22): where an independent oracle finds
// two quiet out-and-backs of the length unlike each other (length-weighted
// edge Jaccard ≤ 0.5, its own Dijkstra with busy roads ×20), at least two
// out-and-backs are offered, each within tolerance, quiet, unlike the
// others. The starts: the seven above (main offered one out-and-back each)
// and Andorra's valley starts where no loop of the length exists.
func TestSuggestOutAndBackInSeveralDirections(t *testing.T) {
	if testing.Short() {
		t.Skip("Andorra round trips; skipped in -short")
	}
	g := cachedGraph(t, "andorra.osm.pbf")
	cases := append(slices.Clone(quietOutAndBackStarts),
		Request{Lat: 42.55803, Lon: 1.60184, DistanceM: 9796, Surface: PreferTrail},
		Request{Lat: 42.4633, Lon: 1.4911, DistanceM: 12000, Surface: PreferRoad},
		Request{Lat: 42.5708, Lon: 1.4871, DistanceM: 9000, Surface: PreferMixed},
	)
	checked := 0
	for _, req := range cases {
		tol := 0.05
		if req.Surface == PreferTrail {
			tol = 0.10
		}
		sv, _ := g.Nearest(req.Lat, req.Lon)
		ways := quietOutAndBacks(g, sv, req.DistanceM, tol)
		sugg, err := g.Suggest(context.Background(), req)
		if err != nil {
			if ways > 0 {
				t.Errorf("%+v: %v, yet the oracle finds %d quiet out-and-backs", req, err, ways)
			}
			continue
		}
		var oabs []Suggestion
		for _, s := range sugg {
			if s.Kind == SuggestOutAndBack {
				oabs = append(oabs, s)
			}
		}
		t.Logf("%.0f m %s: oracle %d quiet out-and-backs unlike each other; offered %d of %d suggestions out-and-backs", req.DistanceM, req.Surface, ways, len(oabs), len(sugg))
		if len(oabs) == 0 || ways < 2 {
			continue
		}
		checked++
		if len(oabs) < 2 {
			t.Errorf("%+v: one out-and-back offered, yet the oracle finds %d quiet ones unlike each other", req, ways)
		}
		for i, s := range oabs {
			if math.Abs(s.DistanceM-req.DistanceM) > tol*req.DistanceM || s.BusyShare > MaxBusyShare {
				t.Errorf("%+v: out-and-back %d: %.0f m, %.0f%% busy", req, i, s.DistanceM, 100*s.BusyShare)
			}
			for _, o := range oabs[:i] {
				if j := jaccard(edgeSet(g, s.Edges), edgeSet(g, o.Edges)); j > 0.5 {
					t.Errorf("%+v: two out-and-backs alike (Jaccard %.2f)", req, j)
				}
			}
		}
	}
	if checked < 3 {
		t.Errorf("only %d starts where the oracle finds two quiet out-and-backs and one is offered", checked)
	}
}

// quietOutAndBacks counts quiet out-and-backs of length L (within tol) from
// start unlike each other (edge Jaccard ≤ 0.5), turning at vertices the
// oracle's quietest-way tree reaches at half the target, up to three.
func quietOutAndBacks(g *Graph, start int32, L, tol float64) int {
	o := newOracleSearch(g, nil)
	settled := o.run(start, -1, 0, 0, L*(1+tol)/2, nil)
	var sets []map[int32]float64
	for _, n := range settled {
		if n == start || math.Abs(2*o.length[n]-L) > tol*L || o.busy[n] > MaxBusyShare*o.length[n] {
			continue
		}
		set := map[int32]float64{}
		for x := n; x != start; {
			e := o.pred[x]
			set[e] = float64(g.elen[e])
			x = g.eu[e] ^ g.ev[e] ^ x
		}
		if !slices.ContainsFunc(sets, func(s map[int32]float64) bool { return jaccard(set, s) > 0.5 }) {
			if sets = append(sets, set); len(sets) >= 3 {
				break
			}
		}
	}
	return len(sets)
}
