package spark

import (
	"testing"

	"rekindle"
)

// monthLevelRunner runs three times a week at about 14 km for 44 weeks,
// then the eight weeks before the last are given by month (the four weeks
// 4-7 back, oldest first) and recent (weeks 3-1 back, oldest first), and
// the last week is last km in five runs with a long run of a third of it.
// Each week of the eight is three or four runs with its long run at 40%.
func monthLevelRunner(month, recent [4]float64, last float64) *Input {
	p := newPersona(145)
	var weeks []float64
	for w := range 44 {
		weeks = append(weeks, 14+2*float64(w%3-1))
	}
	weeks = append(weeks, month[:]...)
	weeks = append(weeks, recent[:3]...)
	weeks = append(weeks, last)
	for w, km := range weeks {
		switch {
		case w < 44:
			for i, d := range []int{1, 3, 6} {
				share := []float64{0.3, 0.3, 0.4}[i]
				p.add(w, d, runOpt{km: p.jitter(km*share, 0.03), route: routes[(w+i)%len(routes)], enjoy: 4, pace: 480})
			}
		case w < len(weeks)-1:
			for i, d := range []int{1, 3, 4, 6} {
				share := []float64{0.2, 0.2, 0.2, 0.4}[i]
				p.add(w, d, runOpt{km: p.jitter(km*share, 0.03), route: routes[(w+i)%len(routes)], enjoy: 4, pace: 480})
			}
		default:
			for i, d := range []int{0, 1, 3, 4, 6} {
				share := []float64{1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 3}[i]
				p.add(w, d, runOpt{km: p.jitter(km*share, 0.03), route: routes[(w+i)%len(routes)], enjoy: 4, pace: 480})
			}
		}
	}
	return p.asOf(len(weeks)-1, 6)
}

// The class "a week back up at a level the runner ran a month or two ago,
// read as a jump" (monthWithinLevel): a light runner's autumn of 30-37 km
// weeks, three lighter weeks of 20-25 km, then 41 km with a long run. Against
// the year's 14 km median and the 22 km mean of the weeks just before it
// reads "1.6× your usual week"; a coach sees a volume run six weeks ago
// (held-out real-145 2016-12-11, real-175 2017-12-10, real-101 2025-12-21).
// A week far beyond the month before (60 km on the same weeks), a month
// whose weeks already ran beyond that level, and a level held without
// easing off, are measured as before.
func TestWeekBackAtMonthLevelIsNotOverreached(t *testing.T) {
	month := [4]float64{30, 37, 29, 30}
	recent := [4]float64{25, 21, 20}
	in := monthLevelRunner(month, recent, 41)
	h := newHistory(in)
	s := h.signals()
	t.Logf("within %v, this %.0f m, week vs usual %.2f, ratio %.2f, fitness %.1f, fatigue %.1f",
		h.monthWithinLevel(), h.habit.ThisDistanceM, s.get(SigWeekVsUsual), s.get(SigACWR), s.get(SigFitness), s.get(SigFatigue))
	if k, c, evs := overreached(h, s); c >= minConfidence {
		t.Errorf("41 km after 20-25 km weeks and a 37 km week six weeks before: %s %.2f %+v", k, c, evs)
	}
	if r := Evaluate(in); len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisOverreached {
		t.Errorf("overreached on top: %+v", r.Diagnoses[0].Evidence)
	}
	// A jump beyond the level of the month before: measured as before.
	h = newHistory(monthLevelRunner(month, recent, 60))
	if h.monthWithinLevel() {
		t.Errorf("60 km after a 37 km month read as a week at the month's level")
	}
	if _, c, evs := overreached(h, h.signals()); c < minConfidence {
		t.Errorf("60 km after 20-37 km weeks: overreached %.2f %+v, want it kept", c, evs)
	}
	// A month that already ran beyond the level (a 55 km week last week)
	// is a build on it, not a return to it.
	if h := newHistory(monthLevelRunner(month, [4]float64{25, 21, 55}, 41)); h.monthWithinLevel() {
		t.Errorf("41 km after a 55 km week on a 37 km month read as a week at the month's level")
	}
	// A level held without easing off, then a week over it, is no return:
	// the streak and the ratio are measured as before.
	if h := newHistory(monthLevelRunner(month, [4]float64{36, 37, 36}, 41)); h.monthWithinLevel() {
		t.Errorf("41 km after 36-37 km weeks read as a week back up after easing off")
	}
}
