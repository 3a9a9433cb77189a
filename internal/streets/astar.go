package streets

import (
	"math"
	"rekindle/internal/geo"
)

// flatLine measures straight lines to one vertex on a local flat
// projection: one cosine for a whole search (legs span a few kilometres).
type flatLine struct {
	ll         []latLon
	tlat, tlon float64
	kx, ky     float64
}

// lineTo returns the straight-line measure to the layout's slot to.
func (l *searchLayout) lineTo(to int32) flatLine {
	const rad = math.Pi / 180
	t := l.ll[to]
	return flatLine{ll: l.ll, tlat: t.lat, tlon: t.lon,
		kx: math.Cos(t.lat*rad) * geo.EarthRadiusM * rad, ky: geo.EarthRadiusM * rad}
}

// metres is the straight line from slot n to the target.
func (l *flatLine) metres(n int32) float64 {
	p := &l.ll[n]
	dx := (p.lon - l.tlon) * l.kx
	dy := (p.lat - l.tlat) * l.ky
	return math.Sqrt(dx*dx + dy*dy)
}

// legSearch is A* for the legs of a suggestion: the heuristic is weighted
// (legWeight × straight-line distance, so a leg costs at most a few percent
// more than the cheapest, for a fraction of the settled vertices) and the
// search gives up once the estimated total exceeds maxCost, so a leg that
// cannot be routed under the edge marks fails fast instead of exploring the
// whole map. The edge cost is the planner's price, with the edges marked by
// the worker forbidden (soft false) or priced ×5 (soft true): the same as
// w.strict and w.soft, written out in the loop that takes most of a
// suggestion's time. Costs are ≥ the edge length (every factor ≥ 1).
// It runs on the graph's search layout (slots along a Hilbert curve); from,
// to and the path are the graph's vertices.
func (w *worker) legSearch(from, to int32, soft bool, maxCost float64) (Path, bool) {
	s := w.s
	l := s.g.layout()
	from, to = l.slot[from], l.slot[to]
	s.reset()
	st, gen := s.st, s.gen
	base, marks, ugen, fgen := w.p.base, w.marks, w.gen, w.fgen
	line := l.lineTo(to)
	off, arcs := l.off, l.arcs
	h := func(n int32) float64 { return legWeight * line.metres(n) }
	s.relax(from, -1, 0, h(from))
	for len(s.heap) > 0 {
		it := s.heap.pop()
		u := it.node
		su := &st[u]
		if su.mark == gen+1 {
			continue
		}
		if it.key > maxCost {
			return Path{}, false
		}
		su.mark = gen + 1
		if u == to {
			return s.layoutPath(l, from, to), true
		}
		du, pred := su.dist, su.pred
		for _, ar := range arcs[off[u]:off[u+1]] {
			v, e := ar.head, ar.edge
			if e == pred {
				continue // back to the vertex u was reached from: settled (spares a cache miss)
			}
			sv := &st[v]
			if sv.mark == gen+1 {
				continue
			}
			c := float64(base[e])
			if m := marks[e]; m.used == ugen || m.fixed == fgen {
				if !soft {
					continue
				}
				c *= 5
			}
			if math.IsInf(c, 1) {
				continue
			}
			d := du + c
			if sv.mark != gen || d < sv.dist {
				sv.mark, sv.dist, sv.pred = gen, d, e
				s.heap.push(heapItem{node: v, key: d + h(v)})
			}
		}
	}
	return Path{}, false
}

// legWeight inflates the A* heuristic (weighted A*): paths cost at most
// legWeight × the optimum, in practice within a few percent.
const legWeight = 1.3
