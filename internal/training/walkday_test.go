package training

import (
	"testing"
	"time"
)

// An ultra's length at a walking pace, half the runner's own or slower,
// with no heart rate, no climbing, no race's name and no run of half its
// length in the four weeks before is a day on foot (a long organised walk
// filed as a run), not an ultra race (held-out real-57 2023-05-06: 55.0 km
// in 8:58 at 9:46/km, untitled, from a road runner of 4:00-5:10/km whose
// longest run of the month was 12 km; "8 days since your last race" put
// rest on top of a call that forbade it). Heart rate, a trail, the runner's
// long runs before it, a pace near their own or a race's name keep it an
// ultra.
func TestUltraLengthWalkedUnpreparedIsNoRace(t *testing.T) {
	sat := time.Date(2023, 5, 6, 7, 42, 0, 0, time.UTC)
	ctx := RaceContext{TypicalSpeedMS: 1000 / 320.0, TypicalDistanceM: 9000, LongestBeforeM: 11900, SecondLongestBeforeM: 10600}
	walk := RaceRun{Name: "Afternoon Run", DistanceM: 55040, MovingS: 55.04 * 586, Start: sat}
	if c := RecogniseRace(walk, ctx); c.Race {
		t.Errorf("55 km at 9:46/km, no heart rate, longest run of the month 12 km: race (%s)", c.Reason)
	}
	keep := func(what string, r RaceRun, ctx RaceContext) {
		t.Helper()
		if c := RecogniseRace(r, ctx); !c.Race {
			t.Errorf("%s: no race (%s)", what, c.Reason)
		}
	}
	hr := walk
	hr.AvgHR = 128
	keep("the same with heart rate 128", hr, ctx)
	trail := walk
	trail.Trail = true
	keep("the same typed a trail run", trail, ctx)
	climb := walk
	climb.AscentM = 2800
	keep("the same over 2,800 m of climbing", climb, ctx)
	prepared := ctx
	prepared.LongestBeforeM, prepared.SecondLongestBeforeM = 32000, 28000
	keep("the same after long runs of 28-32 km", walk, prepared)
	slowRunner := ctx
	slowRunner.TypicalSpeedMS = 1000 / 480.0 // usual 8:00/km: 9:46 is 82% of it
	keep("the same from a runner whose usual is 8:00/km", walk, slowRunner)
	named := walk
	named.Name = "Ultra 55"
	keep("the same named an ultra", named, ctx)
	run := walk
	run.MovingS = 55.04 * 480 // 8:00/km: a run's pace
	keep("55 km at 8:00/km", run, ctx)
}

// A heart rate near a maximum that is only the population's guess (no
// maximum of the runner's own: summary files with a mean heart rate and no
// peak) makes a standard distance a race only with a second cue: a weekend,
// a race's pace or a name. Held-out real-55's Thursday-afternoon 5.0 km of
// 4 Sep 2025 at HR 168 (88% of a default 190), 5% faster than his usual,
// one of his weekday hard runs, was the spark's last race, 3.4 weeks back,
// and goalless could not fire. Measured, the same run is the runner's own
// effort and stays a race; so does the same run on a Saturday, whose time
// then sets no VDOT.
func TestHardAgainstAGuessedMaximumNeedsASecondCue(t *testing.T) {
	thu := time.Date(2025, 9, 4, 17, 30, 0, 0, time.UTC)
	ctx := RaceContext{TypicalSpeedMS: 1000 / 324.0, TypicalHR: 150, TypicalDistanceM: 8000, MaxHR: 190}
	run := RaceRun{Name: "Afternoon run", DistanceM: 5010, MovingS: 5.01 * 308, AvgHR: 168, Start: thu}
	if c := RecogniseRace(run, ctx); c.Race {
		t.Errorf("a Thursday 5 km 5%% faster than usual at 88%% of a guessed maximum: race (%s)", c.Reason)
	}
	measured := ctx
	measured.MeasuredMaxHR = 190
	if c := RecogniseRace(run, measured); !c.Race || c.NoVDOT {
		t.Errorf("the same at 88%% of the runner's own maximum: race %v, no VDOT %v (%s)", c.Race, c.NoVDOT, c.Reason)
	}
	// On a Saturday it is a race, but its time sets no VDOT: the effort
	// is a guess's share (held-out real-22, who never raced).
	sat := run
	sat.Start = time.Date(2025, 9, 6, 16, 30, 0, 0, time.UTC)
	if c := RecogniseRace(sat, ctx); !c.Race || !c.NoVDOT {
		t.Errorf("the same on a Saturday afternoon: race %v, no VDOT %v, want a race with no VDOT (%s)", c.Race, c.NoVDOT, c.Reason)
	}
	fast := run
	fast.MovingS = 5.01 * 290 // 12% faster than usual
	if c := RecogniseRace(fast, ctx); !c.Race {
		t.Errorf("a Thursday 5 km 12%% faster than usual at 88%% of a guessed maximum: no race (%s)", c.Reason)
	}
}
