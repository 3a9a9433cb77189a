package training

import (
	"testing"
	"time"
)

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
	// A 10 mile is judged by it; a half is not.
	r.DistanceM, r.MovingS, r.AvgHR, ctx.HighHR = 16100, 16.1*320, 155, b.HighHR
	if c := RecogniseRace(r, ctx); c.Race {
		t.Errorf("a 10 mile 12%% faster than usual at HR 155 (top tenth 165, recent 150): %+v, want a tempo run", c)
	}
	long := RaceRun{DistanceM: 21100, MovingS: 21.1 * 320, Start: r.Start, AvgHR: 150}
	if c := RecogniseRace(long, RaceContext{TypicalSpeedMS: 1000 / 360.0, TypicalHR: 148, HighHR: 165}); !c.Race {
		t.Errorf("a half 12%% faster than usual at HR 150: %+v, still a race", c)
	}
}
