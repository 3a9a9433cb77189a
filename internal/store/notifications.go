package store

// Notifications (migration 00181): the moments told to a runner, exactly
// once per (athlete, kind, moment key), with their e-mail state.

import (
	"context"
	"fmt"
	"time"
)

// Notification is one stored moment.
type Notification struct {
	ID         int64
	Kind       string
	Key        string
	Day        string
	Title      string
	Body       string
	Link       string
	CreatedAt  time.Time
	ReadAt     time.Time // zero: unread
	EmailState string    // "", pending, sent, failed
	EmailedAt  time.Time
	EmailTries int
	EmailError string
}

// E-mail states of a notification.
const (
	EmailPending = "pending" // claimed by a sender (a crash here never resends)
	EmailSent    = "sent"
	EmailFailed  = "failed" // retried by the next send
)

// AddNotification stores a moment unless the same (kind, key) is stored
// already; it reports whether it was new and sets n.ID.
func (s *Store) AddNotification(ctx context.Context, athleteID int64, n *Notification) (bool, error) {
	id, err := s.NextIDs(ctx, "notification", 1)
	if err != nil {
		return false, err
	}
	res, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO notifications (athlete_id, id, kind, moment_key, day, title, body, link, created_ms)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (athlete_id, kind, moment_key) DO NOTHING`),
		athleteID, id, n.Kind, n.Key, n.Day, clean(n.Title), clean(n.Body), n.Link, n.CreatedAt.UnixMilli())
	if err != nil {
		return false, fmt.Errorf("store: add notification %s/%s: %w", n.Kind, n.Key, err)
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return false, nil
	}
	n.ID = id
	return true, nil
}

const notificationCols = `id, kind, moment_key, day, title, body, link, created_ms, read_ms, email_state, emailed_ms, email_tries, email_error`

// ListNotifications returns the athlete's notifications, newest first (at
// most limit); onlyToEmail keeps those not yet sent nor claimed.
func (s *Store) ListNotifications(ctx context.Context, athleteID int64, limit int, onlyToEmail bool) ([]Notification, error) {
	q := `SELECT ` + notificationCols + ` FROM notifications WHERE athlete_id = ?`
	if onlyToEmail {
		q += ` AND email_state IN ('', 'failed')`
	}
	q += ` ORDER BY created_ms DESC, id DESC LIMIT ?`
	return queryAll(ctx, s.rdb, "list notifications", s.rebind(q), []any{athleteID, limit}, func(rows rowScanner) (Notification, error) {
		var n Notification
		var created, read, emailed int64
		err := rows.Scan(&n.ID, &n.Kind, &n.Key, &n.Day, &n.Title, &n.Body, &n.Link, &created, &read, &n.EmailState, &emailed, &n.EmailTries, &n.EmailError)
		n.CreatedAt, n.ReadAt, n.EmailedAt = time.UnixMilli(created).UTC(), fromMS(read), fromMS(emailed)
		return n, err
	})
}

// MarkNotificationsRead marks every unread notification read.
func (s *Store) MarkNotificationsRead(ctx context.Context, athleteID int64, now time.Time) error {
	if _, err := s.db.ExecContext(ctx, s.rebind(`UPDATE notifications SET read_ms = ? WHERE athlete_id = ? AND read_ms = 0`), now.UnixMilli(), athleteID); err != nil {
		return fmt.Errorf("store: mark notifications read: %w", err)
	}
	return nil
}

// ClaimNotificationEmail marks a notification as being e-mailed; false
// when another sender (or an earlier run) has it already.
func (s *Store) ClaimNotificationEmail(ctx context.Context, athleteID, id int64, now time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, s.rebind(`UPDATE notifications SET email_state = ?, emailed_ms = ?, email_tries = email_tries + 1
		WHERE athlete_id = ? AND id = ? AND email_state IN ('', 'failed')`), EmailPending, now.UnixMilli(), athleteID, id)
	if err != nil {
		return false, fmt.Errorf("store: claim notification %d: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// FinishNotificationEmail records a claimed send's outcome: sent, or
// failed with the error (retried by the next send).
func (s *Store) FinishNotificationEmail(ctx context.Context, athleteID, id int64, sendErr error) error {
	state, msg := EmailSent, ""
	if sendErr != nil {
		state, msg = EmailFailed, clean(sendErr.Error())
	}
	if _, err := s.db.ExecContext(ctx, s.rebind(`UPDATE notifications SET email_state = ?, email_error = ? WHERE athlete_id = ? AND id = ?`), state, msg, athleteID, id); err != nil {
		return fmt.Errorf("store: notification %d: %w", id, err)
	}
	return nil
}

// AccountEmail is an account's athlete and e-mail address.
type AccountEmail struct {
	AthleteID int64
	Email     string
}

// ListAccountEmails returns every account's athlete id and e-mail, by
// athlete id (the e-mail sender's round; accounts is the one table keyed by
// login, not by athlete).
func (s *Store) ListAccountEmails(ctx context.Context) ([]AccountEmail, error) {
	return queryAll(ctx, s.rdb, "list account emails", `SELECT athlete_id, email FROM accounts ORDER BY athlete_id`, nil, func(rows rowScanner) (AccountEmail, error) {
		var a AccountEmail
		return a, rows.Scan(&a.AthleteID, &a.Email)
	})
}
