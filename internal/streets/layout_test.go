package streets

import (
	"math"
	"math/rand/v2"
	"rekindle/internal/geo"
	"testing"
)

// TestSearchLayout checks the leg searches' layout against the graph: slots
// and edge slots are permutations, every slot has its vertex's arcs in the
// same order with the same neighbours, edges, lengths and kinds, and its
// position; and the numbering is local: an arc's two ends lie far closer
// in the slot order than in the graph's (the point of the layout: a search's
// vertices share cache lines and pages).
func TestSearchLayout(t *testing.T) {
	graphs := map[string]*Graph{"andorra": cachedGraph(t, "andorra.osm.pbf")}
	if !testing.Short() {
		graphs["delaware"] = delaware(t)
	}
	for name, g := range graphs {
		l := g.buildLayout()
		n, m := g.NumNodes(), g.NumEdges()
		if len(l.slot) != n || len(l.node) != n || len(l.edge) != m || len(l.eslot) != m || len(l.arcs) != len(g.arcHead) {
			t.Fatalf("%s: sizes %d/%d slots, %d/%d edge slots, %d arcs for %d nodes, %d edges, %d arcs",
				name, len(l.slot), len(l.node), len(l.edge), len(l.eslot), len(l.arcs), n, m, len(g.arcHead))
		}
		for v := range int32(n) {
			s := l.slot[v]
			if l.node[s] != v {
				t.Fatalf("%s: node %d → slot %d → node %d", name, v, s, l.node[s])
			}
			if p := l.ll[s]; p.lat != g.lat[v] || p.lon != g.lon[v] {
				t.Fatalf("%s: slot %d at %v, node %d at %v,%v", name, s, p, v, g.lat[v], g.lon[v])
			}
			heads, edges := g.Adj(v)
			arcs := l.arcs[l.off[s]:l.off[s+1]]
			if len(arcs) != len(heads) {
				t.Fatalf("%s: slot %d has %d arcs, node %d %d", name, s, len(arcs), v, len(heads))
			}
			for i, a := range arcs {
				e := edges[i]
				if l.node[a.head] != heads[i] || l.edge[a.edge] != e || l.eslot[e] != a.edge {
					t.Fatalf("%s: node %d arc %d: slot arc (%d, %d) is not (%d, %d)", name, v, i, l.node[a.head], l.edge[a.edge], heads[i], e)
				}
				if l.elen[a.edge] != g.elen[e] || l.ekind[a.edge] != (edgeKind{g.eclass[e], g.esurface[e], g.eflags[e]}) {
					t.Fatalf("%s: edge %d: slot length or kind differ", name, e)
				}
			}
		}
		// Locality: the mean gap between an arc's ends, in slots and in the
		// graph's numbering.
		var slotGap, nodeGap float64
		for v := range int32(n) {
			for a := g.off[v]; a < g.off[v+1]; a++ {
				slotGap += float64(abs32(l.slot[v] - l.slot[g.arcHead[a]]))
				nodeGap += float64(abs32(v - g.arcHead[a]))
			}
		}
		slotGap /= float64(len(g.arcHead))
		nodeGap /= float64(len(g.arcHead))
		t.Logf("%s: %d vertices, mean gap between an arc's ends %.0f slots (graph numbering %.0f)", name, n, slotGap, nodeGap)
		if slotGap > nodeGap/4 {
			t.Errorf("%s: the layout is not local: mean arc gap %.0f slots against %.0f in the graph's numbering", name, slotGap, nodeGap)
		}
	}
}

func abs32(x int32) int32 {
	if x < 0 {
		return -x
	}
	return x
}

// TestLegSearchOnLayoutFindsTheSameWays compares the leg searches on the
// layout with a plain A* on the graph's numbering (the code before the
// layout, kept here): the same ways, costs and failures for random legs,
// with and without marked edges.
func TestLegSearchOnLayoutFindsTheSameWays(t *testing.T) {
	g := cachedGraph(t, "andorra.osm.pbf")
	rng := rand.New(rand.NewPCG(24, 15))
	start := int32(rng.IntN(g.NumNodes()))
	p := g.newPlanner(Request{DistanceM: 10000, Surface: PreferMixed, Novelty: 2, Count: 3}, start, false, false)
	defer p.releaseCosts()
	w := p.newWorker()
	defer w.release()
	price := make([]float32, g.NumEdges())
	for e := range price {
		price[e] = p.price(int32(e))
	}
	found := 0
	for i := range 300 {
		from := int32(rng.IntN(g.NumNodes()))
		la, lo := geo.Offset(g.lat[from], g.lon[from], 360*rng.Float64(), 300+3000*rng.Float64())
		to := g.nearestNode(la, lo, math.Inf(1))
		w.newAttempt()
		used := map[int32]bool{}
		for range rng.IntN(400) { // some marked edges
			e := int32(rng.IntN(g.NumEdges()))
			w.mark(e)
			used[e] = true
		}
		soft := i%3 == 0
		maxCost := 8*geo.FastDistance(g.lat[from], g.lon[from], g.lat[to], g.lon[to]) + 5000 // as routeLeg
		if i%5 == 0 {
			maxCost /= 4 // some fail by the bound
		}
		got, ok := w.legSearch(from, to, soft, maxCost)
		want, wok := plainLegSearch(g, price, used, from, to, soft, maxCost)
		if ok != wok || got.Cost != want.Cost || got.LengthM != want.LengthM || !equal32(got.Nodes, want.Nodes) || !equal32(got.Edges, want.Edges) {
			t.Fatalf("leg %d→%d (soft %v): layout %v %.3f m cost %.3f, plain %v %.3f m cost %.3f", from, to, soft, ok, got.LengthM, got.Cost, wok, want.LengthM, want.Cost)
		}
		if ok {
			found++
		}
	}
	t.Logf("300 legs: %d found, %d failed", found, 300-found)
	if found < 30 || found > 270 {
		t.Errorf("the legs compared are nearly all found or all failed (%d of 300 found): pick other bounds", found)
	}
}

func equal32(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// plainLegSearch is legSearch on the graph's own numbering and arrays.
func plainLegSearch(g *Graph, price []float32, used map[int32]bool, from, to int32, soft bool, maxCost float64) (Path, bool) {
	s := g.NewSearch()
	s.reset()
	line := flatLineOn(g, to)
	h := func(n int32) float64 { return legWeight * line.metres(n) }
	s.relax(from, -1, 0, h(from))
	for len(s.heap) > 0 {
		it := s.heap.pop()
		u := it.node
		su := &s.st[u]
		if su.mark == s.gen+1 {
			continue
		}
		if it.key > maxCost {
			return Path{}, false
		}
		su.mark = s.gen + 1
		if u == to {
			return s.path(from, to), true
		}
		for a := g.off[u]; a < g.off[u+1]; a++ {
			v, e := g.arcHead[a], g.arcEdge[a]
			if e == su.pred || s.st[v].mark == s.gen+1 {
				continue
			}
			c := float64(price[e])
			if used[e] {
				if !soft {
					continue
				}
				c *= 5
			}
			if c > 1e300 {
				continue
			}
			d := su.dist + c
			if sv := &s.st[v]; sv.mark != s.gen || d < sv.dist {
				sv.mark, sv.dist, sv.pred = s.gen, d, e
				s.heap.push(heapItem{node: v, key: d + h(v)})
			}
		}
	}
	return Path{}, false
}

// flatLineOn is the straight-line measure on the graph's numbering.
func flatLineOn(g *Graph, to int32) flatLine {
	ll := make([]latLon, g.NumNodes())
	for v := range ll {
		ll[v] = latLon{g.lat[v], g.lon[v]}
	}
	l := &searchLayout{ll: ll}
	return l.lineTo(to)
}
