package spark

import (
	"testing"

	"rekindle"
)

// A level held with other sports on the running's rest days (held-out
// real-50 2025-01-26: 25 km in runs on four days, a swim, skating and short
// workouts on the three between, at 0.83 of the usual week, "5 weeks
// without a light week, training monotony 2.4"; the running's own monotony
// 0.84). Foster's monotony counts every sport, so the cross-training days
// read as days all the same and opened the held level's gate
// (heldAtUsual); the running has its rest days, so the streak is a level
// held, not a grind. The same minutes run on every day were overreached
// here too until overreach34's class (a daily runner's normal load read as
// an overload: a week that repeats a week run lately and run on from,
// whose days were as alike and no bigger than it, is a level held;
// real-68 2019-07-21, and the casebook's coaches call the daily runners
// real-81, real-139 and real-146 at their level sparked too, which that
// rule does not reach): they are no overreach either now
// (TestDailyRepeatOfAHandledWeekIsNotOverreached keeps a build's).
func TestHeldLevelWithCrossTrainingIsNoOverreach(t *testing.T) {
	build := func(crossTrain bool) *Input {
		p := newPersona(28)
		for w := range 60 {
			km := 3.5
			if w >= 48 {
				km = 6.5
			}
			if w == 59 {
				km = 6
			}
			for i, d := range []int{0, 2, 4, 6} {
				p.add(w, d, runOpt{km: p.jitter(km, 0.03), route: routes[(w+i)%len(routes)], hour: 18})
			}
			if w < 48 {
				continue
			}
			for d, minutes := range map[int]float64{1: 40, 3: 45, 5: 35} {
				if !crossTrain {
					p.add(w, d, runOpt{km: p.jitter(minutes*60/330, 0.03), route: routes[(w+d)%len(routes)], hour: 18})
					continue
				}
				sport := map[int]rekindle.Sport{1: rekindle.SportSwimming, 3: rekindle.SportOther, 5: rekindle.SportStrength}[d]
				p.add(w, d, runOpt{km: 1, pace: minutes * 60, sport: sport, hour: 17})
			}
		}
		return p.asOf(59, 6)
	}
	r := Evaluate(build(true))
	s := r.Signals
	t.Logf("weeks without a light week %.0f, week vs usual %.2f, ACWR %.2f, monotony %.2f, of the running %.2f, fitness %.1f; %v",
		s[SigWeeksNoLight].Value, s[SigWeekVsUsual].Value, s[SigACWR].Value, s[SigMonotony].Value, s[SigRunMonotony].Value, s[SigFitness].Value, r.Diagnoses)
	if m, rm := s[SigMonotony].Value, s[SigRunMonotony].Value; m < 2 || rm >= 1.5 {
		t.Fatalf("monotony %.2f, of the running %.2f: want 2 or more and under 1.5 (the case this test is about)", m, rm)
	}
	if d := find(r.Diagnoses, rekindle.DiagnosisOverreached); d != nil {
		t.Errorf("a level held, other sports between the runs: overreached %.2f (%v)", d.Confidence, d.Evidence)
	}
	if len(r.Recommendations) > 0 && r.Recommendations[0].Strategy == rekindle.StrategyRest {
		t.Errorf("a level held, other sports between the runs: rest first")
	}
	r = Evaluate(build(false))
	t.Logf("run every day: monotony %.2f, of the running %.2f; %v", r.Signals[SigMonotony].Value, r.Signals[SigRunMonotony].Value, r.Diagnoses)
	if d := find(r.Diagnoses, rekindle.DiagnosisOverreached); d != nil {
		t.Errorf("the same minutes run on every day, a level held: overreached %.2f (%v)", d.Confidence, d.Evidence)
	}
}
