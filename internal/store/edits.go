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

// ActivityEdit is what the runner changes on one activity by hand. A nil
// field is left as it is.
type ActivityEdit struct {
	Sport *rekindle.Sport
	Name  *string
	// Race sets the runner's race override: SetRace false leaves it,
	// SetRace true with Race nil clears it (race recognition decides again).
	SetRace bool
	Race    *bool
	// Count sets the runner's word on whether the activity counts (see
	// rekindle.Activity.CountOverride) in the same way: SetCount false
	// leaves it, true with Count nil clears it (the overlap rule decides).
	// The set-aside state itself follows when the overlap rule runs again
	// (ingest.ResolveOverlaps).
	SetCount bool
	Count    *bool
}

// Empty reports whether the edit changes nothing.
func (e ActivityEdit) Empty() bool {
	return e.Sport == nil && e.Name == nil && !e.SetRace && !e.SetCount
}

// EditActivity applies the runner's edit to one activity. A sport set here
// is marked rekindle.SportByUser and a name marked as the runner's, so that
// import and reprocess never change them back. It returns an error wrapping
// rekindle.ErrNotFound when there is no such activity.
func (s *Store) EditActivity(ctx context.Context, athleteID, id int64, e ActivityEdit) error {
	if e.Empty() {
		return nil
	}
	set, args := editSet(e, s.now())
	args = append(args, athleteID, id)
	res, err := s.db.ExecContext(ctx, s.rebind(`UPDATE activities SET `+set+` WHERE athlete_id = ? AND id = ?`), args...)
	if err != nil {
		return fmt.Errorf("store: edit activity %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: edit activity %d: %w", id, rekindle.ErrNotFound)
	}
	return nil
}

func editSet(e ActivityEdit, now time.Time) (string, []any) {
	var cols []string
	var args []any
	if e.Sport != nil {
		cols = append(cols, "sport = ?", "sport_source = ?")
		args = append(args, clean(string(*e.Sport)), rekindle.SportByUser)
	}
	if e.Name != nil {
		cols = append(cols, "name = ?", "name_source = ?")
		args = append(args, clean(*e.Name), "user")
	}
	if e.SetRace {
		cols = append(cols, "race_override = ?")
		if e.Race == nil {
			args = append(args, nil)
		} else {
			args = append(args, boolInt(*e.Race))
		}
	}
	if e.SetCount {
		cols = append(cols, "count_override = ?")
		if e.Count == nil {
			args = append(args, nil)
		} else {
			args = append(args, boolInt(*e.Count))
		}
	}
	cols = append(cols, "edited_ms = ?")
	args = append(args, now.UnixMilli())
	return strings.Join(cols, ", "), args
}

// BulkSportFilter selects the activities a bulk sport change applies to.
type BulkSportFilter struct {
	Sport    rekindle.Sport // only activities of this sport ("" any)
	From, To time.Time      // start within [From, To); zero: unbounded
	// SportSource, when set, keeps only activities whose sport was decided
	// this way.
	SportSource string
}

// SetSportWhere sets the sport of every activity that f selects (as the
// runner's choice) and returns how many changed.
func (s *Store) SetSportWhere(ctx context.Context, athleteID int64, f BulkSportFilter, sport rekindle.Sport) (int, error) {
	if sport == "" {
		return 0, fmt.Errorf("store: set sport: %w", rekindle.Errorf(rekindle.CodeInvalid, "no sport given"))
	}
	q := `UPDATE activities SET sport = ?, sport_source = ?, edited_ms = ? WHERE athlete_id = ?`
	args := []any{clean(string(sport)), rekindle.SportByUser, s.now().UnixMilli(), athleteID}
	if f.Sport != "" {
		q += ` AND sport = ?`
		args = append(args, string(f.Sport))
	}
	if f.SportSource != "" {
		q += ` AND sport_source = ?`
		args = append(args, f.SportSource)
	}
	if !f.From.IsZero() {
		q += ` AND start_ms >= ?`
		args = append(args, f.From.UnixMilli())
	}
	if !f.To.IsZero() {
		q += ` AND start_ms < ?`
		args = append(args, f.To.UnixMilli())
	}
	res, err := s.db.ExecContext(ctx, s.rebind(q), args...)
	if err != nil {
		return 0, fmt.Errorf("store: set sport: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// ActivityPageHead is ActivityHead and whether the activity is private
// (as PrivateActivities says) in one read: what the activity page shows
// besides the activity's row, without a round trip for each or reading
// every private activity and privacy zone of the athlete.
func (s *Store) ActivityPageHead(ctx context.Context, athleteID, id int64) (sportSource string, race *bool, private bool, err error) {
	var r sql.NullInt64
	var n int64
	err = s.readRow(ctx, `SELECT a.sport_source, a.race_override, `+
		`(SELECT COUNT(*) FROM private_activities p WHERE p.athlete_id = a.athlete_id AND p.activity_id = a.id) `+
		`FROM activities a WHERE a.athlete_id = ? AND a.id = ?`, athleteID, id).Scan(&sportSource, &r, &n)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, false, fmt.Errorf("store: activity %d: %w", id, rekindle.ErrNotFound)
	}
	if err != nil {
		return "", nil, false, fmt.Errorf("store: activity %d: %w", id, err)
	}
	if r.Valid {
		b := r.Int64 != 0
		race = &b
	}
	if sportSource == "" {
		sportSource = rekindle.SportFromFile
	}
	return sportSource, race, n > 0, nil
}

// ActivityHead returns how an activity's sport was decided and the runner's
// race mark (without reading its track), or an error wrapping
// rekindle.ErrNotFound.
func (s *Store) ActivityHead(ctx context.Context, athleteID, id int64) (sportSource string, race *bool, err error) {
	var r sql.NullInt64
	err = s.readRow(ctx, `SELECT sport_source, race_override FROM activities WHERE athlete_id = ? AND id = ?`, athleteID, id).Scan(&sportSource, &r)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, fmt.Errorf("store: activity %d: %w", id, rekindle.ErrNotFound)
	}
	if err != nil {
		return "", nil, fmt.Errorf("store: activity %d: %w", id, err)
	}
	if r.Valid {
		b := r.Int64 != 0
		race = &b
	}
	if sportSource == "" {
		sportSource = rekindle.SportFromFile
	}
	return sportSource, race, nil
}
