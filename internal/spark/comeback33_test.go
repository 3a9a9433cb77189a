package spark

import (
	"testing"

	"rekindle"
)

// A race in the first weeks back is part of the comeback (held-out real-149
// 2024-03-24, real-121 2017-11-26: a half in week 3 back off three runs;
// real-142 2025-12-21: a 5 km "race" in week 3): the runner is still
// returning, the comeback is not over. The same half after a month and more
// back ends it (TestComebackThatLedToAMarathon).
func TestRaceInTheFirstWeeksBackIsPartOfTheComeback(t *testing.T) {
	p := newPersona(3301)
	for w := range 30 {
		for i, d := range []int{1, 3, 6} {
			p.add(w, d, runOpt{km: p.jitter([]float64{8, 8, 14}[i], 0.05), route: routes[(w+i)%len(routes)]})
		}
	}
	// 14 weeks off, then three short runs and a half in week 3 back.
	p.add(44, 6, runOpt{km: 6, route: routes[0]})
	p.add(45, 3, runOpt{km: 5, route: routes[1]})
	p.add(45, 5, runOpt{km: 8, route: routes[2]})
	p.add(46, 6, runOpt{km: 21.1, pace: 380, race: true, name: "City Half Marathon", route: "City"})
	r := Evaluate(p.asOf(47, 6))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisReturning {
		t.Fatalf("diagnoses %+v: a half in week 3 back is part of the comeback", r.Diagnoses)
	}
}

// A short race in the first weeks back at the best of a thin year (held-out
// real-142 2025-12-21: a year of one short run a week or fewer, then four
// short runs a week from a Thursday in December and a 5.2 km at heart rate
// 164 in week 3): the weeks back are above the thin usual, yet under
// training.MinHabitWeeks weeks prove nothing; the runner is returning.
func TestThinYearsBestInTheFirstWeeksBackIsNoEnd(t *testing.T) {
	p := newPersona(3302)
	for w := range 40 {
		p.add(w, 2, runOpt{km: p.jitter(5, 0.03), route: routes[w%len(routes)], pace: 430})
	}
	// Eight weeks off, back on a Saturday, short runs four days a week and
	// a 5K in week 3.
	for w := 48; w < 51; w++ {
		days := []int{1, 2, 3, 5}
		if w == 48 {
			days = []int{5, 6}
		}
		for i, d := range days {
			p.add(w, d, runOpt{km: p.jitter(3.5, 0.1), route: routes[(w+i)%len(routes)], pace: 440})
		}
	}
	p.add(50, 6, runOpt{km: 5.2, pace: 400, race: true, name: "5K", route: "Park"})
	r := Evaluate(p.asOf(51, 4))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisReturning {
		t.Fatalf("diagnoses %+v: a thin year's best 5K in week 3 back is part of the comeback", r.Diagnoses)
	}
}
