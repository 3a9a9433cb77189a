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
		if len(c.Calls) < 6 {
			t.Errorf("%s: %d calls, want at least 6", c.Name, len(c.Calls))
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
