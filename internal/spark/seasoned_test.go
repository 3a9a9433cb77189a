package spark

import (
	"testing"

	"rekindle"
)

// A runner who builds twice a year: a season of 60 km weeks, then an
// off-season of 20 km weeks that makes the year's median week and the 42
// days' fitness low, then eight weeks back up to 60 km with a long run on
// Sundays and easy days between (held-out real-58 2018-07-15 and
// 2020-02-16, real-57 2025-07-20: the coach saw keen runners on plan; the
// engine said "load 1.6× your usual week", "fatigue 1.5× fitness", "6
// weeks in a row without a light week"). A week back at the runner's own
// in-season volume is no overreach. The same build from a season that
// never went past 30 km a week still reads overreached.
func TestBuildBackToTheSeasonsWeekIsNotOverreached(t *testing.T) {
	build := func(seasonScale float64) *Input {
		p := newPersona(24)
		for w := range 80 {
			scale := seasonScale // in season
			if w >= 40 {
				scale = 0.33 // off-season
			}
			if w >= 72 {
				scale = []float64{0.4, 0.45, 0.5, 0.55, 0.65, 0.75, 0.85, 1.0}[w-72]
			}
			for i, d := range []int{0, 1, 3, 4, 6} {
				km := []float64{10, 12, 9, 10, 19}[i] * scale
				p.add(w, d, runOpt{km: p.jitter(km, 0.05), route: routes[(w+i)%len(routes)], fast: i == 1, pace: []float64{330, 290, 325, 330, 335}[i],
					hour: []float64{7, 18, 7, 12, 9}[i]})
			}
		}
		return p.asOf(79, 6)
	}
	r := Evaluate(build(1.0))
	s := r.Signals
	t.Logf("weeks without a light week %.0f, week vs usual %.2f, ACWR %.2f, monotony %.2f, fitness %.1f, fatigue %.1f", s[SigWeeksNoLight].Value, s[SigWeekVsUsual].Value, s[SigACWR].Value, s[SigMonotony].Value, s[SigFitness].Value, s[SigFatigue].Value)
	if d := find(r.Diagnoses, rekindle.DiagnosisOverreached); d != nil {
		t.Errorf("a build back to the season's 60 km weeks: overreached %.2f (%v)", d.Confidence, d.Evidence)
	}
	if len(r.Recommendations) > 0 && r.Recommendations[0].Strategy == rekindle.StrategyRest {
		t.Errorf("a build back to the season's weeks: rest on top: %s", r.Recommendations[0].Why)
	}
	if d := find(Evaluate(build(0.5)).Diagnoses, rekindle.DiagnosisOverreached); d == nil {
		t.Errorf("the same build from a season of 30 km weeks: not overreached")
	}
}
