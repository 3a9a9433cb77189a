package spark

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"rekindle"
)

// A check-in that does not say who the runner ran with is not a run
// alone: only check-ins that say count towards the alone share.
func TestCompanionsUnknownIsNotAlone(t *testing.T) {
	build := func(company int) *Report {
		p := newPersona(7)
		for w := range 8 {
			for _, d := range []int{0, 2, 4, 6} {
				p.add(w, d, runOpt{km: 8, pace: 330, route: routes[0], enjoy: 3, company: company, hour: 7})
			}
		}
		return Evaluate(p.asOf(7, 6))
	}
	if _, ok := build(rekindle.CompanionsUnknown).Signals[SigAloneShare]; ok {
		t.Error("check-ins that do not say who the runner ran with made an alone share")
	}
	if v, ok := build(0).Signals[SigAloneShare]; !ok || v.Value != 1 {
		t.Errorf("check-ins that say alone: alone share %+v, want 1", v)
	}
	// A rating imported with the activity (a Strava RPE) says nothing about company.
	in := &Input{}
	in.AddHistory([]rekindle.Activity{{ID: 1, RPE: 5}}, nil, nil)
	if len(in.CheckIns) != 1 || in.CheckIns[0].Companions != rekindle.CompanionsUnknown {
		t.Errorf("check-in from an imported RPE: %+v", in.CheckIns)
	}
}

// One unit system: in miles mode no idea mixes "2 km warm-up" with a pace
// per mile; every distance and pace it prints is in miles.
func TestMilesModeSaysMiles(t *testing.T) {
	for name, in := range map[string]*Input{"fresh_flat": freshFlatRunner(), "overreached": overreachedRunner()} {
		in.Unit = rekindle.UnitMi
		rep := Evaluate(in)
		found := false
		for _, r := range rep.Recommendations {
			texts := append([]string{r.Why}, r.Actions...)
			for _, p := range r.Plan {
				texts = append(texts, p.Note)
			}
			for _, s := range texts {
				if strings.Contains(s, "/mi") {
					found = true
				}
				if kmWord.MatchString(s) || strings.Contains(s, "/km") {
					t.Errorf("%s: %s: kilometres in miles mode: %q", name, r.ID, s)
				}
			}
		}
		if !found {
			t.Errorf("%s: no pace per mile in any idea", name)
		}
	}
}

var kmWord = regexp.MustCompile(`\d km\b`)

// The threshold pace in the ideas is the runner's own when they set one
// (the one Settings and the Training page show), else the VDOT's.
func TestIdeasUseTheRunnersThresholdPace(t *testing.T) {
	in := freshFlatRunner()
	in.Training = &Training{ThresholdSpeedMS: 1000 / 301.0} // 5:01/km
	found := false
	for _, r := range Evaluate(in).Recommendations {
		if r.ID != "challenge-intervals" {
			continue
		}
		found = true
		if !strings.Contains(r.Why, "threshold pace (Settings) is 5:01/km") || !strings.Contains(strings.Join(r.Actions, "\n"), "3 × 10 min at 5:01/km") {
			t.Errorf("intervals idea ignores the runner's threshold pace: %q %q", r.Why, r.Actions)
		}
	}
	if !found {
		t.Fatal("no intervals idea for the fresh-flat runner")
	}
}

// Confidence in words: every diagnosis says how sure it is in words, and
// no evidence says "only 0" of anything.
func TestConfidenceInWords(t *testing.T) {
	words := map[string]bool{"sure": true, "fairly sure": true, "likely": true, "a hunch": true}
	for name, in := range map[string]*Input{"fresh_flat": freshFlatRunner(), "overreached": overreachedRunner(), "fading": fadingRunner(), "happy": happyRunner(), "post_marathon": postMarathonRunner()} {
		rep := Evaluate(in)
		for _, d := range rep.Diagnoses {
			if !words[d.Sureness] {
				t.Errorf("%s: %s sureness %q is not in words", name, d.Key, d.Sureness)
			}
			for _, e := range d.Evidence {
				if strings.Contains(e.Text, "only 0") || strings.Contains(e.Text, " 0%") {
					t.Errorf("%s: %s evidence %q", name, d.Key, e.Text)
				}
			}
		}
	}
}

// The VDOT an idea quotes is the report's: rounded once from the value the
// report shows (3 decimals), not from the exact one, so both say the same
// number. A half in 1:38:38 (held-out real-58 2018-11-25) gives a VDOT of
// 45.8499986: the report shows 45.850, the why read "45.8".
func TestIdeasQuoteTheReportsVDOT(t *testing.T) {
	in := freshFlatRunner()
	in.Training = &Training{VDOT: 45.84999859034602, VDOTFound: "from your race of 22 Sep 2018"}
	rep := Evaluate(in)
	shown := rep.Signals[SigVDOT].Value
	want := strconv.FormatFloat(math.Round(shown*10)/10, 'f', 1, 64)
	found := false
	for _, r := range rep.Recommendations {
		if r.ID != "challenge-intervals" {
			continue
		}
		found = true
		if !strings.Contains(r.Why, "Your VDOT of "+want+" ") {
			t.Errorf("the why quotes another VDOT than the report's %v (%s): %q", shown, want, r.Why)
		}
	}
	if !found {
		t.Fatal("no intervals idea for the fresh-flat runner")
	}
}
