package training

import (
	"testing"
	"time"

	"rekindle"
)

// A short run with no heart rate, off a weekend morning, is no race by its
// pace alone when that pace is the runner's routine at the distance: two or
// more of their ten or more runs of about its distance in the year before
// came within a tenth of it (held-out real-76, a phone-app runner whose list
// holds no race: weekday-evening 5-10 km at 8-30% over a usual pulled down
// by short jogs, each after several runs of the year near its pace). A run
// that stands out from the year, a runner with too few runs at the distance
// to know a habit, a weekend morning, a heart rate or a race word keep it a
// race by the rules that held before.
func TestRoutinePaceIsNoRaceByPace(t *testing.T) {
	wedPM := time.Date(2022, 4, 20, 20, 5, 0, 0, time.UTC)
	ctx := RaceContext{TypicalSpeedMS: 1000 / 400.0, TypicalDistanceM: 4000}
	five := RaceRun{DistanceM: 5000, MovingS: 5 * 311, Start: wedPM} // 29% faster than usual, no heart rate
	for _, tc := range []struct {
		what       string
		at, near   int
		start      time.Time
		name       string
		hr, highHR float64
		race       bool
	}{
		{"routine", 37, 7, wedPM, "", 0, 0, false},
		{"two near", 12, 2, wedPM, "", 0, 0, false},
		{"one near: it stands out", 37, 1, wedPM, "", 0, 0, true},
		{"none near", 37, 0, wedPM, "", 0, 0, true},
		{"nine runs at the distance: no habit known", 9, 5, wedPM, "", 0, 0, true},
		{"a Saturday morning", 37, 7, time.Date(2022, 4, 23, 8, 30, 0, 0, time.UTC), "", 0, 0, true},
		{"a race word", 37, 7, wedPM, "5k", 0, 0, true},
		{"a race heart rate", 37, 7, wedPM, "", 170, 165, true},
	} {
		r, c := five, ctx
		r.Start, r.Name, r.AvgHR = tc.start, tc.name, tc.hr
		c.YearAtDistance, c.YearNearPace, c.HighHR = tc.at, tc.near, tc.highHR
		if got := RecogniseRace(r, c); got.Race != tc.race {
			t.Errorf("%s: 5 km 29%% faster than usual, %s, %d runs at the distance in the year, %d near its pace: race %v, want %v (%s)",
				tc.what, tc.start.Format("Mon 15:04"), tc.at, tc.near, got.Race, tc.race, got.Reason)
		}
	}

	// The same through RacesOf: a year of 5 km at 7:00/km with no heart
	// rate, three a week, and every fourth Wednesday evening one at
	// 5:40/km (never three within eight weeks: RecentAsFast stays under
	// its count). A Wednesday-evening 5 km at 5:35/km is the runner's
	// routine fast run; one at 5:00/km stands out from the year.
	var acts []rekindle.Activity
	mon := time.Date(2021, 1, 4, 18, 0, 0, 0, time.UTC) // a Monday
	for w := range 56 {
		for _, d := range []int{0, 3, 5} {
			acts = append(acts, run(mon.AddDate(0, 0, 7*w+d), 5, 420, 0))
		}
		if w%4 == 2 {
			acts = append(acts, run(mon.AddDate(0, 0, 7*w+2).Add(time.Hour), 5, 340, 0))
		}
	}
	routine := time.Date(2022, 2, 2, 19, 0, 0, 0, time.UTC)   // a Wednesday of week 56
	standout := time.Date(2022, 2, 16, 19, 0, 0, 0, time.UTC) // two weeks on
	acts = append(acts, run(routine, 5, 335, 0), run(standout, 5, 300, 0))
	sortByStart(acts)
	found := map[string]bool{}
	for _, rc := range RacesOf(acts, rekindle.Athlete{}, time.Date(2022, 2, 20, 0, 0, 0, 0, time.UTC)) {
		found[rc.Activity.Start.Format(time.DateOnly)] = true
	}
	if found["2022-02-02"] {
		t.Error("a Wednesday-evening 5 km at 5:35/km with no heart rate, a pace the runner came near every fourth week of the year: a race")
	}
	if !found["2022-02-16"] {
		t.Error("a Wednesday-evening 5 km at 5:00/km with no heart rate, faster than anything of the year by a tenth: no race")
	}
}
