package training

import (
	"testing"
	"time"

	"rekindle"
)

// A student's school runs (held-out real-142 2020-11-01): a 1.6 km run
// every morning and afternoon, eleven in a week against five of about
// 1.7 km in the weeks before, with walks beside them (to the track, after
// the run). Walks are time on foot, not harder running: more runs of the
// recent kind stay more of the same however many walks the week holds
// (Habit.MoreOfTheSame on the evidenced load), and the ratio alone is no
// overload. The same week with the walks' hours run instead is overreaching.
func TestWalksBesideMoreShortRunsAreNoOverload(t *testing.T) {
	walk := func(d int, minutes float64) rekindle.Activity {
		a := run(day(d), minutes/12, 720, 0)
		a.Sport, a.Summary.BestEfforts = rekindle.SportWalking, nil
		return a
	}
	week := func(walks bool) []rekindle.Activity {
		var acts []rekindle.Activity
		for w := range 30 {
			for _, d := range []int{0, 2, 4} {
				acts = append(acts, run(day(7*w+d), 1.5, 390, 0))
			}
		}
		for w := 30; w < 33; w++ {
			for _, d := range []int{0, 1, 2, 3, 4} {
				acts = append(acts, run(day(7*w+d), 1.1, 390, 0))
			}
		}
		for i := range 11 {
			acts = append(acts, run(day(7*33+i/2).Add(time.Duration(i%2)*8*time.Hour), 1.0, 390, 0))
		}
		for _, d := range []int{0, 1, 2, 3, 4, 5} {
			if walks {
				acts = append(acts, walk(7*33+d, 20))
			} else {
				acts = append(acts, run(day(7*33+d).Add(12*time.Hour), 20.0/6.5, 390, 0))
			}
		}
		return acts
	}
	r := Picture(week(true), rekindle.Athlete{}, day(7*33+6), Options{})
	if r.Habit.WeakLoad <= 0 || r.Habit.ThisLoad < FullOverreachWeekLoad || r.Habit.Ratio < NewRunnerRatio {
		t.Fatalf("habit %+v: want walks in the week's load, lifting it to %d and over, a ratio over %.1f", r.Habit, FullOverreachWeekLoad, NewRunnerRatio)
	}
	if !r.Habit.MoreOfTheSame() {
		t.Errorf("eleven runs of the recent length beside walks are not more of the same: habit %+v", r.Habit)
	}
	if over, why := LoadVerdict(r.Habit, r.Today.Fitness, r.Today.Fatigue); over {
		t.Errorf("walks beside more short runs read as overreaching: %s", why)
	}
	ran := Picture(week(false), rekindle.Athlete{}, day(7*33+6), Options{})
	if over, why := LoadVerdict(ran.Habit, ran.Today.Fitness, ran.Today.Fatigue); !over {
		t.Errorf("the walks' hours run instead: not overreaching (%s), habit %+v", why, ran.Habit)
	}
}
