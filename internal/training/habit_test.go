package training

import (
	"testing"

	"rekindle"
)

// A runner seven weeks into running (real-15 in the casebook) builds week
// on week: the seventh week at 1.6× the three before is their build, not an
// overload, and they owe no light week. After NewRunnerWeeks the same jump
// is judged as usual.
func TestNewRunnerIsNotOverreaching(t *testing.T) {
	build := []float64{3, 5, 6, 6, 7, 8, 12}
	r := Picture(genWeeks(append([]float64{0, 0, 0}, build...)...), rekindle.Athlete{}, lastDayOfWeek(len(build)+2), Options{})
	if !r.Habit.New || r.Habit.WeeksRunning != len(build) {
		t.Fatalf("habit %+v, want a new runner of %d weeks", r.Habit, len(build))
	}
	if r.Status.Key == StatusOverreaching {
		t.Errorf("a new runner's build reads as overreaching: %s", r.Status.Reason)
	}
	if over, why := LoadVerdict(Habit{New: true, Defined: true, UsualLoad: 100, ThisLoad: 180, Ratio: 1.8}, 0, 0); over {
		t.Errorf("a new runner's 1.8× week is overreaching: %s", why)
	}
	// A doubling is too much for anyone (TestFortyPercentJump: 8 → 16 km).
	if over, _ := LoadVerdict(Habit{New: true, Defined: true, UsualLoad: 100, ThisLoad: 200, Ratio: 2}, 0, 0); !over {
		t.Error("a new runner's doubling is not overreaching")
	}
	// The same jump after 20 weeks of running is a jump.
	km := append(make([]float64, 0, 21), build...)
	for range 13 {
		km = append([]float64{8}, km...)
	}
	km[len(km)-1] = 14
	r = Picture(genWeeks(km...), rekindle.Athlete{}, lastDayOfWeek(len(km)-1), Options{})
	if r.Habit.New || r.Habit.WeeksRunning != len(km) {
		t.Errorf("habit %+v, want %d weeks of running, not new", r.Habit, len(km))
	}
}

// A spring with a lone run every few weeks (real-02 2020-07-20: 0, 0,
// 6.8, 0, 0, 3.9, 0, 0, 0 km against a usual 13.5), then 5, 33, 40 and
// 12 km: a comeback. The lone 6.8 km run, just over half the usual week,
// does not end the break.
func TestLoneRunInsideABreak(t *testing.T) {
	var load, dist []float64
	var runs []int
	week := func(km ...float64) {
		for d := range 7 {
			if d < len(km) && km[d] > 0 {
				load, dist, runs = append(load, 6*km[d]), append(dist, 1000*km[d]), append(runs, 1)
			} else {
				load, dist, runs = append(load, 0), append(dist, 0), append(runs, 0)
			}
		}
	}
	for range 30 {
		week(6.75, 0, 0, 6.75)
	}
	for _, km := range []float64{0, 0, 6.8, 0, 0, 3.9, 0, 0, 0} {
		week(km)
	}
	week(5)
	week(8, 8, 8, 9)
	week(10, 10, 10, 10.3)
	week(6, 6.5)
	h := HabitOf(load, dist, runs)
	if !h.Returning || h.WeeksBack != 4 || h.BreakWeeks != 9 {
		t.Errorf("habit %+v, want returning, week 4 back after 9 weeks", h)
	}
}
