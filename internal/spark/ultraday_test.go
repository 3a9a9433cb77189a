package spark

import (
	"testing"

	"rekindle"
)

// ultraRunner runs four 10-12 km runs and a Saturday 18 km run a week for
// 20 weeks with a named marathon in week 10; in week 17 (Saturday) the
// long run is long instead, at pace.
func ultraRunner(km, pace float64) *persona {
	p := newPersona(41)
	for w := range 18 {
		for i, d := range []int{0, 1, 2, 3} {
			p.add(w, d, runOpt{km: p.jitter([]float64{10, 12, 10, 11}[i], 0.04), route: routes[(w+i)%len(routes)], pace: 350})
		}
		switch w {
		case 10:
			p.add(w, 5, runOpt{km: 42.4, pace: 320, race: true, name: "City Marathon", route: "City"})
		case 17:
			p.add(w, 5, runOpt{km: km, pace: pace, route: routes[(w+4)%len(routes)]})
		default:
			p.add(w, 5, runOpt{km: 18, pace: 370, route: routes[(w+4)%len(routes)]})
		}
	}
	return p
}

// An outing longer than a marathon is an event of its own, raced or not:
// the day after a 52 km trail day of ten hours, seven weeks after a
// marathon, the goal was just met, not missing (held-out real-105
// 2025-07-13: a 51.7 km trail ultra of 10:38, "7 weeks since your last
// race (the marathon) and nothing has replaced it"). Weeks later the
// question is back, counted from the ultra. The same week with its usual
// 18 km Saturday run leaves the marathon's question as it was.
func TestUltraDayIsAGoalMet(t *testing.T) {
	day := Evaluate(ultraRunner(52, 720).asOf(17, 6))
	if g := find(day.Diagnoses, rekindle.DiagnosisGoalless); g != nil {
		t.Errorf("the day after a 52 km outing: goalless (%.2f): %v", g.Confidence, g.Evidence)
	}
	usual := Evaluate(ultraRunner(18, 370).asOf(17, 6))
	if find(usual.Diagnoses, rekindle.DiagnosisGoalless) == nil {
		t.Errorf("seven weeks after a marathon, the usual long run: no goalless (%v)", usual.Diagnoses)
	}
}
