package spark

import (
	"strings"
	"testing"

	"rekindle"
)

// A half at the length of the runner's weekly long run, run before it and
// again and again since, is no big race whose end leaves a goal missing
// (held-out real-86 2022-10-02, a runner who never races: 21 km Sundays in
// April, a Wednesday 21.2 km at 3:49/km in May read as a half marathon by
// its pace, then weekly 21 km training runs all summer; "it was a big one
// and nothing has replaced it" 21 weeks on). The same half among 15 km
// long runs keeps the big race's lull.
func TestRaceLengthRepeatedInTrainingIsNoBigRace(t *testing.T) {
	for _, repeated := range []bool{true, false} {
		p := newPersona(87)
		for w := range 40 {
			for _, d := range []int{0, 2, 4} {
				p.add(w, d, runOpt{km: p.jitter(10, 0.05), route: routes[(w+d)%len(routes)], pace: 330, hour: 18})
			}
			switch {
			case w == 20:
				p.add(w, 6, runOpt{km: 21.2, pace: 290, race: true, name: "Half marathon", route: "City", hour: 8})
			case repeated && w >= 12:
				p.add(w, 6, runOpt{km: p.jitter(21.2, 0.01), route: routes[w%len(routes)], pace: 330, hour: 8})
			default:
				p.add(w, 6, runOpt{km: p.jitter(15, 0.03), route: routes[w%len(routes)], pace: 340, hour: 8})
			}
		}
		r := Evaluate(p.asOf(39, 6))
		big := false
		for _, d := range r.Diagnoses {
			for _, e := range d.Evidence {
				big = big || d.Key == rekindle.DiagnosisGoalless && strings.Contains(e.Text, "it was a big one")
			}
		}
		if big == repeated {
			t.Errorf("half's length run in training before and since %v: goalless by a big race %v (%+v); want it only without the runs", repeated, big, r.Diagnoses)
		}
	}
}
