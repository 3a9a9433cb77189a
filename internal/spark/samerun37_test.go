package spark

import (
	"testing"

	"rekindle"
)

// The same run on repeat, months after the last race, is the rut to name
// first; the missing goal comes second (sameRunOnRepeat). A runner of three
// 10 km runs a week and a Sunday long run builds to a marathon, then runs
// nothing but the same 10.3 km three times a week for twenty weeks, no
// route known (a log of dates and distances). The same runner with a
// Sunday 16 km run in those weeks is not on repeat: the missing goal stays
// on top.
func TestSameRunOnRepeatOverGoal(t *testing.T) {
	build := func(longRun bool, skip func(w, d int) bool) *persona {
		p := newPersona(37)
		for w := 0; w < 30; w++ {
			for _, d := range []int{1, 3} {
				p.add(w, d, runOpt{km: p.jitter(10, 0.05), hour: 19, pace: 300})
			}
			if w < 29 {
				p.add(w, 6, runOpt{km: 14 + float64(w)/2, hour: 9, pace: 320})
			}
		}
		p.add(29, 6, runOpt{km: 42.2, hour: 9, pace: 290, race: true, name: "City Marathon"})
		for w := 30; w < 50; w++ {
			for _, d := range []int{1, 3, 5} {
				if skip == nil || !skip(w, d) {
					p.add(w, d, runOpt{km: p.jitter(10.3, 0.01), hour: 19, pace: 295})
				}
			}
			if longRun {
				p.add(w, 6, runOpt{km: p.jitter(16, 0.03), hour: 9, pace: 315})
			}
		}
		return p
	}
	r := Evaluate(build(false, nil).asOf(50, 0))
	if len(r.Diagnoses) < 2 || r.Diagnoses[0].Key != rekindle.DiagnosisStaleRoutine || find(r.Diagnoses, rekindle.DiagnosisGoalless) == nil {
		t.Errorf("twenty weeks of the same 10.3 km run after a marathon: want stale_routine on top, goalless after it; got %v", r.Diagnoses)
	}
	r = Evaluate(build(true, nil).asOf(50, 0))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisGoalless {
		t.Errorf("the same weeks with a Sunday 16 km run: want goalless on top; got %v", r.Diagnoses)

	}
	// A routine interrupted is no rut: the last week one run of the three
	// (fading), or a week off three weeks ago and the runs back since.
	for _, c := range []struct {
		what string
		skip func(w, d int) bool
	}{
		{"the last week one run of three", func(w, d int) bool { return w == 49 && d != 1 }},
		{"a week off three weeks ago", func(w, d int) bool { return w == 47 }},
	} {
		r = Evaluate(build(false, c.skip).asOf(50, 0))
		if len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisStaleRoutine {
			t.Errorf("the same runs, %s: want no stale_routine on top (a routine interrupted); got %v", c.what, r.Diagnoses)
		}
	}
}
