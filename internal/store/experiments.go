package store

// The runner's decisions about the spark engine's ideas (migration 00021):
// accepted ideas are experiments with a watch window and, once judged, an
// outcome; dismissed and snoozed ideas are remembered so they stay away.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"rekindle"
)

// Experiment states and outcomes, as stored (the spark package's values).
const (
	ExperimentAccepted  = "accepted"
	ExperimentDismissed = "dismissed"
	ExperimentSnoozed   = "snoozed"
)

// Experiment is one decision about a recommendation.
type Experiment struct {
	AthleteID  int64
	ID         int64
	RecID      string // the recommendation id, e.g. "variety-route"
	Strategy   rekindle.Strategy
	Title      string
	State      string // accepted, dismissed, snoozed
	At         time.Time
	WindowDays int       // accepted: the watch window
	Until      time.Time // snoozed: until when
	Outcome    string    // "", worked, no_change, worse
	JudgedAt   time.Time
	Evidence   string // JSON of the evidence behind the outcome
}

func validExperiment(e *Experiment) error {
	switch {
	case e.RecID == "" || len(e.RecID) > 200:
		return rekindle.Errorf(rekindle.CodeInvalid, "experiment without a recommendation id")
	case e.State != ExperimentAccepted && e.State != ExperimentDismissed && e.State != ExperimentSnoozed:
		return rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("experiment state %q: want accepted, dismissed or snoozed", e.State))
	case e.At.IsZero():
		return rekindle.Errorf(rekindle.CodeInvalid, "experiment without a time")
	case e.WindowDays < 0 || e.WindowDays > 365:
		return rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("watch window %d days: want 1–365", e.WindowDays))
	}
	for _, s := range rekindle.Strategies {
		if s == e.Strategy {
			return nil
		}
	}
	return rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("unknown strategy %q", e.Strategy))
}

// SaveExperiment stores a decision (updating it when e.ID is set) and sets e.ID.
func (s *Store) SaveExperiment(ctx context.Context, e *Experiment) error {
	if err := validExperiment(e); err != nil {
		return fmt.Errorf("store: save experiment: %w", err)
	}
	args := []any{e.RecID, string(e.Strategy), clean(e.Title), e.State, e.At.UnixMilli(), e.WindowDays, ms(e.Until), e.Outcome, ms(e.JudgedAt), e.Evidence}
	if e.ID != 0 {
		res, err := s.db.ExecContext(ctx, s.rebind(`UPDATE spark_experiments SET rec_id = ?, strategy = ?, title = ?, state = ?, at_ms = ?, window_days = ?,
			until_ms = ?, outcome = ?, judged_ms = ?, evidence = ? WHERE athlete_id = ? AND id = ?`), append(args, e.AthleteID, e.ID)...)
		if err != nil {
			return fmt.Errorf("store: update experiment %d: %w", e.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("store: update experiment %d: %w", e.ID, rekindle.ErrNotFound)
		}
		return nil
	}
	id, err := s.insertRow(ctx, "add experiment", "spark_experiment", `INSERT INTO spark_experiments (rec_id, strategy, title, state, at_ms, window_days, until_ms, outcome, judged_ms, evidence, athlete_id, id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, func(id int64) []any {
		return append(args, e.AthleteID, id)
	})
	if err != nil {
		return err
	}
	e.ID = id
	return nil
}

const experimentCols = `athlete_id, id, rec_id, strategy, title, state, at_ms, window_days, until_ms, outcome, judged_ms, evidence`

func scanExperiment(row rowScanner) (Experiment, error) {
	var e Experiment
	var strategy string
	var at, until, judged int64
	err := row.Scan(&e.AthleteID, &e.ID, &e.RecID, &strategy, &e.Title, &e.State, &at, &e.WindowDays, &until, &e.Outcome, &judged, &e.Evidence)
	e.Strategy = rekindle.Strategy(strategy)
	e.At, e.Until, e.JudgedAt = time.UnixMilli(at).UTC(), fromMS(until), fromMS(judged)
	return e, err
}

// GetExperiment returns one decision, or an error wrapping rekindle.ErrNotFound.
func (s *Store) GetExperiment(ctx context.Context, athleteID, id int64) (Experiment, error) {
	e, err := scanExperiment(s.rdb.QueryRowContext(ctx, s.rebind(`SELECT `+experimentCols+` FROM spark_experiments WHERE athlete_id = ? AND id = ?`), athleteID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("store: experiment %d: %w", id, rekindle.ErrNotFound)
	}
	if err != nil {
		return e, fmt.Errorf("store: experiment %d: %w", id, err)
	}
	return e, nil
}

// ListExperiments returns an athlete's decisions, oldest first.
func (s *Store) ListExperiments(ctx context.Context, athleteID int64) ([]Experiment, error) {
	return queryAll(ctx, s.rdb, "list experiments", s.rebind(`SELECT `+experimentCols+` FROM spark_experiments WHERE athlete_id = ? ORDER BY at_ms, id`), []any{athleteID}, scanExperiment)
}

// SetExperimentOutcome records the judgement of an accepted idea.
func (s *Store) SetExperimentOutcome(ctx context.Context, athleteID, id int64, outcome, evidence string, judgedAt time.Time) error {
	res, err := s.db.ExecContext(ctx, s.rebind(`UPDATE spark_experiments SET outcome = ?, evidence = ?, judged_ms = ? WHERE athlete_id = ? AND id = ?`),
		outcome, evidence, ms(judgedAt), athleteID, id)
	if err != nil {
		return fmt.Errorf("store: experiment %d outcome: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: experiment %d outcome: %w", id, rekindle.ErrNotFound)
	}
	return nil
}

// DeleteExperiment forgets a decision.
func (s *Store) DeleteExperiment(ctx context.Context, athleteID, id int64) error {
	return s.execOne(ctx, fmt.Sprintf("delete experiment %d", id), `DELETE FROM spark_experiments WHERE athlete_id = ? AND id = ?`, athleteID, id)
}
