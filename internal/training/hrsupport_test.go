package training

import (
	"math"
	"testing"
	"time"

	"rekindle"
)

// hrSupportYear is a year of a runner's running up to day(364): easy
// 8 km at 5:30/km and heart rate 135, 6 km at 4:50/km and 148, 10 km
// sessions at 4:25/km and 160, Sunday 14 km long runs at 5:40/km and 138,
// and a named 10K race at 4:08/km and 170 (VDOT about 50): the year of
// held-out real-81 in outline.
func hrSupportYear() []rekindle.Activity {
	var acts []rekindle.Activity
	for i := 0; i < 52; i++ {
		w := 7 * i
		acts = append(acts,
			run(day(w+1).Add(-time.Hour), 8, 330, 135),
			run(day(w+2).Add(-time.Hour), 6, 290, 148),
			run(day(w+3).Add(-time.Hour), 8, 330, 135),
			run(day(w+4).Add(-time.Hour), 10, 265, 160),
			run(day(w+6).Add(time.Hour), 14, 340, 138))
	}
	race := run(day(7*40+6), 10, 248, 170)
	race.Name = "17th CITY 10K - RACE"
	return append(acts, race)
}

// A run faster than its heart rate carries is no effort of the runner's:
// a Sunday-morning 16.6 km at 3:30/km and heart rate 145 (held-out
// real-81's list row of 6 Nov 2022, whose moving time is a third short of
// its time) against a year of runs at 148-160 never above VDOT 47 and a
// 10K race at 170 of VDOT 50 (4:08/km) is neither a "10 mile race" by
// its pace nor the runner's VDOT (it read 60.7). The same run at 4:00/km,
// which the heart rate carries near enough, stays a race by pace.
func TestSpeedTheHeartRateDoesNotCarrySetsNoVDOT(t *testing.T) {
	asOf := day(365)
	glitch := run(day(7*46+6).Add(time.Hour), 16.57, 210, 145) // Sunday 08:00
	acts := append(hrSupportYear(), glitch)
	raceV := VDOT(10000, 2480)
	r := Picture(acts, rekindle.Athlete{}, asOf, Options{})
	if math.Abs(r.Fitness.VDOT-raceV) > 0.5 {
		t.Errorf("VDOT %.1f (%s) from %+v, want the 10K race's %.1f", r.Fitness.VDOT, r.Fitness.Basis, r.Fitness.From, raceV)
	}
	for _, f := range RacesOf(acts, rekindle.Athlete{}, asOf) {
		if f.Activity.Start.Equal(glitch.Start) {
			t.Errorf("the 16.6 km at 3:30/km and heart rate 145 read as a race: %+v", f.Call)
		}
	}
	// At 4:00/km the heart rate of 145 carries it near enough (VDOT
	// within a fifth of the 10K's): a race by its pace, as before.
	fair := run(glitch.Start, 16.57, 240, 145)
	acts = append(hrSupportYear(), fair)
	found := false
	for _, f := range RacesOf(acts, rekindle.Athlete{}, asOf) {
		found = found || f.Activity.Start.Equal(fair.Start)
	}
	if !found {
		t.Errorf("the 16.6 km at 4:00/km and heart rate 145 is no race by its pace: want one (its speed is within what the heart rate carries)")
	}
}

// PaceBook.HRUnsupported's edges: the run's heart rate under the runner's
// hardest fifth, enough runs at as high a heart rate to judge by, a road
// run, and a fifth above the best of them.
func TestHRUnsupportedEdges(t *testing.T) {
	var dist, speed, hr []float64
	var kind []int
	add := func(n int, km, pace, h float64) {
		for range n {
			dist, speed, hr, kind = append(dist, km*1000), append(speed, 1000/pace), append(hr, h), append(kind, KindRoad)
		}
	}
	add(60, 8, 330, 135)
	add(25, 6, 290, 148)
	add(15, 10, 265, 160)
	b := NewPaceBookKinds(dist, speed, hr, kind)
	if b.HighHR != 148 {
		t.Fatalf("HighHR %.0f, want 148", b.HighHR)
	}
	best := oxygenCost(60 * 1000 / 265.0) // the 10 km sessions at 160
	// speedAt is the speed whose oxygen cost is share × best.
	speedAt := func(share float64) float64 { return SpeedAtVO2Fraction(share*best, 1) }
	at := func(km, h float64, share float64, k int) bool {
		return b.HRUnsupported(km*1000, speedAt(share), h, k, nil)
	}
	for _, tc := range []struct {
		name  string
		km, h float64
		share float64
		kind  int
		want  bool
	}{
		{"a fifth and more above, at an everyday heart rate", 16.57, 145, 1.25, KindRoad, true},
		{"under a fifth above", 16.57, 145, 1.15, KindRoad, false},
		{"a trail run", 16.57, 145, 1.25, KindTrail, false},
		{"at the hardest fifth's heart rate", 16.57, 148, 1.25, KindRoad, false},
		{"no heart rate", 16.57, 0, 1.25, KindRoad, false},
		{"shorter than 20 minutes", 4, 140, 1.25, KindRoad, false},
	} {
		if got := at(tc.km, tc.h, tc.share, tc.kind); got != tc.want {
			t.Errorf("%s: HRUnsupported %v, want %v", tc.name, got, tc.want)
		}
	}
	// Too few runs at as high a heart rate: nothing to judge by.
	dist, speed, hr, kind = nil, nil, nil, nil
	add(31, 8, 330, 135)
	add(9, 10, 265, 160)
	b = NewPaceBookKinds(dist, speed, hr, kind)
	if b.HighHR > 145 {
		if b.HRUnsupported(16570, speedAt(1.3), 145, KindRoad, nil) {
			t.Errorf("with 9 runs at 145 or more: HRUnsupported, want no judgement")
		}
	} else {
		t.Fatalf("HighHR %.0f, want above 145 for this case", b.HighHR)
	}
}
