package training

import (
	"testing"

	"rekindle"
)

// A runner of three runs a week (8, 10 and 18 km, heart rate 155) goes on
// holiday and, beside an ordinary run week, walks: an hour on two days, then
// a 17 km walk of 4:20 at heart rate 136 and a 13 km hike of 3:40 at 106
// (held-out real-43 2025-08-31, "fatigue 54.0 is 1.7× fitness 31.0"). The
// walks' load is real and counts in fitness and fatigue, but the runner is
// not overreached: without the walks' part of both, fatigue is the usual.
// The same hours run instead of walked still are too much.
func TestHolidayWalksDoNotOverreachARunner(t *testing.T) {
	athlete := rekindle.Athlete{MaxHR: 190, RestingHR: 55}
	holiday := func(sport rekindle.Sport) []rekindle.Activity {
		var acts []rekindle.Activity
		for w := range 30 {
			for i, km := range []float64{8, 10, 18} {
				acts = append(acts, run(day(7*w+[]int{1, 3, 6}[i]), km, 330, 155))
			}
		}
		for _, x := range []struct {
			d        int
			km, pace float64
			hr       float64
		}{{0, 5, 720, 95}, {2, 6, 900, 100}, {4, 17.3, 900, 136}, {5, 13.4, 990, 106}} {
			a := run(day(7*30+x.d), x.km, x.pace, x.hr)
			a.Sport, a.Summary.BestEfforts = sport, nil
			acts = append(acts, a)
		}
		for i, km := range []float64{8, 10} {
			acts = append(acts, run(day(7*30+[]int{1, 3}[i]), km, 330, 155))
		}
		return acts
	}
	for _, sport := range []rekindle.Sport{rekindle.SportWalking, rekindle.SportHiking} {
		r := Picture(holiday(sport), athlete, day(7*30+5), Options{})
		if r.Today.WalkFatigue <= 0 || r.Habit.WalkFatigue != r.Today.WalkFatigue || r.Habit.WalkFitness != r.Today.WalkFitness {
			t.Fatalf("%s: walk part of fatigue %.1f (habit %.1f), of fitness %.1f (habit %.1f)", sport,
				r.Today.WalkFatigue, r.Habit.WalkFatigue, r.Today.WalkFitness, r.Habit.WalkFitness)
		}
		// The fatigue rule alone, on today's whole numbers, would fire: the
		// case this test is about.
		if !fatigueOver(r.Today.Fitness, r.Today.Fatigue) {
			t.Fatalf("%s: fatigue %.1f, fitness %.1f: the holiday is not heavy enough to test the rule", sport, r.Today.Fatigue, r.Today.Fitness)
		}
		if r.Status.Key == StatusOverreaching {
			t.Errorf("%s: a holiday's walks read as overreaching: %s (walks' part: fatigue %.1f, fitness %.1f)",
				sport, r.Status.Reason, r.Today.WalkFatigue, r.Today.WalkFitness)
		}
		if over, why := LoadVerdict(r.Habit, r.Today.Fitness, r.Today.Fatigue); over {
			t.Errorf("%s: LoadVerdict says %s", sport, why)
		}
	}
	r := Picture(holiday(rekindle.SportRunning), athlete, day(7*30+5), Options{})
	if r.Status.Key != StatusOverreaching {
		t.Errorf("the same hours run: status %s (%s), want overreaching", r.Status.Key, r.Status.Reason)
	}
	// The fatigue rule on its own (the week's ratio under the line): fatigue
	// 54 against fitness 31, of which walks made 25 and 3, is no overload;
	// the same numbers from running are.
	h := Habit{Defined: true, WeeksRan: 40, UsualLoad: 300, ThisLoad: 330, Ratio: 1.1, WalkFitness: 3, WalkFatigue: 25}
	if over, why := LoadVerdict(h, 31, 54); over {
		t.Errorf("fatigue made by walks: %s", why)
	}
	h.WalkFitness, h.WalkFatigue = 0, 0
	if over, _ := LoadVerdict(h, 31, 54); !over {
		t.Error("fatigue 54 against fitness 31 from running is not overreaching")
	}
}
