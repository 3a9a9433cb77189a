package spark

import (
	"testing"

	"rekindle"
	"rekindle/internal/training"
)

// A runner of 30 weeks of three runs a week stops for eight weeks, then
// comes back with one short slow run named as rehabilitation for a knee
// (held-out real-125 2024-07-28: "康复运动（膝盖积水）", rehabilitation
// exercise, fluid on the knee, 3.4 km at 8:03/km after 54 days without a
// run; the engine set a 5K or 10K goal on top, the coach said see someone
// who treats it first). The same comeback with an everyday title keeps the
// comeback build on top: its reward, this runner never having raced and
// being in the first week back (TestReturningGoalByClass), or its race.
func TestComebackFromANamedInjuryAsksACoachFirst(t *testing.T) {
	build := func(name string) *Input {
		p := newPersona(32)
		for w := range 30 {
			for i, d := range []int{1, 3, 6} {
				p.add(w, d, runOpt{km: p.jitter([]float64{7, 7, 12}[i], 0.05), route: routes[(w+i)%len(routes)], pace: 370, hour: 19})
			}
		}
		p.add(38, 4, runOpt{km: 3.4, route: routes[0], pace: 480, hour: 14, name: name})
		return p.asOf(38, 6)
	}
	for _, name := range []string{"康复运动（膝盖积水）", "Rehab jog, knee", "Physio run"} {
		r := Evaluate(build(name))
		if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisReturning {
			t.Fatalf("%q: diagnoses %+v, want returning first", name, r.Diagnoses)
		}
		if top := r.Top(); top == nil || top.Strategy != rekindle.StrategyCoach {
			t.Errorf("%q: a comeback from a named injury: top %s, want the coach first", name, topOf(r))
		}
	}
	r := Evaluate(build("Afternoon Run"))
	if top := r.Top(); top == nil || (top.Strategy != rekindle.StrategyReward && top.Strategy != rekindle.StrategyRace) {
		t.Errorf("the same comeback with an everyday title: top %s, want the comeback build (its reward or its race), not the coach", topOf(r))
	}
}

func TestSaysRehab(t *testing.T) {
	for name, want := range map[string]bool{
		"康复运动（膝盖积水）": true, "Rehab run": true, "physio jog": true, "Reha-Lauf": true, "Rehabilitation": true,
		"Morning Run": false, "恢复跑": false, "Rehabilitated? not yet": false, "": false,
	} {
		if got := training.SaysRehab(name); got != want {
			t.Errorf("SaysRehab(%q) = %v, want %v", name, got, want)
		}
	}
}

// topOf names a report's first recommendation: its strategy and id.
func topOf(r *Report) string {
	if top := r.Top(); top != nil {
		return string(top.Strategy) + " " + top.ID
	}
	return "none"
}
