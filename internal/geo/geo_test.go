package geo

import (
	"math"
	"testing"
)

func near(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.4f, want %.4f ± %g", name, got, want, tol)
	}
}

// The vectors of science.md §11, scaled from the 6,371 km sphere to the mean
// radius (×6371008.8/6371000).
func TestDistanceVectors(t *testing.T) {
	const scale = EarthRadiusM / 6371000
	dms := func(d, m, s float64) float64 { return math.Copysign(math.Abs(d)+m/60+s/3600, d) }
	lat1, lon1 := dms(-37, 57, 3.72030), dms(144, 25, 29.52440)
	lat2, lon2 := dms(-37, 39, 10.15610), dms(143, 55, 35.38390)
	near(t, "Flinders→Buninyong", Distance(lat1, lon1, lat2, lon2), 54925.432*scale, 0.01)
	near(t, "0.009° N at equator", Distance(0, 0, 0.009, 0), 1000.754*scale, 0.001)
	near(t, "0.009° E at 60°", Distance(60, 0, 60, 0.009), 500.377*scale, 0.001)
	if d := Distance(10, 10, 10, 10); d != 0 {
		t.Errorf("same point: %v", d)
	}
	near(t, "antipodes", Distance(0, 0, 0, 180), math.Pi*EarthRadiusM, 1e-6)
}

func TestFastDistanceCloseToHaversine(t *testing.T) {
	for _, c := range [][4]float64{{43.73, 7.42, 43.74, 7.43}, {60, 10, 60.02, 10.03}, {-33.9, 151.2, -33.91, 151.18}} {
		full, fast := Distance(c[0], c[1], c[2], c[3]), FastDistance(c[0], c[1], c[2], c[3])
		if math.Abs(full-fast)/full > 1e-4 {
			t.Errorf("%v: fast %v vs haversine %v", c, fast, full)
		}
	}
}

func TestBearingAndOffset(t *testing.T) {
	near(t, "north", Bearing(0, 0, 1, 0), 0, 1e-9)
	near(t, "east", Bearing(0, 0, 0, 1), 90, 1e-9)
	near(t, "south", Bearing(1, 0, 0, 0), 180, 1e-9)
	near(t, "west", Bearing(0, 1, 0, 0), 270, 1e-9)
	for _, b := range []float64{0, 45, 135, 250} {
		la, lo := Offset(43.73, 7.42, b, 1000)
		near(t, "offset distance", Distance(43.73, 7.42, la, lo), 1000, 1)
		near(t, "offset bearing", Bearing(43.73, 7.42, la, lo), b, 0.1)
	}
}

func TestCumulative(t *testing.T) {
	nan := math.NaN()
	lat := []float64{0, 0, nan, 0}
	lon := []float64{0, 0.001, nan, 0.002}
	got := make([]float64, 4)
	Cumulative(got, lat, lon)
	step := Distance(0, 0, 0, 0.001)
	want := []float64{0, step, step, 2 * step}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-9 {
			t.Fatalf("Cumulative = %v, want %v", got, want)
		}
	}
}
