package spark

import (
	"testing"

	"rekindle"
)

// A lift long after the last race: the last weeks at 1.5× the usual week
// and more, in more runs than the usual week, 40-odd weeks after a short
// race, are a spark, and the race's hunch of a missing goal is no call to
// make over it (held-out real-123 2025-09-28: 12, 18, 20 and 27 km weeks of
// three to five runs against a usual 12 in two, 45 weeks after a 5 km run
// read as a race; "45 weeks since your last race", goalless a hunch). The
// same weeks at the usual volume keep the hunch, and so does a lift of
// longer runs in the usual number of runs.
func TestALiftLongAfterARaceIsNoMissingGoal(t *testing.T) {
	runner := func(lift []float64) *Input {
		p := newPersona(3123)
		const weeks = 56
		for w := range weeks {
			if w == 8 {
				p.add(w, 5, runOpt{km: 5, pace: 280, race: true, route: routes[0], hour: 8})
				continue
			}
			km := []float64{5, 6}
			if i := w - (weeks - len(lift)); i >= 0 {
				km = nil
				for range int(lift[i]) {
					km = append(km, p.jitter(5.5, 0.05))
				}
			}
			for j, k := range km {
				p.add(w, []int{1, 3, 5, 6, 0}[j], runOpt{km: k, pace: p.jitter(320, 0.03), fast: j == 1, route: routes[(w+j)%len(routes)], hour: 6 + float64((w+j)%4)*3})
			}
		}
		return p.asOf(weeks-1, 6)
	}
	top := func(in *Input) DiagnosisResult { return Evaluate(in).Diagnoses[0] }
	if d := top(runner([]float64{3, 4, 4})); d.Key == rekindle.DiagnosisGoalless {
		t.Errorf("three, four and four runs a week against two, 47 weeks after a 5K: top goalless (%.2f) %v", d.Confidence, d.Evidence)
	}
	if d := top(runner(nil)); d.Key != rekindle.DiagnosisGoalless {
		t.Errorf("the usual two runs a week, 47 weeks after a 5K: top %s %v, want the goalless hunch", d.Key, d.Evidence)
	}
}
