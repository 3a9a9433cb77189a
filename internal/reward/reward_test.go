package reward

import (
	"testing"
	"time"
)

var start = time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC) // a Monday

func runsEvery(days, n int, km float64) []Run {
	var out []Run
	for i := range n {
		out = append(out, Run{Start: start.AddDate(0, 0, i*days).Add(7 * time.Hour), DistanceM: km * 1000})
	}
	return out
}

func TestEvaluate(t *testing.T) {
	facts := &Facts{
		Runs:        append(runsEvery(2, 10, 8), Run{Start: start.AddDate(0, 0, -1), DistanceM: 30000}), // one before the start
		Experiments: []Experiment{{ID: 5, Title: "Take a light week", Ends: start.AddDate(0, 0, 14)}},
		Shoes: []Shoe{{ID: 1, Name: "Pegasus 40", DistanceM: 712_000, RetireAtM: 700_000, ReachedAt: start.AddDate(0, 0, 4)},
			{ID: 2, Name: "Clifton", DistanceM: 350_000, RetireAtM: 700_000}},
	}
	tests := []struct {
		name     string
		r        Reward
		asOf     time.Time
		done     float64
		earned   bool
		earnedAt time.Time
		expired  bool
		status   string
	}{
		{"runs in progress", Reward{Kind: KindRuns, Runs: 6, Days: 14}, start.AddDate(0, 0, 5), 3, false, time.Time{}, false, "3 of 6 runs, until Sun 16 Mar"},
		{"runs earned on the 6th run", Reward{Kind: KindRuns, Runs: 6, Days: 14}, start.AddDate(0, 0, 20), 7, true, start.AddDate(0, 0, 10).Add(7 * time.Hour), false, "earned Thu 13 Mar 2025: claim it"},
		{"runs expired", Reward{Kind: KindRuns, Runs: 9, Days: 14}, start.AddDate(0, 0, 20), 7, false, time.Time{}, true, "7 of 9 runs, window ended Sun 16 Mar"},
		{"distance earned", Reward{Kind: KindDistance, DistanceM: 40000, Days: 14}, start.AddDate(0, 0, 30), 56000, true, start.AddDate(0, 0, 8).Add(7 * time.Hour), false, "earned Tue 11 Mar 2025: claim it"},
		{"distance in progress", Reward{Kind: KindDistance, DistanceM: 100000, Days: 30}, start.AddDate(0, 0, 3), 16000, false, time.Time{}, false, "16 of 100 km, until Tue 1 Apr"},
		{"experiment watching", Reward{Kind: KindExperiment, ExperimentID: 5}, start.AddDate(0, 0, 7), 7, false, time.Time{}, false, "day 7 of 14, until Sun 16 Mar"},
		{"experiment seen through", Reward{Kind: KindExperiment, ExperimentID: 5}, start.AddDate(0, 0, 14), 14, true, start.AddDate(0, 0, 14), false, "earned Mon 17 Mar 2025: claim it"},
		{"experiment gone", Reward{Kind: KindExperiment, ExperimentID: 6}, start, 0, false, time.Time{}, false, "the experiment or shoes it names are gone"},
		{"shoes due", Reward{Kind: KindShoe, GearID: 1}, start.AddDate(0, 0, 10), 712000, true, start.AddDate(0, 0, 4), false, "earned Fri 7 Mar 2025: claim it"},
		{"shoes not yet due at that day", Reward{Kind: KindShoe, GearID: 1}, start.AddDate(0, 0, 2), 712000, false, time.Time{}, false, "712 of 700 km"},
		{"shoes half way", Reward{Kind: KindShoe, GearID: 2}, start, 350000, false, time.Time{}, false, "350 of 700 km"},
		{"recorded as earned stays earned", Reward{Kind: KindRuns, Runs: 50, Days: 7, Earned: start.AddDate(0, 0, 1)}, start.AddDate(0, 0, 30), 4, true, start.AddDate(0, 0, 1), false, "earned Tue 4 Mar 2025: claim it"},
		{"no condition", Reward{Kind: KindNone}, start, 1, true, start, false, "earned Mon 3 Mar 2025: claim it"},
		{"claimed", Reward{Kind: KindNone, Claimed: start.AddDate(0, 0, 2)}, start.AddDate(0, 0, 3), 1, true, start, false, "claimed Wed 5 Mar 2025"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r
			r.Text, r.Start = "a massage", start
			if err := r.Validate(); err != nil {
				t.Fatal(err)
			}
			p := Evaluate(&r, facts, tc.asOf)
			if p.Done != tc.done || p.Earned != tc.earned || !p.EarnedAt.Equal(tc.earnedAt) || p.Expired != tc.expired {
				t.Errorf("progress %+v", p)
			}
			if s := Status(&r, p, 1000, "km", time.UTC, ""); s != tc.status {
				t.Errorf("status %q, want %q", s, tc.status)
			}
		})
	}
}

func TestValidateAndDescribe(t *testing.T) {
	f := &Facts{Experiments: []Experiment{{ID: 5, Title: "Take a light week"}}, Shoes: []Shoe{{ID: 1, Name: "Pegasus 40", RetireAtM: 700_000}}}
	tests := []struct {
		r    Reward
		ok   bool
		desc string
	}{
		{Reward{Kind: KindRuns, Runs: 8, Days: 14}, true, "run 8 times in 14 days"},
		{Reward{Kind: KindDistance, DistanceM: 50000, Days: 21}, true, "run 50 km in 21 days"},
		{Reward{Kind: KindExperiment, ExperimentID: 5}, true, `see "Take a light week" through`},
		{Reward{Kind: KindShoe, GearID: 1}, true, "your Pegasus 40 reach 700 km"},
		{Reward{Kind: KindNone}, true, "no condition"},
		{Reward{Kind: KindRuns, Runs: 0, Days: 14}, false, ""},
		{Reward{Kind: KindDistance, DistanceM: 5000}, false, ""},
		{Reward{Kind: KindShoe}, false, ""},
		{Reward{Kind: "vibes"}, false, ""},
	}
	for _, tc := range tests {
		r := tc.r
		r.Text, r.Start = "dinner at Lucia's", start
		if err := r.Validate(); (err == nil) != tc.ok {
			t.Errorf("%+v: %v", r, err)
		}
		if tc.ok {
			if d := Describe(&r, f, 1000, "km"); d != tc.desc {
				t.Errorf("describe %q, want %q", d, tc.desc)
			}
		}
	}
	empty := Reward{Kind: KindNone, Start: start}
	if empty.Validate() == nil {
		t.Error("a reward without text is valid")
	}
}

func BenchmarkEvaluate(b *testing.B) {
	f := &Facts{Runs: runsEvery(1, 3650, 8)}
	r := Reward{Kind: KindDistance, DistanceM: 100000, Days: 30, Start: start.AddDate(5, 0, 0)}
	for b.Loop() {
		Evaluate(&r, f, start.AddDate(5, 0, 20))
	}
}
