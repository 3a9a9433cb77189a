package streets

import (
	"math"
	"rekindle/internal/geo"
)

// legSearch is A* for the legs of a suggestion: the heuristic is weighted
// (legWeight × straight-line distance, so a leg costs at most a few percent
// more than the cheapest, for a fraction of the settled vertices) and the
// search gives up once the estimated total exceeds maxCost, so a leg that
// cannot be routed under the edge marks fails fast instead of exploring the
// whole map. The edge cost is the planner's price, with the edges marked by
// the worker forbidden (soft false) or priced ×5 (soft true): the same as
// w.strict and w.soft, written out in the loop that takes most of a
// suggestion's time. Costs are ≥ the edge length (every factor ≥ 1).
func (w *worker) legSearch(from, to int32, soft bool, maxCost float64) (Path, bool) {
	s := w.s
	g := s.g
	s.reset()
	st, gen := s.st, s.gen
	base, marks, ugen, fgen := w.p.base, w.marks, w.gen, w.fgen
	off, arcHead, arcEdge, glat, glon := g.off, g.arcHead, g.arcEdge, g.lat, g.lon
	tlat, tlon := glat[to], glon[to]
	// One cosine for the whole search: legs span a few kilometres.
	const rad = math.Pi / 180
	kx := math.Cos(tlat*rad) * geo.EarthRadiusM * rad
	ky := geo.EarthRadiusM * rad
	h := func(n int32) float64 {
		dx := (glon[n] - tlon) * kx
		dy := (glat[n] - tlat) * ky
		return legWeight * math.Sqrt(dx*dx+dy*dy)
	}
	s.relax(from, -1, 0, h(from))
	for len(s.heap) > 0 {
		it := s.heap.pop()
		u := it.node
		su := &st[u]
		if su.done == gen {
			continue
		}
		if it.key > maxCost {
			return Path{}, false
		}
		su.done = gen
		if u == to {
			return s.path(from, to), true
		}
		du := su.dist
		for a, end := off[u], off[u+1]; a < end; a++ {
			v := arcHead[a]
			sv := &st[v]
			if sv.done == gen {
				continue
			}
			e := arcEdge[a]
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
			if sv.stamp != gen || d < sv.dist {
				sv.stamp, sv.dist, sv.pred = gen, d, e
				s.heap.push(heapItem{node: v, key: d + h(v)})
			}
		}
	}
	return Path{}, false
}

// legWeight inflates the A* heuristic (weighted A*): paths cost at most
// legWeight × the optimum, in practice within a few percent.
const legWeight = 1.3
