package spark

import (
	"slices"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/plan"
)

func recOf(r *Report, st rekindle.Strategy) *Recommendation {
	for i := range r.Recommendations {
		if r.Recommendations[i].Strategy == st {
			return &r.Recommendations[i]
		}
	}
	return nil
}

func TestRewardQuotesGearAndLedger(t *testing.T) {
	tests := []struct {
		name    string
		gear    []GearInfo
		rewards []RewardInfo
		id      string
		want    []string // in the why or the actions
	}{
		{"shoes due", []GearInfo{{Name: "Pegasus 40", Kind: "shoes", DistanceM: 712_300, RetireAtM: 700_000}, {Name: "Bike", Kind: "bike", DistanceM: 9e6}},
			nil, "reward-shoes", []string{"Your Pegasus 40 have 712 km on them: new shoes are earned", "retire them at 700 km", `gear retire "Pegasus 40"`}},
		{"retired shoes do not count", []GearInfo{{Name: "Old", Kind: "shoes", DistanceM: 900_000, RetireAtM: 700_000, Retired: true}, {Name: "Clifton", Kind: "shoes", DistanceM: 420_000, RetireAtM: 700_000}},
			nil, "reward-treat", []string{"Your Clifton have 420 km of 700 km: 280 km more and new shoes are earned"}},
		{"earned reward to claim", nil, []RewardInfo{{ID: 7, Text: "a massage", Condition: "run 6 times in 14 days", Earned: true}, {ID: 8, Text: "dinner at Lucia's", Progress: "2 of 40 km, until Sun 2 Mar"}},
			"reward-claim", []string{"Claim your reward: a massage", "You earned it: run 6 times in 14 days", "rekindle reward claim 7", "Dinner at Lucia's: 2 of 40 km"}},
		{"open reward progress", nil, []RewardInfo{{ID: 8, Text: "a run with Ana", Progress: "3 of 6 runs, until Sun 2 Mar"}, {ID: 9, Text: "claimed", Earned: true, Claimed: true}},
			"reward-progress", []string{"A run with Ana: 3 of 6 runs, until Sun 2 Mar"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := fadingRunner()
			in.Gear, in.Rewards = tc.gear, tc.rewards
			rec := recOf(Evaluate(in), rekindle.StrategyReward)
			if rec == nil {
				t.Fatal("no reward idea for a fading runner")
			}
			text := rec.Title + "\n" + rec.Why + "\n" + strings.Join(rec.Actions, "\n")
			if rec.ID != tc.id {
				t.Errorf("id %s, want %s:\n%s", rec.ID, tc.id, text)
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q in:\n%s", w, text)
				}
			}
		})
	}
}

func TestGratitudeUsesGivenFacts(t *testing.T) {
	in := fadingRunner()
	in.GratitudeFacts = []string{"You have run 1,234 km since 2019 — further than Lisbon to Paris", "You have seen 41 sunrises on the run"}
	rec := recOf(Evaluate(in), rekindle.StrategyGratitude)
	if rec == nil {
		t.Fatal("no gratitude idea")
	}
	n := len(rec.Plan)
	if n == 0 || len(rec.Actions) != n+3 || rec.Actions[n+1] != "“"+in.GratitudeFacts[0]+"”" || rec.Actions[n+2] != "“"+in.GratitudeFacts[1]+"”" {
		t.Errorf("actions %q", rec.Actions)
	}
}

func TestIdeasCarryTheirPlan(t *testing.T) {
	in := overreachedRunner()
	r := Evaluate(in)
	light := r.Top()
	if light.ID != "rest-light-week" || len(light.Plan) != 7 {
		t.Fatalf("top %s with %d planned days", light.ID, len(light.Plan))
	}
	tomorrow := in.AsOf.AddDate(0, 0, 1).Format(time.DateOnly)
	var sum float64
	for i, s := range light.Plan {
		if err := s.Validate(); err != nil {
			t.Errorf("day %d: %v", i, err)
		}
		if want := in.AsOf.AddDate(0, 0, i+1).Format(time.DateOnly); s.Day != want {
			t.Errorf("day %d is %s, want %s", i, s.Day, want)
		}
		sum += s.DistanceM
	}
	if light.Plan[0].Day != tomorrow {
		t.Errorf("plan starts %s", light.Plan[0].Day)
	}
	totals := plan.Sum(light.Plan)
	if totals.Sessions != 5 || totals.RestDays != 2 || !strings.Contains(light.Title, strings.TrimSuffix(formatKm(sum), "0")) {
		t.Errorf("totals %+v, title %q, sum %.0f", totals, light.Title, sum)
	}

	// A race 16 days ahead: race.PlanTaper's 7 days (the races page's
	// taper) and the race itself.
	in = postMarathonRunner()
	in.Races = []RaceOption{{Name: "Harbour 10K", Date: in.AsOf.AddDate(0, 0, 16), DistanceM: 10000, Place: "Harbour"}}
	race := recOf(Evaluate(in), rekindle.StrategyRace)
	if race == nil {
		t.Fatal("no race idea after a marathon")
	}
	n := len(race.Plan)
	if n != 8 || race.Plan[n-1].Kind != plan.KindRace || race.Plan[n-1].DistanceM != 10000 {
		t.Fatalf("race plan %+v", race.Plan)
	}
	if !slices.ContainsFunc(race.Plan, func(s plan.Session) bool {
		return s.Kind == plan.KindQuality && strings.Contains(s.Note, "at race pace")
	}) {
		t.Errorf("no race pace in the taper %+v", race.Plan)
	}
}

func formatKm(m float64) string {
	h := &history{unit: rekindle.UnitKm}
	return h.dist(m)
}

// The route idea writes its run with the suggested route attached (name,
// length, never-run share and points), and the card names it.
func TestRouteIdeaCarriesTheRoute(t *testing.T) {
	in, _, _ := sameLoopRunner()
	pts := [][2]float64{{43.73, 7.42}, {43.74, 7.43}, {43.73, 7.42}}
	in.Routes = []RouteOption{
		{Name: "A new loop by Rue Grimaldi and Boulevard Albert 1er", DistanceM: 7900, Kind: "new_loop", NewShare: 0.7, Points: pts},
		{Name: "A new loop along Quai Antoine 1er", DistanceM: 8100, Kind: "new_loop", NewShare: 0.4},
	}
	var rec *Recommendation
	for _, r := range Evaluate(in).Recommendations {
		if r.ID == "variety-route" {
			rec = &r
		}
	}
	if rec == nil || len(rec.Plan) != 1 || rec.Plan[0].Route == nil {
		t.Fatalf("variety-route without a route in its plan: %+v", rec)
	}
	r := rec.Plan[0].Route
	if r.Name != in.Routes[0].Name || r.DistanceM != 7900 || r.NewShare != 0.7 || !slices.Equal(r.Points, pts) {
		t.Errorf("route %+v, want the first suggestion", r)
	}
	if !strings.Contains(rec.Actions[0], in.Routes[0].Name) || !strings.Contains(rec.Actions[0], "7.9 km") || !strings.Contains(rec.Actions[0], "70% on streets you have never run") {
		t.Errorf("card %q does not name the route", rec.Actions[0])
	}
	if !strings.Contains(strings.Join(rec.Actions, "\n"), "Or a new loop along Quai Antoine 1er: 8.1 km") {
		t.Errorf("the alternative is missing: %q", rec.Actions)
	}
}

// An idea is judged once it has had its chance: a race idea the day after
// the race, not when the default window ends.
func TestWatchDaysCoverTheIdea(t *testing.T) {
	at := time.Date(2025, 6, 2, 20, 0, 0, 0, time.UTC)
	rec := Recommendation{Plan: []plan.Session{{Day: "2025-06-10", Kind: plan.KindEasy}, {Day: "2025-06-28", Kind: plan.KindRace}}}
	w := rec.WatchDays(at, time.UTC, DefaultWindowDays)
	if end := time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC).AddDate(0, 0, w); end.Format(time.DateOnly) != "2025-06-29" {
		t.Errorf("window %d days ends %s, want the day after the race", w, end.Format(time.DateOnly))
	}
	short := Recommendation{Plan: []plan.Session{{Day: "2025-06-03", Kind: plan.KindRest}}}
	if w := short.WatchDays(at, time.UTC, DefaultWindowDays); w != DefaultWindowDays {
		t.Errorf("a short idea watched %d days, want %d", w, DefaultWindowDays)
	}
	// Judged as watching until then.
	in := fadingRunner()
	in.Experiments = []Experiment{{ID: 1, RecID: "race-local", Strategy: rekindle.StrategyRace, State: StateAccepted, At: in.AsOf.AddDate(0, 0, -16), WindowDays: 20}}
	rep := Evaluate(in)
	if len(rep.Experiments) != 1 || rep.Experiments[0].Outcome != OutcomeWatching {
		t.Errorf("experiments %+v, want still watching", rep.Experiments)
	}
	// Given up: abandoned, whatever the window says.
	in.Experiments[0].Abandoned = in.AsOf.AddDate(0, 0, -2)
	rep = Evaluate(in)
	if len(rep.Experiments) != 1 || rep.Experiments[0].Outcome != OutcomeAbandoned {
		t.Errorf("experiments %+v, want abandoned", rep.Experiments)
	}
	for _, r := range rep.Recommendations {
		if r.ID == "race-local" {
			t.Errorf("an abandoned idea is offered again at once")
		}
	}
}
