package streets

import (
	"cmp"
	"math"
	"rekindle/internal/geo"
	"rekindle/internal/route"
	"slices"
)

// Scoring and choosing among candidates (routes.md §2 step 6).

// describe fills a candidate's suggestion: numbers, streets, cues, polyline.
func (p *planner) describe(c *candidate) {
	g := p.g
	s := Suggestion{Kind: c.kind, DistanceM: round1(c.lengthM), TargetM: p.req.DistanceM, ReusedM: round1(c.reusedM),
		Destination: c.dest, Note: c.note, Nodes: c.nodes, Edges: c.edges, StemM: round1(c.stemM),
		Tolerance: tolerance(p.req, c.kind)}
	var never, busy float64
	seenName := map[int32]bool{}
	for _, e := range c.edges {
		l := float64(g.elen[e])
		switch g.eclass[e] {
		case ClassRoad:
			s.Surface.RoadM += l
		case ClassPath:
			s.Surface.PathM += l
		case ClassTrail:
			s.Surface.TrailM += l
		case ClassAvoid:
			s.Surface.AvoidM += l
		}
		switch g.esurface[e] {
		case SurfacePaved:
			s.Surface.PavedM += l
		case SurfaceUnpaved:
			s.Surface.UnpavedM += l
		default:
			s.Surface.UnknownM += l
		}
		if p.req.Run == nil || !p.req.Run(e) {
			never += l
		}
		if g.eflags[e]&FlagBusy != 0 {
			busy += l
		}
		if id := g.ename[e]; id != 0 && !seenName[id] {
			seenName[id] = true
			s.Streets = append(s.Streets, g.names[id])
		}
	}
	if c.lengthM > 0 {
		s.NeverRunShare = round3(never / c.lengthM)
		s.AvoidShare = round3(s.Surface.AvoidM / c.lengthM)
		s.BusyShare = round3(busy / c.lengthM)
		s.Surface.TrailShare = round3(trailLength(g, c.edges) / c.lengthM)
	}
	for _, f := range []*float64{&s.Surface.RoadM, &s.Surface.PathM, &s.Surface.TrailM, &s.Surface.AvoidM,
		&s.Surface.PavedM, &s.Surface.UnpavedM, &s.Surface.UnknownM} {
		*f = round1(*f)
	}
	s.Polyline = make([][2]float64, len(c.nodes))
	lat := make([]float64, len(c.nodes))
	lon := make([]float64, len(c.nodes))
	for i, n := range c.nodes {
		s.Polyline[i] = [2]float64{g.lat[n], g.lon[n]}
		lat[i], lon[i] = g.lat[n], g.lon[n]
	}
	s.Compactness = round3(compactness(lat, lon))
	if len(p.req.Usual) > 0 && len(lat) >= 2 {
		fp := route.NewFingerprint(lat, lon, nil, c.lengthM)
		for _, u := range p.req.Usual {
			if u != nil {
				s.SimilarityToUsual = max(s.SimilarityToUsual, round3(route.Similarity(&fp, u)))
			}
		}
	}
	s.Cues = p.cues(c.nodes, c.edges, c.dest)
	s.Score = round3(p.score(&s))
	c.sugg = s
	c.score = s.Score
}

// trailLength counts trail edges fully and paths of unknown surface half.
func trailLength(g *Graph, edges []int32) float64 {
	t := 0.0
	for _, e := range edges {
		switch {
		case g.eclass[e] == ClassTrail:
			t += float64(g.elen[e])
		case g.eclass[e] == ClassPath && g.esurface[e] == SurfaceUnknown:
			t += 0.5 * float64(g.elen[e])
		}
	}
	return t
}

// score weighs length error, reuse, staleness, surface mismatch, busy roads,
// shape and likeness to the usual routes; lower is better.
func (p *planner) score(s *Suggestion) float64 {
	L := p.req.DistanceM
	errShare := math.Abs(s.DistanceM-L) / L
	sc := 4 * errShare
	if errShare > 0.05 {
		sc += 2 + 4*(errShare-0.05)
	}
	if extra := s.ReusedM - s.StemM/2; extra > 0.5 && s.DistanceM > 0 {
		sc += 0.6 + 4*extra/s.DistanceM // any reuse beyond a forced stem counts
	}
	if p.req.Run != nil {
		sc += 1 - s.NeverRunShare
	}
	switch p.req.Surface {
	case PreferTrail:
		sc += 2 * max(0, 0.6-s.Surface.TrailShare)
	case PreferRoad:
		if s.DistanceM > 0 {
			sc += 2 * max(0, s.Surface.UnpavedM/s.DistanceM-0.1)
		}
	}
	sc += 2 * s.AvoidShare
	// Quiet streets first: a little for any busy road, much past a quarter.
	sc += 0.5*s.BusyShare + 4*max(0, s.BusyShare-MaxBusyShare)
	if s.Kind == SuggestLoop || s.Kind == SuggestOutAndBack {
		sc += 0.5 * (1 - s.Compactness)
	}
	sc += 1.5 * max(0, s.SimilarityToUsual-0.3)
	return sc
}

// MaxBusyShare is the share of busy roads a suggestion should stay under
// when the streets allow it.
const MaxBusyShare = 0.25

// withinTolerance reports whether a candidate keeps the length promised.
func (p *planner) withinTolerance(c *candidate) bool {
	L := p.req.DistanceM
	return math.Abs(c.lengthM-L) <= tolerance(p.req, c.kind)*L
}

// choose describes the candidates within tolerance and returns the best
// few, each different from those before it (length-weighted edge Jaccard
// ≤ 0.5) and, when there is a choice, not one of the usual routes. A
// candidate of the wrong length is never offered.
func (p *planner) choose(cands []*candidate) []Suggestion {
	cands = slices.DeleteFunc(slices.Clone(cands), func(c *candidate) bool { return !p.withinTolerance(c) })
	// A loop never runs an edge twice beyond the stem a start on a dead end
	// must come back by (routes.md §2 step 4): where only such loops fit, the
	// out-and-back, labelled as one, is what is offered.
	cands = slices.DeleteFunc(cands, func(c *candidate) bool { return c.kind == SuggestLoop && c.reuses() })
	for _, c := range cands {
		p.describe(c)
	}
	isLoop := func(c *candidate) bool { return c.kind == SuggestLoop }
	anyLoop := slices.ContainsFunc(cands, isLoop)
	quietLoop := slices.ContainsFunc(cands, func(c *candidate) bool { return isLoop(c) && c.sugg.BusyShare <= MaxBusyShare })
	// Quiet streets when the graph has them: if any candidate keeps busy
	// roads to MaxBusyShare, none busier is offered — a quiet out-and-back
	// too comes before loops that are all busy.
	if slices.ContainsFunc(cands, func(c *candidate) bool { return c.sugg.BusyShare <= MaxBusyShare }) {
		cands = slices.DeleteFunc(cands, func(c *candidate) bool { return c.sugg.BusyShare > MaxBusyShare })
	}
	slices.SortStableFunc(cands, func(a, b *candidate) int { return cmp.Compare(a.score, b.score) })
	var picked []*candidate
	var sets []map[int32]float64
	for pass := 0; pass < 2 && len(picked) < p.req.Count; pass++ {
		for _, c := range cands {
			if len(picked) >= p.req.Count {
				break
			}
			if slices.Contains(picked, c) {
				continue
			}
			if pass == 0 && c.sugg.SimilarityToUsual >= route.SameRoute {
				continue
			}
			set := edgeSet(p.g, c.edges)
			alike := false
			for _, o := range sets {
				if jaccard(set, o) > 0.5 {
					alike = true
					break
				}
			}
			if alike { // never return near-duplicates
				continue
			}
			picked = append(picked, c)
			sets = append(sets, set)
		}
	}
	out := make([]Suggestion, len(picked))
	for i, c := range picked {
		out[i] = c.sugg
		// An out-and-back says why it is offered: no loop of the length,
		// or every loop of it busy while it keeps to quiet streets.
		if c.kind == SuggestOutAndBack && anyLoop {
			out[i].Note = outAndBackNote
			if !quietLoop && c.sugg.BusyShare <= MaxBusyShare {
				out[i].Note = quietOutAndBackNote
			}
		}
	}
	return out
}

// Notes of an out-and-back offered where loops of the length exist.
const (
	outAndBackNote      = "out and back the same way"
	quietOutAndBackNote = "out and back on quiet streets: every loop of this length from here runs busy roads for more than a quarter of its length"
)

// reuses reports an edge run twice beyond the stem out and back.
func (c *candidate) reuses() bool { return c.reusedM-c.stemM/2 >= 0.5 }

func edgeSet(g *Graph, edges []int32) map[int32]float64 {
	m := make(map[int32]float64, len(edges))
	for _, e := range edges {
		m[e] = float64(g.elen[e])
	}
	return m
}

// jaccard is the length-weighted Jaccard index of two edge sets.
func jaccard(a, b map[int32]float64) float64 {
	var inter, union float64
	for e, l := range a {
		union += l
		if _, ok := b[e]; ok {
			inter += l
		}
	}
	for e, l := range b {
		if _, ok := a[e]; !ok {
			union += l
		}
	}
	if union == 0 {
		return 0
	}
	return inter / union
}

// compactness is 4πA/P² of the closed outline in local metres.
func compactness(lat, lon []float64) float64 {
	if len(lat) < 3 {
		return 0
	}
	const rad = math.Pi / 180
	k := math.Cos(lat[0]*rad) * geo.EarthRadiusM * rad
	ky := geo.EarthRadiusM * rad
	var area, per float64
	n := len(lat)
	for i := range n {
		j := (i + 1) % n
		xi, yi := (lon[i]-lon[0])*k, (lat[i]-lat[0])*ky
		xj, yj := (lon[j]-lon[0])*k, (lat[j]-lat[0])*ky
		area += xi*yj - xj*yi
		per += math.Hypot(xj-xi, yj-yi)
	}
	if per == 0 {
		return 0
	}
	return min(1, 4*math.Pi*math.Abs(area/2)/(per*per))
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }
func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
