package spark

import (
	"testing"

	"rekindle"
)

// newPeakRunner: 37 weeks of three runs (6, 7, 8 km), a 21.8 km trail race
// on the Saturday of week 37 with the week's runs beside it (the year's
// biggest week, 43 km), then two weeks after it given by after (the km of
// each day's run, none longer than the race).
func newPeakRunner(after [2][7]float64) *persona {
	p := newPersona(29)
	for w := range 40 {
		if w >= 38 {
			for d, km := range after[w-38] {
				if km > 0 {
					p.add(w, d, runOpt{km: km, pace: 330, route: routes[(w+d)%len(routes)]})
				}
			}
			continue
		}
		for i, d := range []int{1, 3, 6} {
			p.add(w, d, runOpt{km: p.jitter([]float64{6, 7, 8}[i], 0.04), pace: 340, route: routes[(w+i)%len(routes)]})
		}
		if w == 37 {
			p.add(w, 5, runOpt{km: 21.8, pace: 300, race: true, name: "Spring Trail", route: "Trail"})
		}
	}
	return p
}

// A runner whose last week, all of it after a big race, is the biggest of
// their year is building for what comes next, named or not, before any run
// has grown past the race (held-out real-89 2025-04-27: 43, 48, 56 km weeks
// of 4-7 runs with long intervals, 15 days after a 21.8 km trail race, read
// as goalless, "it was a big one and nothing has replaced it"). The same
// race followed by two weeks at the usual 21 km is still the lull's
// question, and so is a single big week after a usual one (held-out
// real-25 2022-01-20: rides typed as runs made one 55 km week).
func TestNewPeakAfterABigRaceIsNoLull(t *testing.T) {
	build := [2][7]float64{{8, 8, 7, 8, 9, 8}, {9, 8, 9, 8, 9, 10}}
	r := Evaluate(newPeakRunner(build).asOf(39, 6))
	if g := find(r.Diagnoses, rekindle.DiagnosisGoalless); g != nil {
		t.Errorf("48 and 53 km weeks after a race in a year of 21 km weeks: goalless (%.2f): %v", g.Confidence, g.Evidence)
	}
	one := [2][7]float64{{0, 6, 0, 7, 0, 0, 8}, {9, 8, 9, 8, 9, 10}}
	r = Evaluate(newPeakRunner(one).asOf(39, 6))
	if find(r.Diagnoses, rekindle.DiagnosisGoalless) == nil {
		t.Errorf("a usual week, then one 53 km week after a big race: no goalless (%v)", r.Diagnoses)
	}
	usual := [2][7]float64{{0, 6, 0, 7, 0, 0, 8}, {0, 6, 0, 7, 0, 0, 8}}
	r = Evaluate(newPeakRunner(usual).asOf(39, 6))
	if find(r.Diagnoses, rekindle.DiagnosisGoalless) == nil {
		t.Errorf("usual weeks after a big race: no goalless (%v)", r.Diagnoses)
	}
}
