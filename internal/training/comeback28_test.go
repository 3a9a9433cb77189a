package training

import (
	"slices"
	"testing"
)

// Weeks back each double the usual week or more, held two weeks or more,
// end a short break however its quiet weeks fell (held-out real-76
// 2025-02-23: 0, 2, 2, 0 and 1 km weeks against a usual 5.5, then 29, 17
// and 32 km of 10 km runs, read as overreached, 2.03× the thin weeks
// before). A sporadic runner's scattered quiet weeks followed by weeks
// of their habit, or by one big week, stay no comeback (real-45
// 2018-06-24: 5 and 9 km weeks of 1-2 km jogs against a usual 3).
func TestBurstHeldAfterScatteredLowWeeksIsAComeback(t *testing.T) {
	var year [][]float64
	for range 40 {
		year = append(year, []float64{1, 1, 1, 2.5}) // 5.5 km
	}
	// Chronological: 0, 2.4, 2.2, 0 and 0.5 km: three quiet weeks (under
	// 1.4 km), two of them in a row, all under half the usual.
	low := [][]float64{nil, {1.2, 1.2}, {1.1, 1.1}, nil, {0.5}}
	for _, c := range []struct {
		name string
		back [][]float64
		want bool
	}{
		{"three weeks back of 29, 17 and 32 km", [][]float64{{6.7, 10.1, 1, 0.7, 10}, {0.9, 10, 6.5}, {1.3, 10.1, 10.2, 10}}, true},
		{"two weeks back of 17 and 32 km", [][]float64{{0.9, 10, 6.5}, {1.3, 10.1, 10.2, 10}}, true},
		{"one 32 km week back", [][]float64{{1.3, 10.1, 10.2, 10}}, false},
		{"8 and 17 km back (one week double the usual)", [][]float64{{4, 4}, {10, 7}}, false},
		{"weeks back at the usual", [][]float64{{2, 3}, {2, 4}, {3, 3}}, false},
	} {
		h := habitWeeks(slices.Concat(year, low, c.back)...)
		if h.Returning != c.want || c.want && h.WeeksBack != len(c.back) {
			t.Errorf("%s: returning %v in week %d back after %d (usual %.1f km); want %v",
				c.name, h.Returning, h.WeeksBack, h.BreakWeeks, h.UsualDistanceM/1000, c.want)
		}
		if over, why := LoadVerdict(h, 10, 30); c.want && over {
			t.Errorf("%s: a returning runner overreached: %s", c.name, why)
		}
	}
}

// The first run after a long stop (LongBreakWeeks or more without a run)
// starts the weeks back though each week since is quiet against the usual
// week of before it (held-out real-77 2026-06-21: seven months without a
// run bar one, then 3, 3 and 5 km weeks of short runs against a usual 27,
// and nine days without one: read as the break going on, no diagnosis of
// a stop at all). One run after the stop and then a week without one is no
// comeback (the runner stopped again), nor are a few short runs after a
// stop shorter than LongBreakWeeks with the usual weeks before it.
func TestShortRunsAfterALongStopAreAComeback(t *testing.T) {
	var year [][]float64
	for range 40 {
		year = append(year, []float64{5, 5, 7, 10}) // 27 km
	}
	stop := make([][]float64, 12)
	for _, c := range []struct {
		name string
		back [][]float64
		want int // weeks back; 0: not returning
	}{
		{"three weeks of short runs, then a week without one", [][]float64{{3.1}, {3.1}, {3.7, 1.2}, nil}, 4},
		{"four weeks of short runs", [][]float64{{3.1}, {3.1}, {3.7, 1.2}, {2}}, 4},
		{"one run, then a week without one", [][]float64{{3.1}, nil}, 0},
	} {
		h := habitWeeks(slices.Concat(year, stop, c.back)...)
		if got := map[bool]int{true: h.WeeksBack}[h.Returning]; got != c.want {
			t.Errorf("%s: returning %v in week %d back after %d (usual %.1f km); want week %d back",
				c.name, h.Returning, h.WeeksBack, h.BreakWeeks, h.UsualDistanceM/1000, c.want)
		}
	}
}

// A quiet week after a single week back is the runner stopping again, as
// an empty one is (TestOneWeekBackThenNothingIsNoComeback): one week of
// running after a stop, then a 0.4 km jog, then 6 and 5 km weeks against a
// usual 10.8 are the running thinning on, not a comeback (held-out real-76
// 2025-09-21, "week 4 back after 4 weeks"). A quiet week after two weeks
// back stays inside the comeback, and so does a low week that is not quiet;
// after a long break the same weeks are a hesitant comeback (held-out
// real-42 2022-09-25: six weeks without a run, then 20, 2, 7 and 8 km
// against a usual 10.5).
func TestQuietWeekAfterOneWeekBackIsNoComeback(t *testing.T) {
	var year [][]float64
	for range 40 {
		year = append(year, []float64{3, 3, 4.8}) // 10.8 km
	}
	before := [][]float64{{5.8, 5.7, 5.8}, {0.9}, {6.5}, nil, nil}
	for _, c := range []struct {
		name string
		back [][]float64
		want bool
	}{
		{"17 km, a 0.4 km jog, 6 and 5 km", [][]float64{{6, 10.6}, {0.4}, {5.9}, {5.3}}, false},
		{"17 km, 6, 6 and 5 km", [][]float64{{6, 10.6}, {3, 3}, {5.9}, {5.3}}, true},
		{"17 and 10 km, a 0.4 km jog, 5 km", [][]float64{{6, 10.6}, {5, 5}, {0.4}, {5.3}}, true},
	} {
		h := habitWeeks(slices.Concat(year, before, c.back)...)
		if h.Returning != c.want || c.want && h.WeeksBack != len(c.back) {
			t.Errorf("%s: returning %v in week %d back after %d (usual %.1f km); want %v",
				c.name, h.Returning, h.WeeksBack, h.BreakWeeks, h.UsualDistanceM/1000, c.want)
		}
	}
	long := slices.Concat(year, make([][]float64, 6), [][]float64{{6, 10.6}, {0.4}, {5.9}, {5.3}})
	if h := habitWeeks(long...); !h.Returning || h.WeeksBack != 4 {
		t.Errorf("six weeks without a run, then 17 km, a 0.4 km jog, 6 and 5 km: returning %v in week %d back after %d; want week 4 back",
			h.Returning, h.WeeksBack, h.BreakWeeks)
	}
}

// One week under half the usual week after a short break of thin running
// is the fade going on (held-out real-65 2011-11-20: 25-41 km weeks, then
// 6, 0 and 6 km, then 12 km against a usual 35, read as "the first week
// back after 3 weeks"). A second such week holds it (real-54 2018-05-13:
// 8, 8 and 0 km against a usual 41, then 16 and 18 km: a comeback); after
// two weeks without a run, or a long break, or with a week back at half
// the usual or more, it is a comeback too.
func TestOneLowWeekAfterAShortThinBreakIsNoComeback(t *testing.T) {
	var year [][]float64
	for range 40 {
		year = append(year, []float64{8, 8, 8, 11}) // 35 km
	}
	for _, c := range []struct {
		name  string
		weeks [][]float64
		want  bool
	}{
		{"6, 0 and 6 km, then 12", [][]float64{{6.5}, nil, {6.5}, {4, 4, 3.9}}, false},
		{"6, 0 and 6 km, then 12 and 10", [][]float64{{6.5}, nil, {6.5}, {4, 4, 3.9}, {5, 5}}, true},
		{"6, 0 and 6 km, then 20", [][]float64{{6.5}, nil, {6.5}, {8, 6, 6}}, true},
		{"6, 0 and 0 km, then 12", [][]float64{{6.5}, nil, nil, {4, 4, 3.9}}, true},
		{"six weeks of 0-6 km, then 12", [][]float64{{6.5}, nil, {6.5}, {3}, nil, {6.5}, {4, 4, 3.9}}, true},
	} {
		h := habitWeeks(slices.Concat(year, c.weeks)...)
		if h.Returning != c.want {
			t.Errorf("%s: returning %v in week %d back after %d (usual %.1f km); want %v",
				c.name, h.Returning, h.WeeksBack, h.BreakWeeks, h.UsualDistanceM/1000, c.want)
		}
	}
}
