package store

import (
	"context"
	"errors"
	"testing"

	"rekindle"
	"rekindle/internal/plan"
)

func TestPlan(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, b := newTestAthletes(t, s)
			byHand := []plan.Session{{Day: "2025-03-11", Sport: rekindle.SportYoga, Kind: plan.KindCross, DurationS: 3600, Note: "class"}}
			if err := s.AddPlanned(ctx, a, byHand); err != nil || byHand[0].ID == 0 {
				t.Fatal(err)
			}
			idea1 := []plan.Session{
				{Day: "2025-03-10", Kind: plan.KindRest, ExperimentID: 1},
				{Day: "2025-03-11", Sport: rekindle.SportRunning, Kind: plan.KindEasy, DistanceM: 6000, ExperimentID: 1},
				{Day: "2025-03-12", Sport: rekindle.SportRunning, Kind: plan.KindQuality, DistanceM: 9000, ExperimentID: 1},
			}
			if err := s.AddPlanned(ctx, a, idea1); err != nil {
				t.Fatal(err)
			}
			// A later idea replaces idea 1 on the 12th only; the yoga by hand stays.
			idea2 := []plan.Session{{Day: "2025-03-12", Sport: rekindle.SportRunning, Kind: plan.KindLong, DistanceM: 16500, ExperimentID: 2}}
			if err := s.AddPlanned(ctx, a, idea2); err != nil {
				t.Fatal(err)
			}
			got, err := s.ListPlanned(ctx, a, "2025-03-10", "2025-03-12")
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 4 || got[0].Kind != plan.KindRest || got[3].Kind != plan.KindLong || got[3].DistanceM != 16500 {
				t.Fatalf("plan %+v", got)
			}
			if tot := plan.Sum(got); tot.RunDistanceM != 22500 || tot.RestDays != 1 {
				t.Errorf("totals %+v", tot)
			}
			// Invalid sessions: nothing written.
			bad := []plan.Session{{Day: "2025-03-13", Sport: rekindle.SportRunning, Kind: plan.KindEasy}, {Day: "x", Kind: plan.KindRest}}
			if err := s.AddPlanned(ctx, a, bad); rekindle.ErrorCode(err) != rekindle.CodeInvalid {
				t.Errorf("bad: %v", err)
			}
			if got, _ := s.ListPlanned(ctx, a, "2025-03-13", ""); len(got) != 0 {
				t.Errorf("half-written plan %+v", got)
			}
			if other, _ := s.ListPlanned(ctx, b, "", ""); len(other) != 0 {
				t.Errorf("other athlete sees %d sessions", len(other))
			}
			if err := s.DeletePlanned(ctx, b, byHand[0].ID); !errors.Is(err, rekindle.ErrNotFound) {
				t.Errorf("other athlete deletes: %v", err)
			}
			if n, err := s.DeletePlannedFrom(ctx, a, 1, "2025-03-11"); err != nil || n != 1 {
				t.Errorf("delete from: %d %v", n, err)
			}
			if err := s.DeletePlanned(ctx, a, byHand[0].ID); err != nil {
				t.Error(err)
			}
		})
	}
}

// A session's pace, time, place and route are stored as written, and one
// session reads back by id; a step needs no sport.
func TestPlanDetail(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, b := newTestAthletes(t, s)
			ss := []plan.Session{
				{Day: "2025-06-04", Sport: rekindle.SportRunning, Kind: plan.KindEasy, DistanceM: 7900, PaceMS: 2.9, ExperimentID: 5,
					Route: &plan.Route{Name: "A new loop by Rue Grimaldi", DistanceM: 7900, NewShare: 0.7, Points: [][2]float64{{43.7384, 7.4246}, {43.74, 7.43}}}},
				{Day: "2025-06-05", Sport: rekindle.SportYoga, Kind: plan.KindCross, DurationS: 3600, Time: "18:30", Place: "Studio Azur", Note: "Yoga Flow", ExperimentID: 6},
				{Day: "2025-06-06", Kind: plan.KindStep, Note: "Book the massage", ExperimentID: 7},
			}
			if err := s.AddPlanned(ctx, a, ss); err != nil {
				t.Fatal(err)
			}
			got, err := s.ListPlanned(ctx, a, "", "")
			if err != nil || len(got) != 3 {
				t.Fatalf("%d sessions, %v", len(got), err)
			}
			if r := got[0].Route; r == nil || r.Name != "A new loop by Rue Grimaldi" || r.NewShare != 0.7 || len(r.Points) != 2 || r.Points[1] != [2]float64{43.74, 7.43} || got[0].PaceMS != 2.9 {
				t.Errorf("run %+v route %+v", got[0], got[0].Route)
			}
			if c := got[1]; c.Time != "18:30" || c.Place != "Studio Azur" || c.Route != nil {
				t.Errorf("class %+v", c)
			}
			one, err := s.GetPlanned(ctx, a, got[2].ID)
			if err != nil || one.Kind != plan.KindStep || one.Note != "Book the massage" {
				t.Errorf("step %+v, %v", one, err)
			}
			if _, err := s.GetPlanned(ctx, b, got[2].ID); !errors.Is(err, rekindle.ErrNotFound) {
				t.Errorf("another athlete reads the session: %v", err)
			}
			if err := s.AddPlanned(ctx, a, []plan.Session{{Day: "2025-06-07", Kind: plan.KindStep}}); err == nil {
				t.Error("a step without a note was stored")
			}
		})
	}
}
