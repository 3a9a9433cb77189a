package spark

import "rekindle/internal/training"

// injuredReturn reports whether the runner is coming back from an injury
// they named: a comeback (training.Habit.Returning) with a run since the
// break, AsOf's week at least, named as hurting or as rehabilitation
// (training.SaysHurt, training.SaysRehab). A comeback from an injury wants
// someone who treats it before a goal race: the race the comeback's
// prescription sets (comebackRace) is for the legs that are whole again
// (held-out real-125 2024-07-28: 54 days without a run after a spring build
// of 10 km runs, then one 3.4 km run at 8:03/km titled "rehabilitation
// exercise (fluid on the knee)"; the engine said "set a goal: a 5K or 10K",
// the coach said ask a coach or a physio, rest, cross-train).
func (h *history) injuredReturn() bool {
	if !h.habit.Returning {
		return false
	}
	days := 7 * max(h.habit.WeeksBack, 1)
	for i := range h.runs {
		d := h.runDay[i]
		if d > h.today || h.today-d >= days {
			continue
		}
		if n := h.runs[i].Name; training.SaysHurt(n) || training.SaysRehab(n) {
			return true
		}
	}
	return false
}
