package training

import (
	"testing"
	"time"

	"rekindle"
)

// A sustained floor from before a stop of months is no floor: a runner who ran 8 km at 3:45/km through the spring,
// stopped five and a half months and is four weeks into a comeback of
// 3-5 km at 4:40/km is not still at the spring's VDOT (held-out real-78
// on 12 Jan 2025: 57.0 from a 6.7 km of January 2024 against 42.3 from
// the comeback's track 5 km).
func TestSustainedFloorEndsAtALongStop(t *testing.T) {
	var acts []rekindle.Activity
	for w := 0; w < 20; w++ {
		d := 7 * w
		acts = append(acts,
			run(day(d).Add(18*time.Hour), 8, 225, 0),
			run(day(d+2).Add(18*time.Hour), 10, 270, 0),
			run(day(d+5).Add(8*time.Hour), 12, 280, 0))
	}
	back := 7*20 + 165 // five and a half months off
	for w := 0; w < 4; w++ {
		d := back + 7*w
		acts = append(acts,
			run(day(d).Add(18*time.Hour), 3+float64(w)/2, 280, 0),
			run(day(d+3).Add(18*time.Hour), 5, 280, 0))
	}
	asOf := day(back + 7*4)
	r := Picture(acts, rekindle.Athlete{}, asOf, Options{})
	spring := VDOT(8000, 8*225)
	comeback := VDOT(5000, 5*280)
	if r.Fitness.VDOT > comeback+0.25*(spring-comeback) {
		t.Errorf("VDOT %.1f (%s) from %+v four weeks into a comeback after 165 days off: want near the comeback's %.1f, not the spring's %.1f",
			r.Fitness.VDOT, r.Fitness.Basis, r.Fitness.From, comeback, spring)
	}
	// Without the stop (the same spring runs within the year, a gap of
	// six weeks) the floor stands.
	var near []rekindle.Activity
	for _, a := range acts {
		if a.Start.Before(day(7 * 20)) {
			a.Start = a.Start.AddDate(0, 0, 120)
		}
		near = append(near, a)
	}
	r = Picture(near, rekindle.Athlete{}, asOf, Options{})
	if r.Fitness.VDOT < spring-3 {
		t.Errorf("VDOT %.1f (%s) with the spring's runs six weeks before the comeback: want the sustained floor near %.1f", r.Fitness.VDOT, r.Fitness.Basis, spring)
	}
}

// sinceStop's edges: the last stop of sustainedStopDays or more between
// two runs; none gives the year.
func TestSinceStopEdges(t *testing.T) {
	mk := func(ages ...int) *effortAgg {
		g := &effortAgg{}
		for _, a := range ages {
			g.wholeRuns = append(g.wholeRuns, vdotCand{age: a})
		}
		return g
	}
	for _, tc := range []struct {
		name string
		ages []int
		want int
	}{
		{"no stop", []int{1, 5, 40, 100, 150}, 365},
		{"a stop of 150 days", []int{1, 5, 20, 170, 180}, 21},
		{"a stop of 149 days", []int{1, 5, 20, 169, 180}, 365},
		{"two stops: the last counts", []int{350, 2, 180, 10, 190}, 11},
		{"no runs", nil, 365},
	} {
		if got := mk(tc.ages...).sinceStop(); got != tc.want {
			t.Errorf("%s: sinceStop %d, want %d", tc.name, got, tc.want)
		}
	}
}
