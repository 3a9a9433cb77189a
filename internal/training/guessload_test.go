package training

import (
	"testing"

	"rekindle"
)

// A runner of two runs a week with no heart rate (7 and 10 km at 6:50/km)
// rides too, without heart rate or power: the rides' load is a guess from
// their duration alone. A week of one run and three rides of 1:30, 2:00 and 2:30
// (held-out real-50 2024-02-18, "fatigue 33.7 is 2.0× fitness 16.5") makes
// fatigue twice fitness, but it is the guess that does it: without the
// guessed part of both the runner is not overreached, as the week's ratio
// already leaves such guesses out (Habit.EvidencedRatio). The same hours
// run are too much.
func TestGuessedRideLoadDoesNotOverreachARunner(t *testing.T) {
	athlete := rekindle.Athlete{MaxHR: 190, RestingHR: 55}
	week := func(sport rekindle.Sport) []rekindle.Activity {
		var acts []rekindle.Activity
		for w := range 30 {
			for i, km := range []float64{7, 10} {
				acts = append(acts, run(day(7*w+[]int{1, 4}[i]), km, 410, 0))
			}
		}
		acts = append(acts, run(day(7*30+1), 13, 410, 0))
		for _, x := range []struct {
			d   int
			min float64
		}{{2, 90}, {3, 120}, {5, 150}} {
			a := run(day(7*30+x.d), x.min*60/300, 300, 0) // 12 km/h
			a.Sport, a.Summary.BestEfforts = sport, nil
			acts = append(acts, a)
		}
		return acts
	}
	r := Picture(week(rekindle.SportCycling), athlete, day(7*30+5), Options{})
	if !fatigueOver(r.Today.Fitness, r.Today.Fatigue) {
		t.Fatalf("fatigue %.1f, fitness %.1f: the rides are not heavy enough to test the rule", r.Today.Fatigue, r.Today.Fitness)
	}
	if r.Habit.GuessFatigue <= 0 {
		t.Fatalf("no guessed part of fatigue (rides with no heart rate): %+v", r.Habit)
	}
	if over, why := LoadVerdict(r.Habit, r.Today.Fitness, r.Today.Fatigue); over {
		t.Errorf("rides guessed from their duration make an overload: %s (guessed part: fatigue %.1f, fitness %.1f)",
			why, r.Habit.GuessFatigue, r.Habit.GuessFitness)
	}
	r = Picture(week(rekindle.SportRunning), athlete, day(7*30+5), Options{})
	if over, _ := LoadVerdict(r.Habit, r.Today.Fitness, r.Today.Fatigue); !over {
		t.Errorf("the same hours run: fatigue %.1f, fitness %.1f, not overreaching", r.Today.Fatigue, r.Today.Fitness)
	}
}
