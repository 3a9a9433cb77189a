package store

import (
	"context"
	"slices"
	"testing"
)

// TestSparkTrends: a stored trend reads back only for its day and data
// stamp, a new one replaces it, and each athlete has their own.
func TestSparkTrends(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, b := newTestAthletes(t, s)
			if _, ok, err := s.SparkTrend(ctx, a, "2026-12-05", 3); err != nil || ok {
				t.Fatalf("nothing stored: ok %v, err %v", ok, err)
			}
			want := []TrendPoint{{"2026-10-17", 41}, {"2026-10-24", 0}, {"2026-10-31", 57}}
			if err := s.PutSparkTrend(ctx, a, "2026-12-05", 3, want); err != nil {
				t.Fatal(err)
			}
			got, ok, err := s.SparkTrend(ctx, a, "2026-12-05", 3)
			if err != nil || !ok || !slices.Equal(got, want) {
				t.Fatalf("got %v %v %v, want %v", got, ok, err, want)
			}
			for _, q := range []struct {
				day   string
				stamp int64
			}{{"2026-12-05", 4}, {"2026-12-06", 3}} {
				if _, ok, _ := s.SparkTrend(ctx, a, q.day, q.stamp); ok {
					t.Errorf("%s at stamp %d: stored for 2026-12-05 at 3 only", q.day, q.stamp)
				}
			}
			if _, ok, _ := s.SparkTrend(ctx, b, "2026-12-05", 3); ok {
				t.Error("athlete b has none")
			}
			// A new stamp replaces it.
			if err := s.PutSparkTrend(ctx, a, "2026-12-05", 4, want[:1]); err != nil {
				t.Fatal(err)
			}
			if _, ok, _ := s.SparkTrend(ctx, a, "2026-12-05", 3); ok {
				t.Error("the trend at stamp 3 was replaced")
			}
			if got, ok, _ := s.SparkTrend(ctx, a, "2026-12-05", 4); !ok || !slices.Equal(got, want[:1]) {
				t.Errorf("at stamp 4: %v %v", got, ok)
			}
			// Storing it bumps no stamp (it is derived from the data).
			before, _ := s.AthleteStamp(ctx, a)
			if err := s.PutSparkTrend(ctx, a, "2026-12-05", before.Data, want); err != nil {
				t.Fatal(err)
			}
			if after, _ := s.AthleteStamp(ctx, a); after != before {
				t.Errorf("stamp %+v after storing a trend, %+v before", after, before)
			}
		})
	}
}
