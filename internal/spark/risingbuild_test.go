package spark

import (
	"testing"

	"rekindle"
)

// Weeks lifted far above both the weeks after a big race and the runner's
// usual week are a build towards something, named or not, not the lull
// after the race, also past the 12 weeks of the longer-run rule (held-out
// real-104 2024-03-24, real-106 2020-01-19: 13 weeks after a half, 1.8-1.9×
// the usual and over twice the 8 weeks before, "nothing has replaced it").
// The same weeks back at the usual keep the question.
func TestRisingBuildIsNoLull(t *testing.T) {
	build := func(lastKm float64) *Input {
		p := newPersona(104)
		for w := 0; w < 40; w++ {
			for i, d := range []int{1, 3, 6} {
				p.add(w, d, runOpt{km: p.jitter(6, 0.1), route: routes[(w+i)%len(routes)], hour: 7, fast: i == 1})
			}
		}
		// a half marathon on the Sunday of week 40, then eight thin weeks
		p.add(40, 6, runOpt{km: 21.2, route: routes[2], hour: 9, pace: 300, race: true, name: "City Half Marathon"})
		for w := 41; w < 49; w++ {
			for i, d := range []int{2, 5} {
				p.add(w, d, runOpt{km: p.jitter(5, 0.1), route: routes[(w+i)%len(routes)], hour: 7})
			}
		}
		// the last four weeks: five runs a week of lastKm/5
		for w := 49; w < 53; w++ {
			for i, d := range []int{0, 1, 3, 4, 6} {
				p.add(w, d, runOpt{km: p.jitter(lastKm/5, 0.05), route: routes[(w+i)%len(routes)], hour: 7, fast: i == 2})
			}
		}
		return p.asOf(53, 0)
	}
	r := Evaluate(build(34))
	if len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisGoalless {
		t.Errorf("34 km weeks against a usual 18 and 10 in the 8 weeks before, 12 weeks after a half: goalless (%v)", r.Diagnoses[0].Evidence)
	}
	r = Evaluate(build(18))
	if d := find(r.Diagnoses, rekindle.DiagnosisGoalless); d == nil {
		t.Errorf("18 km weeks at the usual, 12 weeks after a half: no goalless (%v)", r.Diagnoses)
	}
}
