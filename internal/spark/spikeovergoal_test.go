package spark

import (
	"testing"

	"rekindle"
)

// A week of many usual weeks is the news, ahead of a goal missing for half
// a year. A runner of two 5 km runs a week for more than a year, a marathon
// 26 weeks ago, four weeks of one 4 km run, then 97 km in seven days
// (10-15 km a day and a 30 km Saturday run): ten times the usual week
// (held-out real-131 2020-06-07: 100 km in eight runs after a spring of
// walks; the engine put "26 weeks since your last race" at 0.9 over "this
// week's load is 8.5× your usual week" at 0.7, where the coach sees a
// spike). The spike's confidence rises with its size: over 0.9 at ten
// usual weeks, 0.7 at three (the same runner without the lull, 30 km
// against a usual 10), nothing added at twice the usual.
func TestSpikeOfManyUsualWeeksOutranksAMissingGoal(t *testing.T) {
	build := func(lull bool, spike []float64) *Input {
		p := newPersona(325)
		for w := range 60 {
			if lull && w >= 56 {
				if w == 57 {
					p.add(w, 2, runOpt{km: 4, route: routes[0], pace: 450, hour: 7})
				}
				continue
			}
			if w == 34 {
				p.add(w, 6, runOpt{km: 42.4, route: routes[4], pace: 420, hour: 7, race: true, name: "Marathon"})
				continue
			}
			for _, d := range []int{1, 4} {
				p.add(w, d, runOpt{km: p.jitter(5, 0.05), route: routes[(w+d)%3], pace: 450, hour: 7})
			}
		}
		for i, km := range spike {
			p.add(60, i, runOpt{km: km, route: routes[i%3], pace: 470, hour: 7})
		}
		return p.asOf(60, 6)
	}
	conf := func(r *Report) float64 {
		for _, d := range r.Diagnoses {
			if d.Key == rekindle.DiagnosisOverreached {
				return d.Confidence
			}
		}
		return 0
	}
	r := Evaluate(build(true, []float64{10, 10, 12, 15, 10, 30, 10}))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisOverreached || conf(r) < 0.9 {
		t.Errorf("97 km in a week after four weeks of one 4 km run: diagnoses %v, overreached %.2f, want overreached on top at 0.9 or more", keys(r), conf(r))
	}
	if r := Evaluate(build(false, []float64{10, 10, 10})); conf(r) < 0.7 || conf(r) >= 0.9 {
		t.Errorf("30 km in a week against a usual 10: overreached %.2f, want 0.7 to under 0.9 (a spike of three usual weeks)", conf(r))
	}
	if r := Evaluate(build(false, []float64{10, 10})); conf(r) >= 0.7 {
		t.Errorf("20 km in a week against a usual 10: overreached %.2f, want under the spike's 0.7", conf(r))
	}
}
