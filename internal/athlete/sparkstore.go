package athlete

import (
	"context"
	"errors"
	"time"

	"rekindle"
	"rekindle/internal/spark"
	"rekindle/internal/store"
)

// StoreSpark keeps check-ins and decisions in the store's spark tables
// (migrations 00020–00021).
type StoreSpark struct{ Store *store.Store }

// CheckIns lists all of an athlete's check-ins.
func (s StoreSpark) CheckIns(ctx context.Context, athleteID int64) ([]rekindle.CheckIn, error) {
	cs, err := s.Store.ListCheckIns(ctx, athleteID, time.Time{}, time.Time{})
	if err != nil {
		return nil, err
	}
	out := make([]rekindle.CheckIn, len(cs))
	for i, c := range cs {
		out[i] = c.CheckIn
	}
	return out, nil
}

// CheckInOf returns the check-in of one activity (found false when none),
// by an indexed lookup.
func (s StoreSpark) CheckInOf(ctx context.Context, athleteID, activityID int64) (rekindle.CheckIn, bool, error) {
	c, err := s.Store.CheckInOfActivity(ctx, athleteID, activityID)
	if errors.Is(err, rekindle.ErrNotFound) {
		return rekindle.CheckIn{}, false, nil
	}
	if err != nil {
		return rekindle.CheckIn{}, false, err
	}
	return c.CheckIn, true, nil
}

// AddCheckIn stores a check-in (replacing an earlier one for the same activity).
func (s StoreSpark) AddCheckIn(ctx context.Context, c rekindle.CheckIn) error {
	return s.Store.SaveCheckIn(ctx, &store.CheckIn{CheckIn: c})
}

// SparkChecks lists the athlete's spark checks.
func (s StoreSpark) SparkChecks(ctx context.Context, athleteID int64) ([]rekindle.SparkCheck, error) {
	cs, err := s.Store.ListSparkChecks(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	out := make([]rekindle.SparkCheck, len(cs))
	for i, c := range cs {
		out[i] = c.SparkCheck
	}
	return out, nil
}

// Experiments lists the athlete's decisions in spark's form.
func (s StoreSpark) Experiments(ctx context.Context, athleteID int64) ([]spark.Experiment, error) {
	es, err := s.Store.ListExperiments(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	out := make([]spark.Experiment, len(es))
	for i, e := range es {
		out[i] = sparkExperiment(e)
	}
	return out, nil
}

// AddExperiment stores a decision.
func (s StoreSpark) AddExperiment(ctx context.Context, athleteID int64, e spark.Experiment) (int64, error) {
	se := store.Experiment{AthleteID: athleteID, RecID: e.RecID, Strategy: e.Strategy, Title: e.Title, State: string(e.State), At: e.At, WindowDays: e.WindowDays, Until: e.Until}
	if e.State == spark.StateAccepted && se.WindowDays == 0 {
		se.WindowDays = spark.DefaultWindowDays
	}
	if e.State == spark.StateSnoozed && se.Until.IsZero() {
		se.Until = e.At.AddDate(0, 0, spark.DefaultSnoozeDays)
	}
	if err := s.Store.SaveExperiment(ctx, &se); err != nil {
		return 0, err
	}
	return se.ID, nil
}
