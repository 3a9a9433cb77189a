package spark

import (
	"slices"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/plan"
)

func findRec(rep *Report, st rekindle.Strategy) *Recommendation {
	for i := range rep.Recommendations {
		if rep.Recommendations[i].Strategy == st {
			return &rep.Recommendations[i]
		}
	}
	return nil
}

// A race from the runner's calendar, 2–4 weeks out, is named with its
// predicted time and the taper the race package wrote.
func TestRaceFromCalendar(t *testing.T) {
	in := postMarathonRunner()
	day := in.AsOf.Truncate(24 * time.Hour)
	d5, d9, d11, d12 := day.AddDate(0, 0, 15), day.AddDate(0, 0, 19), day.AddDate(0, 0, 19), day.AddDate(0, 0, 20)
	taper := []plan.Session{
		{Day: day.AddDate(0, 0, -1).Format(time.DateOnly), Sport: rekindle.SportRunning, Kind: plan.KindEasy, DistanceM: 9000, Note: "already past: left out"},
		{Day: d5.Format(time.DateOnly), Sport: rekindle.SportRunning, Kind: plan.KindEasy, DistanceM: 14000, Note: "taper"},
		{Day: d9.Format(time.DateOnly), Sport: rekindle.SportRunning, Kind: plan.KindQuality, DistanceM: 3000, PaceMS: 10000.0 / 2713, Note: "4 × 1 min at race pace"},
		{Day: d11.Format(time.DateOnly), Kind: plan.KindRest, Note: "taper"},
		{Day: d12.Format(time.DateOnly), Sport: rekindle.SportRunning, Kind: plan.KindRace, DistanceM: 10000, Place: "Port Hercule", Note: "Harbour 10K"},
	}
	in.Races = []RaceOption{
		{Name: "Too Soon 5K", Date: day.AddDate(0, 0, 5), DistanceM: 5000},
		{Name: "Harbour 10K", Date: day.AddDate(0, 0, 20).Add(9 * time.Hour), DistanceM: 10000, Place: "Port Hercule", PredictedS: 2713, URL: "https://example.org/10k", Taper: taper},
		{Name: "Far Away Marathon", Date: day.AddDate(0, 0, 60), DistanceM: 42195},
	}
	rep := Evaluate(in)
	r := findRec(rep, rekindle.StrategyRace)
	if r == nil {
		t.Fatalf("no race recommendation: %+v", rep.Recommendations)
	}
	if want := "Enter Harbour 10K on " + day.AddDate(0, 0, 20).Format("Mon 2 Jan"); r.Title != want {
		t.Errorf("title %q, want %q", r.Title, want)
	}
	// The plan is the calendar's taper from tomorrow on, and the card
	// shows exactly it.
	if !slices.EqualFunc(r.Plan, taper[1:], func(a, b plan.Session) bool { return a.Day == b.Day && a.DistanceM == b.DistanceM && a.Kind == b.Kind }) {
		t.Errorf("plan %+v, want the taper %+v", r.Plan, taper[1:])
	}
	if got, want := r.Actions[:len(r.Plan)], plan.Describes(r.Plan, rekindle.UnitKm, ""); !slices.Equal(got, want) {
		t.Errorf("actions %q, want the sessions %q", got, want)
	}
	if !strings.Contains(r.Actions[len(r.Plan)-1], "Port Hercule") || !strings.Contains(strings.Join(r.Actions, "\n"), "https://example.org/10k") {
		t.Errorf("actions %q", r.Actions)
	}
	// Without a taper from the calendar spark plans the race week itself,
	// ending with the race; the card still shows exactly the sessions.
	in.Races[1].Taper, in.Races[1].PredictedS = nil, 0
	r = findRec(Evaluate(in), rekindle.StrategyRace)
	if r == nil || len(r.Plan) == 0 || r.Plan[len(r.Plan)-1].Kind != plan.KindRace || r.Plan[len(r.Plan)-1].Day != d12.Format(time.DateOnly) {
		t.Fatalf("own taper: %+v", r)
	}
	if got, want := r.Actions[:len(r.Plan)], plan.Describes(r.Plan, rekindle.UnitKm, ""); !slices.Equal(got, want) {
		t.Errorf("actions %q, want the sessions %q", got, want)
	}
}

// Classes that fit the week name a concrete class in the cross-training
// idea: the first of each sport never logged, within two weeks.
func TestClassesFromSchedule(t *testing.T) {
	in := overreachedRunner()
	end := in.AsOf.Truncate(24*time.Hour).AddDate(0, 0, 1)
	in.Classes = []ClassOption{
		{Name: "Yesterday's Yoga", Sport: rekindle.SportYoga, Start: end.AddDate(0, 0, -2).Add(18 * time.Hour)},
		{Name: "Barre Sculpt", Sport: rekindle.SportBarre, Start: end.AddDate(0, 0, 5).Add(10 * time.Hour), Place: "Studio 1",
			Why: "You have never logged barre; Saturday is not one of your running days."},
		{Name: "Barre Again", Sport: rekindle.SportBarre, Start: end.AddDate(0, 0, 6).Add(10 * time.Hour)},
		{Name: "Spin Express", Sport: rekindle.SportSpin, Start: end.AddDate(0, 0, 8).Add(7 * time.Hour)},
		{Name: "Yoga Next Month", Sport: rekindle.SportYoga, Start: end.AddDate(0, 0, 30).Add(18 * time.Hour)},
		{Name: "Easy Jog Club", Sport: rekindle.SportRunning, Start: end.AddDate(0, 0, 2).Add(18 * time.Hour)},
	}
	rep := Evaluate(in)
	r := findRec(rep, rekindle.StrategyCrossTraining)
	if r == nil {
		t.Fatalf("no cross-training recommendation: %+v", rep.Recommendations)
	}
	barreDay := end.AddDate(0, 0, 5).Format("Mon 2 Jan")
	if want := "Try Barre Sculpt on " + barreDay; r.Title != want {
		t.Errorf("title %q, want %q", r.Title, want)
	}
	want := []string{
		barreDay + " 10:00: barre, 60 min at Studio 1 — Barre Sculpt — you have never logged barre; Saturday is not one of your running days",
		"Or " + end.AddDate(0, 0, 8).Format("Mon 2 Jan") + " 07:00: Spin Express",
	}
	if !slices.Equal(r.Actions, want) {
		t.Errorf("actions %q, want %q", r.Actions, want)
	}
	if r.ID != "cross-new-class" {
		t.Errorf("id %q: experiments key on it", r.ID)
	}
}
