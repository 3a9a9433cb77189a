package spark

import (
	"testing"

	"rekindle"
)

// The days after a race with no run since it are the rest after it, not a
// fade (held-out real-65 2009-11-29: a cross-country season of 8 km races
// and 75-84 km weeks, the championship eight days ago, no run since: "runs
// dropped from 61 to 15, 8 days since your last run", fading 0.78; the
// coach: a planned post-season break). The same weeks ending in an
// ordinary run eight days ago, the last race three weeks back, are the
// running fading; and three weeks without a run after the race are a stop.
func TestNoRunSinceARaceDaysAgoIsNoFade(t *testing.T) {
	build := func(lastIsRace bool, asOfWeek, asOfDay int) *Input {
		p := newPersona(29)
		for w := range 20 {
			days, kms := []int{0, 1, 2, 3, 4, 6}, []float64{12, 10, 14, 10, 12, 18}
			if w >= 17 {
				days, kms = []int{0, 2, 3}, []float64{8, 10, 6}
			}
			for i, d := range days {
				p.add(w, d, runOpt{km: p.jitter(kms[i], 0.05), route: routes[(w+i)%len(routes)], pace: 270})
			}
			if w >= 12 && w%2 == 0 || w == 19 {
				race := w < 19 || lastIsRace
				p.add(w, 5, runOpt{km: 8, pace: 205, race: race, name: map[bool]string{true: "XC 8K", false: "Easy loop"}[race], route: "Park loop"})
			}
		}
		return p.asOf(asOfWeek, asOfDay)
	}
	r := Evaluate(build(true, 20, 6)) // eight days after the last race
	if got := topDiagnosis(r); got == rekindle.DiagnosisFading {
		t.Errorf("eight days without a run after the season's last race: fading (%v)", r.Diagnoses)
	}
	r = Evaluate(build(false, 20, 6)) // the same weeks, the last race 22 days ago
	if got := topDiagnosis(r); got != rekindle.DiagnosisFading {
		t.Errorf("the same weeks ending in an ordinary run eight days ago: %s, want fading (%v)", got, r.Diagnoses)
	}
	r = Evaluate(build(true, 22, 6)) // twenty-two days without a run after the race
	if got := topDiagnosis(r); got != rekindle.DiagnosisFading {
		t.Errorf("three weeks without a run after the last race: %s, want fading (%v)", got, r.Diagnoses)
	}
}
