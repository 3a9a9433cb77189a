package training

import (
	"testing"
	"time"

	"rekindle"
)

// A run found by its pace or heart rate alone is no race when another run
// of its day was about as long, as fast and as hard: a session's repeats
// or a hard double (held-out real-86, no race in his list: two 5.0 km at
// 3:55 and 3:46/km and HR 168-174 one Monday afternoon, between a warm-up
// and a cool-down, both read as 5K races). A race with a slower, easier
// warm-up and cool-down around it, or a fast run whose twin carries no
// heart rate as high, keeps the rules that held before.
func TestSameDayRepeatIsNoRace(t *testing.T) {
	const d, speed, hr = 5010.0, 1000 / 235.0, 168.0
	self := DayRun{DistanceM: d, SpeedMS: speed, AvgHR: hr}
	for _, tc := range []struct {
		what string
		day  []DayRun
		want bool
	}{
		{"alone", []DayRun{self}, false},
		{"a second 5 km as fast and as hard", []DayRun{self, {DistanceM: 5010, SpeedMS: 1000 / 226.0, AvgHR: 174}}, true},
		{"a first 5 km a little slower, 8 beats under", []DayRun{{DistanceM: 5010, SpeedMS: 1000 / 244.0, AvgHR: 160}, self}, true},
		{"a 10 km that morning: not about as long", []DayRun{{DistanceM: 10300, SpeedMS: speed, AvgHR: 170}, self}, false},
		{"a warm-up and a cool-down", []DayRun{{DistanceM: 3270, SpeedMS: 1000 / 294.0, AvgHR: 142}, self, {DistanceM: 2180, SpeedMS: 1000 / 306.0, AvgHR: 137}}, false},
		{"a 5 km jog", []DayRun{self, {DistanceM: 5000, SpeedMS: 1000 / 300.0, AvgHR: 140}}, false},
		{"a fast 5 km at an easy heart rate", []DayRun{{DistanceM: 5290, SpeedMS: 1000 / 293.0, AvgHR: 113}, self}, false},
		{"a fast 5 km with no heart rate", []DayRun{self, {DistanceM: 5000, SpeedMS: speed}}, false},
	} {
		if got := SameDayRepeat(d, speed, hr, tc.day); got != tc.want {
			t.Errorf("%s: SameDayRepeat %v, want %v", tc.what, got, tc.want)
		}
	}

	// Through RacesOf: a year of easy 10 km and 5 km at 5:00/km and HR 150
	// four afternoons a week; one Wednesday two 5 km at 3:55 and 3:46/km and
	// HR 168 and 174, 24 minutes apart, are a session; a 5 km at 3:50/km
	// and HR 172 between a 3 km warm-up and a 2 km cool-down, a race.
	var acts []rekindle.Activity
	mon := time.Date(2021, 1, 4, 17, 0, 0, 0, time.UTC) // a Monday
	for w := range 56 {
		for _, d := range []int{0, 3, 5} {
			acts = append(acts, run(mon.AddDate(0, 0, 7*w+d), 10, 300, 150))
		}
		acts = append(acts, run(mon.AddDate(0, 0, 7*w+1), 5, 300, 150))
	}
	wed := time.Date(2022, 2, 2, 17, 28, 0, 0, time.UTC) // a Wednesday of week 56
	raceDay := time.Date(2022, 2, 9, 17, 0, 0, 0, time.UTC)
	acts = append(acts, run(wed, 5.01, 235, 168), run(wed.Add(24*time.Minute), 5.01, 226, 174),
		run(raceDay, 3, 300, 140), run(raceDay.Add(25*time.Minute), 5.01, 230, 172), run(raceDay.Add(50*time.Minute), 2, 310, 138))
	sortByStart(acts)
	found := map[string]string{}
	for _, rc := range RacesOf(acts, rekindle.Athlete{MaxHR: 200}, time.Date(2022, 2, 13, 0, 0, 0, 0, time.UTC)) {
		found[rc.Activity.Start.Format("2006-01-02 15:04")] = rc.Call.Reason
	}
	for _, at := range []string{"2022-02-02 17:28", "2022-02-02 17:52"} {
		if why, ok := found[at]; ok {
			t.Errorf("%s: one of two 5 km repeats of a Wednesday afternoon: a race (%s)", at, why)
		}
	}
	if _, ok := found["2022-02-09 17:25"]; !ok {
		t.Errorf("a 5 km at 3:50/km and HR 172 between a warm-up and a cool-down: no race (found %v)", found)
	}
}
