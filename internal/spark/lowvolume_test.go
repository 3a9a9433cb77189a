package spark

import (
	"testing"

	"rekindle"
)

// A runner of a few short runs a week who runs a little more this week is
// not overreached: the ratio to their usual week is big, the load is not
// (training.MinOverreachWeekLoad). The casebook's class: "8.1 km is 1.62×
// your usual 5.0 km".
func TestLowVolumeWeekIsNotOverreached(t *testing.T) {
	for _, tc := range []struct {
		name      string
		usual     []float64 // km of the runs of a usual week
		thisWeek  []float64
		wantOver  bool
		otherDays []int
	}{
		{"one 4 km run a week, then two", []float64{4}, []float64{4, 4.1}, false, nil},
		{"two 3 km runs a week, then three of 3.5 km", []float64{3, 3}, []float64{3.5, 3.5, 3.5}, false, nil},
		{"two 2.5 km runs a week, then 4 and 4.1", []float64{2.5, 2.5}, []float64{4, 4.1}, false, nil},
		// The class stops at small weeks: 30 km a week, then 60, is too much.
		{"30 km a week, then 60", []float64{10, 10, 10}, []float64{20, 20, 20}, true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPersona(7)
			days := []int{1, 3, 6}
			for w := range 40 {
				for i, km := range tc.usual {
					p.add(w, days[i], runOpt{km: p.jitter(km, 0.03), route: routes[(w+i)%len(routes)], enjoy: 4})
				}
			}
			for i, km := range tc.thisWeek {
				p.add(40, []int{0, 2, 4}[i], runOpt{km: km, route: routes[i%len(routes)], enjoy: 4})
			}
			r := Evaluate(p.asOf(40, 4))
			over := r.Diagnosis(rekindle.DiagnosisOverreached) != nil
			if over != tc.wantOver {
				t.Errorf("overreached %v, want %v: %+v", over, tc.wantOver, r.Diagnoses)
			}
		})
	}
}

// A runner of two runs a week (12 km each, 30 weeks) runs three of the
// same this week (held-out real-23 2024-06-16: three 9 km runs against a
// usual two): 1.5× the usual week by load, but only one more ordinary run,
// not an overload. Two runs a week after one a week is a doubling and
// still is; and three runs of which one is twice as long is a bigger week.
func TestOneMoreUsualRunIsNoOverload(t *testing.T) {
	runner := func(last ...float64) *Input {
		p := newPersona(31)
		for w := range 30 {
			for i, d := range []int{2, 6} {
				p.add(w, d, runOpt{km: p.jitter(12, 0.03), pace: 300, route: routes[(w+i)%len(routes)], enjoy: 4})
			}
		}
		for i, km := range last {
			p.add(30, []int{1, 3, 5}[i], runOpt{km: km, pace: 300, route: routes[i%len(routes)], enjoy: 4})
		}
		return p.asOf(30, 6)
	}
	r := Evaluate(runner(12.3, 12.3, 12.3))
	if d := r.Diagnosis(rekindle.DiagnosisOverreached); d != nil {
		t.Errorf("one more usual run: overreached %+v", d.Evidence)
	}
	if r := Evaluate(runner(12.3, 12.3, 24)); r.Diagnoses[0].Key != rekindle.DiagnosisOverreached {
		t.Errorf("one more run and a long one (48.6 km against 24): diagnoses %+v, want overreached first", r.Diagnoses)
	}
}

// A runner of two 4 km runs a week whose last weeks held 5-5.5 km runs
// runs four of them this week (held-out real-36 2025-10-26: 23 km in four
// 5-6 km easy runs against a usual 8 km): 2.8× the usual week by load, a
// light week of more runs of the recent kind (training.Habit.MoreOfTheSame),
// not an overload. Four runs of which two are twice as long still are.
func TestMoreRunsOfTheRecentKindIsNotOverreached(t *testing.T) {
	runner := func(last ...float64) *Input {
		p := newPersona(36)
		for w := range 30 {
			for i, d := range []int{2, 5} {
				p.add(w, d, runOpt{km: p.jitter(4, 0.03), pace: 350, route: routes[(w+i)%len(routes)], enjoy: 4})
			}
		}
		for w, week := range [][]float64{{5.5, 5.5}, nil, {5, 5}} {
			for i, km := range week {
				p.add(30+w, []int{2, 5}[i], runOpt{km: km, pace: 350, route: routes[i%len(routes)], enjoy: 4})
			}
		}
		for i, km := range last {
			p.add(33, []int{0, 2, 4, 6}[i], runOpt{km: km, pace: 350, route: routes[i%len(routes)], enjoy: 4})
		}
		return p.asOf(33, 6)
	}
	r := Evaluate(runner(5.5, 5.6, 5.8, 6))
	if d := r.Diagnosis(rekindle.DiagnosisOverreached); d != nil && d.Confidence >= 0.3 {
		t.Errorf("four runs of the recent kind: overreached %.2f %+v", d.Confidence, d.Evidence)
	}
	if r := Evaluate(runner(5.5, 11, 5.8, 12)); r.Diagnoses[0].Key != rekindle.DiagnosisOverreached {
		t.Errorf("four runs, two of them twice the recent length: diagnoses %+v, want overreached first", r.Diagnoses)
	}
}
