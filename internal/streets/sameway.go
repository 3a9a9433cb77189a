package streets

import (
	"context"
	"math"
	"slices"
)

// The same-way round (issue 15, session 22): the last resort where neither
// the circle or ellipse shapes nor the tree round give anything within
// tolerance. Their searches are priced (surface, busy roads ×20 and more)
// and pruned by the length of the priced way, so a vertex or a place the
// shortest way reaches at half the target may lie beyond every priced way
// that fits: up a valley whose only road is busy, or a trail request where
// only roads lead far enough. This round prices edges by length alone, so
// where an out-and-back of the length exists by the shortest ways it is
// found: a round trip out and back the same way (treeCandidates on the
// length price), a run to a place and back the same way (turning at the
// place), or, for a place nearer than the target, a run by a turn on the
// way (placeDetour). Quiet ways first among those that fit; the busy check
// that follows in plan still applies.

// sameWayRound builds the last-resort candidates for a request.
func (g *Graph) sameWayRound(ctx context.Context, req Request, start int32) []*candidate {
	if req.To == "" {
		p := &planner{g: g, req: req, tree: true, lengthOnly: true, start: start, origin: start}
		p.base = p.edgeCosts()
		p.core = g.Core()
		// No stem: an out-and-back may turn on the dead-end chain itself
		// (an Andorran start 25 km up a valley from the nearest way round).
		w := p.newWorker()
		defer w.release()
		return w.treeCandidates(ctx, true)
	}
	// Runs to a place: by the busy-metre price first (length, busy roads
	// ×quietBusyFactor), so a quiet way that fits is found before a
	// shorter busy one, then by length alone.
	var out []*candidate
	for _, busyOnly := range []bool{true, false} {
		p := &planner{g: g, req: req, tree: true, busyOnly: busyOnly, lengthOnly: !busyOnly, start: start, origin: start}
		p.base = p.edgeCosts()
		p.core = g.Core()
		w := p.newWorker()
		var more []*candidate
		if !req.OneWay {
			more = w.placeSameWay()
		}
		if len(more) == 0 {
			more = w.placeDetour()
		}
		w.release()
		out = append(out, more...)
		if ctx.Err() != nil || slices.ContainsFunc(out, func(c *candidate) bool { return busyLength(g, c.edges) <= MaxBusyShare*c.lengthM }) {
			break
		}
	}
	return out
}

// placeSameWay runs to a place and back the same way: of the places of the
// kind whose shortest way is half the target (within tolerance), the best
// of each heading, quiet ways first.
func (w *worker) placeSameWay() []*candidate {
	p := w.p
	g := p.g
	L := p.req.DistanceM
	slack := tolerance(p.req, SuggestThereAndBack)*L - 0.1
	places := g.FindPlaces(p.req.To, g.lat[p.start], g.lon[p.start])
	at := map[int32]Place{}
	for _, pl := range places {
		if pl.Node != p.start {
			if _, ok := at[pl.Node]; !ok {
				at[pl.Node] = pl
			}
		}
	}
	if len(at) == 0 {
		return nil
	}
	w.clearFixed()
	settled := w.lengthTree(p.start, (L+slack)/2)
	st, plen := w.s.st, w.s.lengths()
	busy := make(map[int32]float32, len(settled))
	best, bestKey, bestQuiet := int32(-1), math.Inf(1), false
	var turns [16]turn
	for _, n := range settled {
		if e := st[n].pred; e >= 0 && n != p.start {
			b := busy[g.eu[e]^g.ev[e]^n]
			if g.eflags[e]&FlagBusy != 0 {
				b += g.elen[e]
			}
			busy[n] = b
		}
		if _, ok := at[n]; !ok {
			continue
		}
		l := float64(plen[n])
		if l <= 0 || math.Abs(2*l-L) > slack {
			continue
		}
		quiet := float64(busy[n]) <= MaxBusyShare*l
		key := float64(busy[n]) / l
		if quiet && !bestQuiet || quiet == bestQuiet && key < bestKey {
			best, bestKey, bestQuiet = n, key, quiet
		}
		turns[headingOf(g.lat[p.start], g.lon[p.start], g.lat[n], g.lon[n])].offer(n, key, quiet)
	}
	if best < 0 {
		return nil
	}
	return w.outAndBacks(best, turns[:], bestQuiet, func(n int32) *candidate {
		path, ok := w.s.PathTo(n)
		if !ok || len(path.Edges) == 0 {
			return nil
		}
		wk := walk{nodes: slices.Clone(path.Nodes), edges: slices.Clone(path.Edges)}
		for i := len(path.Edges) - 1; i >= 0; i-- {
			wk.edges = append(wk.edges, path.Edges[i])
			wk.nodes = append(wk.nodes, path.Nodes[i])
		}
		return w.placeCandidate(SuggestThereAndBack, wk, p2pSpec{dest: at[n]}, "to the place and back the same way: no other way back fits the length")
	})
}

// placeDetour runs to a place nearer than the target by way of a turn x:
// the shortest way out to x, on to the place by the shortest way from x
// (and, there and back, home by the shortest way), where the three fit the
// target; some of it may run twice (said in ReusedM). Of the places nearest
// by the streets (at most two), the x with the fewest busy metres, then the
// fewest run twice.
func (w *worker) placeDetour() []*candidate {
	p := w.p
	g := p.g
	L := p.req.DistanceM
	oneWay := p.req.OneWay
	kind := refusalKind(p.req)
	slack := tolerance(p.req, kind)*L - 0.1
	maxLen := L + slack
	var out []*candidate
	tried := map[int32]bool{}
	for _, pl := range g.FindPlaces(p.req.To, g.lat[p.start], g.lon[p.start]) {
		if len(tried) >= 2 {
			break
		}
		t := pl.Node
		if t == p.start || tried[t] {
			continue
		}
		tried[t] = true
		// The tree from the place: every vertex's shortest way on to it.
		w.clearFixed()
		settled := w.lengthTree(t, maxLen)
		st, plen := w.s.st, w.s.lengths()
		type on struct {
			length, busy float64
			pred         int32
		}
		toT := make(map[int32]on, len(settled))
		for _, n := range settled {
			o := on{length: float64(plen[n]), pred: st[n].pred}
			if e := o.pred; e >= 0 && n != t {
				o.busy = toT[g.eu[e]^g.ev[e]^n].busy
				if g.eflags[e]&FlagBusy != 0 {
					o.busy += float64(g.elen[e])
				}
			}
			toT[n] = o
		}
		home, ok := toT[p.start]
		if !ok {
			continue
		}
		back := 0.0 // there and back: home from the place by the shortest way
		if !oneWay {
			back = home.length
		}
		// The tree from the start: the way out to each turn.
		settled = w.lengthTree(p.start, maxLen-back)
		busyS := make(map[int32]float64, len(settled))
		best, bestKey := int32(-1), math.Inf(1)
		for _, x := range settled {
			if e := st[x].pred; e >= 0 && x != p.start {
				busyS[x] = busyS[g.eu[e]^g.ev[e]^x]
				if g.eflags[e]&FlagBusy != 0 {
					busyS[x] += float64(g.elen[e])
				}
			}
			o, ok := toT[x]
			if !ok || x == t {
				continue
			}
			total := float64(plen[x]) + o.length + back
			if math.Abs(total-L) > slack {
				continue
			}
			key := (busyS[x] + o.busy) / total
			if key > MaxBusyShare {
				key += 1 // quiet turns first
			}
			if key < bestKey {
				best, bestKey = x, key
			}
		}
		if best < 0 {
			continue
		}
		path, ok := w.s.PathTo(best)
		if !ok {
			continue
		}
		wk := walk{nodes: slices.Clone(path.Nodes), edges: slices.Clone(path.Edges)}
		for n := best; n != t; {
			e := toT[n].pred
			n = g.eu[e] ^ g.ev[e] ^ n
			wk.edges = append(wk.edges, e)
			wk.nodes = append(wk.nodes, n)
		}
		if !oneWay {
			// Home the way the place's tree came: reversed from the start.
			var rev []int32
			for n := p.start; n != t; {
				e := toT[n].pred
				rev = append(rev, e)
				n = g.eu[e] ^ g.ev[e] ^ n
			}
			for i := len(rev) - 1; i >= 0; i-- {
				e := rev[i]
				n := wk.nodes[len(wk.nodes)-1]
				wk.edges = append(wk.edges, e)
				wk.nodes = append(wk.nodes, g.eu[e]^g.ev[e]^n)
			}
		}
		out = append(out, w.placeCandidate(kind, wk, p2pSpec{dest: pl}, "by a turn on the way, so the run fits the length: some of it runs twice"))
	}
	return out
}
