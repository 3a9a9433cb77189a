package athlete

import (
	"context"
	"errors"
	"math"
	"sync"

	"rekindle"
	"rekindle/internal/store"
	"rekindle/internal/streets"
)

// StreetLine is one street segment of the athlete's stored street graph,
// as [lat, lon] ends.
type StreetLine [2][2]float64

// maxStreetLines caps the street segments drawn under one map.
const maxStreetLines = 6000

// maxCachedGraphs bounds the street graphs kept for maps (a regional
// extract's graph is tens of megabytes).
const maxCachedGraphs = 4

// graphCache keeps each athlete's street graph by its version, so a map
// drawn under a route does not read the graph from the store each time.
type graphCache struct {
	mu sync.Mutex
	m  map[int64]graphEntry
}

type graphEntry struct {
	version string
	g       *streets.Graph
}

// get returns the athlete's street graph (nil when none is stored).
func (c *graphCache) get(ctx context.Context, s *store.Store, athleteID int64) (*streets.Graph, error) {
	gv, err := s.RouteGraphVersion(ctx, athleteID)
	if errors.Is(err, rekindle.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	e, ok := c.m[athleteID]
	c.mu.Unlock()
	if ok && e.version == gv {
		return e.g, nil
	}
	g, v, err := loadGraphVersion(ctx, s, athleteID)
	if err != nil || g == nil {
		return nil, err
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxCachedGraphs {
		c.m = map[int64]graphEntry{}
	}
	c.m[athleteID] = graphEntry{v, g}
	c.mu.Unlock()
	return g, nil
}

// StreetsUnder returns the segments of the athlete's stored street graph
// around a path (its bounding box and a margin of a tenth of its size):
// what a map draws under a route when no map tiles can be loaded. None
// without a stored graph; at most maxStreetLines.
func (a *App) StreetsUnder(ctx context.Context, athleteID int64, path [][2]float64) ([]StreetLine, error) {
	if len(path) < 2 {
		return nil, nil
	}
	var g *streets.Graph
	if sr, ok := a.cfg.Routes.(*StoreRoutes); ok {
		g = sr.graphOf(athleteID) // the one the route source holds already
	}
	if g == nil {
		var err error
		if g, err = a.graphs.get(ctx, a.cfg.Store, athleteID); err != nil || g == nil {
			return nil, err
		}
	}
	return streetsAround(g, path), nil
}

// graphOf returns the street graph of the athlete's current grouping, nil
// when none is held.
func (r *StoreRoutes) graphOf(athleteID int64) *streets.Graph {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.done[athleteID].graph
}

// streetsAround lists g's segments with an end inside the path's box
// (widened by a tenth on each side).
func streetsAround(g *streets.Graph, path [][2]float64) []StreetLine {
	minLa, maxLa, minLo, maxLo := 90.0, -90.0, 180.0, -180.0
	for _, p := range path {
		minLa, maxLa = math.Min(minLa, p[0]), math.Max(maxLa, p[0])
		minLo, maxLo = math.Min(minLo, p[1]), math.Max(maxLo, p[1])
	}
	dLa, dLo := (maxLa-minLa)*0.1+1e-4, (maxLo-minLo)*0.1+1e-4
	minLa, maxLa, minLo, maxLo = minLa-dLa, maxLa+dLa, minLo-dLo, maxLo+dLo
	in := func(la, lo float64) bool { return la >= minLa && la <= maxLa && lo >= minLo && lo <= maxLo }
	cLa, cLo := (minLa+maxLa)/2, (minLo+maxLo)/2
	k := math.Cos(cLa * math.Pi / 180)
	radius := 111195.0 * math.Hypot(maxLa-minLa, (maxLo-minLo)*k) / 2
	seen := map[int32]bool{}
	var out []StreetLine
	g.EdgesNear(cLa, cLo, radius, func(e int32) {
		if seen[e] || len(out) >= maxStreetLines {
			return
		}
		seen[e] = true
		u, v := g.EdgeEnds(e)
		ula, ulo := g.Node(u)
		vla, vlo := g.Node(v)
		if in(ula, ulo) || in(vla, vlo) {
			out = append(out, StreetLine{{ula, ulo}, {vla, vlo}})
		}
	})
	return out
}
