package store

// The gratitude journal (migration 00072), see package gratitude.

import (
	"context"
	"fmt"
	"strings"

	"rekindle/internal/gratitude"
)

// AddGratitude stores a journal entry and sets e.ID.
func (s *Store) AddGratitude(ctx context.Context, athleteID int64, e *gratitude.Entry) error {
	e.Text = strings.TrimSpace(e.Text)
	if err := e.Validate(); err != nil {
		return fmt.Errorf("store: add gratitude entry: %w", err)
	}
	id, err := s.insertRow(ctx, "add gratitude entry", "gratitude_entry", `INSERT INTO gratitude_entries (athlete_id, id, day, text, created_ms) VALUES (?, ?, ?, ?, ?)`, func(id int64) []any {
		return []any{athleteID, id, e.Day, clean(e.Text), s.now().UnixMilli()}
	})
	if err != nil {
		return err
	}
	e.ID = id
	return nil
}

// ListGratitude returns the athlete's journal entries up to day last
// (YYYY-MM-DD, "" for all), newest first.
func (s *Store) ListGratitude(ctx context.Context, athleteID int64, last string) ([]gratitude.Entry, error) {
	q, args := `SELECT id, day, text FROM gratitude_entries WHERE athlete_id = ?`, []any{athleteID}
	if last != "" {
		q, args = q+` AND day <= ?`, append(args, last)
	}
	return queryAll(ctx, s.rdb, "list gratitude entries", s.rebind(q+` ORDER BY day DESC, id DESC`), args, func(rows rowScanner) (gratitude.Entry, error) {
		var e gratitude.Entry
		if err := rows.Scan(&e.ID, &e.Day, &e.Text); err != nil {
			return e, err
		}
		return e, nil
	})
}

// DeleteGratitude deletes a journal entry.
func (s *Store) DeleteGratitude(ctx context.Context, athleteID, id int64) error {
	return s.execOne(ctx, fmt.Sprintf("delete gratitude entry %d", id), `DELETE FROM gratitude_entries WHERE athlete_id = ? AND id = ?`, athleteID, id)
}
