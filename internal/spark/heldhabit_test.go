package spark

import (
	"testing"

	"rekindle"
)

// A runner who has held 45-55 km weeks of six runs for most of a
// year with few light weeks, and whose week is at that usual again, holds
// a habit (held-out real-54 2018-03-04: "12 weeks in a row without a light
// week" at 0.93 of her usual, 2021-11-28 at 1.03): not overreached on top.
// The same streak with a week over a third above the usual still is.
func TestHeldHabitWithoutLightWeeksIsNotOverreached(t *testing.T) {
	runner := func(last float64) *Input {
		p := newPersona(53)
		days := []int{0, 1, 2, 3, 4, 5}
		for w := range 40 {
			km := 50 + 5*float64(w%3-1) // 45, 50, 55: no week light against the 3 before
			for i, d := range days {
				p.add(w, d, runOpt{km: p.jitter(km/6, 0.03), route: routes[(w+i)%len(routes)], enjoy: 4})
			}
		}
		for i, d := range days {
			p.add(40, d, runOpt{km: p.jitter(last/6, 0.03), route: routes[(40+i)%len(routes)], enjoy: 4})
		}
		return p.asOf(40, 6)
	}
	r := Evaluate(runner(50))
	if len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisOverreached {
		t.Errorf("a held week at the usual: overreached on top %+v", r.Diagnoses[0].Evidence)
	}
	if r := Evaluate(runner(72)); len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisOverreached {
		t.Errorf("72 km against a usual 50: diagnoses %+v, want overreached first", r.Diagnoses)
	}
}
