package spark

import (
	"testing"

	"rekindle"
)

// A routine the runner has stopped running is no rut, and no "all is well":
// a runner of the same 3.2 km loop two or three times a week for months,
// then a week and more without a run, is asked about the stop (fading, or
// nothing to run for), not told their runs are all alike (held-out real-113
// 2023-02-12, 2023-03-14, 2023-07-30). Two days after the last run the
// loop is the routine it was.
func TestStoppedRoutineIsNoRut(t *testing.T) {
	build := func(race bool) *persona {
		p := newPersona(113)
		for w := 0; w < 36; w++ {
			days := []int{1, 3, 5}
			if w%2 == 1 {
				days = []int{2, 5}
			}
			for _, d := range days {
				p.add(w, d, runOpt{km: p.jitter(3.2, 0.02), route: routes[0], hour: 10.5, pace: 720})
			}
		}
		if race {
			// a 3K event three weeks before the last run
			p.add(33, 4, runOpt{km: 3.07, route: routes[1], hour: 9, pace: 677, race: true, name: "Firecracker 3K"})
		}
		return p
	}
	for _, race := range []bool{false, true} {
		p := build(race)
		// two days after the last run (Saturday of week 35): the loop
		r := Evaluate(p.asOf(36, 0))
		if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisStaleRoutine {
			t.Errorf("race %v, two days after the last run: want stale_routine on top, got %v", race, r.Diagnoses)
		}
		// nine days after it: the stop
		r = Evaluate(p.asOf(37, 0))
		if len(r.Diagnoses) == 0 {
			t.Fatalf("race %v, nine days without a run: no diagnosis", race)
		}
		if k := r.Diagnoses[0].Key; k == rekindle.DiagnosisStaleRoutine || k == rekindle.DiagnosisSparked {
			t.Errorf("race %v, nine days without a run after months of the same loop: %s on top (%v)", race, k, r.Diagnoses[0].Evidence)
		}
	}
}
