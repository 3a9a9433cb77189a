package spark

import (
	"testing"

	"rekindle"
)

// walkerWhoJogs is twenty weeks of a walker who jogs: walks of an hour or
// more on five days a week (the other sport given), and three short runs of
// 1.5-2 km at 9 min/km; in week 20 the walks go on and the running is one
// 10.5 km run at 9:50/km, twice the usual week and five times the month's
// longest run.
func walkerWhoJogs(seed uint64, other rekindle.Sport, km, pace float64) *persona {
	p := newPersona(seed)
	for w := range 21 {
		for _, d := range []int{0, 1, 3, 4, 6} {
			p.add(w, d, runOpt{km: p.jitter(km, 0.1), pace: pace, sport: other, hour: 18, enjoy: 4})
		}
		if w == 20 {
			p.add(w, 5, runOpt{km: 10.5, pace: 590, route: routes[2], hour: 20, enjoy: 4})
			continue
		}
		for _, d := range []int{1, 3, 5} {
			p.add(w, d, runOpt{km: p.jitter(1.7, 0.1), pace: 540, route: routes[d%2], hour: 21, enjoy: 4})
		}
	}
	return p
}

// Walks and hikes are time on foot: a walker who jogs, whose sessions are
// mostly walks of an hour or more, is not "unready in the legs" for a 10.5 km
// run at a jog's pace (held-out real-127 2024-06-16: a 10.5 km run at 9:49/km,
// twice his usual 5.2 km week, beside 3-13 hours of walks a week, called
// overreached, "85% of your sessions of the last 8 weeks were other sports:
// they do not ready your legs for that much running"; the coach saw a walker
// who jogs running further, keen). The cross-training rule of the running
// jump is for rides and swims (TestRunningJumpHiddenByCrossTrainingIsOverreached).
func TestWalkerWhoJogsFurtherIsNotOverreachedByTheLegsRule(t *testing.T) {
	p := walkerWhoJogs(126, rekindle.SportHiking, 5, 720)
	r := Evaluate(p.asOf(20, 6))
	if ev, ok := legsEvidence(r); ok {
		t.Errorf("a walker's walks read as sports that do not ready the legs: %+v", ev)
	}
	if len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisOverreached {
		t.Errorf("one 10.5 km jog beside the usual walks: overreached on top %+v", r.Diagnoses[0].Evidence)
	}
}

// The same weeks with the walks made rides of the same hours: the legs rule
// still speaks (rides do not carry the runner's weight).
func TestRiderWhoJogsFurtherStillMeetsTheLegsRule(t *testing.T) {
	p := walkerWhoJogs(127, rekindle.SportCycling, 20, 180)
	r := Evaluate(p.asOf(20, 6))
	if _, ok := legsEvidence(r); ok {
		return
	}
	t.Errorf("a rider's running doubled in one run five times the month's longest: no legs evidence in %+v", r.Diagnoses)
}

// legsEvidence returns the overreached diagnosis's evidence when it cites
// the legs rule of a running jump (SigCrossShare: other sports that do not
// ready the legs), and whether it does.
func legsEvidence(r *Report) ([]Evidence, bool) {
	for _, d := range r.Diagnoses {
		if d.Key != rekindle.DiagnosisOverreached {
			continue
		}
		for _, e := range d.Evidence {
			if e.Signal == SigCrossShare {
				return d.Evidence, true
			}
		}
	}
	return nil, false
}
