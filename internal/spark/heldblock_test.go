package spark

import (
	"testing"

	"rekindle"
)

// A rise back to a load the runner has carried (held-out real-84
// 2023-08-06: 45 km in week 6 back after a June of almost nothing, against
// four weeks of 56, 49, 36 and 58 km in his marathon build of the autumn
// before; his other weeks were 6-25 km, so the 90th percentile week of the
// two years (35 km) sat under it and the engine said "load 1.6× your usual
// week", overreached/rest; the coach forbade overreached: a runner
// building again). A week no bigger than the best four-week block the
// runner held in the two years before the last 4 is a return to a known
// load; the same weeks from a record whose best block was 25 km still read
// overreached.
func TestRiseBackToAHeldBlockIsNotOverreached(t *testing.T) {
	build := func(blockKm float64) *Input {
		p := newPersona(84)
		week := func(w int, km float64) {
			if km == 0 {
				return
			}
			for i, d := range []int{1, 3, 6} {
				share := []float64{0.25, 0.3, 0.45}[i]
				p.add(w, d, runOpt{km: p.jitter(km*share, 0.04), route: routes[(w+i)%len(routes)], pace: []float64{360, 340, 370}[i], hour: []float64{19, 19, 8}[i]})
			}
		}
		for w := range 100 {
			km := 15.0
			switch {
			case w >= 40 && w < 46: // the marathon build
				km = blockKm
			case w >= 86 && w < 88: // a stop
				km = 0
			case w >= 88 && w < 94:
				km = 4
			case w >= 94:
				km = []float64{19, 17, 19, 36, 28, 45}[w-94]
			}
			week(w, km)
		}
		return p.asOf(99, 6)
	}
	r := Evaluate(build(52))
	s := r.Signals
	t.Logf("week %.1f km, usual %.1f, ACWR %.2f, seasoned %.1f km, monotony %.2f; %v", s[SigWeekKm].Value, s[SigUsualWeekKm].Value, s[SigACWR].Value, s[SigSeasonedWeek].Value, s[SigMonotony].Value, r.Diagnoses)
	if d := find(r.Diagnoses, rekindle.DiagnosisOverreached); d != nil {
		t.Errorf("45 km after a block of 52 km weeks held: overreached %.2f (%v)", d.Confidence, d.Evidence)
	}
	if len(r.Recommendations) > 0 && r.Recommendations[0].Strategy == rekindle.StrategyRest {
		t.Errorf("45 km after a block of 52 km weeks held: rest first: %s", r.Recommendations[0].Why)
	}
	r = Evaluate(build(25))
	t.Logf("best block 25 km: %v", r.Diagnoses)
	if d := find(r.Diagnoses, rekindle.DiagnosisOverreached); d == nil || d.Confidence == 0 {
		t.Errorf("the same weeks after a best block of 25 km: not overreached (%v)", r.Diagnoses)
	}
}
