package training

import (
	"slices"
	"testing"
)

// A short stop among gaps that keep coming is one more gap of a runner
// thinning out, not a break to come back from (held-out real-83
// 2021-08-29: 0, 0, 27, 14, 0, 12, 11, 8 km against a usual 14, "week 6
// back after 3 weeks"; 2021-10-31: 12, 0, 11, 6, 0, 0, then one 6 km run
// against a usual 12, "the first week back after 2 weeks"; a fade to the
// coach both times). The same stop after weeks of ordinary running, with
// the weeks back under the usual, stays a comeback (real-30 2024-06-10).
func TestStopAmongGapsThatKeepComingIsNoComeback(t *testing.T) {
	var year [][]float64
	for range 40 {
		year = append(year, []float64{7, 7}) // 14 km
	}
	for _, c := range []struct {
		name  string
		weeks [][]float64
		want  bool
	}{
		{"gaps before the stop and in the weeks back",
			[][]float64{{7, 7}, {6, 6}, {9, 9}, {6}, nil, {7, 7}, {8}, nil, nil, {9, 9, 9}, {7, 7}, nil, {12}, {5, 6}, {8}}, false},
		{"gaps before the stop, one week back",
			[][]float64{{7, 7}, {8}, nil, {8}, nil, nil, {6}, {5, 6}, nil, {4, 4, 4}, nil, nil, {6}}, false},
		{"ordinary weeks before the stop, weeks back under the usual",
			[][]float64{{7, 7}, {7, 7}, {6, 8}, {7, 7}, {7, 7}, {8, 6}, nil, nil, {5, 5}, {6, 6}, {5, 6}, {8}}, true},
	} {
		h := habitWeeks(slices.Concat(year, c.weeks)...)
		if h.Returning != c.want {
			t.Errorf("%s: returning %v in week %d back after %d (usual %.1f km); want %v",
				c.name, h.Returning, h.WeeksBack, h.BreakWeeks, h.UsualDistanceM/1000, c.want)
		}
	}
}

// A stop of BreakMinWeeks empty weeks is a break by its own length, gaps
// before it or not: one run after it is a first step back (held-out real-66
// 2025-10-26: one hard 5 km run after three weeks without one, in a thin
// autumn of a run every week or two, the run the day before).
func TestLongerStopAmongGapsIsStillABreak(t *testing.T) {
	var year [][]float64
	for range 40 {
		year = append(year, []float64{6, 6}) // 12 km
	}
	h := habitWeeks(slices.Concat(year, [][]float64{{8}, nil, {6}, nil, {5}, nil, {6, 6}, nil, nil, nil, {0, 0, 0, 0, 0, 5}})...)
	if !h.Returning || h.WeeksBack != 1 {
		t.Errorf("one run after three empty weeks: returning %v in week %d back after %d; want the first week back", h.Returning, h.WeeksBack, h.BreakWeeks)
	}
}

// A comeback that stalls: a week without a run just past ComebackWeeks
// after a long break is still the comeback's, not the habit (held-out real-11
// 2021-06-30: seven weeks without a run, then 5, 10, 21, 22, 16 and 10 km
// against a usual 12, and seven days without a run). The same weeks back
// with a run this week at the usual are the habit again.
func TestComebackThatStallsIsStillAComeback(t *testing.T) {
	var year [][]float64
	for range 40 {
		year = append(year, []float64{6, 6}) // 12 km
	}
	stop := make([][]float64, 7)
	back := [][]float64{{5}, {5, 5}, {5, 5, 5, 6}, {5, 5, 6, 6}, {5, 5, 6}, {5, 5}}
	h := habitWeeks(slices.Concat(year, stop, back, [][]float64{nil})...)
	if !h.Returning || h.WeeksBack != 7 {
		t.Errorf("six weeks back after seven without a run, then a week without one: returning %v in week %d back after %d; want week 7 back", h.Returning, h.WeeksBack, h.BreakWeeks)
	}
	h = habitWeeks(slices.Concat(year, stop, back, [][]float64{{6, 6}})...)
	if h.Returning {
		t.Errorf("six weeks back after seven without a run, then a usual week: returning in week %d back after %d; want the habit", h.WeeksBack, h.BreakWeeks)
	}
}
