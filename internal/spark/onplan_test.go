package spark

import (
	"fmt"
	"testing"

	"rekindle"
)

// planRunner is buildRunner's runner with the Saturday run held at 16 km
// (long runs of a half marathon or less: no marathon build), whose runs of
// the last eight weeks are titled by title(week of the plan, day).
func planRunner(title func(week, day int) string) *persona {
	p := newPersona(23)
	for w := range 28 {
		for i, d := range []int{0, 1, 2, 3} {
			o := runOpt{km: p.jitter([]float64{10, 12, 10, 9}[i], 0.04), route: routes[(w+i)%len(routes)], pace: 360}
			if w >= 20 {
				o.name = title(w-19, d)
			}
			p.add(w, d, o)
		}
		if w == 10 {
			p.add(w, 5, runOpt{km: 21.2, pace: 300, race: true, name: "City half", route: "City"})
			continue
		}
		o := runOpt{km: 16, pace: 380, route: routes[(w+4)%len(routes)]}
		if w >= 20 {
			o.name = title(w-19, 5)
		}
		p.add(w, 5, o)
	}
	return p
}

// A plan whose weeks the runner counts in the titles is a goal, named or
// not, even with long runs of a half marathon or less (held-out real-62:
// "HM 060425 - W7 Sat Long Run Race Practice", "MM 301125 - W11 Sun Long
// Run": weeks of a half-marathon and a marathon plan read as goalless, "19
// weeks since your last race … nothing has replaced it"). The same weeks
// untitled, or titled with a counter that does not rise (a gym's "W5" every
// week), are goalless: 17 weeks since the half and nothing has replaced it.
func TestTitledPlanWeeksAreAGoal(t *testing.T) {
	days := []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	plan := Evaluate(planRunner(func(w, d int) string { return fmt.Sprintf("HM 120925 - W%d %s Easy Run", w, days[d]) }).asOf(27, 6))
	if g := find(plan.Diagnoses, rekindle.DiagnosisGoalless); g != nil {
		t.Errorf("week 8 of a titled plan: goalless (%.2f): %v", g.Confidence, g.Evidence)
	}
	for _, c := range []struct {
		label string
		title func(w, d int) string
	}{
		{"untitled", func(w, d int) string { return "" }},
		{"a counter that does not rise", func(w, d int) string { return "Gym W5 " + days[d] }},
	} {
		r := Evaluate(planRunner(c.title).asOf(27, 6))
		if find(r.Diagnoses, rekindle.DiagnosisGoalless) == nil {
			t.Errorf("%s, 17 weeks after a half: no goalless (%v)", c.label, r.Diagnoses)
		}
	}
}
