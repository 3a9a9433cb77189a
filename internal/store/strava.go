package store

// Strava grants (migration 00200): sealed bytes only; package strava seals
// and opens them.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"rekindle"
)

// SaveStravaToken stores (replacing) an athlete's sealed Strava grant for
// the Strava athlete stravaAthleteID (0 when unknown: the one stored stays).
func (s *Store) SaveStravaToken(ctx context.Context, athleteID, stravaAthleteID int64, sealed []byte, expires time.Time) error {
	_, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO strava_tokens (athlete_id, sealed, expires_ms, updated_ms, strava_athlete_id) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (athlete_id) DO UPDATE SET sealed = excluded.sealed, expires_ms = excluded.expires_ms, updated_ms = excluded.updated_ms,
		strava_athlete_id = CASE WHEN excluded.strava_athlete_id <> 0 THEN excluded.strava_athlete_id ELSE strava_tokens.strava_athlete_id END`),
		athleteID, sealed, ms(expires), ms(s.now()), stravaAthleteID)
	if err != nil {
		return fmt.Errorf("store: save strava token of athlete %d: %w", athleteID, err)
	}
	return nil
}

// StravaToken returns an athlete's sealed grant, or an error wrapping
// rekindle.ErrNotFound.
func (s *Store) StravaToken(ctx context.Context, athleteID int64) ([]byte, error) {
	var b []byte
	err := s.db.QueryRowContext(ctx, s.rebind(`SELECT sealed FROM strava_tokens WHERE athlete_id = ?`), athleteID).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: strava token of athlete %d: %w", athleteID, rekindle.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: strava token of athlete %d: %w", athleteID, err)
	}
	return b, nil
}

// DeleteStravaToken forgets an athlete's grant (no error when there is none).
func (s *Store) DeleteStravaToken(ctx context.Context, athleteID int64) error {
	if _, err := s.db.ExecContext(ctx, s.rebind(`DELETE FROM strava_tokens WHERE athlete_id = ?`), athleteID); err != nil {
		return fmt.Errorf("store: delete strava token of athlete %d: %w", athleteID, err)
	}
	return nil
}
