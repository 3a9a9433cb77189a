package streets

import (
	"math"
	"math/rand/v2"
	"rekindle/internal/geo"
	"testing"
)

// pathRun makes a noisy run along a path's vertices, a fix every spacing m.
func pathRun(rng *rand.Rand, g *Graph, p Path, spacing, sigma float64) (lat, lon []float64) {
	var la, lo []float64
	for _, n := range p.Nodes {
		a, b := g.Node(n)
		la = append(la, a)
		lo = append(lo, b)
	}
	k := math.Cos(la[0]*math.Pi/180) * 111195
	geo.Resample(la, lo, spacing, func(a, b float64) {
		lat = append(lat, a+rng.NormFloat64()*sigma/111195)
		lon = append(lon, b+rng.NormFloat64()*sigma/k)
	})
	return
}

func TestMatchCoveredLength(t *testing.T) {
	g := cachedGraph(t, "monaco.osm.pbf")
	rng := rand.New(rand.NewPCG(1, 1))
	routes := [][4]float64{
		{43.727687, 7.418737, 43.74958, 7.436566},
		{43.728677, 7.41016, 43.739213, 7.427806},
		{43.733802, 7.413433, 43.739662, 7.424355},
	}
	for _, sigma := range []float64{5, 10, 15} {
		for _, r := range routes {
			p, err := g.RoutePoints(r[0], r[1], r[2], r[3], nil)
			if err != nil {
				t.Fatal(err)
			}
			on := map[int32]bool{}
			truth := 0.0
			for _, e := range p.Edges[1 : len(p.Edges)-1] {
				on[e] = true
				truth += g.EdgeLength(e)
			}
			lat, lon := pathRun(rng, g, p, 3, sigma)
			m := g.Match(lat, lon, nil)
			onM, offM := 0.0, 0.0
			for _, ec := range m {
				if on[ec.Edge] {
					onM += ec.CoveredM(g)
				} else {
					offM += ec.CoveredM(g)
				}
			}
			errRel := math.Abs(onM-truth) / truth
			t.Logf("σ=%2.0f m: path %.0f m, credited on path %.0f m (%.1f%% off), off path %.0f m", sigma, truth, onM, errRel*100, offM)
			// Monaco is dense (parallel streets, stairs, tunnels under roads):
			// at σ 15 m a few short stretches go to a parallel way.
			limit := 0.05
			if sigma >= 15 {
				limit = 0.10
			}
			if errRel > limit || offM > 0.05*truth {
				t.Errorf("σ=%.0f: covered length off by %.1f%%, %.0f m credited off the path", sigma, errRel*100, offM)
			}
		}
	}
}

func TestCoverageReportAndNovelty(t *testing.T) {
	g := cachedGraph(t, "monaco.osm.pbf")
	rng := rand.New(rand.NewPCG(2, 2))
	p, err := g.RoutePoints(43.728677, 7.41016, 43.739213, 7.427806, nil)
	if err != nil {
		t.Fatal(err)
	}
	cov := NewCoverage(g)
	lat, lon := pathRun(rng, g, p, 3, 5)
	m1, n1 := cov.Add(g.Match(lat, lon, nil))
	lat, lon = pathRun(rng, g, p, 3, 5)
	m2, n2 := cov.Add(g.Match(lat, lon, nil))
	t.Logf("first run matched %.0f m, novel %.0f m; repeat matched %.0f m, novel %.0f m", m1, n1, m2, n2)
	if n1 < 0.9*m1 || n2 > 0.03*m2 {
		t.Errorf("novelty: first %.0f/%.0f, repeat %.0f/%.0f", n1, m1, n2, m2)
	}
	rep := cov.Report(43.7335, 7.4200, 0, 5)
	t.Logf("coverage %.1f%% of %.0f m, %d/%d streets run, top %v", rep.Share*100, rep.TotalM, rep.StreetsRun, rep.Streets, rep.Top)
	if rep.CoveredM < 0.9*p.LengthM || rep.CoveredM > 1.2*p.LengthM || len(rep.NeverRunNear) != 5 || len(rep.Top) == 0 {
		t.Errorf("report %+v", rep)
	}
	for _, s := range rep.NeverRunNear {
		if s.CoveredM != 0 {
			t.Errorf("never-run street %q has %0.f m", s.Name, s.CoveredM)
		}
	}
	js, err := cov.Heatmap()
	if err != nil || len(js) < 100 {
		t.Fatalf("heatmap: %v", err)
	}
}

func TestMergeIntervals(t *testing.T) {
	got := mergeIntervals([]Interval{{0.5, 0.6}, {0.02, 0.1}, {0.12, 0.2}, {0.95, 0.99}}, 0.03)
	want := []Interval{{0, 0.2}, {0.5, 0.6}, {0.95, 1}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range got {
		if math.Abs(got[i].A-want[i].A) > 1e-9 || math.Abs(got[i].B-want[i].B) > 1e-9 {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

func BenchmarkMatch10kDelaware(b *testing.B) {
	g := buildFile(b, delawarePath(b))
	from, _ := g.Nearest(39.7447, -75.5484) // Wilmington, towards the south-west
	to, _ := g.Nearest(39.7000, -75.6200)
	p, err := g.ShortestPath(from, to, nil)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 3))
	lat, lon := pathRun(rng, g, p, 3, 5) // 1 s fixes at 3 m/s
	g.Match(lat, lon, nil)               // builds the edge index once
	b.ReportAllocs()
	for b.Loop() {
		g.Match(lat, lon, nil)
	}
	b.ReportMetric(p.LengthM, "run-m") // after the loop: b.Loop resets metrics
}
