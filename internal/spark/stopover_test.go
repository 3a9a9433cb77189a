package spark

import (
	"testing"

	"rekindle"
)

// A month under the usual week only because of a short stop that is over —
// this week back at the usual week or above it — is no goalless slide: the
// runner runs as they do (held-out real-98 2020-09-27). A month under the
// usual that is still under it this week stays goalless.
func TestShortStopOverIsNoSlide(t *testing.T) {
	build := func(last []int) *Input {
		p := newPersona(98)
		for w := 0; w < 30; w++ {
			for i, d := range []int{1, 3, 5} {
				p.add(w, d, runOpt{km: p.jitter(10, 0.05), route: routes[(w+i)%len(routes)], hour: 18, fast: i == 1})
			}
		}
		// the last four weeks: a thin week, a week without a run, a week
		// back, and this week (runs of 9 km on the days given)
		for i, d := range []int{2} {
			p.add(30, d, runOpt{km: 10, route: routes[i], hour: 18})
		}
		for i, d := range []int{3, 5} {
			p.add(32, d, runOpt{km: 7.5, route: routes[i], hour: 18})
		}
		for i, d := range last {
			p.add(33, d, runOpt{km: 9, route: routes[i%len(routes)], hour: 18, fast: i == 1})
		}
		return p.asOf(33, 6)
	}
	r := Evaluate(build([]int{0, 1, 3, 5}))
	if len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisGoalless {
		t.Errorf("back at 36 km after a short stop, against a usual 30: goalless (%v)", r.Diagnoses[0].Evidence)
	}
	r = Evaluate(build([]int{1, 4}))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key == rekindle.DiagnosisSparked {
		t.Errorf("still at 18 km after a short stop, against a usual 30: %v", r.Diagnoses)
	}
}
