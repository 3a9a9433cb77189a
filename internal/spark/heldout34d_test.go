package spark

import (
	"testing"

	"rekindle"
)

// A half marathon followed within a fortnight by runs longer than it was a
// step in a longer build, not a goal whose lull wants a new one: when the
// runner stops a few weeks later, the stop is the question (fading), not
// "it was a big one and nothing has replaced it" (held-out real-156
// 2026-02-25: a Sunday half at 4:49/km in 50-56 km weeks, then 25 km long
// runs one and two weeks after it, an 11 km week and eighteen days without
// a run, read as goalless 0.74 over fading 0.73).
func TestHalfSteppedPastThenAStopIsNoRaceLull(t *testing.T) {
	build := func(longAfter bool) *Input {
		p := newPersona(34)
		const halfWeek, asOf = 20, 24
		for w := 0; w <= asOf; w++ {
			if w == asOf-1 || w == asOf {
				continue // the stop: nothing for eighteen days
			}
			for i, d := range []int{0, 1, 3, 4, 6} {
				km := p.jitter(8, 0.1)
				if d == 6 {
					km = p.jitter(14, 0.05)
				}
				if w == halfWeek && d == 6 {
					p.add(w, d, runOpt{km: 21.1, pace: 290, route: "City half", race: true, name: "City Half Marathon", hour: 8})
					continue
				}
				if longAfter && (w == halfWeek+1 || w == halfWeek+2) && d == 6 {
					km = 25 // the long runs past the half: a marathon build
				}
				if w == asOf-2 && i > 1 {
					continue // the week the running stops: two short runs
				}
				p.add(w, d, runOpt{km: km, pace: p.jitter(330, 0.03), route: routes[(w+d)%4], hour: 7})
			}
		}
		return p.asOf(asOf, 4)
	}
	r := Evaluate(build(true))
	if len(r.Diagnoses) > 0 && r.Diagnoses[0].Key == rekindle.DiagnosisGoalless {
		t.Errorf("a stop four weeks after a half stepped past by 25 km runs: goalless on top %.2f (%v), want the stop judged",
			r.Diagnoses[0].Confidence, r.Diagnoses[0].Evidence)
	}
	for _, d := range r.Diagnoses {
		if d.Key == rekindle.DiagnosisGoalless {
			for _, e := range d.Evidence {
				if e.Signal == "last_race_distance_km" {
					t.Errorf("the half stepped past still judged a big race's lull: %v", d.Evidence)
				}
			}
		}
	}
}
