package training

import (
	"testing"
	"time"

	"rekindle"
)

// A run titled with the standard distance it measured ("Mission Inn 5k" on
// 4.96 km) and no training word is not read as a tempo run because a longer
// run of the weeks before is worth as much at its distance
// (RaceContext.LongerEquivS): that longer run may have been a race itself.
// Held-out real-99 2019-11-10: a 16:04 5K three weeks after an 8.1 km
// "Highlander 8k" in 25:45, no heart rate; no race, no VDOT. An untitled
// run, a titled run at another distance, and "5k tempo" stay vetoed.
func TestTitledDistanceIsNoTempo(t *testing.T) {
	loc := time.FixedZone("PST", -8*3600)
	sun := time.Date(2019, 11, 10, 7, 30, 0, 0, loc)
	ctx := RaceContext{TypicalSpeedMS: 1000 / 262.0, LongerEquivS: LongerEquiv(0, 4958, 8112, 1545)}
	for _, c := range []struct {
		name string
		m    float64
		race bool
	}{
		{"Mission Inn 5k", 4958, true},
		{"Morning Run", 4958, false},
		{"5k tempo", 4958, false},
		{"Mission Inn 10k", 4958, false},
	} {
		got := RecogniseRace(RaceRun{Name: c.name, DistanceM: c.m, MovingS: 964, Start: sun}, ctx)
		if got.Race != c.race {
			t.Errorf("%q %.2f km in 16:04 after an 8.1 km in 25:45: race %v (%s), want %v", c.name, c.m/1000, got.Race, got.Reason, c.race)
		}
	}

	// The same through the race pass of a history (RacesOf): his usual
	// runs, the 8K, the 5K three weeks later.
	var acts []rekindle.Activity
	add := func(at time.Time, m, s float64, name string) int64 {
		id := int64(len(acts) + 1)
		acts = append(acts, rekindle.Activity{ID: id, Start: at, Sport: rekindle.SportRunning, Name: name,
			Summary: rekindle.Summary{DistanceM: m, MovingS: s, ElapsedS: s, AvgSpeedMS: m / s}})
		return id
	}
	start := sun.AddDate(0, 0, -7*40)
	for w := range 40 {
		add(start.AddDate(0, 0, 7*w+1), 8000, 8*262, "Morning Run")
		add(start.AddDate(0, 0, 7*w+3), 10000, 10*265, "Morning Run")
		add(start.AddDate(0, 0, 7*w+5), 5000, 5*260, "Morning Run")
	}
	add(sun.AddDate(0, 0, -22), 8112, 1545, "Highlander 8k")
	five := add(sun, 4958, 964, "Mission Inn 5k")
	found := false
	for _, r := range RacesOf(acts, rekindle.Athlete{TimeZone: "America/Los_Angeles"}, sun.Add(12*time.Hour)) {
		found = found || r.Activity.ID == five
	}
	if !found {
		t.Error("the race pass: the Mission Inn 5k is no race")
	}
}
