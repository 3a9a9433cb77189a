package streets

import (
	"cmp"
	"math"
	"rekindle/internal/geo"
	"rekindle/internal/route"
	"slices"
	"sync"
)

// Hidden-Markov map matching after Newson & Krumm, "Hidden Markov map
// matching through noise and sparseness" (ACM GIS 2009); routes.md §3.
//
//  1. Observations. Fixes are cleaned of gross jumps only, then averaged:
//     the independent noise per fix is measured from second differences and
//     enough consecutive fixes are averaged to bring it down to ~3 m (within
//     ±25 m along the track); one observation per window, at least every
//     ~20 m. A jump longer than a dropout splits the track, so nothing is
//     averaged across a gap.
//  2. Candidates. For each observation, the locally nearest points of the
//     network within 50 m: one per street passing by (projections onto a
//     shared vertex are merged, and a vertex is dropped when an edge next to
//     it comes closer), the 8 nearest at most.
//  3. Emission: Gaussian on the distance to the candidate, with σ estimated
//     per run as 1.4826 × the median distance to the nearest street (the
//     paper's robust estimator), clamped to 4–20 m.
//  4. Transition: exponential on |route distance − straight-line distance|
//     between consecutive observations (β = σ), less one unit of log
//     probability per right angle turned on the route (bends under ~45°
//     free; the turn cost of Valhalla's Meili), which keeps GPS noise from
//     hopping between a street and its separately mapped sidewalk. Route
//     distances come from a Dijkstra over the package's Search, seeded at
//     the candidate's projection, stopped once all next candidates are
//     settled or past the straight line plus max(60 m, itself).
//  5. Viterbi. An observation with no candidate is skipped (a GPS spike),
//     unless the run left the network for more than 100 m; then, after a
//     gap over 1.5 km, or when no candidate can be reached from the previous
//     ones, a new segment starts.
//     What a run covered is the route between consecutive chosen candidates.
const (
	hmmStepM     = 20.0   // observation spacing, at least
	hmmSmoothM   = 25.0   // moving-average half-width, at most
	hmmNoiseM    = 3.0    // independent noise left after averaging, the aim
	hmmMaxCands  = 8      // per observation
	hmmTurnK     = 1.0    // log-probability cost of a right angle on a transition's route
	hmmTurnMin   = 0.3    // 1 − cos of the sharpest free bend (~45°)
	hmmRadiusM   = 50.0   // candidate search radius
	hmmMinGapM   = 80.0   // a jump at least this long between fixes is a dropout
	hmmDetourM   = 60.0   // route distance allowed beyond the straight line (at least)
	hmmOffRoadM  = 100.0  // off the network for longer than this breaks the match
	hmmMaxJumpM  = 1500.0 // a longer gap between observations breaks it too (bounds every search)
	hmmSigmaMin  = 4.0
	hmmSigmaMax  = 20.0
	hmmMinPieceM = 0.01 // shorter covered pieces are dropped
)

// hmmCand is one candidate position of an observation: a point on an edge.
type hmmCand struct {
	edge  int32
	step  int32   // observation index
	back  int32   // best predecessor (index into hmmWork.cand), -1 at a segment start
	t     float64 // fraction along the edge from its From vertex
	d     float64 // metres from the observation
	score float64 // best log probability of a path ending here
}

// hmmPiece is a covered stretch of an edge before merging.
type hmmPiece struct {
	edge int32
	a, b float64
}

// hmmWork holds the buffers of one match, reused through hmmPool.
type hmmWork struct {
	cLat, cLon []float64 // cleaned fixes
	lat, lon   []float64 // observations
	cand       []hmmCand
	first      []int32 // candidates of observation k: cand[first[k]:first[k+1]]
	near       []hmmCand
	scratch    []float64
	targets    []int32
	chosen     []int32
	pieces     []hmmPiece
}

var hmmPool = sync.Pool{New: func() any { return new(hmmWork) }}

// Match map-matches a run onto the graph and returns the covered parts of
// edges, sorted by edge id. timesMS may be nil.
func (g *Graph) Match(lat, lon []float64, timesMS []int64) []EdgeCover {
	if len(timesMS) != len(lat) {
		timesMS = nil
	}
	if g.NumEdges() == 0 {
		return nil
	}
	w := hmmPool.Get().(*hmmWork)
	defer hmmPool.Put(w)
	clat, clon := w.clean(lat, lon, timesMS)
	if len(clat) < 2 {
		return nil
	}
	s, _ := g.pool.Get().(*Search)
	if s == nil {
		s = g.NewSearch()
	}
	defer g.pool.Put(s)
	w.observe(clat, clon)
	g.candidates(w)
	g.viterbi(w, s)
	g.backtrace(w, s)
	return w.covers(g)
}

// clean drops missing positions and gross jumps: a fix farther from the
// last kept one than 8 m/s × the time between them plus 60 m (or 500 m
// without times). Unlike cleanTrack it tolerates the metres of noise
// between consecutive 1 s fixes: dropping every fix that moves "too fast"
// keeps those on the side the track already leans to, a bias the matcher
// would follow. After 5 dropped fixes in a row the next one is kept anyway
// (the jump was real, or the last kept fix was the outlier).
func (w *hmmWork) clean(lat, lon []float64, tms []int64) (clat, clon []float64) {
	w.cLat, w.cLon = w.cLat[:0], w.cLon[:0]
	last, dropped := -1, 0
	for i := range lat {
		la, lo := lat[i], lon[i]
		if math.IsNaN(la) || math.IsNaN(lo) || (la == 0 && lo == 0) || math.Abs(la) > 90 || math.Abs(lo) > 180 {
			continue
		}
		if last >= 0 && dropped < 5 {
			d := geo.FastDistance(lat[last], lon[last], la, lo)
			limit := 500.0
			if tms != nil {
				limit = route.MaxSpeedMS*max(1, float64(tms[i]-tms[last])/1000) + 60
			}
			if d > limit {
				dropped++
				continue
			}
		}
		w.cLat = append(w.cLat, la)
		w.cLon = append(w.cLon, lo)
		last, dropped = i, 0
	}
	return w.cLat, w.cLon
}

// observe turns cleaned fixes into observations (smoothed, ~20 m apart).
func (w *hmmWork) observe(lat, lon []float64) {
	n := len(lat)
	w.lat, w.lon = w.lat[:0], w.lon[:0]
	// Independent noise per fix, from second differences (a fix against the
	// mean of its neighbours: motion cancels, noise of σ per axis leaves a
	// residual of Rayleigh scale σ·√1.5, whose median is 1.177 times that).
	const rad = math.Pi / 180
	ky := geo.EarthRadiusM * rad
	kx := ky * math.Cos(lat[0]*rad)
	w.scratch = w.scratch[:0]
	every := max(1, n/255)
	for i := 1; i+1 < n; i += every {
		rx := (lon[i] - (lon[i-1]+lon[i+1])/2) * kx
		ry := (lat[i] - (lat[i-1]+lat[i+1])/2) * ky
		w.scratch = append(w.scratch, math.Hypot(rx, ry))
	}
	noise := median(w.scratch) / (1.177 * math.Sqrt(1.5))
	// Fix spacing from the displacement over 10 fixes, less that noise.
	lag := min(10, n-1)
	w.scratch = w.scratch[:0]
	every = max(1, (n-lag)/255)
	for i := 0; i+lag < n; i += every {
		d := geo.FastDistance(lat[i], lon[i], lat[i+lag], lon[i+lag])
		w.scratch = append(w.scratch, d*d)
	}
	d2 := median(w.scratch)
	sp := max(0.5, math.Sqrt(max(d2-4*noise*noise, d2/4))/float64(lag))
	// Average enough fixes to bring the noise down to ~hmmNoiseM, within
	// ±hmmSmoothM metres; one observation per window, at least every ~20 m.
	want := noise * noise / (hmmNoiseM * hmmNoiseM)
	half := max(0, min(int(math.Round((want-1)/2)), int(hmmSmoothM/sp), 30))
	stride := max(1, min(60, max(2*half+1, int(math.Round(hmmStepM/sp)))))
	gap := max(hmmMinGapM, 4*sp)
	for a := 0; a < n; {
		b := a + 1
		for b < n && geo.FastDistance(lat[b-1], lon[b-1], lat[b], lon[b]) < gap {
			b++
		}
		for i := a; i < b; i += stride {
			w.addMean(lat, lon, max(a, i-half), min(b-1, i+half))
			if i+stride >= b && i != b-1 {
				w.addMean(lat, lon, max(a, b-1-half), b-1)
			}
		}
		a = b
	}
}

func (w *hmmWork) addMean(lat, lon []float64, lo, hi int) {
	var sl, so float64
	for i := lo; i <= hi; i++ {
		sl += lat[i]
		so += lon[i]
	}
	k := float64(hi - lo + 1)
	w.lat = append(w.lat, sl/k)
	w.lon = append(w.lon, so/k)
}

// median sorts v in place and returns its median (0 when empty).
func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	slices.Sort(v)
	return v[len(v)/2]
}

// candidates fills w.cand and w.first for every observation.
func (g *Graph) candidates(w *hmmWork) {
	w.cand, w.first = w.cand[:0], w.first[:0]
	for k := range w.lat {
		w.first = append(w.first, int32(len(w.cand)))
		la, lo := w.lat[k], w.lon[k]
		w.near = w.near[:0]
		g.EdgesNear(la, lo, hmmRadiusM, func(e int32) {
			d, t := g.projectOnEdge(e, la, lo)
			if d > hmmRadiusM {
				return
			}
			for _, c := range w.near {
				if c.edge == e {
					return
				}
			}
			w.near = append(w.near, hmmCand{edge: e, step: int32(k), t: t, d: d})
		})
		slices.SortFunc(w.near, func(a, b hmmCand) int {
			if c := cmp.Compare(a.d, b.d); c != 0 {
				return c
			}
			return cmp.Compare(a.edge, b.edge)
		})
		base := len(w.cand)
	next:
		for _, c := range w.near {
			if len(w.cand)-base >= hmmMaxCands {
				break
			}
			if c.t <= 0 || c.t >= 1 { // nearest at a vertex: keep one local minimum
				v := g.eu[c.edge]
				if c.t >= 1 {
					v = g.ev[c.edge]
				}
				for _, k := range w.cand[base:] {
					if (k.t <= 0 && g.eu[k.edge] == v) || (k.t >= 1 && g.ev[k.edge] == v) {
						continue next
					}
				}
				for a := g.off[v]; a < g.off[v+1]; a++ {
					if e := g.arcEdge[a]; e != c.edge {
						if d, t := g.projectOnEdge(e, la, lo); t > 0 && t < 1 && d < c.d {
							continue next
						}
					}
				}
			}
			w.cand = append(w.cand, c)
		}
	}
	w.first = append(w.first, int32(len(w.cand)))
}

// sigma estimates the GPS noise left in the observations.
func (w *hmmWork) sigma() float64 {
	w.scratch = w.scratch[:0]
	for k := range w.lat {
		if a, b := w.first[k], w.first[k+1]; a < b {
			w.scratch = append(w.scratch, w.cand[a].d) // sorted nearest first
		}
	}
	return min(hmmSigmaMax, max(hmmSigmaMin, 1.4826*median(w.scratch)))
}

// viterbi scores every candidate with its best path and predecessor.
func (g *Graph) viterbi(w *hmmWork, s *Search) {
	sigma := w.sigma()
	beta := sigma
	inv2s2 := 1 / (2 * sigma * sigma)
	prev := -1 // last observation with candidates in the current segment
	kx := math.Cos(w.lat[0] * math.Pi / 180)
	for k := range w.lat {
		cs := w.cand[w.first[k]:w.first[k+1]]
		if len(cs) == 0 {
			if prev >= 0 && geo.FastDistance(w.lat[prev], w.lon[prev], w.lat[k], w.lon[k]) > hmmOffRoadM {
				prev = -1
			}
			continue
		}
		for j := range cs {
			cs[j].score, cs[j].back = math.Inf(-1), -1
		}
		reached := false
		if prev >= 0 && geo.FastDistance(w.lat[prev], w.lon[prev], w.lat[k], w.lon[k]) > hmmMaxJumpM {
			prev = -1
		}
		if prev >= 0 {
			gc := geo.FastDistance(w.lat[prev], w.lon[prev], w.lat[k], w.lon[k])
			limit := gc + max(hmmDetourM, gc)
			w.targets = w.targets[:0]
			for _, c := range cs {
				for _, v := range [2]int32{g.eu[c.edge], g.ev[c.edge]} {
					if !slices.Contains(w.targets, v) {
						w.targets = append(w.targets, v)
					}
				}
			}
			p0 := w.first[prev]
			for i, p := range w.cand[p0:w.first[prev+1]] {
				s.reach(p.edge, p.t, limit, w.targets)
				for j := range cs {
					r, end := g.routeEnd(s, p, cs[j])
					if r > limit {
						continue
					}
					v := p.score - math.Abs(r-gc)/beta - cs[j].d*cs[j].d*inv2s2
					if end >= 0 {
						v -= hmmTurnK * g.routeTurns(s, p, cs[j], end, kx)
					}
					if v > cs[j].score {
						cs[j].score, cs[j].back = v, p0+int32(i)
						reached = true
					}
				}
			}
		}
		if !reached { // a segment starts: the first observation, or nothing reachable
			for j := range cs {
				cs[j].score = -cs[j].d * cs[j].d * inv2s2
			}
		}
		prev = k
	}
}

// reach runs Dijkstra from a point at fraction t along edge e (seeded at
// both ends of the edge) until every target vertex is settled or the cost
// exceeds limit. Settled vertices hold exact distances and predecessors.
func (s *Search) reach(e int32, t, limit float64, targets []int32) {
	g := s.g
	s.reset()
	s.from = -1
	l := float64(g.elen[e])
	s.relax(g.eu[e], -1, t*l, t*l)
	s.relax(g.ev[e], -1, (1-t)*l, (1-t)*l)
	left := len(targets)
	for len(s.heap) > 0 {
		it := s.heap.pop()
		u := it.node
		if s.st[u].mark == s.gen+1 {
			continue
		}
		if it.key > limit {
			return
		}
		s.st[u].mark = s.gen + 1
		if slices.Contains(targets, u) {
			if left--; left == 0 {
				return
			}
		}
		du := s.st[u].dist
		for a := g.off[u]; a < g.off[u+1]; a++ {
			v := g.arcHead[a]
			if s.st[v].mark == s.gen+1 {
				continue
			}
			if d := du + float64(g.elen[g.arcEdge[a]]); s.st[v].mark != s.gen || d < s.st[v].dist {
				s.relax(v, g.arcEdge[a], d, d)
			}
		}
	}
}

// routeEnd is the network distance from candidate p (the origin of the last
// reach) to candidate c, +Inf when not reached, and the end of c's edge the
// route arrives by (-1 when it stays on p's edge).
func (g *Graph) routeEnd(s *Search, p, c hmmCand) (float64, int32) {
	best, end := math.Inf(1), int32(-1)
	if p.edge == c.edge {
		best = math.Abs(p.t-c.t) * float64(g.elen[c.edge])
	}
	l := float64(g.elen[c.edge])
	if u := g.eu[c.edge]; s.st[u].mark == s.gen+1 {
		if d := s.st[u].dist + c.t*l; d < best {
			best, end = d, u
		}
	}
	if v := g.ev[c.edge]; s.st[v].mark == s.gen+1 {
		if d := s.st[v].dist + (1-c.t)*l; d < best {
			best, end = d, v
		}
	}
	return best, end
}

// routeTurns sums the turns of the route from p to c arriving by vertex end
// (the last reach): 1 − cos of each angle sharper than about 45°, so a right
// angle costs 1 and a U-turn 2 while bends of a curving street are free.
func (g *Graph) routeTurns(s *Search, p, c hmmCand, end int32, kx float64) float64 {
	// Walk back from c's point: c, end, …, the seed vertex, p's point.
	plat, plon := g.pointOn(c.edge, c.t)
	var dx, dy float64 // direction of the segment after the current point
	sum := 0.0
	step := func(lat, lon float64) {
		ex, ey := (plon-lon)*kx, plat-lat
		n := math.Hypot(ex, ey)
		if n < 1e-5 { // ~1 m: no direction
			return
		}
		ex, ey = ex/n, ey/n
		if dx != 0 || dy != 0 {
			if tc := 1 - (ex*dx + ey*dy); tc > hmmTurnMin {
				sum += tc
			}
		}
		dx, dy, plat, plon = ex, ey, lat, lon
	}
	v := end
	step(g.lat[v], g.lon[v])
	for {
		e := s.st[v].pred
		if e < 0 {
			break
		}
		if g.eu[e] == v {
			v = g.ev[e]
		} else {
			v = g.eu[e]
		}
		step(g.lat[v], g.lon[v])
	}
	step(g.pointOn(p.edge, p.t))
	return sum
}

// pointOn is the position at fraction t along edge e.
func (g *Graph) pointOn(e int32, t float64) (lat, lon float64) {
	u, v := g.eu[e], g.ev[e]
	return g.lat[u] + t*(g.lat[v]-g.lat[u]), g.lon[u] + t*(g.lon[v]-g.lon[u])
}

// backtrace picks the best path through the candidates and collects the
// covered pieces of edges along the routes between consecutive choices.
func (g *Graph) backtrace(w *hmmWork, s *Search) {
	n := len(w.lat)
	w.chosen = slices.Grow(w.chosen[:0], n)[:n]
	for k := range w.chosen {
		w.chosen[k] = -1
	}
	bestOf := func(k int) int32 {
		j := int32(-1)
		for i := w.first[k]; i < w.first[k+1]; i++ {
			if j < 0 || w.cand[i].score > w.cand[j].score {
				j = i
			}
		}
		return j
	}
	j := int32(-1)
	for k := n - 1; k >= 0; k-- {
		if j >= 0 && int(w.cand[j].step) < k {
			continue // skipped observation
		}
		if j < 0 {
			j = bestOf(k)
			if j < 0 {
				continue
			}
		}
		w.chosen[k] = j
		j = w.cand[j].back
	}
	w.pieces = w.pieces[:0]
	for k := range n {
		j := w.chosen[k]
		if j < 0 || w.cand[j].back < 0 {
			continue
		}
		p, c := w.cand[w.cand[j].back], w.cand[j]
		gc := geo.FastDistance(w.lat[p.step], w.lon[p.step], w.lat[k], w.lon[k])
		w.targets = append(w.targets[:0], g.eu[c.edge], g.ev[c.edge])
		s.reach(p.edge, p.t, gc+max(hmmDetourM, gc), w.targets)
		r, end := g.routeEnd(s, p, c)
		switch {
		case math.IsInf(r, 1):
			continue
		case end < 0:
			w.addPiece(g, c.edge, min(p.t, c.t), max(p.t, c.t))
			continue
		case end == g.eu[c.edge]:
			w.addPiece(g, c.edge, 0, c.t)
		default:
			w.addPiece(g, c.edge, c.t, 1)
		}
		v := end
		for {
			e := s.st[v].pred
			if e < 0 {
				break
			}
			w.addPiece(g, e, 0, 1)
			if g.eu[e] == v {
				v = g.ev[e]
			} else {
				v = g.eu[e]
			}
		}
		if v == g.eu[p.edge] {
			w.addPiece(g, p.edge, 0, p.t)
		} else {
			w.addPiece(g, p.edge, p.t, 1)
		}
	}
}

func (w *hmmWork) addPiece(g *Graph, e int32, a, b float64) {
	if (b-a)*float64(g.elen[e]) >= hmmMinPieceM {
		w.pieces = append(w.pieces, hmmPiece{e, a, b})
	}
}

// covers merges the pieces into EdgeCovers sorted by edge (one backing
// array for all intervals, each slice capped so appends never overlap).
func (w *hmmWork) covers(g *Graph) []EdgeCover {
	if len(w.pieces) == 0 {
		return nil
	}
	slices.SortFunc(w.pieces, func(x, y hmmPiece) int {
		if c := cmp.Compare(x.edge, y.edge); c != 0 {
			return c
		}
		return cmp.Compare(x.a, y.a)
	})
	nEdges := 1
	for i := 1; i < len(w.pieces); i++ {
		if w.pieces[i].edge != w.pieces[i-1].edge {
			nEdges++
		}
	}
	out := make([]EdgeCover, 0, nEdges)
	ivs := make([]Interval, 0, len(w.pieces))
	start := 0
	flush := func(e int32) {
		out = append(out, EdgeCover{Edge: e, Intervals: ivs[start:len(ivs):len(ivs)]})
		start = len(ivs)
	}
	for i, p := range w.pieces {
		if i > 0 && w.pieces[i-1].edge == p.edge {
			if last := &ivs[len(ivs)-1]; p.a <= last.B+hmmMinPieceM/max(1, float64(g.elen[p.edge])) {
				last.B = max(last.B, p.b)
				continue
			}
		} else if i > 0 {
			flush(w.pieces[i-1].edge)
		}
		ivs = append(ivs, Interval{p.a, p.b})
	}
	flush(w.pieces[len(w.pieces)-1].edge)
	return out
}
