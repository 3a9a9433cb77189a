package training

import (
	"slices"
	"testing"
)

// A return from a fortnight's stop is owed about as long as the stop
// (held-out real-103 2020-09-12): a runner of two runs and about 21 km a
// week, two weeks without a run, then 10, 10, 28, 19 and 10 km weeks of one
// or two runs (under the usual but one) is running thinner, not in week 5
// of a comeback. Two weeks back after the same stop are a comeback.
func TestShortStopReturnIsOwedTwiceTheStop(t *testing.T) {
	var weeks [][]float64
	for i := range 40 {
		weeks = append(weeks, []float64{0, 10 + float64(i%3), 0, 0, 10, 0, 0})
	}
	weeks = append(weeks, make([][]float64, 2)...)
	back := [][]float64{{0, 0, 10}, {0, 0, 0, 10}, {0, 14, 0, 0, 14}, {9.5, 0, 0, 9.5}, {0, 0, 10}}
	if h := habitWeeks(slices.Concat(weeks, back[:2])...); !h.Returning || h.WeeksBack != 2 {
		t.Errorf("two weeks back after a fortnight off: returning %v in week %d back after %d weeks (usual %.1f km); want returning in week 2",
			h.Returning, h.WeeksBack, h.BreakWeeks, h.UsualDistanceM/1000)
	}
	if h := habitWeeks(slices.Concat(weeks, back)...); h.Returning {
		t.Errorf("five weeks back after a fortnight off, under the usual but one: returning in week %d back after %d weeks (usual %.1f km)",
			h.WeeksBack, h.BreakWeeks, h.UsualDistanceM/1000)
	}
}
