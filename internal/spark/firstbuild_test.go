package spark

import (
	"testing"

	"rekindle"
)

// False overreached on a new runner's build past their first ten weeks
// (held-out real-124 2020-09-13: eleven weeks into the list, 37, 34, 26, 44
// and 48 km weeks, "1.4× your usual week"; real-129 2023-02-19: five months
// after the first run, 18, 25, 21 and 33 km weeks; overreached/rest where the
// coach saw runners taking to it). A young record's week bigger than any
// before it and short of a doubling is the next step of the first climb
// (training.Habit.FirstBuild). Controls: the same climb's last week doubled
// is still overreached, and so is the same step after a year and a half of
// weeks at the level the climb reached.
func TestFirstBuildStepIsNotOverreached(t *testing.T) {
	climb := []float64{8, 10, 12, 12, 14, 16, 15, 18, 20, 22, 20, 24, 26, 24, 22}
	build := func(settled int, last float64) *Input {
		p := newPersona(124)
		week := func(w int, km float64) {
			for i, d := range []int{1, 3, 4, 6} {
				share := []float64{0.2, 0.25, 0.2, 0.35}[i]
				p.add(w, d, runOpt{km: p.jitter(km*share, 0.04), route: routes[(w+i)%len(routes)], pace: []float64{350, 340, 345, 360}[i], hour: []float64{19, 19, 19, 8}[i]})
			}
		}
		for w := range settled {
			week(w, climb[len(climb)-3+w%3])
		}
		for i, km := range climb {
			week(settled+i, km)
		}
		week(settled+len(climb), last)
		return p.asOf(settled+len(climb), 6)
	}
	r := Evaluate(build(0, 34))
	s := r.Signals
	t.Logf("week %.1f km, usual %.1f, ACWR %.2f, monotony %.2f; %v", s[SigWeekKm].Value, s[SigUsualWeekKm].Value, s[SigACWR].Value, s[SigMonotony].Value, r.Diagnoses)
	if d := find(r.Diagnoses, rekindle.DiagnosisOverreached); d != nil {
		t.Errorf("34 km after a first climb of 8 to 26 km weeks: overreached %.2f (%v)", d.Confidence, d.Evidence)
	}
	if len(r.Recommendations) > 0 && r.Recommendations[0].Strategy == rekindle.StrategyRest {
		t.Errorf("34 km after a first climb: rest first: %s", r.Recommendations[0].Why)
	}
	r = Evaluate(build(0, 55))
	t.Logf("the climb's last week doubled: %v", r.Diagnoses)
	if d := find(r.Diagnoses, rekindle.DiagnosisOverreached); d == nil {
		t.Errorf("55 km after a first climb to 26 km weeks: not overreached (%v)", r.Diagnoses)
	}
	r = Evaluate(build(80, 34))
	t.Logf("the same step after 80 weeks at 22-26 km: %v", r.Diagnoses)
	if d := find(r.Diagnoses, rekindle.DiagnosisOverreached); d == nil {
		t.Errorf("34 km after 80 settled weeks of 22-26 km: not overreached (%v)", r.Diagnoses)
	}
}
