package streets

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"rekindle/internal/geo"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"
)

// Graph is a street and path network for runners in compact arrays (CSR).
// Every OSM node on a kept way is a vertex; every pair of consecutive way
// nodes is an undirected edge (typically 5–50 m long, which is also the
// granularity of street coverage). Only the largest connected component is
// kept. A Graph is read-only after it is built and safe for concurrent use.
type Graph struct {
	lat, lon []float64 // per node, degrees
	osmID    []int64   // per node

	off     []int32 // CSR: arcs of node n are [off[n], off[n+1])
	arcHead []int32
	arcEdge []int32

	eu, ev   []int32
	elen     []float32 // metres
	eclass   []Class
	esurface []Surface
	eflags   []uint8
	ename    []int32 // index into names; 0 is ""
	eway     []int64 // OSM way id

	names []string
	pois  []POI

	nodeGridOnce sync.Once
	nodeGrid     *grid
	edgeGridOnce sync.Once
	edgeGrid     *grid

	pool     sync.Pool // *Search
	costPool sync.Pool // *[]float32: a planner's edge prices (edgeCosts)

	coreOnce sync.Once
	core     []bool // per node: in the largest 2-edge-connected component (see Core)

	// The leg searches' layout (layout.go), made once per graph.
	hotOnce sync.Once
	hot     *searchLayout
}

// arc is one direction of an edge: the vertex it leads to and the edge.
type arc struct{ head, edge int32 }

// latLon is a vertex's position in degrees.
type latLon struct{ lat, lon float64 }

// POI is a point of interest imported with the graph (cafés for point-to-point
// runs, water, toilets), snapped to its nearest graph node.
type POI struct {
	Kind     POIKind
	Lat, Lon float64
	Name     string
	Node     int32
}

// Edge describes one edge of the graph.
type Edge struct {
	ID      int32
	From    int32
	To      int32
	LengthM float64
	Class   Class
	Surface Surface
	Flags   uint8
	Name    string
	WayID   int64
}

// Limits on what BuildGraph accepts (hostile or mistaken input).
const (
	maxOSMNodes = 200_000_000
	maxWayRefs  = 400_000_000
)

// NumNodes is the number of vertices.
func (g *Graph) NumNodes() int { return len(g.lat) }

// NumEdges is the number of undirected edges.
func (g *Graph) NumEdges() int { return len(g.eu) }

// Node returns a vertex's position.
func (g *Graph) Node(n int32) (lat, lon float64) { return g.lat[n], g.lon[n] }

// OSMNodeID returns a vertex's OpenStreetMap node id.
func (g *Graph) OSMNodeID(n int32) int64 { return g.osmID[n] }

// Adj returns the neighbours of n and the edges leading to them (parallel
// slices owned by the graph: do not modify).
func (g *Graph) Adj(n int32) (heads, edges []int32) {
	a, b := g.off[n], g.off[n+1]
	return g.arcHead[a:b], g.arcEdge[a:b]
}

// Edge returns an edge's attributes.
func (g *Graph) Edge(e int32) Edge {
	return Edge{ID: e, From: g.eu[e], To: g.ev[e], LengthM: float64(g.elen[e]), Class: g.eclass[e],
		Surface: g.esurface[e], Flags: g.eflags[e], Name: g.names[g.ename[e]], WayID: g.eway[e]}
}

// EdgeLength returns an edge's length in metres.
func (g *Graph) EdgeLength(e int32) float64 { return float64(g.elen[e]) }

// EdgeClass returns an edge's runnability class.
func (g *Graph) EdgeClass(e int32) Class { return g.eclass[e] }

// EdgeSurface returns an edge's surface.
func (g *Graph) EdgeSurface(e int32) Surface { return g.esurface[e] }

// EdgeName returns an edge's street name ("" when unnamed).
func (g *Graph) EdgeName(e int32) string { return g.names[g.ename[e]] }

// EdgeNameID returns the index of an edge's name in Names (0 is unnamed).
func (g *Graph) EdgeNameID(e int32) int32 { return g.ename[e] }

// Names is the graph's street-name table; index 0 is "".
func (g *Graph) Names() []string { return g.names }

// EdgeEnds returns an edge's end vertices.
func (g *Graph) EdgeEnds(e int32) (u, v int32) { return g.eu[e], g.ev[e] }

// POIs returns the imported points of interest.
func (g *Graph) POIs() []POI { return g.pois }

// Bounds returns the bounding box of the vertices.
func (g *Graph) Bounds() (minLat, minLon, maxLat, maxLon float64) {
	if len(g.lat) == 0 {
		return 0, 0, 0, 0
	}
	minLat, maxLat = slices.Min(g.lat), slices.Max(g.lat)
	minLon, maxLon = slices.Min(g.lon), slices.Max(g.lon)
	return
}

// TotalLength sums edge lengths per class.
func (g *Graph) TotalLength() map[Class]float64 {
	m := map[Class]float64{}
	for e := range g.elen {
		m[g.eclass[e]] += float64(g.elen[e])
	}
	return m
}

// areaPOI is a point of interest mapped as a way (its node refs in areaRefs).
type areaPOI struct {
	kind       POIKind
	name       string
	first, end int
}

// rawWay is a kept way during import.
type rawWay struct {
	id         int64
	first, end int // range in refs
	attrs      wayAttrs
}

// BuildGraph reads an OpenStreetMap PBF extract and builds the runner's graph
// in one pass (node coordinates are kept for every node, so element order in
// the file does not matter).
func BuildGraph(ctx context.Context, r io.Reader) (*Graph, error) {
	sc := osmpbf.New(ctx, newPBFGuard(r), max(1, runtime.GOMAXPROCS(0)))
	sc.SkipRelations = true
	defer sc.Close()

	var (
		nodeIDs  []int64
		nodeLat  []int32 // 1e-7 degrees
		nodeLon  []int32
		sorted   = true
		refs     []int64
		ways     []rawWay
		barriers []int64
		pois     []POI
		poiIDs   []int64
		areas    []areaPOI
		areaRefs []int64
	)
	nodeIDs = make([]int64, 0, 1<<16)
	for sc.Scan() {
		switch o := sc.Object().(type) {
		case *osm.Node:
			if len(nodeIDs) >= maxOSMNodes {
				return nil, fmt.Errorf("route: build graph: more than %d nodes", maxOSMNodes)
			}
			id := int64(o.ID)
			if n := len(nodeIDs); n > 0 && nodeIDs[n-1] >= id {
				sorted = false
			}
			nodeIDs = append(nodeIDs, id)
			nodeLat = append(nodeLat, int32(math.Round(o.Lat*1e7)))
			nodeLon = append(nodeLon, int32(math.Round(o.Lon*1e7)))
			if len(o.Tags) > 0 {
				if barrierBlocks(o.Tags) {
					barriers = append(barriers, id)
				}
				if k := poiKind(o.Tags); k != 0 {
					pois = append(pois, POI{Kind: k, Lat: o.Lat, Lon: o.Lon, Name: o.Tags.Find("name")})
					poiIDs = append(poiIDs, id)
				}
			}
		case *osm.Way:
			if k := poiKind(o.Tags); k != 0 && len(o.Nodes) > 0 && len(areaRefs)+len(o.Nodes) <= maxWayRefs {
				// A café or park mapped as an area: placed at the mean of its nodes.
				areas = append(areas, areaPOI{kind: k, name: o.Tags.Find("name"), first: len(areaRefs), end: len(areaRefs) + len(o.Nodes)})
				for _, wn := range o.Nodes {
					areaRefs = append(areaRefs, int64(wn.ID))
				}
			}
			a := classifyWay(o.Tags)
			if a.class == ClassExcluded || len(o.Nodes) < 2 {
				continue
			}
			if len(refs)+len(o.Nodes) > maxWayRefs {
				return nil, fmt.Errorf("route: build graph: more than %d way node references", maxWayRefs)
			}
			w := rawWay{id: int64(o.ID), first: len(refs), attrs: a}
			for _, wn := range o.Nodes {
				refs = append(refs, int64(wn.ID))
			}
			w.end = len(refs)
			ways = append(ways, w)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("route: build graph: read pbf: %w", err)
	}
	if len(ways) == 0 {
		return nil, errors.New("route: build graph: no runnable ways in the extract")
	}
	if !sorted {
		idx := make([]int32, len(nodeIDs))
		for i := range idx {
			idx[i] = int32(i)
		}
		sort.Slice(idx, func(a, b int) bool { return nodeIDs[idx[a]] < nodeIDs[idx[b]] })
		ids, la, lo := make([]int64, len(idx)), make([]int32, len(idx)), make([]int32, len(idx))
		for i, j := range idx {
			ids[i], la[i], lo[i] = nodeIDs[j], nodeLat[j], nodeLon[j]
		}
		nodeIDs, nodeLat, nodeLon = ids, la, lo
	}
	find := func(id int64) int32 {
		i, ok := slices.BinarySearch(nodeIDs, id)
		if !ok {
			return -1
		}
		return int32(i)
	}
	for _, a := range areas {
		var sLat, sLon float64
		n := 0
		for _, ref := range areaRefs[a.first:a.end] {
			if i := find(ref); i >= 0 {
				sLat += float64(nodeLat[i]) * 1e-7
				sLon += float64(nodeLon[i]) * 1e-7
				n++
			}
		}
		if n > 0 {
			pois = append(pois, POI{Kind: a.kind, Lat: sLat / float64(n), Lon: sLon / float64(n), Name: a.name})
			poiIDs = append(poiIDs, -1)
		}
	}
	areas, areaRefs = nil, nil
	blocked := map[int32]bool{}
	for _, id := range barriers {
		if i := find(id); i >= 0 {
			blocked[i] = true
		}
	}

	// Vertices: every resolved node of a kept way, numbered in order of first use.
	vert := make([]int32, len(nodeIDs))
	for i := range vert {
		vert[i] = -1
	}
	b := &builder{}
	nameIdx := map[string]int32{"": 0}
	b.names = []string{""}
	for _, w := range ways {
		nid, ok := nameIdx[w.attrs.name]
		if !ok {
			nid = int32(len(b.names))
			nameIdx[w.attrs.name] = nid
			b.names = append(b.names, w.attrs.name)
		}
		prev := int32(-1)
		for _, ref := range refs[w.first:w.end] {
			i := find(ref)
			if i < 0 { // node missing from the extract: the way is cut here
				prev = -1
				continue
			}
			if vert[i] < 0 {
				vert[i] = int32(len(b.lat))
				b.lat = append(b.lat, float64(nodeLat[i])*1e-7)
				b.lon = append(b.lon, float64(nodeLon[i])*1e-7)
				b.osmID = append(b.osmID, nodeIDs[i])
			}
			v := vert[i]
			if prev >= 0 && prev != v && !blocked[i] {
				b.addEdge(prev, v, w, nid)
			}
			if blocked[i] {
				prev = -1
			} else {
				prev = v
			}
		}
	}
	nodeIDs, nodeLat, nodeLon, refs = nil, nil, nil, nil
	g := b.finish()
	for i, p := range pois {
		if n := find(poiIDs[i]); n >= 0 && vert[n] >= 0 {
			p.Node = vert[n]
		} else {
			p.Node = -1
		}
		pois[i] = p
	}
	g.keepLargestComponent()
	for i := range pois {
		if pois[i].Node = g.nearestNode(pois[i].Lat, pois[i].Lon, 300); pois[i].Node >= 0 {
			g.pois = append(g.pois, pois[i])
		}
	}
	return g, nil
}

type builder struct {
	lat, lon []float64
	osmID    []int64
	eu, ev   []int32
	elen     []float32
	eclass   []Class
	esurface []Surface
	eflags   []uint8
	ename    []int32
	eway     []int64
	names    []string
}

func (b *builder) addEdge(u, v int32, w rawWay, name int32) {
	b.eu = append(b.eu, u)
	b.ev = append(b.ev, v)
	b.elen = append(b.elen, float32(geo.Distance(b.lat[u], b.lon[u], b.lat[v], b.lon[v])))
	b.eclass = append(b.eclass, w.attrs.class)
	b.esurface = append(b.esurface, w.attrs.surface)
	b.eflags = append(b.eflags, w.attrs.flags)
	b.ename = append(b.ename, name)
	b.eway = append(b.eway, w.id)
}

func (b *builder) finish() *Graph {
	g := &Graph{lat: b.lat, lon: b.lon, osmID: b.osmID, eu: b.eu, ev: b.ev, elen: b.elen, eclass: b.eclass,
		esurface: b.esurface, eflags: b.eflags, ename: b.ename, eway: b.eway, names: b.names}
	g.buildCSR()
	return g
}

// buildCSR fills off, arcHead and arcEdge from the edge lists.
func (g *Graph) buildCSR() {
	n := len(g.lat)
	g.off = make([]int32, n+1)
	for e := range g.eu {
		g.off[g.eu[e]+1]++
		g.off[g.ev[e]+1]++
	}
	for i := 1; i <= n; i++ {
		g.off[i] += g.off[i-1]
	}
	pos := make([]int32, n)
	copy(pos, g.off[:n])
	g.arcHead = make([]int32, 2*len(g.eu))
	g.arcEdge = make([]int32, 2*len(g.eu))
	for e := range g.eu {
		u, v := g.eu[e], g.ev[e]
		g.arcHead[pos[u]], g.arcEdge[pos[u]] = v, int32(e)
		pos[u]++
		g.arcHead[pos[v]], g.arcEdge[pos[v]] = u, int32(e)
		pos[v]++
	}
}

// keepLargestComponent drops every vertex and edge outside the largest
// connected component and renumbers densely.
func (g *Graph) keepLargestComponent() {
	n := len(g.lat)
	comp := make([]int32, n)
	for i := range comp {
		comp[i] = -1
	}
	var sizes []int
	stack := []int32{}
	for s := range n {
		if comp[s] >= 0 {
			continue
		}
		c := int32(len(sizes))
		size := 0
		comp[s] = c
		stack = append(stack[:0], int32(s))
		for len(stack) > 0 {
			u := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			size++
			heads, _ := g.Adj(u)
			for _, v := range heads {
				if comp[v] < 0 {
					comp[v] = c
					stack = append(stack, v)
				}
			}
		}
		sizes = append(sizes, size)
	}
	if len(sizes) <= 1 {
		return
	}
	best := int32(0)
	for c, s := range sizes {
		if s > sizes[best] {
			best = int32(c)
		}
	}
	newID := make([]int32, n)
	b := &builder{names: g.names}
	for u := range n {
		newID[u] = -1
		if comp[u] == best {
			newID[u] = int32(len(b.lat))
			b.lat = append(b.lat, g.lat[u])
			b.lon = append(b.lon, g.lon[u])
			b.osmID = append(b.osmID, g.osmID[u])
		}
	}
	for e := range g.eu {
		if comp[g.eu[e]] != best {
			continue
		}
		b.eu = append(b.eu, newID[g.eu[e]])
		b.ev = append(b.ev, newID[g.ev[e]])
		b.elen = append(b.elen, g.elen[e])
		b.eclass = append(b.eclass, g.eclass[e])
		b.esurface = append(b.esurface, g.esurface[e])
		b.eflags = append(b.eflags, g.eflags[e])
		b.ename = append(b.ename, g.ename[e])
		b.eway = append(b.eway, g.eway[e])
	}
	ng := b.finish()
	g.lat, g.lon, g.osmID = ng.lat, ng.lon, ng.osmID
	g.eu, g.ev, g.elen, g.eclass, g.esurface, g.eflags, g.ename, g.eway = ng.eu, ng.ev, ng.elen, ng.eclass, ng.esurface, ng.eflags, ng.ename, ng.eway
	g.off, g.arcHead, g.arcEdge = ng.off, ng.arcHead, ng.arcEdge
}
