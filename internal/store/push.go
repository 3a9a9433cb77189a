package store

// Web Push subscriptions (migration 00395): one row per browser endpoint.

import (
	"context"
	"fmt"
	"time"
)

// PushSubscription is one browser's Web Push subscription.
type PushSubscription struct {
	AthleteID int64
	Endpoint  string
	P256dh    string // base64url uncompressed P-256 public key
	Auth      string // base64url 16-byte auth secret
	CreatedAt time.Time
}

// SavePushSubscription stores a subscription; the same endpoint again
// (a browser re-subscribing, or signed in as another athlete) replaces the
// old row, so a browser is notified for one athlete only.
func (s *Store) SavePushSubscription(ctx context.Context, p PushSubscription) error {
	_, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO push_subscriptions (athlete_id, endpoint, p256dh, auth, created_ms) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (endpoint) DO UPDATE SET athlete_id = excluded.athlete_id, p256dh = excluded.p256dh, auth = excluded.auth, created_ms = excluded.created_ms`),
		p.AthleteID, p.Endpoint, p.P256dh, p.Auth, p.CreatedAt.UnixMilli())
	if err != nil {
		return fmt.Errorf("store: save push subscription: %w", err)
	}
	return nil
}

// DeletePushSubscription removes the athlete's subscription with this
// endpoint; it reports whether there was one.
func (s *Store) DeletePushSubscription(ctx context.Context, athleteID int64, endpoint string) (bool, error) {
	res, err := s.db.ExecContext(ctx, s.rebind(`DELETE FROM push_subscriptions WHERE athlete_id = ? AND endpoint = ?`), athleteID, endpoint)
	if err != nil {
		return false, fmt.Errorf("store: delete push subscription: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// PushSubscriptions lists the athlete's subscriptions, oldest first.
func (s *Store) PushSubscriptions(ctx context.Context, athleteID int64) ([]PushSubscription, error) {
	return queryAll(ctx, s.rdb, "push subscriptions", s.rebind(`SELECT athlete_id, endpoint, p256dh, auth, created_ms FROM push_subscriptions WHERE athlete_id = ? ORDER BY created_ms, endpoint`),
		[]any{athleteID}, func(rows rowScanner) (PushSubscription, error) {
			var p PushSubscription
			var ms int64
			err := rows.Scan(&p.AthleteID, &p.Endpoint, &p.P256dh, &p.Auth, &ms)
			p.CreatedAt = time.UnixMilli(ms).UTC()
			return p, err
		})
}

// SettingOnce sets an instance setting unless it is set already and
// returns the value that holds: the first writer wins, also between
// replicas starting at once (the instance's VAPID key is made this way).
func (s *Store) SettingOnce(ctx context.Context, name, value string) (string, error) {
	if _, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO instance_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`), name, value); err != nil {
		return "", fmt.Errorf("store: set setting %s: %w", name, err)
	}
	var v string
	if err := s.db.QueryRowContext(ctx, s.rebind(`SELECT value FROM instance_settings WHERE name = ?`), name).Scan(&v); err != nil {
		return "", fmt.Errorf("store: setting %s: %w", name, err)
	}
	return v, nil
}
