package measure

import (
	"math"
	"strings"
	"testing"

	"rekindle"
)

// TestClockFaults: a sample stamped decades away (a damaged FIT record) or
// a clock that jumps and stays there must not become elapsed time.
func TestClockFaults(t *testing.T) {
	const day = 24 * 3600 * 1000
	tests := []struct {
		name      string
		edit      func(tm []int64)
		totals    rekindle.Totals
		elapsed   float64 // want, seconds
		warn      string  // part of the expected warning, "" for none
		noWarning bool
	}{
		{"clean", func([]int64) {}, rekindle.Totals{}, 600, "", true},
		{"last sample in 2085", func(tm []int64) { tm[600] += 64 * 365 * day }, rekindle.Totals{}, 599, "clock jumps", false},
		{"one sample in 2085 mid-run", func(tm []int64) { tm[300] += 64 * 365 * day }, rekindle.Totals{}, 600, "clock jumps", false},
		{"one sample in 1970 mid-run", func(tm []int64) { tm[300] = 0 }, rekindle.Totals{}, 600, "clock jumps", false},
		{"clock jumps a year and stays", func(tm []int64) {
			for i := 300; i < len(tm); i++ {
				tm[i] += 365 * day
			}
		}, rekindle.Totals{}, 599, "clock jumps", false},
		{"one sample 1 s back", func(tm []int64) { tm[300] -= 1500 }, rekindle.Totals{}, 600, "", true},
		{"overnight pause is time", func(tm []int64) {
			for i := 300; i < len(tm); i++ {
				tm[i] += day / 2
			}
		}, rekindle.Totals{}, 600 + 12*3600, "", true},
		{"extreme int64 times", func(tm []int64) { tm[0], tm[600] = math.MinInt64, math.MaxInt64 }, rekindle.Totals{}, 598, "clock jumps", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := synth{speeds: constant(3, 600)}.build()
			tc.edit(a.Track.Time)
			a.Totals = tc.totals
			Activity(a)
			s := a.Summary
			near(t, "elapsed", s.ElapsedS, tc.elapsed, 1.01)
			if s.MovingS > s.ElapsedS+1e-9 || math.IsNaN(s.MovingS) {
				t.Errorf("moving %.1f, elapsed %.1f", s.MovingS, s.ElapsedS)
			}
			got := strings.Join(a.Warnings, "; ")
			if tc.noWarning && got != "" {
				t.Errorf("warnings %q", got)
			}
			if tc.warn != "" && !strings.Contains(got, tc.warn) {
				t.Errorf("warnings %q, want %q", got, tc.warn)
			}
			// Measuring again adds no second copy.
			n := len(a.Warnings)
			Activity(a)
			if len(a.Warnings) != n {
				t.Errorf("warnings grew from %d to %d on a second measure", n, len(a.Warnings))
			}
		})
	}
}

// TestAbsurdTotals: a file's totals claiming years are not believed when
// the track has no clock.
func TestAbsurdTotals(t *testing.T) {
	a := &rekindle.Activity{Totals: rekindle.Totals{ElapsedS: 2e9, TimerS: 1800, DistanceM: 5000}}
	Activity(a)
	if a.Summary.ElapsedS != 1800 || a.Summary.MovingS != 1800 {
		t.Errorf("elapsed %.0f moving %.0f, want 1800 from the timer", a.Summary.ElapsedS, a.Summary.MovingS)
	}
	if len(a.Warnings) != 1 || !strings.Contains(a.Warnings[0], "elapsed") {
		t.Errorf("warnings %q", a.Warnings)
	}
}

// TestMaxSpeedPrefersDeviceSpeed: the device's distance jumps 30 m in a
// second for four seconds while its speed channel says 3.6 m/s (fenix 2 at
// GPS lock); max speed follows the speed channel.
func TestMaxSpeedPrefersDeviceSpeed(t *testing.T) {
	speeds := constant(3.6, 600)
	for i := 5; i < 9; i++ {
		speeds[i] = 30
	}
	a := synth{speeds: speeds, device: true}.build()
	near(t, "max speed without speed channel", Summarize(&a.Track, a.Totals, rekindle.SportRunning).MaxSpeedMS, 30, 0.01)
	a.Track.Speed = make([]float32, a.Track.Len())
	for i := range a.Track.Speed {
		a.Track.Speed[i] = 3.6
	}
	a.Track.Speed[100] = 50 // one spike
	near(t, "max speed", Summarize(&a.Track, a.Totals, rekindle.SportRunning).MaxSpeedMS, 3.6, 0.01)
}
