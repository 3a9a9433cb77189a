package training

import (
	"slices"
	"testing"
)

// A weekly runner's stops are breaks, not their usual gap (held-out
// real-102 2021-05-16): three runs a week for most of a year with stops of
// ten, two and five weeks (a median stretch without a run of five weeks),
// then four weeks without a run and two weeks of short runs under the
// usual week: the first weeks back, not the habit going on (called fading
// on the four weeks' mean). A sporadic runner, two running weeks in five,
// whose three weeks without a run are their habit, stays no comeback after
// three such weeks and two weeks back under their usual.
func TestWeeklyRunnersStopsAreNoUsualGap(t *testing.T) {
	run3 := []float64{7, 0, 7, 0, 7} // 21 km in three runs
	weeks := func(n int, w []float64) [][]float64 {
		var out [][]float64
		for range n {
			out = append(out, w)
		}
		return out
	}
	empty := func(n int) [][]float64 { return make([][]float64, n) }
	back := [][]float64{{5.5, 5.5, 0, 5}, {6, 0, 7.8, 0, 10.8}} // 16 and 25 km
	weekly := slices.Concat(weeks(6, run3), empty(10), weeks(23, run3), empty(2), weeks(2, run3), empty(5), weeks(3, run3), empty(4), back)
	if h := habitWeeks(weekly...); !h.Returning || h.WeeksBack != 2 {
		t.Errorf("weekly runner: returning %v in week %d back after %d weeks (usual %.1f km); want returning in week 2",
			h.Returning, h.WeeksBack, h.BreakWeeks, h.UsualDistanceM/1000)
	}
	var sporadic [][]float64
	for range 11 {
		sporadic = append(sporadic, []float64{8, 0, 8}, []float64{8}) // two running weeks in five
		sporadic = append(sporadic, empty(3)...)
	}
	sporadic = append(sporadic, []float64{8}, []float64{8})
	if h := habitWeeks(sporadic...); h.Returning {
		t.Errorf("sporadic runner: returning in week %d back after %d weeks; want their habit going on", h.WeeksBack, h.BreakWeeks)
	}
}
