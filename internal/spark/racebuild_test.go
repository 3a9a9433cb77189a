package spark

import (
	"testing"

	"rekindle"
)

// A build towards a race: after months of 45-50 km weeks with a light week
// every fourth, eight weeks without one, rising a little each week, with a
// long run of 21-23 km every week, a tempo on Wednesdays and easy days
// between (monotony under 1.5), this week 1.1-1.2× the usual and its load
// under 1.2× (held-out real-53 2023-10-08: a coach's "keen and in shape",
// rest forbidden). Not load without recovery: the distance over the usual
// is the build's progression. The same weeks with the long run at 15 km
// still read as before.
func TestRaceBuildWeekOverTheUsualIsNotOverreached(t *testing.T) {
	build := func(long float64) *Input {
		p := newPersona(53)
		for w := range 30 {
			scale := 1.0
			if w < 22 && w%4 == 3 {
				scale = 0.7
			}
			if w >= 22 {
				scale = 1.1 + 0.03*float64(w-22)
			}
			if w == 29 {
				scale = 1.55 // this week 1.1-1.2× the usual
			}
			lw := 16.0
			if w >= 22 {
				lw = long
			}
			for i, d := range []int{0, 1, 2, 4, 6} {
				km := []float64{8, 10, 9, 8, lw}[i]
				if i < 4 {
					km *= scale
				}
				p.add(w, d, runOpt{km: p.jitter(km, 0.05), route: routes[(w+i)%len(routes)], fast: i == 2, pace: []float64{330, 320, 290, 330, 315}[i],
					hour: []float64{7, 18, 12, 7, 9}[i]})
			}
		}
		return p.asOf(29, 6)
	}
	r := Evaluate(build(22))
	s := r.Signals
	t.Logf("weeks without a light week %.0f, week vs usual %.2f, ACWR %.2f, monotony %.2f", s[SigWeeksNoLight].Value, s[SigWeekVsUsual].Value, s[SigACWR].Value, s[SigMonotony].Value)
	if d := find(r.Diagnoses, rekindle.DiagnosisOverreached); d != nil {
		t.Errorf("a race build with 22 km long runs every week: overreached %.2f (%v)", d.Confidence, d.Evidence)
	}
	if len(r.Recommendations) > 0 && r.Recommendations[0].Strategy == rekindle.StrategyRest {
		t.Errorf("a race build: rest on top: %s", r.Recommendations[0].Why)
	}
	if d := find(Evaluate(build(15)).Diagnoses, rekindle.DiagnosisOverreached); d == nil {
		t.Errorf("the same weeks with 15 km long runs: not overreached")
	}
}
