package training

import (
	"testing"
	"time"
)

// A Sunday-morning "Long run" of 25 km at a high heart rate (the simulator's
// overreached runner, eight weeks into a climbing block) is what its name
// says: the long-hard-effort rule for trail and ultra races must not make it
// a race, in any of the languages runners name it in. The same run unnamed
// is still a long hard effort.
func TestLongRunNamedSoIsNoRace(t *testing.T) {
	sun := time.Date(2026, 3, 1, 6, 0, 0, 0, time.UTC)
	ctx := RaceContext{TypicalSpeedMS: 2.7, MaxHR: 185, TypicalHR: 150, TypicalDistanceM: 11000, LongestBeforeM: 22500}
	run := RaceRun{DistanceM: 25200, MovingS: 9398, Start: sun, AvgHR: 166}
	if c := RecogniseRace(run, ctx); !c.Race {
		t.Fatalf("unnamed long hard effort: %+v, want a race (the rule this test guards)", c)
	}
	for _, name := range []string{"Long run", "Sunday LSD", "周日长距离", "Sortie longue du dimanche", "Tirada larga", "Langer Lauf"} {
		run.Name = name
		if c := RecogniseRace(run, ctx); c.Race {
			t.Errorf("%q: %+v, want no race", name, c)
		}
	}
}
