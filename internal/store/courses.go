package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"rekindle"
)

// Course is a saved course: a planned route from a file with positions but
// no times (a route someone drew, a race course). It is not an activity; the
// runner can pick it as a variety idea.
type Course struct {
	ID        int64
	Name      string
	DistanceM float64
	AscentM   float64
	StartLat  float64
	StartLon  float64
	Points    rekindle.Track // Lat, Lon and maybe Ele; no times
	Source    rekindle.Source
	CreatedAt time.Time
}

// writeCourses inserts courses (ids allocated by WriteBatch) through k; a
// course already saved from the same file and index is left as it is.
func (s *Store) writeCourses(ctx context.Context, k stmtSink, athleteID int64, cs []*Course, now int64) error {
	for _, c := range cs {
		blob, err := EncodeTrack(&c.Points)
		if err != nil {
			return fmt.Errorf("course %s: %w", c.Source.File, err)
		}
		if err := k.exec(ctx, "course "+c.Source.File, s.rebind(`INSERT INTO courses (athlete_id, id, name, distance_m, ascent_m, points,
			start_lat, start_lon, source_file, source_sha256, source_index, created_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT (athlete_id, source_sha256, source_index) DO NOTHING`),
			athleteID, c.ID, clean(c.Name), finite(c.DistanceM), finite(c.AscentM), blob, finite(c.StartLat), finite(c.StartLon),
			clean(c.Source.File), clean(c.Source.SHA256), int64(c.Source.Index), now); err != nil {
			return err
		}
		c.CreatedAt = time.UnixMilli(now).UTC()
	}
	return nil
}

const courseCols = `id, name, distance_m, ascent_m, start_lat, start_lon, source_file, source_sha256, source_index, created_ms`

func scanCourse(row interface{ Scan(...any) error }, extra ...any) (*Course, error) {
	c := &Course{}
	var created int64
	dest := []any{&c.ID, &c.Name, &c.DistanceM, &c.AscentM, &c.StartLat, &c.StartLon, &c.Source.File, &c.Source.SHA256, &c.Source.Index, &created}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	c.CreatedAt = time.UnixMilli(created).UTC()
	return c, nil
}

// ListCourses returns an athlete's saved courses (without their points), by name.
func (s *Store) ListCourses(ctx context.Context, athleteID int64) ([]*Course, error) {
	rows, err := s.readRows(ctx, `SELECT `+courseCols+` FROM courses WHERE athlete_id = ? ORDER BY name, id`, athleteID)
	if err != nil {
		return nil, fmt.Errorf("store: list courses: %w", err)
	}
	defer rows.Close()
	var out []*Course
	for rows.Next() {
		c, err := scanCourse(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list courses: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list courses: %w", err)
	}
	return out, nil
}

// GetCourse returns one course with its points, or an error wrapping
// rekindle.ErrNotFound.
func (s *Store) GetCourse(ctx context.Context, athleteID, id int64) (*Course, error) {
	var blob []byte
	c, err := scanCourse(s.rdb.QueryRowContext(ctx, s.rebind(`SELECT `+courseCols+`, points FROM courses WHERE athlete_id = ? AND id = ?`), athleteID, id), &blob)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: get course %d: %w", id, rekindle.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: get course %d: %w", id, err)
	}
	if c.Points, err = DecodeTrack(blob); err != nil {
		return nil, fmt.Errorf("store: get course %d: %w", id, err)
	}
	return c, nil
}

// DeleteCourse removes one saved course.
func (s *Store) DeleteCourse(ctx context.Context, athleteID, id int64) error {
	return s.execOne(ctx, fmt.Sprintf("delete course %d", id), `DELETE FROM courses WHERE athlete_id = ? AND id = ?`, athleteID, id)
}

// StartPosition is where one activity began.
type StartPosition struct {
	At       time.Time
	Lat, Lon float64
}

// recentTracked is the newest n activities of an athlete that have a track
// with positions, newest first (RecentStarts, RecentStartsKnown): the
// columns are put in front.
const recentTracked = ` FROM activities a
		JOIN tracks t ON t.athlete_id = a.athlete_id AND t.activity_id = a.id
		WHERE a.athlete_id = ? AND a.channels LIKE '%lat%' ORDER BY a.start_ms DESC, a.id DESC LIMIT ?`

// RecentStarts returns the start positions of the athlete's newest n
// activities that have a track with positions, newest first.
func (s *Store) RecentStarts(ctx context.Context, athleteID int64, n int) ([]StartPosition, error) {
	rows, err := s.rdb.QueryContext(ctx, s.rebind(`SELECT a.start_ms, t.data`+recentTracked), athleteID, n)
	if err != nil {
		return nil, fmt.Errorf("store: recent starts: %w", err)
	}
	defer rows.Close()
	var out []StartPosition
	var buf []int64
	for rows.Next() {
		var ms int64
		var blob []byte
		if err := rows.Scan(&ms, &blob); err != nil {
			return nil, fmt.Errorf("store: recent starts: %w", err)
		}
		// Only the first position is read, not the whole track.
		lat, lon, ok, b, err := firstPosition(blob, buf)
		buf = b
		if err != nil || !ok {
			continue // a damaged track says nothing about home
		}
		out = append(out, StartPosition{At: time.UnixMilli(ms).UTC(), Lat: lat, Lon: lon})
	}
	return out, rows.Err()
}

// TrackStart is a stored track's first position, as RecentStarts reads it
// from the blob (ok false when the track has none or is damaged).
type TrackStart struct {
	Lat, Lon float64
	OK       bool
}

// StartOf reads the first position of an encoded track, as RecentStarts
// does from the stored blob (an import knows it already:
// PreparedActivity.TrackStart).
func StartOf(track []byte) TrackStart {
	lat, lon, ok, _, err := firstPosition(track, nil)
	return TrackStart{Lat: lat, Lon: lon, OK: ok && err == nil}
}

// RecentStartsKnown is RecentStarts where known gives, by activity id, the
// first positions of tracks the caller has just written (StartOf of the
// same bytes): only the other tracks are read, so an import that placed
// its runner reads none of what it wrote back. With none known it is
// RecentStarts.
func (s *Store) RecentStartsKnown(ctx context.Context, athleteID int64, n int, known map[int64]TrackStart) ([]StartPosition, error) {
	if len(known) == 0 {
		return s.RecentStarts(ctx, athleteID, n)
	}
	type row struct {
		id, ms int64
	}
	recent, err := queryAll(ctx, s.rdb, "recent starts", s.rebind(`SELECT a.id, a.start_ms`+recentTracked), []any{athleteID, n},
		func(rows rowScanner) (row, error) {
			var r row
			err := rows.Scan(&r.id, &r.ms)
			return r, err
		})
	if err != nil {
		return nil, err
	}
	var ids []any
	for _, r := range recent {
		if _, ok := known[r.id]; !ok {
			ids = append(ids, r.id)
		}
	}
	read := map[int64]TrackStart{}
	if len(ids) > 0 {
		q := `SELECT activity_id, data FROM tracks WHERE athlete_id = ? AND activity_id IN (?` + strings.Repeat(",?", len(ids)-1) + `)`
		rows, err := s.rdb.QueryContext(ctx, s.rebind(q), append([]any{athleteID}, ids...)...)
		if err != nil {
			return nil, fmt.Errorf("store: recent starts: %w", err)
		}
		defer rows.Close()
		var buf []int64
		for rows.Next() {
			var id int64
			var blob []byte
			if err := rows.Scan(&id, &blob); err != nil {
				return nil, fmt.Errorf("store: recent starts: %w", err)
			}
			lat, lon, ok, b, err := firstPosition(blob, buf)
			buf = b
			read[id] = TrackStart{Lat: lat, Lon: lon, OK: ok && err == nil}
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: recent starts: %w", err)
		}
	}
	var out []StartPosition
	for _, r := range recent {
		p, ok := known[r.id]
		if !ok {
			p = read[r.id]
		}
		if !p.OK {
			continue // a damaged track says nothing about home
		}
		out = append(out, StartPosition{At: time.UnixMilli(r.ms).UTC(), Lat: p.Lat, Lon: p.Lon})
	}
	return out, nil
}

// NamedStart is an activity's start and the name it was given.
type NamedStart struct {
	At   time.Time
	Name string
}

// NamedStarts returns the start and non-empty name of the athlete's newest
// n named activities (any sport), newest first: the script names are
// written in, and the apps' default titles that name the time of day
// ("Morning Run", 傍晚跑步) at their start, hint where a history without
// positions lives (package place, ScriptHint and TitleVotes).
func (s *Store) NamedStarts(ctx context.Context, athleteID int64, n int) ([]NamedStart, error) {
	rows, err := s.rdb.QueryContext(ctx, s.rebind(`SELECT start_ms, name FROM activities
		WHERE athlete_id = ? AND name <> '' ORDER BY start_ms DESC LIMIT ?`), athleteID, n)
	if err != nil {
		return nil, fmt.Errorf("store: named starts: %w", err)
	}
	defer rows.Close()
	var out []NamedStart
	for rows.Next() {
		var ms int64
		var name string
		if err := rows.Scan(&ms, &name); err != nil {
			return nil, fmt.Errorf("store: named starts: %w", err)
		}
		out = append(out, NamedStart{At: time.UnixMilli(ms).UTC(), Name: name})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: named starts: %w", err)
	}
	return out, nil
}

// StartTimes returns the start times of the athlete's newest n activities
// (any sport), newest first: what a history without positions says about
// the runner's daily rhythm (package place, OffsetFromStarts).
func (s *Store) StartTimes(ctx context.Context, athleteID int64, n int) ([]time.Time, error) {
	rows, err := s.rdb.QueryContext(ctx, s.rebind(`SELECT start_ms FROM activities
		WHERE athlete_id = ? ORDER BY start_ms DESC LIMIT ?`), athleteID, n)
	if err != nil {
		return nil, fmt.Errorf("store: start times: %w", err)
	}
	defer rows.Close()
	var out []time.Time
	for rows.Next() {
		var ms int64
		if err := rows.Scan(&ms); err != nil {
			return nil, fmt.Errorf("store: start times: %w", err)
		}
		out = append(out, time.UnixMilli(ms).UTC())
	}
	return out, rows.Err()
}

// DeviceOffset is an activity's start and the UTC offset its recording
// device kept (rekindle.Activity.UTCOffsetS).
type DeviceOffset struct {
	At      time.Time
	OffsetS int
}

// DeviceOffsets returns the start and device UTC offset of the athlete's
// newest n activities (any sport) whose file said one, newest first: the
// strongest evidence of the athlete's time zone (package ingest).
func (s *Store) DeviceOffsets(ctx context.Context, athleteID int64, n int) ([]DeviceOffset, error) {
	rows, err := s.rdb.QueryContext(ctx, s.rebind(`SELECT start_ms, utc_offset_s FROM activities
		WHERE athlete_id = ? AND utc_offset_s IS NOT NULL ORDER BY start_ms DESC LIMIT ?`), athleteID, n)
	if err != nil {
		return nil, fmt.Errorf("store: device offsets: %w", err)
	}
	defer rows.Close()
	var out []DeviceOffset
	for rows.Next() {
		var ms, off int64
		if err := rows.Scan(&ms, &off); err != nil {
			return nil, fmt.Errorf("store: device offsets: %w", err)
		}
		out = append(out, DeviceOffset{At: time.UnixMilli(ms).UTC(), OffsetS: int(off)})
	}
	return out, rows.Err()
}
