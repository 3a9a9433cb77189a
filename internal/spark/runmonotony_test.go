package spark

import (
	"testing"

	"rekindle"
)

// A runner who runs on four days and swims, skates or does a short class on
// the three between, with no light week in months and the last weeks built
// from 18 to 36 km of running (held-out real-50 2025-01-26: "5 weeks without a light
// week, monotony 2.4"; his running's own monotony was 0.8). Foster's
// monotony over all sports reads the cross-training days as sameness; the
// running has its rest days, so that is no overreach. The same minutes run
// every day, the same every day, still are.
func TestCrossTrainingBetweenRunsIsNoMonotony(t *testing.T) {
	build := func(crossTrain bool) *Input {
		p := newPersona(50)
		for w := range 36 {
			km := 4.5
			if w >= 30 {
				km = 9
			}
			for i, d := range []int{0, 2, 4, 6} {
				p.add(w, d, runOpt{km: p.jitter(km, 0.02), route: routes[(w+i)%len(routes)], hour: 18})
			}
			for d, minutes := range map[int]float64{1: 40, 3: 50, 5: 15} {
				sport := []rekindle.Sport{rekindle.SportSwimming, rekindle.SportOther, rekindle.SportStrength}[d/2]
				if !crossTrain {
					p.add(w, d, runOpt{km: p.jitter(minutes*60/330, 0.02), route: routes[(w+d)%len(routes)], hour: 18})
					continue
				}
				p.add(w, d, runOpt{km: 1, pace: minutes * 60, sport: sport, hour: 17})
			}
		}
		return p.asOf(35, 6)
	}
	r := Evaluate(build(true))
	if len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisOverreached {
		t.Errorf("runs on four days, cross-training on three: overreached on top %+v", r.Diagnoses[0].Evidence)
	}
	if len(r.Recommendations) > 0 && r.Recommendations[0].Strategy == rekindle.StrategyRest {
		t.Errorf("runs on four days, cross-training on three: rest first")
	}
	if m, rm := r.Signals[SigMonotony].Value, r.Signals[SigRunMonotony].Value; m < 2 || rm >= 1.5 {
		t.Errorf("monotony %.2f, of the running %.2f: want over 2 and under 1.5", m, rm)
	}
	r = Evaluate(build(false))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisOverreached {
		t.Errorf("the same minutes run every day: diagnoses %+v, want overreached on top", r.Diagnoses)
	}
}
