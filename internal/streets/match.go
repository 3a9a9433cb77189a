package streets

import (
	"cmp"
	"encoding/json"
	"math"
	"rekindle/internal/geo"
	"slices"
)

// Map matching is in hmm.go (Newson & Krumm's hidden Markov model); this
// file turns matched runs into street coverage (routes.md §3): covered
// intervals closer than 30 m merge; an edge counts as run at ≥ 90% covered,
// or with any hit when shorter than 30 m.

const (
	matchGapM     = 30.0
	runCompleteAt = 0.9
	shortEdgeM    = 30.0
)

// Interval is a covered stretch of an edge, as fractions from its From end.
type Interval struct{ A, B float64 }

// EdgeCover is what one run covered of one edge.
type EdgeCover struct {
	Edge      int32
	Intervals []Interval
}

// CoveredM is the covered length of the edge in metres.
func (c EdgeCover) CoveredM(g *Graph) float64 {
	s := 0.0
	for _, iv := range c.Intervals {
		s += iv.B - iv.A
	}
	return s * g.EdgeLength(c.Edge)
}

// mergeIntervals sorts and merges intervals whose gap is below gap.
func mergeIntervals(ivs []Interval, gap float64) []Interval {
	slices.SortFunc(ivs, func(a, b Interval) int { return cmp.Compare(a.A, b.A) })
	out := ivs[:0:0]
	for _, iv := range ivs {
		if n := len(out); n > 0 && iv.A <= out[n-1].B+gap {
			out[n-1].B = max(out[n-1].B, iv.B)
			continue
		}
		out = append(out, iv)
	}
	// Snap to the ends when within the gap (a run along the whole edge).
	if n := len(out); n > 0 {
		if out[0].A <= gap {
			out[0].A = 0
		}
		if out[n-1].B >= 1-gap {
			out[n-1].B = 1
		}
	}
	return out
}

// Coverage accumulates what an athlete has run on a graph.
type Coverage struct {
	g     *Graph
	cover map[int32][]Interval
	runs  map[int32]int // runs per edge, for the heatmap
}

// NewCoverage starts an empty coverage over g.
func NewCoverage(g *Graph) *Coverage {
	return &Coverage{g: g, cover: map[int32][]Interval{}, runs: map[int32]int{}}
}

// Add merges one run's matched edges and returns the run's matched length
// and how much of it covered street not covered before (its novelty).
func (c *Coverage) Add(m []EdgeCover) (matchedM, novelM float64) {
	for _, ec := range m {
		l := c.g.EdgeLength(ec.Edge)
		matchedM += ec.CoveredM(c.g)
		if cur := c.cover[ec.Edge]; len(cur) == 1 && cur[0].A == 0 && cur[0].B == 1 {
			// Already wholly covered (most of a routine run): nothing new.
			c.runs[ec.Edge]++
			continue
		}
		before := c.EdgeFraction(ec.Edge)
		c.cover[ec.Edge] = mergeIntervals(append(c.cover[ec.Edge], ec.Intervals...), matchGapM/max(1, l))
		novelM += max(0, c.EdgeFraction(ec.Edge)-before) * l
		c.runs[ec.Edge]++
	}
	return
}

// EdgeFraction is the covered share of an edge.
func (c *Coverage) EdgeFraction(e int32) float64 {
	s := 0.0
	for _, iv := range c.cover[e] {
		s += iv.B - iv.A
	}
	return s
}

// EdgeRun reports whether an edge counts as run: ≥ 90% covered, or any hit
// on an edge shorter than 30 m.
func (c *Coverage) EdgeRun(e int32) bool {
	if len(c.cover[e]) == 0 {
		return false
	}
	return c.g.EdgeLength(e) < shortEdgeM || c.EdgeFraction(e) >= runCompleteAt
}

// StreetCoverage is the coverage of one named street.
type StreetCoverage struct {
	Name     string  `json:"name"`
	LengthM  float64 `json:"length_m"`
	CoveredM float64 `json:"covered_m"`
	Share    float64 `json:"share"`
	// DistanceM from the reference point (home) to the street's nearest vertex.
	DistanceM float64 `json:"distance_m"`
	Lat       float64 `json:"lat"` // the nearest vertex
	Lon       float64 `json:"lon"`
}

// CoverageReport is the athlete's coverage of the area within RadiusM of home.
type CoverageReport struct {
	RadiusM      float64          `json:"radius_m"`
	TotalM       float64          `json:"total_m"` // runnable length in the area
	CoveredM     float64          `json:"covered_m"`
	Share        float64          `json:"share"`
	EdgesRun     int              `json:"edges_run"`
	Edges        int              `json:"edges"`
	Streets      int              `json:"streets"`
	StreetsRun   int              `json:"streets_run"`              // ≥ 90% of their length covered
	Top          []StreetCoverage `json:"top,omitempty"`            // most-covered streets
	NeverRunNear []StreetCoverage `json:"never_run_near,omitempty"` // nearest streets with nothing run
}

// Report summarises coverage within radiusM of (homeLat, homeLon); a radius
// ≤ 0 means the whole graph. Streets are edges grouped by name (unnamed
// edges count in the totals only). limit caps the two lists.
func (c *Coverage) Report(homeLat, homeLon, radiusM float64, limit int) CoverageReport {
	g := c.g
	rep := CoverageReport{RadiusM: radiusM}
	type acc struct {
		length, covered, dist float64
		node                  int32
	}
	streets := map[int32]*acc{}
	for e := range int32(g.NumEdges()) {
		u, v := g.eu[e], g.ev[e]
		d := min(geo.FastDistance(homeLat, homeLon, g.lat[u], g.lon[u]), geo.FastDistance(homeLat, homeLon, g.lat[v], g.lon[v]))
		if radiusM > 0 && d > radiusM {
			continue
		}
		l := g.EdgeLength(e)
		cov := min(1, c.EdgeFraction(e)) * l
		if c.EdgeRun(e) {
			rep.EdgesRun++
			cov = l
		}
		rep.Edges++
		rep.TotalM += l
		rep.CoveredM += cov
		if n := g.ename[e]; n != 0 {
			s := streets[n]
			if s == nil {
				s = &acc{dist: math.Inf(1)}
				streets[n] = s
			}
			s.length += l
			s.covered += cov
			if d < s.dist {
				s.dist, s.node = d, u
			}
		}
	}
	if rep.TotalM > 0 {
		rep.Share = rep.CoveredM / rep.TotalM
	}
	var all []StreetCoverage
	for n, s := range streets {
		sc := StreetCoverage{Name: g.names[n], LengthM: s.length, CoveredM: s.covered, Share: s.covered / s.length,
			DistanceM: s.dist, Lat: g.lat[s.node], Lon: g.lon[s.node]}
		all = append(all, sc)
		if sc.Share >= runCompleteAt {
			rep.StreetsRun++
		}
	}
	rep.Streets = len(all)
	slices.SortFunc(all, func(a, b StreetCoverage) int {
		if c := cmp.Compare(b.CoveredM, a.CoveredM); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	for _, s := range all {
		if len(rep.Top) >= limit || s.CoveredM == 0 {
			break
		}
		rep.Top = append(rep.Top, s)
	}
	slices.SortFunc(all, func(a, b StreetCoverage) int {
		if c := cmp.Compare(a.DistanceM, b.DistanceM); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	for _, s := range all {
		if len(rep.NeverRunNear) >= limit {
			break
		}
		if s.CoveredM == 0 {
			rep.NeverRunNear = append(rep.NeverRunNear, s)
		}
	}
	return rep
}

// Heatmap returns a GeoJSON FeatureCollection with one LineString per run
// edge and its run count ("runs") and covered share ("share").
func (c *Coverage) Heatmap() ([]byte, error) {
	type geom struct {
		Type        string       `json:"type"`
		Coordinates [][2]float64 `json:"coordinates"`
	}
	type feature struct {
		Type       string         `json:"type"`
		Geometry   geom           `json:"geometry"`
		Properties map[string]any `json:"properties"`
	}
	fc := struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}{Type: "FeatureCollection", Features: []feature{}}
	edges := make([]int32, 0, len(c.runs))
	for e := range c.runs {
		edges = append(edges, e)
	}
	slices.Sort(edges)
	g := c.g
	for _, e := range edges {
		u, v := g.eu[e], g.ev[e]
		fc.Features = append(fc.Features, feature{Type: "Feature",
			Geometry: geom{Type: "LineString", Coordinates: [][2]float64{{g.lon[u], g.lat[u]}, {g.lon[v], g.lat[v]}}},
			Properties: map[string]any{"runs": c.runs[e], "share": math.Round(c.EdgeFraction(e)*100) / 100,
				"name": g.EdgeName(e)}})
	}
	return json.Marshal(fc)
}

// MatchPolyline matches a [lat, lon] polyline (such as Fingerprint.Clean).
func (g *Graph) MatchPolyline(poly [][2]float64) []EdgeCover {
	lat := make([]float64, len(poly))
	lon := make([]float64, len(poly))
	for i, p := range poly {
		lat[i], lon[i] = p[0], p[1]
	}
	return g.Match(lat, lon, nil)
}

// StreetNames returns the names of the streets a matched run used most,
// longest first (at most n; unnamed edges skipped).
func (g *Graph) StreetNames(m []EdgeCover, n int) []string {
	by := map[int32]float64{}
	for _, ec := range m {
		if id := g.ename[ec.Edge]; id != 0 {
			by[id] += ec.CoveredM(g)
		}
	}
	ids := make([]int32, 0, len(by))
	for id := range by {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b int32) int {
		if c := cmp.Compare(by[b], by[a]); c != 0 {
			return c
		}
		return cmp.Compare(g.names[a], g.names[b])
	})
	var out []string
	for _, id := range ids[:min(n, len(ids))] {
		out = append(out, g.names[id])
	}
	return out
}
