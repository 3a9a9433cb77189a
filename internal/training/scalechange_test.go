package training

import (
	"testing"

	"rekindle"
)

// A runner's older runs are summary rows (an activity list: distance, time
// and mean heart rate, no samples), so their load is a duration guess
// (minutes × RPE 4); the last three weeks are watch tracks with heart-rate
// samples, so their load is TRIMP, about twice the guess at heart rate 175
// (held-out real-24 2025-09-07: "fatigue 46.2 is 1.6× fitness 28.9" in his
// fourth 34-37 km week, runs from a CSV until 10 August, watch files from
// 11 August). The same runs and weeks with 15% more minutes, the three weeks
// alike: no overreaching. The same change of recording with two and a half
// times the minutes still is.
func TestChangeOfLoadScaleIsNoOverreach(t *testing.T) {
	athlete := rekindle.Athlete{MaxHR: 190, RestingHR: 55}
	history := func(lastMinutes float64) []rekindle.Activity {
		var acts []rekindle.Activity
		for d := 0; d < 7*30; d++ {
			km := map[int]float64{0: 8, 2: 8, 4: 8, 6: 14}[d%7]
			if km == 0 {
				continue
			}
			a := run(day(d), km, 375, 175)
			if d < 7*30-21 {
				// a summary row: mean heart rate, no samples, no pace trace
				a.Summary.HRSeconds, a.Summary.NormalizedSpeedMS = nil, 0
			} else {
				a.Summary.MovingS *= lastMinutes
				a.Summary.ElapsedS *= lastMinutes
				for i := range a.Summary.HRSeconds {
					a.Summary.HRSeconds[i] *= float32(lastMinutes)
				}
			}
			acts = append(acts, a)
		}
		return acts
	}
	asOf := day(7*30 - 1)
	r := Picture(history(1.15), athlete, asOf, Options{})
	if !fatigueOver(r.Today.Fitness, r.Today.Fatigue) {
		t.Fatalf("fatigue %.1f, fitness %.1f: the change of scale is not big enough to test the rule", r.Today.Fatigue, r.Today.Fitness)
	}
	if !r.Habit.ScaleChanged {
		t.Fatalf("the change from guessed to measured loads is not seen (time fitness %.1f, fatigue %.1f)", r.Habit.TimeFitness, r.Habit.TimeFatigue)
	}
	if over, why := LoadVerdict(r.Habit, r.Today.Fitness, r.Today.Fatigue); over {
		t.Errorf("a change of recording read as overreaching: %s (by time alone: fatigue %.1f, fitness %.1f)", why, r.Habit.TimeFatigue, r.Habit.TimeFitness)
	}
	if r.Status.Key == StatusOverreaching {
		t.Errorf("status %s: %s", r.Status.Key, r.Status.Reason)
	}
	r = Picture(history(2.5), athlete, asOf, Options{})
	if over, _ := LoadVerdict(r.Habit, r.Today.Fitness, r.Today.Fatigue); !over {
		t.Errorf("the same change with 2.5 times the minutes is not overreaching (fatigue %.1f, fitness %.1f; by time %.1f, %.1f)", r.Today.Fatigue, r.Today.Fitness, r.Habit.TimeFatigue, r.Habit.TimeFitness)
	}
	// One way of recording throughout: never a change of scale.
	all := history(1.15)
	for i := range all {
		all[i].Summary.HRSeconds, all[i].Summary.NormalizedSpeedMS = nil, 0
	}
	if r := Picture(all, athlete, asOf, Options{}); r.Habit.ScaleChanged {
		t.Error("summary rows throughout read as a change of scale")
	}
}
