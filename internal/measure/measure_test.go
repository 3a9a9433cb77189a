package measure

import (
	"math"
	"math/rand/v2"
	"rekindle/internal/geo"
	"slices"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/testkit"
)

// synth builds a 1 Hz track heading north from (lat0, 7.4) with the given
// speed per second (m/s); ele, when non-nil, gives the elevation per sample.
type synth struct {
	speeds []float64
	ele    func(i int, dist float64) float64
	hr     func(i int) float64
	noiseM float64 // GPS noise, metres (deterministic)
	breaks []int
	device bool // add a device distance channel
}

func (s synth) build() *rekindle.Activity {
	n := len(s.speeds) + 1
	t := rekindle.Track{
		Time: make([]int64, n),
		Lat:  make([]float64, n),
		Lon:  make([]float64, n),
	}
	if s.ele != nil {
		t.Ele = make([]float32, n)
	}
	if s.hr != nil {
		t.HR = make([]float32, n)
	}
	if s.device {
		t.Dist = make([]float64, n)
	}
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2024, 5, 1, 7, 0, 0, 0, time.UTC).UnixMilli()
	dist := 0.0
	for i := 0; i < n; i++ {
		if i > 0 {
			dist += s.speeds[i-1]
		}
		t.Time[i] = start + int64(i)*1000
		noise := 0.0
		if s.noiseM > 0 {
			noise = (r.Float64()*2 - 1) * s.noiseM
		}
		t.Lat[i] = 43.7 + (dist+noise)/earthRadius/rad
		t.Lon[i] = 7.4
		if s.ele != nil {
			t.Ele[i] = float32(s.ele(i, dist))
		}
		if s.hr != nil {
			t.HR[i] = float32(s.hr(i))
		}
		if s.device {
			t.Dist[i] = dist
		}
	}
	t.Breaks = s.breaks
	return &rekindle.Activity{Sport: rekindle.SportRunning, Start: time.UnixMilli(start).UTC(), Track: t}
}

func constant(v float64, secs int) []float64 {
	s := make([]float64, secs)
	for i := range s {
		s[i] = v
	}
	return s
}

func cat(parts ...[]float64) []float64 {
	var out []float64
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func near(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > tol {
		t.Errorf("%s = %.4f, want %.4f ± %g", name, got, want, tol)
	}
}

func TestStepDistanceMatchesHaversine(t *testing.T) {
	// The fast small-step form agrees with the full formula (the science.md
	// §11 vectors are tested in package geo).
	for _, c := range [][4]float64{{43.7, 7.4, 43.7001, 7.4002}, {-33.9, 151.2, -33.91, 151.19}, {0, 179.9999, 0.0001, -179.9999}} {
		full := geo.Distance(c[0], c[1], c[2], c[3])
		fast := stepDistance(c[0], c[1], math.Cos(c[0]*rad), c[2], c[3], math.Cos(c[2]*rad))
		near(t, "stepDistance", fast, full, full*1e-5)
	}
}

func TestGainVector(t *testing.T) {
	alt := []float64{100, 101, 102, 104, 103, 101, 104, 108, 107, 105, 102, 103, 106, 104}
	tests := []struct {
		h        float64
		up, down float64
	}{
		{3, 12, 6},
		{1, 15, 11},
		{0.1, 15, 11},
	}
	for _, tc := range tests {
		up, down := Gain(alt, tc.h)
		near(t, "up", up, tc.up, 1e-9)
		near(t, "down", down, tc.down, 1e-9)
	}
}

func TestFastestStretchVector(t *testing.T) {
	// science.md §11: 100 s at 3.0 m/s, 300 s at 4.0, 250 s at 5.0, 400 s at 3.5, 1 Hz.
	// With piecewise-constant speeds the exact mile is 250 s at 5 m/s plus
	// 359.344 m at 4 m/s = 339.836 s; science.md quotes 339.86 (RZ, scaled)
	// and 339.87 for sample-based variants, so both bracket this value.
	speeds := cat(constant(3, 100), constant(4, 300), constant(5, 250), constant(3.5, 400))
	cum := []float64{0}
	ts := []float64{0}
	for i, v := range speeds {
		cum = append(cum, cum[i]+v)
		ts = append(ts, float64(i+1))
	}
	tests := []struct {
		d, want float64
	}{{400, 80}, {1000, 200}, {1609.344, 339.836}, {10000, math.Inf(1)}}
	for _, tc := range tests {
		got, _ := FastestStretch(cum, ts, tc.d)
		if math.IsInf(tc.want, 1) {
			if !math.IsInf(got, 1) {
				t.Errorf("d=%v: got %v, want +Inf", tc.d, got)
			}
			continue
		}
		near(t, "best effort", got, tc.want, 0.001)
	}
}

func TestConstantRun(t *testing.T) {
	// 5.5 km at 4 m/s with HR 150 and flat ground.
	a := synth{speeds: constant(4, 1375), hr: func(int) float64 { return 150 }, ele: func(int, float64) float64 { return 50 }}.build()
	Activity(a)
	s := a.Summary
	near(t, "distance", s.DistanceM, 5500, 0.5)
	if s.DistanceSource != "gps" {
		t.Errorf("source %q, want gps", s.DistanceSource)
	}
	near(t, "elapsed", s.ElapsedS, 1375, 0)
	near(t, "moving", s.MovingS, 1375, 0)
	near(t, "avg speed", s.AvgSpeedMS, 4, 0.001)
	near(t, "max speed", s.MaxSpeedMS, 4, 0.001)
	near(t, "avg hr", s.AvgHR, 150, 0)
	near(t, "ascent", s.AscentM, 0, 0)
	near(t, "normalized speed", s.NormalizedSpeedMS, 4, 0.001)
	if len(s.HRSeconds) != 151 {
		t.Fatalf("HRSeconds has %d bins, want 151", len(s.HRSeconds))
	}
	near(t, "HR seconds at 150", float64(s.HRSeconds[150]), 1375, 0.01)

	var km, mi []rekindle.Split
	for _, sp := range s.Splits {
		if sp.Unit == "km" {
			km = append(km, sp)
		} else {
			mi = append(mi, sp)
		}
	}
	if len(km) != 6 || len(mi) != 4 {
		t.Fatalf("splits: %d km, %d mi; want 6 and 4", len(km), len(mi))
	}
	for _, sp := range km[:5] {
		near(t, "km split", sp.ElapsedS, 250, 0.01)
		near(t, "km split moving", sp.MovingS, 250, 0.01)
		near(t, "km split hr", sp.AvgHR, 150, 0.01)
	}
	near(t, "last km distance", km[5].DistanceM, 500, 0.5)
	near(t, "last km time", km[5].ElapsedS, 125, 0.2)
	near(t, "mile split", mi[0].ElapsedS, MileM/4, 0.01)
	near(t, "last mile distance", mi[3].DistanceM, 5500-3*MileM, 0.5)

	want := map[string]float64{"400m": 100, "1k": 250, "1mi": MileM / 4, "5k": 1250}
	if len(s.BestEfforts) != len(want) {
		t.Fatalf("best efforts %+v, want %d", s.BestEfforts, len(want))
	}
	for _, e := range s.BestEfforts {
		near(t, "effort "+e.Name, e.ElapsedS, want[e.Name], 0.01)
	}
}

// repeatFix is n groups of five repeated positions and a 15 m step.
func repeatFix(n int) []float64 {
	var s []float64
	for range n {
		s = append(s, 0, 0, 0, 0, 0, 15)
	}
	return s
}

func TestPausesAndStops(t *testing.T) {
	tests := []struct {
		name         string
		s            synth
		dist, moving float64
		tolD, tolM   float64
	}{
		{
			// Standing 120 s in the middle with 1.5 m GPS jitter: not moving.
			name: "standing with jitter",
			s:    synth{speeds: cat(constant(3, 600), constant(0, 120), constant(3, 600)), noiseM: 1.5},
			dist: 3600, moving: 1200, tolD: 150, tolM: 8,
		},
		{
			// A pause marker: the 500 m jump across the break is not distance,
			// and the paused interval is not moving time.
			name: "break with jump",
			s:    synth{speeds: cat(constant(3, 300), []float64{500}, constant(3, 300)), breaks: []int{301}},
			dist: 1800, moving: 600, tolD: 0.5, tolM: 0,
		},
		{
			// A single 400 m GPS spike sample is dropped as implausible.
			name: "teleport",
			s:    synth{speeds: cat(constant(3, 300), []float64{400}, constant(3, 300))},
			dist: 1800, moving: 600, tolD: 0.5, tolM: 1,
		},
		{
			// A phone app that writes its last fix again between GPS
			// updates (real-68's Joyrun tracks): five repeats, then a 15 m
			// jump, a steady 2.5 m/s. The repeats are moving time.
			name: "fix written again between updates",
			s:    synth{speeds: repeatFix(100)},
			dist: 1500, moving: 600, tolD: 0.5, tolM: 0,
		},
		{
			// Standing 120 s with the fix repeated exactly (no jitter): still
			// a stop, however the next step jumps.
			name: "standing with the fix repeated",
			s:    synth{speeds: cat(constant(3, 600), constant(0, 120), constant(3, 600))},
			dist: 3600, moving: 1200, tolD: 0.5, tolM: 4, // the window's edges: 2 s each side
		},
		{
			// Walking pace counts as moving.
			name: "walk",
			s:    synth{speeds: constant(1.2, 600)},
			dist: 720, moving: 600, tolD: 0.5, tolM: 0,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := tc.s.build()
			Activity(a)
			near(t, "distance", a.Summary.DistanceM, tc.dist, tc.tolD)
			near(t, "moving", a.Summary.MovingS, tc.moving, tc.tolM)
			near(t, "elapsed", a.Summary.ElapsedS, float64(len(tc.s.speeds)), 0)
		})
	}
}

func TestDevicePreferredOverGPS(t *testing.T) {
	// Noisy GPS zig-zag reads long; the device channel is the truth.
	a := synth{speeds: constant(3, 600), noiseM: 4, device: true}.build()
	Activity(a)
	if a.Summary.DistanceSource != "device" {
		t.Fatalf("source %q, want device", a.Summary.DistanceSource)
	}
	near(t, "distance", a.Summary.DistanceM, 1800, 0.01)
	// Without the device channel the same GPS reads well over.
	a.Track.Dist = nil
	Activity(a)
	if a.Summary.DistanceM < 1900 {
		t.Errorf("noisy GPS distance %.0f, expected it to read long", a.Summary.DistanceM)
	}
}

func TestNaNPositionsSkipped(t *testing.T) {
	a := synth{speeds: constant(3, 600)}.build()
	for i := 100; i < 130; i++ {
		a.Track.Lat[i], a.Track.Lon[i] = math.NaN(), math.NaN()
	}
	Activity(a)
	near(t, "distance", a.Summary.DistanceM, 1800, 0.5)
}

func TestMaxSpeedIgnoresSpike(t *testing.T) {
	// A device channel with one glitchy sample (+40 m in 1 s) then back on track.
	a := synth{speeds: cat(constant(3, 300), []float64{40, -37}, constant(3, 300)), device: true}.build()
	Activity(a)
	if a.Summary.MaxSpeedMS > 3.5 {
		t.Errorf("max speed %.2f, a single spike should not set it", a.Summary.MaxSpeedMS)
	}
}

func TestElevationGain(t *testing.T) {
	// 3 km out over a 30 m hill (sinusoid) with ±0.3 m barometric noise: about 30 m up, 30 m down.
	r := rand.New(rand.NewPCG(3, 4))
	a := synth{speeds: constant(3, 1000), ele: func(i int, d float64) float64 {
		return 100 + 15*(1-math.Cos(2*math.Pi*d/3000)) + (r.Float64()*2-1)*0.3
	}}.build()
	Activity(a)
	near(t, "ascent", a.Summary.AscentM, 30, 2.5)
	near(t, "descent", a.Summary.DescentM, 30, 2.5)
}

func TestGradeAdjustedNormalizedSpeed(t *testing.T) {
	// Uphill at 10 % at 300 s/km: energy-equivalent flat pace 181.0 s/km (science.md §11).
	v := 1000.0 / 300
	a := synth{speeds: constant(v, 1200), ele: func(_ int, d float64) float64 { return 0.1 * d }}.build()
	Activity(a)
	near(t, "NGP pace", 1000/a.Summary.NormalizedSpeedMS, 181.0, 1.0)
	// Cycling is not grade-adjusted.
	a.Sport = rekindle.SportCycling
	Activity(a)
	near(t, "cycling normalized", a.Summary.NormalizedSpeedMS, v, 0.01)
}

func TestNormalizedSpeedIntervals(t *testing.T) {
	// 10 × (60 s at 5 m/s, 60 s at 2 m/s): NS is above the mean speed 3.5.
	var sp []float64
	for range 10 {
		sp = append(sp, cat(constant(5, 60), constant(2, 60))...)
	}
	a := synth{speeds: sp}.build()
	Activity(a)
	if ns := a.Summary.NormalizedSpeedMS; ns <= 3.6 || ns >= 5 {
		t.Errorf("normalized speed %.3f, want between 3.6 and 5", ns)
	}
	near(t, "avg speed", a.Summary.AvgSpeedMS, 3.5, 0.001)
}

func TestTotalsFallback(t *testing.T) {
	a := &rekindle.Activity{Sport: rekindle.SportStrength, Totals: rekindle.Totals{
		DistanceM: 0, ElapsedS: 3000, TimerS: 2700, AvgHR: 120, MaxHR: 150, AscentM: math.NaN(),
	}}
	Activity(a)
	s := a.Summary
	if s.DistanceSource != "none" || s.ElapsedS != 3000 || s.MovingS != 2700 || s.AvgHR != 120 || s.AscentM != 0 {
		t.Errorf("summary %+v", s)
	}
	a.Totals.DistanceM = 8000
	Activity(a)
	if a.Summary.DistanceSource != "totals" || a.Summary.DistanceM != 8000 {
		t.Errorf("summary %+v", a.Summary)
	}
}

func TestOddTracksDoNotPanic(t *testing.T) {
	nan := math.NaN()
	tracks := []rekindle.Track{
		{},
		{Time: []int64{0}},
		{Time: []int64{0, 0, 0}, Lat: []float64{1, 1, 1}, Lon: []float64{1, 1, 1}},
		{Time: []int64{5000, 1000, 3000}, Lat: []float64{nan, 1, 1.001}, Lon: []float64{nan, 1, 1}},
		{Time: []int64{0, 1000}, Lat: []float64{1}, Lon: []float64{1, 2}, HR: []float32{1, 2, 3}},
		{Lat: []float64{1, 1.01, 1.02}, Lon: []float64{1, 1, 1}, Ele: []float32{rekindle.NaN32, rekindle.NaN32, 3}},
		{Time: []int64{0, 1000, 2000}, Dist: []float64{nan, nan, nan}, Speed: []float32{1, 2, 3}, Breaks: []int{5, 1, 0}},
		{Time: []int64{0, 1000, 2000}, Dist: []float64{100, 50, 1e12}},
	}
	for i := range tracks {
		a := &rekindle.Activity{Track: tracks[i]}
		Activity(a)
		s := a.Summary
		for _, v := range []float64{s.DistanceM, s.ElapsedS, s.MovingS, s.AscentM, s.AvgSpeedMS, s.MaxSpeedMS, s.NormalizedSpeedMS} {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Errorf("track %d: bad value in %+v", i, s)
				break
			}
		}
	}
}

func FuzzSummarize(f *testing.F) {
	f.Add([]byte{0, 10, 20, 30, 200, 3, 4, 5}, uint8(2))
	f.Add([]byte("the quick brown fox jumps over the lazy dog"), uint8(0))
	f.Add([]byte{10, 1, 10, 2, 254, 200, 10, 3, 10, 4, 253, 200, 10, 5, 254, 9}, uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, brk uint8) {
		n := len(data) / 2
		tr := rekindle.Track{Time: make([]int64, n), Lat: make([]float64, n), Lon: make([]float64, n), Ele: make([]float32, n), HR: make([]float32, n), Dist: make([]float64, n)}
		var tm int64
		for i := 0; i < n; i++ {
			a, b := data[2*i], data[2*i+1]
			switch a {
			case 254: // the clock jumps ahead, up to 800 years
				tm += int64(b) * 1e11
			case 253: // or back
				tm -= int64(b) * 1e11
			default:
				tm += int64(a) * 100
			}
			tr.Time[i] = tm
			tr.Lat[i] = 40 + float64(b)/1000
			tr.Lon[i] = 7 + float64(a)/1000
			tr.Ele[i] = float32(b)
			tr.HR[i] = float32(a)
			tr.Dist[i] = float64(b) * 10
			if a == 255 {
				tr.Lat[i] = math.NaN()
				tr.Dist[i] = math.NaN()
			}
		}
		if int(brk) < n && brk > 0 {
			tr.Breaks = []int{int(brk)}
		}
		a := &rekindle.Activity{Track: tr}
		Activity(a)
		s := a.Summary
		if s.MovingS > s.ElapsedS+1e-6 {
			t.Errorf("moving %v > elapsed %v", s.MovingS, s.ElapsedS)
		}
		if s.ElapsedS > float64(n)*MaxClockGapS || s.ElapsedS < 0 || math.IsNaN(s.ElapsedS) {
			t.Errorf("elapsed %v from %d samples", s.ElapsedS, n)
		}
		for _, x := range []float64{s.DistanceM, s.MovingS, s.AscentM, s.DescentM, s.AvgHR, s.MaxHR, s.AvgSpeedMS, s.MaxSpeedMS, s.NormalizedSpeedMS} {
			if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
				t.Errorf("summary %+v", s)
				break
			}
		}
		for _, e := range s.BestEfforts {
			if e.ElapsedS < 0 || math.IsNaN(e.ElapsedS) {
				t.Errorf("bad effort %+v", e)
			}
		}
	})
}

func BenchmarkActivity50k(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	sp := make([]float64, 50_000)
	for i := range sp {
		sp[i] = 3 + r.Float64()
	}
	a := synth{speeds: sp, noiseM: 2, ele: func(i int, d float64) float64 { return 100 + 20*math.Sin(d/500) },
		hr: func(i int) float64 { return 140 + float64(i%20) }}.build()
	a.Track.Cadence = make([]float32, a.Track.Len())
	for i := range a.Track.Cadence {
		a.Track.Cadence[i] = 170
	}
	b.ReportAllocs()
	cpu := testkit.ProcessCPU()
	for b.Loop() {
		Activity(a)
	}
	b.ReportMetric(float64(testkit.ProcessCPU()-cpu)/float64(b.N), "cpu-ns/op")
}

// FastestStretch agrees with a brute force over every vertex on random tracks
// with pauses (flat distance) and uneven sampling.
func TestFastestStretchBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for trial := 0; trial < 200; trial++ {
		n := 2 + r.IntN(60)
		cum, ts := make([]float64, n), make([]float64, n)
		for i := 1; i < n; i++ {
			ts[i] = ts[i-1] + float64(1+r.IntN(5))
			step := r.Float64() * 20
			if r.IntN(6) == 0 {
				step = 0
			}
			cum[i] = cum[i-1] + step
		}
		d := r.Float64() * cum[n-1] * 1.1
		got, _ := FastestStretch(cum, ts, d)
		want := bruteStretch(cum, ts, d)
		if math.IsInf(want, 1) != math.IsInf(got, 1) || (!math.IsInf(want, 1) && math.Abs(got-want) > 1e-9) {
			t.Fatalf("trial %d: n=%d d=%.2f got %v want %v", trial, n, d, got, want)
		}
	}
}

// timeAt is the time at which cumulative distance first reaches x.
func timeAt(cum, ts []float64, x float64) float64 {
	for j := 1; j < len(cum); j++ {
		if cum[j] >= x && cum[j] > cum[j-1] {
			if cum[j-1] >= x {
				return ts[j-1]
			}
			return ts[j-1] + (x-cum[j-1])/(cum[j]-cum[j-1])*(ts[j]-ts[j-1])
		}
	}
	if cum[0] >= x {
		return ts[0]
	}
	return math.Inf(1)
}

// lastTimeAt is the last time at which cumulative distance is still x.
func lastTimeAt(cum, ts []float64, x float64) float64 {
	for j := len(cum) - 2; j >= 0; j-- {
		if cum[j] <= x && cum[j+1] > cum[j] {
			if cum[j+1] <= x {
				return ts[j+1]
			}
			return ts[j] + (x-cum[j])/(cum[j+1]-cum[j])*(ts[j+1]-ts[j])
		}
	}
	return ts[0]
}

func bruteStretch(cum, ts []float64, d float64) float64 {
	best := math.Inf(1)
	if d <= 0 || cum[len(cum)-1]-cum[0] < d {
		return best
	}
	for k := range cum {
		// Start on sample k (leaving as late as possible), end interpolated.
		if cum[k]+d <= cum[len(cum)-1] {
			best = math.Min(best, timeAt(cum, ts, cum[k]+d)-lastTimeAt(cum, ts, cum[k]))
		}
		// End on sample k, start interpolated.
		if cum[k]-d >= cum[0] {
			best = math.Min(best, ts[k]-lastTimeAt(cum, ts, cum[k]-d))
		}
	}
	return best
}

// medianInPlace finds the value sorting would put at len/2, whatever the
// order and the ties (selection, not a sort).
func TestMedianInPlaceIsSortedMiddle(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 0))
	for it := 0; it < 4000; it++ {
		n := 1 + r.IntN(300)
		x := make([]float64, n)
		for i := range x {
			switch it % 5 {
			case 0:
				x[i] = r.Float64()
			case 1:
				x[i] = float64(r.IntN(4)) // many ties
			case 2:
				x[i] = float64(i) // ascending
			case 3:
				x[i] = float64(n - i) // descending
			case 4:
				x[i] = float64(i % 7) // organ pipe
			}
		}
		want := slices.Clone(x)
		slices.Sort(want)
		if got := medianInPlace(x); got != want[n/2] {
			t.Fatalf("case %d, %d values: median %v, want %v", it%5, n, got, want[n/2])
		}
	}
	if got := medianInPlace([]float64{3, math.NaN(), 1}); got != 1 {
		t.Fatalf("with a NaN: %v, want 1 (sorted: NaN, 1, 3)", got)
	}
}

// fastestStretches over several distances gives, bit for bit, what
// FastestStretch gives for each distance alone, skipped distances included.
func TestFastestStretchesEachDistance(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 0))
	for _, n := range []int{0, 1, 2, 3, 50, 5000} {
		cum, ts := make([]float64, n), make([]float64, n)
		for i := 1; i < n; i++ {
			ts[i] = ts[i-1] + float64(r.IntN(4)) // pauses of 0 s too
			cum[i] = cum[i-1] + 4*r.Float64()
		}
		ds := []float64{400, 1000, 1609.344, 5000, 10000, 0, -3, math.NaN(), 1e9}
		el, st := make([]float64, len(ds)), make([]float64, len(ds))
		fastestStretches(cum, ts, slices.Clone(ds), el, st)
		for k, d := range ds {
			e, s := FastestStretch(cum, ts, d)
			if math.Float64bits(e) != math.Float64bits(el[k]) || math.Float64bits(s) != math.Float64bits(st[k]) {
				t.Fatalf("%d samples, %v m: %v from %v, alone %v from %v", n, d, el[k], st[k], e, s)
			}
		}
	}
}

// fastestStretchesRef is fastestStretches as it was before its sweeps kept
// the samples they stand on in registers: every value read from the
// columns where it is used. The two must agree bit for bit.
func fastestStretchesRef(cum, ts, ds, elapsed, start []float64) {
	n := len(cum)
	for k := range ds {
		elapsed[k], start[k] = math.Inf(1), 0
		if n < 2 || len(ts) != n || ds[k] <= 0 || cum[n-1]-cum[0] < ds[k] {
			ds[k] = math.NaN()
		}
	}
	if n < 2 || len(ts) != n {
		return
	}
	for k, d := range ds {
		if !(d > 0) {
			continue
		}
		i, best, st := -1, math.Inf(1), 0.0
		c0 := cum[0]
		for j := 1; j < n; j++ {
			cj := cum[j]
			x := cj - d
			if !(x >= c0) {
				continue
			}
			tj, cp, tp := ts[j], cum[j-1], ts[j-1]
			for i+1 < j && cum[i+1] <= x {
				i++
				if tp-ts[i] >= best {
					continue
				}
				t1 := tp + (cum[i]+d-cp)/(cj-cp)*(tj-tp)
				if el := t1 - ts[i]; el < best {
					best, st = el, ts[i]
				}
			}
			if tj-ts[i+1] < best {
				t0 := ts[i]
				if cum[i+1] > cum[i] {
					t0 += (x - cum[i]) / (cum[i+1] - cum[i]) * (ts[i+1] - ts[i])
				}
				if el := tj - t0; el < best {
					best, st = el, t0
				}
			}
		}
		elapsed[k], start[k] = best, st
	}
}

// TestFastestStretchesIsReference: the sweeps give the reference's bits
// for random tracks (pauses, standing still, clock steps of 0 s, a start
// away from zero) and every standard distance and odd ones.
func TestFastestStretchesIsReference(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for trial := range 3000 {
		n := r.IntN(400)
		if trial%100 == 0 {
			n = 20000
		}
		cum, ts := make([]float64, n), make([]float64, n)
		if n > 0 {
			cum[0], ts[0] = r.Float64()*100*float64(trial%2), r.Float64()*1e5*float64(trial%3)
		}
		for i := 1; i < n; i++ {
			ts[i] = ts[i-1] + float64(r.IntN(4))*r.Float64()*float64(1+r.IntN(3))
			step := 6 * r.Float64()
			if r.IntN(5) == 0 {
				step = 0
			}
			cum[i] = cum[i-1] + step
		}
		ds := []float64{400, 1000, 1609.344, 5000, 10000, 21097.5, 42195, 0, -3, math.NaN(), 1e9, r.Float64() * 500}
		el, st := make([]float64, len(ds)), make([]float64, len(ds))
		rel, rst := make([]float64, len(ds)), make([]float64, len(ds))
		fastestStretches(cum, ts, slices.Clone(ds), el, st)
		fastestStretchesRef(cum, ts, slices.Clone(ds), rel, rst)
		for k := range ds {
			if math.Float64bits(el[k]) != math.Float64bits(rel[k]) || math.Float64bits(st[k]) != math.Float64bits(rst[k]) {
				t.Fatalf("trial %d, %d samples, %v m: %v from %v, the reference %v from %v", trial, n, ds[k], el[k], st[k], rel[k], rst[k])
			}
		}
	}
}
