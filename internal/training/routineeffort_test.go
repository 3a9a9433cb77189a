package training

import (
	"testing"
	"time"

	"rekindle"
)

// A run of any length found by its pace alone, off a weekend morning, is no
// race when its heart rate is known and stayed under the runner's race level
// and the runner came within 5% of its pace three or more times among ten or
// more runs of about its distance in the year before (held-out real-86,
// 90-160 km a week and no race: Wednesday and Sunday 15-21 km at
// 4:06-4:20/km and a mean 148-166, his hardest fifth 165, read "10-15% faster
// than usual" because easy doubles and an older season pull his usual down).
// A pace that stands out from the year, a thin record at the distance, a
// weekend morning, a race heart rate or no heart rate keep the rules that
// held before.
func TestRepeatedEffortAtEverydayHRIsNoRace(t *testing.T) {
	wedPM := time.Date(2022, 6, 1, 18, 15, 0, 0, time.UTC)
	ctx := RaceContext{TypicalSpeedMS: 1000 / 290.0, TypicalDistanceM: 10000, TypicalHR: 150, HighHR: 165}
	long := RaceRun{DistanceM: 21100, MovingS: 21.1 * 246, Start: wedPM, AvgHR: 152} // 4:06/km, 18% faster than usual
	for _, tc := range []struct {
		what      string
		at, close int
		start     time.Time
		hr        float64
		race      bool
	}{
		{"repeated", 22, 6, wedPM, 152, false},
		{"three close", 10, 3, wedPM, 152, false},
		{"two close: it stands out", 22, 2, wedPM, 152, true},
		{"nine runs at the distance: no habit known", 9, 6, wedPM, 152, true},
		{"a Sunday morning", 22, 6, time.Date(2022, 6, 5, 7, 0, 0, 0, time.UTC), 152, true},
		{"a race heart rate", 22, 6, wedPM, 168, true},
		{"no heart rate: another rule's", 22, 6, wedPM, 0, true},
	} {
		r, c := long, ctx
		r.Start, r.AvgHR = tc.start, tc.hr
		c.YearAtDistance, c.YearClosePace = tc.at, tc.close
		c.YearNearPace = tc.close
		if got := RecogniseRace(r, c); got.Race != tc.race {
			t.Errorf("%s: 21.1 km 18%% faster than usual at HR %.0f, %s, %d runs at the distance in the year, %d within 5%% of its pace: race %v, want %v (%s)",
				tc.what, tc.hr, tc.start.Format("Mon 15:04"), tc.at, tc.close, got.Race, tc.race, got.Reason)
		}
	}
	// Without a hardest fifth or a measured maximum the race level is unknown.
	c := ctx
	c.HighHR, c.YearAtDistance, c.YearClosePace = 0, 22, 6
	if got := RecogniseRace(long, c); !got.Race {
		t.Errorf("no race level known: no race (%s)", got.Reason)
	}

	// The same through RacesOf: a year of easy 12 km at 5:30/km and HR 145
	// three times a week, two 8 km sessions at 4:10/km and 170, and a
	// Wednesday-evening 16 km at 4:30/km and 152. A Wednesday 16 km at
	// 4:25/km and 153 is that weekly run (24% faster than the usual set by
	// the easy runs); one at 3:55/km and 160 stands out from the year.
	var acts []rekindle.Activity
	mon := time.Date(2021, 1, 4, 18, 0, 0, 0, time.UTC) // a Monday
	for w := range 56 {
		day := func(d int) time.Time { return mon.AddDate(0, 0, 7*w+d) }
		acts = append(acts, run(day(0), 12, 330, 145), run(day(1), 8, 250, 170), run(day(2), 16, 270, 152),
			run(day(3), 8, 250, 170), run(day(4), 12, 330, 145), run(day(5), 12, 330, 145))
	}
	weekly := time.Date(2022, 2, 2, 18, 0, 0, 0, time.UTC)    // a Wednesday of week 56
	standout := time.Date(2022, 2, 16, 18, 0, 0, 0, time.UTC) // two weeks on
	acts = append(acts, run(weekly, 16, 265, 153), run(standout, 16, 235, 160))
	sortByStart(acts)
	found := map[string]string{}
	for _, rc := range RacesOf(acts, rekindle.Athlete{MaxHR: 185}, time.Date(2022, 2, 20, 0, 0, 0, 0, time.UTC)) {
		found[rc.Activity.Start.Format(time.DateOnly)] = rc.Call.Reason
	}
	if why, ok := found["2022-02-02"]; ok {
		t.Errorf("a Wednesday-evening 16 km at 4:25/km and HR 153, the runner's weekly run within 5%%: a race (%s)", why)
	}
	if _, ok := found["2022-02-16"]; !ok {
		t.Error("a Wednesday-evening 16 km at 3:55/km and HR 160, faster than anything of the year by a tenth: no race")
	}
}
