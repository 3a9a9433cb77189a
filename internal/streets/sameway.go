package streets

import (
	"context"
	"math"
	"slices"
)

// The same-way round (issue 15, session 22): the last resort where neither
// the circle or ellipse shapes nor the tree round give anything within
// tolerance. Their searches are priced (surface, busy roads ×20 and more)
// and pruned by the length of the priced way, so a vertex or a place the
// shortest way reaches at half the target may lie beyond every priced way
// that fits: up a valley whose only road is busy, or a trail request where
// only roads lead far enough. This round prices edges by length alone, so
// where an out-and-back of the length exists by the shortest ways it is
// found: a round trip out and back the same way (treeCandidates on the
// length price), a run to a place and back the same way (turning at the
// place). Quiet ways first among those that fit; the busy check that
// follows in plan still applies.

// sameWayRound builds the last-resort candidates for a request.
func (g *Graph) sameWayRound(ctx context.Context, req Request, start int32) []*candidate {
	if req.To != "" && req.OneWay {
		return nil // one way, the ellipse shapes already follow the shortest way when it fits
	}
	p := &planner{g: g, req: req, tree: true, lengthOnly: true, start: start, origin: start}
	p.base = p.edgeCosts()
	p.core = g.Core()
	if req.To == "" {
		// No stem: an out-and-back may turn on the dead-end chain itself
		// (an Andorran start 25 km up a valley from the nearest way round).
		w := p.newWorker()
		defer w.release()
		return w.treeCandidates(ctx, true)
	}
	w := p.newWorker()
	defer w.release()
	return w.placeSameWay()
}

// placeSameWay runs to a place and back the same way: of the places of the
// kind whose shortest way is half the target (within tolerance), the best
// of each heading, quiet ways first.
func (w *worker) placeSameWay() []*candidate {
	p := w.p
	g := p.g
	L := p.req.DistanceM
	slack := tolerance(p.req, SuggestThereAndBack)*L - 0.1
	places := g.FindPlaces(p.req.To, g.lat[p.start], g.lon[p.start])
	at := map[int32]Place{}
	for _, pl := range places {
		if pl.Node != p.start {
			if _, ok := at[pl.Node]; !ok {
				at[pl.Node] = pl
			}
		}
	}
	if len(at) == 0 {
		return nil
	}
	w.clearFixed()
	settled := w.lengthTree(p.start, (L+slack)/2)
	st := w.s.st
	busy := make(map[int32]float32, len(settled))
	best, bestKey, bestQuiet := int32(-1), math.Inf(1), false
	var turns [16]turn
	for _, n := range settled {
		if e := st[n].pred; e >= 0 && n != p.start {
			b := busy[g.eu[e]^g.ev[e]^n]
			if g.eflags[e]&FlagBusy != 0 {
				b += g.elen[e]
			}
			busy[n] = b
		}
		if _, ok := at[n]; !ok {
			continue
		}
		l := float64(st[n].length)
		if l <= 0 || math.Abs(2*l-L) > slack {
			continue
		}
		quiet := float64(busy[n]) <= MaxBusyShare*l
		key := float64(busy[n]) / l
		if quiet && !bestQuiet || quiet == bestQuiet && key < bestKey {
			best, bestKey, bestQuiet = n, key, quiet
		}
		turns[headingOf(g.lat[p.start], g.lon[p.start], g.lat[n], g.lon[n])].offer(n, key, quiet)
	}
	if best < 0 {
		return nil
	}
	return w.outAndBacks(best, turns[:], bestQuiet, func(n int32) *candidate {
		path, ok := w.s.PathTo(n)
		if !ok || len(path.Edges) == 0 {
			return nil
		}
		wk := walk{nodes: slices.Clone(path.Nodes), edges: slices.Clone(path.Edges)}
		for i := len(path.Edges) - 1; i >= 0; i-- {
			wk.edges = append(wk.edges, path.Edges[i])
			wk.nodes = append(wk.nodes, path.Nodes[i])
		}
		return w.placeCandidate(SuggestThereAndBack, wk, p2pSpec{dest: at[n]}, "to the place and back the same way: no other way back fits the length")
	})
}
