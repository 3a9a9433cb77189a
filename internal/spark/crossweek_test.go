package spark

import (
	"testing"

	"rekindle"
)

// A runner who has held 45-55 km weeks of six runs for most of a year with
// few light weeks (the weeks without a light week counted on all the load)
// takes a holiday week of skiing: three days on skis (three hours), 28 km of running
// against a usual 50 (held-out real-54 2020-12-27, Christmas week of
// classic skiing, "7 weeks in a row without a light week"). The running
// had its light week; the skis are variety: not overreached on top, and
// neither rest nor variety first.
func TestLightRunningWeekOfAnotherSportIsNotOverreached(t *testing.T) {
	p := newPersona(54)
	days := []int{0, 1, 2, 3, 4, 5}
	for w := range 40 {
		km := 50 + 5*float64(w%3-1)
		for i, d := range days {
			p.add(w, d, runOpt{km: p.jitter(km/6, 0.03), route: routes[(w+i)%len(routes)], enjoy: 4})
		}
	}
	for i, d := range []int{0, 3, 6} {
		p.add(40, d, runOpt{km: p.jitter(28.0/3, 0.03), route: routes[i], enjoy: 4})
	}
	for d, km := range map[int]float64{1: 14, 2: 6, 4: 11} {
		p.add(40, d, runOpt{km: km, pace: 400, sport: rekindle.SportSkiing, hour: 14, enjoy: 5})
	}
	r := Evaluate(p.asOf(40, 6))
	if len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisOverreached {
		t.Errorf("a light running week beside a week of skiing: overreached on top %+v", r.Diagnoses[0].Evidence)
	}
	if len(r.Recommendations) > 0 {
		if s := r.Recommendations[0].Strategy; s == rekindle.StrategyRest || s == rekindle.StrategyVariety {
			t.Errorf("a light running week beside a week of skiing: %s first", s)
		}
	}
}
