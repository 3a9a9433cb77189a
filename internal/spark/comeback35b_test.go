package spark

import (
	"testing"

	"rekindle"
)

// sparseYearRunner ran three 8 km runs a week (24 km weeks) for twenty weeks, then for
// sixty weeks a 2 km run every every-th week, the last four of them in a
// row (every 5: a near-empty year, a run in under a third of its weeks; 1:
// a habit of one short run a week), then the weeks back: each of backKm is
// a week of runs of about perRunKm.
func sparseYearRunner(every int, backKm []float64, perRunKm float64) *Input {
	p := newPersona(35)
	for w := range 20 {
		for _, d := range []int{1, 3, 6} {
			p.add(w, d, runOpt{km: p.jitter(8, 0.05), route: routes[w%len(routes)], enjoy: 4})
		}
	}
	for w := 20; w < 80; w++ {
		if w >= 76 || (w-20)%every == 0 {
			p.add(w, 5, runOpt{km: 2, route: routes[0], pace: 360})
		}
	}
	w := 80
	for _, km := range backKm {
		n := int(km/perRunKm + 0.5)
		for i := range n {
			p.add(w, i, runOpt{km: km / float64(n), route: routes[(w+i)%len(routes)], pace: 400, enjoy: 4})
		}
		w++
	}
	return p.asOf(w-1, 6)
}

// Class: a start after a near-empty year (training.HabitOf,
// sparseYearStart). The year's usual week is the few short runs' own, so no
// break shows and the first weeks of running again read as a jump; a coach
// sees a runner starting again (held-out real-148 2020-04-19, real-154
// 2020-12-06, real-74 2019-11-03), when the weeks back are no bigger than
// weeks the runner ran before the near-empty year (a return to a level run
// before; bigger weeks are a jump: real-20 2026-04-26, real-32 2025-01-12).
// Without the rule the first case shows no comeback (stale_routine first).
func TestStartAfterANearEmptyYearIsAComeback(t *testing.T) {
	r := Evaluate(sparseYearRunner(5, []float64{12, 22}, 5))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisReturning {
		t.Fatalf("diagnoses %+v, want returning first", r.Diagnoses)
	}
	for _, d := range r.Diagnoses {
		if d.Key == rekindle.DiagnosisOverreached || d.Key == rekindle.DiagnosisSparked {
			t.Errorf("a runner starting again after a near-empty year is %s: %+v", d.Key, d.Evidence)
		}
	}
	// A year of a short run every week is a habit, however small: the
	// same weeks after it are no comeback by this rule.
	if r := Evaluate(sparseYearRunner(1, []float64{12, 22}, 5)); r.Diagnosis(rekindle.DiagnosisReturning) != nil {
		t.Errorf("weeks after a year of weekly runs read as a comeback: %+v", r.Diagnoses)
	}
	// Weeks back bigger than any week the runner ran before the
	// near-empty year are a new level, not a return (real-32 2025-01-12,
	// real-20 2026-04-26): no comeback by this rule.
	if r := Evaluate(sparseYearRunner(5, []float64{12, 30}, 5)); r.Diagnosis(rekindle.DiagnosisReturning) != nil {
		t.Errorf("weeks beyond any before read as a comeback: %+v", r.Diagnoses)
	}
}
