package spark

import (
	"strings"
	"testing"

	"rekindle"
	"rekindle/internal/plan"
)

// A runner who writes that something hurts — "knee sore" on a run's title,
// "膝盖疼" in a check-in's note — is a runner who hurts, whatever the rows
// say (FINDINGS, overreach29: what the calls use is in the runner's words):
// rest leads, a coach next, no race, no challenge and no intervals, and the
// why quotes the words and the day exactly. "No pain" says the opposite,
// a later "pain free" ends it, and words of three weeks ago have faded.
func TestRunnerWhoWritesItHurtsRestsFirst(t *testing.T) {
	// A steady, happy runner: three runs a week for 30 weeks, one of them
	// with a faster stretch (so a light week would keep intervals).
	runner := func(titles map[int]string, note string) *Input {
		p := newPersona(29)
		for w := range 30 {
			for i, d := range []int{1, 3, 6} {
				day := 7*w + d
				p.add(w, d, runOpt{km: p.jitter([]float64{8, 10, 16}[i], 0.03), pace: 310, route: routes[(w+i)%len(routes)], fast: i == 1, enjoy: 4, name: titles[day]})
			}
		}
		if note != "" {
			p.in.CheckIns = append(p.in.CheckIns, rekindle.CheckIn{At: p.at(29, 6, 12), Note: note, Companions: rekindle.CompanionsUnknown})
		}
		return p.asOf(29, 6)
	}
	last := 7*29 + 6 // the last run: Sunday of week 29, the as-of day
	for _, tc := range []struct {
		name   string
		titles map[int]string
		note   string
		quote  string // the words quoted, "" when the runner is not hurting
	}{
		{"no words", nil, "", ""},
		{"knee sore on the last run", map[int]string{last: "knee sore"}, "", "knee sore"},
		{"a German compound three days ago", map[int]string{last - 3: "Lauf mit Knieschmerzen"}, "", "Lauf mit Knieschmerzen"},
		{"a check-in note in Chinese", nil, "膝盖疼", "膝盖疼"},
		{"foot getting better, a week ago", map[int]string{last - 7: "foot getting a bit better"}, "", "foot getting a bit better"},
		{"no pain", map[int]string{last: "Long run, no pain, knee fine"}, "", ""},
		{"sore, then pain free", map[int]string{last - 5: "knee sore", last: "pain free today"}, "", ""},
		{"sore three weeks ago", map[int]string{last - 21: "knee sore"}, "", ""},
		{"Spain and painted hills are no pain", map[int]string{last: "Spain: painted hills loop", last - 3: "Footbridge run"}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := runner(tc.titles, tc.note)
			r := Evaluate(in)
			if len(r.Recommendations) == 0 {
				t.Fatalf("no recommendations: %+v", r.Diagnoses)
			}
			top := r.Recommendations[0]
			_, hurtSig := r.Signals[SigHurtDaysAgo]
			if tc.quote == "" {
				if top.Strategy == rekindle.StrategyRest || hurtSig {
					t.Errorf("not hurting: top %s %q (signal %v), want no rest on top", top.Strategy, top.Title, hurtSig)
				}
				return
			}
			if top.Strategy != rekindle.StrategyRest {
				t.Fatalf("hurting: top %s %q, want rest; %+v", top.Strategy, top.Why, r.Diagnoses)
			}
			for _, rec := range r.Recommendations[:min(3, len(r.Recommendations))] {
				if rec.Strategy == rekindle.StrategyRace || rec.Strategy == rekindle.StrategyChallenge {
					t.Errorf("hurting: %s %q in the top three", rec.Strategy, rec.Title)
				}
			}
			// The words and the day, exactly: the why, the evidence's value
			// and the card's lines say the same.
			var said Evidence
			for _, e := range top.Evidence {
				if e.Signal == SigHurtDaysAgo {
					said = e
				}
			}
			h := newHistory(in)
			s := h.signals()
			if s.hurt == nil {
				t.Fatal("no hurt signal")
			}
			want := "you wrote '" + tc.quote + "' on " + h.day(s.hurt.at.In(h.loc))
			if said.Text != want || !strings.Contains(lowerFirst(top.Why), want) {
				t.Errorf("why %q (evidence %q), want %q", top.Why, said.Text, want)
			}
			if days := float64(h.daysAgo(s.hurt.at)); said.Value != days || r.Signals[SigHurtDaysAgo].Value != days {
				t.Errorf("days ago: evidence %v, signal %v, want %v", said.Value, r.Signals[SigHurtDaysAgo].Value, days)
			}
			if !strings.Contains(strings.Join(top.Actions, "\n"), "'"+tc.quote+"'") {
				t.Errorf("the card's lines do not quote %q: %q", tc.quote, top.Actions)
			}
			if d := r.Diagnoses[0]; d.Key == rekindle.DiagnosisSparked && !strings.Contains(d.Evidence[len(d.Evidence)-1].Text, want) {
				t.Errorf("sparked without the runner's words: %+v", d.Evidence)
			}
			for _, rec := range r.Recommendations {
				for _, ss := range rec.Plan {
					if rec.Strategy == rekindle.StrategyRest && ss.Kind == plan.KindQuality {
						t.Errorf("%s: a quality session while it hurts: %+v", rec.ID, ss)
					}
				}
				if rec.Strategy == rekindle.StrategyCoach && !strings.Contains(strings.Join(rec.Actions, "\n"), want) {
					t.Errorf("the coach idea does not pass on %q: %q", want, rec.Actions)
				}
			}
		})
	}
}
