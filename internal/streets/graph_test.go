package streets

import (
	"bytes"
	"context"
	"math"
	"os"
	"testing"

	"github.com/paulmach/osm"

	"rekindle/internal/geo"
	"rekindle/internal/testkit"
)

// osmFile is an OSM extract of testdata/activities/osm.
func osmFile(t testing.TB, name string) string {
	t.Helper()
	return testkit.Activities(t, "osm", name)
}

// delawarePath is the Delaware extract (a whole US state, 14 MB) shipped in
// the paulmach/osm module's testdata: read from the module, as the go
// command resolves it, never copied; the test fails when it is absent.
func delawarePath(t testing.TB) string {
	t.Helper()
	return testkit.ModuleFile(t, "github.com/paulmach/osm", "testdata", "delaware-latest.osm.pbf")
}

func buildFile(t testing.TB, path string) *Graph {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := BuildGraph(context.Background(), f)
	if err != nil {
		t.Fatalf("build %s: %v", path, err)
	}
	return g
}

var graphCache = map[string]*Graph{}

func cachedGraph(t testing.TB, name string) *Graph {
	t.Helper()
	if g, ok := graphCache[name]; ok {
		return g
	}
	g := buildFile(t, osmFile(t, name))
	graphCache[name] = g
	return g
}

func TestGraphMonacoFootRoutes(t *testing.T) {
	g := cachedGraph(t, "monaco.osm.pbf")
	t.Logf("monaco: %d nodes, %d edges, lengths %v", g.NumNodes(), g.NumEdges(), g.TotalLength())
	// GraphHopper's RoutingAlgorithmWithOSMTest, FOOT profile (MANIFEST.md).
	cases := []struct {
		lat1, lon1, lat2, lon2 float64
		wantM                  float64
	}{
		{43.730729, 7.421288, 43.727697, 7.419199, 1566},
		{43.727687, 7.418737, 43.74958, 7.436566, 3438},
		{43.728677, 7.41016, 43.739213, 7.427806, 2085},
		{43.733802, 7.413433, 43.739662, 7.424355, 1425},
	}
	for _, c := range cases {
		p, err := g.RoutePoints(c.lat1, c.lon1, c.lat2, c.lon2, nil)
		if err != nil {
			t.Fatalf("%v: %v", c, err)
		}
		got := p.LengthM
		t.Logf("%.6f,%.6f -> %.6f,%.6f: %.0f m (GraphHopper %.0f m), %d nodes", c.lat1, c.lon1, c.lat2, c.lon2, got, c.wantM, len(p.Nodes))
		if rel := math.Abs(got-c.wantM) / c.wantM; rel > 0.05 {
			t.Errorf("route length %.0f m, GraphHopper says %.0f m (%.1f%% off)", got, c.wantM, rel*100)
		}
	}
}

func TestGraphAndorraFootRoutes(t *testing.T) {
	g := cachedGraph(t, "andorra.osm.pbf")
	t.Logf("andorra: %d nodes, %d edges, lengths %v", g.NumNodes(), g.NumEdges(), g.TotalLength())
	cases := []struct {
		lat1, lon1, lat2, lon2 float64
		wantM                  float64
	}{
		{42.56819, 1.603231, 42.571034, 1.520662, 16460},
		{42.529176, 1.571302, 42.571034, 1.520662, 12840},
		{42.521269, 1.52298, 42.50418, 1.520662, 3223},
	}
	for _, c := range cases {
		p, err := g.RoutePoints(c.lat1, c.lon1, c.lat2, c.lon2, nil)
		if err != nil {
			t.Fatalf("%v: %v", c, err)
		}
		got := p.LengthM
		t.Logf("%.6f,%.6f -> %.6f,%.6f: %.0f m (GraphHopper %.0f m), %d nodes", c.lat1, c.lon1, c.lat2, c.lon2, got, c.wantM, len(p.Nodes))
		// GraphHopper's foot profile prefers quieter ways; the pure shortest
		// path may only be shorter, and not by much.
		if got > c.wantM*1.01 || got < c.wantM*0.95 {
			t.Errorf("route length %.0f m, GraphHopper foot %.0f m", got, c.wantM)
		}
	}
}

func TestGraphBerlin(t *testing.T) {
	g := cachedGraph(t, "berlin-siegessaeule.osm.pbf")
	t.Logf("berlin: %d nodes, %d edges, lengths %v", g.NumNodes(), g.NumEdges(), g.TotalLength())
}

func TestGraphRoundTrip(t *testing.T) {
	g := cachedGraph(t, "monaco.osm.pbf")
	var buf bytes.Buffer
	if _, err := g.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	h, err := ReadGraph(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if h.NumNodes() != g.NumNodes() || h.NumEdges() != g.NumEdges() {
		t.Fatalf("round trip: %d/%d nodes, %d/%d edges", h.NumNodes(), g.NumNodes(), h.NumEdges(), g.NumEdges())
	}
}

func TestGraphClassesBerlin(t *testing.T) {
	g := cachedGraph(t, "berlin-siegessaeule.osm.pbf")
	byClass := map[Class]int{}
	named := 0
	for e := range int32(g.NumEdges()) {
		byClass[g.EdgeClass(e)]++
		if g.EdgeName(e) != "" {
			named++
		}
		if g.EdgeClass(e) == ClassExcluded {
			t.Fatalf("edge %d is excluded but in the graph", e)
		}
	}
	// The extract is footways, cycleways and paths around a roundabout of
	// busy primary roads: paths dominate, some roads are to be avoided.
	if byClass[ClassPath] < byClass[ClassRoad] || byClass[ClassAvoid] == 0 || named == 0 {
		t.Errorf("classes %v, %d named edges", byClass, named)
	}
}

func TestClassifyWay(t *testing.T) {
	tag := func(kv ...string) osm.Tags {
		var ts osm.Tags
		for i := 0; i+1 < len(kv); i += 2 {
			ts = append(ts, osm.Tag{Key: kv[i], Value: kv[i+1]})
		}
		return ts
	}
	cases := []struct {
		name    string
		tags    osm.Tags
		class   Class
		surface Surface
	}{
		{"motorway", tag("highway", "motorway"), ClassExcluded, SurfaceUnknown},
		{"private drive", tag("highway", "service", "access", "private"), ClassExcluded, SurfaceUnknown},
		{"private but foot yes", tag("highway", "residential", "access", "private", "foot", "yes"), ClassRoad, SurfacePaved},
		{"foot no", tag("highway", "residential", "foot", "no"), ClassExcluded, SurfaceUnknown},
		{"alpine", tag("highway", "path", "sac_scale", "demanding_alpine_hiking"), ClassExcluded, SurfaceUnknown},
		{"primary no sidewalk", tag("highway", "primary"), ClassAvoid, SurfacePaved},
		{"primary sidewalk separate", tag("highway", "primary", "sidewalk", "separate"), ClassAvoid, SurfacePaved},
		{"primary sidewalk both", tag("highway", "primary", "sidewalk", "both"), ClassRoad, SurfacePaved},
		{"fast residential", tag("highway", "residential", "maxspeed", "40 mph"), ClassAvoid, SurfacePaved},
		{"residential", tag("highway", "residential"), ClassRoad, SurfacePaved},
		{"gravel path", tag("highway", "path", "surface", "gravel"), ClassTrail, SurfaceUnpaved},
		{"track grade3", tag("highway", "track", "tracktype", "grade3"), ClassTrail, SurfaceUnpaved},
		{"bare path", tag("highway", "path"), ClassPath, SurfaceUnknown},
		{"hiking path", tag("highway", "path", "sac_scale", "hiking"), ClassTrail, SurfaceUnknown},
		{"asphalt footway", tag("highway", "footway", "surface", "asphalt"), ClassPath, SurfacePaved},
		{"muddy path", tag("highway", "path", "surface", "mud"), ClassAvoid, SurfaceUnpaved},
		{"driveway", tag("highway", "service", "service", "driveway"), ClassAvoid, SurfacePaved},
		{"pier", tag("man_made", "pier"), ClassPath, SurfaceUnknown},
		{"oneway kept", tag("highway", "residential", "oneway", "yes"), ClassRoad, SurfacePaved},
		{"building", tag("building", "yes"), ClassExcluded, SurfaceUnknown},
	}
	for _, c := range cases {
		a := classifyWay(c.tags)
		if a.class != c.class || (c.class != ClassExcluded && a.surface != c.surface) {
			t.Errorf("%s: got %s/%s, want %s/%s", c.name, a.class, a.surface, c.class, c.surface)
		}
	}
}

func TestGraphDelaware(t *testing.T) {
	if testing.Short() {
		t.Skip("delaware build takes a few seconds; skipped in -short")
	}
	g := buildFile(t, delawarePath(t))
	t.Logf("delaware: %d nodes, %d edges, lengths %v", g.NumNodes(), g.NumEdges(), g.TotalLength())
	if g.NumNodes() < 100_000 {
		t.Fatalf("only %d nodes", g.NumNodes())
	}
	// Wilmington to Newark, a cross-town run (no reference value: check sanity
	// against the straight line).
	p, err := g.RoutePoints(39.7447, -75.5484, 39.6837, -75.7497, nil)
	if err != nil {
		t.Fatal(err)
	}
	straight := geo.Distance(39.7447, -75.5484, 39.6837, -75.7497)
	t.Logf("Wilmington -> Newark %.0f m (straight %.0f m)", p.LengthM, straight)
	if p.LengthM < straight || p.LengthM > 1.6*straight {
		t.Errorf("path %.0f m vs straight line %.0f m", p.LengthM, straight)
	}
}

func BenchmarkBuildDelaware(b *testing.B) {
	p := delawarePath(b)
	data, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := BuildGraph(context.Background(), bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadDelaware(b *testing.B) {
	g := buildFile(b, delawarePath(b))
	var buf bytes.Buffer
	g.WriteTo(&buf)
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		h, err := ReadGraph(bytes.NewReader(buf.Bytes()))
		if err != nil {
			b.Fatal(err)
		}
		h.Nearest(39.7447, -75.5484) // includes building the node index
	}
}

func BenchmarkRoutePointsDelaware(b *testing.B) {
	g := buildFile(b, delawarePath(b))
	g.Nearest(0, 0)
	for b.Loop() {
		if _, err := g.RoutePoints(39.7447, -75.5484, 39.7290, -75.6000, nil); err != nil {
			b.Fatal(err)
		}
	}
}
