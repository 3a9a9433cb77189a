package spark

import (
	"testing"

	"rekindle"
)

// heldLevelRunner runs four times a week at about 20 km for 60 weeks,
// builds to a run every day (28, 34, 40 km), then holds 36-44 km weeks of
// seven runs for 17 weeks, with weeks of peak and peak-4 km ten and nine
// weeks before the last (a 14 km long run in the first) and 40, 41 and
// 42 km in the three weeks before the last; the last week is last km with
// a 16 km long run. With levelled false the 17 weeks are a steady build
// from 32 to 46 km instead (no week near the last one months before it).
func heldLevelRunner(peak, last float64, levelled bool) *Input {
	p := newPersona(81)
	var weeks []float64
	for w := range 60 {
		weeks = append(weeks, 20+2*float64(w%3-1))
	}
	weeks = append(weeks, 28, 34, 40)
	for w := range 17 {
		km := 40 + 4*float64(w%3-1)
		if !levelled {
			km = 32 + float64(w)*14/16
		}
		weeks = append(weeks, km)
	}
	n := len(weeks)
	if levelled {
		weeks[n-10], weeks[n-9] = peak, peak-4
	}
	weeks[n-3], weeks[n-2], weeks[n-1] = 40, 41, 42
	weeks = append(weeks, last)
	for w, km := range weeks {
		if w < 60 {
			for i, d := range []int{1, 3, 5, 6} {
				share := []float64{0.2, 0.2, 0.2, 0.4}[i]
				p.add(w, d, runOpt{km: p.jitter(km*share, 0.03), route: routes[(w+i)%len(routes)], enjoy: 4})
			}
			continue
		}
		long := 0.0
		switch {
		case w == len(weeks)-1:
			long = 16
		case levelled && w == n-10:
			long = 14
		}
		for d := range 7 {
			k := km / 7
			if long > 0 {
				k = (km - long) / 6
				if d == 6 {
					k = long
				}
			}
			p.add(w, d, runOpt{km: p.jitter(k, 0.05), route: routes[(w+d)%len(routes)], enjoy: 4})
		}
	}
	return p.asOf(len(weeks)-1, 6)
}

// The class "a level held for months read as load without recovery": a
// daily runner whose week is no bigger than a week they ran two to four
// months ago and ran on from (levelHeldMonths) is at a level reached long
// ago and carried since; the weeks without a light week are how they train,
// not a streak building to an overload (held-out real-81 2021-11-14: 24
// weeks of a run every day, 59 km now as nine weeks before, "13 weeks in a
// row without a light week", a 20 km run this week; real-111 2025-05-04,
// real-146 2022-09-18). A build whose weeks are new (the same runner's 17
// weeks climbing from 32 km, as the casebook's tired grinder's 45 to 77 km)
// keeps the streak's weight.
func TestLevelHeldForMonthsIsNotOverreached(t *testing.T) {
	in := heldLevelRunner(56, 55, true)
	h := newHistory(in)
	s := h.signals()
	t.Logf("held %v, this %.0f m, weeks without light %.0f, week vs usual %.2f, fitness %.1f, monotony %.2f",
		h.levelHeldMonths(), h.habit.ThisDistanceM, s.get(SigWeeksNoLight), s.get(SigWeekVsUsual), s.get(SigFitness), s.get(SigMonotony))
	if k, c, evs := overreached(h, s); c >= minConfidence {
		t.Errorf("a daily runner's 55 km week after a 56 km week ten weeks before and 35-44 km weeks since: %s %.2f %+v", k, c, evs)
	}
	if r := Evaluate(in); len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisOverreached {
		t.Errorf("overreached on top: %+v", r.Diagnoses[0].Evidence)
	}
	// A week beyond the level (over SameRunShare of the 56 km week): measured as before.
	h = newHistory(heldLevelRunner(56, 66, true))
	if _, c, evs := overreached(h, h.signals()); c < minConfidence {
		t.Errorf("66 km after a 56 km peak: overreached %.2f %+v, want it kept", c, evs)
	}
	// A steady build whose weeks are all new is no level held months ago.
	if h := newHistory(heldLevelRunner(0, 55, false)); h.levelHeldMonths() {
		t.Errorf("55 km at the top of a 17-week build from 32 km read as a level held for months")
	}
}
