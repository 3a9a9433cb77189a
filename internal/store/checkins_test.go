package store

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"rekindle"
)

func newTestAthletes(t *testing.T, s *Store) (a, b int64) {
	t.Helper()
	ctx := context.Background()
	x, y := &rekindle.Athlete{Name: "a"}, &rekindle.Athlete{Name: "b"}
	if err := s.CreateAthlete(ctx, x); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateAthlete(ctx, y); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.DeleteAthlete(context.Background(), x.ID)
		s.DeleteAthlete(context.Background(), y.ID)
	})
	return x.ID, y.ID
}

func TestCheckIns(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2025, 3, 4, 7, 30, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, b := newTestAthletes(t, s)
			c := CheckIn{CheckIn: rekindle.CheckIn{AthleteID: a, ActivityID: 42, At: at, Enjoyment: 4, RPE: 6, Note: "windy", Companions: 1, Surface: "trail"}}
			if err := s.SaveCheckIn(ctx, &c); err != nil {
				t.Fatal(err)
			}
			// A second check-in for the same activity replaces the first.
			c2 := CheckIn{CheckIn: rekindle.CheckIn{AthleteID: a, ActivityID: 42, At: at, Enjoyment: 5, RPE: math.NaN()}}
			if err := s.SaveCheckIn(ctx, &c2); err != nil {
				t.Fatal(err)
			}
			if c2.ID != c.ID {
				t.Errorf("same activity: id %d, want %d", c2.ID, c.ID)
			}
			free := CheckIn{CheckIn: rekindle.CheckIn{AthleteID: a, At: at.Add(time.Hour), Enjoyment: 2, RPE: 3}}
			if err := s.SaveCheckIn(ctx, &free); err != nil {
				t.Fatal(err)
			}
			list, err := s.ListCheckIns(ctx, a, time.Time{}, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 2 || list[0].Enjoyment != 5 || !math.IsNaN(list[0].RPE) || list[1].RPE != 3 || !list[0].At.Equal(at) {
				t.Fatalf("list = %+v", list)
			}
			if other, _ := s.ListCheckIns(ctx, b, time.Time{}, time.Time{}); len(other) != 0 {
				t.Errorf("athlete b sees %d check-ins", len(other))
			}
			if _, err := s.GetCheckIn(ctx, b, c.ID); !errors.Is(err, rekindle.ErrNotFound) {
				t.Errorf("b reads a's check-in: %v", err)
			}
			// Edit.
			got, err := s.GetCheckIn(ctx, a, free.ID)
			if err != nil {
				t.Fatal(err)
			}
			got.Note, got.Surface = "better than it felt", "road"
			if err := s.SaveCheckIn(ctx, &got); err != nil {
				t.Fatal(err)
			}
			if got2, _ := s.GetCheckIn(ctx, a, free.ID); got2.Note != "better than it felt" || got2.Surface != "road" {
				t.Errorf("edited = %+v", got2)
			}
			if l, _ := s.ListCheckIns(ctx, a, at.Add(time.Minute), time.Time{}); len(l) != 1 {
				t.Errorf("from filter: %d", len(l))
			}
			// Invalid values are refused with CodeInvalid.
			for _, bad := range []rekindle.CheckIn{
				{AthleteID: a, At: at, Enjoyment: 6},
				{AthleteID: a, At: at, Enjoyment: 3, RPE: 11},
				{AthleteID: a, At: at, Enjoyment: 3, Surface: "lava"},
				{AthleteID: a, Enjoyment: 3},
			} {
				if err := s.SaveCheckIn(ctx, &CheckIn{CheckIn: bad}); rekindle.ErrorCode(err) != rekindle.CodeInvalid {
					t.Errorf("%+v: err %v, want invalid", bad, err)
				}
			}
			if err := s.DeleteCheckIn(ctx, b, free.ID); !errors.Is(err, rekindle.ErrNotFound) {
				t.Errorf("b deletes a's check-in: %v", err)
			}
			if err := s.DeleteCheckIn(ctx, a, free.ID); err != nil {
				t.Fatal(err)
			}

			// Spark checks.
			sc := SparkCheck{SparkCheck: rekindle.SparkCheck{AthleteID: a, At: at, Exhaustion: 4, LostInterest: 2.5, Stagnation: 3}, Answers: map[string]int{"drained": 4}}
			if err := s.SaveSparkCheck(ctx, &sc); err != nil {
				t.Fatal(err)
			}
			sc.Note = "long week"
			if err := s.SaveSparkCheck(ctx, &sc); err != nil {
				t.Fatal(err)
			}
			checks, err := s.ListSparkChecks(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			if len(checks) != 1 || checks[0].Exhaustion != 4 || checks[0].Note != "long week" || checks[0].Answers["drained"] != 4 {
				t.Fatalf("spark checks = %+v", checks)
			}
			if err := s.SaveSparkCheck(ctx, &SparkCheck{SparkCheck: rekindle.SparkCheck{AthleteID: a, At: at, Exhaustion: 0, LostInterest: 2, Stagnation: 2}}); rekindle.ErrorCode(err) != rekindle.CodeInvalid {
				t.Errorf("score 0: %v", err)
			}
			if l, _ := s.ListSparkChecks(ctx, b); len(l) != 0 {
				t.Errorf("b sees spark checks")
			}
			if err := s.DeleteSparkCheck(ctx, a, sc.ID); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestExperiments(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2025, 3, 4, 7, 30, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, b := newTestAthletes(t, s)
			e := Experiment{AthleteID: a, RecID: "variety-route", Strategy: rekindle.StrategyVariety, Title: "Run somewhere new", State: ExperimentAccepted, At: at, WindowDays: 14}
			if err := s.SaveExperiment(ctx, &e); err != nil {
				t.Fatal(err)
			}
			snooze := Experiment{AthleteID: a, RecID: "rest-days-off", Strategy: rekindle.StrategyRest, State: ExperimentSnoozed, At: at, Until: at.AddDate(0, 0, 7)}
			if err := s.SaveExperiment(ctx, &snooze); err != nil {
				t.Fatal(err)
			}
			if err := s.SetExperimentOutcome(ctx, a, e.ID, "no_change", `[{"text":"nothing"}]`, at.AddDate(0, 0, 14)); err != nil {
				t.Fatal(err)
			}
			if err := s.SetExperimentOutcome(ctx, b, e.ID, "worked", "", at); !errors.Is(err, rekindle.ErrNotFound) {
				t.Errorf("b judges a's experiment: %v", err)
			}
			list, err := s.ListExperiments(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 2 || list[0].Outcome != "no_change" || !list[0].JudgedAt.Equal(at.AddDate(0, 0, 14)) || !list[1].Until.Equal(at.AddDate(0, 0, 7)) || list[0].WindowDays != 14 {
				t.Fatalf("list = %+v", list)
			}
			got, err := s.GetExperiment(ctx, a, snooze.ID)
			if err != nil || got.RecID != "rest-days-off" || got.Strategy != rekindle.StrategyRest {
				t.Fatalf("get = %+v, %v", got, err)
			}
			got.State = ExperimentDismissed
			if err := s.SaveExperiment(ctx, &got); err != nil {
				t.Fatal(err)
			}
			if l, _ := s.ListExperiments(ctx, b); len(l) != 0 {
				t.Errorf("b sees a's experiments")
			}
			bad := Experiment{AthleteID: a, RecID: "x", Strategy: "nap", State: ExperimentAccepted, At: at}
			if err := s.SaveExperiment(ctx, &bad); rekindle.ErrorCode(err) != rekindle.CodeInvalid {
				t.Errorf("unknown strategy: %v", err)
			}
			if err := s.DeleteExperiment(ctx, a, e.ID); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestCheckInOfActivity(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, b := newTestAthletes(t, s)
			at := time.Date(2025, 5, 1, 8, 0, 0, 0, time.UTC)
			for _, c := range []*CheckIn{
				{CheckIn: rekindle.CheckIn{AthleteID: a, ActivityID: 5, At: at, Enjoyment: 4, RPE: 6}},
				{CheckIn: rekindle.CheckIn{AthleteID: a, ActivityID: 6, At: at.Add(time.Hour), Enjoyment: 2, RPE: math.NaN()}},
				{CheckIn: rekindle.CheckIn{AthleteID: b, ActivityID: 7, At: at, Enjoyment: 5, RPE: 3}},
			} {
				if err := s.SaveCheckIn(ctx, c); err != nil {
					t.Fatal(err)
				}
			}
			c, err := s.CheckInOfActivity(ctx, a, 6)
			if err != nil || c.ActivityID != 6 || c.Enjoyment != 2 || !math.IsNaN(c.RPE) {
				t.Errorf("check-in of 6: %+v, %v", c, err)
			}
			if _, err := s.CheckInOfActivity(ctx, a, 7); !errors.Is(err, rekindle.ErrNotFound) {
				t.Errorf("another athlete's check-in: %v", err)
			}
			if _, err := s.CheckInOfActivity(ctx, a, 0); !errors.Is(err, rekindle.ErrNotFound) {
				t.Errorf("activity 0: %v", err)
			}
		})
	}
}
