package training

import (
	"math"
	"testing"
	"time"

	"rekindle"
)

// A run its watch read 2-3% short of a standard distance, at a race's pace
// and the runner's race heart rate on a weekend morning, is that race: the
// effort and the day say an event, the watch cut the corners. Held-out real-64: the
// Decathlon 5K of Sunday 21 Jul 2024, 07:00, 4.858 km in 30:34 at HR 186
// (his hardest), read as no 5K (nearStandard's band ends 2% short), so his
// VDOT came from an unnamed 9.9 km with no heart rate (23.8 against the
// 5K's 30.1). Off a weekend morning, at an everyday heart rate or pace, or
// further short, it stays no race.
func TestRaceEffortReadShortIsTheStandardRace(t *testing.T) {
	sunday := time.Date(2024, 7, 21, 7, 0, 0, 0, time.UTC)
	r := RaceRun{Name: "Decathlon run", DistanceM: 4858, MovingS: 1834, Start: sunday, AvgHR: 186}
	ctx := RaceContext{TypicalSpeedMS: 1000 / 450.0, TypicalHR: 162, HighHR: 175, TypicalDistanceM: 4000}
	c := RecogniseRace(r, ctx)
	if !c.Race || c.StandardM != 5000 || !c.Supported() {
		t.Errorf("4.858 km in 30:34 at HR 186 (top fifth 175) on a Sunday 07:00: %+v, want a supported 5K", c)
	}
	for _, tc := range []struct {
		what string
		edit func(*RaceRun)
	}{
		{"on a Wednesday evening", func(r *RaceRun) { r.Start = time.Date(2024, 7, 17, 19, 0, 0, 0, time.UTC) }},
		{"on a Sunday afternoon", func(r *RaceRun) { r.Start = sunday.Add(7 * time.Hour) }},
		{"at HR 165 (under the top fifth)", func(r *RaceRun) { r.AvgHR = 165 }},
		{"with no heart rate", func(r *RaceRun) { r.AvgHR = 0 }},
		{"at the usual pace (7:30/km)", func(r *RaceRun) { r.MovingS = 4.858 * 450 }},
		{"4% short (4.80 km)", func(r *RaceRun) { r.DistanceM, r.MovingS = 4800, 1812 }},
	} {
		o := r
		tc.edit(&o)
		if c := RecogniseRace(o, ctx); c.Race || c.StandardM != 0 {
			t.Errorf("%s: %+v, want no race and no standard distance", tc.what, c)
		}
	}
	// Within nearStandard's own band the reading is as before.
	in := r
	in.DistanceM = 4950
	if c := RecogniseRace(in, ctx); !c.Race || c.StandardM != 5000 {
		t.Errorf("4.95 km: %+v, want the 5K as before", c)
	}

	// The picture: 5 km runs at 7:30/km (heart rate 150-169), an unnamed
	// Sunday-morning 9.93 km at 7:00/km with no heart rate (a 10K by its
	// pace on a weekend morning), then the 5K read short.
	var acts []rekindle.Activity
	start := time.Date(2024, 3, 2, 18, 0, 0, 0, time.UTC)
	for i := range 40 {
		acts = append(acts, run(start.AddDate(0, 0, 3*i), 5, 450, 150+float64(i%20)))
	}
	acts = append(acts, run(time.Date(2024, 6, 23, 7, 38, 0, 0, time.UTC), 9.931, 420, 0))
	acts = append(acts, run(sunday, 4.858, 1834/4.858, 186))
	asOf := time.Date(2024, 8, 16, 0, 0, 0, 0, time.UTC)
	p := Picture(acts, rekindle.Athlete{}, asOf, Options{})
	if want := VDOT(5000, 1834); math.Abs(p.Fitness.VDOT-want) > 0.05 || p.Fitness.Basis != "race" {
		t.Errorf("VDOT %.1f (%s, %s), want the 5K's %.1f", p.Fitness.VDOT, p.Fitness.Basis, p.Fitness.Said, want)
	}
	found := false
	for _, rc := range RacesOf(acts, rekindle.Athlete{}, asOf) {
		found = found || rc.Activity.Start.Equal(sunday) && rc.Call.StandardM == 5000
	}
	if !found {
		t.Error("RacesOf: the 5K read short is not among the races")
	}
}
