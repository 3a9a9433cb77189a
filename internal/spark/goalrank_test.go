package spark

import (
	"testing"

	"rekindle"
)

// The week after a big race, running on, is recovery from a goal just met:
// sparked ("recover, celebrate"), not goalless (held-out: 24 dates of the
// day after a half, a marathon or an ultra). Resting through the days
// after it keeps the question (real-07 2024-10-30: nothing in the 10 days
// after a marathon).
func TestTheWeekAfterABigRaceIsNotGoalless(t *testing.T) {
	build := func(restAfter bool) *Input {
		p := newPersona(61)
		for w := range 30 {
			for _, d := range []int{1, 3} {
				p.add(w, d, runOpt{km: p.jitter(8, 0.05), route: routes[(w+d)%len(routes)], hour: 18, fast: d == 3})
			}
			if w < 29 {
				p.add(w, 6, runOpt{km: p.jitter(16, 0.05), route: routes[w%len(routes)], pace: 350})
			}
		}
		p.add(29, 6, runOpt{km: 42.2, pace: 320, race: true, name: "City Marathon", hour: 9})
		if !restAfter {
			p.add(30, 2, runOpt{km: 5, pace: 380, route: routes[0], hour: 18})
			return p.asOf(30, 2)
		}
		return p.asOf(31, 2)
	}
	r := Evaluate(build(false))
	if len(r.Diagnoses) != 1 || r.Diagnoses[0].Key != rekindle.DiagnosisSparked {
		t.Errorf("three days after a marathon, an easy 5 km since: diagnoses %+v, want sparked alone", r.Diagnoses)
	}
	r = Evaluate(build(true))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisGoalless {
		t.Errorf("ten days after a marathon, no run since: diagnoses %+v, want goalless first", r.Diagnoses)
	}
}

// A goal missing for longer than a race's lull (12 weeks) is the
// background; running that falls away now is what to act on (real-17
// 2025-02-02: 30 km weeks down to one short run, 35 weeks after a 10K):
// three runs a week down to two, 29 weeks after a 10K.
func TestFadingRanksAboveAGoalLongMissing(t *testing.T) {
	p := newPersona(62)
	for w := range 40 {
		if w == 10 {
			p.add(w, 5, runOpt{km: 10, pace: 290, race: true, name: "Town 10K", hour: 9})
			continue
		}
		days := []int{1, 3, 5}
		if w >= 36 {
			days = []int{1, 4} // two runs a week in the last 4
		}
		for _, d := range days {
			p.add(w, d, runOpt{km: p.jitter(9, 0.05), route: routes[(w+d)%len(routes)], hour: 18, fast: d == 1})
		}
	}
	r := Evaluate(p.asOf(39, 6))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisFading {
		t.Fatalf("diagnoses %+v, want fading first", r.Diagnoses)
	}
	if g := find(r.Diagnoses, rekindle.DiagnosisGoalless); g != nil && g.Confidence >= r.Diagnoses[0].Confidence {
		t.Errorf("goalless %.2f not below fading %.2f", g.Confidence, r.Diagnoses[0].Confidence)
	}
}
