package training

import (
	"fmt"
	"testing"
	"time"

	"rekindle"
)

func TestNameLabel(t *testing.T) {
	for _, tc := range []struct{ name, label, token string }{
		{"RUN - 20K", "run - #", "20k"},
		{"RUN - 30 MIN", "run - #", "30min"},
		{"Easy 10 km loop", "easy # loop", "10km"},
		{"5k", "", ""},            // nothing but the distance
		{"Morning Run", "", ""},   // no distance
		{"5K then 10K", "", ""},   // two
		{"8x400m @ 4:30", "", ""}, // metres are no label token
		{"21.1km long run", "# long run", "21.1km"},
	} {
		l, tok := NameLabel(tc.name)
		if l != tc.label || tok != tc.token {
			t.Errorf("NameLabel(%q) = %q, %q; want %q, %q", tc.name, l, tok, tc.label, tc.token)
		}
	}
	if n := LabelRunsOf("run - #", []string{"run - #", "run - #", "x"}, []string{"5k", "5k", "10k"}); n != 0 {
		t.Errorf("one distance under the label: %d, want 0", n)
	}
	if n := LabelRunsOf("run - #", []string{"run - #", "run - #", "x"}, []string{"5k", "10k", "10k"}); n != 2 {
		t.Errorf("two distances under the label: %d, want 2", n)
	}
}

// Held-out real-81 2021-11-13 (the class): a runner who names his runs by
// the day's distance ("RUN - 5K", "RUN - 10K", "RUN - 7K") runs a Saturday
// morning "RUN - 20K" a little faster than his usual: the label names his
// plan, not a 20K race. The same run among runs named otherwise is read a
// race by its distance, pace and day, and a label with "RACE" in it still
// names one.
func TestRunnersDistanceLabelIsNoRace(t *testing.T) {
	start := time.Date(2021, 5, 1, 6, 30, 0, 0, time.UTC) // a Saturday
	asOf := time.Date(2021, 11, 20, 0, 0, 0, 0, time.UTC)
	long := time.Date(2021, 11, 13, 8, 30, 0, 0, time.UTC) // a Saturday morning
	for _, tc := range []struct {
		name     string
		labelled bool
		title    string
		race     bool
	}{
		{"labelled log", true, "RUN - 20K", false},
		{"plain titles", false, "RUN - 20K", true},
		{"labelled log, a race", true, "RUN - 20K - RACE", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var acts []rekindle.Activity
			for i := range 95 {
				km := []float64{5, 10, 7}[i%3]
				a := run(start.AddDate(0, 0, 2*i), km, 330, 0)
				a.Name = "Morning Run"
				if tc.labelled {
					a.Name = fmt.Sprintf("RUN - %.0fK", km)
				}
				acts = append(acts, a)
			}
			a := run(long, 20, 300, 0)
			a.Name = tc.title
			acts = append(acts, a)
			found := false
			for _, rc := range RacesOf(acts, rekindle.Athlete{}, asOf) {
				found = found || rc.Activity.Start.Equal(long)
			}
			if found != tc.race {
				t.Errorf("%q race %v, want %v", tc.title, found, tc.race)
			}
		})
	}
}
