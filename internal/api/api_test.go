package api

import (
	"math"
	"strings"
	"testing"
	"time"

	"rekindle"
)

func FuzzCleanName(f *testing.F) {
	for _, s := range []string{"run.fit", "../../etc/passwd", "export/activities/1.gpx", "C:\\Users\\me\\a.tcx", "", "/abs/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := cleanName(s)
		if n == "" || strings.HasPrefix(n, "/") || strings.Contains("/"+n+"/", "/../") || len(n) > 300 {
			t.Fatalf("cleanName(%q) = %q", s, n)
		}
	})
}

func TestSeriesOf(t *testing.T) {
	n := 2000
	tr := rekindle.Track{Time: make([]int64, n), Lat: make([]float64, n), Lon: make([]float64, n), HR: make([]float32, n), Ele: make([]float32, n)}
	start := time.Date(2024, 5, 1, 7, 0, 0, 0, time.UTC)
	for i := range n {
		tr.Time[i] = start.UnixMilli() + int64(i)*1000
		tr.Lat[i], tr.Lon[i] = 46.0+float64(i)*2.7e-5, 14.5 // 3 m/s north
		tr.HR[i], tr.Ele[i] = 150, 300
	}
	tr.Lat[10], tr.HR[11] = math.NaN(), rekindle.NaN32
	s := SeriesOf(&tr, start)
	if len(s.DistKm) > MaxPoints || len(s.DistKm) < MaxPoints/2 {
		t.Fatalf("%d points", len(s.DistKm))
	}
	if d := s.DistKm[len(s.DistKm)-1]; math.Abs(d-6.0) > 0.1 {
		t.Errorf("distance %.3f km, want about 6", d)
	}
	if p := s.PaceS[len(s.PaceS)-1]; p == nil || math.Abs(*p-333.3) > 5 {
		t.Errorf("pace %v s/km, want about 333 (3 m/s)", p)
	}
	if len(s.HR) != len(s.DistKm) || len(s.Path) == 0 {
		t.Errorf("hr %d, path %d", len(s.HR), len(s.Path))
	}
	empty := SeriesOf(&rekindle.Track{}, start)
	if empty.DistKm != nil {
		t.Errorf("empty track gave %v", empty)
	}
}

func BenchmarkSeriesOf(b *testing.B) {
	n := 20000
	tr := rekindle.Track{Time: make([]int64, n), Lat: make([]float64, n), Lon: make([]float64, n), HR: make([]float32, n)}
	for i := range n {
		tr.Time[i], tr.Lat[i], tr.Lon[i], tr.HR[i] = int64(i)*1000, 46+float64(i)*2.7e-5, 14.5, 150
	}
	for b.Loop() {
		SeriesOf(&tr, time.Time{})
	}
}

// TestOpenAPICoversRoutes: every route is in the document, every JSON body
// named has its schema, and the path parameters are declared.
func TestOpenAPICoversRoutes(t *testing.T) {
	a := New(Config{})
	doc := a.OpenAPI()
	paths := doc["paths"].(map[string]any)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	for _, rt := range a.Routes() {
		pi, ok := paths[rt.Path].(map[string]any)
		if !ok || pi[strings.ToLower(rt.Method)] == nil {
			t.Errorf("%s %s not in the OpenAPI document", rt.Method, rt.Path)
			continue
		}
		op := pi[strings.ToLower(rt.Method)].(map[string]any)
		if n := strings.Count(rt.Path, "{"); n > 0 {
			params, _ := op["parameters"].([]any)
			if len(params) < n {
				t.Errorf("%s %s: %d parameters declared, %d in the path", rt.Method, rt.Path, len(params), n)
			}
		}
		if (rt.Method == "POST" || rt.Method == "PUT") && op["requestBody"] == nil && !strings.HasSuffix(rt.Path, "/logout") &&
			!strings.HasSuffix(rt.Path, "/claim") && !strings.HasSuffix(rt.Path, "/retire") && !strings.HasSuffix(rt.Path, "/invites") || rt.Path == "/api/v1/coach/invites" && op["requestBody"] == nil {
			t.Errorf("%s %s takes a body the document does not describe", rt.Method, rt.Path)
		}
	}
	for key, name := range bodies {
		if schemas[name] == nil {
			t.Errorf("%s: schema %s missing", key, name)
		}
	}
}
