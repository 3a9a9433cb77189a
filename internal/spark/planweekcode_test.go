package spark

import (
	"fmt"
	"testing"

	"rekindle"
)

// A plan's sessions titled by week and day joined by "w" ("8w7 3K+26K/445":
// week 8, day 7) count the plan's weeks as "W8" does: a goal in progress
// (held-out real-120's ten-week marathon plan, week 8 read as goalless six
// weeks after his last marathon). A counter that does not rise ("5w1" every
// week) is no plan.
func TestPlanWeekDayCodeIsAGoal(t *testing.T) {
	plan := Evaluate(planRunner(func(w, d int) string { return fmt.Sprintf("%dw%d 3K+12K/440", w, d+1) }).asOf(27, 6))
	if g := find(plan.Diagnoses, rekindle.DiagnosisGoalless); g != nil {
		t.Errorf("week 8 of a plan titled \"8w7 …\": goalless (%.2f): %v", g.Confidence, g.Evidence)
	}
	still := Evaluate(planRunner(func(w, d int) string { return fmt.Sprintf("5w%d easy", d+1) }).asOf(27, 6))
	if find(still.Diagnoses, rekindle.DiagnosisGoalless) == nil {
		t.Errorf("\"5w1\" every week, 17 weeks after a half: no goalless (%v)", still.Diagnoses)
	}
}
