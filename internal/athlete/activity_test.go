package athlete

import (
	"math"
	"rekindle"
	"testing"
	"time"
)

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
