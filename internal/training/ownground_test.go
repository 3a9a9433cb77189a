package training

import (
	"testing"
	"time"
)

// A half marathon on a weekend morning, far faster than the runner's long
// runs of the weeks before on the same ground, is a race though its heart
// rate read well under the runner's usual (held-out real-96 2025-03-30: a
// Sunday 07:11 21.3 km at 5:30/km after 15 km long runs at 6:11-6:23/km,
// heart rate 152 against a usual 164). With no long runs of its kind
// before it (a mountain runner's flat road half) the low heart rate still
// says easier ground; on a weekday evening it is no race by its pace.
func TestAFastHalfOnTheRunnersOwnGroundIsARace(t *testing.T) {
	half := RaceRun{DistanceM: 21308, MovingS: 7029, AvgHR: 152, Start: time.Date(2025, 3, 30, 7, 11, 0, 0, time.UTC)}
	ctx := RaceContext{TypicalSpeedMS: 2.627, TypicalHR: 164, RecentHR: 167, MaxHR: 190, HighHR: 172,
		TypicalDistanceM: 9000, LongestBeforeM: 15600, SecondLongestBeforeM: 15300, RecentLongRuns: 3, RecentLongSpeedMS: 2.63}
	if c := RecogniseRace(half, ctx); !c.Race || c.StandardM != halfM {
		t.Errorf("a Sunday-morning half 15%% faster than his long runs at a low heart rate: race %v (%s), standard %.0f; want a half marathon", c.Race, c.Reason, c.StandardM)
	}
	mountain := ctx
	mountain.RecentLongSpeedMS = 0
	if c := RecogniseRace(half, mountain); c.Race {
		t.Errorf("the same half with no long runs of its kind before it: race (%s); want none", c.Reason)
	}
	weekday := half
	weekday.Start = time.Date(2025, 3, 26, 19, 0, 0, 0, time.UTC)
	if c := RecogniseRace(weekday, ctx); c.Race {
		t.Errorf("the same run on a Wednesday evening: race (%s); want none", c.Reason)
	}
}
