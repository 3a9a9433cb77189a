package athlete

import (
	"context"
	"fmt"
	"rekindle/internal/plan"
	"rekindle/internal/spark"
	"rekindle/internal/store"
)

// WriteIdeaPlan writes an accepted idea's day-by-day sessions into the plan
// (plan.FromIdea, as the web app does). Dismissing or snoozing writes nothing.
func WriteIdeaPlan(ctx context.Context, s *store.Store, athleteID int64, e store.Experiment, rec *spark.Recommendation) ([]plan.Session, error) {
	if e.State != store.ExperimentAccepted || len(rec.Plan) == 0 {
		return []plan.Session{}, nil
	}
	ss := plan.FromIdea(e.ID, rec.Title, rec.Plan)
	if err := s.AddPlanned(ctx, athleteID, ss); err != nil {
		return nil, fmt.Errorf("spark accept: plan: %w", err)
	}
	return ss, nil
}
