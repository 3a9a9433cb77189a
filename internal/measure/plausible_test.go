package measure

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"rekindle"
)

// stretch is a piece of a synthetic 1 Hz track: seconds at a speed with a
// heart rate and a cadence (0: the channel carries no value).
type stretch struct {
	secs     int
	speed    float64
	hr, cade float64
}

func buildStretches(sport rekindle.Sport, parts []stretch, withCad bool) *rekindle.Activity {
	var speeds []float64
	var hr, cad []float32
	for _, p := range parts {
		for range p.secs {
			speeds = append(speeds, p.speed)
			hr = append(hr, float32(p.hr))
			c := float32(p.cade)
			if p.cade == 0 {
				c = rekindle.NaN32
			}
			cad = append(cad, c)
		}
	}
	a := synth{speeds: speeds}.build()
	a.Sport = sport
	a.Track.HR = append([]float32{hr[0]}, hr...)
	if withCad {
		a.Track.Cadence = append([]float32{cad[0]}, cad...)
	}
	return a
}

func effort(s rekindle.Summary, name string) float64 {
	for _, e := range s.BestEfforts {
		if e.Name == name {
			return e.ElapsedS
		}
	}
	return math.Inf(1)
}

func TestFootPlausibility(t *testing.T) {
	run := stretch{secs: 2000, speed: 3.0, hr: 150, cade: 168} // 5:33/km, 6 km
	tests := []struct {
		name    string
		sport   rekindle.Sport
		parts   []stretch
		cad     bool
		want1k  float64 // fastest 1 km, s (±2 s)
		want5k  float64 // 0: not checked
		warning string  // substring of the warning, "" for none
	}{
		{"honest run", rekindle.SportRunning, []stretch{run}, true, 333.3, 1666.7, ""},
		{"bus at 2:00/km, heart rate 81", rekindle.SportRunning,
			[]stretch{run, {600, 8.33, 81, 0}, run}, false, 333.3, 1666.7, "km at 2:0"},
		{"city bus at 4:10/km, heart rate 85", rekindle.SportRunning,
			[]stretch{run, {400, 4.0, 85, 0}, run}, false, 333.3, 0, "heart rate 85"},
		{"bike stretch: fast with cycling cadence", rekindle.SportRunning,
			[]stretch{run, {500, 6.0, 130, 80}, run}, true, 333.3, 0, "was not covered on foot"},
		{"heart rate far below the run's for a faster pace", rekindle.SportRunning,
			[]stretch{run, {300, 4.2, 110, 0}, run}, false, 333.3, 0, "heart rate 110"},
		{"a fast start before heart rate catches up is kept", rekindle.SportRunning,
			[]stretch{{150, 4.0, 90, 170}, run}, true, 283.3, 0, ""},
		{"a short dip in cadence at pace is kept", rekindle.SportRunning,
			[]stretch{run, {15, 3.4, 150, 100}, run}, true, 333.3, 0, ""},
		{"a real fast finish is kept", rekindle.SportRunning,
			[]stretch{run, {400, 4.5, 172, 185}}, true, 222.2, 0, ""},
		{"GPX cadence per foot (84) is a run's 168", rekindle.SportRunning,
			[]stretch{{2000, 3.2, 150, 84}}, true, 312.5, 0, ""},
		{"cycling keeps its speed", rekindle.SportCycling,
			[]stretch{{1000, 8.33, 81, 80}}, true, 120, 600, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := buildStretches(tc.sport, tc.parts, tc.cad)
			Activity(a)
			if got := effort(a.Summary, "1k"); math.Abs(got-tc.want1k) > 0.01*tc.want1k {
				t.Errorf("1k effort %.1f s, want %.1f", got, tc.want1k)
			}
			if tc.want5k > 0 {
				if got := effort(a.Summary, "5k"); math.Abs(got-tc.want5k) > 5 {
					t.Errorf("5k effort %.1f s, want %.1f", got, tc.want5k)
				}
			}
			got := strings.Join(a.Warnings, "; ")
			if tc.warning == "" && got != "" || !strings.Contains(got, tc.warning) {
				t.Errorf("warnings %q, want %q", got, tc.warning)
			}
			// The distance itself is what the track says: only the efforts change.
			var total float64
			for _, p := range tc.parts {
				total += float64(p.secs) * p.speed
			}
			if math.Abs(a.Summary.DistanceM-total) > total*0.01 {
				t.Errorf("distance %.0f m, want %.0f", a.Summary.DistanceM, total)
			}
		})
	}
}

func TestWorldRecordFloor(t *testing.T) {
	// A track whose samples all look plausible one by one but claim a 5 km
	// in 12 minutes (no heart rate, no cadence to disprove it).
	a := synth{speeds: slices.Repeat([]float64{6.9}, 800)}.build()
	a.Sport = rekindle.SportRunning
	Activity(a)
	if got := effort(a.Summary, "5k"); !math.IsInf(got, 1) {
		t.Errorf("5k effort %.0f s under the world record was kept", got)
	}
	if got := effort(a.Summary, "1k"); math.Abs(got-145) > 1 {
		t.Errorf("1k effort %.0f s, want 145 (slower than the record of 131)", got)
	}
}

// A phone app's indoor file: two points an hour apart, no distance, heart
// rate 72 at the start and 168 at the end.
func TestTwoPointIndoor(t *testing.T) {
	t0 := time.Date(2024, 3, 5, 18, 0, 0, 0, time.UTC).UnixMilli()
	mk := func(tot rekindle.Totals) *rekindle.Activity {
		return &rekindle.Activity{Sport: rekindle.SportTreadmill, Totals: tot,
			Track: rekindle.Track{Time: []int64{t0, t0 + 3600_000}, HR: []float32{72, 168}}}
	}
	tests := []struct {
		name     string
		tot      rekindle.Totals
		wantHR   float64
		wantDist float64
		wantHist bool
	}{
		{"no totals: heart rate unknown", rekindle.Totals{}, 0, 0, false},
		{"the file's own mean heart rate and distance", rekindle.Totals{AvgHR: 141, DistanceM: 9000}, 141, 9000, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := mk(tc.tot)
			Activity(a)
			s := a.Summary
			if s.ElapsedS != 3600 || s.MovingS != 3600 {
				t.Errorf("elapsed %.0f moving %.0f, want 3600", s.ElapsedS, s.MovingS)
			}
			if s.AvgHR != tc.wantHR {
				t.Errorf("avg HR %.0f, want %.0f", s.AvgHR, tc.wantHR)
			}
			if s.DistanceM != tc.wantDist {
				t.Errorf("distance %.0f, want %.0f", s.DistanceM, tc.wantDist)
			}
			if (s.HRSeconds != nil) != tc.wantHist {
				t.Fatalf("HR histogram %v, want present=%v", s.HRSeconds != nil, tc.wantHist)
			}
			if tc.wantHist && s.HRSeconds[141] != 3600 {
				t.Errorf("histogram at 141 bpm: %.0f s, want 3600", s.HRSeconds[141])
			}
			if len(s.BestEfforts) != 0 || s.NormalizedSpeedMS != 0 {
				t.Errorf("indoor session has efforts %v or a pace %.2f", s.BestEfforts, s.NormalizedSpeedMS)
			}
		})
	}
}
