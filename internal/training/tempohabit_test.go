package training

import (
	"testing"
	"time"

	"rekindle"
)

// A shorter run "faster than usual" at a pace the runner held over about
// its distance twice or more in the four weeks before is their tempo habit,
// not a race; the same pace standing out from the weeks before is still a
// race, and a race by heart rate near the maximum still counts.
func TestTempoHabitIsNoRace(t *testing.T) {
	start := time.Date(2024, 1, 1, 19, 0, 0, 0, time.UTC) // a Monday
	var acts []rekindle.Activity
	// Easy 5 km runs at 6:00/km three times a week for 20 weeks…
	for i := range 60 {
		acts = append(acts, run(start.AddDate(0, 0, 7*(i/3)+2*(i%3)), 5, 360, 0))
	}
	// … and, from week 12, a Thursday-evening 5 km at 5:20/km every week
	// (no heart rate): a tempo habit.
	var tempo []time.Time
	for w := 12; w < 20; w++ {
		d := start.AddDate(0, 0, 7*w+3)
		tempo = append(tempo, d)
		acts = append(acts, run(d, 5, 320, 0))
	}
	asOf := start.AddDate(0, 0, 7*20)
	found := map[string]bool{}
	for _, rc := range RacesOf(acts, rekindle.Athlete{}, asOf) {
		found[rc.Activity.Start.Format(time.DateOnly)] = true
	}
	// The first two tempo runs stand out from the weeks before them; from
	// the third on, two runs as fast lie in the four weeks before.
	for i, d := range tempo {
		want := i < 2
		if got := found[d.Format(time.DateOnly)]; got != want {
			t.Errorf("tempo run %d (%s): race %v, want %v", i+1, d.Format(time.DateOnly), got, want)
		}
	}

	// The rule itself: the same run with and without a habit behind it.
	r := RaceRun{DistanceM: 5000, MovingS: 5 * 320, Start: time.Date(2024, 5, 2, 19, 0, 0, 0, time.UTC)}
	ctx := RaceContext{TypicalSpeedMS: 1000 / 360.0}
	if c := RecogniseRace(r, ctx); !c.Race || c.Cue != CuePace {
		t.Errorf("a lone 5 km 12%% faster than usual: %+v, want a race by pace", c)
	}
	ctx.RecentAsFast = recentHabitRuns - 1
	if c := RecogniseRace(r, ctx); !c.Race {
		t.Errorf("one run as fast in the weeks before: %+v, still a race", c)
	}
	ctx.RecentAsFast = recentHabitRuns
	if c := RecogniseRace(r, ctx); c.Race {
		t.Errorf("a pace held %d times in the weeks before: %+v, want no race", recentHabitRuns, c)
	}
	// A race by heart rate near the maximum still counts.
	r.AvgHR, ctx.MaxHR, ctx.TypicalHR = 178, 190, 150
	if c := RecogniseRace(r, ctx); !c.Race || c.Cue != CueHR {
		t.Errorf("a hard 5 km at 94%% of max over a tempo habit: %+v, want a race by heart rate", c)
	}
	// A half is not judged by the habit (a runner's weekly half is a
	// long run by other rules).
	long := RaceRun{DistanceM: 21100, MovingS: 21.1 * 320, Start: r.Start}
	if c := RecogniseRace(long, RaceContext{TypicalSpeedMS: 1000 / 360.0, RecentAsFast: 3}); !c.Race {
		t.Errorf("a half 12%% faster than usual: %+v, still a race", c)
	}
	if !AsFastBefore(5000, 3, 5600, 2.95) || AsFastBefore(5000, 3, 6000, 3) || AsFastBefore(5000, 3, 5000, 2.8) {
		t.Error("AsFastBefore: want within 15% of the distance and 97% of the speed")
	}
}

// A shorter run "faster than usual" with heart rate is a race only at one
// of the runner's hardest heart rates (their top tenth) or well above the
// median of their four weeks before; the top tenth is measured from the
// runs.
func TestShortRaceByPaceNeedsAHardHeartRate(t *testing.T) {
	var dist, speed, hr []float64
	for i := range 40 {
		dist, speed, hr = append(dist, 5000), append(speed, 1000/360.0), append(hr, 130+float64(i)) // 130…169
	}
	b := NewPaceBook(dist, speed, hr)
	if b.HighHR < 164 || b.HighHR > 166 {
		t.Fatalf("HighHR %.0f, want the top tenth of 130…169 (165)", b.HighHR)
	}
	if NewPaceBook(dist[:10], speed[:10], hr[:10]).HighHR != 0 {
		t.Error("HighHR from 10 runs: want unknown (0)")
	}
	r := RaceRun{DistanceM: 5000, MovingS: 5 * 320, Start: time.Date(2024, 5, 2, 19, 0, 0, 0, time.UTC), AvgHR: 155}
	ctx := RaceContext{TypicalSpeedMS: 1000 / 360.0, TypicalHR: b.TypicalHR, HighHR: b.HighHR, RecentHR: 150}
	if c := RecogniseRace(r, ctx); c.Race {
		t.Errorf("a 5 km 12%% faster than usual at HR 155 (top tenth 165, recent 150): %+v, want a tempo run", c)
	}
	r.AvgHR = 166
	if c := RecogniseRace(r, ctx); !c.Race {
		t.Errorf("the same at HR 166: %+v, want a race", c)
	}
	r.AvgHR, ctx.RecentHR = 155, 142
	if c := RecogniseRace(r, ctx); !c.Race {
		t.Errorf("at HR 155, 13 over the recent 142: %+v, want a race", c)
	}
	ctx.HighHR = 0
	r.AvgHR, ctx.RecentHR = 155, 150
	if c := RecogniseRace(r, ctx); !c.Race {
		t.Errorf("top tenth unknown: %+v, want a race by pace as before", c)
	}
	// A half is not judged by it.
	long := RaceRun{DistanceM: 21100, MovingS: 21.1 * 320, Start: r.Start, AvgHR: 150}
	if c := RecogniseRace(long, RaceContext{TypicalSpeedMS: 1000 / 360.0, TypicalHR: 148, HighHR: 165}); !c.Race {
		t.Errorf("a half 12%% faster than usual at HR 150: %+v, still a race", c)
	}
}
