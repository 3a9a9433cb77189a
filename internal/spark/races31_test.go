package spark

import "testing"

// The spark reads a plan's race-day session as the training picture does
// (training.RecogniseRace): a Saturday "10K Race" of exactly 10.000 km, the
// watch plan's race day run from home, is no race; a "10K Race" whose
// course read 10.08 km is one.
func TestPlanRaceDayIsNoRaceInTheSpark(t *testing.T) {
	p := newPersona(112)
	hr := func(h float64) { p.in.Sessions[len(p.in.Sessions)-1].AvgHR = h }
	for w := range 30 {
		for _, d := range []int{0, 2, 4} {
			p.add(w, d, runOpt{km: 6, pace: 440, route: routes[0], hour: 18, name: "Easy Run"})
			hr(156)
		}
	}
	p.add(30, 5, runOpt{km: 10, pace: 434, route: routes[0], hour: 12 + 22.0/3600, name: "10K Race"}) // started at 12:00:22
	hr(178)
	plan := p.in.Sessions[len(p.in.Sessions)-1]
	p.add(32, 5, runOpt{km: 10.08, pace: 420, route: routes[1], hour: 9 + 22.0/3600, name: "10K Race"})
	hr(178)
	race := p.in.Sessions[len(p.in.Sessions)-1]
	h := newHistory(p.asOf(32, 6))
	if h.isRace(plan) {
		t.Errorf("a \"10K Race\" of exactly 10.000 km: race (%s)", h.raceCall(plan).Reason)
	}
	if !h.isRace(race) {
		t.Errorf("a \"10K Race\" of 10.08 km: no race (%s)", h.raceCall(race).Reason)
	}
}

// The spark reads a long run of a hard block as the training picture does:
// a Sunday 21.1 km at 4:24/km and HR 168 after a year of Sundays of 21.1 km
// at 4:35/km and HR 166 (and of 15 km at 5:00/km on Wednesdays and
// Saturdays) is no race; a 21.2 km at 4:05/km and HR 176 a week
// later is one.
func TestLongRunOfAHardBlockIsNoRaceInTheSpark(t *testing.T) {
	p := newPersona(86)
	hr := func(h float64) { p.in.Sessions[len(p.in.Sessions)-1].AvgHR = h }
	for w := range 56 {
		for _, d := range []int{0, 4} {
			p.add(w, d, runOpt{km: 10, pace: 300, route: routes[0], hour: 17})
			hr(145)
		}
		p.add(w, 2, runOpt{km: 15, pace: 300, route: routes[1], hour: 17})
		hr(150)
		p.add(w, 5, runOpt{km: 15, pace: 300, route: routes[1], hour: 16})
		hr(150)
		p.add(w, 6, runOpt{km: 21.1, pace: 275, route: routes[2], hour: 6.67})
		hr(166)
	}
	p.add(56, 6, runOpt{km: 21.1, pace: 264, route: routes[2], hour: 6.67})
	hr(168)
	long := p.in.Sessions[len(p.in.Sessions)-1]
	p.add(57, 6, runOpt{km: 21.2, pace: 245, route: routes[3], hour: 7.5})
	hr(176)
	race := p.in.Sessions[len(p.in.Sessions)-1]
	h := newHistory(p.asOf(57, 6))
	if h.isRace(long) {
		t.Errorf("a Sunday 21.1 km at the block's effort: race (%s)", h.raceCall(long).Reason)
	}
	if !h.isRace(race) {
		t.Errorf("a Sunday 21.2 km at 4:05/km and HR 176 after the block: no race (%s)", h.raceCall(race).Reason)
	}
}
