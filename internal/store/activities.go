package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"rekindle"
)

// ActivityFilter selects activities for ListActivities. Zero values select all.
type ActivityFilter struct {
	From, To time.Time        // start within [From, To)
	Sports   []rekindle.Sport // any of these sports
	// SportSource, when set, keeps only activities whose sport was decided
	// this way (rekindle.SportInferredSpeed …).
	SportSource string
	// SetAside says which activities to list by whether the analyses
	// count them: counted ones only (the zero value: what every analysis
	// reads), set-aside ones too, or only those.
	SetAside SetAsideFilter
	Newest   bool // newest first (default oldest first)
	Limit    int
	Offset   int
}

// SetAsideFilter selects activities by whether they are set aside.
type SetAsideFilter int

const (
	CountedOnly  SetAsideFilter = iota // what the analyses read
	WithSetAside                       // every stored activity (lists, export)
	OnlySetAside                       // the ones set aside
)

// ActivityMeta is what the store knows about an activity beyond rekindle.Activity.
type ActivityMeta struct {
	ID       int64
	Samples  int      // track samples, 0 when the activity has no track
	Channels []string // the track's channels
}

// PreparedActivity is an activity encoded for storage (the costly part, done
// by import workers in parallel before the single writer stores it).
type PreparedActivity struct {
	A       *rekindle.Activity
	Summary []byte
	Detail  string
	Track   []byte // nil when the activity has no samples
	// StartMs and EndMs are the span in Unix milliseconds (dedupe compares
	// every pair of a file's records by them).
	StartMs, EndMs int64
	// Samples and Channels describe the track, so the caller may drop
	// A.Track once prepared.
	Samples  int
	Channels []string
	// start is StartOf(Track), found by Prepare from the track's columns
	// (startSet): see TrackStart.
	start    TrackStart
	startSet bool
}

// TrackStart is StartOf(p.Track), the first position of its encoded track:
// without decoding the blob when Prepare made p.
func (p *PreparedActivity) TrackStart() TrackStart {
	if p.startSet {
		return p.start
	}
	return StartOf(p.Track)
}

// detail is the JSON of what only GetActivity returns.
type detail struct {
	Laps     []rekindle.Lap    `json:"laps,omitempty"`
	Lengths  []rekindle.Length `json:"lengths,omitempty"`
	Warnings []string          `json:"warnings,omitempty"`
}

func finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// Prepare encodes an activity for storage.
func Prepare(a *rekindle.Activity) (*PreparedActivity, error) {
	p := &PreparedActivity{A: a}
	p.Summary = encodeSummary(&a.Summary, &a.Totals)
	d := detail{Lengths: a.Lengths, Warnings: a.Warnings}
	if len(a.Laps) > 0 {
		d.Laps = make([]rekindle.Lap, len(a.Laps))
		for i, l := range a.Laps {
			for _, f := range []*float64{&l.ElapsedS, &l.TimerS, &l.DistanceM, &l.AvgHR, &l.MaxHR, &l.AvgCadence, &l.AvgPowerW, &l.Calories, &l.AscentM} {
				*f = finite(*f)
			}
			d.Laps[i] = l
		}
	}
	for i := range d.Lengths {
		d.Lengths[i].ElapsedS = finite(d.Lengths[i].ElapsedS)
	}
	if d.Laps != nil || d.Lengths != nil || d.Warnings != nil {
		j, err := json.Marshal(d)
		if err != nil {
			return nil, fmt.Errorf("store: prepare activity: %w", err)
		}
		p.Detail = string(j)
	}
	if a.Track.Len() > 0 {
		b, err := EncodeTrack(&a.Track)
		if err != nil {
			return nil, fmt.Errorf("store: prepare activity: %w", err)
		}
		p.Track = b
		p.start, p.startSet = trackStart(&a.Track), true
	}
	p.StartMs, p.EndMs = a.Start.UnixMilli(), activityEnd(a).UnixMilli()
	p.Samples, p.Channels = a.Track.Len(), a.Track.Channels()
	return p, nil
}

// activityEnd is the start plus the longest of the known durations.
func activityEnd(a *rekindle.Activity) time.Time {
	d := max(finite(a.Summary.ElapsedS), finite(a.Totals.ElapsedS))
	if n := len(a.Track.Time); n > 0 {
		d = max(d, float64(a.Track.Time[n-1]-a.Start.UnixMilli())/1000)
	}
	return a.Start.Add(time.Duration(d * float64(time.Second)))
}

const activityCols = `id, start_ms, sport, sub_sport, name, description, device, gear, rpe, source_format, source_file,
	source_sha256, source_index, multisport, multisport_leg, samples, channels, summary, sport_source, race_override,
	utc_offset_s, set_aside, set_aside_for, count_override`

func (s *Store) scanActivity(rows rowScanner, athleteID int64, extra ...any) (*rekindle.Activity, *ActivityMeta, error) {
	a := &rekindle.Activity{AthleteID: athleteID}
	m := &ActivityMeta{}
	var startMs int64
	var sport, format, channels string
	var sum []byte
	var race, utcOff, count sql.NullInt64
	var aside int64
	dest := []any{&a.ID, &startMs, &sport, &a.SubSport, &a.Name, &a.Description, &a.Device, &a.Gear, &a.RPE, &format,
		&a.Source.File, &a.Source.SHA256, &a.Source.Index, &a.Multisport, &a.MultisportLeg, &m.Samples, &channels, &sum,
		&a.SportSource, &race, &utcOff, &aside, &a.SetAsideFor, &count}
	if err := rows.Scan(append(dest, extra...)...); err != nil {
		return nil, nil, err
	}
	if race.Valid {
		r := race.Int64 != 0
		a.RaceOverride = &r
	}
	if utcOff.Valid {
		o := int(utcOff.Int64)
		a.UTCOffsetS = &o
	}
	a.SetAside = aside != 0
	if count.Valid {
		c := count.Int64 != 0
		a.CountOverride = &c
	}
	a.Start = time.UnixMilli(startMs).UTC()
	a.Sport, a.Source.Format = rekindle.Sport(sport), rekindle.SourceFormat(format)
	m.ID = a.ID
	if channels != "" {
		m.Channels = strings.Split(channels, ",")
	}
	if err := decodeSummary(sum, &a.Summary, &a.Totals); err != nil {
		return nil, nil, fmt.Errorf("activity %d: %w", a.ID, err)
	}
	return a, m, nil
}

// ListActivities returns an athlete's activities with their summaries and
// totals but without tracks, laps or lengths: by default only those the
// analyses count (ActivityFilter.SetAside), the one path every analysis
// reads the history through.
func (s *Store) ListActivities(ctx context.Context, athleteID int64, f ActivityFilter) ([]*rekindle.Activity, error) {
	acts, _, err := s.listActivities(ctx, athleteID, f)
	return acts, err
}

const activityHeadsQuery = `SELECT id, start_ms, sport, name, distance_m FROM activities
	WHERE athlete_id = ? AND start_ms < ? AND set_aside = 0 ORDER BY start_ms, id`

// ListActivityHeads returns an athlete's counted activities (none set
// aside) that start before to (all when zero), oldest first, with only their id, start, sport, name
// and distance: the few columns a view over the whole history (route
// groups) needs, read without decoding summaries.
func (s *Store) ListActivityHeads(ctx context.Context, athleteID int64, to time.Time) ([]*rekindle.Activity, error) {
	if to.IsZero() {
		to = time.UnixMilli(math.MaxInt64)
	}
	return queryAll(ctx, s.rdb, "list activity heads", s.rebind(activityHeadsQuery), []any{athleteID, to.UnixMilli()}, func(rows rowScanner) (*rekindle.Activity, error) {
		a := &rekindle.Activity{AthleteID: athleteID}
		var startMs int64
		var sport string
		if err := rows.Scan(&a.ID, &startMs, &sport, &a.Name, &a.Summary.DistanceM); err != nil {
			return nil, err
		}
		a.Start, a.Sport = time.UnixMilli(startMs).UTC(), rekindle.Sport(sport)
		return a, nil
	})
}

// GetActivityHeads returns the athlete's activities of ids with only their
// id, start, sport and name (what a link to one is labelled with), in the
// order of ids, leaving out ids the athlete has not: one query, no summary,
// detail or track read. An upload names each file's activities with these
// (athlete.IngestImporter), where it read each whole activity with its
// track before.
func (s *Store) GetActivityHeads(ctx context.Context, athleteID int64, ids []int64) ([]*rekindle.Activity, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	q := `SELECT id, start_ms, sport, name FROM activities WHERE athlete_id = ? AND id IN (?` + strings.Repeat(`,?`, len(ids)-1) + `)`
	args := make([]any, 0, len(ids)+1)
	args = append(args, athleteID)
	for _, id := range ids {
		args = append(args, id)
	}
	got, err := queryAll(ctx, s.rdb, "get activity heads", s.rebind(q), args, func(rows rowScanner) (*rekindle.Activity, error) {
		a := &rekindle.Activity{AthleteID: athleteID}
		var startMs int64
		var sport string
		if err := rows.Scan(&a.ID, &startMs, &sport, &a.Name); err != nil {
			return nil, err
		}
		a.Start, a.Sport = time.UnixMilli(startMs).UTC(), rekindle.Sport(sport)
		return a, nil
	})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*rekindle.Activity, len(got))
	for _, a := range got {
		byID[a.ID] = a
	}
	out := make([]*rekindle.Activity, 0, len(got))
	for _, id := range ids {
		if a, ok := byID[id]; ok {
			out = append(out, a)
			delete(byID, id) // an id asked twice is returned once
		}
	}
	return out, nil
}

// ListActivitiesMeta is ListActivities plus each activity's track facts.
func (s *Store) ListActivitiesMeta(ctx context.Context, athleteID int64, f ActivityFilter) ([]*rekindle.Activity, []*ActivityMeta, error) {
	return s.listActivities(ctx, athleteID, f)
}

func (s *Store) listActivities(ctx context.Context, athleteID int64, f ActivityFilter) ([]*rekindle.Activity, []*ActivityMeta, error) {
	q := `SELECT ` + activityCols + ` FROM activities WHERE athlete_id = ?`
	args := []any{athleteID}
	switch f.SetAside {
	case CountedOnly:
		q += ` AND set_aside = 0`
	case OnlySetAside:
		q += ` AND set_aside <> 0`
	}
	if !f.From.IsZero() {
		q += ` AND start_ms >= ?`
		args = append(args, f.From.UnixMilli())
	}
	if !f.To.IsZero() {
		q += ` AND start_ms < ?`
		args = append(args, f.To.UnixMilli())
	}
	if len(f.Sports) > 0 {
		q += ` AND sport IN (?` + strings.Repeat(`,?`, len(f.Sports)-1) + `)`
		for _, sp := range f.Sports {
			args = append(args, string(sp))
		}
	}
	if f.SportSource != "" {
		q += ` AND sport_source = ?`
		args = append(args, f.SportSource)
	}
	if f.Newest {
		q += ` ORDER BY start_ms DESC, id DESC`
	} else {
		q += ` ORDER BY start_ms, id`
	}
	if f.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d OFFSET %d`, f.Limit, max(f.Offset, 0))
	}
	rows, err := s.rdb.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, nil, fmt.Errorf("store: list activities: %w", err)
	}
	defer rows.Close()
	var acts []*rekindle.Activity
	var metas []*ActivityMeta
	for rows.Next() {
		a, m, err := s.scanActivity(rows, athleteID)
		if err != nil {
			return nil, nil, fmt.Errorf("store: list activities: %w", err)
		}
		acts = append(acts, a)
		metas = append(metas, m)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("store: list activities: %w", err)
	}
	return acts, metas, nil
}

// GetActivity returns one activity with its track, laps and lengths, or an
// error wrapping rekindle.ErrNotFound.
func (s *Store) GetActivity(ctx context.Context, athleteID, id int64) (*rekindle.Activity, error) {
	a, _, err := s.GetActivityMeta(ctx, athleteID, id)
	return a, err
}

const getActivityQuery = `SELECT ` + activityCols + `, detail, t.data FROM activities a
		LEFT JOIN tracks t ON t.athlete_id = a.athlete_id AND t.activity_id = a.id
		WHERE a.athlete_id = ? AND a.id = ?`

const getActivityRowQuery = `SELECT ` + activityCols + `, detail FROM activities WHERE athlete_id = ? AND id = ?`

// GetActivityRow is GetActivityMeta without the track: the activity's row
// (summary, laps, lengths, warnings), its meta saying how many samples of
// which channels the track holds, and no track read or decoded.
func (s *Store) GetActivityRow(ctx context.Context, athleteID, id int64) (*rekindle.Activity, *ActivityMeta, error) {
	return s.getActivity(ctx, athleteID, id, false)
}

// GetActivityMeta is GetActivity plus the track facts.
func (s *Store) GetActivityMeta(ctx context.Context, athleteID, id int64) (*rekindle.Activity, *ActivityMeta, error) {
	return s.getActivity(ctx, athleteID, id, true)
}

func (s *Store) getActivity(ctx context.Context, athleteID, id int64, track bool) (*rekindle.Activity, *ActivityMeta, error) {
	var det string
	var blob []byte
	var a *rekindle.Activity
	var m *ActivityMeta
	var err error
	if track {
		a, m, err = s.scanActivity(s.readRow(ctx, getActivityQuery, athleteID, id), athleteID, &det, &blob)
	} else {
		a, m, err = s.scanActivity(s.readRow(ctx, getActivityRowQuery, athleteID, id), athleteID, &det)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, fmt.Errorf("store: get activity %d: %w", id, rekindle.ErrNotFound)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("store: get activity %d: %w", id, err)
	}
	if det != "" {
		var d detail
		if err := json.Unmarshal([]byte(det), &d); err != nil {
			return nil, nil, fmt.Errorf("store: get activity %d: detail: %w", id, err)
		}
		a.Laps, a.Lengths, a.Warnings = d.Laps, d.Lengths, d.Warnings
	}
	if len(blob) > 0 {
		t, err := DecodeTrack(blob)
		if err != nil {
			return nil, nil, fmt.Errorf("store: get activity %d: %w", id, err)
		}
		a.Track = t
	}
	return a, m, nil
}

// CountActivities returns how many activities an athlete has.
func (s *Store) CountActivities(ctx context.Context, athleteID int64) (int, error) {
	var n int
	if err := s.rdb.QueryRowContext(ctx, s.rebind(`SELECT COUNT(*) FROM activities WHERE athlete_id = ?`), athleteID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count activities: %w", err)
	}
	return n, nil
}

// SaveActivity stores one new activity (Summary as given) and sets a.ID and
// a.AthleteID. Import uses WriteBatch instead.
func (s *Store) SaveActivity(ctx context.Context, athleteID int64, a *rekindle.Activity) error {
	p, err := Prepare(a)
	if err != nil {
		return err
	}
	return s.WriteBatch(ctx, athleteID, &Batch{New: []*PreparedActivity{p}})
}

// DeleteActivity removes one activity with its track and duplicate records.
func (s *Store) DeleteActivity(ctx context.Context, athleteID, id int64) (err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: delete activity %d: %w", id, err)
	}
	defer tx.Rollback()
	for _, q := range []string{
		`DELETE FROM duplicates WHERE athlete_id = ? AND activity_id = ?`,
		`DELETE FROM tracks WHERE athlete_id = ? AND activity_id = ?`,
		`DELETE FROM activities WHERE athlete_id = ? AND id = ?`,
	} {
		if _, err := tx.ExecContext(ctx, s.rebind(q), athleteID, id); err != nil {
			return fmt.Errorf("store: delete activity %d: %w", id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: delete activity %d: %w", id, err)
	}
	return nil
}

// Candidate is a stored activity that may be the same as an incoming one.
type Candidate struct {
	ID        int64
	Sport     rekindle.Sport
	StartMs   int64
	EndMs     int64
	DistanceM float64
	Samples   int
	Channels  int
	Source    rekindle.Source
}

// overlapBack is how far before a span's start a stored activity may begin
// and still be a candidate (the index on start_ms bounds the scan).
const overlapBack = 2 * 86400 * 1000

const candidateCols = `a.id, a.sport, a.start_ms, a.end_ms, a.distance_m, a.samples, a.channels,
		a.source_format, a.source_file, a.source_sha256, a.source_index`

func scanCandidate(rows rowScanner, lead ...any) (Candidate, error) {
	var c Candidate
	var sport, channels, format string
	if err := rows.Scan(append(lead, &c.ID, &sport, &c.StartMs, &c.EndMs, &c.DistanceM, &c.Samples, &channels, &format,
		&c.Source.File, &c.Source.SHA256, &c.Source.Index)...); err != nil {
		return c, err
	}
	c.Sport, c.Source.Format = rekindle.Sport(sport), rekindle.SourceFormat(format)
	if channels != "" {
		c.Channels = strings.Count(channels, ",") + 1
	}
	return c, nil
}

const overlappingQuery = `SELECT ` + candidateCols + ` FROM activities a
	WHERE a.athlete_id = ? AND a.start_ms <= ? AND a.end_ms >= ? AND a.start_ms >= ? ORDER BY a.start_ms, a.id`

// Overlapping returns the athlete's activities whose time span meets
// [startMs, endMs], by start (then id).
func (s *Store) Overlapping(ctx context.Context, athleteID, startMs, endMs int64) ([]Candidate, error) {
	// Run once per incoming activity: kept prepared on SQLite.
	return queryAll(ctx, hotReads{s}, "overlapping activities", overlappingQuery,
		[]any{athleteID, endMs, startMs, startMs - overlapBack},
		func(rows rowScanner) (Candidate, error) { return scanCandidate(rows) })
}

// Span is the time span of an incoming activity, in Unix ms.
type Span struct{ StartMs, EndMs int64 }

// overlapChunk is how many spans one OverlappingMany query takes (SQLite
// binds three parameters per span).
const overlapChunk = 500

// OverlappingMany is Overlapping for many spans in one query per
// overlapChunk spans (one round trip on PostgreSQL instead of one per span):
// out[i] are the candidates of spans[i], in Overlapping's order.
func (s *Store) OverlappingMany(ctx context.Context, athleteID int64, spans []Span) ([][]Candidate, error) {
	out := make([][]Candidate, len(spans))
	for lo := 0; lo < len(spans); lo += overlapChunk {
		chunk := spans[lo:min(len(spans), lo+overlapChunk)]
		q, args := s.overlappingManyQuery(athleteID, chunk)
		type hit struct {
			i int
			c Candidate
		}
		hits, err := queryAll(ctx, s.rdb, "overlapping activities", q, args, func(rows rowScanner) (hit, error) {
			var h hit
			c, err := scanCandidate(rows, &h.i)
			h.c = c
			return h, err
		})
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			if h.i < 0 || h.i >= len(chunk) {
				return nil, fmt.Errorf("store: overlapping activities: span %d of %d", h.i, len(chunk))
			}
			out[lo+h.i] = append(out[lo+h.i], h.c)
		}
	}
	return out, nil
}

// overlappingManyQuery is OverlappingMany's query for one chunk of spans.
func (s *Store) overlappingManyQuery(athleteID int64, chunk []Span) (string, []any) {
	var q string
	var args []any
	if s.dialect == Postgres {
		starts, ends := make([]int64, len(chunk)), make([]int64, len(chunk))
		for i, sp := range chunk {
			starts[i], ends[i] = sp.StartMs, sp.EndMs
		}
		q = `SELECT w.i - 1, ` + candidateCols + ` FROM unnest($2::bigint[], $3::bigint[]) WITH ORDINALITY AS w(s, e, i)
		JOIN activities a ON a.athlete_id = $1 AND a.start_ms <= w.e AND a.end_ms >= w.s AND a.start_ms >= w.s - $4
		ORDER BY w.i, a.start_ms, a.id`
		args = []any{athleteID, starts, ends, int64(overlapBack)}
	} else {
		var b strings.Builder
		b.WriteString(`WITH w(i, s, e) AS (VALUES `)
		args = make([]any, 0, 3*len(chunk)+2)
		for i, sp := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(?, ?, ?)")
			args = append(args, int64(i), sp.StartMs, sp.EndMs)
		}
		b.WriteString(`) SELECT w.i, ` + candidateCols + ` FROM w JOIN activities a ON a.athlete_id = ? AND a.start_ms <= w.e
		AND a.end_ms >= w.s AND a.start_ms >= w.s - ? ORDER BY w.i, a.start_ms, a.id`)
		q = b.String()
		args = append(args, athleteID, int64(overlapBack))
	}
	return q, args
}
