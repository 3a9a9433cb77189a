package spark

import (
	"testing"

	"rekindle"
)

// A frequent runner's comeback that has stalled is no comeback in progress
// (held-out real-155 2023-09-10: a runner of 4-5 runs a week, 22 weeks of
// little running, two weeks back, then 11 days without a run, read as "Week
// 3 back … this week 0.0 km"). The same weeks back with a run four days ago
// are still a comeback, and so is a once-a-week runner's 12-day gap (real-11
// 2023-02-28, real-32 2024-11-24).
func TestStalledComebackIsNoLongerReturning(t *testing.T) {
	build := func(lastDay int) *persona {
		p := newPersona(3401)
		for w := range 30 {
			for i, d := range []int{1, 3, 6} {
				p.add(w, d, runOpt{km: p.jitter([]float64{8, 10, 14}[i], 0.05), route: routes[(w+i)%len(routes)]})
			}
		}
		// 20 weeks off, then two weeks back.
		p.add(50, 1, runOpt{km: 6, route: routes[0]})
		p.add(50, 3, runOpt{km: 8, route: routes[1]})
		p.add(50, 6, runOpt{km: 10, route: routes[2]})
		p.add(51, lastDay, runOpt{km: 8, route: routes[3]})
		return p
	}
	stalled := Evaluate(build(0).asOf(52, 5))
	if len(stalled.Diagnoses) > 0 && stalled.Diagnoses[0].Key == rekindle.DiagnosisReturning {
		t.Fatalf("diagnoses %+v: 12 days without a run after two weeks back is no comeback in progress", stalled.Diagnoses)
	}
	going := Evaluate(build(4).asOf(52, 1))
	if len(going.Diagnoses) == 0 || going.Diagnoses[0].Key != rekindle.DiagnosisReturning {
		t.Fatalf("diagnoses %+v: a run four days ago in week 2 back is a comeback", going.Diagnoses)
	}
}

func TestOnceAWeekRunnersGapInTheWeeksBackIsStillAComeback(t *testing.T) {
	p := newPersona(3402)
	for w := range 30 {
		p.add(w, 5, runOpt{km: p.jitter(6, 0.05), route: routes[w%len(routes)]})
	}
	// 20 weeks off, two weeks back, then 12 days without a run.
	p.add(50, 2, runOpt{km: 4, route: routes[0]})
	p.add(50, 5, runOpt{km: 5, route: routes[1]})
	p.add(51, 0, runOpt{km: 5, route: routes[2]})
	r := Evaluate(p.asOf(52, 5))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisReturning {
		t.Fatalf("diagnoses %+v: a once-a-week runner's 12-day gap in week 3 back is still a comeback", r.Diagnoses)
	}
}
