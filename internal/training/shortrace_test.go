package training

import (
	"testing"
	"time"
)

// A half's length on a weekend far longer than the usual run is an event
// by distance and day; but not after a habit of long runs (three or more
// of the four weeks before at 60% of its distance) at an everyday heart
// rate (under the runner's top fifth): that is the runner's long run. With
// a race's heart rate, few long runs before, or no heart rate, the
// distance rule stands.
func TestWeekendLongRunInAHabitOfLongRunsIsNoEvent(t *testing.T) {
	var dist, speed, hr []float64
	for i := range 40 {
		dist, speed, hr = append(dist, 8000), append(speed, 1000/340.0), append(hr, 130+float64(i)) // 130…169
	}
	if b := NewPaceBook(dist, speed, hr); b.HighHR < 160 || b.HighHR > 162 {
		t.Fatalf("HighHR %.0f, want the top fifth of 130…169 (161)", b.HighHR)
	}
	if NewPaceBook(dist[:10], speed[:10], hr[:10]).HighHR != 0 {
		t.Error("HighHR from 10 runs: want unknown (0)")
	}
	start := time.Date(2025, 1, 4, 15, 0, 0, 0, time.UTC) // a Saturday afternoon
	r := RaceRun{DistanceM: 22000, MovingS: 22 * 340, Start: start, AvgHR: 156}
	ctx := RaceContext{
		TypicalSpeedMS: 1000 / 340.0, TypicalHR: 156, HighHR: 163, TypicalDistanceM: 8000,
		LongestBeforeM: 17000, SecondLongestBeforeM: 15000, RecentHR: 156,
		RecentLongSpeedMS: 1000 / 350.0, RecentLongRuns: 4,
	}
	if c := RecogniseRace(r, ctx); c.Race {
		t.Errorf("22 km on a Saturday at HR 156 (top fifth 163) after four long runs in four weeks: %+v, want a long run", c)
	}
	hard := r
	hard.AvgHR = 166
	if c := RecogniseRace(hard, ctx); !c.Race {
		t.Errorf("the same at HR 166 (over the top fifth): %+v, want an event", c)
	}
	few := ctx
	few.RecentLongRuns = 1
	if c := RecogniseRace(r, few); !c.Race {
		t.Errorf("after one long run in four weeks: %+v, want an event", c)
	}
	noHR := r
	noHR.AvgHR = 0
	if c := RecogniseRace(noHR, ctx); !c.Race {
		t.Errorf("no heart rate: %+v, want an event by distance and day as before", c)
	}
}
