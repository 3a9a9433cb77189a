package spark

import (
	"testing"

	"rekindle"
)

// A runner of steady 35 km weeks (five runs, a Sunday 12 km) runs a
// marathon race (3:31, about 21 days to recover) and is seen two weeks
// later. When the two weeks since hold more than the usual week, the
// marathon has left no lull yet: a keen runner running on inside the
// recovery days, and "it was a big one and nothing has replaced it" is not
// the call (lullNotOpen; the class of real-186 2018-11-04, real-173
// 2023-11-19, real-151 2024-12-22, the coaches' call sparked). The same
// marathon followed by weeks at a fifth of the usual keeps its lull: the
// lull is running less.
func TestKeenWeeksInsideABigRaceRecoveryAreNoLull(t *testing.T) {
	if r := Evaluate(marathonThenWeeksAt(1.3)); bigRaceLull(r) || r.Diagnoses[0].Key == rekindle.DiagnosisGoalless {
		t.Errorf("weeks at 1.3x the usual two weeks after the marathon: want no lull on top, got %v", r.Diagnoses)
	}
	if r := Evaluate(marathonThenWeeksAt(0.2)); !bigRaceLull(r) {
		t.Errorf("weeks at 0.2x the usual two weeks after the marathon: want the marathon's lull, got %v", r.Diagnoses)
	}
}

// marathonThenWeeksAt is the runner of halfThenShortRace with a marathon
// race at the end of week 40 instead of the half, then weeks at share of
// the usual, seen at the end of week 42.
func marathonThenWeeksAt(share float64) *Input {
	marathon := runOpt{km: 42.2, pace: 300, route: "City marathon", race: true, name: "City Marathon", hour: 8}
	return bigRaceThenWeeksAt(37, marathon, share, -1, 42)
}
