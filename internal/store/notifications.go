package store

// Notifications (migration 00181): the moments told to a runner, exactly
// once per (athlete, kind, moment key), with their e-mail state.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"rekindle"
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
	// EmailNext is when the e-mail is next tried (a failed send's backoff,
	// or the end of quiet hours); zero: at once.
	EmailNext time.Time
	// Detail is the moment's values as JSON (the weekly digest's).
	Detail string
}

// E-mail states of a notification.
const (
	EmailPending = "pending" // claimed by a sender (a crash here never resends)
	EmailSent    = "sent"
	EmailFailed  = "failed" // retried after a backoff
	EmailOff     = "off"    // the runner turned this kind of e-mail off: never sent
)

// AddNotification stores a moment unless the same (kind, key) is stored
// already; it reports whether it was new and sets n.ID.
func (s *Store) AddNotification(ctx context.Context, athleteID int64, n *Notification) (bool, error) {
	id, err := s.NextIDs(ctx, "notification", 1)
	if err != nil {
		return false, err
	}
	res, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO notifications (athlete_id, id, kind, moment_key, day, title, body, link, created_ms, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (athlete_id, kind, moment_key) DO NOTHING`),
		athleteID, id, n.Kind, n.Key, n.Day, clean(n.Title), clean(n.Body), n.Link, n.CreatedAt.UnixMilli(), clean(n.Detail))
	if err != nil {
		return false, fmt.Errorf("store: add notification %s/%s: %w", n.Kind, n.Key, err)
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return false, nil
	}
	n.ID = id
	return true, nil
}

const notificationCols = `id, kind, moment_key, day, title, body, link, created_ms, read_ms, email_state, emailed_ms, email_tries, email_error, email_next_ms, detail`

func scanNotification(rows rowScanner) (Notification, error) {
	var n Notification
	var created, read, emailed, next int64
	err := rows.Scan(&n.ID, &n.Kind, &n.Key, &n.Day, &n.Title, &n.Body, &n.Link, &created, &read, &n.EmailState, &emailed, &n.EmailTries, &n.EmailError, &next, &n.Detail)
	n.CreatedAt, n.ReadAt, n.EmailedAt, n.EmailNext = time.UnixMilli(created).UTC(), fromMS(read), fromMS(emailed), fromMS(next)
	return n, err
}

// ListNotifications returns the athlete's notifications, newest first (at
// most limit).
func (s *Store) ListNotifications(ctx context.Context, athleteID int64, limit int) ([]Notification, error) {
	q := `SELECT ` + notificationCols + ` FROM notifications WHERE athlete_id = ? ORDER BY created_ms DESC, id DESC LIMIT ?`
	return queryAll(ctx, s.rdb, "list notifications", s.rebind(q), []any{athleteID, limit}, scanNotification)
}

// NotificationsToEmail returns the notifications whose e-mail is due at
// now, oldest first (at most limit): not sent yet, failed and past their
// backoff, or claimed longer than lease ago by a sender that never
// finished (it crashed between claim and send: sent again, at least once,
// with the same Message-ID).
func (s *Store) NotificationsToEmail(ctx context.Context, athleteID int64, now time.Time, lease time.Duration, limit int) ([]Notification, error) {
	q := `SELECT ` + notificationCols + ` FROM notifications WHERE athlete_id = ? AND (
		(email_state IN ('', 'failed') AND email_next_ms <= ?) OR (email_state = 'pending' AND emailed_ms < ?))
		ORDER BY created_ms, id LIMIT ?`
	return queryAll(ctx, s.rdb, "notifications to e-mail", s.rebind(q), []any{athleteID, now.UnixMilli(), now.Add(-lease).UnixMilli(), limit}, scanNotification)
}

// GetNotification returns one notification; rekindle.ErrNotFound when the
// athlete has none with the id.
func (s *Store) GetNotification(ctx context.Context, athleteID, id int64) (Notification, error) {
	n, err := scanNotification(s.rdb.QueryRowContext(ctx, s.rebind(`SELECT `+notificationCols+` FROM notifications WHERE athlete_id = ? AND id = ?`), athleteID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return n, fmt.Errorf("store: notification %d: %w", id, rekindle.ErrNotFound)
	}
	if err != nil {
		return n, fmt.Errorf("store: notification %d: %w", id, err)
	}
	return n, nil
}

// MarkNotificationsRead marks every unread notification read.
func (s *Store) MarkNotificationsRead(ctx context.Context, athleteID int64, now time.Time) error {
	if _, err := s.db.ExecContext(ctx, s.rebind(`UPDATE notifications SET read_ms = ? WHERE athlete_id = ? AND read_ms = 0`), now.UnixMilli(), athleteID); err != nil {
		return fmt.Errorf("store: mark notifications read: %w", err)
	}
	return nil
}

// ClaimNotificationEmail marks a notification as being e-mailed; false
// when it is not due (sent, off, another sender has it within its lease,
// or a failed send's backoff has not passed).
func (s *Store) ClaimNotificationEmail(ctx context.Context, athleteID, id int64, now time.Time, lease time.Duration) (bool, error) {
	return s.claimSend(ctx, byEmail, athleteID, id, now, lease)
}

// sendChannel is a way a notification goes out (e-mail, push): the prefix
// of its columns (ch_state, ch_error, ch_next_ms, ch_tries, ched_ms) and
// the word its errors use.
type sendChannel struct{ col, name string }

var (
	byEmail = sendChannel{"email", "notification"}
	byPush  = sendChannel{"push", "push"}
)

// claimSend marks a notification as being sent on ch; false when it is not
// due (sent, off, another sender has it within its lease, or a failed
// send's backoff has not passed).
func (s *Store) claimSend(ctx context.Context, ch sendChannel, athleteID, id int64, now time.Time, lease time.Duration) (bool, error) {
	c := ch.col
	res, err := s.db.ExecContext(ctx, s.rebind(`UPDATE notifications SET `+c+`_state = ?, `+c+`ed_ms = ?, `+c+`_tries = `+c+`_tries + 1
		WHERE athlete_id = ? AND id = ? AND ((`+c+`_state IN ('', 'failed') AND `+c+`_next_ms <= ?) OR (`+c+`_state = 'pending' AND `+c+`ed_ms < ?))`),
		EmailPending, now.UnixMilli(), athleteID, id, now.UnixMilli(), now.Add(-lease).UnixMilli())
	if err != nil {
		return false, fmt.Errorf("store: claim %s %d: %w", ch.name, id, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// finishSend records a claimed send's outcome on ch: state, or failed with
// the error, tried again from next.
func (s *Store) finishSend(ctx context.Context, ch sendChannel, athleteID, id int64, state string, sendErr error, next time.Time) error {
	msg, nextMS := "", int64(0)
	if sendErr != nil {
		state, msg, nextMS = EmailFailed, clean(sendErr.Error()), next.UnixMilli()
	}
	c := ch.col
	if _, err := s.db.ExecContext(ctx, s.rebind(`UPDATE notifications SET `+c+`_state = ?, `+c+`_error = ?, `+c+`_next_ms = ? WHERE athlete_id = ? AND id = ?`),
		state, msg, nextMS, athleteID, id); err != nil {
		return fmt.Errorf("store: %s %d: %w", ch.name, id, err)
	}
	return nil
}

// deferSend puts a due send on ch off until until (quiet hours), keeping
// its state; it is never dropped.
func (s *Store) deferSend(ctx context.Context, ch sendChannel, athleteID, id int64, until time.Time) error {
	c := ch.col
	if _, err := s.db.ExecContext(ctx, s.rebind(`UPDATE notifications SET `+c+`_next_ms = ? WHERE athlete_id = ? AND id = ? AND `+c+`_state IN ('', 'failed')`),
		until.UnixMilli(), athleteID, id); err != nil {
		return fmt.Errorf("store: defer %s %d: %w", ch.name, id, err)
	}
	return nil
}

// FinishNotificationEmail records a claimed send's outcome: sent, or
// failed with the error, tried again from next.
func (s *Store) FinishNotificationEmail(ctx context.Context, athleteID, id int64, sendErr error, next time.Time) error {
	return s.finishSend(ctx, byEmail, athleteID, id, EmailSent, sendErr, next)
}

// DeferNotificationEmail puts a due e-mail off until until (quiet hours),
// keeping its state; it is never dropped.
func (s *Store) DeferNotificationEmail(ctx context.Context, athleteID, id int64, until time.Time) error {
	return s.deferSend(ctx, byEmail, athleteID, id, until)
}

// SkipNotificationEmail marks a not-yet-sent e-mail off (the runner turned
// its kind off); false when it was sent or claimed meanwhile.
func (s *Store) SkipNotificationEmail(ctx context.Context, athleteID, id int64) (bool, error) {
	res, err := s.db.ExecContext(ctx, s.rebind(`UPDATE notifications SET email_state = ? WHERE athlete_id = ? AND id = ? AND email_state IN ('', 'failed')`),
		EmailOff, athleteID, id)
	if err != nil {
		return false, fmt.Errorf("store: skip notification %d: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// EmailStatus is the state of an athlete's notification e-mails.
type EmailStatus struct {
	Sent, Waiting, Failed int
	LastError             string    // the latest failed send's error
	LastErrorAt           time.Time // when it was tried
	NextAttempt           time.Time // the earliest retry; zero when none waits
}

// NotificationEmailStatus sums up the athlete's notification e-mails.
func (s *Store) NotificationEmailStatus(ctx context.Context, athleteID int64) (EmailStatus, error) {
	return s.channelStatus(ctx, athleteID, `SELECT email_state, email_error, emailed_ms, email_next_ms FROM notifications
		WHERE athlete_id = ? AND email_state <> 'off'`)
}

// NotificationPushStatus sums up the athlete's pushes (those made while a
// browser was subscribed).
func (s *Store) NotificationPushStatus(ctx context.Context, athleteID int64) (EmailStatus, error) {
	return s.channelStatus(ctx, athleteID, `SELECT push_state, push_error, pushed_ms, push_next_ms FROM notifications
		WHERE athlete_id = ? AND push_state IN ('pending', 'sent', 'failed')`)
}

func (s *Store) channelStatus(ctx context.Context, athleteID int64, q string) (EmailStatus, error) {
	var st EmailStatus
	rows, err := s.rdb.QueryContext(ctx, s.rebind(q), athleteID)
	if err != nil {
		return st, fmt.Errorf("store: notification e-mail status: %w", err)
	}
	defer rows.Close()
	var lastErrMS int64
	for rows.Next() {
		var state, msg string
		var emailed, next int64
		if err := rows.Scan(&state, &msg, &emailed, &next); err != nil {
			return st, fmt.Errorf("store: notification e-mail status: %w", err)
		}
		switch state {
		case EmailSent:
			st.Sent++
			continue
		case EmailFailed:
			st.Failed++
			if emailed >= lastErrMS {
				lastErrMS, st.LastError = emailed, msg
			}
		default:
			st.Waiting++
		}
		if t := fromMS(next); !t.IsZero() && (st.NextAttempt.IsZero() || t.Before(st.NextAttempt)) {
			st.NextAttempt = t
		}
	}
	st.LastErrorAt = fromMS(lastErrMS)
	return st, rows.Err()
}

// NotifySettings are an athlete's e-mail settings.
type NotifySettings struct {
	EmailOff   []string // kinds of e-mail turned off
	QuietStart int      // quiet hours, minutes after local midnight; -1: none
	QuietEnd   int
	UnsubKey   string // signs the unsubscribe links; "" until the first e-mail
}

// GetNotifySettings returns the athlete's settings (defaults when never set).
func (s *Store) GetNotifySettings(ctx context.Context, athleteID int64) (NotifySettings, error) {
	ns := NotifySettings{QuietStart: -1, QuietEnd: -1}
	var off string
	err := s.rdb.QueryRowContext(ctx, s.rebind(`SELECT email_off, quiet_start, quiet_end, unsub_key FROM notify_settings WHERE athlete_id = ?`), athleteID).
		Scan(&off, &ns.QuietStart, &ns.QuietEnd, &ns.UnsubKey)
	if errors.Is(err, sql.ErrNoRows) {
		return ns, nil
	}
	if err != nil {
		return ns, fmt.Errorf("store: notify settings: %w", err)
	}
	for k := range strings.SplitSeq(off, ",") {
		if k != "" {
			ns.EmailOff = append(ns.EmailOff, k)
		}
	}
	return ns, nil
}

// SaveNotifySettings stores the athlete's settings. An unsubscribe key
// once stored stays: links already signed with it must keep working, and
// of two first e-mails at once that each made a key and read back the one
// kept, the later save replaced the key the earlier had signed with.
func (s *Store) SaveNotifySettings(ctx context.Context, athleteID int64, ns NotifySettings) error {
	_, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO notify_settings (athlete_id, email_off, quiet_start, quiet_end, unsub_key) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (athlete_id) DO UPDATE SET email_off = excluded.email_off, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,
		unsub_key = CASE WHEN notify_settings.unsub_key = '' THEN excluded.unsub_key ELSE notify_settings.unsub_key END`),
		athleteID, strings.Join(ns.EmailOff, ","), ns.QuietStart, ns.QuietEnd, ns.UnsubKey)
	if err != nil {
		return fmt.Errorf("store: save notify settings: %w", err)
	}
	return nil
}

// SetNotifyKindOff turns one kind of e-mail off (the unsubscribe link)
// without touching the other settings.
func (s *Store) SetNotifyKindOff(ctx context.Context, athleteID int64, kind string) error {
	return s.UpdateNotifySettings(ctx, athleteID, func(ns *NotifySettings) error {
		if !slices.Contains(ns.EmailOff, kind) {
			ns.EmailOff = append(ns.EmailOff, kind)
			slices.Sort(ns.EmailOff)
		}
		return nil
	})
}

// UpdateNotifySettings changes the athlete's settings with change, which
// sees them as stored (defaults when never set); an error from change
// writes nothing and is returned as is. The settings are read and written
// back in one transaction, the row locked on PostgreSQL (SQLite's write
// transactions run one at a time): read outside it, two changes at once
// (two unsubscribe links, two tabs) each wrote back the settings without
// the other's. A stored unsubscribe key stays (SaveNotifySettings).
func (s *Store) UpdateNotifySettings(ctx context.Context, athleteID int64, change func(*NotifySettings) error) (err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: update notify settings: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO notify_settings (athlete_id) VALUES (?) ON CONFLICT (athlete_id) DO NOTHING`), athleteID); err != nil {
		return fmt.Errorf("store: update notify settings: %w", err)
	}
	q := `SELECT email_off, quiet_start, quiet_end, unsub_key FROM notify_settings WHERE athlete_id = ?`
	if s.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	var ns NotifySettings
	var off string
	if err := tx.QueryRowContext(ctx, s.rebind(q), athleteID).Scan(&off, &ns.QuietStart, &ns.QuietEnd, &ns.UnsubKey); err != nil {
		return fmt.Errorf("store: update notify settings: %w", err)
	}
	ns.EmailOff = slices.DeleteFunc(strings.Split(off, ","), func(k string) bool { return k == "" })
	key := ns.UnsubKey
	if err := change(&ns); err != nil {
		return err
	}
	if key == "" {
		key = ns.UnsubKey
	}
	if _, err := tx.ExecContext(ctx, s.rebind(`UPDATE notify_settings SET email_off = ?, quiet_start = ?, quiet_end = ?, unsub_key = ? WHERE athlete_id = ?`),
		strings.Join(ns.EmailOff, ","), ns.QuietStart, ns.QuietEnd, key, athleteID); err != nil {
		return fmt.Errorf("store: update notify settings: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: update notify settings: %w", err)
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

// HasNotification reports whether the athlete has the (kind, key) moment.
func (s *Store) HasNotification(ctx context.Context, athleteID int64, kind, key string) (bool, error) {
	var n int
	if err := s.rdb.QueryRowContext(ctx, s.rebind(`SELECT COUNT(*) FROM notifications WHERE athlete_id = ? AND kind = ? AND moment_key = ?`), athleteID, kind, key).Scan(&n); err != nil {
		return false, fmt.Errorf("store: has notification %s/%s: %w", kind, key, err)
	}
	return n > 0, nil
}
