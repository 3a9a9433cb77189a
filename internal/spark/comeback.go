package spark

import (
	"fmt"
	"math"
	"slices"
	"time"

	"rekindle"
	"rekindle/internal/plan"
)

// Comeback prescription: a gentle build from what the runner does now.
const (
	comebackRise  = 1.10 // each week about 10% more than the one before
	comebackWeeks = 6    // weeks written out
	comebackMinKm = 5    // a first week is at least this (km), in two runs
)

// comebackBuild is the weekly volumes of the build, in metres, starting
// from what the runner runs now and capped at their usual week of the past
// year or what they run now, the higher; and the runs per week.
func comebackBuild(h *history, s *sigs) (weeks []float64, runs int) {
	now := h.habit.ThisDistanceM
	if w := h.habit.WeeksBack; w > 1 {
		// The mean of the weeks back smooths one short or long week.
		_, metres := h.weekRunStats(w)
		var sum float64
		for _, m := range metres {
			sum += m
		}
		now = sum / float64(w)
	}
	now = math.Max(now, comebackMinKm*1000)
	// The cap is the usual week of the past year, but never under what the
	// runner runs now: after a near-empty year that usual is the break's
	// (held-out real-42 2025-03-09: "build from 4.0 km a week" while running
	// 20), and a build that cuts the weeks back is no build. Above the
	// usual the weeks hold where the runner is.
	usual := h.habit.UsualDistanceM
	if usual > 0 {
		usual = math.Max(usual, now)
	}
	runs = max(2, h.habit.ThisRuns)
	if u := int(math.Round(h.habit.UsualRuns)); u > 0 {
		runs = min(runs, max(2, u))
	}
	runs = min(runs, 7) // at most one run a day in a comeback
	v := now
	for range comebackWeeks {
		v *= comebackRise
		if usual > 0 {
			v = math.Min(v, usual)
		}
		weeks = append(weeks, h.roundDist(v))
	}
	return weeks, runs
}

// comebackPlan is the build, day by day for all its weeks: easy runs only
// on the runner's usual days, no paces of before the break; and the advice
// that is not a session.
func comebackPlan(h *history, s *sigs) (weeks []float64, acts []string, sessions []plan.Session) {
	weeks, runs := comebackBuild(h, s)
	start := h.tomorrow()
	for i, w := range weeks {
		acts = append(acts, fmt.Sprintf("Week %d (from %s): %s, all easy", i+1, h.day(start.AddDate(0, 0, 7*i)), h.dist(w)))
	}
	acts = append(acts,
		"Easy means you can talk in full sentences: go by feel, not by the paces of before the break",
		"Strides (6 × 20 s) after one run a week from week 3; no intervals until the build is done")
	order := []time.Weekday{time.Tuesday, time.Thursday, time.Saturday, time.Sunday, time.Monday, time.Wednesday, time.Friday}
	for i, w := range weeks {
		n := runs
		if i >= 3 && n < min(7, int(math.Round(h.habit.UsualRuns))) {
			n++ // one more run from week 4
		}
		days := slices.Clone(s.usualDays)
		for _, d := range order {
			if len(days) >= n {
				break
			}
			if !slices.Contains(days, d) {
				days = append(days, d)
			}
		}
		days = days[:min(n, len(days))]
		per := h.roundDist(w / float64(len(days)))
		for j := range 7 {
			d := start.AddDate(0, 0, 7*i+j)
			if slices.Contains(days, d.Weekday()) {
				sessions = append(sessions, planned(d, plan.KindEasy, per, fmt.Sprintf("comeback week %d of %d (%s): easy, by feel", i+1, len(weeks), h.dist(w))))
			}
		}
	}
	return weeks, acts, sessions
}

// comebackRace is the returning runner's prescription: a goal, a 5K or 10K
// 6 to 10 weeks out (from the calendar when it has one), and the gentle build
// towards it, week by week.
func comebackRace(h *history, s *sigs) []candidate {
	from, to := h.asOfDay.AddDate(0, 0, 42), h.asOfDay.AddDate(0, 0, 70)
	var picked *RaceOption
	for i := range h.in.Races {
		r := &h.in.Races[i]
		if r.Date.Before(from) || r.Date.After(to) || r.DistanceM > 10500 {
			continue
		}
		if picked == nil || r.Date.Before(picked.Date) {
			picked = r
		}
	}
	weeks, build, sessions := comebackPlan(h, s)
	title := fmt.Sprintf("Set a goal: a 5K or 10K between %s and %s, and build to it from %s a week", h.day(from), h.day(to), h.dist(weeks[0]))
	var acts []string
	if picked != nil {
		title = fmt.Sprintf("Set a goal: %s on %s", picked.Name, h.day(picked.Date))
		y, m, d := picked.Date.In(h.loc).Date()
		r := planned(time.Date(y, m, d, 0, 0, 0, 0, h.loc), plan.KindRace, picked.DistanceM, picked.Name+": run it to finish strong")
		r.Place = picked.Place
		sessions = append(sessions, r)
		plan.Sort(sessions)
		if picked.URL != "" {
			acts = append(acts, "Enter at "+picked.URL)
		}
	} else {
		acts = append(acts, fmt.Sprintf("Find a 5K or 10K between %s and %s and enter it now", h.day(from), h.day(to)))
	}
	acts = append(acts, build...)
	acts = append(acts,
		"Run the race to finish strong, not for the time of before the break",
		fmt.Sprintf("In week 4 of the build, time an easy-to-steady %s: that sets your goal pace", map[bool]string{false: "3 km", true: "2 mi"}[h.unit == rekindle.UnitMi]))
	usual := ""
	if u := h.habit.UsualDistanceM; u > 0 {
		usual = fmt.Sprintf(" towards your usual %s", h.dist(u))
	}
	c := idea("race-comeback-goal", title, "A date 6 to 10 weeks away gives the comeback a point without rushing it; about 10% more each week"+usual+" keeps it going without an injury (the heart comes back faster than the legs).", 1, acts...)
	c.Plan = sessions
	return []candidate{c}
}

// comebackGoalEarly says why a race goal is premature for a returning
// runner, or "" when it is not: a runner who has never raced (no race in
// their history), or not for half a year, comes back to running, not to
// racing, and a race is one more new thing to ask of a comeback; and in the first
// comebackGoalWeeks weeks back the running is not yet regular enough to
// set a date by. Then the build itself is the goal, with a reward at its
// end (comebackReward), and the race waits (held-out real-122: a cyclist
// who runs a few times a year, never raced, back after months off; real-123:
// the first and second weeks back after seven and ten weeks without a run;
// real-109: the first runs after covid, no race ever).
func (h *history) comebackGoalEarly(s *sigs) string {
	if !h.habit.Returning {
		return ""
	}
	if s.lastRace == nil {
		return "with no race in your history, the goal is the running itself, not a first race"
	}
	if w := float64(h.daysAgo(s.lastRace.Start)) / 7; w >= comebackRacedWeeks {
		return fmt.Sprintf("%s since your last race (%s): the goal is the running itself before the next race", weeksWords(w), h.raceLabel(s.lastRace))
	}
	if w := h.habit.WeeksBack; w <= comebackGoalWeeks {
		return fmt.Sprintf("%s back is too soon to set a race date: make the running regular first", map[bool]string{true: "the first week", false: fmt.Sprintf("week %d", w)}[w <= 1])
	}
	return ""
}

// comebackGoalWeeks: in this many first weeks back a race goal waits.
// comebackRacedWeeks: a last race this many weeks ago or more (half a
// year, where goallessFrom starts to read not racing as the runner's
// habit) is no racing the comeback returns to.
const (
	comebackGoalWeeks  = 2
	comebackRacedWeeks = 26
)

// comebackReward is the returning runner's prescription when a race goal
// is premature (comebackGoalEarly): the same gentle build as comebackRace,
// day by day, and a reward chosen now and taken when the build is done.
func comebackReward(h *history, s *sigs, early string) []candidate {
	weeks, build, sessions := comebackPlan(h, s)
	end := h.tomorrow().AddDate(0, 0, 7*len(weeks)-1)
	steps := []plan.Session{
		step(h.tomorrow(), fmt.Sprintf("Choose the reward and write it down: the %d easy weeks of the build, done by %s", len(weeks), h.day(end))),
		step(end, "The build done? Take the reward: new shoes, a massage, or a run with an old friend and breakfast after"),
	}
	sessions = append(steps, sessions...)
	plan.Sort(sessions)
	title := fmt.Sprintf("Reward the comeback: %d easy weeks from %s a week, then a treat", len(weeks), h.dist(weeks[0]))
	c := idea("reward-comeback-build", title, upperFirst(early)+"; about 10% more each week keeps it going without an injury (the heart comes back faster than the legs), and a reward at the end of the build marks it.", 1, build...)
	c.Plan = sessions
	return []candidate{c}
}
