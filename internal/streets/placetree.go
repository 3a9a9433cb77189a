package streets

import (
	"context"
	"math"
	"rekindle/internal/geo"
	"slices"
)

// The tree round for runs to a place (issue 15, as treeloop.go for round
// trips): where the ellipse shapes give only busy runs to the place, or
// none of the length, the run is grown from the quietest ways out. One
// Dijkstra from the start at the tree round's price (busy roads
// treeBusyFactor more than the first round: ×20 their length and more),
// pruned at the longest length allowed, reaches every vertex by its
// quietest way. A run goes out along that tree to a via x (the place
// itself first) and on to the place by the cheapest way that runs none of
// the same edges and keeps the whole within the tolerance (A* pruned by
// length); there and back, it then comes back by the cheapest way that runs
// none of the edges so far. Vias lie at a fifth to four fifths of the
// target (one way) or a tenth to three fifths (there and back), tried
// where an ordinary way on looks like it fits, round-robin over sixteen
// headings, at most placeTreeVias per place; a place stops at Count quiet
// runs unlike each other.

// placeTreeVias bounds the vias tried per place by the tree round.
const placeTreeVias = 24

// placeTreeRound builds run-to-a-place candidates by the tree round, to the
// same places toPlace chooses.
// Where the tree round's price (the request's surface and history, busy
// roads dearer) finds no run ≤ MaxBusyShare busy, a second pass prices busy
// metres alone (length, busy roads ×quietBusyFactor).
func (g *Graph) placeTreeRound(ctx context.Context, req Request, start int32) []*candidate {
	var out []*candidate
	for _, busyOnly := range []bool{false, true} {
		p := &planner{g: g, req: req, tree: true, busyOnly: busyOnly, start: start, origin: start}
		p.base = p.edgeCosts()
		p.core = g.Core()
		dests, note, err := p.placeDests()
		if err != nil {
			return nil
		}
		w := p.newWorker()
		out = append(out, w.placeTreeCandidates(ctx, dests, note)...)
		w.release()
		if ctx.Err() != nil || slices.ContainsFunc(out, func(c *candidate) bool { return busyLength(g, c.edges) <= MaxBusyShare*c.lengthM }) {
			break
		}
	}
	return out
}

// quietBusyFactor prices a busy metre in the busy-metre pass.
const quietBusyFactor = 20

func (w *worker) placeTreeCandidates(ctx context.Context, dests []Place, note string) []*candidate {
	p := w.p
	g := p.g
	s := w.s
	L := p.req.DistanceM
	kind := refusalKind(p.req)
	oneWay := kind == SuggestPointToPoint
	slack := tolerance(p.req, kind)*L - 0.1 // a margin for rounding
	maxLen := L + slack
	start := p.start
	slat, slon := g.lat[start], g.lon[start]
	w.clearFixed()
	settled := w.lengthTree(start, maxLen)
	st, plen := s.st, s.lengths()

	// The ways out, per place, read off the one tree before any other
	// search reuses its arrays.
	type route struct {
		dest Place
		out  Path
	}
	var routes []route
	for _, d := range dests {
		t := d.Node
		home := 0.0 // the straight line back from the place
		lo, hi := 0.2*L, 0.8*L
		if !oneWay {
			home = geo.FastDistance(g.lat[t], g.lon[t], slat, slon)
			lo, hi = 0.1*L, 0.6*L
		}
		if path, ok := s.PathTo(t); ok && len(path.Edges) > 0 && path.LengthM+home <= maxLen {
			routes = append(routes, route{d, path}) // straight to the place by its quietest way
		}
		// The tree's ways through the place itself lead nowhere new: the
		// way on would have to come back into it by other edges.
		beyond := map[int32]bool{t: true}
		for _, n := range settled {
			if e := st[n].pred; n != start && e >= 0 && beyond[g.eu[e]^g.ev[e]^n] {
				beyond[n] = true
			}
		}
		var vias []via
		for _, n := range settled {
			l := float64(plen[n])
			if beyond[n] || l < lo || l > hi || !p.core[n] {
				continue // beyond a bridge no way on runs other edges
			}
			on := geo.FastDistance(g.lat[n], g.lon[n], g.lat[t], g.lon[t]) + home
			vias = append(vias, via{n, math.Abs((L-l)/max(1, on) - 1.3), headingOf(slat, slon, g.lat[n], g.lon[n])})
		}
		for _, path := range s.pathsByHeading(vias, placeTreeVias) {
			routes = append(routes, route{d, path})
		}
	}

	var out []*candidate
	quiet := map[int32][]map[int32]float64{} // per place, the quiet runs found, unlike each other
	for _, r := range routes {
		if ctx.Err() != nil {
			break
		}
		t := r.dest.Node
		if len(quiet[t]) >= p.req.Count {
			continue
		}
		w.newAttempt()
		for _, e := range r.out.Edges {
			w.mark(e)
		}
		wk := walk{nodes: slices.Clone(r.out.Nodes), edges: slices.Clone(r.out.Edges)}
		length := r.out.LengthM
		home := 0.0
		if !oneWay {
			home = geo.FastDistance(g.lat[t], g.lon[t], slat, slon)
		}
		x := r.out.Nodes[len(r.out.Nodes)-1]
		if x != t {
			on, ok := w.boundedLeg(x, t, maxLen-length-home)
			if !ok {
				continue
			}
			for _, e := range on.Edges {
				w.mark(e)
			}
			wk.nodes = append(wk.nodes, on.Nodes[1:]...)
			wk.edges = append(wk.edges, on.Edges...)
			length += on.LengthM
		}
		kindHere := SuggestPointToPoint
		if !oneWay {
			back, ok := w.boundedLeg(t, start, maxLen-length)
			if !ok {
				continue
			}
			wk.nodes = append(wk.nodes, back.Nodes[1:]...)
			wk.edges = append(wk.edges, back.Edges...)
			kindHere = SuggestThereAndBack
		}
		c := w.placeCandidate(kindHere, wk, p2pSpec{dest: r.dest}, note)
		if !p.withinTolerance(c) {
			continue
		}
		out = append(out, c)
		if busyLength(g, c.edges) <= MaxBusyShare*c.lengthM {
			set := edgeSet(g, c.edges)
			if !slices.ContainsFunc(quiet[t], func(o map[int32]float64) bool { return jaccard(set, o) > 0.5 }) {
				quiet[t] = append(quiet[t], set)
			}
		}
	}
	return out
}
