package spark

import (
	"testing"

	"rekindle"
)

// buildRunner runs 10, 12, 10 and 9 km Monday to Thursday and a Saturday
// long run of 16 km for 20 weeks, with a named half in week 10, then eight
// weeks more whose Saturday long runs are longs[0..7].
func buildRunner(longs []float64) *persona {
	p := newPersona(23)
	for w := range 20 + len(longs) {
		for i, d := range []int{0, 1, 2, 3} {
			p.add(w, d, runOpt{km: p.jitter([]float64{10, 12, 10, 9}[i], 0.04), route: routes[(w+i)%len(routes)], pace: 360})
		}
		long := 16.0
		if w >= 20 {
			long = longs[w-20]
		}
		if w == 10 {
			p.add(w, 5, runOpt{km: 21.2, pace: 300, race: true, name: "City half", route: "City"})
			continue
		}
		p.add(w, 5, runOpt{km: long, pace: 380, route: routes[(w+4)%len(routes)]})
	}
	return p
}

// Long runs past the half marathon week after week, still growing, with no
// race that long since: a marathon build, so a goal lies ahead whatever the
// last race was (held-out real-38 2024-09-22: Saturday long runs of 24.2,
// 24.2, 24.2, 18.3, 25.8, 25.8 and 29.0 km, ten weeks after his last long
// "race"; the coach: sparked, a marathon in November). Nor are eight weeks
// without a light week overreaching by themselves while the load holds and
// the days vary. The same weeks with the Saturday run held at 16 km are
// goalless: 17 weeks since the half and nothing has replaced it.
func TestMarathonBuildIsAGoal(t *testing.T) {
	r := Evaluate(buildRunner([]float64{20, 24, 24, 25, 19, 26, 27, 29}).asOf(27, 6))
	for _, d := range r.Diagnoses {
		if d.Key == rekindle.DiagnosisGoalless || d.Key == rekindle.DiagnosisOverreached {
			t.Errorf("in a marathon build: %s (%.2f): %v", d.Key, d.Confidence, d.Evidence)
		}
	}
	if r.Diagnoses[0].Key != rekindle.DiagnosisSparked {
		t.Errorf("in a marathon build: top %s, want sparked", r.Diagnoses[0].Key)
	} else if ev := r.Diagnoses[0].Evidence; len(ev) < 2 || ev[1].Text != "a marathon build: runs longer than a half marathon in 5 of the last 6 weeks, the longest 29.0 km on 19 Jul 2025" {
		t.Errorf("sparked evidence: %v", ev)
	}
	same := Evaluate(buildRunner([]float64{16, 16, 16, 16, 16, 16, 16, 16}).asOf(27, 6))
	if find(same.Diagnoses, rekindle.DiagnosisGoalless) == nil {
		t.Errorf("long runs held at 16 km, 17 weeks after a half: no goalless (%v)", same.Diagnoses)
	}
	// Long runs of 24-26 km for months, no longer lately: a habit, not a build.
	habit := Evaluate(buildRunner([]float64{26, 25, 24, 25, 24, 25, 24, 24}).asOf(27, 6))
	if find(habit.Diagnoses, rekindle.DiagnosisGoalless) == nil {
		t.Errorf("long runs of 24-26 km for eight weeks, none growing: no goalless (%v)", habit.Diagnoses)
	}
}
