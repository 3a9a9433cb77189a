package store

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"
)

// TestUniqueSourceRecord: migration 00080 removes copies of a source record
// stored by concurrent imports before it, and from then on a second copy
// is refused as ErrAlreadyStored.
func TestUniqueSourceRecord(t *testing.T) {
	ctx := context.Background()
	base := time.Date(2024, 5, 1, 7, 0, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			ath, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// A store as it was before the migration, with three copies.
			for _, q := range []string{`DROP INDEX activities_by_record`, `DELETE FROM goose_db_version WHERE version_id = 80`} {
				if _, err := s.DB().ExecContext(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			var ids []int64
			for range 3 {
				a := sampleActivity(base, 20)
				if err := s.SaveActivity(ctx, ath.ID, a); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, a.ID)
			}
			other := sampleActivity(base.Add(24*time.Hour), 20)
			if err := s.SaveActivity(ctx, ath.ID, other); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			acts, err := s.ListActivities(ctx, ath.ID, ActivityFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(acts) != 2 || acts[0].ID != ids[0] || acts[1].ID != other.ID {
				t.Fatalf("after the migration: %d activities, want the first copy and the other run", len(acts))
			}
			if _, err := s.GetActivity(ctx, ath.ID, ids[0]); err != nil {
				t.Fatalf("the kept copy: %v", err)
			}
			err = s.SaveActivity(ctx, ath.ID, sampleActivity(base, 20))
			if !errors.Is(err, ErrAlreadyStored) {
				t.Fatalf("second copy: %v, want ErrAlreadyStored", err)
			}
		})
	}
}

// TestNonFiniteSummaryReads: an infinite or absurd number stored in a
// summary before imports refused them reads back as 0, so JSON views work.
func TestNonFiniteSummaryReads(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			ath, _ := s.DefaultAthlete(ctx)
			a := sampleActivity(time.Date(2024, 5, 1, 7, 0, 0, 0, time.UTC), 0)
			a.Summary.DistanceM, a.Summary.AvgSpeedMS, a.Summary.AscentM = math.Inf(1), 1e308, math.Inf(-1)
			if err := s.SaveActivity(ctx, ath.ID, a); err != nil {
				t.Fatal(err)
			}
			got, err := s.GetActivity(ctx, ath.ID, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Summary.DistanceM != 0 || got.Summary.AvgSpeedMS != 0 || got.Summary.AscentM != 0 || got.Summary.MovingS != 1750 {
				t.Fatalf("summary read back %+v", got.Summary)
			}
			if _, err := json.Marshal(got.Summary.DistanceM); err != nil {
				t.Fatal(err)
			}
		})
	}
}
