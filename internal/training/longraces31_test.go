package training

import (
	"testing"
	"time"

	"rekindle"
)

// A run with no heart rate and no race word is no race by its pace or its
// distance alone when two or more runs of at least 60% of its length in the
// four weeks before were about as fast (within 3%) or faster: the runner's
// training of now goes that fast (held-out real-117, no heart rate: a
// Sunday-dawn 20.2 km at 5:07/km after fourteen runs of 12 km and more at a
// median 5:01/km, read as a 20K race "6% faster than usual"). A run that
// stands out from the weeks before, one with too few long runs before it,
// a heart rate or a race word keep the rules that held before.
func TestRunAtTheWeeksTrainingPaceIsNoRace(t *testing.T) {
	sun := time.Date(2015, 5, 17, 6, 28, 0, 0, time.UTC) // a Sunday
	ctx := RaceContext{TypicalSpeedMS: 3.07, TypicalDistanceM: 11640, LongestBeforeM: 12260, SecondLongestBeforeM: 12250}
	twenty := RaceRun{DistanceM: 20200, MovingS: 20.2 * 307, Start: sun} // 3.26 m/s, 6% over the usual
	for _, tc := range []struct {
		what     string
		runs     int
		recentMS float64
		name     string
		hr       float64
		race     bool
	}{
		{"fourteen long runs as fast", 14, 3.32, "", 0, false},
		{"two long runs within 3%", 2, 3.18, "", 0, false},
		{"one long run: no training known", 1, 3.32, "", 0, true},
		{"long runs 9% slower: it stands out", 14, 3.0, "", 0, true},
		{"no long runs", 0, 0, "", 0, true},
		{"a heart rate", 14, 3.32, "", 150, true},
		{"a race word", 14, 3.32, "Semi-marathon de Montpellier", 0, true},
	} {
		r, c := twenty, ctx
		r.Name, r.AvgHR = tc.name, tc.hr
		c.RecentLongRuns, c.RecentLongSpeedMS = tc.runs, tc.recentMS
		if got := RecogniseRace(r, c); got.Race != tc.race {
			t.Errorf("%s: Sunday 20.2 km at 5:07/km, %d long runs before at %.2f m/s: race %v (%s), want %v",
				tc.what, tc.runs, tc.recentMS, got.Race, got.Reason, tc.race)
		}
	}

	// The same through RacesOf: a year of 12 km at 5:30/km with no heart
	// rate, four a week, and a Sunday 20 km at 5:10/km after four weeks of
	// 12-13 km at 5:05/km is a long run; after four weeks at 5:30/km the
	// same Sunday 20 km stands out and stays a race.
	for _, recent := range []float64{305, 330} {
		var acts []rekindle.Activity
		mon := time.Date(2014, 5, 5, 6, 30, 0, 0, time.UTC) // a Monday
		for w := range 56 {
			pace := 330.0
			if w >= 52 {
				pace = recent
			}
			for _, d := range []int{0, 2, 4} {
				acts = append(acts, run(mon.AddDate(0, 0, 7*w+d), 12, 330, 0))
			}
			acts = append(acts, run(mon.AddDate(0, 0, 7*w+5), 12.5, pace, 0))
			acts = append(acts, run(mon.AddDate(0, 0, 7*w+6), 12.8, pace, 0))
		}
		long := mon.AddDate(0, 0, 7*56+6) // the Sunday of week 56
		acts = append(acts, run(long, 20.1, 310, 0))
		sortByStart(acts)
		found := false
		for _, rc := range RacesOf(acts, rekindle.Athlete{}, long.AddDate(0, 0, 1)) {
			found = found || rc.Activity.Start.Equal(long)
		}
		if want := recent == 330; found != want {
			t.Errorf("a Sunday 20.1 km at 5:10/km after four weeks of 12-13 km weekends at %.0f s/km: race %v, want %v", recent, found, want)
		}
	}
}

// A shorter run on a weekday read as a race by its heart rate alone is none
// when three or more runs of its year about its distance came within 5% of
// its pace (held-out real-116's Wednesday-evening and Friday-noon 10 km of
// August 2025 at 4:39-4:43/km and 88-89% of his maximum, a month after a
// two-week stop). A pace that stands out, a weekend, a race word or fewer
// runs as fast keep it a race.
func TestWeekdayRunAtARepeatedPaceIsNoRaceByHeartRate(t *testing.T) {
	wed := time.Date(2025, 8, 6, 19, 53, 0, 0, time.UTC) // a Wednesday
	ctx := RaceContext{TypicalSpeedMS: 3.41, MaxHR: 179, MeasuredMaxHR: 179, TypicalHR: 145, HighHR: 157, TypicalDistanceM: 12050,
		YearAtDistance: 8, YearNearPace: 8}
	ten := RaceRun{DistanceM: 10000, MovingS: 10 * 279, AvgHR: 159, Start: wed} // 3.58 m/s, 5% over the usual
	for _, tc := range []struct {
		what  string
		close int
		start time.Time
		name  string
		pace  float64
		race  bool
	}{
		{"three as fast in the year", 3, wed, "", 279, false},
		{"eleven as fast", 11, wed, "", 279, false},
		{"two as fast: it stands out", 2, wed, "", 279, true},
		{"a Saturday", 3, time.Date(2025, 8, 9, 19, 53, 0, 0, time.UTC), "", 279, true},
		{"a race word", 3, wed, "Bieg Niepodległości 10K", 279, true},
		{"a race's pace", 3, wed, "", 250, true},
	} {
		r, c := ten, ctx
		r.Start, r.Name, r.MovingS = tc.start, tc.name, 10*tc.pace
		c.YearClosePace = tc.close
		if got := RecogniseRace(r, c); got.Race != tc.race {
			t.Errorf("%s: 10 km at %.0f s/km and HR 159 (89%% of max), %d runs of the year within 5%%: race %v (%s), want %v",
				tc.what, tc.pace, tc.close, got.Race, got.Reason, tc.race)
		}
	}
}
