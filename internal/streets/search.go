package streets

import (
	"errors"
	"fmt"
	"math"
	"rekindle/internal/geo"
	"slices"
)

// Cost prices an edge for a search. It must return a value ≥ 0; +Inf (or a
// negative value) forbids the edge. A nil Cost is the edge length.
type Cost func(e int32) float64

// Path is a route through the graph.
type Path struct {
	Nodes   []int32 // from … to
	Edges   []int32 // len(Nodes)-1
	LengthM float64
	Cost    float64
}

// ErrNoPath is returned when the target cannot be reached.
var ErrNoPath = errors.New("route: no path")

// Search holds reusable search arrays (stamped by generation, so a new
// search does not clear O(n) memory). A Search is not safe for concurrent
// use; make one per goroutine with NewSearch, or use Graph.ShortestPath,
// which pools them.
type Search struct {
	g    *Graph
	st   []nodeState // per node, one cache line touched per visit
	gen  uint32      // even: a record's mark is gen (labelled) or gen+1 (settled)
	from int32
	// length is the tree round's path length per vertex (lengths).
	length []float32
	heap   nodeHeap

	// A suggestion worker's edge marks, kept with the pooled Search so
	// that no request allocates and clears them (see worker).
	marks      []edgeMark
	ugen, fgen uint32

	// Heuristic scales the straight-line distance used by A*: the search is
	// exact when every edge costs at least Heuristic × its length. 1 by
	// default (costs are length × factors ≥ 1); 0 makes it Dijkstra.
	Heuristic float64
}

// nodeState is a search's record of one vertex: 16 bytes, four to a cache
// line (a search's hottest array).
type nodeState struct {
	dist float64
	pred int32  // edge into the node
	mark uint32 // == gen: dist and pred belong to this search; == gen+1: settled too
}

// NewSearch makes a Search over g.
func (g *Graph) NewSearch() *Search {
	n := len(g.lat)
	return &Search{g: g, st: make([]nodeState, n), Heuristic: 1}
}

func (s *Search) reset() {
	s.gen += 2      // gen labelled, gen+1 settled
	if s.gen == 0 { // wrapped: clear once every 2 billion searches
		clear(s.st)
		s.gen = 2
	}
	s.heap = s.heap[:0]
}

// lengths is the per-vertex path length in metres for the searches that
// track it (the tree round), valid where the search has labelled a vertex;
// made on first use.
func (s *Search) lengths() []float32 {
	if s.length == nil {
		s.length = make([]float32, len(s.st))
	}
	return s.length
}

func (s *Search) relax(v, e int32, d, key float64) {
	if sv := &s.st[v]; sv.mark != s.gen || d < sv.dist {
		sv.mark, sv.dist, sv.pred = s.gen, d, e
		s.heap.push(heapItem{node: v, key: key})
	}
}

func edgeCost(g *Graph, cost Cost, e int32) float64 {
	if cost == nil {
		return float64(g.elen[e])
	}
	c := cost(e)
	if c < 0 || math.IsNaN(c) {
		return math.Inf(1)
	}
	return c
}

// ShortestPath finds the cheapest path from one vertex to another with A*.
func (s *Search) ShortestPath(from, to int32, cost Cost) (Path, error) {
	g := s.g
	if from < 0 || to < 0 || int(from) >= len(g.lat) || int(to) >= len(g.lat) {
		return Path{}, errors.New("route: shortest path: node out of range")
	}
	s.reset()
	h := s.Heuristic
	tlat, tlon := g.lat[to], g.lon[to]
	s.relax(from, -1, 0, h*geo.FastDistance(g.lat[from], g.lon[from], tlat, tlon))
	for len(s.heap) > 0 {
		it := s.heap.pop()
		u := it.node
		if s.st[u].mark == s.gen+1 {
			continue
		}
		s.st[u].mark = s.gen + 1
		if u == to {
			return s.path(from, to), nil
		}
		du := s.st[u].dist
		for a := g.off[u]; a < g.off[u+1]; a++ {
			v, e := g.arcHead[a], g.arcEdge[a]
			if s.st[v].mark == s.gen+1 {
				continue
			}
			c := edgeCost(g, cost, e)
			if math.IsInf(c, 1) {
				continue
			}
			d := du + c
			if s.st[v].mark != s.gen || d < s.st[v].dist {
				// 0.999 keeps the heuristic admissible despite the equirectangular approximation.
				s.relax(v, e, d, d+h*0.999*geo.FastDistance(g.lat[v], g.lon[v], tlat, tlon))
			}
		}
	}
	return Path{}, ErrNoPath
}

func (s *Search) path(from, to int32) Path {
	g := s.g
	p := Path{Cost: s.st[to].dist}
	for n := to; n != from; {
		e := s.st[n].pred
		p.Edges = append(p.Edges, e)
		p.Nodes = append(p.Nodes, n)
		p.LengthM += float64(g.elen[e])
		if g.eu[e] == n {
			n = g.ev[e]
		} else {
			n = g.eu[e]
		}
	}
	p.Nodes = append(p.Nodes, from)
	slices.Reverse(p.Nodes)
	slices.Reverse(p.Edges)
	return p
}

// Within runs Dijkstra from a vertex and calls fn for every vertex settled
// with a cost ≤ maxCost, in increasing order of cost. fn returning false
// stops the search. PathTo can rebuild the path to any settled vertex until
// the next search on s.
func (s *Search) Within(from int32, maxCost float64, cost Cost, fn func(node int32, cost float64) bool) {
	g := s.g
	if from < 0 || int(from) >= len(g.lat) {
		return
	}
	s.reset()
	s.from = from
	s.relax(from, -1, 0, 0)
	for len(s.heap) > 0 {
		it := s.heap.pop()
		u := it.node
		if s.st[u].mark == s.gen+1 {
			continue
		}
		du := s.st[u].dist
		if du > maxCost {
			return
		}
		s.st[u].mark = s.gen + 1
		if !fn(u, du) {
			return
		}
		for a := g.off[u]; a < g.off[u+1]; a++ {
			v, e := g.arcHead[a], g.arcEdge[a]
			if s.st[v].mark == s.gen+1 {
				continue
			}
			c := edgeCost(g, cost, e)
			if math.IsInf(c, 1) {
				continue
			}
			s.relax(v, e, du+c, du+c)
		}
	}
}

// PathTo rebuilds the path to a vertex settled by the last Within call.
func (s *Search) PathTo(to int32) (Path, bool) {
	if to < 0 || int(to) >= len(s.g.lat) || s.st[to].mark != s.gen+1 {
		return Path{}, false
	}
	return s.path(s.from, to), true
}

// ShortestPath finds the cheapest path between two vertices (A* with a
// pooled Search; safe for concurrent use).
func (g *Graph) ShortestPath(from, to int32, cost Cost) (Path, error) {
	s, _ := g.pool.Get().(*Search)
	if s == nil {
		s = g.NewSearch()
	}
	defer g.pool.Put(s)
	s.Heuristic = 1
	return s.ShortestPath(from, to, cost)
}

type heapItem struct {
	node int32
	key  float64
}

// nodeHeap is a 4-ary min-heap on key: half the levels of a binary heap,
// and the four children of a node share a cache line, so a pop (most of a
// search's time after its memory reads) compares more but moves less.
type nodeHeap []heapItem

func (h *nodeHeap) push(it heapItem) {
	a := append(*h, it)
	i := len(a) - 1
	for i > 0 {
		p := (i - 1) >> 2
		if a[p].key <= it.key {
			break
		}
		a[i] = a[p]
		i = p
	}
	a[i] = it
	*h = a
}

func (h *nodeHeap) pop() heapItem {
	a := *h
	top := a[0]
	last := len(a) - 1
	x := a[last]
	a = a[:last]
	n := len(a)
	i := 0
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		m, mk := c, a[c].key
		for j := c + 1; j < min(c+4, n); j++ {
			if a[j].key < mk {
				m, mk = j, a[j].key
			}
		}
		if x.key <= mk {
			break
		}
		a[i] = a[m]
		i = m
	}
	if n > 0 {
		a[i] = x
	}
	*h = a
	return top
}

// Snap is a position projected onto the nearest edge.
type Snap struct {
	Edge  int32
	T     float64 // fraction along the edge from its From vertex
	DistM float64 // from the position to the edge
}

// SnapToEdge finds the edge closest to a position within maxM metres.
func (g *Graph) SnapToEdge(lat, lon, maxM float64) (Snap, bool) {
	best := Snap{Edge: -1, DistM: math.Inf(1)}
	for r := 50.0; ; r *= 4 {
		r = min(r, maxM)
		g.EdgesNear(lat, lon, r, func(e int32) {
			if d, t := g.projectOnEdge(e, lat, lon); d < best.DistM || (d == best.DistM && e < best.Edge) {
				best = Snap{Edge: e, T: t, DistM: d}
			}
		})
		if best.DistM <= r || r >= maxM {
			break
		}
	}
	return best, best.Edge >= 0 && best.DistM <= maxM
}

// PointToPoint finds the cheapest path between two snapped positions (the
// partial edges at both ends included in LengthM and Cost).
func (s *Search) PointToPoint(a, b Snap, cost Cost) (Path, error) {
	g := s.g
	if a.Edge < 0 || b.Edge < 0 || int(a.Edge) >= len(g.eu) || int(b.Edge) >= len(g.eu) {
		return Path{}, errors.New("route: point to point: bad snap")
	}
	ca, cb := edgeCost(g, cost, a.Edge), edgeCost(g, cost, b.Edge)
	la, lb := float64(g.elen[a.Edge]), float64(g.elen[b.Edge])
	blat, blon := g.lat[g.eu[b.Edge]], g.lon[g.eu[b.Edge]]
	blat += b.T * (g.lat[g.ev[b.Edge]] - blat)
	blon += b.T * (g.lon[g.ev[b.Edge]] - blon)
	h := s.Heuristic * 0.999
	s.reset()
	s.from = -1
	startCost := [2]float64{a.T * ca, (1 - a.T) * ca}
	for i, n := range [2]int32{g.eu[a.Edge], g.ev[a.Edge]} {
		if !math.IsInf(startCost[i], 1) {
			s.relax(n, -1, startCost[i], startCost[i]+h*geo.FastDistance(g.lat[n], g.lon[n], blat, blon))
		}
	}
	endCost := map[int32]float64{g.eu[b.Edge]: b.T * cb, g.ev[b.Edge]: (1 - b.T) * cb}
	best, bestEnd := math.Inf(1), int32(-1)
	if a.Edge == b.Edge && !math.IsInf(ca, 1) {
		best = math.Abs(a.T-b.T) * ca
	}
	for len(s.heap) > 0 {
		it := s.heap.pop()
		if it.key >= best {
			break
		}
		u := it.node
		if s.st[u].mark == s.gen+1 {
			continue
		}
		s.st[u].mark = s.gen + 1
		du := s.st[u].dist
		if ec, ok := endCost[u]; ok && du+ec < best {
			best, bestEnd = du+ec, u
		}
		for ar := g.off[u]; ar < g.off[u+1]; ar++ {
			v, e := g.arcHead[ar], g.arcEdge[ar]
			if s.st[v].mark == s.gen+1 {
				continue
			}
			c := edgeCost(g, cost, e)
			if math.IsInf(c, 1) {
				continue
			}
			if d := du + c; s.st[v].mark != s.gen || d < s.st[v].dist {
				s.relax(v, e, d, d+h*geo.FastDistance(g.lat[v], g.lon[v], blat, blon))
			}
		}
	}
	if math.IsInf(best, 1) {
		return Path{}, ErrNoPath
	}
	if bestEnd < 0 { // along the one shared edge
		return Path{Edges: []int32{a.Edge}, LengthM: math.Abs(a.T-b.T) * la, Cost: best}, nil
	}
	// Walk back to whichever end of the start edge the search came from.
	p := Path{Cost: best}
	n := bestEnd
	for {
		e := s.st[n].pred
		p.Nodes = append(p.Nodes, n)
		if e < 0 {
			break
		}
		p.Edges = append(p.Edges, e)
		p.LengthM += float64(g.elen[e])
		if g.eu[e] == n {
			n = g.ev[e]
		} else {
			n = g.eu[e]
		}
	}
	slices.Reverse(p.Nodes)
	slices.Reverse(p.Edges)
	if p.Nodes[0] == g.eu[a.Edge] {
		p.LengthM += a.T * la
	} else {
		p.LengthM += (1 - a.T) * la
	}
	if bestEnd == g.eu[b.Edge] {
		p.LengthM += b.T * lb
	} else {
		p.LengthM += (1 - b.T) * lb
	}
	p.Edges = append(append([]int32{a.Edge}, p.Edges...), b.Edge)
	return p, nil
}

// RoutePoints snaps two positions to the graph (within 500 m) and finds the
// cheapest path between them; LengthM excludes the snap distances.
func (g *Graph) RoutePoints(lat1, lon1, lat2, lon2 float64, cost Cost) (Path, error) {
	a, ok := g.SnapToEdge(lat1, lon1, 500)
	if !ok {
		return Path{}, fmt.Errorf("route: no street within 500 m of %.6f,%.6f", lat1, lon1)
	}
	b, ok := g.SnapToEdge(lat2, lon2, 500)
	if !ok {
		return Path{}, fmt.Errorf("route: no street within 500 m of %.6f,%.6f", lat2, lon2)
	}
	s, _ := g.pool.Get().(*Search)
	if s == nil {
		s = g.NewSearch()
	}
	defer g.pool.Put(s)
	s.Heuristic = 1
	return s.PointToPoint(a, b, cost)
}
