package spark

import (
	"testing"

	"rekindle"
)

// A week back at its level after a dip is no overload (backAfterDip):
// a marathon build of 41-48 km weeks, a holiday's 30, 10 and 20 km, then
// 51 and 55 km (held-out real-145 2026-03-15: "2.02× your usual week",
// overreached/rest, where the coach saw a runner back on his build).
// Control: a week far beyond the level after the same dip is still
// overreached.
func TestDipReturnIsNotOverreached(t *testing.T) {
	build := func(last float64) *Input {
		p := newPersona(145)
		weeks := []float64{}
		for w := range 40 {
			weeks = append(weeks, []float64{32, 36, 34, 38}[w%4])
		}
		weeks = append(weeks, 41, 45, 48, 30, 10, 20, 51, last)
		for w, km := range weeks {
			days, shares := []int{1, 3, 6}, []float64{0.2, 0.2, 0.6}
			switch {
			case km <= 10:
				shares = []float64{1}
			case km > 60:
				days, shares = []int{0, 1, 3, 4, 6}, []float64{0.17, 0.17, 0.17, 0.17, 0.32}
			}
			for i, share := range shares {
				p.add(w, days[i], runOpt{km: p.jitter(km*share, 0.03), route: routes[(w+i)%len(routes)], pace: 340 + 35*share, hour: 18 - 11*share})
			}
		}
		return p.asOf(len(weeks)-1, 6)
	}
	r := Evaluate(build(55))
	s := r.Signals
	t.Logf("week %.1f km, usual %.1f, ACWR %.2f, fitness %.1f, fatigue %.1f; %v", s[SigWeekKm].Value, s[SigUsualWeekKm].Value, s[SigACWR].Value, s[SigFitness].Value, s[SigFatigue].Value, r.Diagnoses)
	if d := find(r.Diagnoses, rekindle.DiagnosisOverreached); d != nil {
		t.Errorf("55 km back at a 48-51 km level after a dip: overreached %.2f (%v)", d.Confidence, d.Evidence)
	}
	if len(r.Recommendations) > 0 && r.Recommendations[0].Strategy == rekindle.StrategyRest {
		t.Errorf("55 km back at the level after a dip: rest first: %s", r.Recommendations[0].Why)
	}
	r = Evaluate(build(75))
	t.Logf("75 km after the dip: %v", r.Diagnoses)
	if d := find(r.Diagnoses, rekindle.DiagnosisOverreached); d == nil {
		t.Errorf("75 km after a 48-51 km level and a dip: not overreached (%v)", r.Diagnoses)
	}
}
