package streets

import "slices"

// searchLayout is the leg searches' copy of the graph's adjacency, with the
// vertices numbered along a Hilbert curve over the graph's bounding box: a
// search's frontier is a compact patch of the map, and with this numbering
// its vertices' records, arcs and positions share cache lines and memory
// pages (the graph's own numbering follows the ways in file order, so the
// vertices of a junction's other street lie anywhere in memory).
//
// The edges are numbered the same way (edge slots, in the order the
// vertices' arcs first meet them), and the arrays a search reads per edge —
// a planner's prices (planner.base) and a worker's marks — are kept in that
// order, next to each other for the edges of one patch.
//
// Only the searches and those arrays see these numbers (slots). The
// graph's vertex and edge ids — in stored graphs, stored matches and
// suggestions — are unchanged, and each vertex's arcs keep their order, so a
// search pushes the same keys in the same order and finds the same ways as
// on the graph's numbering.
type searchLayout struct {
	off   []int32    // slot s's arcs are arcs[off[s]:off[s+1]]
	arcs  []arc      // head: a slot; edge: an edge slot
	ll    []latLon   // per slot
	slot  []int32    // graph vertex → slot
	node  []int32    // slot → graph vertex
	eslot []int32    // graph edge → edge slot
	edge  []int32    // edge slot → graph edge
	elen  []float32  // per edge slot, metres
	ekind []edgeKind // per edge slot
}

// edgeKind is what a planner's price reads of an edge besides its length.
type edgeKind struct {
	class   Class
	surface Surface
	flags   uint8
}

// layout returns the searches' layout, made once per graph.
func (g *Graph) layout() *searchLayout {
	g.hotOnce.Do(func() { g.hot = g.buildLayout() })
	return g.hot
}

func (g *Graph) buildLayout() *searchLayout {
	n := len(g.lat)
	l := &searchLayout{slot: make([]int32, n), node: make([]int32, n)}
	if n == 0 {
		l.off = []int32{0}
		return l
	}
	minLat, minLon, maxLat, maxLon := g.Bounds()
	span := max(maxLat-minLat, maxLon-minLon, 1e-9)
	const side = 1 << 16
	// Sorted by (Hilbert index, vertex): both packed in one uint64 (the
	// index of a 2^16 × 2^16 grid fits 32 bits).
	key := make([]uint64, n)
	for v := range n {
		x := uint32(min(side-1, (g.lon[v]-minLon)/span*side))
		y := uint32(min(side-1, (g.lat[v]-minLat)/span*side))
		key[v] = hilbertIndex(x, y, side)<<32 | uint64(v)
	}
	slices.Sort(key)
	for s, k := range key {
		l.node[s] = int32(uint32(k))
	}
	for s, v := range l.node {
		l.slot[v] = int32(s)
	}
	l.eslot = make([]int32, len(g.eu))
	for e := range l.eslot {
		l.eslot[e] = -1
	}
	l.edge = make([]int32, 0, len(g.eu))
	l.elen = make([]float32, 0, len(g.eu))
	l.ekind = make([]edgeKind, 0, len(g.eu))
	l.off = make([]int32, n+1)
	l.arcs = make([]arc, 0, len(g.arcHead))
	l.ll = make([]latLon, n)
	for s, v := range l.node {
		for a := g.off[v]; a < g.off[v+1]; a++ {
			e := g.arcEdge[a]
			if l.eslot[e] < 0 {
				l.eslot[e] = int32(len(l.edge))
				l.edge = append(l.edge, e)
				l.elen = append(l.elen, g.elen[e])
				l.ekind = append(l.ekind, edgeKind{g.eclass[e], g.esurface[e], g.eflags[e]})
			}
			l.arcs = append(l.arcs, arc{head: l.slot[g.arcHead[a]], edge: l.eslot[e]})
		}
		l.off[s+1] = int32(len(l.arcs))
		l.ll[s] = latLon{g.lat[v], g.lon[v]}
	}
	return l
}

// hilbertIndex is the position of cell (x, y) along the Hilbert curve that
// fills a side × side square (side a power of two).
func hilbertIndex(x, y, side uint32) uint64 {
	var d uint64
	for s := side / 2; s > 0; s /= 2 {
		var rx, ry uint32
		if x&s != 0 {
			rx = 1
		}
		if y&s != 0 {
			ry = 1
		}
		d += uint64(s) * uint64(s) * uint64((3*rx)^ry)
		if ry == 0 { // rotate the quadrant
			if rx == 1 {
				x, y = side-1-x, side-1-y
			}
			x, y = y, x
		}
	}
	return d
}

// layoutPath rebuilds the way a search on the layout found from slot from to
// slot to, in the graph's numbering.
func (s *Search) layoutPath(l *searchLayout, from, to int32) Path {
	g := s.g
	k := 0
	for n := to; n != from; k++ {
		e := l.edge[s.st[n].pred]
		if l.node[n] == g.eu[e] {
			n = l.slot[g.ev[e]]
		} else {
			n = l.slot[g.eu[e]]
		}
	}
	p := Path{Cost: s.st[to].dist, Nodes: make([]int32, k+1), Edges: make([]int32, k)}
	for n := to; n != from; {
		k--
		e := l.edge[s.st[n].pred]
		v := l.node[n]
		p.Edges[k], p.Nodes[k+1] = e, v
		p.LengthM += float64(g.elen[e]) // from the end, as Search.path sums
		if g.eu[e] == v {
			n = l.slot[g.ev[e]]
		} else {
			n = l.slot[g.eu[e]]
		}
	}
	p.Nodes[0] = l.node[from]
	return p
}
