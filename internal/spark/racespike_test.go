package spark

import (
	"testing"

	"rekindle"
)

// A big race does not excuse a spike out of a lull in the days before it.
// A runner of two 5 km runs a week for more than a year runs one 4 km run
// in four weeks, then 57 km in five days (10-15 km a day), a 30 km race on
// the Saturday and 10 km on the Sunday: 97 km in the week, ten times the
// usual (held-out real-131 2020-06-07: 100 km in eight runs after a spring
// of walks, a Saturday 30.3 km read as a 30K; "your race was yesterday:
// easy days are right", sparked, where the coach sees a spike). The same
// race after a usual week (two 5 km runs), or the same big week after four
// usual weeks (a keen runner's big week before a half: real-104
// 2023-12-24, real-53 2022-12-11), is the race's recovery, as before.
func TestBigRaceAfterASpikeIsStillOverreached(t *testing.T) {
	build := func(spike, lull bool) *Input {
		p := newPersona(324)
		for w := range 60 {
			if lull && w >= 56 {
				if w == 57 {
					p.add(w, 2, runOpt{km: 4, route: routes[0], pace: 450, hour: 7})
				}
				continue
			}
			for _, d := range []int{1, 4} {
				p.add(w, d, runOpt{km: p.jitter(5, 0.05), route: routes[(w+d)%3], pace: 450, hour: 7})
			}
		}
		if spike {
			for i, km := range []float64{10, 10, 12, 15, 10} {
				p.add(60, i, runOpt{km: km, route: routes[i%3], pace: 460, hour: 7})
			}
		} else {
			p.add(60, 1, runOpt{km: 5, route: routes[0], pace: 450, hour: 7})
			p.add(60, 3, runOpt{km: 5, route: routes[1], pace: 450, hour: 7})
		}
		p.add(60, 5, runOpt{km: 30.3, route: routes[4], pace: 490, hour: 7, race: true, name: "30K"})
		if spike {
			p.add(60, 6, runOpt{km: 10, route: routes[0], pace: 480, hour: 9})
		}
		return p.asOf(60, 6)
	}
	r := Evaluate(build(true, true))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisOverreached {
		t.Errorf("97 km in a week after four weeks of one 4 km run, a 30 km race among it: diagnoses %v, want overreached on top", keys(r))
	}
	if r := Evaluate(build(false, false)); len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisSparked {
		t.Errorf("a 30 km race after a usual week: diagnoses %v, want the race's recovery (sparked)", keys(r))
	}
	if r := Evaluate(build(true, false)); len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisSparked {
		t.Errorf("the same big week after usual weeks, a 30 km race among it: diagnoses %v, want the race's recovery (sparked)", keys(r))
	}
}
