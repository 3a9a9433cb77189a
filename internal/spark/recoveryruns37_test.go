package spark

import (
	"testing"

	"rekindle"
)

// The week after a big race holds the "recover, celebrate" reading only
// while the habit's runs go on: half the usual number of runs or more. A
// runner of five runs a week who, a week after a marathon, has run twice
// (under half the weeks that led to the race) has not taken the habit up
// again after the goal: what comes next is the question (goalless), not
// "all is well". Four easy runs of a usual length are the recovery going on.
func TestRecoveryWeekOfFewRunsKeepsTheQuestion(t *testing.T) {
	build := func(kms []float64, days []int) *Input {
		p := newPersona(37)
		for w := range 30 {
			for i, d := range []int{0, 1, 3, 4, 6} {
				if w == 29 && d == 6 {
					continue
				}
				p.add(w, d, runOpt{km: p.jitter([]float64{8, 8, 10, 8, 16}[i], 0.05), route: routes[(w+i)%len(routes)], pace: 330})
			}
		}
		p.add(29, 6, runOpt{km: 42.2, pace: 290, race: true, name: "City Marathon", hour: 9})
		for i, d := range days {
			p.add(30, d, runOpt{km: kms[i], route: routes[i%len(routes)], pace: 340})
		}
		return p.asOf(30, 6) // seven days after the marathon
	}
	r := Evaluate(build([]float64{13, 13}, []int{2, 5}))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisGoalless {
		t.Errorf("a week after a marathon, two runs against a usual five: diagnoses %+v, want goalless first", r.Diagnoses)
	}
	r = Evaluate(build([]float64{8, 8, 8, 9}, []int{1, 2, 4, 5}))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisSparked {
		t.Errorf("a week after a marathon, four easy runs: diagnoses %+v, want sparked first", r.Diagnoses)
	}
}
