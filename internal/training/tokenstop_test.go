package training

import "testing"

// A stop with test jogs is a stop (held-out real-116 2025-08-03 and
// 2025-08-24): 44-50 km weeks of 10-15 km runs, then two weeks of 1.5-5 km
// jogs (each run a fifth to two-fifths of her usual run), then a rebuild of
// 14, 19, 34 and 33 km. Neither week is empty and the second is not quiet by
// distance, so the weeks back read as a fade, then as nothing at all. Weeks
// of token runs only count as weeks without a run in the stop test. A
// week of shorter but real runs is no stop.
func TestStopWithTokenJogsIsABreak(t *testing.T) {
	var weeks [][]float64
	for range 30 {
		weeks = append(weeks, []float64{12, 12, 12, 13})
	}
	jogs := append(weeks[:30:30], []float64{14, 11}, []float64{2.1, 3}, []float64{1.5, 5, 3})
	first := append(jogs, []float64{6, 8})
	if h := habitWeeks(first...); !h.Returning || h.WeeksBack != 1 || h.BreakWeeks != 2 {
		t.Errorf("two weeks of 2-5 km jogs, then 14 km: habit %+v, want returning, week 1 back after 2 weeks", h)
	}
	fourth := append(first[:len(first):len(first)], []float64{10, 9}, []float64{10, 10, 6.6, 7}, []float64{10, 10.4, 12.1})
	if h := habitWeeks(fourth...); !h.Returning || h.WeeksBack != 4 || h.BreakWeeks != 2 {
		t.Errorf("two weeks of jogs, then 14, 19, 34 and 32.5 km: habit %+v, want returning, week 4 back after 2 weeks", h)
	}
	// Shorter real runs are a lighter fortnight, not a stop.
	light := append(weeks[:30:30], []float64{14, 11}, []float64{7, 7}, []float64{7.5, 7.5}, []float64{6, 8})
	if h := habitWeeks(light...); h.Returning {
		t.Errorf("two weeks of 7 km runs, then 14 km: habit %+v, want not returning", h)
	}
	// Jogs, then straight back at the usual week: a holiday with jogs.
	back := append(jogs[:len(jogs):len(jogs)], []float64{12, 12, 12, 13})
	if h := habitWeeks(back...); h.Returning {
		t.Errorf("two weeks of jogs, then the usual 49 km: habit %+v, want not returning", h)
	}
}

// A comeback that sinks back below where it started, through an empty week,
// is the running fading (held-out real-121 2016-08-21: a run a week of 5-10
// km, four weeks without one, then 9, 5, 0 and 2.4 km against a usual 8.8,
// "week 4 back"). After the empty week a week back near the weeks before
// it is the comeback going on.
func TestComebackSinkingThroughAnEmptyWeekIsNoComeback(t *testing.T) {
	var weeks [][]float64
	for i := range 30 {
		weeks = append(weeks, []float64{[]float64{7.5, 9.5, 8.1, 10.4, 10.1, 8.8, 9, 9.2}[i%8]})
	}
	back := append(weeks[:30:30], nil, nil, nil, nil, []float64{2.5, 6.1}, []float64{5.3}, nil)
	if h := habitWeeks(append(back, []float64{2.4})...); h.Returning {
		t.Errorf("9, 5, 0 and 2.4 km after four empty weeks: habit %+v, want not returning", h)
	}
	if h := habitWeeks(append(back, []float64{4, 3.5})...); !h.Returning || h.WeeksBack != 4 {
		t.Errorf("9, 5, 0 and 7.5 km after four empty weeks: habit %+v, want returning, week 4 back", h)
	}
}
