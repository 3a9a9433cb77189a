package streets

import (
	"cmp"
	"context"
	"math"
	"rekindle/internal/geo"
	"slices"
)

// The tree round (issue 15, "when the graph has quiet streets"): where the
// circle shapes give only busy round trips or none of the right length, the
// loop is grown from the quietest ways out instead of from a circle. One
// Dijkstra from the start prices busy roads treeBusyFactor more than the
// first round (×20 their length or more), so its tree reaches every vertex
// by its quietest way; a via is a vertex that tree reaches at a quarter to
// half of the target, the loop runs out to it along the tree and back by the
// cheapest way that runs none of the same edges and keeps the whole within
// the tolerance (A* pruned by length). Vias are tried where the way back
// looks like it fits (an ordinary detour over the straight line), spread
// over the headings, at most treeVias of them. Where no loop of the length
// is found, the out-and-back turns at the vertex of the tree at half the
// target whose way there is the quietest; where every loop it finds is
// busy, that out-and-back is offered too when it keeps to quiet streets.
//
// Busy roads are priced, not forbidden: a quiet network cut by an arterial
// is crossed along it (the quiet round forbids them away from the start).

// treeBusyFactor multiplies the first round's price of a busy road in the
// tree round (×2.5 or ×4 already).
const treeBusyFactor = 8

// treeVias bounds the vias tried by the tree round.
const treeVias = 32

// treeRound builds round-trip candidates by the tree round; outAndBack
// allows an out-and-back where no loop of the length is found or every loop
// found is busy.
func (g *Graph) treeRound(ctx context.Context, req Request, start int32, outAndBack bool) []*candidate {
	p := &planner{g: g, req: req, tree: true, start: start, origin: start}
	p.base = p.edgeCosts()
	defer p.releaseCosts()
	p.core = g.Core()
	p.findStem()
	w := p.newWorker()
	defer w.release()
	w.keep(p.stemEdges)
	return w.treeCandidates(ctx, outAndBack)
}

func (w *worker) treeCandidates(ctx context.Context, outAndBack bool) []*candidate {
	p := w.p
	g := p.g
	s := w.s
	L := p.req.DistanceM
	stem := p.stemLength()
	slack := tolerance(p.req, SuggestLoop)*L - 0.1 // a margin for rounding
	loopL := L - stem                              // the loop from the stem's end
	maxLen := L + slack - stem
	if loopL <= 0 || slack <= 0 {
		return nil
	}
	settled := w.lengthTree(p.origin, maxLen/2)
	st, plen := s.st, s.lengths()

	// The out-and-back: of the vertices at half the target, the one whose
	// way there costs least per metre (busy roads weigh ×20 and more),
	// among those whose way there keeps busy roads to MaxBusyShare if any
	// does (the price also weighs surface and novelty).
	// Where the graph has other ways out, out-and-backs turning in other
	// directions follow it (turns), each the best of its heading: choose
	// offers those unlike each other.
	var oabs []*candidate
	if outAndBack {
		best, bestKey, bestQuiet := int32(-1), math.Inf(1), false
		var turns [16]turn                            // the best turn of each heading
		busy := make(map[int32]float32, len(settled)) // busy metres of each vertex's way there
		for _, n := range settled {
			if e := st[n].pred; e >= 0 && n != p.origin {
				u := g.eu[e]
				if u == n {
					u = g.ev[e]
				}
				b := busy[u]
				if g.eflags[e]&FlagBusy != 0 {
					b += g.elen[e]
				}
				busy[n] = b
			}
			l := float64(plen[n])
			if l <= 0 || math.Abs(stem+2*l-L) > slack {
				continue
			}
			quiet := float64(busy[n]) <= MaxBusyShare*l
			key := st[n].dist / l
			if quiet && !bestQuiet || quiet == bestQuiet && key < bestKey {
				best, bestKey, bestQuiet = n, key, quiet
			}
			turns[headingOf(g.lat[p.origin], g.lon[p.origin], g.lat[n], g.lon[n])].offer(n, key, quiet)
		}
		if best >= 0 {
			oabs = w.outAndBacks(best, turns[:], bestQuiet, func(n int32) *candidate {
				path, ok := s.PathTo(n)
				if !ok || len(path.Edges) == 0 {
					return nil
				}
				wk := walk{nodes: slices.Clone(path.Nodes), edges: slices.Clone(path.Edges)}
				for i := len(path.Edges) - 1; i >= 0; i-- {
					wk.edges = append(wk.edges, path.Edges[i])
					wk.nodes = append(wk.nodes, path.Nodes[i])
				}
				wk = p.withStem(wk)
				length, reused := p.measure(wk.edges)
				return &candidate{kind: SuggestOutAndBack, nodes: wk.nodes, edges: wk.edges, lengthM: length, reusedM: reused,
					stemM: stem, note: "the streets here allow no loop of this length: out and back the same way"}
			})
		}
	}

	// Vias, by how well an ordinary way back would fit, round-robin over
	// sixteen headings.
	olat, olon := g.lat[p.origin], g.lon[p.origin]
	var vias []via
	for _, n := range settled {
		d := float64(plen[n])
		if d < 0.25*loopL || d > 0.5*loopL || !p.core[n] {
			continue // beyond a bridge no way back runs other edges
		}
		sl := max(1, geo.FastDistance(olat, olon, g.lat[n], g.lon[n]))
		vias = append(vias, via{n, math.Abs((loopL-d)/sl - 1.3), headingOf(olat, olon, g.lat[n], g.lon[n])})
	}
	outs := s.pathsByHeading(vias, treeVias)

	var out []*candidate
	var quiet []map[int32]float64 // the quiet loops found, unlike each other
	for _, o := range outs {
		if ctx.Err() != nil {
			break
		}
		w.newAttempt()
		for _, e := range o.Edges {
			w.mark(e)
		}
		x := o.Nodes[len(o.Nodes)-1]
		back, ok := w.boundedLeg(x, p.origin, maxLen-o.LengthM)
		if !ok {
			continue
		}
		wk := walk{nodes: slices.Clone(o.Nodes), edges: slices.Clone(o.Edges)}
		wk.nodes = append(wk.nodes, back.Nodes[1:]...)
		wk.edges = append(wk.edges, back.Edges...)
		wk = p.withStem(wk)
		length, reused := p.measure(wk.edges)
		c := &candidate{kind: SuggestLoop, nodes: wk.nodes, edges: wk.edges, lengthM: length, reusedM: reused, stemM: stem,
			heading: geo.Bearing(olat, olon, g.lat[x], g.lon[x])}
		if !p.withinTolerance(c) || c.reuses() {
			continue
		}
		out = append(out, c)
		if busyLength(g, c.edges) <= MaxBusyShare*length {
			// Enough when Count quiet loops unlike each other are found
			// (choose offers no near-duplicates).
			set := edgeSet(g, c.edges)
			if !slices.ContainsFunc(quiet, func(o map[int32]float64) bool { return jaccard(set, o) > 0.5 }) {
				if quiet = append(quiet, set); len(quiet) >= p.req.Count {
					break
				}
			}
		}
	}
	// The out-and-back where no loop of the length was found, or where every
	// loop found runs busy roads past MaxBusyShare and it does not: a quiet
	// out-and-back comes before a busy loop (choose labels it).
	noLoop := len(out) == 0
	for _, oab := range oabs {
		if noLoop || len(quiet) == 0 && busyLength(g, oab.edges) <= MaxBusyShare*oab.lengthM {
			out = append(out, oab)
		}
	}
	return out
}

func busyLength(g *Graph, edges []int32) float64 {
	b := 0.0
	for _, e := range edges {
		if g.eflags[e]&FlagBusy != 0 {
			b += float64(g.elen[e])
		}
	}
	return b
}

// lengthTree runs Dijkstra from a vertex by the planner's price, never
// along a kept edge nor past maxLen metres, and returns the vertices settled
// in order; PathTo rebuilds their ways until the next search.
func (w *worker) lengthTree(from int32, maxLen float64) []int32 {
	s := w.s
	g := s.g
	s.reset()
	s.from = from
	st, gen, plen := s.st, s.gen, s.lengths()
	base, marks, fgen, eslot := w.p.base, w.marks, w.fgen, w.lay.eslot
	s.relax(from, -1, 0, 0)
	plen[from] = 0
	var settled []int32
	for len(s.heap) > 0 {
		it := s.heap.pop()
		u := it.node
		su := &st[u]
		if su.mark == gen+1 {
			continue
		}
		su.mark = gen + 1
		settled = append(settled, u)
		for a := g.off[u]; a < g.off[u+1]; a++ {
			v, e := g.arcHead[a], g.arcEdge[a]
			if e == su.pred {
				continue // back to a settled vertex
			}
			sv := &st[v]
			es := eslot[e]
			if sv.mark == gen+1 || marks[es].fixed == fgen {
				continue
			}
			c := float64(base[es])
			if math.IsInf(c, 1) {
				continue
			}
			nl := plen[u] + g.elen[e]
			if float64(nl) > maxLen {
				continue
			}
			if d := su.dist + c; sv.mark != gen || d < sv.dist {
				sv.mark, sv.dist, sv.pred = gen, d, e
				plen[v] = nl
				s.heap.push(heapItem{node: v, key: d})
			}
		}
	}
	return settled
}

// boundedLeg is legSearch (weighted A*, edges of this attempt and kept ones
// forbidden) with every way pruned when it cannot reach the target within
// maxLen metres (its length so far plus the straight line).
func (w *worker) boundedLeg(from, to int32, maxLen float64) (Path, bool) {
	s := w.s
	g := s.g
	l := g.layout()
	from, to = l.slot[from], l.slot[to]
	s.reset()
	st, gen, plen := s.st, s.gen, s.lengths()
	base, marks, ugen, fgen := w.p.base, w.marks, w.gen, w.fgen
	line := l.lineTo(to)
	off, arcs, elen := l.off, l.arcs, l.elen
	s.relax(from, -1, 0, legWeight*line.metres(from))
	plen[from] = 0
	for len(s.heap) > 0 {
		it := s.heap.pop()
		u := it.node
		su := &st[u]
		if su.mark == gen+1 {
			continue
		}
		su.mark = gen + 1
		if u == to {
			return s.layoutPath(l, from, to), true
		}
		for _, ar := range arcs[off[u]:off[u+1]] {
			v, e := ar.head, ar.edge
			if e == su.pred {
				continue // back to a settled vertex
			}
			sv := &st[v]
			if sv.mark == gen+1 {
				continue
			}
			if m := marks[e]; m.used == ugen || m.fixed == fgen {
				continue
			}
			c := float64(base[e])
			if math.IsInf(c, 1) {
				continue
			}
			nl := plen[u] + elen[e]
			lv := line.metres(v)
			if float64(nl)+0.999*lv > maxLen {
				continue
			}
			if d := su.dist + c; sv.mark != gen || d < sv.dist {
				sv.mark, sv.dist, sv.pred = gen, d, e
				plen[v] = nl
				s.heap.push(heapItem{node: v, key: d + legWeight*lv})
			}
		}
	}
	return Path{}, false
}

// via is a vertex a tree-round search may go out to: key orders the vias
// (lower first: how well an ordinary way on from it would fit), heading is
// its sector of sixteen by bearing from the start (headingOf).
type via struct {
	n       int32
	key     float64
	heading int
}

// headingOf is the sector of sixteen (0 is north) that (lat, lon) lies in,
// seen from (olat, olon).
func headingOf(olat, olon, lat, lon float64) int {
	return int(math.Floor(geo.Bearing(olat, olon, lat, lon)/22.5)) & 15
}

// pathsByHeading is the settled tree's ways out to up to limit of the vias:
// by key within each heading, round-robin over the sixteen headings so that
// the ways out spread around the start.
func (s *Search) pathsByHeading(vias []via, limit int) []Path {
	slices.SortStableFunc(vias, func(a, b via) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.n, b.n)
	})
	var bySector [16][]int32
	for _, v := range vias {
		bySector[v.heading] = append(bySector[v.heading], v.n)
	}
	var outs []Path
	for k := 0; len(outs) < limit; k++ {
		more := false
		for h := range bySector {
			if k < len(bySector[h]) && len(outs) < limit {
				if path, ok := s.PathTo(bySector[h][k]); ok {
					outs = append(outs, path)
				}
				more = true
			}
		}
		if !more {
			break
		}
	}
	return outs
}

// turn is where an out-and-back may turn: the best vertex of one heading,
// quiet ways there (≤ MaxBusyShare busy) first, then the lowest key.
type turn struct {
	n     int32
	key   float64
	quiet bool
	set   bool
}

func (t *turn) offer(n int32, key float64, quiet bool) {
	if !t.set || quiet && !t.quiet || quiet == t.quiet && key < t.key {
		*t = turn{n: n, key: key, quiet: quiet, set: true}
	}
}

// outAndBacks builds the out-and-back turning at first and, where the graph
// has other ways out, up to Count−1 more turning at the best vertex of other
// headings (turns), quiet ones only when the first is quiet, best key
// first, each unlike those before it (length-weighted edge Jaccard ≤ 0.5,
// as choose asks). build makes the out-and-back turning at a vertex.
func (w *worker) outAndBacks(first int32, turns []turn, quietOnly bool, build func(int32) *candidate) []*candidate {
	c := build(first)
	if c == nil {
		return nil
	}
	g := w.p.g
	out := []*candidate{c}
	sets := []map[int32]float64{edgeSet(g, c.edges)}
	more := slices.DeleteFunc(slices.Clone(turns), func(t turn) bool { return !t.set || t.n == first || quietOnly && !t.quiet })
	slices.SortStableFunc(more, func(a, b turn) int {
		if a.quiet != b.quiet {
			if a.quiet {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.key, b.key)
	})
	for _, t := range more {
		if len(out) >= w.p.req.Count {
			break
		}
		c := build(t.n)
		if c == nil {
			continue
		}
		set := edgeSet(g, c.edges)
		if slices.ContainsFunc(sets, func(o map[int32]float64) bool { return jaccard(set, o) > 0.5 }) {
			continue
		}
		out = append(out, c)
		sets = append(sets, set)
	}
	return out
}
