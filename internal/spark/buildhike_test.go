package spark

import (
	"testing"

	"rekindle"
)

// An earlier day on the mountain at a hiking pace is no long run a
// marathon build has to grow past: a 33 km trail day at 12 min/km seven
// weeks back, then Saturday long runs growing to 29 km, is still a build
// and a goal (held-out real-105 2025-01-26: long runs of 25-32 km at
// 5:40/km after trail days of 34.3 and 32.7 km at 10-13 min/km, a
// marathon eight weeks ahead, read as goalless). The same 33 km at a
// long-run pace (6:40/km) is a long run already run: 29 km is no growth
// past it, and the goal question stands.
func TestMarathonBuildPastAHikingDay(t *testing.T) {
	withDay := func(pace float64) *persona {
		p := buildRunner([]float64{20, 24, 24, 25, 19, 26, 27, 29})
		p.add(21, 6, runOpt{km: 33, pace: pace, route: routes[0]})
		return p
	}
	hike := Evaluate(withDay(720).asOf(27, 6))
	if g := find(hike.Diagnoses, rekindle.DiagnosisGoalless); g != nil {
		t.Errorf("a build past a hiking day: goalless (%.2f): %v", g.Confidence, g.Evidence)
	}
	run := Evaluate(withDay(400).asOf(27, 6))
	if find(run.Diagnoses, rekindle.DiagnosisGoalless) == nil {
		t.Errorf("long runs no longer than a 33 km run at a long-run pace: no goalless (%v)", run.Diagnoses)
	}
}
