package spark

import (
	"testing"

	"rekindle"
)

// A school or club runner of steady 15 km weeks (five short runs) who ran
// one half marathon, eased off after it, then a season of short races: a
// 5K, a cross-country race, a 3000 m on the track. The short races are his
// goals now: a fortnight after the last one, 20 weeks after the half, no
// "weeks since your last big race; a short race since is no new goal"
// (held-out real-159 2024-10-20 and 2026-01-04, a Hong Kong school runner
// called goalless in season). A single 5K in the half's lull still
// replaces nothing (TestShortRaceAfterABigRaceThatLeftNoLullIsTheLatestGoal).
func TestASeasonOfShortRacesAfterABigOneIsTheGoal(t *testing.T) {
	build := func(races []int) *Input {
		p := newPersona(34)
		const halfWeek, asOf = 30, 50
		for w := 0; w <= asOf; w++ {
			after := w > halfWeek && w < halfWeek+4
			for i, d := range []int{0, 1, 3, 4, 6} {
				if after && i%2 == 1 {
					continue // the weeks after the half at about half the usual
				}
				km := p.jitter(3, 0.1)
				if d == 6 {
					km = p.jitter(4, 0.05)
				}
				if w == halfWeek && d == 6 {
					p.add(w, d, runOpt{km: 21.1, pace: 300, route: "City half", race: true, name: "City Half Marathon", hour: 8})
					continue
				}
				p.add(w, d, runOpt{km: km, pace: p.jitter(330, 0.03), route: routes[(w+d)%4], hour: 7})
			}
			for i, rw := range races {
				if w == rw {
					p.add(w, 5, runOpt{km: 5, pace: 265, route: "Race course", race: true, name: []string{"Harbour 5K", "Schools Cross Country", "Track 5000m", "Park 5K"}[i%4], hour: 10})
				}
			}
		}
		return p.asOf(asOf, 6)
	}
	r := Evaluate(build([]int{38, 44, 48}))
	if len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisGoalless {
		t.Errorf("three short races since the half, the last a fortnight ago: goalless on top %.2f (%v)", r.Diagnoses[0].Confidence, r.Diagnoses[0].Evidence)
	}
	for _, d := range r.Diagnoses {
		if d.Key == rekindle.DiagnosisGoalless && len(d.Evidence) > 0 && d.Evidence[0].Signal == "weeks_since_big_race" {
			t.Errorf("three short races since the half: judged from the half (%v)", d.Evidence)
		}
	}
}
