package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"rekindle"
)

// OverlapItem is what the overlap rule (package ingest) reads of a stored
// activity to decide which of the activities overlapping in time is the
// real one: its span and evidence, and its set-aside state now.
type OverlapItem struct {
	Candidate
	AvgHR      float64
	Multisport string
	// SetAside and SetAsideFor are the stored state; CountOverride the
	// runner's own word (nil: the rule decides).
	SetAside      bool
	SetAsideFor   int64
	CountOverride *bool
	// Name is the activity's title ("run from gpx"): with the source file,
	// it names the source a row came from (sourceClock in package ingest).
	Name string
}

// OverlapItems returns every activity of the athlete as the overlap rule
// reads it, by start (then id), from the primary (it follows writes).
func (s *Store) OverlapItems(ctx context.Context, athleteID int64) ([]OverlapItem, error) {
	q := `SELECT ` + candidateCols + `, a.avg_hr, a.multisport, a.set_aside, a.set_aside_for, a.count_override, a.name
		FROM activities a WHERE a.athlete_id = ? ORDER BY a.start_ms, a.id`
	return queryAll(ctx, s.db, "overlap items", s.rebind(q), []any{athleteID}, func(rows rowScanner) (OverlapItem, error) {
		var it OverlapItem
		var aside int64
		var count sql.NullInt64
		var sport, channels, format string
		c := &it.Candidate
		if err := rows.Scan(&c.ID, &sport, &c.StartMs, &c.EndMs, &c.DistanceM, &c.Samples, &channels, &format,
			&c.Source.File, &c.Source.SHA256, &c.Source.Index, &it.AvgHR, &it.Multisport, &aside, &it.SetAsideFor, &count, &it.Name); err != nil {
			return it, err
		}
		c.Sport, c.Source.Format = rekindle.Sport(sport), rekindle.SourceFormat(format)
		if channels != "" {
			c.Channels = strings.Count(channels, ",") + 1
		}
		it.SetAside = aside != 0
		if count.Valid {
			v := count.Int64 != 0
			it.CountOverride = &v
		}
		return it, nil
	})
}

// SetAsideChange is a new set-aside state for one activity.
type SetAsideChange struct {
	ID       int64
	SetAside bool
	For      int64 // the activity kept in its place (0: none)
}

// SetAside writes set-aside states in one transaction.
func (s *Store) SetAside(ctx context.Context, athleteID int64, changes []SetAsideChange) (err error) {
	if len(changes) == 0 {
		return nil
	}
	defer func() { err = cancelledTx(ctx, err) }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: set aside: %w", err)
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, s.rebind(`UPDATE activities SET set_aside = ?, set_aside_for = ? WHERE athlete_id = ? AND id = ?`))
	if err != nil {
		return fmt.Errorf("store: set aside: %w", err)
	}
	defer st.Close()
	for _, c := range changes {
		if _, err := st.ExecContext(ctx, boolInt(c.SetAside), c.For, athleteID, c.ID); err != nil {
			return fmt.Errorf("store: set aside %d: %w", c.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: set aside: %w", err)
	}
	return nil
}
