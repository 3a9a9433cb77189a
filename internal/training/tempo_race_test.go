package training

import (
	"testing"
	"time"
)

// A 5 km 9% faster than the runner's usual, with no race word, at a heart
// rate under their hardest fifth of runs and under 88% of their measured
// maximum, on a Sunday afternoon, is a tempo run or a good day, not a race
// (held-out real-55 2025-09-14: 5.1 km at 4:55/km, mean 159, his hardest
// fifth 160 and over). A margin past a tempo's (17%: held-out real-20's
// Tuesday 5K), a heart rate among the hardest or a race word keep it a race.
func TestShortRunAtAnEverydayHRIsNoRaceByPace(t *testing.T) {
	sunPM := time.Date(2025, 9, 14, 16, 31, 0, 0, time.UTC)
	ctx := RaceContext{TypicalSpeedMS: 1000 / 322.0, TypicalHR: 150, MaxHR: 190, MeasuredMaxHR: 190, HighHR: 160, TypicalDistanceM: 6000}
	run := RaceRun{DistanceM: 5100, MovingS: 5.1 * 295, AvgHR: 159, Start: sunPM}
	if c := RecogniseRace(run, ctx); c.Race {
		t.Errorf("5.1 km 9%% faster than usual at HR 159 (hardest fifth 160), a Sunday afternoon: race (%s)", c.Reason)
	}
	fast := run
	fast.MovingS = 5.1 * 275 // 17% faster than usual
	if c := RecogniseRace(fast, ctx); !c.Race {
		t.Errorf("5.1 km 17%% faster than usual at HR 159: no race (%s)", c.Reason)
	}
	hard := run
	hard.AvgHR = 165
	if c := RecogniseRace(hard, ctx); !c.Race {
		t.Errorf("5.1 km 9%% faster than usual at HR 165, among the hardest: no race (%s)", c.Reason)
	}
	// On a Sunday morning too (races25: a weekend morning's start no longer
	// makes a race of a short run at an everyday heart rate,
	// TestWeekendMorningShortRunAtEverydayHRIsNoRace); a hard one stays one.
	morning := run
	morning.Start = time.Date(2025, 9, 14, 9, 0, 0, 0, time.UTC)
	if c := RecogniseRace(morning, ctx); c.Race {
		t.Errorf("5.1 km 9%% faster than usual on a Sunday morning at HR 159 (hardest fifth 160): race (%s)", c.Reason)
	}
	morning.AvgHR = 165
	if c := RecogniseRace(morning, ctx); !c.Race {
		t.Errorf("5.1 km 9%% faster than usual on a Sunday morning at HR 165: no race (%s)", c.Reason)
	}
	named := run
	named.Name = "5k"
	if c := RecogniseRace(named, ctx); !c.Race {
		t.Errorf("5.1 km 9%% faster than usual named 5k: no race (%s)", c.Reason)
	}
	noHR := run
	noHR.AvgHR = 0
	if c := RecogniseRace(noHR, ctx); !c.Race {
		t.Errorf("5.1 km 9%% faster than usual, no heart rate: no race (%s)", c.Reason)
	}
}
