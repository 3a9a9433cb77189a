package store

// Web Push (migration 00381): browser subscriptions, the server's VAPID
// key, and each notification's push state.

import (
	"context"
	"fmt"
	"time"
)

// PushSubscription is one browser's subscription.
type PushSubscription struct {
	ID        int64
	Endpoint  string
	P256dh    string
	Auth      string
	CreatedAt time.Time
}

// AddPushSubscription stores a subscription (again: its keys are renewed).
func (s *Store) AddPushSubscription(ctx context.Context, athleteID int64, p *PushSubscription) error {
	id, err := s.NextIDs(ctx, "push_subscription", 1)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, s.rebind(`INSERT INTO push_subscriptions (athlete_id, id, endpoint, p256dh, auth, created_ms) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (athlete_id, endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth`),
		athleteID, id, clean(p.Endpoint), clean(p.P256dh), clean(p.Auth), p.CreatedAt.UnixMilli())
	if err != nil {
		return fmt.Errorf("store: add push subscription: %w", err)
	}
	return nil
}

// ListPushSubscriptions returns the athlete's subscriptions, oldest first.
func (s *Store) ListPushSubscriptions(ctx context.Context, athleteID int64) ([]PushSubscription, error) {
	return queryAll(ctx, s.rdb, "push subscriptions", s.rebind(`SELECT id, endpoint, p256dh, auth, created_ms FROM push_subscriptions WHERE athlete_id = ? ORDER BY id`),
		[]any{athleteID}, func(rows rowScanner) (PushSubscription, error) {
			var p PushSubscription
			var created int64
			err := rows.Scan(&p.ID, &p.Endpoint, &p.P256dh, &p.Auth, &created)
			p.CreatedAt = time.UnixMilli(created).UTC()
			return p, err
		})
}

// DeletePushSubscription forgets a subscription by its endpoint.
func (s *Store) DeletePushSubscription(ctx context.Context, athleteID int64, endpoint string) error {
	if _, err := s.db.ExecContext(ctx, s.rebind(`DELETE FROM push_subscriptions WHERE athlete_id = ? AND endpoint = ?`), athleteID, endpoint); err != nil {
		return fmt.Errorf("store: delete push subscription: %w", err)
	}
	return nil
}

// ServerKey returns the instance setting of the name, storing make()'s
// value the first time (the first replica to get there wins; all read it
// back).
func (s *Store) ServerKey(ctx context.Context, name string, make func() (string, error)) (string, error) {
	v, err := s.Setting(ctx, name)
	if err != nil || v != "" {
		return v, err
	}
	nv, err := make()
	if err != nil {
		return "", err
	}
	if _, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO instance_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`), name, nv); err != nil {
		return "", fmt.Errorf("store: server key %s: %w", name, err)
	}
	if err := s.db.QueryRowContext(ctx, s.rebind(`SELECT value FROM instance_settings WHERE name = ?`), name).Scan(&v); err != nil {
		return "", fmt.Errorf("store: server key %s: %w", name, err)
	}
	return v, nil
}

// Push states of a notification (as its e-mail states; PushNone: there
// was no subscription when it was due).
const PushNone = "none"

// PushDue is a notification whose push is due.
type PushDue struct {
	ID    int64
	Tries int
}

// NotificationsToPush returns the notifications whose push is due at now,
// oldest first: made since the athlete's first subscription, not pushed,
// failed and past their backoff, or claimed longer than lease ago.
func (s *Store) NotificationsToPush(ctx context.Context, athleteID int64, now time.Time, lease time.Duration, limit int) ([]int64, error) {
	return queryAll(ctx, s.rdb, "notifications to push", s.rebind(`SELECT n.id FROM notifications n WHERE n.athlete_id = ?
		AND n.created_ms >= (SELECT COALESCE(MIN(p.created_ms), 0) FROM push_subscriptions p WHERE p.athlete_id = n.athlete_id)
		AND EXISTS (SELECT 1 FROM push_subscriptions p WHERE p.athlete_id = n.athlete_id)
		AND ((n.push_state IN ('', 'failed') AND n.push_next_ms <= ?) OR (n.push_state = 'pending' AND n.pushed_ms < ?))
		ORDER BY n.created_ms, n.id LIMIT ?`), []any{athleteID, now.UnixMilli(), now.Add(-lease).UnixMilli(), limit},
		func(rows rowScanner) (int64, error) {
			var id int64
			return id, rows.Scan(&id)
		})
}

// ClaimNotificationPush marks a notification as being pushed; false when
// it is not due. It returns the tries so far (this one included).
func (s *Store) ClaimNotificationPush(ctx context.Context, athleteID, id int64, now time.Time, lease time.Duration) (bool, int, error) {
	if ok, err := s.claimSend(ctx, byPush, athleteID, id, now, lease); !ok || err != nil {
		return false, 0, err
	}
	var tries int
	if err := s.db.QueryRowContext(ctx, s.rebind(`SELECT push_tries FROM notifications WHERE athlete_id = ? AND id = ?`), athleteID, id).Scan(&tries); err != nil {
		return false, 0, fmt.Errorf("store: claim push %d: %w", id, err)
	}
	return true, tries, nil
}

// FinishNotificationPush records a push's outcome: state (sent, off,
// none) or failed with the error, tried again from next.
func (s *Store) FinishNotificationPush(ctx context.Context, athleteID, id int64, state string, pushErr error, next time.Time) error {
	return s.finishSend(ctx, byPush, athleteID, id, state, pushErr, next)
}

// DeferNotificationPush puts a due push off until until (quiet hours).
func (s *Store) DeferNotificationPush(ctx context.Context, athleteID, id int64, until time.Time) error {
	return s.deferSend(ctx, byPush, athleteID, id, until)
}
