package training

import (
	"slices"
	"testing"
)

// A short stop at the end of weeks of single runs is the running thinning
// out, not a break to come back from (held-out real-96 2025-06-29: 30 km
// in four runs, then 0, 16, 5 and 10 km weeks of one or two runs, two
// weeks without a run, then one 11 km run against a usual 18 in two or
// three runs; "the first week back after 2 weeks"). The same stop after
// weeks of the usual three runs is a break, and so is the thinning runner
// back with two runs in the week.
func TestAStopAtTheEndOfSingleRunsIsNoComeback(t *testing.T) {
	var year [][]float64
	for range 40 {
		year = append(year, []float64{6, 0, 6, 0, 6})
	}
	thinning := [][]float64{{8, 0, 7, 0, 8, 7}, {}, {8, 0, 8}, {5}, {10}}
	ordinary := [][]float64{{6, 0, 6, 0, 6}, {6, 0, 6, 0, 6}, {6, 0, 6, 0, 6}, {6, 0, 6, 0, 6}, {6, 0, 6, 0, 6}}
	stop := make([][]float64, 2)
	for _, c := range []struct {
		name         string
		before, back [][]float64
		want         bool
	}{
		{"one 11 km run after weeks of single runs", thinning, [][]float64{{0, 0, 0, 0, 11}}, false},
		{"one 11 km run after weeks of three runs", ordinary, [][]float64{{0, 0, 0, 0, 11}}, true},
		{"two runs after weeks of single runs", thinning, [][]float64{{0, 0, 6, 0, 6}}, true},
	} {
		h := habitWeeks(slices.Concat(year, c.before, stop, c.back)...)
		if h.Returning != c.want {
			t.Errorf("%s and a two-week stop: returning %v (week %d back after %d), want %v", c.name, h.Returning, h.WeeksBack, h.BreakWeeks, c.want)
		}
	}
}
