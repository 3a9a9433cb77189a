package spark

import (
	"testing"

	"rekindle"
)

// A new runner's first weeks (held-out real-79 2013-05-20): one or two
// 5.7 km runs a week for six weeks (12, 11, 0, 6, 11, 6 km). The "usual" of
// so short a record is its first keen fortnight; an ordinary month after it
// is no fade. The same start followed by two weeks without a run is.
func TestNewRunnerHasNoHabitToFadeFrom(t *testing.T) {
	build := func(stopWeeks int) *Input {
		p := newPersona(41)
		for w, days := range [][]int{{1, 4}, {1, 5}, {}, {3}, {1, 5}, {2}} {
			for _, d := range days {
				p.add(w, d, runOpt{km: p.jitter(5.7, 0.02), route: routes[0], hour: 17})
			}
		}
		return p.asOf(5+stopWeeks, 6)
	}
	r := Evaluate(build(0))
	if d := find(r.Diagnoses, rekindle.DiagnosisFading); d != nil && d.Confidence >= 0.3 {
		t.Errorf("a new runner's sixth week of one or two runs: fading %.2f (%v)", d.Confidence, d.Evidence)
	}
	r = Evaluate(build(3))
	if d := find(r.Diagnoses, rekindle.DiagnosisFading); d == nil || d.Confidence < 0.3 {
		t.Errorf("a new runner three weeks without a run: not fading (%v)", r.Diagnoses)
	}
}
