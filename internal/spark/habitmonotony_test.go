package spark

import (
	"strings"
	"testing"

	"rekindle"
)

// habitMonotonyRunner runs every day for 40 weeks (six easy runs and a
// longer one: every week's monotony over Foster's 2.0), or, with varied,
// four runs a week with three rest days (monotony under 2) until the last
// 6 weeks, which are daily like the other's. The last weeks climb 4.5% a
// week with no light week; with ramp, the last 4 weeks are 80-95 km
// instead (over 1.5 times the 4 before).
func habitMonotonyRunner(varied, ramp bool) *Input {
	p := newPersona(111)
	for w := range 40 {
		km := 50 + 3*float64(w%3-1) // 47, 50, 53: no week light against the 3 before
		if w >= 34 {
			km = 52 * pow(1.045, w-34)
		}
		if ramp && w >= 36 {
			km = 80 + 5*float64(w-36)
		}
		if varied && w < 34 {
			for i, d := range []int{1, 3, 5, 6} {
				share := []float64{0.2, 0.2, 0.2, 0.4}[i]
				p.add(w, d, runOpt{km: p.jitter(km*share, 0.03), route: routes[(w+i)%len(routes)], enjoy: 4})
			}
			continue
		}
		for d := range 7 {
			share := 0.8 / 6
			if d == 6 {
				share = 0.2
			}
			p.add(w, d, runOpt{km: p.jitter(km*share, 0.03), route: routes[(w+d)%len(routes)], enjoy: 4})
		}
	}
	return p.asOf(39, 6)
}

// A runner who has run every day for most of a year, the same easy runs
// day after day, at a volume held for a month: days all the same are how
// they run, not a new strain, and with nothing else against them they are
// not overreached (held-out real-111 2025-05-04, monotony 2.9 against his
// usual 2.0; real-82 2024-05-05, 2.0 against 2.1). The same last weeks
// after months of varied days (a usual monotony under 2) still count the
// sameness, and so does the daily runner's sameness in a month's ramp.
func TestHabitualMonotonyIsNotOverreached(t *testing.T) {
	h := newHistory(habitMonotonyRunner(false, false))
	s := h.signals()
	t.Logf("monotony %.2f, usual %.2f, held month %v", s.get(SigMonotony), h.habitualMonotony(), h.heldMonth())
	r := Evaluate(habitMonotonyRunner(false, false))
	if len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisOverreached {
		t.Errorf("a daily runner's usual sameness: overreached on top %+v", r.Diagnoses[0].Evidence)
	}
	if _, _, evs := overreached(h, s); said(evs, "monotony") {
		t.Errorf("monotony said of a daily runner whose weeks were all as alike: %+v", evs)
	}
	h = newHistory(habitMonotonyRunner(true, false))
	if _, _, evs := overreached(h, h.signals()); !said(evs, "monotony") {
		t.Errorf("daily runs after months of varied days (usual monotony %.2f): no monotony said, evidence %+v", h.habitualMonotony(), evs)
	}
	h = newHistory(habitMonotonyRunner(false, true))
	if _, _, evs := overreached(h, h.signals()); h.heldMonth() || !said(evs, "monotony") {
		t.Errorf("a daily runner's month of 80-95 km weeks after 50s (held month %v): no monotony said, evidence %+v", h.heldMonth(), evs)
	}
}

func said(evs []Evidence, word string) bool {
	for _, e := range evs {
		if strings.Contains(e.Text, word) {
			return true
		}
	}
	return false
}
