package spark

import (
	"testing"

	"rekindle"
)

// goallessConf is the confidence of goalless in r (0 when it is not there).
func goallessConf(r *Report) float64 {
	if g := find(r.Diagnoses, rekindle.DiagnosisGoalless); g != nil {
		return g.Confidence
	}
	return 0
}

// A runner who names no race: 5-7 km runs four times a week at 6:00/km on
// rotating routes, about 24 km a week, and in week 24 an evening 10 km at
// 5:20/km that the engine finds as a 10K by its pace alone. From week 41
// the same four runs a week grow to 9.5 km, about 38 km a week: for six
// weeks the runner is keen, far above the usual week. A coach reads a
// runner training with purpose, not one whose goal is missing 22 weeks
// after a run that may have been a race: the find's goal clock stops
// (keenFind; the class of held-out real-150 2019-08-31, real-151
// 2024-09-29, real-121 2016-12-25). The same find in weeks at the usual
// keeps its clock; so does a race the runner flagged, keen or not (a goal
// met, whose question the weeks do not answer: real-22 2025-07-27).
func TestKeenWeeksAfterAFoundRaceStopItsGoalClock(t *testing.T) {
	build := func(keen, flagged bool) *Input {
		p := newPersona(36)
		for w := 0; w <= 46; w++ {
			if keen && w >= 41 {
				for _, d := range []int{0, 2, 4, 6} {
					p.add(w, d, runOpt{km: p.jitter(9.5, 0.1), pace: p.jitter(355, 0.02), route: routes[(w+d)%6], hour: 7})
				}
				continue
			}
			for _, d := range []int{0, 2, 4, 6} {
				p.add(w, d, runOpt{km: p.jitter(6, 0.15), pace: p.jitter(360, 0.03), route: routes[(w+d)%6], hour: 7})
			}
			if w == 24 {
				p.add(w, 2, runOpt{km: 10, pace: 320, route: "Harbour out-and-back", hour: 19, race: flagged})
			}
		}
		return p.asOf(46, 6)
	}
	if c := goallessConf(Evaluate(build(true, false))); c > 0 {
		t.Errorf("six keen weeks (about 38 km against a usual 24) 22 weeks after a 10 km found by its pace: goalless %.2f, want no goal clock", c)
	}
	if c := goallessConf(Evaluate(build(false, false))); c == 0 {
		t.Error("weeks at the usual 22 weeks after a 10 km found by its pace: want its goal clock (goalless), got none")
	}
	if c := goallessConf(Evaluate(build(true, true))); c == 0 {
		t.Error("six keen weeks 22 weeks after a flagged 10 km race: want its goal clock (goalless), got none")
	}
}

// A runner of 5-7 km runs three times a week, rotating routes, with an
// evening 5 km at 5:00/km found as a 5K by its pace in week 16, 28 weeks back. In the
// last two weeks the titles are a plan's sessions: "7 km easy run" and
// "4 km fartlek" in the last week, "6 km easy" and "5 km tempo" the week
// before. A runner who writes the session of the day is following a plan,
// a goal whether or not its race is named (namedSessions; held-out
// real-166 2026-04-26: 7公里轻松跑, 4公里法特莱克跑). The same runs titled
// "Morning run" keep the clock; so does a plan broken off, the quality
// sessions two weeks back and only easy jogs since (real-67 2022-06-19:
// threshold work, then a week of flu and jogs).
func TestNamedPlanSessionsAreAGoal(t *testing.T) {
	build := func(titles [2][3]string) *Input {
		p := newPersona(37)
		for w := 0; w <= 44; w++ {
			for i, d := range []int{1, 3, 5} {
				name := "Morning run"
				if w >= 43 {
					name = titles[w-43][i]
				}
				p.add(w, d, runOpt{km: p.jitter(6, 0.15), pace: p.jitter(360, 0.03), route: routes[(w+d)%6], hour: 7, name: name})
			}
			if w == 16 {
				p.add(w, 2, runOpt{km: 5, pace: 300, route: "Harbour out-and-back", hour: 19})
			}
		}
		return p.asOf(44, 6)
	}
	plan := [2][3]string{{"6 km easy", "5 km tempo", "6 km easy"}, {"7 km easy run", "4 km fartlek", "Easy run"}}
	if c := goallessConf(Evaluate(build(plan))); c > 0 {
		t.Errorf("two weeks of a plan's named sessions (easy, tempo, fartlek): goalless %.2f, want none", c)
	}
	plain := [2][3]string{{"Morning run", "Morning run", "Morning run"}, {"Morning run", "Morning run", "Morning run"}}
	if c := goallessConf(Evaluate(build(plain))); c == 0 {
		t.Error("the same runs titled 'Morning run': want the goal clock from the found 5K, got none")
	}
	broken := [2][3]string{{"6 km easy", "Threshold work", "Tempo"}, {"Easy jog", "Easy jog", "Easy jog"}}
	if c := goallessConf(Evaluate(build(broken))); c == 0 {
		t.Error("quality sessions two weeks back, only easy jogs since: want the goal clock, got none")
	}
}
