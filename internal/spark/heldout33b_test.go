package spark

import (
	"testing"

	"rekindle"
)

// A runner of steady 35 km weeks (five runs, a Sunday 12 km) who ran a
// half marathon race a fortnight after a 23.5 km long run, and a 5K race
// half a year later. The half left no lull (a step in a longer block:
// tuneUp), so the 5K is the latest goal: the day after it, or a fortnight after it, no "weeks
// since your last big race; a short race since is no new goal" (held-out
// real-137 2023-09-10: the day after a 5K he named, 30 weeks after a
// half-length run read as a race, goalless; 2023-06-04, the same 16 weeks
// after it and eight after a 5 km run read as one; his half-length runs
// are monthly, lengthRepeated, the same class). Within a big race's
// lull — a half he never ran the length of, weeks at half the usual after
// it — a 5K still replaces nothing, as before.
func TestShortRaceAfterABigRaceThatLeftNoLullIsTheLatestGoal(t *testing.T) {
	build := func(halfWeek, fiveWeek, asOf int, tune, lull bool) *Input {
		p := newPersona(33)
		for w := 0; w <= asOf; w++ {
			after := w > halfWeek && w < fiveWeek
			for i, d := range []int{0, 1, 3, 4, 6} {
				if lull && after && i%2 == 1 {
					continue // the weeks after the half at about half the usual
				}
				km := p.jitter(6, 0.1)
				if d == 6 {
					km = p.jitter(12, 0.05)
					if tune && w == halfWeek-2 {
						km = 23.5
					}
				}
				if lull && after {
					km *= 0.6
				}
				if w == halfWeek && d == 6 {
					p.add(w, d, runOpt{km: 21.1, pace: 300, route: "City half", race: true, name: "City Half Marathon", hour: 8})
					continue
				}
				if w == asOf && d == 6 {
					km = 8 // an easy Sunday run the day after the 5K, or a fortnight after it
				}
				p.add(w, d, runOpt{km: km, pace: p.jitter(330, 0.03), route: routes[(w+d)%4], hour: 7})
			}
			if w == fiveWeek {
				p.add(w, 5, runOpt{km: 5, pace: 265, route: "Harbour 5K", race: true, name: "Harbour 5K", hour: 10})
			}
		}
		return p.asOf(asOf, 6)
	}
	for _, c := range []struct {
		what   string
		asOfWk int
	}{
		{"the day after the 5K, 24 weeks after the half", 48},
		{"two weeks after the 5K, 26 weeks after the half", 50},
	} {
		r := Evaluate(build(24, 48, c.asOfWk, true, false))
		if len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisGoalless {
			t.Errorf("%s: goalless on top %.2f (%v)", c.what, r.Diagnoses[0].Confidence, r.Diagnoses[0].Evidence)
		}
	}
	r := Evaluate(build(40, 46, 48, false, true))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisGoalless {
		t.Errorf("a 5K in the half's lull, eight weeks after it: want goalless on top, got %v", r.Diagnoses)
	}
}
