package training

import (
	"testing"
	"time"

	"rekindle"
)

// A run under a 20K found by its pace or heart rate alone is no race when it
// started on a school night (Sunday to Thursday, 21:00 to 04:00): road races
// on a working week's evening start by 20:00, and a hard 10 km at 22:00 the
// night before a working day is the runner's night run (held-out real-86's
// Monday to Wednesday 21:20-22:10 runs of 10-15 km at his hardest fifth of
// heart rates; real-97's weeknight 5 km at 22:00). A weekend night, an
// evening before 21:00, a half, a race's share of a measured maximum, a
// race's name or a race-distance word, and a date with no time keep the
// rules that held before.
func TestSchoolNightRunIsNoRace(t *testing.T) {
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	ctx := RaceContext{TypicalSpeedMS: 1000 / 300.0, TypicalDistanceM: 10000, TypicalHR: 152, HighHR: 165, MaxHR: 190}
	tenK := RaceRun{DistanceM: 10100, MovingS: 10.1 * 262, AvgHR: 171} // 4:22/km, 15% faster than usual
	for _, tc := range []struct {
		what  string
		start time.Time
		km    float64
		hr    float64
		name  string
		max   float64
		race  bool
	}{
		{"a Wednesday 21:42", at(2022, 3, 2, 21, 42), 10.1, 171, "", 0, false},
		{"a Monday 22:10", at(2022, 3, 7, 22, 10), 10.1, 171, "", 0, false},
		{"a Sunday 21:48, the night before a working day", at(2022, 2, 27, 21, 48), 10.1, 171, "", 0, false},
		{"a Tuesday 01:30, Monday's night", at(2022, 3, 8, 1, 30), 10.1, 171, "", 0, false},
		{"no heart rate", at(2022, 3, 2, 21, 42), 10.1, 0, "", 0, false},
		{"a 15K", at(2022, 3, 2, 22, 9), 15.0, 171, "", 0, false},
		{"a Wednesday 19:30, a race's hour", at(2022, 3, 2, 19, 30), 10.1, 171, "", 0, true},
		{"a Tuesday 04:30, a morning", at(2022, 3, 8, 4, 30), 10.1, 171, "", 0, true},
		{"a Friday 22:00, a weekend night", at(2022, 3, 4, 22, 0), 10.1, 171, "", 0, true},
		{"a Saturday 00:04, Friday's night", at(2022, 3, 5, 0, 4), 10.1, 171, "", 0, true},
		{"a Saturday 21:00", at(2022, 3, 5, 21, 0), 10.1, 171, "", 0, true},
		{"a half", at(2022, 3, 2, 21, 10), 21.2, 171, "", 0, true},
		{"92% of a measured maximum", at(2022, 3, 2, 21, 42), 10.1, 171, "", 185, true},
		{"a race's name", at(2022, 3, 2, 21, 42), 10.1, 171, "Night Run Race", 0, true},
		{"a word that also names a run: its own rule", at(2022, 3, 2, 21, 42), 10.1, 171, "Night 10k", 0, true},
		{"a date with no time", at(2022, 3, 2, 0, 0), 10.1, 171, "", 0, true},
	} {
		r, c := tenK, ctx
		r.Start, r.AvgHR, r.Name = tc.start, tc.hr, tc.name
		r.DistanceM, r.MovingS = tc.km*1000, tc.km*262
		if tc.max > 0 {
			c.MaxHR, c.MeasuredMaxHR = tc.max, tc.max
		}
		if got := RecogniseRace(r, c); got.Race != tc.race {
			t.Errorf("%s: %.1f km 15%% faster than usual at HR %.0f: race %v, want %v (%s)", tc.what, tc.km, tc.hr, got.Race, tc.race, got.Reason)
		}
	}

	// The same through RacesOf: a year of easy 10 km at 5:00/km and HR 150
	// at 20:30 four times a week; a Tuesday 22:00 10 km at 4:20/km and HR
	// 172 (86% of the maximum of 200 the runner set, at their hardest
	// fifth) is the runner's night run, the same run on a Saturday morning
	// a race.
	var acts []rekindle.Activity
	mon := time.Date(2021, 1, 4, 20, 30, 0, 0, time.UTC) // a Monday
	for w := range 56 {
		for _, d := range []int{0, 2, 3, 5} {
			acts = append(acts, run(mon.AddDate(0, 0, 7*w+d), 10, 300, 150))
		}
	}
	night := time.Date(2022, 2, 1, 22, 0, 0, 0, time.UTC)   // a Tuesday of week 56
	morning := time.Date(2022, 2, 12, 8, 0, 0, 0, time.UTC) // a Saturday
	acts = append(acts, run(night, 10, 260, 172), run(morning, 10, 260, 172))
	sortByStart(acts)
	found := map[string]string{}
	for _, rc := range RacesOf(acts, rekindle.Athlete{MaxHR: 200}, time.Date(2022, 2, 13, 0, 0, 0, 0, time.UTC)) {
		found[rc.Activity.Start.Format(time.DateOnly)] = rc.Call.Reason
	}
	if why, ok := found["2022-02-01"]; ok {
		t.Errorf("a Tuesday 22:00 10 km at 4:20/km and HR 172, a night run: a race (%s)", why)
	}
	if _, ok := found["2022-02-12"]; !ok {
		t.Error("the same 10 km on a Saturday morning: no race")
	}
}
