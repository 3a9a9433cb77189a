package spark

import (
	"testing"

	"rekindle"
)

// A routine being formed is no rut: a runner a few months into their record
// (a few runs in the first weeks, then weeks without one) who from the last
// two months runs the same 6 km evening loop most days has a habit just
// taken on, not a stale one (youngHabit; held-out real-151 2021-04-25). The
// same loop held for months, most of the record behind the last eight
// weeks, is the routine it reads as.
func TestYoungHabitIsNoRut(t *testing.T) {
	young := newPersona(151)
	for _, d := range []int{1, 4, 8, 15} { // four runs in the first weeks
		young.add(d/7, d%7, runOpt{km: young.jitter(6, 0.05), route: routes[0], hour: 13.5, pace: 300})
	}
	for w := 10; w < 18; w++ {
		for d := range 7 {
			if d == 3 && w%2 == 0 {
				continue
			}
			young.add(w, d, runOpt{km: young.jitter(6, 0.03), route: routes[0], hour: 13.5, pace: 300})
		}
	}
	r := Evaluate(young.asOf(18, 0))
	if len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisStaleRoutine {
		t.Errorf("eight weeks into a new habit, four runs before it: stale_routine on top (%v)", r.Diagnoses[0].Evidence)
	}

	held := newPersona(152)
	for w := 0; w < 30; w++ {
		for _, d := range []int{0, 2, 4, 6} {
			held.add(w, d, runOpt{km: held.jitter(6, 0.03), route: routes[0], hour: 13.5, pace: 300})
		}
	}
	r = Evaluate(held.asOf(30, 0))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisStaleRoutine {
		t.Errorf("thirty weeks of the same loop four times a week: want stale_routine on top, got %v", r.Diagnoses)
	}
}
