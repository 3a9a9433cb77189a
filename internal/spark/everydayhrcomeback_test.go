package spark

import (
	"testing"

	"rekindle"
)

// A short race known by its pace alone, run at the runner's everyday heart
// rate (under their hardest fifth), off a weekend morning, is a fast run of
// the comeback as one with no heart rate is (held-out real-104 2023-03-19:
// week 8 back, a Sunday-evening 10.2 km at 5:20/km and HR 186, his everyday
// level, read as a 10K by its pace and the comeback called sparked).
func TestEverydayHRPaceRaceInComebackKeepsItAComeback(t *testing.T) {
	p := newPersona(104)
	hr := func(h float64) { p.in.Sessions[len(p.in.Sessions)-1].AvgHR = h }
	for w := range 30 {
		p.add(w, 1, runOpt{km: p.jitter(5, 0.04), pace: 360, route: routes[0], enjoy: 4})
		hr(150)
		p.add(w, 3, runOpt{km: p.jitter(5, 0.04), pace: 360, route: routes[1], enjoy: 4})
		hr(150)
		p.add(w, 6, runOpt{km: p.jitter(10, 0.04), pace: 380, route: routes[2], enjoy: 4})
		hr(146)
	}
	// seven weeks without a run, then five weeks back of daily 4 km
	for w := 37; w < 42; w++ {
		for d := range 6 {
			if w == 40 && d == 1 {
				p.add(w, d, runOpt{km: 5.1, pace: 276, route: routes[3], enjoy: 4})
				hr(153)
				continue
			}
			p.add(w, d, runOpt{km: 4.1, pace: 280, route: routes[3], enjoy: 4})
			hr(156)
		}
	}
	r := Evaluate(p.asOf(41, 6))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisReturning {
		t.Errorf("a pace-only 5K at the everyday heart rate in week 4 back: diagnoses %+v, want returning first", r.Diagnoses)
	}
}

// The spark reads a run titled with its own distance as the training
// picture does (training.RaceContext.DistanceTitledRuns from its own runs):
// the one "10k" of a runner's year, on a Sunday at 12:30 at the everyday
// heart rate, is a race; the same after months of runs titled "5k" and
// "10k" is not.
func TestOwnDistanceTitleIsARaceInTheSpark(t *testing.T) {
	runner := func(titles bool) (*history, Session) {
		p := newPersona(20)
		for w := range 30 {
			for _, d := range []int{1, 3} {
				o := runOpt{km: 6, pace: 370, route: routes[0], hour: 18}
				if titles && w >= 10 {
					o.name = "5k"
					if d == 3 {
						o.name = "10k"
					}
				}
				p.add(w, d, o)
				p.in.Sessions[len(p.in.Sessions)-1].AvgHR = 146
			}
		}
		p.add(30, 6, runOpt{km: 10.14, pace: 365, route: routes[1], hour: 12.5, name: "10k"})
		p.in.Sessions[len(p.in.Sessions)-1].AvgHR = 148
		s := p.in.Sessions[len(p.in.Sessions)-1]
		return newHistory(p.asOf(31, 0)), s
	}
	if h, s := runner(false); !h.isRace(s) {
		t.Errorf("the one \"10k\" of the year on a Sunday at 12:30: no race (%s)", h.raceCall(s).Reason)
	}
	if h, s := runner(true); h.isRace(s) {
		t.Errorf("a \"10k\" after months of runs titled by distance: race (%s)", h.raceCall(s).Reason)
	}
}
