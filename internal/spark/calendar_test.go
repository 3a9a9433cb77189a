package spark

import (
	"slices"
	"strings"
	"testing"
	"time"

	"rekindle"
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
	taper := []string{"Sun 5 Apr: 14 km easy", "Thu 9 Apr: 3 km easy including 4 × 1 min at race pace 4:31/km, 2 min jog between", "Sat 11 Apr: rest"}
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
	if !strings.Contains(r.Actions[0], "Port Hercule: predicted 45:13") || !strings.Contains(r.Actions[0], "(https://example.org/10k)") {
		t.Errorf("first action %q", r.Actions[0])
	}
	if !slices.Equal(r.Actions[len(r.Actions)-len(taper):], taper) {
		t.Errorf("taper not in the actions: %q", r.Actions)
	}
	for _, a := range r.Actions {
		if strings.Contains(a, "The 5 days before") {
			t.Errorf("generic taper line kept: %q", a)
		}
	}
	// Without a taper from the calendar the generic line stays.
	in.Races[1].Taper, in.Races[1].PredictedS = nil, 0
	r = findRec(Evaluate(in), rekindle.StrategyRace)
	if r == nil || !strings.Contains(strings.Join(r.Actions, "\n"), "The 5 days before") {
		t.Errorf("generic taper: %+v", r)
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
		barreDay + " 10:00: Barre Sculpt, Studio 1 — you have never logged barre; Saturday is not one of your running days",
		end.AddDate(0, 0, 8).Format("Mon 2 Jan") + " 07:00: Spin Express",
	}
	if !slices.Equal(r.Actions, want) {
		t.Errorf("actions %q, want %q", r.Actions, want)
	}
	if r.ID != "cross-new-class" {
		t.Errorf("id %q: experiments key on it", r.ID)
	}
}
