package spark

import (
	"strings"
	"testing"

	"rekindle"
)

// trailRunner: a runner in China, four runs a week on the same loops, a
// 30 km trail race 15 days ago, and route suggestions including a 25 km loop.
func trailRunner(country string) *Input {
	p := newPersona(31)
	for w := range 20 {
		for i, d := range []int{1, 3, 5, 6} {
			km := []float64{8, 8, 6, 14}[i]
			p.add(w, d, runOpt{km: p.jitter(km, 0.05), route: routes[i%2], name: "晨跑", enjoy: 3, hour: 6.5})
		}
	}
	p.add(20, 5, runOpt{km: 30, pace: 480, name: "莫干山越野赛", route: "trail race"})
	for _, d := range []int{1, 3, 6} {
		p.add(21, d, runOpt{km: 6, route: routes[0], name: "晨跑", enjoy: 3, hour: 6.5})
	}
	p.add(22, 1, runOpt{km: 6, route: routes[0], name: "晨跑", enjoy: 3, hour: 6.5})
	p.add(22, 3, runOpt{km: 7, route: routes[1], name: "晨跑", enjoy: 3, hour: 6.5})
	in := p.asOf(22, 6)
	in.Country = country
	in.Routes = []RouteOption{
		{Name: "New loop north", DistanceM: 25000, Kind: "new_loop", NewShare: 0.9},
		{Name: "New loop east", DistanceM: 8000, Kind: "new_loop", NewShare: 0.6},
		{Name: "Canal and back", DistanceM: 7000, Kind: "new_loop", NewShare: 0.4},
	}
	return in
}

func TestIdeasFitThePerson(t *testing.T) {
	r := Evaluate(trailRunner("CN"))
	if r.Diagnosis(rekindle.DiagnosisSparked) != nil && len(r.Diagnoses) == 1 {
		t.Logf("sparked: %+v", r.Diagnoses)
	}
	for _, rec := range r.Recommendations {
		text := rec.Title + " " + rec.Why + " " + strings.Join(rec.Actions, " ")
		if strings.Contains(strings.ToLower(text), "parkrun") {
			t.Errorf("%s names parkrun for a runner in China: %q", rec.ID, text)
		}
		if strings.Contains(text, "25.0 km") || strings.Contains(text, "New loop north") {
			t.Errorf("%s suggests a 25 km loop 15 days after a 30 km trail race: %q", rec.ID, text)
		}
		if rec.ID == "challenge-long-run" {
			t.Errorf("a longer long run while still recovering: %q", text)
		}
	}
	// Whatever ranks first, the ideas themselves respect the recovery.
	h := newHistory(trailRunner("CN"))
	sg := h.signals()
	for _, c := range append(varietyIdeas(h, sg), challengeIdeas(h, sg)...) {
		text := c.Title + " " + strings.Join(c.Actions, " ")
		if strings.Contains(text, "25.0 km") || strings.Contains(text, "New loop north") || c.ID == "challenge-long-run" {
			t.Errorf("%s while recovering from a 30 km trail race: %q", c.ID, text)
		}
	}
	for _, d := range r.Diagnoses {
		switch d.Key {
		case rekindle.DiagnosisFading, rekindle.DiagnosisUnderstimulated, rekindle.DiagnosisOverreached:
			t.Errorf("15 days after a trail race: %s %+v", d.Key, d.Evidence)
		}
	}
	if r.Signals[SigWeeksSinceRace].Value == 0 {
		t.Errorf("the trail race was not recognised: %+v", r.Signals[SigWeeksSinceRace])
	}
	// The same runner in Britain may hear of parkrun; one whose country is
	// unknown hears of no country-specific event.
	for _, c := range []string{"", "CN"} {
		for _, rec := range Evaluate(trailRunner(c)).Recommendations {
			if strings.Contains(strings.ToLower(strings.Join(rec.Actions, " ")), "parkrun") {
				t.Errorf("country %q: %s names parkrun", c, rec.ID)
			}
		}
	}
}

// A stock class (no gym schedule) is never in the top three for the
// simulated runners with a problem.
func TestStockClassNotOnTop(t *testing.T) {
	sameLoop, _, _ := sameLoopRunner()
	for name, in := range map[string]*Input{"overreached": overreachedRunner(), "same loop": sameLoop, "fresh flat": freshFlatRunner(), "post marathon": postMarathonRunner(), "fading": fadingRunner(), "trail": trailRunner("CN")} {
		r := Evaluate(in)
		for i, rec := range r.Recommendations[:min(3, len(r.Recommendations))] {
			if rec.ID == "cross-new-class" {
				t.Errorf("%s: stock class at #%d: %s", name, i+1, strategies(r))
			}
		}
	}
}
