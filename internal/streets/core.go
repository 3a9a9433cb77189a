package streets

// Core reports, per vertex, whether it lies in the graph's largest
// 2-edge-connected component: the part of the network where every street
// can be left by another one, so a loop through it never has to come back
// the way it went. Vertices outside it hang off the core by bridges (dead
// ends, piers, valley roads). Computed once per graph.
func (g *Graph) Core() []bool {
	g.coreOnce.Do(func() { g.core = g.computeCore() })
	return g.core
}

// computeCore finds bridges (Tarjan, iterative) and labels the components
// left when they are removed.
func (g *Graph) computeCore() []bool {
	n := len(g.lat)
	disc := make([]int32, n) // 0: not visited
	low := make([]int32, n)
	bridge := make([]bool, len(g.eu))
	type frame struct{ node, parentEdge, arc int32 }
	var stack []frame
	t := int32(0)
	for s := range int32(n) {
		if disc[s] != 0 {
			continue
		}
		t++
		disc[s], low[s] = t, t
		stack = append(stack[:0], frame{s, -1, g.off[s]})
		for len(stack) > 0 {
			top := len(stack) - 1
			f := stack[top]
			if f.arc < g.off[f.node+1] {
				stack[top].arc++
				v, e := g.arcHead[f.arc], g.arcEdge[f.arc]
				if e == f.parentEdge {
					continue
				}
				if disc[v] == 0 {
					t++
					disc[v], low[v] = t, t
					stack = append(stack, frame{v, e, g.off[v]})
				} else {
					low[f.node] = min(low[f.node], disc[v])
				}
				continue
			}
			stack = stack[:top]
			if top > 0 {
				p := stack[top-1].node
				low[p] = min(low[p], low[f.node])
				if low[f.node] > disc[p] {
					bridge[f.parentEdge] = true
				}
			}
		}
	}
	// Components without the bridges; keep the largest.
	comp := make([]int32, n)
	for i := range comp {
		comp[i] = -1
	}
	var sizes []int
	var queue []int32
	for s := range int32(n) {
		if comp[s] >= 0 {
			continue
		}
		c := int32(len(sizes))
		comp[s] = c
		size := 0
		queue = append(queue[:0], s)
		for len(queue) > 0 {
			u := queue[len(queue)-1]
			queue = queue[:len(queue)-1]
			size++
			for a := g.off[u]; a < g.off[u+1]; a++ {
				if v := g.arcHead[a]; !bridge[g.arcEdge[a]] && comp[v] < 0 {
					comp[v] = c
					queue = append(queue, v)
				}
			}
		}
		sizes = append(sizes, size)
	}
	core := make([]bool, n)
	if len(sizes) == 0 {
		return core
	}
	best := 0
	for c, sz := range sizes {
		if sz > sizes[best] {
			best = c
		}
	}
	if sizes[best] < 3 { // a tree: no loop anywhere
		return core
	}
	for v := range core {
		core[v] = comp[v] == int32(best)
	}
	return core
}
