package spark

import (
	"testing"

	"rekindle"
)

// A run read as a race by its pace alone does not replace the goal of the
// race before it (goalless, firmRaceBefore): a runner of four 10 km runs a
// week, no heart rate recorded, a 10K race on a Sunday morning eleven
// weeks ago, and two weeks ago a Wednesday-evening 10 km at 4:45/km against
// his everyday 5:30 (real-65 2010-11-28: a Friday 21.6 km in 1:30 read as a
// half four weeks back, eleven weeks after an invitational 8 km: "nothing
// stands out" where the coach's call is goalless). The same 10 km titled as
// a race is a race run two weeks ago: no goal missing yet.
func TestRunReadAsRaceByPaceKeepsTheGoalQuestion(t *testing.T) {
	build := func(name string, race bool) *Input {
		p := newPersona(3302)
		for w := range 32 {
			if w == 20 {
				p.add(w, 6, runOpt{km: 10, route: routes[4], pace: 280, hour: 9, race: true, name: "Town 10K"})
			}
			for i, d := range []int{0, 2, 4, 5} {
				if w == 29 && d == 2 {
					p.add(w, d, runOpt{km: 10, route: routes[5], pace: 285, hour: 19, race: race, name: name})
					continue
				}
				p.add(w, d, runOpt{km: p.jitter(10, 0.05), route: routes[(w+i)%3], pace: 330, hour: 19})
			}
		}
		return p.asOf(31, 6)
	}
	r := Evaluate(build("Evening run", false))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisGoalless {
		t.Errorf("a 10K eleven weeks ago, a fast evening 10 km two weeks ago: diagnoses %v, want goalless first", keys(r))
	}
	if g := r.Diagnosis(rekindle.DiagnosisGoalless); g != nil && g.Evidence[0].Signal != "weeks_since_firm_race" {
		t.Errorf("goalless evidence %+v, want the weeks since the 10K race", g.Evidence[0])
	}
	r = Evaluate(build("Harbour 10K", true))
	if len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisGoalless {
		t.Errorf("a 10K race two weeks ago: diagnoses %v, want no goal missing yet", keys(r))
	}
}

// A low plateau held for more than a year is the runner's level, not a
// fade (fading, heldYearAbove): the runner of TestLowPlateauUnderTheSeasonsIsFading
// seventy weeks into the 2 km jogs, the seasons of 36 km weeks still in
// the two years before but none in the past year (held-out real-68
// 2021-07-25: two 5.2 km runs a week for eighteen months after a
// marathon, "9.1 km a week … against 54.6 km in your in-season weeks of
// the two years before", fading, where the coach's call is stale_routine,
// understimulated or goalless). Thirty weeks in, the seasons in the past
// year, it is still a fade.
func TestLowPlateauHeldAYearIsNoFade(t *testing.T) {
	build := func(lowWeeks int) *Input {
		p := newPersona(3303)
		for w := range 60 + lowWeeks {
			if w < 60 {
				for i, d := range []int{0, 2, 4, 6} {
					km := []float64{8, 9, 7, 12}[i]
					p.add(w, d, runOpt{km: p.jitter(km, 0.1), route: routes[(w+i)%len(routes)], fast: i == 1, hour: 7})
				}
				continue
			}
			for i, d := range []int{1, 4} {
				p.add(w, d, runOpt{km: p.jitter(1.8, 0.3), route: routes[(w+i)%len(routes)], hour: 18})
			}
		}
		return p.asOf(60+lowWeeks-1, 6)
	}
	if d := find(Evaluate(build(70)).Diagnoses, rekindle.DiagnosisFading); d != nil {
		t.Errorf("70 weeks of 2 km jogs, none of the seasons in the past year: fading %.2f (%v)", d.Confidence, d.Evidence)
	}
	if find(Evaluate(build(30)).Diagnoses, rekindle.DiagnosisFading) == nil {
		t.Errorf("30 weeks of 2 km jogs after 36 km seasons: not fading")
	}
}
