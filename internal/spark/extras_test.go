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

	// A race 16 days ahead: the taper's 5 days and the race itself.
	in = postMarathonRunner()
	in.Races = []RaceOption{{Name: "Harbour 10K", Date: in.AsOf.AddDate(0, 0, 16), DistanceM: 10000, Place: "Harbour"}}
	race := recOf(Evaluate(in), rekindle.StrategyRace)
	if race == nil {
		t.Fatal("no race idea after a marathon")
	}
	n := len(race.Plan)
	if n != 6 || race.Plan[n-1].Kind != plan.KindRace || race.Plan[n-1].DistanceM != 10000 || race.Plan[n-2].Kind != plan.KindRest {
		t.Fatalf("race plan %+v", race.Plan)
	}
	if !slices.ContainsFunc(race.Plan, func(s plan.Session) bool { return strings.Contains(s.Note, "strides") }) {
		t.Errorf("no strides in the taper %+v", race.Plan)
	}
}

func formatKm(m float64) string {
	h := &history{unit: rekindle.UnitKm}
	return h.dist(m)
}
