package spark

import (
	"testing"

	"rekindle"
)

// A runner of three 8-10 km evening runs a week with a 16 km long run
// every third week, who twice ran fortnights of five 10 km runs (50 km),
// then after a lull builds 36, 43 and 48 km weeks of four runs, the last
// with runs of 13.5 and 15 km at the same easy pace (held-out real-129
// 2025-08-10: 36, 43 and 48 km weeks of four runs to 14.8 km at 7:00/km,
// after 44-53 km weeks and 16-21 km long runs in the year before; read
// "1.45× your usual 33.2 km", "fatigue 1.5× fitness", overreached, rest;
// the coach saw a runner keen, back at the weeks he has run). His year's
// median long run is 10 km, so the 13.5 and 15 km runs were taken for runs
// beyond his everyday ones; he runs 16 km every third week. The same week
// with a 20 km run, longer than any he runs regularly, or from a runner
// whose long runs were never over 10 km, still reads overreached.
func TestReturnToPeakWeeksWithTheRunnersRegularLongRunIsNotOverreached(t *testing.T) {
	build := func(regularLong, lastLong float64) *Input {
		p := newPersona(41)
		for w := range 80 {
			switch {
			case w == 30 || w == 31 || w == 56 || w == 57:
				for _, d := range []int{0, 1, 3, 4, 6} {
					p.add(w, d, runOpt{km: p.jitter(10, 0.04), route: routes[(w+d)%3], pace: 400, hour: 20})
				}
			case w == 77:
				for i, d := range []int{1, 2, 4, 6} {
					p.add(w, d, runOpt{km: []float64{8, 10, 8, 10}[i], route: routes[(w+d)%3], pace: 400, hour: 20})
				}
			case w == 78:
				for i, d := range []int{1, 2, 4, 6} {
					p.add(w, d, runOpt{km: []float64{9, 12, 9, 13}[i], route: routes[(w+d)%3], pace: 400, hour: 20})
				}
			case w == 79:
				for i, d := range []int{1, 2, 4, 6} {
					p.add(w, d, runOpt{km: []float64{9, 13.5, 10.5, lastLong}[i], route: routes[(w+d)%3], pace: 400, hour: 20})
				}
			default:
				long := 10.0
				if w%3 == 0 {
					long = regularLong
				}
				for i, d := range []int{1, 3, 6} {
					p.add(w, d, runOpt{km: p.jitter([]float64{8, 9, long}[i], 0.03), route: routes[(w+d)%3], pace: 400, hour: 20})
				}
			}
		}
		return p.asOf(79, 6)
	}
	r := Evaluate(build(16, 15))
	s := r.Signals
	t.Logf("week %.1f km vs usual %.2f, ACWR %.2f, monotony %.2f", s[SigWeekKm].Value, s[SigWeekVsUsual].Value, s[SigACWR].Value, s[SigMonotony].Value)
	if d := find(r.Diagnoses, rekindle.DiagnosisOverreached); d != nil {
		t.Errorf("48 km with a 15 km run, after 50 km weeks run twice and a 16 km run every third week: overreached %.2f (%v)", d.Confidence, d.Evidence)
	}
	if len(r.Recommendations) > 0 && r.Recommendations[0].Strategy == rekindle.StrategyRest {
		t.Errorf("a return to the runner's peak weeks with his regular long run: rest on top: %s", r.Recommendations[0].Why)
	}
	if d := find(Evaluate(build(16, 20)).Diagnoses, rekindle.DiagnosisOverreached); d == nil {
		t.Errorf("the same weeks with a 20 km run, longer than any run regularly: not overreached")
	}
	if d := find(Evaluate(build(10, 15)).Diagnoses, rekindle.DiagnosisOverreached); d == nil {
		t.Errorf("the same week from a runner whose long runs were never over 10 km: not overreached")
	}
}
