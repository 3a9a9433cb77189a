package training

import (
	"testing"
	"time"
)

// TestPlanSessionTitleIsNoRace: a title that names a training plan's week
// ("C25k week 4", "10k week 3 day 2", "W3D2") names the plan's goal
// distance, not a race run that day. Held-out real-109, a beginner in a
// 10K plan: five weekday 3-5 km sessions so titled, 8-9% faster than his
// usual, were read as races by "10k".
func TestPlanSessionTitleIsNoRace(t *testing.T) {
	// usual pace about 6:52/km
	ctx := RaceContext{TypicalSpeedMS: 1000 / 412.0}
	thu := time.Date(2021, 11, 18, 10, 19, 0, 0, time.UTC)
	sun := time.Date(2021, 11, 28, 8, 30, 0, 0, time.UTC)
	fast := func(name string, km float64, start time.Time) RaceRun {
		// 9% faster than the usual pace
		return RaceRun{Name: name, DistanceM: km * 1000, MovingS: km * 412 / 1.09, Start: start}
	}
	tests := []struct {
		what string
		run  RaceRun
		want bool
	}{
		{"\"10k week 3 day 2\" on a Thursday", fast("10k week 3 day 2", 3.3, thu), false},
		{"\"10k week 3 day 3 retry\" on a Sunday", fast("10k week 3 day 3 retry", 4.9, sun), false},
		{"\"C25k week 9!\"", fast("C25k week 9!", 5.0, sun), false},
		{"\"Half plan wk 6\"", fast("Half plan wk 6", 10.0, thu), false},
		{"\"5k W3D2\"", fast("5k W3D2", 5.0, thu), false},
		// the same runs without the plan's week still read as before
		{"\"10k\" on a Thursday, 9% faster", fast("10k", 10.0, thu), true},
		// a strong race word still names a race
		{"\"parkrun week 3\"", fast("parkrun week 3", 5.0, sun), true},
		// a number that is no plan's week
		{"\"10k midweek 2\"", fast("10k midweek 2", 10.0, thu), true},
	}
	for _, tt := range tests {
		if got := RecogniseRace(tt.run, ctx); got.Race != tt.want {
			t.Errorf("%s: RecogniseRace = %+v, want race %v", tt.what, got, tt.want)
		}
	}
}
