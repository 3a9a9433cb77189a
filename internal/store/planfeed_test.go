package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/plan"
)

func TestPlanFeedAndEdits(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, b := newTestAthletes(t, s)
			if _, err := s.GetPlanFeed(ctx, a); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("no feed yet: %v", err)
			}
			if err := s.SetPlanFeed(ctx, a, "h1", now); err != nil {
				t.Fatal(err)
			}
			if err := s.SetPlanFeed(ctx, a, "h2", now.Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			f, err := s.GetPlanFeed(ctx, a)
			if err != nil || f.TokenHash != "h2" || !f.CreatedAt.Equal(now.Add(time.Hour)) {
				t.Fatalf("rotated feed %+v %v", f, err)
			}
			if _, err := s.GetPlanFeed(ctx, b); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("athlete b sees a's feed: %v", err)
			}
			if ok, err := s.DeletePlanFeed(ctx, a); !ok || err != nil {
				t.Fatalf("revoke %v %v", ok, err)
			}
			if _, err := s.GetPlanFeed(ctx, a); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("revoked feed still there: %v", err)
			}

			ss := []plan.Session{{Day: "2026-03-03", Sport: rekindle.SportRunning, Kind: plan.KindEasy, DistanceM: 8000, ExperimentID: 4}}
			if err := s.AddPlanned(ctx, a, ss); err != nil {
				t.Fatal(err)
			}
			x := ss[0]
			x.Day, x.Kind, x.DistanceM, x.Note = "2026-03-04", plan.KindLong, 16000, "moved"
			if err := s.UpdatePlanned(ctx, a, x, now); err != nil {
				t.Fatal(err)
			}
			if err := s.UpdatePlanned(ctx, b, x, now); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("b edited a's session: %v", err)
			}
			got, err := s.GetPlanned(ctx, a, x.ID)
			if err != nil || got != x {
				t.Fatalf("edited %+v %v, want %+v", got, err, x)
			}
			revs, err := s.PlannedRevisions(ctx, a, "2026-03-01", "2026-03-31")
			if err != nil || revs[x.ID].Revision != 1 || !revs[x.ID].UpdatedAt.Equal(now) {
				t.Fatalf("revisions %+v %v", revs, err)
			}
			bad := x
			bad.Kind = "nap"
			if err := s.UpdatePlanned(ctx, a, bad, now); err == nil {
				t.Fatal("invalid edit stored")
			}
		})
	}
}
