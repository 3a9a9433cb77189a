package spark

import (
	"testing"

	"rekindle"
)

// easierWeekBuildRunner: a year of 15 km weeks (three runs of 4, 5 and 6
// km), thinner 8 km weeks in the two months before a Saturday half
// marathon in week 34, two weeks without a run after it, then weeks of
// the given km (five runs each, none longer than the race).
func easierWeekBuildRunner(after [3]float64) *persona {
	p := newPersona(361)
	for w := range 35 {
		kms := []float64{4, 5, 6}
		if w >= 26 {
			kms = []float64{3, 2, 3}
		}
		for i, d := range []int{1, 3, 6} {
			if w == 34 && d == 6 {
				continue
			}
			p.add(w, d, runOpt{km: p.jitter(kms[i], 0.04), pace: 360, route: routes[(w+i)%len(routes)]})
		}
		if w == 34 {
			p.add(w, 5, runOpt{km: 21.1, pace: 320, race: true, name: "City half marathon", route: "City"})
		}
	}
	for i, km := range after {
		w := 37 + i
		for j, d := range []int{0, 1, 3, 4, 6} {
			p.add(w, d, runOpt{km: p.jitter(km/5, 0.03), pace: 350, route: routes[(w+j)%len(routes)]})
		}
	}
	return p
}

// A build goes on through an easier week: after a half and two weeks'
// rest, 26, 16 and 35 km weeks against a usual 15 are a runner building
// towards something, not the lull of "it was a big one and nothing has
// replaced it" (held-out real-179 2023-05-28). A single big week after
// usual ones is still the lull's question.
func TestBuildThroughAnEasierWeekAfterABigRaceIsNoLull(t *testing.T) {
	r := Evaluate(easierWeekBuildRunner([3]float64{26, 16, 35}).asOf(39, 6))
	if g := find(r.Diagnoses, rekindle.DiagnosisGoalless); g != nil {
		t.Errorf("26, 16, 35 km weeks after a half against a usual 15: goalless (%.2f): %v", g.Confidence, g.Evidence)
	}
	r = Evaluate(easierWeekBuildRunner([3]float64{15, 15, 35}).asOf(39, 6))
	if find(r.Diagnoses, rekindle.DiagnosisGoalless) == nil {
		t.Errorf("usual weeks, then one 35 km week after a half: no goalless (%v)", r.Diagnoses)
	}
}
