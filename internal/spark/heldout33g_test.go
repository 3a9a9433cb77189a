package spark

import (
	"testing"

	"rekindle"
)

// A short race in the weeks after a big one does not turn the big race's
// lull into a rut (diagnose, the short-race branch of the race recovery):
// a runner of five 5 km runs a week, the same loop at the same hour for
// months, a half marathon race 13 days ago and a 5K race 5 days ago, a few
// easy 5 km runs since (held-out real-146 2025-10-05: stale_routine over
// the half's lull, the coach's call goalless). Goalless leads; the
// routine may follow.
func TestShortRaceAfterBigRaceKeepsTheLull(t *testing.T) {
	p := newPersona(3307)
	for w := range 30 {
		for _, d := range []int{0, 1, 2, 4, 5} {
			if w == 28 && d == 5 {
				p.add(w, d, runOpt{km: 21.1, route: routes[4], pace: 300, hour: 7, race: true, name: "City Half Marathon"})
				continue
			}
			if w >= 29 && w < 30 && d != 1 && d != 5 {
				continue
			}
			if w == 29 && d == 5 {
				p.add(w, d, runOpt{km: 5, route: routes[5], pace: 290, hour: 7, race: true, name: "Park 5K"})
				continue
			}
			p.add(w, d, runOpt{km: p.jitter(5, 0.03), route: routes[0], pace: 380, hour: 7})
		}
	}
	r := Evaluate(p.asOf(30, 3))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisGoalless {
		t.Errorf("a half 13 days ago, a 5K since, the same 5 km loop for months: top %v of %v, want goalless first", topDiagnosis(r), keys(r))
	}
}
