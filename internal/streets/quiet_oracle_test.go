package streets

import (
	"container/heap"
	"math"
)

// quietOracle answers "does the graph have quiet streets for this round
// trip?" by a search of its own, sharing nothing with the suggestion engine
// but the graph's arrays: one Dijkstra from the start in which a busy road
// (FlagBusy) costs oracleBusyFactor × its length and a quiet street its
// length, so the tree reaches every vertex by its quietest way. It then
// looks for a witness, a closed walk of the target length within tol whose
// busy share is ≤ MaxBusyShare:
//
//   - a loop: a tree edge-free edge (u,v) whose ends hang off different
//     first edges of the start, closed by the two tree paths (a cycle
//     through the start, no edge run twice); from a start on a dead-end
//     chain (degree 1, then vertices of degree 2) the chain is the stem,
//     run out and back, and the loop hangs off its far end;
//   - an out-and-back: a vertex whose tree path is half the target within
//     tol, run out and back.
//
// The promise holds where either exists (Promised): a quiet loop comes
// first, and where every loop of the length is busy a quiet out-and-back is
// offered instead of them (issue 15, session 21).
//
// A witness proves a quiet route exists; finding none does not prove the
// opposite (the oracle is sound, not complete), so figures filtered by it
// are over queries where quiet routes certainly exist.
type quietWitness struct {
	Loop, OutAndBack bool
	AnyLoop          bool    // a loop of the target length was found, busy or not
	LoopM, LoopBusy  float64 // the witness loop's length and busy share
}

const oracleBusyFactor = 20

type oracleItem struct {
	n    int32
	cost float64
}
type oracleHeap []oracleItem

func (h oracleHeap) Len() int           { return len(h) }
func (h oracleHeap) Less(i, j int) bool { return h[i].cost < h[j].cost }
func (h oracleHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *oracleHeap) Push(x any)        { *h = append(*h, x.(oracleItem)) }
func (h *oracleHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	*h = old[:len(old)-1]
	return it
}

func quietOracle(g *Graph, start int32, L, tol float64) quietWitness {
	var w quietWitness
	other := func(e, n int32) int32 {
		if g.eu[e] == n {
			return g.ev[e]
		}
		return g.eu[e]
	}
	busyLen := func(e int32) float64 {
		if g.eflags[e]&FlagBusy != 0 {
			return float64(g.elen[e])
		}
		return 0
	}
	degree := func(n int32) int {
		seen := map[int32]bool{}
		for a := g.off[n]; a < g.off[n+1]; a++ {
			seen[g.arcEdge[a]] = true
		}
		return len(seen)
	}
	// The stem of a start on a dead-end chain.
	root, stemM, stemBusy := start, 0.0, 0.0
	stem := map[int32]bool{}
	if degree(start) == 1 {
		prevE := int32(-1)
		for n := start; ; {
			var next int32 = -1
			for a := g.off[n]; a < g.off[n+1]; a++ {
				if e := g.arcEdge[a]; e != prevE && !stem[e] {
					next, prevE = e, e
					break
				}
			}
			if next < 0 {
				break
			}
			stem[next] = true
			stemM += float64(g.elen[next])
			stemBusy += busyLen(next)
			n = other(next, n)
			root = n
			if degree(n) != 2 {
				break
			}
		}
	}
	o := newOracleSearch(g, stem)
	maxLen := L * (1 + tol)
	// Out-and-back: a vertex whose quietest way is half the target.
	settled := o.run(root, -1, stemM, stemBusy, maxLen/2, nil)
	for _, n := range settled {
		if n != root && math.Abs(2*o.length[n]-L) <= tol*L && o.busy[n] <= MaxBusyShare*o.length[n] {
			w.OutAndBack = true
			break
		}
	}
	// Loops: out to a via by its quietest way, back by the quietest way
	// that runs none of the same edges.
	settled = o.run(root, -1, stemM, stemBusy, maxLen, nil)
	var vias []int32
	for _, n := range settled {
		if d := o.length[n] - stemM; d >= 0.25*(L-2*stemM) && d <= 0.5*(L-2*stemM) {
			vias = append(vias, n)
		}
	}
	const tries = 24
	step := max(1, len(vias)/tries)
	type out struct {
		edges        []int32
		length, busy float64
	}
	var outs []out
	for i := 0; i < len(vias); i += step {
		x := vias[i]
		var edges []int32
		for n := x; n != root; {
			e := o.pred[n]
			edges = append(edges, e)
			n = other(e, n)
		}
		outs = append(outs, out{edges, o.length[x], o.busy[x]})
	}
	for i := 0; i < len(vias) && len(outs) > 0; i += step {
		ob := outs[0]
		outs = outs[1:]
		x := vias[i]
		ban := map[int32]bool{}
		for _, e := range ob.edges {
			ban[e] = true
		}
		o.run(x, root, ob.length, ob.busy, maxLen, ban)
		if o.stamp[root] != o.gen || !o.done[root] {
			continue
		}
		length := o.length[root] + stemM // the stem back
		busy := o.busy[root] + stemBusy
		if math.Abs(length-L) <= tol*L {
			w.AnyLoop = true
		}
		if math.Abs(length-L) <= tol*L && busy <= MaxBusyShare*length {
			if !w.Loop || busy/length < w.LoopBusy {
				w.Loop, w.LoopM, w.LoopBusy = true, length, busy/length
			}
		}
	}
	return w
}

// oracleSearch is the oracle's own Dijkstra (busy roads ×oracleBusyFactor),
// pruned by length, with arrays stamped by generation.
type oracleSearch struct {
	g                  *Graph
	stem               map[int32]bool
	cost, length, busy []float64
	pred               []int32
	stamp              []uint32
	done               []bool
	gen                uint32
}

func newOracleSearch(g *Graph, stem map[int32]bool) *oracleSearch {
	n := g.NumNodes()
	return &oracleSearch{g: g, stem: stem, cost: make([]float64, n), length: make([]float64, n), busy: make([]float64, n),
		pred: make([]int32, n), stamp: make([]uint32, n), done: make([]bool, n)}
}

// run settles vertices from `from` (whose way so far is length0 long, busy0
// of it busy) until `to` is settled (to < 0: all), never past maxLen nor on
// a banned or stem edge; it returns the vertices settled in order.
func (o *oracleSearch) run(from, to int32, length0, busy0, maxLen float64, ban map[int32]bool) []int32 {
	g := o.g
	o.gen++
	o.stamp[from], o.cost[from], o.length[from], o.busy[from], o.pred[from], o.done[from] = o.gen, 0, length0, busy0, -1, false
	h := &oracleHeap{{from, 0}}
	var settled []int32
	for h.Len() > 0 {
		it := heap.Pop(h).(oracleItem)
		u := it.n
		if o.done[u] || it.cost > o.cost[u] {
			continue
		}
		o.done[u] = true
		settled = append(settled, u)
		if u == to {
			break
		}
		for a := g.off[u]; a < g.off[u+1]; a++ {
			v, e := g.arcHead[a], g.arcEdge[a]
			if o.stem[e] || ban[e] {
				continue
			}
			l := float64(g.elen[e])
			nl := o.length[u] + l
			if nl > maxLen {
				continue
			}
			c, b := l, 0.0
			if g.eflags[e]&FlagBusy != 0 {
				c, b = l*oracleBusyFactor, l
			}
			if o.stamp[v] != o.gen {
				o.stamp[v], o.done[v] = o.gen, false
			} else if o.done[v] || o.cost[u]+c >= o.cost[v] {
				continue
			}
			o.cost[v], o.length[v], o.busy[v], o.pred[v] = o.cost[u]+c, nl, o.busy[u]+b, e
			heap.Push(h, oracleItem{v, o.cost[v]})
		}
	}
	return settled
}

// Promised reports whether the suggestions must keep to quiet streets.
func (w quietWitness) Promised() bool { return w.Loop || w.OutAndBack }

// placeWitness is the oracle for a run to a place (the place the engine
// chose): a way from start to dest of the target length within tol whose
// busy share is ≤ MaxBusyShare, found by the oracle's own Dijkstra (busy
// roads ×oracleBusyFactor). One way: the quietest way there, or out to a via
// by its quietest way and on to the place by the quietest way that runs
// none of the same edges (24 vias at 20–80% of the target). There and back:
// out by the quietest way and back by the quietest way that runs none of
// the same edges. Sound, not complete, as quietOracle.
func placeWitness(g *Graph, start, dest int32, L, tol float64, oneWay bool) (ok bool, length, busyShare float64) {
	o := newOracleSearch(g, nil)
	maxLen := L * (1 + tol)
	fits := func(l, b float64) bool { return math.Abs(l-L) <= tol*L && b <= MaxBusyShare*l }
	other := func(e, n int32) int32 {
		if g.eu[e] == n {
			return g.ev[e]
		}
		return g.eu[e]
	}
	pathEdges := func(to, from int32) map[int32]bool {
		ban := map[int32]bool{}
		for n := to; n != from; {
			e := o.pred[n]
			ban[e] = true
			n = other(e, n)
		}
		return ban
	}
	reached := func(n int32) bool { return o.stamp[n] == o.gen && o.done[n] }
	if oneWay {
		settled := o.run(start, -1, 0, 0, maxLen, nil)
		if reached(dest) && fits(o.length[dest], o.busy[dest]) {
			return true, o.length[dest], o.busy[dest] / o.length[dest]
		}
		type out struct {
			x            int32
			ban          map[int32]bool
			length, busy float64
		}
		var vias []out
		for _, n := range settled {
			if l := o.length[n]; l >= 0.2*L && l <= 0.8*L && n != dest {
				vias = append(vias, out{x: n, length: l, busy: o.busy[n]})
			}
		}
		step := max(1, len(vias)/24)
		var tries []out
		for i := 0; i < len(vias); i += step {
			v := vias[i]
			v.ban = pathEdges(v.x, start)
			tries = append(tries, v)
		}
		for _, v := range tries {
			o.run(v.x, dest, v.length, v.busy, maxLen, v.ban)
			if reached(dest) && fits(o.length[dest], o.busy[dest]) {
				return true, o.length[dest], o.busy[dest] / o.length[dest]
			}
		}
		return false, 0, 0
	}
	o.run(start, dest, 0, 0, maxLen, nil)
	if !reached(dest) {
		return false, 0, 0
	}
	ban := pathEdges(dest, start)
	o.run(dest, start, o.length[dest], o.busy[dest], maxLen, ban)
	if reached(start) && fits(o.length[start], o.busy[start]) {
		return true, o.length[start], o.busy[start] / o.length[start]
	}
	return false, 0, 0
}

// shortestLengths is the oracle's plain Dijkstra by length from a start,
// pruned at maxLen: the shortest way to every vertex reached.
func shortestLengths(g *Graph, start int32, maxLen float64) map[int32]float64 {
	d := map[int32]float64{start: 0}
	h := &oracleHeap{{start, 0}}
	done := map[int32]bool{}
	for h.Len() > 0 {
		it := heap.Pop(h).(oracleItem)
		if done[it.n] {
			continue
		}
		done[it.n] = true
		for a := g.off[it.n]; a < g.off[it.n+1]; a++ {
			v := g.arcHead[a]
			nd := it.cost + float64(g.elen[g.arcEdge[a]])
			if nd > maxLen {
				continue
			}
			if od, ok := d[v]; !ok || nd < od {
				d[v] = nd
				heap.Push(h, oracleItem{v, nd})
			}
		}
	}
	return d
}

// sameWayWitness reports a route of the request's length by the shortest
// ways, out and back the same way: a round trip turning at a vertex half the
// target away, or a run to a place of the kind half the target away and
// back. Sound (the shortest way there and back is a walk of twice its
// length), not complete.
func sameWayWitness(g *Graph, start int32, req Request) (string, bool) {
	L := req.DistanceM
	tol := tolerance(req, refusalKind(req))
	if req.To != "" && req.OneWay {
		return "", false
	}
	d := shortestLengths(g, start, L*(1+tol)/2)
	if req.To == "" {
		for n, x := range d {
			if n != start && math.Abs(2*x-L) <= tol*L {
				return "out-and-back", true
			}
		}
		return "", false
	}
	for _, pl := range g.FindPlaces(req.To, g.lat[start], g.lon[start]) {
		if x, ok := d[pl.Node]; ok && pl.Node != start && math.Abs(2*x-L) <= tol*L {
			return "to " + pl.Name + " and back", true
		}
	}
	return "", false
}
