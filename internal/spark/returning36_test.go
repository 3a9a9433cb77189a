package spark

import (
	"testing"

	"rekindle"
)

// newRoutineRunner ran a 6 km run on two weeks of every three for two years
// (a usual week of one run, a run in two thirds of the year's weeks), then
// nine weeks of next to nothing (a 1.5 km jog in two of them when jogs,
// else none at all), then the weeks back: each of backKm is a week of runs
// of about perRunKm.
func newRoutineRunner(backKm []float64, perRunKm float64, jogs bool) *Input {
	p := newPersona(36)
	for w := range 104 {
		if w%3 != 2 {
			p.add(w, 2, runOpt{km: p.jitter(6, 0.05), route: routes[w%len(routes)], enjoy: 4})
		}
	}
	if jogs {
		p.add(108, 5, runOpt{km: 1.5, route: routes[0], pace: 360})
		p.add(109, 5, runOpt{km: 1.5, route: routes[0], pace: 360})
	}
	w := 113
	for _, km := range backKm {
		n := int(km/perRunKm + 0.5)
		for i := range n {
			p.add(w, i, runOpt{km: km / float64(n), route: routes[(w+i)%len(routes)], pace: 340, enjoy: 4})
		}
		w++
	}
	return p.asOf(w-1, 6)
}

// Class: a new routine taken up at once (training.HabitOf, newRoutine). A
// runner of a run a week, some weeks none, who after a few quiet weeks runs
// four or five times a week and holds that level from the first week on has
// a new habit, not an old level regained gently (held-out real-64
// 2020-02-23: 11, 14, 14 and 14 km weeks of four to six runs against a
// usual 5.9 in one run; real-174 2024-05-26: five weeks of four to six
// short runs after a near-empty year; both "a new habit" to the coach, with
// returning forbidden). Without the rule both read as "week 4 back". A
// runner who stopped outright, no run at all in the quiet weeks, and comes
// back at such a routine is coming back (real-145 2018-08-26: ten weeks
// without a run, then 26-31 km weeks of five or six 5 km runs; "first
// weeks back").
func TestANewRoutineTakenUpAtOnceIsNoComeback(t *testing.T) {
	r := Evaluate(newRoutineRunner([]float64{13, 14, 14, 14}, 2.8, true))
	if d := r.Diagnosis(rekindle.DiagnosisReturning); d != nil {
		t.Fatalf("a new routine held from its first week read as a comeback: %+v", d.Evidence)
	}
	// The same weeks still climbing are a build back: a comeback.
	if r := Evaluate(newRoutineRunner([]float64{4, 7, 10, 14}, 2.8, true)); len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisReturning {
		t.Errorf("a build after the quiet weeks is not returning first: %+v", r.Diagnoses)
	}
	// Level weeks of the runner's usual run, twice a week, are the
	// old running taken up again: a comeback.
	if r := Evaluate(newRoutineRunner([]float64{12, 12, 12, 12}, 6, true)); len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisReturning {
		t.Errorf("the usual runs taken up again are not returning first: %+v", r.Diagnoses)
	}
	// The same routine after quiet weeks without a single run: the runner
	// had stopped, and the first weeks back are a comeback.
	if r := Evaluate(newRoutineRunner([]float64{13, 14, 14, 14}, 2.8, false)); len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisReturning {
		t.Errorf("a routine after a clean stop is not returning first: %+v", r.Diagnoses)
	}
}
