package training

import (
	"math"
	"testing"
	"time"

	"rekindle"
)

// A run faster than the world record at its distance carries a time that
// is not the runner's (held-out real-87: a source whose clock is wrong,
// its 5-10 km runs at 2:00-2:20 per km, kept counted by the import): it counts
// in the weeks but gives no VDOT, no best effort and no race, even when
// such runs are most of the history and so the runner's "typical" pace.
func TestImpossibleTimeSetsNoVDOT(t *testing.T) {
	asOf := day(365)
	var acts []rekindle.Activity
	for i := range 52 {
		w := 7 * i
		acts = append(acts,
			run(day(w+1).Add(-time.Hour), 8, 120, 0),
			run(day(w+3).Add(-time.Hour), 10, 120, 0),
			run(day(w+4).Add(-time.Hour), 5, 140, 0),
			run(day(w+6).Add(time.Hour), 12, 330, 0))
	}
	race := run(day(7*40+6), 10, 248, 0)
	race.Name = "17th CITY 10K - RACE"
	acts = append(acts, race)
	for _, a := range acts[:3] {
		if !a.TimeImpossible() {
			t.Fatalf("%.0f km at %.0f s/km read as a possible time", a.Summary.DistanceM/1000, a.Summary.MovingS/a.Summary.DistanceM*1000)
		}
	}
	r := Picture(acts, rekindle.Athlete{}, asOf, Options{})
	if want := VDOT(10000, 2480); math.Abs(r.Fitness.VDOT-want) > 0.5 {
		t.Errorf("VDOT %.1f (%s) from %+v, want the 10K race's %.1f", r.Fitness.VDOT, r.Fitness.Basis, r.Fitness.From, want)
	}
	// Without the race, the VDOT is the credible runs' (12 km at 5:30/km),
	// not a world-class one.
	r = Picture(acts[:len(acts)-1], rekindle.Athlete{}, asOf, Options{})
	if r.Fitness.VDOT > VDOT(12000, 12*330)+1 {
		t.Errorf("VDOT %.1f (%s) from %+v, want at most the 12 km runs' %.1f", r.Fitness.VDOT, r.Fitness.Basis, r.Fitness.From, VDOT(12000, 12*330))
	}
	for _, f := range RacesOf(acts, rekindle.Athlete{}, asOf) {
		if f.Activity.TimeImpossible() && f.Call.Race {
			t.Errorf("a run at 2:00/km read as a race: %+v", f.Call)
		}
	}
}
