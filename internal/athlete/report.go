package athlete

import (
	"context"
	"fmt"
	"rekindle"
	"rekindle/internal/store"
	"rekindle/internal/training"
	"time"
)

// BuildReport loads the default athlete's history and computes the picture on
// asOf (today in the athlete's time zone when zero).
func BuildReport(ctx context.Context, s *store.Store, asOf time.Time) (*training.Report, error) {
	ath, err := s.DefaultAthlete(ctx)
	if err != nil {
		return nil, fmt.Errorf("report: athlete: %w", err)
	}
	if asOf.IsZero() {
		asOf = time.Now().In(ath.Location())
	}
	// Everything that started before the end of the day in any time zone;
	// Picture drops what is later in the athlete's own.
	y, m, d := asOf.Date()
	to := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 2)
	list, err := s.ListActivities(ctx, ath.ID, store.ActivityFilter{To: to})
	if err != nil {
		return nil, fmt.Errorf("report: list activities: %w", err)
	}
	acts := make([]rekindle.Activity, len(list))
	for i, a := range list {
		acts[i] = *a
	}
	r := training.Picture(acts, *ath, asOf, training.Options{})
	return &r, nil
}
