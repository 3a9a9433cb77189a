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
	for name, s := range openSparkTestStores(t) {
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
