package casebook

import (
	"path/filepath"
	"testing"

	"rekindle/internal/testkit"
)

func TestJudge(t *testing.T) {
	call := Call{Diagnoses: []string{"returning"}, Strategies: []string{"race", "reward"},
		ForbidDiagnoses: []string{"overreached"}, ForbidStrategies: []string{"rest"}, Tags: []string{"returning"}}
	for _, c := range []struct {
		d, s  string
		agree bool
	}{
		{"returning", "race", true},
		{"returning", "rest", false},
		{"returning", "variety", false},
		{"overreached", "race", false},
		{"sparked", "", false},
		{"fading", "race", false},
	} {
		if v := Judge(call, c.d, c.s); v.Agree != c.agree {
			t.Errorf("Judge(%s, %s) = %v (%s), want %v", c.d, c.s, v.Agree, v.Reason, c.agree)
		}
	}
	happy := Call{Diagnoses: []string{"sparked"}, Tags: []string{"happy_varied"}}
	if v := Judge(happy, "sparked", ""); !v.Agree {
		t.Errorf("sparked with no idea should agree with a sparked call: %s", v.Reason)
	}
	if v := Judge(happy, "sparked", "variety"); v.Agree {
		t.Error("a happy varied runner told variety should disagree")
	}
}

func TestLoadReal(t *testing.T) {
	cases, err := LoadReal(filepath.Join(testkit.Root(t), "testdata", "casebook"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 8 {
		t.Fatalf("%d real cases, want at least 8", len(cases))
	}
	for _, c := range cases {
		// Six dated calls a runner; five for a history of under a year
		// (real-16: seven months; real-24: ten months), whose calls were
		// committed before the engine ran on it and cannot be added to
		// afterwards.
		want := 6
		if c.Name == "real-16" || c.Name == "real-24" {
			want = 5
		}
		if len(c.Calls) < want {
			t.Errorf("%s: %d calls, want at least %d", c.Name, len(c.Calls), want)
		}
	}
}

func TestScenarios(t *testing.T) {
	cases, err := Scenarios(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 20 {
		t.Fatalf("%d scenario runners, want at least 20", len(cases))
	}
	for _, c := range cases {
		if c.Demo == "" && len(c.Files) == 0 {
			t.Errorf("%s: no files", c.Name)
		}
	}
}

func TestRaceUsable(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    Race
		want bool
	}{
		{"half in 2:02", Race{DistanceM: 21097.5, TimeS: 7326, MeasuredM: 21310}, true},
		{"marathon in 3:50", Race{DistanceM: 42195, TimeS: 13810, MeasuredM: 42568}, true},
		{"half without a measured distance", Race{DistanceM: 21097.5, TimeS: 6000}, true},
		{"half at the world record", Race{DistanceM: 21097.5, TimeS: 3450, MeasuredM: 21097.5}, true},
		{"half in 51 min (faster than the world record)", Race{DistanceM: 21097.5, TimeS: 3074, MeasuredM: 20520}, false},
		{"half in 55:45", Race{DistanceM: 21097.5, TimeS: 3345, MeasuredM: 20867}, false},
		{"marathon in 1:55", Race{DistanceM: 42195, TimeS: 6900, MeasuredM: 42300}, false},
		{"5K in 12 min", Race{DistanceM: 5000, TimeS: 720}, false},
		{"10K in 45 min", Race{DistanceM: 10000, TimeS: 2700, MeasuredM: 10100}, true},
		{"half measured 19.5 km (7.6% short)", Race{DistanceM: 21097.5, TimeS: 7000, MeasuredM: 19500}, false},
		{"half measured 21.7 km (2.9% long)", Race{DistanceM: 21097.5, TimeS: 8498, MeasuredM: 21668}, true},
		{"no time", Race{DistanceM: 42195}, false},
		{"not a standard distance", Race{DistanceM: 35000, TimeS: 9000}, false},
		{"10 miles in 1:18:58", Race{DistanceM: 16093.44, TimeS: 4738, MeasuredM: 16000}, true},
		{"10 miles in 40 min (faster than the world record)", Race{DistanceM: 16093.44, TimeS: 2400}, false},
	} {
		if got := tc.r.Usable(); got != tc.want {
			t.Errorf("%s: Usable() = %v, want %v", tc.name, got, tc.want)
		}
	}
}
