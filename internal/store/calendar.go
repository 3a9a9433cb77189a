package store

// Race calendars and class schedules (migration 00060): feeds per athlete
// and their events. Re-importing a feed (same kind and name) replaces its
// events in one transaction.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/calendar"
)

// Calendar feed kinds.
const (
	CalendarRaces   = "race"
	CalendarClasses = "classes"
)

// CalendarFeed is one imported calendar.
type CalendarFeed struct {
	ID         int64     `json:"id"`
	AthleteID  int64     `json:"-"`
	Kind       string    `json:"kind"`
	Name       string    `json:"name"`
	SourceName string    `json:"source_name"`
	Events     int       `json:"events"`
	ImportedAt time.Time `json:"imported_at"`
}

// CalendarEvent is a stored event with the feed it belongs to.
type CalendarEvent struct {
	FeedID int64
	Feed   string
	calendar.Event
}

// ImportCalendar stores events as the athlete's feed of that kind and name,
// replacing the events of a feed imported before under the same name.
func (s *Store) ImportCalendar(ctx context.Context, athleteID int64, kind, name, source string, events []calendar.Event, now time.Time) (_ CalendarFeed, err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	f := CalendarFeed{AthleteID: athleteID, Kind: kind, Name: clean(strings.TrimSpace(name)), SourceName: clean(source), Events: len(events), ImportedAt: now.UTC()}
	switch {
	case kind != CalendarRaces && kind != CalendarClasses:
		return f, fmt.Errorf("store: import calendar: %w", rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("kind %q: want race or classes", kind)))
	case f.Name == "" || len(f.Name) > 200:
		return f, fmt.Errorf("store: import calendar: %w", rekindle.Errorf(rekindle.CodeInvalid, "feed name: want 1–200 bytes"))
	case len(events) > calendar.MaxEvents:
		return f, fmt.Errorf("store: import calendar: %w", rekindle.Errorf(rekindle.CodeTooLarge, fmt.Sprintf("more than %d events", calendar.MaxEvents)))
	}
	op := fmt.Sprintf("store: import calendar %q", f.Name)
	// A new feed's id, reserved before the transaction (insertRow); a
	// feed imported again keeps its id and leaves this one unused.
	newID, err := s.NextIDs(ctx, "calendar_feed", 1)
	if err != nil {
		return f, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return f, fmt.Errorf("%s: %w", op, err)
	}
	defer tx.Rollback()
	// One import of the athlete's at a time: on PostgreSQL two first
	// imports of a feed both found none and the second met the first's as
	// a duplicate name (or deadlocked on the feed sequence).
	if err := s.lockAthlete(ctx, tx, athleteID); err != nil {
		return f, err
	}
	err = tx.QueryRowContext(ctx, s.rebind(`SELECT id FROM calendar_feeds WHERE athlete_id = ? AND kind = ? AND name = ?`), athleteID, kind, f.Name).Scan(&f.ID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		f.ID = newID
		_, err = tx.ExecContext(ctx, s.rebind(`INSERT INTO calendar_feeds (athlete_id, id, kind, name, source_name, events, imported_ms) VALUES (?, ?, ?, ?, ?, ?, ?)`),
			athleteID, f.ID, kind, f.Name, f.SourceName, f.Events, f.ImportedAt.UnixMilli())
	case err == nil:
		if _, err = tx.ExecContext(ctx, s.rebind(`DELETE FROM calendar_events WHERE athlete_id = ? AND feed_id = ?`), athleteID, f.ID); err == nil {
			_, err = tx.ExecContext(ctx, s.rebind(`UPDATE calendar_feeds SET source_name = ?, events = ?, imported_ms = ? WHERE athlete_id = ? AND id = ?`),
				f.SourceName, f.Events, f.ImportedAt.UnixMilli(), athleteID, f.ID)
		}
	}
	if err != nil {
		return f, fmt.Errorf("%s: %w", op, err)
	}
	stmt, err := tx.PrepareContext(ctx, s.rebind(`INSERT INTO calendar_events (athlete_id, feed_id, seq, uid, summary, description, location, url, categories,
		distance, start_ms, end_ms, all_day, zone, has_geo, lat, lon, rrule, exdates, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`))
	if err != nil {
		return f, fmt.Errorf("%s: %w", op, err)
	}
	defer stmt.Close()
	for i := range events {
		e := &events[i]
		var end int64
		if !e.End.IsZero() {
			end = e.End.UnixMilli()
		}
		cats := ""
		if len(e.Categories) > 0 {
			b, _ := json.Marshal(e.Categories)
			cats = string(b)
		}
		rrule := ""
		if e.Rule != nil {
			rrule = e.Rule.String()
		}
		ex := make([]string, len(e.ExDates))
		for j, t := range e.ExDates {
			ex[j] = strconv.FormatInt(t.UnixMilli(), 10)
		}
		_, err := stmt.ExecContext(ctx, athleteID, f.ID, i, clean(e.UID), clean(e.Summary), clean(e.Description), clean(e.Location), clean(e.URL), clean(cats),
			clean(e.Distance), e.Start.UnixMilli(), end, calFlag(e.AllDay), e.Zone().String(), calFlag(e.HasGeo), e.Lat, e.Lon, rrule, strings.Join(ex, ","), e.Line)
		if err != nil {
			return f, fmt.Errorf("%s: event %d (line %d): %w", op, i+1, e.Line, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return f, fmt.Errorf("%s: %w", op, err)
	}
	return f, nil
}

// calFlag stores a bool as 0 or 1 (portable across both databases).
func calFlag(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ListCalendarFeeds lists the athlete's feeds of a kind ("" for all), by name.
func (s *Store) ListCalendarFeeds(ctx context.Context, athleteID int64, kind string) ([]CalendarFeed, error) {
	q, args := `SELECT id, athlete_id, kind, name, source_name, events, imported_ms FROM calendar_feeds WHERE athlete_id = ?`, []any{athleteID}
	if kind != "" {
		q, args = q+` AND kind = ?`, append(args, kind)
	}
	return queryAll(ctx, hotReads{s}, "list calendars", q+` ORDER BY kind, name`, args, func(rows rowScanner) (CalendarFeed, error) {
		var f CalendarFeed
		var ms int64
		if err := rows.Scan(&f.ID, &f.AthleteID, &f.Kind, &f.Name, &f.SourceName, &f.Events, &ms); err != nil {
			return f, err
		}
		f.ImportedAt = time.UnixMilli(ms).UTC()
		return f, nil
	})
}

// DeleteCalendarFeed deletes a feed and its events.
func (s *Store) DeleteCalendarFeed(ctx context.Context, athleteID, id int64) (err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: delete calendar %d: %w", id, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, s.rebind(`DELETE FROM calendar_events WHERE athlete_id = ? AND feed_id = ?`), athleteID, id); err != nil {
		return fmt.Errorf("store: delete calendar %d: %w", id, err)
	}
	res, err := tx.ExecContext(ctx, s.rebind(`DELETE FROM calendar_feeds WHERE athlete_id = ? AND id = ?`), athleteID, id)
	if err != nil {
		return fmt.Errorf("store: delete calendar %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: delete calendar %d: %w", id, rekindle.ErrNotFound)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: delete calendar %d: %w", id, err)
	}
	return nil
}

// ListCalendarEvents returns the athlete's events of a kind that may occur
// in [from, to): single events starting in it and every recurring event
// that starts before to (expand them with Event.Occurrences).
func (s *Store) ListCalendarEvents(ctx context.Context, athleteID int64, kind string, from, to time.Time) ([]CalendarEvent, error) {
	rows, err := s.rdb.QueryContext(ctx, s.rebind(`SELECT e.feed_id, f.name, e.uid, e.summary, e.description, e.location, e.url, e.categories, e.distance,
			e.start_ms, e.end_ms, e.all_day, e.zone, e.has_geo, e.lat, e.lon, e.rrule, e.exdates, e.line
		FROM calendar_events e JOIN calendar_feeds f ON f.athlete_id = e.athlete_id AND f.id = e.feed_id
		WHERE e.athlete_id = ? AND f.kind = ? AND e.start_ms < ? AND (e.rrule <> '' OR e.start_ms >= ?)
		ORDER BY e.start_ms, e.feed_id, e.seq`), athleteID, kind, to.UnixMilli(), from.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("store: list calendar events: %w", err)
	}
	defer rows.Close()
	zones := map[string]*time.Location{}
	var out []CalendarEvent
	for rows.Next() {
		var e CalendarEvent
		var cats, zone, rrule, ex string
		var start, end int64
		var allDay, hasGeo int
		if err := rows.Scan(&e.FeedID, &e.Feed, &e.UID, &e.Summary, &e.Description, &e.Location, &e.URL, &cats, &e.Distance,
			&start, &end, &allDay, &zone, &hasGeo, &e.Lat, &e.Lon, &rrule, &ex, &e.Line); err != nil {
			return nil, fmt.Errorf("store: list calendar events: %w", err)
		}
		loc, ok := zones[zone]
		if !ok {
			if loc, err = time.LoadLocation(zone); err != nil {
				loc = time.UTC
			}
			zones[zone] = loc
		}
		e.Start, e.AllDay, e.HasGeo = time.UnixMilli(start).In(loc), allDay != 0, hasGeo != 0
		if end != 0 {
			e.End = time.UnixMilli(end).In(loc)
		}
		if cats != "" {
			json.Unmarshal([]byte(cats), &e.Categories)
		}
		if rrule != "" {
			if e.Rule, err = calendar.ParseRule(rrule, loc); err != nil {
				return nil, fmt.Errorf("store: calendar event %q: rule %q: %w", e.Summary, rrule, err)
			}
			e.RRule = rrule
		}
		for v := range strings.SplitSeq(ex, ",") {
			if ms, err := strconv.ParseInt(v, 10, 64); err == nil {
				e.ExDates = append(e.ExDates, time.UnixMilli(ms).In(loc))
			}
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Events returns the plain calendar events of a list.
func Events(list []CalendarEvent) []calendar.Event {
	out := make([]calendar.Event, len(list))
	for i := range list {
		out[i] = list[i].Event
	}
	return out
}
