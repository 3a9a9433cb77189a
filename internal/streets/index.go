package streets

import (
	"math"
	"rekindle/internal/geo"
)

// grid is a uniform lat/lon grid over item ids in CSR form.
type grid struct {
	minLat, minLon     float64
	cellLat, cellLon   float64
	cellMLat, cellMLon float64 // cell size in metres
	nx, ny             int
	start              []int32 // len nx*ny+1
	items              []int32
}

const maxGridCells = 1 << 22

func newGrid(minLat, minLon, maxLat, maxLon, cellM float64) *grid {
	midLat := (minLat + maxLat) / 2
	coslat := math.Max(0.01, math.Cos(midLat*math.Pi/180))
	for {
		cl := cellM / 111195.0
		cn := cl / coslat
		nx := int((maxLon-minLon)/cn) + 1
		ny := int((maxLat-minLat)/cl) + 1
		if nx*ny <= maxGridCells {
			return &grid{minLat: minLat, minLon: minLon, cellLat: cl, cellLon: cn, cellMLat: cellM,
				cellMLon: cellM, nx: nx, ny: ny}
		}
		cellM *= 1.5
	}
}

func (gr *grid) cell(lat, lon float64) (int, int) {
	x := int(math.Floor((lon - gr.minLon) / gr.cellLon))
	y := int(math.Floor((lat - gr.minLat) / gr.cellLat))
	return x, y
}

func clampInt(v, lo, hi int) int { return max(lo, min(hi, v)) }

// fill builds the CSR from a function that reports, for item i, the cell
// range it covers.
func (gr *grid) fill(n int, cover func(i int) (x0, y0, x1, y1 int)) {
	counts := make([]int32, gr.nx*gr.ny+1)
	for i := range n {
		x0, y0, x1, y1 := cover(i)
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				counts[y*gr.nx+x+1]++
			}
		}
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	gr.start = counts
	gr.items = make([]int32, counts[len(counts)-1])
	pos := make([]int32, gr.nx*gr.ny)
	copy(pos, counts[:len(counts)-1])
	for i := range n {
		x0, y0, x1, y1 := cover(i)
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				c := y*gr.nx + x
				gr.items[pos[c]] = int32(i)
				pos[c]++
			}
		}
	}
}

func (gr *grid) clampCell(lat, lon float64) (int, int) {
	x, y := gr.cell(lat, lon)
	return clampInt(x, 0, gr.nx-1), clampInt(y, 0, gr.ny-1)
}

func (g *Graph) nodeIndex() *grid {
	g.nodeGridOnce.Do(func() {
		minLat, minLon, maxLat, maxLon := g.Bounds()
		gr := newGrid(minLat, minLon, maxLat, maxLon, 100)
		gr.fill(len(g.lat), func(i int) (int, int, int, int) {
			x, y := gr.clampCell(g.lat[i], g.lon[i])
			return x, y, x, y
		})
		g.nodeGrid = gr
	})
	return g.nodeGrid
}

func (g *Graph) edgeIndex() *grid {
	g.edgeGridOnce.Do(func() {
		minLat, minLon, maxLat, maxLon := g.Bounds()
		gr := newGrid(minLat, minLon, maxLat, maxLon, 50)
		gr.fill(len(g.eu), func(e int) (int, int, int, int) {
			u, v := g.eu[e], g.ev[e]
			x0, y0 := gr.clampCell(min(g.lat[u], g.lat[v]), min(g.lon[u], g.lon[v]))
			x1, y1 := gr.clampCell(max(g.lat[u], g.lat[v]), max(g.lon[u], g.lon[v]))
			return x0, y0, x1, y1
		})
		g.edgeGrid = gr
	})
	return g.edgeGrid
}

// Nearest returns the vertex closest to a position and its distance in
// metres; -1 when the graph is empty.
func (g *Graph) Nearest(lat, lon float64) (node int32, distM float64) {
	if len(g.lat) == 0 {
		return -1, math.Inf(1)
	}
	n := g.nearestNode(lat, lon, math.Inf(1))
	return n, geo.FastDistance(lat, lon, g.lat[n], g.lon[n])
}

// nearestNode searches rings of cells outwards until the best candidate is
// closer than the next ring; -1 when nothing lies within maxM.
func (g *Graph) nearestNode(lat, lon, maxM float64) int32 {
	if len(g.lat) == 0 {
		return -1
	}
	gr := g.nodeIndex()
	cx, cy := gr.cell(lat, lon)
	best, bestD := int32(-1), math.Inf(1)
	maxRing := max(gr.nx, gr.ny) + max(abs(cx), abs(cy)) + 1
	for r := 0; r <= maxRing; r++ {
		// Every point in ring r is at least (r-1) cells away.
		if lower := float64(r-1) * gr.cellMLat * 0.95; r > 0 && (lower > bestD || lower > maxM) {
			break
		}
		for y := cy - r; y <= cy+r; y++ {
			if y < 0 || y >= gr.ny {
				continue
			}
			step := 1
			if y != cy-r && y != cy+r {
				step = 2 * r
			}
			for x := cx - r; x <= cx+r; x += max(step, 1) {
				if x < 0 || x >= gr.nx {
					continue
				}
				c := y*gr.nx + x
				for _, it := range gr.items[gr.start[c]:gr.start[c+1]] {
					if d := geo.FastDistance(lat, lon, g.lat[it], g.lon[it]); d < bestD {
						best, bestD = it, d
					}
				}
			}
		}
	}
	if bestD > maxM {
		return -1
	}
	return best
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// EdgesNear calls fn for every edge with a bounding box cell within radiusM
// of the position (a superset: callers measure the real distance). An edge
// may be reported more than once when it spans several cells.
func (g *Graph) EdgesNear(lat, lon, radiusM float64, fn func(e int32)) {
	if len(g.eu) == 0 {
		return
	}
	gr := g.edgeIndex()
	dLat := radiusM / 111195.0
	dLon := dLat / math.Max(0.01, math.Cos(lat*math.Pi/180))
	x0, y0 := gr.cell(lat-dLat, lon-dLon)
	x1, y1 := gr.cell(lat+dLat, lon+dLon)
	x0, x1 = max(x0, 0), min(x1, gr.nx-1)
	y0, y1 = max(y0, 0), min(y1, gr.ny-1)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			c := y*gr.nx + x
			for _, it := range gr.items[gr.start[c]:gr.start[c+1]] {
				fn(it)
			}
		}
	}
}

// projectOnEdge returns the distance in metres from a point to edge e and
// the fraction t ∈ [0,1] along the edge of the closest point.
func (g *Graph) projectOnEdge(e int32, lat, lon float64) (distM, t float64) {
	u, v := g.eu[e], g.ev[e]
	const rad = math.Pi / 180
	k := math.Cos(lat*rad) * geo.EarthRadiusM * rad
	ky := geo.EarthRadiusM * rad
	ax, ay := (g.lon[u]-lon)*k, (g.lat[u]-lat)*ky
	bx, by := (g.lon[v]-lon)*k, (g.lat[v]-lat)*ky
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	if l2 > 0 {
		t = -(ax*dx + ay*dy) / l2
		t = math.Max(0, math.Min(1, t))
	}
	px, py := ax+t*dx, ay+t*dy
	return math.Sqrt(px*px + py*py), t
}
