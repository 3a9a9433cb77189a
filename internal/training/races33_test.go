package training

import (
	"testing"
	"time"

	"rekindle"
)

// A long run before work on a working day (Monday to Friday, 04:00-08:00),
// at a length the runner covered three or more times in the four weeks
// before, is no race by its pace or heart rate alone (held-out real-128,
// who never raced: Tuesday to Friday dawn runs of 15-22 km at heart rate
// 154-163 in the summer he got faster, each read as a 10-mile, 15K or half
// marathon race). The evening, the weekend, a run that stands out by its
// length, a shorter run, a race's name or a race heart rate against a
// measured maximum keep it a race.
func TestWorkdayDawnRunAtAHabitualLengthIsNoRace(t *testing.T) {
	wed := time.Date(2024, 8, 14, 6, 26, 0, 0, time.UTC) // a Wednesday
	ctx := RaceContext{TypicalSpeedMS: 2.43, TypicalHR: 148, HighHR: 155, MaxHR: 190, TypicalDistanceM: 10000,
		LongestBeforeM: 22000, SecondLongestBeforeM: 21000}
	sixteen := RaceRun{DistanceM: 16000, MovingS: 16 * 347, AvgHR: 161, Start: wed} // 2.88 m/s, 19% over the usual
	for _, tc := range []struct {
		what     string
		start    time.Time
		longRuns int
		name     string
		measured float64
		race     bool
	}{
		{"thirteen runs of its length before", wed, 13, "", 0, false},
		{"three runs of its length before", wed, 3, "", 0, false},
		{"04:00 on a Friday", time.Date(2024, 8, 16, 4, 0, 0, 0, time.UTC), 13, "", 0, false},
		{"two runs of its length: it stands out", wed, 2, "", 0, true},
		{"the evening", time.Date(2024, 8, 14, 18, 30, 0, 0, time.UTC), 13, "", 0, true},
		{"08:00", time.Date(2024, 8, 14, 8, 0, 0, 0, time.UTC), 13, "", 0, true},
		{"a Saturday", time.Date(2024, 8, 17, 6, 26, 0, 0, time.UTC), 13, "", 0, true},
		{"a race's name", wed, 13, "Guangzhou 10 Mile Race", 0, true},
		{"a race heart rate of a measured maximum", wed, 13, "", 182, true},
		{"a 10 km", wed, 13, "", 0, true},
		{"a measured maximum it stays well under", wed, 13, "", 200, false},
	} {
		r, c := sixteen, ctx
		r.Start, r.Name = tc.start, tc.name
		if tc.what == "a 10 km" {
			r.DistanceM, r.MovingS = 10000, 10*310 // 3.23 m/s, 14% over the usual at 10 km
			c.TypicalSpeedMS = 2.83
		}
		c.RecentLongRuns = tc.longRuns
		if tc.measured > 0 {
			c.MaxHR, c.MeasuredMaxHR = tc.measured, tc.measured
		}
		if got := RecogniseRace(r, c); got.Race != tc.race {
			t.Errorf("%s: %s %.1f km at HR 161: race %v (%s), want %v",
				tc.what, tc.start.Format("Mon 15:04"), r.DistanceM/1000, got.Race, got.Reason, tc.race)
		}
	}

	// The same through RacesOf: a runner of 12 km at 6:20/km before work
	// three times a week and a Sunday 16 km at 6:30/km, for a year and a
	// half, no heart rate; a Wednesday 06:30 16 km at 5:40/km is one more
	// morning run, the same run on Wednesday evening stands out as a race.
	for _, hour := range []int{6, 18} {
		var acts []rekindle.Activity
		mon := time.Date(2023, 3, 6, 6, 30, 0, 0, time.UTC) // a Monday
		weeks := 78
		for w := range weeks {
			for _, d := range []int{0, 2, 4} {
				acts = append(acts, run(mon.AddDate(0, 0, 7*w+d), 12, 380, 0))
			}
			acts = append(acts, run(mon.AddDate(0, 0, 7*w+6).Add(30*time.Minute), 16, 390, 0))
		}
		fast := time.Date(2024, 9, 4, hour, 30, 0, 0, time.UTC) // the Wednesday of week 78
		acts = append(acts, run(fast, 16, 340, 0))
		sortByStart(acts)
		found := false
		for _, rc := range RacesOf(acts, rekindle.Athlete{}, fast.AddDate(0, 0, 1)) {
			found = found || rc.Activity.Start.Equal(fast)
		}
		if want := hour == 18; found != want {
			t.Errorf("a Wednesday %02d:30 16 km at 5:40/km after weeks of 12 km at 6:20/km before work: race %v, want %v", hour, found, want)
		}
	}
}
