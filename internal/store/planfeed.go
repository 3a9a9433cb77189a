package store

// The plan's iCalendar feed (migration 00180): one secret token per
// athlete, kept as its SHA-256; and edits of planned sessions that keep
// their id (the feed's UID).

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"rekindle"
	"rekindle/internal/plan"
)

// PlanFeed is an athlete's active feed token.
type PlanFeed struct {
	TokenHash string // hex SHA-256 of the URL's token
	CreatedAt time.Time
}

// SetPlanFeed stores the hash of a new feed token, replacing the old one
// (which stops working at once).
func (s *Store) SetPlanFeed(ctx context.Context, athleteID int64, tokenHash string, now time.Time) error {
	_, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO plan_feeds (athlete_id, token_hash, created_ms) VALUES (?, ?, ?)
		ON CONFLICT (athlete_id) DO UPDATE SET token_hash = excluded.token_hash, created_ms = excluded.created_ms`), athleteID, tokenHash, now.UnixMilli())
	if err != nil {
		return fmt.Errorf("store: set plan feed: %w", err)
	}
	return nil
}

// GetPlanFeed returns the athlete's feed; rekindle.ErrNotFound when there
// is none (never made, or revoked).
func (s *Store) GetPlanFeed(ctx context.Context, athleteID int64) (PlanFeed, error) {
	var f PlanFeed
	var created int64
	err := s.rdb.QueryRowContext(ctx, s.rebind(`SELECT token_hash, created_ms FROM plan_feeds WHERE athlete_id = ?`), athleteID).Scan(&f.TokenHash, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return f, fmt.Errorf("store: plan feed: %w", rekindle.ErrNotFound)
	}
	if err != nil {
		return f, fmt.Errorf("store: plan feed: %w", err)
	}
	f.CreatedAt = time.UnixMilli(created).UTC()
	return f, nil
}

// DeletePlanFeed revokes the athlete's feed; it reports whether there was one.
func (s *Store) DeletePlanFeed(ctx context.Context, athleteID int64) (bool, error) {
	res, err := s.db.ExecContext(ctx, s.rebind(`DELETE FROM plan_feeds WHERE athlete_id = ?`), athleteID)
	if err != nil {
		return false, fmt.Errorf("store: revoke plan feed: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// PlannedRevision is when a planned session was last edited and how many
// times (0 and zero time: never).
type PlannedRevision struct {
	Revision  int
	UpdatedAt time.Time
}

// PlannedRevisions returns the edit counts of the athlete's edited sessions
// from day first to day last, by session id.
func (s *Store) PlannedRevisions(ctx context.Context, athleteID int64, first, last string) (map[int64]PlannedRevision, error) {
	rows, err := s.rdb.QueryContext(ctx, s.rebind(`SELECT id, revision, updated_ms FROM planned_sessions WHERE athlete_id = ? AND day >= ? AND day <= ? AND revision > 0`), athleteID, first, last)
	if err != nil {
		return nil, fmt.Errorf("store: plan revisions: %w", err)
	}
	defer rows.Close()
	out := map[int64]PlannedRevision{}
	for rows.Next() {
		var id, upd int64
		var r PlannedRevision
		if err := rows.Scan(&id, &r.Revision, &upd); err != nil {
			return nil, fmt.Errorf("store: plan revisions: %w", err)
		}
		r.UpdatedAt = time.UnixMilli(upd).UTC()
		out[id] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: plan revisions: %w", err)
	}
	return out, nil
}

// UpdatePlanned rewrites one planned session in place (same id), counting
// the revision.
func (s *Store) UpdatePlanned(ctx context.Context, athleteID int64, x plan.Session, now time.Time) error {
	if err := x.Validate(); err != nil {
		return fmt.Errorf("store: edit planned session %d: %w", x.ID, err)
	}
	res, err := s.db.ExecContext(ctx, s.rebind(`UPDATE planned_sessions SET day = ?, sport = ?, kind = ?, distance_m = ?, duration_s = ?, note = ?,
		revision = revision + 1, updated_ms = ? WHERE athlete_id = ? AND id = ?`),
		x.Day, string(x.Sport), string(x.Kind), x.DistanceM, x.DurationS, clean(x.Note), now.UnixMilli(), athleteID, x.ID)
	if err != nil {
		return fmt.Errorf("store: edit planned session %d: %w", x.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: edit planned session %d: %w", x.ID, rekindle.ErrNotFound)
	}
	return nil
}
