package training

import (
	"testing"

	"rekindle"
)

// Foster's monotony is sport-blind: a runner who runs on four days and
// swims, skates or does a class on the three between has a load every day
// and reads "high" (held-out real-50 2025-01-26: 2.4). The running's own
// monotony (Recent.RunMonotony) sees the rest days the running has.
func TestRunMonotonySeesTheRunningsRestDays(t *testing.T) {
	var acts []rekindle.Activity
	for d := range 21 {
		if d%7 == 0 || d%7 == 2 || d%7 == 4 || d%7 == 6 {
			acts = append(acts, run(day(d), 8, 330, 0))
			continue
		}
		acts = append(acts, rekindle.Activity{Start: day(d), Sport: rekindle.SportSwimming,
			Summary: rekindle.Summary{DistanceM: 1800, MovingS: 40 * 60, ElapsedS: 40 * 60}})
	}
	l := Picture(acts, rekindle.Athlete{}, day(20), Options{}).Last7Days
	if l.Monotony < 2 || l.RunMonotony <= 0 || l.RunMonotony >= 1.5 {
		t.Errorf("runs on 4 days, swims on 3: monotony %.2f, of the running %.2f; want over 2 and under 1.5", l.Monotony, l.RunMonotony)
	}
	// Running alone, the two are one number.
	var runs []rekindle.Activity
	for d := range 21 {
		runs = append(runs, run(day(d), 8+float64(d%2), 330, 0))
	}
	l = Picture(runs, rekindle.Athlete{}, day(20), Options{}).Last7Days
	near(t, "run monotony of runs only", l.RunMonotony, l.Monotony, 1e-9)
	// No run in the week: no running to be the same.
	l = Picture(acts[:0:0], rekindle.Athlete{}, day(20), Options{}).Last7Days
	if l.RunMonotony != 0 {
		t.Errorf("no activity: run monotony %.2f", l.RunMonotony)
	}
}
