package spark

import (
	"testing"

	"rekindle"
)

// All is well two days after a short race: what follows a race is taking
// it in, not the next race on top (held-out real-30 2023-11-07: "Race a
// local 5K" first two days after a 10K at heart rate 170; real-41
// 2021-02-28 the same three days after a hard 5 km). The next race stays
// among the ideas, below.
func TestDaysAfterARaceTakeItInBeforeTheNextRace(t *testing.T) {
	p := newPersona(24)
	for w := range 20 {
		for i, d := range []int{1, 3, 5, 6} {
			p.add(w, d, runOpt{km: p.jitter([]float64{8, 9, 6, 14}[i], 0.1), route: routes[(w*3+i)%len(routes)], fast: i == 1,
				hour: []float64{7, 18, 9, 8}[(w+i)%4]})
		}
	}
	p.add(20, 1, runOpt{km: 8, route: routes[0]})
	p.add(20, 3, runOpt{km: 9, route: routes[1], fast: true})
	p.add(20, 6, runOpt{km: 10.05, pace: 285, race: true, name: "City 10K", route: "City"})
	r := Evaluate(p.asOf(21, 1))
	if len(r.Diagnoses) != 1 || r.Diagnoses[0].Key != rekindle.DiagnosisSparked {
		t.Fatalf("two days after a 10K in steady weeks: %v, want sparked alone", r.Diagnoses)
	}
	if len(r.Recommendations) < 2 {
		t.Fatalf("recommendations %v, want two", r.Recommendations)
	}
	if st := r.Recommendations[0].Strategy; st != rekindle.StrategyGratitude {
		t.Errorf("two days after a 10K, %s on top, want gratitude: %s", st, r.Recommendations[0].Why)
	}
	if st := r.Recommendations[1].Strategy; st != rekindle.StrategyRace {
		t.Errorf("two days after a 10K, %s second, want the next race: %s", st, r.Recommendations[1].Why)
	}
}
