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
// whole map. Costs must be ≥ the edge length (every factor ≥ 1).
func (s *Search) legSearch(from, to int32, cost Cost, maxCost float64) (Path, bool) {
	g := s.g
	s.reset()
	tlat, tlon := g.lat[to], g.lon[to]
	// One cosine for the whole search: legs span a few kilometres.
	const rad = math.Pi / 180
	kx := math.Cos(tlat*rad) * geo.EarthRadiusM * rad
	ky := geo.EarthRadiusM * rad
	h := func(n int32) float64 {
		dx := (g.lon[n] - tlon) * kx
		dy := (g.lat[n] - tlat) * ky
		return legWeight * math.Sqrt(dx*dx+dy*dy)
	}
	s.relax(from, -1, 0, h(from))
	for len(s.heap) > 0 {
		it := s.heap.pop()
		u := it.node
		if s.done[u] == s.gen {
			continue
		}
		if it.key > maxCost {
			return Path{}, false
		}
		s.done[u] = s.gen
		if u == to {
			return s.path(from, to), true
		}
		du := s.dist[u]
		for a := g.off[u]; a < g.off[u+1]; a++ {
			v, e := g.arcHead[a], g.arcEdge[a]
			if s.done[v] == s.gen {
				continue
			}
			c := cost(e)
			if math.IsInf(c, 1) {
				continue
			}
			d := du + c
			if s.stamp[v] != s.gen || d < s.dist[v] {
				s.relax(v, e, d, d+h(v))
			}
		}
	}
	return Path{}, false
}

// legWeight inflates the A* heuristic (weighted A*): paths cost at most
// legWeight × the optimum, in practice within a few percent.
const legWeight = 1.3
