package store

// Strava sync state (migration 00390): the backfill cursor per athlete,
// the Strava activities already fetched, the webhook inbox and the
// instance's rate-limit state. Package strava drives them.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"rekindle"
)

// StravaSync is an athlete's backfill: where the list stands and what it
// did so far.
type StravaSync struct {
	AthleteID int64
	State     string // running | waiting | done | failed
	BeforeS   int64  // the next page lists activities that started before this (Unix seconds); 0 = now
	Listed    int64
	Stored    int64
	Known     int64
	Failed    int64
	LastError string
	Started   time.Time
	Updated   time.Time
}

// StravaSyncOf returns the athlete's backfill, or an error wrapping
// rekindle.ErrNotFound when none was started.
func (s *Store) StravaSyncOf(ctx context.Context, athleteID int64) (*StravaSync, error) {
	var v StravaSync
	var started, updated int64
	err := s.db.QueryRowContext(ctx, s.rebind(`SELECT athlete_id, state, before_s, listed, stored, known, failed, last_error, started_ms, updated_ms
		FROM strava_sync WHERE athlete_id = ?`), athleteID).Scan(&v.AthleteID, &v.State, &v.BeforeS, &v.Listed, &v.Stored, &v.Known,
		&v.Failed, &v.LastError, &started, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: strava sync of athlete %d: %w", athleteID, rekindle.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: strava sync of athlete %d: %w", athleteID, err)
	}
	v.Started, v.Updated = fromMS(started), fromMS(updated)
	return &v, nil
}

// SaveStravaSync stores (replacing) an athlete's backfill state.
func (s *Store) SaveStravaSync(ctx context.Context, v *StravaSync) error {
	_, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO strava_sync (athlete_id, state, before_s, listed, stored, known, failed, last_error, started_ms, updated_ms)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (athlete_id) DO UPDATE SET state = excluded.state, before_s = excluded.before_s, listed = excluded.listed,
		stored = excluded.stored, known = excluded.known, failed = excluded.failed, last_error = excluded.last_error,
		started_ms = excluded.started_ms, updated_ms = excluded.updated_ms`),
		v.AthleteID, v.State, v.BeforeS, v.Listed, v.Stored, v.Known, v.Failed, v.LastError, ms(v.Started), ms(v.Updated))
	if err != nil {
		return fmt.Errorf("store: save strava sync of athlete %d: %w", v.AthleteID, err)
	}
	return nil
}

// ClaimStravaSyncs takes the backfills that wait (queued, or stopped and
// not saved for lease): each is taken by one process, which then holds it
// while it saves its progress.
func (s *Store) ClaimStravaSyncs(ctx context.Context, now time.Time, lease time.Duration) ([]int64, error) {
	ids, err := queryAll(ctx, s.db, "strava syncs", s.rebind(`SELECT athlete_id FROM strava_sync
		WHERE state IN ('waiting', 'running') AND updated_ms < ? ORDER BY updated_ms`), []any{ms(now.Add(-lease))},
		func(r rowScanner) (int64, error) {
			var id int64
			return id, r.Scan(&id)
		})
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, id := range ids {
		res, err := s.db.ExecContext(ctx, s.rebind(`UPDATE strava_sync SET updated_ms = ? WHERE athlete_id = ?
			AND state IN ('waiting', 'running') AND updated_ms < ?`), ms(now), id, ms(now.Add(-lease)))
		if err != nil {
			return out, fmt.Errorf("store: claim strava sync: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			out = append(out, id)
		}
	}
	return out, nil
}

// StravaActivity is one Strava activity rekindle fetched.
type StravaActivity struct {
	AthleteID  int64
	StravaID   int64
	ActivityID int64  // 0 when no rekindle activity was stored for it
	Outcome    string // imported | duplicate | failed | deleted
	Detail     string
	Updated    time.Time
}

// StravaActivityOf returns what was done with a Strava activity, or an
// error wrapping rekindle.ErrNotFound when it was never fetched.
func (s *Store) StravaActivityOf(ctx context.Context, athleteID, stravaID int64) (*StravaActivity, error) {
	v := StravaActivity{AthleteID: athleteID, StravaID: stravaID}
	var aid sql.NullInt64
	var updated int64
	err := s.db.QueryRowContext(ctx, s.rebind(`SELECT activity_id, outcome, detail, updated_ms FROM strava_activities
		WHERE athlete_id = ? AND strava_id = ?`), athleteID, stravaID).Scan(&aid, &v.Outcome, &v.Detail, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: strava activity %d: %w", stravaID, rekindle.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: strava activity %d: %w", stravaID, err)
	}
	v.ActivityID, v.Updated = aid.Int64, fromMS(updated)
	return &v, nil
}

// SaveStravaActivity records (replacing) what was done with a Strava activity.
func (s *Store) SaveStravaActivity(ctx context.Context, v *StravaActivity) error {
	var aid any
	if v.ActivityID != 0 {
		aid = v.ActivityID
	}
	_, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO strava_activities (athlete_id, strava_id, activity_id, outcome, detail, updated_ms)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (athlete_id, strava_id) DO UPDATE SET activity_id = excluded.activity_id,
		outcome = excluded.outcome, detail = excluded.detail, updated_ms = excluded.updated_ms`),
		v.AthleteID, v.StravaID, aid, v.Outcome, v.Detail, ms(v.Updated))
	if err != nil {
		return fmt.Errorf("store: save strava activity %d: %w", v.StravaID, err)
	}
	return nil
}

// CountStravaActivities counts an athlete's fetched Strava activities by outcome.
func (s *Store) CountStravaActivities(ctx context.Context, athleteID int64) (map[string]int, error) {
	type row struct {
		outcome string
		n       int
	}
	rows, err := queryAll(ctx, s.db, "count strava activities", s.rebind(`SELECT outcome, COUNT(*) FROM strava_activities
		WHERE athlete_id = ? GROUP BY outcome`), []any{athleteID}, func(r rowScanner) (row, error) {
		var v row
		return v, r.Scan(&v.outcome, &v.n)
	})
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.outcome] = r.n
	}
	return out, nil
}

// SetStravaAthlete records which Strava athlete an athlete's grant is for
// (webhook events name the owner by Strava's id).
func (s *Store) SetStravaAthlete(ctx context.Context, athleteID, stravaAthleteID int64) error {
	return s.execOne(ctx, fmt.Sprintf("set strava athlete of athlete %d", athleteID),
		`UPDATE strava_tokens SET strava_athlete_id = ? WHERE athlete_id = ?`, stravaAthleteID, athleteID)
}

// AthleteOfStrava returns the athlete whose grant is for a Strava athlete,
// or an error wrapping rekindle.ErrNotFound.
func (s *Store) AthleteOfStrava(ctx context.Context, stravaAthleteID int64) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, s.rebind(`SELECT athlete_id FROM strava_tokens WHERE strava_athlete_id = ? ORDER BY updated_ms DESC LIMIT 1`),
		stravaAthleteID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && stravaAthleteID == 0) {
		return 0, fmt.Errorf("store: no athlete connected to Strava athlete %d: %w", stravaAthleteID, rekindle.ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("store: athlete of Strava athlete %d: %w", stravaAthleteID, err)
	}
	return id, nil
}

// StravaEvent is one webhook event received from Strava.
type StravaEvent struct {
	Key        string
	OwnerID    int64
	ObjectType string
	ObjectID   int64
	AspectType string
	EventTime  int64
	Updates    string // the event's "updates" object, as JSON
	State      string // pending | done | ignored | failed
	Attempts   int
	Next       time.Time
	Error      string
	Received   time.Time
}

// AddStravaEvent stores a received event; it reports false when the same
// event (same key) was stored before — a replay, left as it was.
func (s *Store) AddStravaEvent(ctx context.Context, e *StravaEvent) (bool, error) {
	res, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO strava_events (event_key, owner_id, object_type, object_id, aspect_type,
		event_time, updates, state, attempts, next_ms, error, received_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, '', ?)
		ON CONFLICT (event_key) DO NOTHING`),
		e.Key, e.OwnerID, e.ObjectType, e.ObjectID, e.AspectType, e.EventTime, e.Updates, e.State, ms(e.Next), ms(e.Received))
	if err != nil {
		return false, fmt.Errorf("store: add strava event: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

const stravaEventCols = `event_key, owner_id, object_type, object_id, aspect_type, event_time, updates, state, attempts, next_ms, error, received_ms`

func scanStravaEvent(r rowScanner) (StravaEvent, error) {
	var e StravaEvent
	var next, recv int64
	err := r.Scan(&e.Key, &e.OwnerID, &e.ObjectType, &e.ObjectID, &e.AspectType, &e.EventTime, &e.Updates, &e.State, &e.Attempts,
		&next, &e.Error, &recv)
	e.Next, e.Received = fromMS(next), fromMS(recv)
	return e, err
}

// DueStravaEvents lists pending events whose time has come, oldest first.
func (s *Store) DueStravaEvents(ctx context.Context, now time.Time, limit int) ([]StravaEvent, error) {
	return queryAll(ctx, s.db, "due strava events", s.rebind(`SELECT `+stravaEventCols+` FROM strava_events
		WHERE state = 'pending' AND next_ms <= ? ORDER BY event_time, received_ms LIMIT ?`), []any{ms(now), limit}, scanStravaEvent)
}

// StravaEvents lists the latest events, newest first.
func (s *Store) StravaEvents(ctx context.Context, limit int) ([]StravaEvent, error) {
	return queryAll(ctx, s.db, "strava events", s.rebind(`SELECT `+stravaEventCols+` FROM strava_events
		ORDER BY received_ms DESC, event_time DESC LIMIT ?`), []any{limit}, scanStravaEvent)
}

// ClaimStravaEvent takes a due pending event for lease (another process
// does not take it before now+lease; a process that dies holding it lets
// it come due again). It reports false when another process took it.
func (s *Store) ClaimStravaEvent(ctx context.Context, key string, now time.Time, lease time.Duration) (bool, error) {
	res, err := s.db.ExecContext(ctx, s.rebind(`UPDATE strava_events SET next_ms = ?, attempts = attempts + 1
		WHERE event_key = ? AND state = 'pending' AND next_ms <= ?`), ms(now.Add(lease)), key, ms(now))
	if err != nil {
		return false, fmt.Errorf("store: claim strava event: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// FinishStravaEvent records an event's outcome: state done, ignored or
// failed; or pending again (a retry) not before next.
func (s *Store) FinishStravaEvent(ctx context.Context, key, state, errText string, next time.Time) error {
	return s.execOne(ctx, "finish strava event", `UPDATE strava_events SET state = ?, error = ?, next_ms = ? WHERE event_key = ?`,
		state, errText, ms(next), key)
}

// StravaRate is the instance's use of Strava's API (one application) in the current windows.
type StravaRate struct {
	Window       time.Time // start of the current short (15-minute) window
	UsedShort    int
	LimitShort   int
	Day          time.Time
	UsedDay      int
	LimitDay     int
	BlockedUntil time.Time
}

// ReserveStravaRequest takes one request from the instance's allowance in
// the current windows (window: the short window's length, aligned to the
// Unix epoch; days are UTC days). It returns 0 when the request may go, or
// how long to wait. limits seed the row the first time (Strava's defaults).
func (s *Store) ReserveStravaRequest(ctx context.Context, app string, now time.Time, window time.Duration, limitShort, limitDay int) (time.Duration, error) {
	win := now.Truncate(window)
	day := now.UTC().Truncate(24 * time.Hour)
	if _, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO strava_rate (app, window_ms, used_short, limit_short, day_ms, used_day, limit_day,
		blocked_until, updated_ms) VALUES (?, ?, 0, ?, ?, 0, ?, 0, ?) ON CONFLICT (app) DO NOTHING`),
		app, ms(win), limitShort, ms(day), limitDay, ms(now)); err != nil {
		return 0, fmt.Errorf("store: strava rate: %w", err)
	}
	// Windows that ended start again from zero.
	if _, err := s.db.ExecContext(ctx, s.rebind(`UPDATE strava_rate SET window_ms = ?, used_short = 0 WHERE app = ? AND window_ms < ?`),
		ms(win), app, ms(win)); err != nil {
		return 0, fmt.Errorf("store: strava rate: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, s.rebind(`UPDATE strava_rate SET day_ms = ?, used_day = 0 WHERE app = ? AND day_ms < ?`),
		ms(day), app, ms(day)); err != nil {
		return 0, fmt.Errorf("store: strava rate: %w", err)
	}
	res, err := s.db.ExecContext(ctx, s.rebind(`UPDATE strava_rate SET used_short = used_short + 1, used_day = used_day + 1, updated_ms = ?
		WHERE app = ? AND used_short < limit_short AND used_day < limit_day AND blocked_until <= ?`), ms(now), app, ms(now))
	if err != nil {
		return 0, fmt.Errorf("store: strava rate: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return 0, nil
	}
	r, err := s.StravaRateState(ctx, app)
	if err != nil {
		return 0, err
	}
	until := win.Add(window)
	switch {
	case r.BlockedUntil.After(now):
		until = r.BlockedUntil
	case r.UsedDay >= r.LimitDay:
		until = day.Add(24 * time.Hour)
	}
	if d := until.Sub(now); d > 0 {
		return d, nil
	}
	return time.Millisecond, nil // a window rolled over meanwhile: try again at once
}

// StravaRateState reads the instance's rate-limit state.
func (s *Store) StravaRateState(ctx context.Context, app string) (*StravaRate, error) {
	var r StravaRate
	var win, day, blocked int64
	err := s.db.QueryRowContext(ctx, s.rebind(`SELECT window_ms, used_short, limit_short, day_ms, used_day, limit_day, blocked_until FROM strava_rate WHERE app = ?`), app).
		Scan(&win, &r.UsedShort, &r.LimitShort, &day, &r.UsedDay, &r.LimitDay, &blocked)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: strava rate: %w", rekindle.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: strava rate: %w", err)
	}
	r.Window, r.Day, r.BlockedUntil = fromMS(win), fromMS(day), fromMS(blocked)
	return &r, nil
}

// ObserveStravaRate takes what Strava said in a response's headers: its
// limits, and its count of requests in the current windows (counted
// across every replica and every athlete, so it wins over ours when
// higher). blockUntil, when set (a 429), stops every request until then.
func (s *Store) ObserveStravaRate(ctx context.Context, app string, now time.Time, window time.Duration, usedShort, usedDay, limitShort, limitDay int, blockUntil time.Time) error {
	win := now.Truncate(window)
	day := now.UTC().Truncate(24 * time.Hour)
	_, err := s.db.ExecContext(ctx, s.rebind(`UPDATE strava_rate SET
		limit_short = CASE WHEN ? > 0 THEN ? ELSE limit_short END,
		limit_day = CASE WHEN ? > 0 THEN ? ELSE limit_day END,
		used_short = CASE WHEN window_ms = ? AND used_short < ? THEN ? ELSE used_short END,
		used_day = CASE WHEN day_ms = ? AND used_day < ? THEN ? ELSE used_day END,
		blocked_until = CASE WHEN blocked_until < ? THEN ? ELSE blocked_until END,
		updated_ms = ? WHERE app = ?`),
		limitShort, limitShort, limitDay, limitDay, ms(win), usedShort, usedShort, ms(day), usedDay, usedDay,
		ms(blockUntil), ms(blockUntil), ms(now), app)
	if err != nil {
		return fmt.Errorf("store: observe strava rate: %w", err)
	}
	return nil
}
