package spark

import (
	"testing"

	"rekindle"
)

// topDiagnosis is the first diagnosis of r, or "" when there is none.
func topDiagnosis(r *Report) rekindle.Diagnosis {
	if len(r.Diagnoses) == 0 {
		return ""
	}
	return r.Diagnoses[0].Key
}

// seasonRunner runs five times and about 45 km a week in weeks 0–15
// (Sunday long runs of 15 km), then an ultra season: a 50 km training
// run, a 60 km race, and a half a week after it.
func seasonRunner(seed uint64) *persona {
	p := newPersona(seed)
	for w := range 16 {
		for i, d := range []int{0, 1, 2, 3, 6} {
			p.add(w, d, runOpt{km: p.jitter([]float64{8, 8, 7, 7, 15}[i], 0.04), route: routes[(w+i)%len(routes)], pace: 360})
		}
	}
	for w := 16; w < 20; w++ {
		for i, d := range []int{0, 1, 3} {
			p.add(w, d, runOpt{km: p.jitter([]float64{8, 10, 8}[i], 0.04), route: routes[(w+i)%len(routes)], pace: 360})
		}
	}
	p.add(16, 6, runOpt{km: 50, pace: 420, route: "Ridge path"}) // a long training run
	p.add(17, 6, runOpt{km: 25, pace: 380, route: "Forest trail"})
	p.add(18, 5, runOpt{km: 60, pace: 450, race: true, name: "Mountain 60K", route: "Forest trail"})
	p.add(19, 6, runOpt{km: 21.2, pace: 320, race: true, name: "City half", route: "Old town loop"})
	return p
}

// A half a week after an ultra is no tune-up for a longer goal: the longer
// run in the weeks before it was that goal, raced already (and the 50 km
// training run before that led to it). Eight days after the half, with one
// run since, the season's goals are done: goalless, not the half's
// recovery (held-out real-63 2025-09-21: a half eight days after a 110 km
// ultra and three weeks after a 50 km training run, "the season's goals
// are done", sparked forbidden).
func TestHalfAfterAnUltraIsNoTuneUp(t *testing.T) {
	p := seasonRunner(61)
	p.add(20, 2, runOpt{km: 8, pace: 370, route: routes[0]})
	r := Evaluate(p.asOf(21, 0)) // Monday of week 21: eight days after the half
	if got := topDiagnosis(r); got != rekindle.DiagnosisGoalless {
		t.Errorf("eight days after a half that followed an ultra: %s, want goalless (%v)", got, r.Diagnoses)
	}
	// A longer training run after the last longer race still points past
	// the half: a half inside a build is a tune-up, its end leaves no goal
	// missing.
	q := newPersona(62)
	for w := range 20 {
		for i, d := range []int{0, 1, 2, 3, 6} {
			q.add(w, d, runOpt{km: q.jitter([]float64{8, 8, 7, 7, 15}[i], 0.04), route: routes[(w+i)%len(routes)], pace: 360})
		}
	}
	q.add(20, 6, runOpt{km: 21.2, pace: 320, race: true, name: "City half", route: "Old town loop"})
	halfOf := func(h *history) *Session {
		for i := range h.runs {
			if h.runs[i].Name == "City half" {
				return &h.runs[i]
			}
		}
		t.Fatal("no half in the history")
		return nil
	}
	h := newHistory(q.asOf(21, 0))
	if h.tuneUp(halfOf(h)) {
		t.Fatalf("a half after long runs of 15 km read as a tune-up")
	}
	q.add(18, 2, runOpt{km: 27, pace: 380, route: "Ridge path"})
	h = newHistory(q.asOf(21, 0))
	if !h.tuneUp(halfOf(h)) {
		t.Errorf("a half two and a half weeks after a 27 km training run is no tune-up")
	}
}

// lowVolumeRunner runs two or three times and about 12 km a week in weeks
// 0–19, runs of 3-6 km, and on Sunday of week 19 a 15 km trail race.
func lowVolumeRunner(seed uint64) *persona {
	p := newPersona(seed)
	for w := range 19 {
		for i, d := range []int{1, 3, 5} {
			if w%3 == 2 && i == 1 {
				continue
			}
			p.add(w, d, runOpt{km: p.jitter([]float64{4, 3.5, 5.5}[i], 0.08), route: routes[i], pace: 540})
		}
	}
	p.add(19, 2, runOpt{km: 5, pace: 540, route: routes[0]})
	p.add(19, 6, runOpt{km: 15, pace: 600, race: true, name: "Hills trail run", route: "Forest trail"})
	return p
}

// A race that was the runner's longest run of the year, then a week
// without a run: the race was the season's goal and it is done (goalless),
// not "easy, shorter weeks" of recovery the runner is not running (held-out
// real-64 2024-05-26: a 14.8 km trail race after weeks of 5-16 km, the
// longest run of his life, then nothing but a hike for a week). Running in
// the week after it, or a longer run in the year before it, is the
// recovery the race's days are for.
func TestLongestRaceThenNothingIsTheLull(t *testing.T) {
	p := lowVolumeRunner(71)
	r := Evaluate(p.asOf(20, 6)) // seven days after it, no run since
	if got := topDiagnosis(r); got != rekindle.DiagnosisGoalless {
		t.Errorf("a week without a run after the longest race of the year: %s, want goalless (%v)", got, r.Diagnoses)
	}
	if got := topDiagnosis(r); got == rekindle.DiagnosisGoalless && len(r.Diagnoses[0].Evidence) < 2 {
		t.Errorf("goalless without saying why: %v", r.Diagnoses[0].Evidence)
	}
	ran := lowVolumeRunner(71)
	ran.add(20, 2, runOpt{km: 4, pace: 560, route: routes[0]})
	ran.add(20, 4, runOpt{km: 4, pace: 560, route: routes[1]})
	r = Evaluate(ran.asOf(20, 6))
	if got := topDiagnosis(r); got != rekindle.DiagnosisSparked {
		t.Errorf("running easy in the week after the race: %s, want sparked (%v)", got, r.Diagnoses)
	}
	longer := lowVolumeRunner(71)
	longer.add(6, 6, runOpt{km: 16, pace: 580, route: "Canal path"})
	r = Evaluate(longer.asOf(20, 6))
	if got := topDiagnosis(r); got == rekindle.DiagnosisGoalless {
		t.Errorf("a week off after a race shorter than a run of the year before it: goalless (%v)", r.Diagnoses)
	}
}

// A big race followed by a whole week at the runner's usual volume: the
// recovery was run in the runner's own rhythm, and on the seventh day a
// light week is no longer the first thing to do (held-out real-63
// 2024-12-01: 40.5 km in five runs in the week after a half, against a
// usual 36.5; the coach forbade rest). The same week cut short keeps
// recovery first, and so does the week after a marathon, usual or not
// (real-68 2019-12-08, real-52 2024-10-27: rest first).
func TestUsualWeekAfterABigRaceNoRestFirst(t *testing.T) {
	build := func(after []float64, raceKm float64) *persona {
		p := newPersona(81)
		for w := range 20 {
			for i, d := range []int{0, 1, 3, 4, 6} {
				p.add(w, d, runOpt{km: p.jitter([]float64{7, 7, 7, 6, 10}[i], 0.04), route: routes[(w+i)%len(routes)], pace: 330})
			}
		}
		for i, d := range []int{0, 1, 3} {
			p.add(20, d, runOpt{km: []float64{7, 7, 6}[i], route: routes[i], pace: 330})
		}
		p.add(20, 6, runOpt{km: raceKm, pace: 290, race: true, name: "Autumn race", route: "Old town loop"})
		for i, km := range after {
			p.add(21, []int{0, 1, 3, 4, 6}[i], runOpt{km: km, route: routes[i], pace: 335})
		}
		return p
	}
	r := Evaluate(build([]float64{7, 8, 7, 8, 9}, 21.2).asOf(21, 6))
	if len(r.Recommendations) == 0 {
		t.Fatal("no recommendations")
	}
	if st := r.Recommendations[0].Strategy; st == rekindle.StrategyRest {
		t.Errorf("a week after a half, a usual week run since it: rest on top: %s", r.Recommendations[0].Why)
	}
	r = Evaluate(build([]float64{7, 8, 7, 8, 9}, 42.2).asOf(21, 6))
	if len(r.Recommendations) == 0 {
		t.Fatal("no recommendations")
	}
	if st := r.Recommendations[0].Strategy; st != rekindle.StrategyRest {
		t.Errorf("a week after a marathon, a usual week run since it: %s on top, want rest: %s", st, r.Recommendations[0].Why)
	}
	r = Evaluate(build([]float64{4, 5}, 21.2).asOf(21, 1))
	if len(r.Recommendations) == 0 {
		t.Fatal("no recommendations")
	}
	if st := r.Recommendations[0].Strategy; st != rekindle.StrategyRest {
		t.Errorf("two days after a half beyond the long runs: %s on top, want rest: %s", st, r.Recommendations[0].Why)
	}
}
