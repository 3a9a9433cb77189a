package spark

import (
	"testing"

	"rekindle"
)

// dailyRepeatRunner runs four times a week (three rest days: days that
// vary) at 18-22 km weeks for 30 weeks, then builds with no light week to
// a summer of daily runs: weeks of 24, 28, 32, 36 and 40 km in four runs,
// then 46 km and the last four weeks last[0..3], each in seven runs of the
// same length (days all alike), or in four runs with four=true.
func dailyRepeatRunner(last [4]float64, four bool) *Input {
	p := newPersona(68)
	weeks := []float64{}
	for w := range 30 {
		weeks = append(weeks, 20+2*float64(w%3-1))
	}
	weeks = append(weeks, 24, 28, 32, 36, 40, 46)
	weeks = append(weeks, last[:]...)
	for w, km := range weeks {
		if w < 35 || four {
			for i, d := range []int{1, 3, 5, 6} {
				share := []float64{0.2, 0.2, 0.2, 0.4}[i]
				p.add(w, d, runOpt{km: p.jitter(km*share, 0.03), route: routes[(w+i)%len(routes)], enjoy: 4})
			}
			continue
		}
		for d := range 7 {
			p.add(w, d, runOpt{km: p.jitter(km/7, 0.02), route: routes[(w+d)%len(routes)], enjoy: 4})
		}
	}
	return p.asOf(len(weeks)-1, 6)
}

// The class "a daily runner's normal load read as an overload": a week of
// the same daily runs that repeats a week run two weeks before and run on
// from (training.Habit.RepeatsHandledWeek), whose days were as alike, is
// a level held: the streak without a light week and the sameness are the
// ones the runner has just run through, not strain by themselves (held-out
// real-68 2019-07-21: 63, 53 and 59 km weeks of daily 10-12 km runs,
// monotony 9.5, "11 weeks in a row without a light week"). A week bigger
// than the one repeated (a slow build of the same daily runs, as the
// casebook's tired grinder's), a week beyond it, and the same weeks run in
// four runs (days that vary: no sameness run through) are still judged as
// before.
func TestDailyRepeatOfAHandledWeekIsNotOverreached(t *testing.T) {
	in := dailyRepeatRunner([4]float64{50, 60, 53, 58}, false)
	h := newHistory(in)
	s := h.signals()
	t.Logf("repeat %v, handled %.0f m, its monotony %.2f, this %.2f, weeks without light %.0f, fitness %.1f",
		h.habit.RepeatsHandledWeek(), h.habit.HandledDistanceM, h.handledWeekMonotony(), s.get(SigMonotony), s.get(SigWeeksNoLight), s.get(SigFitness))
	if k, c, evs := overreached(h, s); c > 0 {
		t.Errorf("a daily runner's repeat of a week run two weeks before: %s %.2f %+v", k, c, evs)
	}
	if r := Evaluate(in); len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisOverreached {
		t.Errorf("overreached on top: %+v", r.Diagnoses[0].Evidence)
	}
	// A week beyond the one repeated (over SameRunShare of it): measured as before.
	h = newHistory(dailyRepeatRunner([4]float64{50, 60, 53, 72}, false))
	if _, c, evs := overreached(h, h.signals()); c < 0.4 {
		t.Errorf("a daily runner's 72 km after 60 and 53: overreached %.2f %+v, want it kept", c, evs)
	}
	// The same weeks in four runs with three rest days: no sameness run
	// through, the streak still counts.
	h = newHistory(dailyRepeatRunner([4]float64{50, 60, 53, 58}, true))
	if _, c, evs := overreached(h, h.signals()); c < 0.4 {
		t.Errorf("58 km in four runs after 60 and 53, no light week for months (handled week's monotony %.2f): overreached %.2f %+v, want it kept", h.handledWeekMonotony(), c, evs)
	}
	// A slow build of the same daily runs: this week within SameRunShare of
	// the week two back (a repeat by distance) but bigger than it.
	h = newHistory(dailyRepeatRunner([4]float64{50, 55, 57.5, 60}, false))
	if _, c, evs := overreached(h, h.signals()); c < 0.4 || !h.habit.RepeatsHandledWeek() {
		t.Errorf("a daily runner's build of 50, 55, 57.5, 60 km (repeat %v): overreached %.2f %+v, want it kept", h.habit.RepeatsHandledWeek(), c, evs)
	}
}
