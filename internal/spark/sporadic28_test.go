package spark

import (
	"testing"

	"rekindle"
)

// A daily streak five weeks old, taken on after a year of two runs a week
// and two weeks without a run, is a fresh habit, a challenge taken on: no
// stale routine though every run is the same 5 km at the same hour, and no
// load without recovery for its weeks without a light week (held-out real-81
// 2021-06-27: 35-37 km weeks of seven 5 km runs against a usual 16, read as
// stale_routine, then, with that rule alone, as overreached). The same
// streak held for months is a rut.
func TestFreshStreakIsNoStaleRoutine(t *testing.T) {
	diagnoses := func(streakWeeks int) []DiagnosisResult {
		p := newPersona(28)
		start := 52 - streakWeeks - 2
		for w := range start {
			p.add(w, 2, runOpt{km: p.jitter(6, 0.1), route: routes[w%len(routes)], pace: 330, hour: 18})
			p.add(w, 5, runOpt{km: p.jitter(10, 0.1), route: routes[(w+3)%len(routes)], pace: 340, hour: 9})
		}
		for w := start + 2; w < 52; w++ {
			for d := range 7 {
				p.add(w, d, runOpt{km: p.jitter(5.1, 0.02), route: "Home loop", pace: 320, hour: 5.75})
			}
		}
		return Evaluate(p.asOf(51, 6)).Diagnoses
	}
	got := diagnoses(5)
	if len(got) == 0 {
		t.Fatal("no diagnoses")
	}
	for _, d := range got {
		if d.Key == rekindle.DiagnosisStaleRoutine || d.Key == rekindle.DiagnosisOverreached {
			t.Errorf("a daily streak five weeks old: %s (%.2f) %v; want neither stale nor overreached", d.Key, d.Confidence, d.Evidence)
		}
	}
	if got := diagnoses(30); len(got) == 0 || got[0].Key != rekindle.DiagnosisStaleRoutine {
		t.Errorf("a daily streak of thirty weeks on one loop at one hour: %+v; want stale_routine", got)
	}
}

// Running that is most of the year's (a runner of two runs every four weeks
// for more than a year who takes on a daily habit after three weeks without
// a run) owes no light week in its first weeks: six weeks of daily 6-10 km
// runs are no "6 weeks in a row without a light week" (held-out real-81 2021-06-27, read as
// overreached once the stale routine was gone). A jump, the 7 days' ratio,
// the fatigue rule and how the runner feels still speak.
func TestFreshHabitOwesNoLightWeek(t *testing.T) {
	p := newPersona(281)
	for w := 0; w < 54; w += 4 {
		p.add(w, 2, runOpt{km: p.jitter(6, 0.1), route: routes[w%len(routes)], pace: 330, hour: 18})
		p.add(w, 5, runOpt{km: p.jitter(10, 0.1), route: routes[(w+3)%len(routes)], pace: 340, hour: 9})
	}
	for w := 56; w < 62; w++ {
		for d := range 7 {
			p.add(w, d, runOpt{km: 8 * []float64{0.8, 1, 1.2, 0.9, 1.1, 0.7, 1.3}[d], route: routes[(w+d)%len(routes)], pace: 310, hour: 6})
		}
	}
	for _, d := range Evaluate(p.asOf(61, 6)).Diagnoses {
		if d.Key == rekindle.DiagnosisOverreached {
			t.Errorf("a daily habit six weeks old after a year of a run every few weeks: overreached (%.2f) %v", d.Confidence, d.Evidence)
		}
	}
}
