package spark

import (
	"testing"

	"rekindle"
)

// A runner of many short races (a 5K or 10K every few weeks) and steady
// 30 km weeks who ran a half marathon and trained straight on from it at
// the usual week, then a 10K race 23 weeks later. The half left no lull
// (trainedOnAfter), so six weeks after the 10K the 10K is the latest goal:
// no "29 weeks since your last big race; a short race since is no new goal"
// on top (held-out real-152 2026-01-04). The same runner whose weeks after
// the half fell to half the usual had a lull, and a 5K in it replaces
// nothing (TestShortRaceAfterABigRaceThatLeftNoLullIsTheLatestGoal).
func TestShortRaceAfterABigRaceTrainedStraightOnFromIsTheLatestGoal(t *testing.T) {
	const halfWeek, tenWeek, asOf = 20, 43, 49
	p := newPersona(34)
	for w := 0; w <= asOf; w++ {
		for i, d := range []int{0, 1, 3, 4, 6} {
			km := p.jitter(5.5, 0.1)
			if d == 6 {
				km = p.jitter(8, 0.05)
			}
			if w == halfWeek && d == 6 {
				p.add(w, d, runOpt{km: 21.1, pace: 270, route: "City half", race: true, name: "City Half Marathon", hour: 7})
				continue
			}
			p.add(w, d, runOpt{km: km, pace: p.jitter(300, 0.03), route: routes[(w+i)%4], hour: 7})
		}
		if w == tenWeek {
			p.add(w, 5, runOpt{km: 10, pace: 232, route: "Harbour 10K", race: true, name: "Harbour 10K", hour: 9})
		}
	}
	r := Evaluate(p.asOf(asOf, 6))
	if len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisGoalless {
		for _, e := range r.Diagnoses[0].Evidence {
			if e.Signal == "weeks_since_big_race" {
				t.Errorf("six weeks after a 10K, 29 after a half he trained straight on from: goalless on top %.2f (%v)", r.Diagnoses[0].Confidence, r.Diagnoses[0].Evidence)
			}
		}
	}
}
