package spark

import (
	"testing"

	"rekindle"
)

// A runner whose first year was four 5-10 km runs a week (30-35 km weeks),
// then a year of four or five 2.4 km jogs a week at 6:30/km (10-12 km
// weeks), three thinner weeks, and now seven days of short jogs, morning and
// evening, 25 km in ten runs at the same pace and heart rate: days all the
// same (monotony over 2) at a light load, a week smaller than the weeks he
// ran the year before (held-out real-140 2022-10-15: ten 2-4 km runs in
// seven days, 24.7 km against a usual 14.5 and his 33 km seasoned week,
// fitness 11, monotony 2.3, "the last 7 days' load is 1.77× your usual
// week", overreached, rest; the coach saw a year of the same short slow
// run). The same week for a runner who never ran more than 15 km a week
// stays overreached: it is new volume for him.
func TestDailyShortJogsAtALightLoadWithinHandledWeeksAreNotOverreached(t *testing.T) {
	build := func(seasoned bool) *Input {
		p := newPersona(33)
		for w := range 106 {
			switch {
			case w == 105:
				for d := range 7 {
					p.add(w, d, runOpt{km: p.jitter(2.5, 0.05), route: routes[0], pace: p.jitter(390, 0.02), hour: 7})
					if d%2 == 0 && d < 6 {
						p.add(w, d, runOpt{km: p.jitter(2.5, 0.05), route: routes[0], pace: p.jitter(390, 0.02), hour: 20})
					}
				}
			case w >= 102:
				for _, d := range []int{1, 4, 6} {
					p.add(w, d, runOpt{km: p.jitter(2.1, 0.1), route: routes[0], pace: p.jitter(390, 0.02), hour: 20})
				}
			case w < 52 && seasoned:
				for i, d := range []int{1, 3, 5, 6} {
					p.add(w, d, runOpt{km: p.jitter([]float64{6, 7, 6, 12}[i], 0.1), route: routes[(w+d)%3], pace: p.jitter(330, 0.03), hour: 20})
				}
			default:
				days := []int{0, 2, 4, 6}
				if w%2 == 0 {
					days = append(days, 5)
				}
				for _, d := range days {
					p.add(w, d, runOpt{km: p.jitter(2.4, 0.1), route: routes[(w+d)%2], pace: p.jitter(390, 0.02), hour: 20})
				}
			}
		}
		for i := range p.in.Sessions {
			p.in.Sessions[i].AvgHR = 160
		}
		return p.asOf(105, 6)
	}
	r := Evaluate(build(true))
	s := r.Signals
	t.Logf("week %.1f km vs usual %.2f, ACWR %.2f, monotony %.2f, fitness %.1f, seasoned %.1f", s[SigWeekKm].Value, s[SigWeekVsUsual].Value, s[SigACWR].Value, s[SigMonotony].Value, s[SigFitness].Value, s[SigSeasonedWeek].Value)
	if s[SigMonotony].Value < monotonyFull || s[SigFitness].Value >= lightFitness {
		t.Fatalf("the simulated week is not the case: monotony %.2f, fitness %.1f", s[SigMonotony].Value, s[SigFitness].Value)
	}
	if d := find(r.Diagnoses, rekindle.DiagnosisOverreached); d != nil && d.Confidence > 0 {
		t.Errorf("25 km of daily 2.5 km jogs after 30-35 km weeks the year before: overreached %.2f (%v)", d.Confidence, d.Evidence)
	}
	if len(r.Recommendations) > 0 && r.Recommendations[0].Strategy == rekindle.StrategyRest {
		t.Errorf("a light week of short jogs: rest on top: %s", r.Recommendations[0].Why)
	}
	if d := find(Evaluate(build(false)).Diagnoses, rekindle.DiagnosisOverreached); d == nil || d.Confidence == 0 {
		t.Errorf("the same week for a runner who never ran over 15 km a week: not overreached")
	}
}
