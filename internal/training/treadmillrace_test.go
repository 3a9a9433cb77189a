package training

import (
	"testing"
	"time"
)

// A run on a treadmill is a session, not a race, however fast or hard:
// road races are run on roads. Held-out real-63's Wednesday 5.0 km rep of
// 12 Feb 2025 on the treadmill (4:34/km, HR 174, between a 2 km warm-up and
// a 3 km rep at 4:36/km and HR 178) read as a 5K race, and with it the spark
// found a race in four 93-106 km weeks (the coach: overreached). The same
// run on the road stays a race; a name, a flag or the runner's mark make a
// treadmill run one (a virtual race).
func TestTreadmillRunIsNoRaceByItsEffort(t *testing.T) {
	wed := time.Date(2025, 2, 12, 11, 15, 0, 0, time.UTC)
	ctx := RaceContext{TypicalSpeedMS: 1000 / 300.0, TypicalHR: 150, HighHR: 168, TypicalDistanceM: 11000, MaxHR: 195, MeasuredMaxHR: 195}
	road := RaceRun{Name: "Running", DistanceM: 5027, MovingS: 1378, AvgHR: 174, Start: wed}
	if c := RecogniseRace(road, ctx); !c.Race {
		t.Fatalf("set-up: the 5.0 km at 4:34/km and HR 174 on the road: no race (%s)", c.Reason)
	}
	tm := road
	tm.Treadmill = true
	if c := RecogniseRace(tm, ctx); c.Race {
		t.Errorf("the same on a treadmill: race (%s)", c.Reason)
	}
	sat := tm
	sat.Start = time.Date(2025, 2, 15, 9, 0, 0, 0, time.UTC)
	sat.DistanceM, sat.MovingS = 10000, 2787 // his Tuesday treadmill 10 km of 14 Jan 2025 (HR 177), on a Saturday
	sat.AvgHR = 177
	if c := RecogniseRace(sat, ctx); c.Race {
		t.Errorf("a Saturday-morning treadmill 10 km at HR 177: race (%s)", c.Reason)
	}
	named := tm
	named.Name = "Virtual Race 5K"
	if c := RecogniseRace(named, ctx); !c.Race {
		t.Errorf("a treadmill run named a race: no race (%s)", c.Reason)
	}
	yes := true
	marked := tm
	marked.Mark = &yes
	if c := RecogniseRace(marked, ctx); !c.Race {
		t.Errorf("a treadmill run the runner marked a race: no race (%s)", c.Reason)
	}
}

// A long hard run (25 km or more, no standard distance) is a race's effort
// only when its heart rate stands out from the runner's runs of the weeks
// before too: held-out real-63's solo Sunday 25.1 km of 29 Dec 2024 in
// 2:11:13 at HR 167 (86% of his maximum of 195, 17 over his two years'
// usual 150) came after four weeks of runs at a median 165, 12-16 km at
// 170-176; read as a race it left him goalless in 93-106 km weeks. The
// same run after weeks at a median 150 stays a long hard effort.
func TestLongHardRunAtTheRecentHRIsNoRace(t *testing.T) {
	sun := time.Date(2024, 12, 29, 7, 55, 0, 0, time.UTC)
	run := RaceRun{Name: "Running", DistanceM: 25062, MovingS: 7873, AvgHR: 167, Start: sun}
	ctx := RaceContext{TypicalSpeedMS: 1000 / 320.0, TypicalHR: 150, TypicalDistanceM: 10000, MaxHR: 195, MeasuredMaxHR: 195,
		LongestBeforeM: 23262, SecondLongestBeforeM: 16106, RecentHR: 150}
	if c := RecogniseRace(run, ctx); !c.Race {
		t.Fatalf("set-up: 25.1 km at HR 167 after weeks at a median 150: no race (%s)", c.Reason)
	}
	now := ctx
	now.RecentHR = 165
	if c := RecogniseRace(run, now); c.Race {
		t.Errorf("25.1 km at HR 167 after weeks at a median 165: race (%s)", c.Reason)
	}
	unknown := ctx
	unknown.RecentHR = 0
	if c := RecogniseRace(run, unknown); !c.Race {
		t.Errorf("25.1 km at HR 167 with no heart rate of the weeks before: no race (%s)", c.Reason)
	}
}

// An ultra's length in a build of long runs about its length is the build's
// longest run, not an ultra race: held-out real-63's Saturday 50.0 km of
// 23 Aug 2025 in 4:53:48 at HR 135, after runs of 30.3 km three times and
// 43.0 km six days before (his 110 km race two weeks later came after no
// run of 66 km), was "your race yesterday: easy weeks for 28 days". The
// same length after one long run, or run at a race heart rate, stays a race.
func TestUltraLengthInABuildOfLongRunsIsNoRace(t *testing.T) {
	sat := time.Date(2025, 8, 23, 7, 9, 0, 0, time.UTC)
	run := RaceRun{Name: "Running", DistanceM: 50034, MovingS: 17628, AvgHR: 135, Start: sat}
	ctx := RaceContext{TypicalSpeedMS: 1000 / 330.0, TypicalHR: 148, HighHR: 165, TypicalDistanceM: 11000, MaxHR: 195, MeasuredMaxHR: 195,
		LongestBeforeM: 43034, SecondLongestBeforeM: 30285, RecentHR: 146, RecentLongRuns: 4}
	if c := RecogniseRace(run, ctx); c.Race {
		t.Errorf("50.0 km at HR 135 after 30-43 km runs four times in four weeks: race (%s)", c.Reason)
	}
	one := ctx
	one.LongestBeforeM, one.SecondLongestBeforeM, one.RecentLongRuns = 32000, 24000, 1
	if c := RecogniseRace(run, one); !c.Race {
		t.Errorf("the same after one run of 32 km: no race (%s)", c.Reason)
	}
	hard := run
	hard.AvgHR = 168
	if c := RecogniseRace(hard, ctx); !c.Race {
		t.Errorf("the same build at HR 168 (the runner's hardest fifth): no race (%s)", c.Reason)
	}
}
