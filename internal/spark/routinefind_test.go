package spark

import (
	"testing"

	"rekindle"
)

// A runner who names no race anywhere: a year of 8-10 km runs at 5:40/km
// and a Sunday 16 km, heart rate 150, then a block of 12-15 km evening runs
// at 4:55/km, well above the usual week. In the block, 21.2 km runs at
// 4:52/km and heart rate 150 are found as "half marathons" by their pace
// (faster than the year's half-length pace), with nothing to name them
// races. When such a run, on a Monday evening, is one of three in three
// weeks, as long, as fast and at the same heart rate, a coach reads it as
// the runner's routine long run of that month: the last of them starts no
// goal clock ("3 weeks since your last race … it was a big one and nothing
// has replaced it" is not the call; the class of held-out real-161
// 2022-11-20). The same run once, with nothing as long around it, stays
// the race it may have been, and its lull stays on top; so do the three
// runs started on Saturday mornings, when road races start.
func TestRoutineLongRunFoundAsARaceStartsNoGoalClock(t *testing.T) {
	build := func(repeated bool, day int, hour float64) *Input {
		p := newPersona(35)
		add := func(w, d int, o runOpt) {
			p.add(w, d, o)
			p.in.Sessions[len(p.in.Sessions)-1].AvgHR = p.jitter(150, 0.02)
		}
		for w := 0; w < 40; w++ {
			for _, d := range []int{0, 1, 3, 5} {
				add(w, d, runOpt{km: p.jitter(9, 0.1), pace: p.jitter(340, 0.03), route: routes[(w+d)%4], hour: 7})
			}
			add(w, 6, runOpt{km: p.jitter(16, 0.05), pace: p.jitter(350, 0.02), route: "Canal path", hour: 8})
		}
		for w := 40; w <= 48; w++ {
			for _, d := range []int{1, 2, 3, 4} {
				add(w, d, runOpt{km: p.jitter(13.5, 0.1), pace: p.jitter(295, 0.02), route: routes[(w+d)%4], hour: 20})
			}
			if w == 46 || repeated && (w == 44 || w == 45) {
				add(w, day, runOpt{km: 21.2, pace: 292, route: "River long loop", hour: hour})
			}
		}
		return p.asOf(48, 6)
	}
	lull := func(r *Report) *DiagnosisResult {
		if g := find(r.Diagnoses, rekindle.DiagnosisGoalless); g != nil && g.Confidence > 0 && raceLull(g.Evidence) {
			return g
		}
		return nil
	}
	if r := Evaluate(build(true, 0, 20.5)); lull(r) != nil {
		g := lull(r)
		t.Errorf("a third 21.2 km Monday-evening run in three weeks, as fast and at the same heart rate: a big race's lull %.2f (%v)", g.Confidence, g.Evidence)
	}
	if r := Evaluate(build(false, 0, 20.5)); lull(r) == nil || r.Diagnoses[0].Key != rekindle.DiagnosisGoalless {
		t.Errorf("one 21.2 km Monday-evening run found as a half, nothing as long around it: want its lull on top, got %v", r.Diagnoses)
	}
	if r := Evaluate(build(true, 5, 8)); lull(r) == nil || r.Diagnoses[0].Key != rekindle.DiagnosisGoalless {
		t.Errorf("three 21.2 km Saturday-morning runs, the last found as a half: want its lull on top, got %v", r.Diagnoses)
	}
}
