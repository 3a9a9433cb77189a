package spark

import (
	"testing"

	"rekindle"
)

// A runner of three runs a week (8, 10 and 18 km, a light week every fourth) goes on holiday: two
// ordinary runs, and walks of an hour and an hour and a half, then a 17 km
// walk of 4:20 and a 13 km hike of 3:40 (held-out real-43 2025-08-31).
// With no training picture the engine's own load is moving minutes: the
// walks make the week 3.7× the usual and lift fatigue far over fitness, but
// they are walks, not running (training.LoadVerdict): not overreached. The
// same hours run are.
func TestHolidayWalksAreNoOverreach(t *testing.T) {
	runner := func(sport rekindle.Sport) *Input {
		p := newPersona(43)
		for w := range 30 {
			week := []float64{8, 10, 18}
			if w%4 == 1 {
				week = []float64{6, 6, 10} // a light week every fourth
			}
			for i, km := range week {
				p.add(w, []int{1, 3, 6}[i], runOpt{km: p.jitter(km, 0.03), route: routes[(w+i)%len(routes)], enjoy: 4})
			}
		}
		p.add(30, 1, runOpt{km: 8, route: routes[0], enjoy: 4})
		p.add(30, 3, runOpt{km: 10, route: routes[1], enjoy: 4})
		for _, x := range []struct {
			d        int
			km, pace float64
		}{{0, 5, 720}, {2, 6, 900}, {4, 17.3, 900}, {5, 13.4, 990}} {
			p.add(30, x.d, runOpt{km: x.km, pace: x.pace, sport: sport, route: "Coast path", hour: 9})
		}
		return p.asOf(30, 5)
	}
	for _, sport := range []rekindle.Sport{rekindle.SportWalking, rekindle.SportHiking} {
		r := Evaluate(runner(sport))
		if d := r.Diagnosis(rekindle.DiagnosisOverreached); d != nil {
			t.Errorf("%s: a holiday's walks read as overreached: %+v", sport, d.Evidence)
		}
	}
	if r := Evaluate(runner(rekindle.SportRunning)); r.Diagnosis(rekindle.DiagnosisOverreached) == nil {
		t.Errorf("the same hours run: diagnoses %+v, want overreached among them", r.Diagnoses)
	}
}
