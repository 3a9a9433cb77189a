package spark

import (
	"testing"

	"rekindle"
)

// commuterWhoHikes is twenty weeks of a runner who rides to work and back on
// five weekdays (two rides of 1.3 km, six or seven minutes each), hikes for
// hours every Saturday (14 km at 20 min/km) and runs three short runs of
// 1.5-2 km a week; in week 20 the rides and the hike go on and the running is
// one 10.5 km run at 9:50/km, twice the usual week and five times the month's
// longest run.
func commuterWhoHikes(seed uint64) *persona {
	p := newPersona(seed)
	for w := range 21 {
		for d := range 5 {
			p.add(w, d, runOpt{km: p.jitter(1.3, 0.1), pace: 300, sport: rekindle.SportCycling, hour: 8.5, enjoy: 4})
			p.add(w, d, runOpt{km: p.jitter(1.3, 0.1), pace: 300, sport: rekindle.SportCycling, hour: 18.5, enjoy: 4})
		}
		p.add(w, 5, runOpt{km: p.jitter(14, 0.1), pace: 1200, sport: rekindle.SportHiking, hour: 9, enjoy: 4})
		if w == 20 {
			p.add(w, 6, runOpt{km: 10.5, pace: 590, route: routes[2], hour: 20, enjoy: 4})
			continue
		}
		for _, d := range []int{1, 3, 6} {
			p.add(w, d, runOpt{km: p.jitter(1.7, 0.1), pace: 540, route: routes[d%2], hour: 21, enjoy: 4})
		}
	}
	return p
}

// Sessions are not time: a runner whose other sessions are mostly two
// five-minute bike commutes a day, and whose hours off running are mostly
// spent hiking, has legs that carry their weight for hours; the legs rule of
// the running jump (rides and swims do not ready the legs for running's
// pounding) is for a runner whose time off running is mostly off the feet
// (held-out real-171 2024-06-23: 26.4 km in four runs with a 12.2 km run-walk,
// "83% of your sessions of the last 8 weeks were other sports: they do not
// ready your legs for that much running", beside 66 commute rides of 9.5 h in
// all, 21 walks of 10.6 h and 7 mountain hikes of 29.8 h; the coach saw a
// runner three months back, keen).
func TestCommuterWhoHikesRunningFurtherIsNotOverreachedByTheLegsRule(t *testing.T) {
	p := commuterWhoHikes(171)
	r := Evaluate(p.asOf(20, 6))
	if ev, ok := legsEvidence(r); ok {
		t.Errorf("two five-minute commutes a day read as sports that do not ready the legs, beside hours of hiking: %+v", ev)
	}
	if len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisOverreached {
		t.Errorf("one 10.5 km jog beside the usual commutes and hikes: overreached on top %+v", r.Diagnoses[0].Evidence)
	}
}
