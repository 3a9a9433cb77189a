package training

import (
	"math"
	"testing"
	"time"

	"rekindle"
)

// A race whose name names its distance is that distance over the GPS band
// of a city course (held-out real-44's Copenhagen half: "half", 22.371 km,
// 6.04% long, no heart rate): 5% short to 10% long. A run whose name names
// no distance, or another one, keeps the 2%/6% band.
func TestNamedDistanceWidensTheBand(t *testing.T) {
	sun := time.Date(2021, 9, 19, 9, 17, 0, 0, time.UTC)
	ctx := RaceContext{TypicalSpeedMS: 3.3, TypicalDistanceM: 5000, LongestBeforeM: 10000, SecondLongestBeforeM: 5000}
	for _, tc := range []struct {
		name    string
		km, min float64
		want    float64 // the standard matched, 0 none
		race    bool
	}{
		{"half", 22.371, 118.9, halfM, true},
		{"Halvmaraton", 22.9, 121, halfM, true},
		{"半马", 20.2, 112, halfM, true},
		{"Copenhagen Marathon", 45.8, 250, marathonM, true},
		{"Morning run", 22.371, 118.9, 0, false}, // no name: the 6% band
		{"half", 23.4, 124, 0, false},            // 11% long: not the half
		{"10k", 22.371, 118.9, 0, false},         // names another distance
	} {
		r := RaceRun{Name: tc.name, DistanceM: tc.km * 1000, MovingS: tc.min * 60, Start: sun}
		c := RecogniseRace(r, ctx)
		if c.StandardM != tc.want || c.Race != tc.race {
			t.Errorf("%q %.3f km: %+v, want standard %.0f, race %v", tc.name, tc.km, c, tc.want, tc.race)
		}
	}
}

// A race by its pace alone run before a detraining spell gives way to the
// races after the spell (held-out real-44: an unnamed 5 km at VDOT 47 on a
// Wednesday in April, then one run every 2-3 weeks all summer, then
// September races at VDOT 40-42). With the summer trained, or the April
// race named a race by the runner, the April race still counts: the best
// race of the year.
func TestRacesAfterDetrainingOutrankOlderRaces(t *testing.T) {
	asOf := day(230)
	build := func(summerEvery int, aprilName string) []rekindle.Activity {
		var acts []rekindle.Activity
		add := func(a rekindle.Activity, name string) {
			a.ID, a.Name = int64(len(acts)+1), name
			acts = append(acts, a)
		}
		for d := 0; d < 60; d += 2 { // spring: a run every other day
			add(run(day(d).Add(8*time.Hour), 6, 330, 0), "")
		}
		add(run(day(62).Add(8*time.Hour), 5, 21*60/5.0, 0), aprilName) // VDOT 47
		for d := 64; d < 200; d += summerEvery {
			add(run(day(d).Add(8*time.Hour), 5, 320, 0), "")
		}
		add(run(day(203).Add(9*time.Hour), 5, 23.15*60/5, 0), "5k race")   // VDOT 42
		add(run(day(209).Add(9*time.Hour), 10, 51.4*60/10, 0), "10k race") // VDOT 39.5
		return acts
	}
	april, sept := VDOT(5000, 21*60), VDOT(5000, 23.15*60)
	for _, tc := range []struct {
		every int
		name  string
		want  float64
	}{
		{18, "", sept},         // a summer of a run every 18 days: April's pace alone gives way
		{3, "", april},         // a trained summer: April's stands
		{18, "5k race", april}, // named a race: it stands for the year
	} {
		r := Picture(build(tc.every, tc.name), rekindle.Athlete{}, asOf, Options{})
		if math.Abs(r.Fitness.VDOT-tc.want) > 0.05 || r.Fitness.Basis != "race" {
			t.Errorf("summer run every %d days, April named %q: VDOT %.1f (%s) from %+v, want %.1f",
				tc.every, tc.name, r.Fitness.VDOT, r.Fitness.Basis, r.Fitness.From, tc.want)
		}
	}
}

func TestDetrainedBetween(t *testing.T) {
	for _, tc := range []struct {
		days     []int
		from, to int
		want     bool
	}{
		{nil, 0, 43, true},
		{nil, 0, 42, false},
		{[]int{10, 20}, 0, 100, true},                              // two run days in 99: a spell of 79 with none
		{[]int{20, 40, 60, 80}, 0, 100, true},                      // every 20 days: days 1-42 hold two
		{[]int{30, 60}, 0, 100, true},                              // 1..99 holds two run days only
		{[]int{10, 20, 30, 40, 50, 60, 70, 80, 90}, 0, 100, false}, // every 10 days: four in any 42
	} {
		if got := detrainedBetween(tc.days, tc.from, tc.to); got != tc.want {
			t.Errorf("detrainedBetween(%v, %d, %d) = %v, want %v", tc.days, tc.from, tc.to, got, tc.want)
		}
	}
}

// A relay leg is a race by its name, in several languages (held-out
// real-44's "relay", 5 km in 23:09 on a Tuesday, no heart rate).
func TestRelayIsARace(t *testing.T) {
	tue := time.Date(2021, 9, 7, 16, 6, 0, 0, time.UTC)
	ctx := RaceContext{TypicalSpeedMS: 3.4, TypicalDistanceM: 5000}
	for _, name := range []string{"relay", "DHL Stafet", "Staffellauf", "公司接力"} {
		if c := RecogniseRace(RaceRun{Name: name, DistanceM: 5000, MovingS: 1389, Start: tue}, ctx); !c.Race || c.StandardM != 5000 {
			t.Errorf("%q: %+v, want a 5K race", name, c)
		}
	}
	if c := RecogniseRace(RaceRun{Name: "relay pace intervals", DistanceM: 5000, MovingS: 1389, Start: tue}, ctx); c.Race {
		t.Errorf("training named after a relay: %+v, want no race", c)
	}
}
