package spark

import (
	"maps"
	"slices"
	"testing"
	"time"
)

// TestTrendIsEvaluate: Trend's score on each day is the one Evaluate gives
// with AsOf on that day, for runners of every kind, on days before, within
// and after their history (the trend's days are usually before AsOf).
func TestTrendIsEvaluate(t *testing.T) {
	same, _, _ := sameLoopRunner()
	inputs := map[string]*Input{
		"overreached": overreachedRunner(), "same loop": same, "fresh flat": freshFlatRunner(),
		"post marathon": postMarathonRunner(), "fading": fadingRunner(), "happy": happyRunner(),
		"comeback": comebackRunner(3), "ten years": tenYears(),
	}
	// The same runners with every session given an id: the trend's days
	// then share each run's race context (base.before).
	for name, in := range maps.Clone(inputs) {
		c := *in
		c.Sessions = slices.Clone(in.Sessions)
		for i := range c.Sessions {
			c.Sessions[i].ID = int64(i + 1)
		}
		inputs[name+" (ids)"] = &c
	}
	for name, in := range inputs {
		asOf := in.AsOf
		var days []time.Time
		for k := -2; k <= 60; k += 3 {
			days = append(days, asOf.AddDate(0, 0, -7*k+k%2))
		}
		days = append(days, asOf.AddDate(-20, 0, 0))
		got := Trend(in, days)
		if len(got) != len(days) {
			t.Fatalf("%s: %d scores for %d days", name, len(got), len(days))
		}
		for i, d := range days {
			in.AsOf = d
			r := Evaluate(in)
			if got[i].AsOf != r.AsOf || got[i].Score != r.SparkScore {
				t.Errorf("%s on %s: trend %+v, evaluate %s %d", name, d.Format(time.DateOnly), got[i], r.AsOf, r.SparkScore)
			}
		}
		in.AsOf = asOf
	}
}
