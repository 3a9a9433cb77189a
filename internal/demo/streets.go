package demo

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"rekindle/internal/geo"

	"rekindle/internal/streets"
)

// monacoPBF is the bundled street extract (© OpenStreetMap contributors,
// ODbL 1.0; see data/ATTRIBUTION.md).
//
//go:embed data/monaco.osm.pbf
var monacoPBF []byte

// Attribution is the credit any map or route from the bundled streets needs.
const Attribution = "Map data © OpenStreetMap contributors (ODbL 1.0)"

// Streets is the street network runs are simulated on.
type Streets struct {
	g              *streets.Graph
	homeLat        float64
	homeLon        float64
	home           int32
	minLat, minLon float64
	maxLat, maxLon float64
}

// MonacoStreets builds the bundled Monaco street network.
func MonacoStreets(ctx context.Context) (*Streets, error) {
	return LoadStreets(ctx, bytes.NewReader(monacoPBF))
}

// LoadStreets builds the street network from an .osm.pbf extract; home is
// the street node nearest the centre of the network.
func LoadStreets(ctx context.Context, r io.Reader) (*Streets, error) {
	g, err := streets.BuildGraph(ctx, r)
	if err != nil {
		return nil, fmt.Errorf("demo: streets: %w", err)
	}
	if g.NumNodes() < 50 {
		return nil, fmt.Errorf("demo: streets: only %d street nodes", g.NumNodes())
	}
	s := &Streets{g: g}
	s.minLat, s.minLon, s.maxLat, s.maxLon = g.Bounds()
	s.home, _ = g.Nearest((s.minLat+s.maxLat)/2, (s.minLon+s.maxLon)/2)
	s.homeLat, s.homeLon = g.Node(s.home)
	return s, nil
}

// Home is the simulated runner's front door.
func (s *Streets) Home() (lat, lon float64) { return s.homeLat, s.homeLon }

// Graph is the street graph the runs were laid on, so the demo can store it
// for route names, coverage and suggestions.
func (s *Streets) Graph() *streets.Graph { return s.g }

// MonacoPBF is the bundled extract's bytes (© OpenStreetMap contributors, ODbL).
func MonacoPBF() []byte { return monacoPBF }

// path is a polyline with cumulative distance.
type path struct {
	name     string
	lat, lon []float64
	cum      []float64 // metres
	trail    bool      // mostly unpaved
	streets  int       // distinct named streets
	loop     bool
	lengthM  float64
	surfaceS string
}

// at returns the position s metres along the path, wrapping around loops
// (an out-and-back turns around at the end).
func (p *path) at(s float64) (lat, lon float64) {
	L := p.lengthM
	if L <= 0 {
		return p.lat[0], p.lon[0]
	}
	if p.loop {
		s = math.Mod(s, L)
	} else {
		s = math.Mod(s, 2*L)
		if s > L {
			s = 2*L - s
		}
	}
	// Binary search for the segment.
	lo, hi := 0, len(p.cum)-1
	for hi-lo > 1 {
		m := (lo + hi) / 2
		if p.cum[m] <= s {
			lo = m
		} else {
			hi = m
		}
	}
	d := p.cum[hi] - p.cum[lo]
	f := 0.0
	if d > 0 {
		f = (s - p.cum[lo]) / d
	}
	return p.lat[lo] + f*(p.lat[hi]-p.lat[lo]), p.lon[lo] + f*(p.lon[hi]-p.lon[lo])
}

// runCost prefers paths and quiet streets, avoids busy roads.
func (s *Streets) runCost(e int32) float64 {
	l := s.g.EdgeLength(e)
	switch s.g.EdgeClass(e) {
	case streets.ClassAvoid:
		return 4 * l
	case streets.ClassRoad:
		return 1.2 * l
	}
	return l
}

// loop builds a loop from home through two waypoints at bearing θ and θ+Δ,
// radius r metres.
func (s *Streets) loop(name string, theta, delta, r float64) (*path, error) {
	pts := [][2]float64{{s.homeLat, s.homeLon}}
	for _, b := range []float64{theta, theta + delta} {
		dn, de := r*math.Cos(b), r*math.Sin(b)
		lat := s.homeLat + dn/111195
		lon := s.homeLon + de/(111195*math.Cos(s.homeLat*math.Pi/180))
		lat = math.Max(s.minLat, math.Min(s.maxLat, lat))
		lon = math.Max(s.minLon, math.Min(s.maxLon, lon))
		pts = append(pts, [2]float64{lat, lon})
	}
	pts = append(pts, [2]float64{s.homeLat, s.homeLon})
	p := &path{name: name, loop: true}
	names := map[string]bool{}
	var unpaved, total float64
	for i := 0; i+1 < len(pts); i++ {
		a, _ := s.g.Nearest(pts[i][0], pts[i][1])
		b, _ := s.g.Nearest(pts[i+1][0], pts[i+1][1])
		if a == b {
			continue
		}
		pp, err := s.g.ShortestPath(a, b, s.runCost)
		if err != nil {
			return nil, fmt.Errorf("demo: loop %s: %w", name, err)
		}
		for k, n := range pp.Nodes {
			if k == 0 && len(p.lat) > 0 {
				continue
			}
			la, lo := s.g.Node(n)
			p.lat = append(p.lat, la)
			p.lon = append(p.lon, lo)
		}
		for _, e := range pp.Edges {
			names[s.g.EdgeName(e)] = true
			l := s.g.EdgeLength(e)
			total += l
			if s.g.EdgeSurface(e) == streets.SurfaceUnpaved || s.g.EdgeClass(e) == streets.ClassTrail {
				unpaved += l
			}
		}
	}
	if len(p.lat) < 2 {
		return nil, fmt.Errorf("demo: loop %s: degenerate", name)
	}
	p.cum = make([]float64, len(p.lat))
	for i := 1; i < len(p.lat); i++ {
		p.cum[i] = p.cum[i-1] + geo.Distance(p.lat[i-1], p.lon[i-1], p.lat[i], p.lon[i])
	}
	p.lengthM = p.cum[len(p.cum)-1]
	p.streets = len(names)
	p.trail = total > 0 && unpaved/total > 0.5
	return p, nil
}

// library builds the routes a runner uses: the usual loop first, then
// alternatives in other directions and sizes.
func (s *Streets) library(rng *rand.Rand, n int) ([]*path, error) {
	var out []*path
	for i := 0; len(out) < n && i < 4*n; i++ {
		theta := rng.Float64() * 2 * math.Pi
		if i == 0 {
			theta = 0.7
		}
		r := 500 + rng.Float64()*900
		p, err := s.loop(fmt.Sprintf("loop %d", len(out)+1), theta, 0.9+rng.Float64()*0.9, r)
		if err != nil || p.lengthM < 1200 {
			continue
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("demo: streets: no loop could be built")
	}
	return out, nil
}

// elevation is a smooth deterministic terrain (metres) over the map: the
// bundled extract has no heights, so hills are made up, with grades up to
// about 8 %, rising away from the sea to the north-west as Monaco does.
//
// Positions are taken relative to (lat0, lon0), the runner's home, so any
// map gets the same kind of hills.
func elevation(lat0, lon0, lat, lon float64) float64 {
	y := (lat - lat0 + 0.008) * 111195
	x := (lon - lon0 + 0.02) * 111195 * math.Cos(lat0*math.Pi/180)
	e := 35 + 0.02*(y-0.5*x) + 12*math.Sin(y/400) + 7*math.Cos(x/300+y/700)
	return math.Max(1, e)
}
