package training

import (
	"slices"
	"testing"
)

// After a long stop a return lasts about as long as the time off (held-out
// real-78 2025-01-12: five and a half months without a run, then nine
// weeks of 2-9 km against 40 km weeks before the stop): past ComebackWeeks
// the runner is still coming back while no week back has reached the usual.
// Weeks back at the usual, or a break shorter than the weeks back, end it.
func TestALongStopHasALongerComeback(t *testing.T) {
	rep := func(n int, km ...float64) [][]float64 {
		var w [][]float64
		for range n {
			w = append(w, km)
		}
		return w
	}
	year := rep(30, 8, 8, 0, 8, 0, 16)
	for _, c := range []struct {
		name     string
		weeks    [][]float64
		want     bool
		wantBack int
	}{
		{"24 weeks off, 9 weeks of 12 km", slices.Concat(year, rep(24), rep(9, 4, 0, 4, 0, 4)), true, 9},
		{"24 weeks off, 9 weeks back at 40 km", slices.Concat(year, rep(24), rep(9, 8, 8, 0, 8, 0, 16)), false, 0},
		{"4 weeks off, 9 weeks of 12 km", slices.Concat(year, rep(4), rep(9, 4, 0, 4, 0, 4)), false, 0},
		{"24 weeks off, 15 weeks of 12 km", slices.Concat(year, rep(24), rep(15, 4, 0, 4, 0, 4)), false, 0},
	} {
		h := habitWeeks(c.weeks...)
		if h.Returning != c.want || c.want && h.WeeksBack != c.wantBack {
			t.Errorf("%s: returning %v, week %d back after %d (usual %.1f km); want %v, week %d", c.name, h.Returning, h.WeeksBack, h.BreakWeeks, h.UsualDistanceM/1000, c.want, c.wantBack)
		}
	}
}
