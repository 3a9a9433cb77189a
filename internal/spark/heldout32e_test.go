package spark

import (
	"testing"

	"rekindle"
)

// A recreational runner's year of two or three 5 km runs a week at 6:30/km
// and heart rate about 140, a one-run week, then two weeks of four runs with
// 10-13 km ones at 7:20/km and heart rate 124: slow base building, the
// biggest weeks of the year and twice the weeks before (held-out real-133
// 2025-12-14: 26 and 30 km weeks of 10-13 km runs at 7:14-7:27/km and heart
// rate 124-128 after a 5 km week, "this week's load is 2.0× your usual
// week", overreached, rest; the coach saw a runner taking to longer easy
// runs). The same weeks at his everyday heart rate, or at his heart rate
// but faster than his everyday pace, still read overreached.
func TestBiggerWeeksRunEasierThanUsualAreNotOverreached(t *testing.T) {
	build := func(hr, pace float64) *Input {
		p := newPersona(32)
		hrOf := func(h float64) { p.in.Sessions[len(p.in.Sessions)-1].AvgHR = h }
		for w := range 60 {
			switch {
			case w == 57:
				p.add(w, 5, runOpt{km: 5, route: routes[0], pace: 390, hour: 20})
				hrOf(139)
			case w >= 58:
				for i, d := range []int{0, 2, 4, 6} {
					p.add(w, d, runOpt{km: []float64{3.2, 10, 3.6, 12.8}[i], route: routes[(w+d)%3], pace: pace, hour: 20})
					hrOf(hr + float64(i%2))
				}
			default:
				days := []int{1, 3, 6}
				if w%3 == 0 {
					days = days[:2]
				}
				for _, d := range days {
					p.add(w, d, runOpt{km: p.jitter(5, 0.08), route: routes[(w+d)%3], pace: p.jitter(390, 0.03), hour: 20})
					hrOf(p.jitter(140, 0.03))
				}
			}
		}
		return p.asOf(59, 6)
	}
	r := Evaluate(build(124, 440))
	s := r.Signals
	t.Logf("week %.1f km vs usual %.2f, ACWR %.2f, monotony %.2f", s[SigWeekKm].Value, s[SigWeekVsUsual].Value, s[SigACWR].Value, s[SigMonotony].Value)
	if d := find(r.Diagnoses, rekindle.DiagnosisOverreached); d != nil && d.Confidence > 0 {
		t.Errorf("30 km of slow runs at heart rate 124 against a year at 140: overreached %.2f (%v)", d.Confidence, d.Evidence)
	}
	if len(r.Recommendations) > 0 && r.Recommendations[0].Strategy == rekindle.StrategyRest {
		t.Errorf("easy base building: rest on top: %s", r.Recommendations[0].Why)
	}
	if d := find(Evaluate(build(141, 440)).Diagnoses, rekindle.DiagnosisOverreached); d == nil || d.Confidence == 0 {
		t.Errorf("the same weeks at his everyday heart rate: not overreached")
	}
	if d := find(Evaluate(build(124, 360)).Diagnoses, rekindle.DiagnosisOverreached); d == nil || d.Confidence == 0 {
		t.Errorf("the same weeks faster than his everyday pace: not overreached")
	}
}
