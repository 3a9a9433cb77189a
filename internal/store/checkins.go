package store

// Check-ins after runs and the periodic spark check (migration 00020).

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"rekindle"
)

// CheckIn is a stored check-in: rekindle.CheckIn with its id.
type CheckIn struct {
	ID int64
	rekindle.CheckIn
}

// SparkCheck is a stored spark check with its id and the answers it was scored from.
type SparkCheck struct {
	ID int64
	rekindle.SparkCheck
	Answers map[string]int // question id → answer 1–5, when kept
}

// Surfaces a check-in may name.
var Surfaces = []string{"road", "trail", "track", "treadmill", "mixed"}

func validCheckIn(c *rekindle.CheckIn) error {
	switch {
	case c.Enjoyment < 0 || c.Enjoyment > 5:
		return rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("enjoyment %d: want 1–5 (0 for not given)", c.Enjoyment))
	case !math.IsNaN(c.RPE) && c.RPE > 10:
		return rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("RPE %g: want 0–10", c.RPE))
	case c.Companions < rekindle.CompanionsUnknown || c.Companions > 10000:
		return rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("companions %d: want 0 or more (or unknown)", c.Companions))
	case c.At.IsZero():
		return rekindle.Errorf(rekindle.CodeInvalid, "check-in without a time")
	case len(c.Note) > 4000:
		return rekindle.Errorf(rekindle.CodeInvalid, "note longer than 4000 bytes")
	}
	if c.Surface != "" {
		ok := false
		for _, s := range Surfaces {
			ok = ok || s == c.Surface
		}
		if !ok {
			return rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("surface %q: want one of road, trail, track, treadmill, mixed", c.Surface))
		}
	}
	return nil
}

func rpeOut(v float64) float64 {
	if math.IsNaN(v) || v < 0 {
		return -1
	}
	return v
}

// SaveCheckIn stores a check-in and sets c.ID. With c.ID set it updates that
// check-in; otherwise a check-in for the same activity is replaced (one per
// activity), and a check-in without an activity is added.
func (s *Store) SaveCheckIn(ctx context.Context, c *CheckIn) (err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	if err := validCheckIn(&c.CheckIn); err != nil {
		return fmt.Errorf("store: save check-in: %w", err)
	}
	// A new check-in's id is reserved before the transaction (insertRow).
	var id int64
	if c.ID == 0 {
		var err error
		if id, err = s.NextIDs(ctx, "checkin", 1); err != nil {
			return err
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: save check-in: %w", err)
	}
	defer tx.Rollback()
	now := s.now().UnixMilli()
	args := []any{c.ActivityID, c.At.UnixMilli(), c.Enjoyment, rpeOut(c.RPE), clean(c.Note), c.Companions, c.Surface, now}
	switch {
	case c.ID == 0 && c.ActivityID != 0:
		// One statement: a SELECT that found no check-in of the activity
		// and then an INSERT met, on PostgreSQL, one committed in between
		// (a form sent twice) as a duplicate key. A replaced check-in
		// keeps its id; the new one reserved is left unused.
		err = tx.QueryRowContext(ctx, s.rebind(`INSERT INTO checkins (activity_id, at_ms, enjoyment, rpe, note, companions, surface, updated_ms, athlete_id, id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (athlete_id, activity_id) WHERE activity_id <> 0 DO UPDATE SET
			at_ms = excluded.at_ms, enjoyment = excluded.enjoyment, rpe = excluded.rpe, note = excluded.note, companions = excluded.companions,
			surface = excluded.surface, updated_ms = excluded.updated_ms RETURNING id`), append(args, c.AthleteID, id)...).Scan(&c.ID)
		if err != nil {
			return fmt.Errorf("store: save check-in: %w", err)
		}
	case c.ID != 0:
		res, err := tx.ExecContext(ctx, s.rebind(`UPDATE checkins SET activity_id = ?, at_ms = ?, enjoyment = ?, rpe = ?, note = ?, companions = ?, surface = ?, updated_ms = ?
			WHERE athlete_id = ? AND id = ?`), append(args, c.AthleteID, c.ID)...)
		if err != nil {
			return fmt.Errorf("store: update check-in %d: %w", c.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("store: update check-in %d: %w", c.ID, rekindle.ErrNotFound)
		}
	default:
		_, err = tx.ExecContext(ctx, s.rebind(`INSERT INTO checkins (activity_id, at_ms, enjoyment, rpe, note, companions, surface, updated_ms, athlete_id, id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), append(args, c.AthleteID, id)...)
		if err != nil {
			return fmt.Errorf("store: add check-in: %w", err)
		}
		c.ID = id
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: save check-in: %w", err)
	}
	return nil
}

const checkInCols = `id, athlete_id, activity_id, at_ms, enjoyment, rpe, note, companions, surface`

func scanCheckIn(row rowScanner) (CheckIn, error) {
	var c CheckIn
	var at int64
	err := row.Scan(&c.ID, &c.AthleteID, &c.ActivityID, &at, &c.Enjoyment, &c.RPE, &c.Note, &c.Companions, &c.Surface)
	c.At = time.UnixMilli(at).UTC()
	if c.RPE < 0 {
		c.RPE = math.NaN()
	}
	return c, err
}

// GetCheckIn returns one check-in, or an error wrapping rekindle.ErrNotFound.
func (s *Store) GetCheckIn(ctx context.Context, athleteID, id int64) (CheckIn, error) {
	c, err := scanCheckIn(s.rdb.QueryRowContext(ctx, s.rebind(`SELECT `+checkInCols+` FROM checkins WHERE athlete_id = ? AND id = ?`), athleteID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("store: check-in %d: %w", id, rekindle.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("store: check-in %d: %w", id, err)
	}
	return c, nil
}

// checkInOfActivityQuery reads one activity's check-in through the partial
// unique index checkins_by_activity (the "activity_id <> 0" lets the
// planner use it).
const checkInOfActivityQuery = `SELECT ` + checkInCols + ` FROM checkins WHERE athlete_id = ? AND activity_id = ? AND activity_id <> 0`

// CheckInOfActivity returns the check-in of one activity, or an error
// wrapping rekindle.ErrNotFound when it has none: one indexed row, however
// long the history.
func (s *Store) CheckInOfActivity(ctx context.Context, athleteID, activityID int64) (CheckIn, error) {
	c, err := scanCheckIn(s.readRow(ctx, checkInOfActivityQuery, athleteID, activityID))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("store: check-in of activity %d: %w", activityID, rekindle.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("store: check-in of activity %d: %w", activityID, err)
	}
	return c, nil
}

// ListCheckIns returns an athlete's check-ins at or after from and before to
// (zero times: unbounded), oldest first.
func (s *Store) ListCheckIns(ctx context.Context, athleteID int64, from, to time.Time) ([]CheckIn, error) {
	q, args := `SELECT `+checkInCols+` FROM checkins WHERE athlete_id = ?`, []any{athleteID}
	if !from.IsZero() {
		q, args = q+` AND at_ms >= ?`, append(args, from.UnixMilli())
	}
	if !to.IsZero() {
		q, args = q+` AND at_ms < ?`, append(args, to.UnixMilli())
	}
	return queryAll(ctx, s.rdb, "list check-ins", s.rebind(q+` ORDER BY at_ms, id`), args, scanCheckIn)
}

// DeleteCheckIn deletes one check-in.
func (s *Store) DeleteCheckIn(ctx context.Context, athleteID, id int64) error {
	return s.execOne(ctx, fmt.Sprintf("delete check-in %d", id), `DELETE FROM checkins WHERE athlete_id = ? AND id = ?`, athleteID, id)
}

func validSparkCheck(c *rekindle.SparkCheck) error {
	for _, v := range []float64{c.Exhaustion, c.LostInterest, c.Stagnation} {
		if math.IsNaN(v) || v < 1 || v > 5 {
			return rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("spark check score %g: want 1–5", v))
		}
	}
	if c.At.IsZero() {
		return rekindle.Errorf(rekindle.CodeInvalid, "spark check without a time")
	}
	return nil
}

// SaveSparkCheck stores a spark check (updating it when c.ID is set) and sets c.ID.
func (s *Store) SaveSparkCheck(ctx context.Context, c *SparkCheck) error {
	if err := validSparkCheck(&c.SparkCheck); err != nil {
		return fmt.Errorf("store: save spark check: %w", err)
	}
	answers := ""
	if len(c.Answers) > 0 {
		answers = jsonText(c.Answers)
	}
	now := s.now().UnixMilli()
	args := []any{c.At.UnixMilli(), c.Exhaustion, c.LostInterest, c.Stagnation, answers, clean(c.Note), now}
	if c.ID != 0 {
		res, err := s.db.ExecContext(ctx, s.rebind(`UPDATE spark_checks SET at_ms = ?, exhaustion = ?, lost_interest = ?, stagnation = ?, answers = ?, note = ?, updated_ms = ?
			WHERE athlete_id = ? AND id = ?`), append(args, c.AthleteID, c.ID)...)
		if err != nil {
			return fmt.Errorf("store: update spark check %d: %w", c.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("store: update spark check %d: %w", c.ID, rekindle.ErrNotFound)
		}
		return nil
	}
	id, err := s.insertRow(ctx, "add spark check", "spark_check", `INSERT INTO spark_checks (at_ms, exhaustion, lost_interest, stagnation, answers, note, updated_ms, athlete_id, id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, func(id int64) []any {
		return append(args, c.AthleteID, id)
	})
	if err != nil {
		return err
	}
	c.ID = id
	return nil
}

// ListSparkChecks returns an athlete's spark checks, oldest first.
func (s *Store) ListSparkChecks(ctx context.Context, athleteID int64) ([]SparkCheck, error) {
	rows, err := s.rdb.QueryContext(ctx, s.rebind(`SELECT id, athlete_id, at_ms, exhaustion, lost_interest, stagnation, answers, note
		FROM spark_checks WHERE athlete_id = ? ORDER BY at_ms, id`), athleteID)
	if err != nil {
		return nil, fmt.Errorf("store: list spark checks: %w", err)
	}
	defer rows.Close()
	var out []SparkCheck
	for rows.Next() {
		var c SparkCheck
		var at int64
		var answers string
		if err := rows.Scan(&c.ID, &c.AthleteID, &at, &c.Exhaustion, &c.LostInterest, &c.Stagnation, &answers, &c.Note); err != nil {
			return nil, fmt.Errorf("store: list spark checks: %w", err)
		}
		c.At = time.UnixMilli(at).UTC()
		if answers != "" {
			if err := json.Unmarshal([]byte(answers), &c.Answers); err != nil {
				return nil, fmt.Errorf("store: spark check %d answers: %w", c.ID, err)
			}
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list spark checks: %w", err)
	}
	return out, nil
}

// DeleteSparkCheck deletes one spark check.
func (s *Store) DeleteSparkCheck(ctx context.Context, athleteID, id int64) error {
	return s.execOne(ctx, fmt.Sprintf("delete spark check %d", id), `DELETE FROM spark_checks WHERE athlete_id = ? AND id = ?`, athleteID, id)
}
