package store

// Privacy (migration 00200): the runner's privacy zones and the activities
// they keep from their coaches. Masking is package privacy's.

import (
	"context"
	"fmt"
	"time"

	"rekindle"
	"rekindle/internal/privacy"
)

// AddPrivacyZone validates and stores a zone and sets z.ID.
func (s *Store) AddPrivacyZone(ctx context.Context, athleteID int64, z *privacy.Zone, now time.Time) error {
	if err := z.Validate(); err != nil {
		return fmt.Errorf("store: add privacy zone: %w", err)
	}
	id, err := s.insertRow(ctx, "add privacy zone", "privacy_zones",
		`INSERT INTO privacy_zones (athlete_id, id, name, lat, lon, radius_m, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		func(id int64) []any { return []any{athleteID, id, clean(z.Name), z.Lat, z.Lon, z.RadiusM, ms(now)} })
	if err != nil {
		return err
	}
	z.ID = id
	return nil
}

// PrivacyZones lists an athlete's zones, oldest first.
func (s *Store) PrivacyZones(ctx context.Context, athleteID int64) ([]privacy.Zone, error) {
	return queryAll(ctx, hotReads{s}, "privacy zones", `SELECT id, name, lat, lon, radius_m FROM privacy_zones WHERE athlete_id = ? ORDER BY id`,
		[]any{athleteID}, func(r rowScanner) (privacy.Zone, error) {
			var z privacy.Zone
			err := r.Scan(&z.ID, &z.Name, &z.Lat, &z.Lon, &z.RadiusM)
			return z, err
		})
}

// DeletePrivacyZone removes a zone; an error wrapping rekindle.ErrNotFound
// when the athlete has no such zone.
func (s *Store) DeletePrivacyZone(ctx context.Context, athleteID, id int64) error {
	res, err := s.db.ExecContext(ctx, s.rebind(`DELETE FROM privacy_zones WHERE athlete_id = ? AND id = ?`), athleteID, id)
	if err != nil {
		return fmt.Errorf("store: delete privacy zone %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: delete privacy zone %d: %w", id, rekindle.ErrNotFound)
	}
	return nil
}

// SetActivityPrivate marks an activity private (hidden from coaches) or
// shared again; an error wrapping rekindle.ErrNotFound when the athlete has
// no such activity.
func (s *Store) SetActivityPrivate(ctx context.Context, athleteID, activityID int64, private bool, now time.Time) error {
	var n int
	if err := s.db.QueryRowContext(ctx, s.rebind(`SELECT COUNT(*) FROM activities WHERE athlete_id = ? AND id = ?`), athleteID, activityID).Scan(&n); err != nil {
		return fmt.Errorf("store: set activity %d private: %w", activityID, err)
	}
	if n == 0 {
		return fmt.Errorf("store: set activity %d private: %w", activityID, rekindle.ErrNotFound)
	}
	q := `DELETE FROM private_activities WHERE athlete_id = ? AND activity_id = ?`
	args := []any{athleteID, activityID}
	if private {
		q = `INSERT INTO private_activities (athlete_id, activity_id, created_ms) VALUES (?, ?, ?) ON CONFLICT (athlete_id, activity_id) DO NOTHING`
		args = append(args, ms(now))
	}
	if _, err := s.db.ExecContext(ctx, s.rebind(q), args...); err != nil {
		return fmt.Errorf("store: set activity %d private: %w", activityID, err)
	}
	return nil
}

// PrivateActivities returns the ids of an athlete's private activities.
func (s *Store) PrivateActivities(ctx context.Context, athleteID int64) (map[int64]bool, error) {
	ids, err := queryAll(ctx, hotReads{s}, "private activities", `SELECT activity_id FROM private_activities WHERE athlete_id = ?`,
		[]any{athleteID}, func(r rowScanner) (int64, error) {
			var id int64
			err := r.Scan(&id)
			return id, err
		})
	if err != nil {
		return nil, err
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}
