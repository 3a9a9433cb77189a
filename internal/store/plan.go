package store

// The training plan: planned sessions per athlete and calendar day
// (migration 00074), see package plan.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"rekindle"
	"rekindle/internal/coach"
	"rekindle/internal/plan"
)

const planCols = `id, day, sport, kind, distance_m, duration_s, note, experiment_id, pace_ms, start_time, place, route`

// AddPlanned stores new planned sessions (setting their ids). Sessions from a
// spark idea (ExperimentID set) replace the sessions of earlier ideas on the
// same days; sessions written by hand are never replaced. All or nothing.
func (s *Store) AddPlanned(ctx context.Context, athleteID int64, ss []plan.Session) error {
	return s.addPlanned(ctx, athleteID, 0, ss)
}

// CoachAddPlanned is AddPlanned by coach coachID: refused (coach.CheckAccess)
// unless their link to the athlete, read inside the write's transaction
// (shared-locked on PostgreSQL; SQLite's write transactions run one at a
// time), allows edit_plan. Checked before the call instead, a revoke
// committed in between let the coach's session in.
func (s *Store) CoachAddPlanned(ctx context.Context, athleteID, coachID int64, ss []plan.Session) error {
	if coachID == 0 || coachID == athleteID {
		return fmt.Errorf("store: plan: %w", coach.CheckAccess(nil, coach.ScopeEditPlan))
	}
	return s.addPlanned(ctx, athleteID, coachID, ss)
}

// addPlanned is AddPlanned, by the coach coachID when not 0.
func (s *Store) addPlanned(ctx context.Context, athleteID, coachID int64, ss []plan.Session) (err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	for i := range ss {
		if err := ss[i].Validate(); err != nil {
			return fmt.Errorf("store: plan %s: %w", ss[i].Day, err)
		}
	}
	if len(ss) == 0 {
		return nil
	}
	// Reserved before the transaction (insertRow).
	id, err := s.NextIDs(ctx, "planned_session", len(ss))
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: plan: %w", err)
	}
	defer tx.Rollback()
	// The sessions an idea replaces are read, then deleted: on PostgreSQL
	// two at once read the same plan and both added theirs (or deadlocked
	// on the sequence), so the athlete's plan writes wait in line.
	if err := s.lockAthlete(ctx, tx, athleteID); err != nil {
		return err
	}
	if err := s.coachMayEditPlan(ctx, tx, athleteID, coachID); err != nil {
		return fmt.Errorf("store: plan: %w", err)
	}
	var fromIdea []plan.Session
	for _, x := range ss {
		if x.ExperimentID != 0 {
			fromIdea = append(fromIdea, x)
		}
	}
	if len(fromIdea) > 0 {
		first, last := fromIdea[0].Day, fromIdea[0].Day
		for _, x := range fromIdea {
			first, last = min(first, x.Day), max(last, x.Day)
		}
		existing, err := s.listPlanned(ctx, tx, athleteID, first, last)
		if err != nil {
			return err
		}
		for _, id := range plan.Replace(existing, fromIdea) {
			if _, err := tx.ExecContext(ctx, s.rebind(`DELETE FROM planned_sessions WHERE athlete_id = ? AND id = ?`), athleteID, id); err != nil {
				return fmt.Errorf("store: plan: %w", err)
			}
		}
	}
	now := s.now().UnixMilli()
	for i := range ss {
		x := &ss[i]
		rt := ""
		if x.Route != nil {
			b, err := json.Marshal(x.Route)
			if err != nil {
				return fmt.Errorf("store: plan %s: route: %w", x.Day, err)
			}
			rt = string(b)
		}
		if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO planned_sessions (athlete_id, id, day, sport, kind, distance_m, duration_s, note, experiment_id, created_ms,
			pace_ms, start_time, place, route)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), athleteID, id+int64(i), x.Day, string(x.Sport), string(x.Kind), x.DistanceM, x.DurationS, clean(x.Note), x.ExperimentID, now,
			finite(x.PaceMS), x.Time, clean(x.Place), rt); err != nil {
			return fmt.Errorf("store: plan %s: %w", x.Day, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: plan: %w", err)
	}
	for i := range ss {
		ss[i].ID = id + int64(i)
	}
	return nil
}

// ListPlanned returns the planned sessions from day first to day last
// (YYYY-MM-DD, inclusive; "" is unbounded), by day.
func (s *Store) ListPlanned(ctx context.Context, athleteID int64, first, last string) ([]plan.Session, error) {
	return s.listPlanned(ctx, s.rdb, athleteID, first, last)
}

func (s *Store) listPlanned(ctx context.Context, x execer, athleteID int64, first, last string) ([]plan.Session, error) {
	q, args := `SELECT `+planCols+` FROM planned_sessions WHERE athlete_id = ?`, []any{athleteID}
	if first != "" {
		q, args = q+` AND day >= ?`, append(args, first)
	}
	if last != "" {
		q, args = q+` AND day <= ?`, append(args, last)
	}
	return queryAll(ctx, x, "list plan", s.rebind(q+` ORDER BY day, id`), args, scanPlanned)
}

func scanPlanned(rows rowScanner) (plan.Session, error) {
	var p plan.Session
	var sport, kind, rt string
	if err := rows.Scan(&p.ID, &p.Day, &sport, &kind, &p.DistanceM, &p.DurationS, &p.Note, &p.ExperimentID, &p.PaceMS, &p.Time, &p.Place, &rt); err != nil {
		return p, err
	}
	p.Sport, p.Kind = rekindle.Sport(sport), plan.Kind(kind)
	if rt != "" {
		p.Route = &plan.Route{}
		if err := json.Unmarshal([]byte(rt), p.Route); err != nil {
			return p, fmt.Errorf("planned session %d: route: %w", p.ID, err)
		}
	}
	return p, nil
}

// GetPlanned returns one planned session, or an error wrapping
// rekindle.ErrNotFound.
func (s *Store) GetPlanned(ctx context.Context, athleteID, id int64) (plan.Session, error) {
	got, err := queryAll(ctx, s.rdb, "get planned session", s.rebind(`SELECT `+planCols+` FROM planned_sessions WHERE athlete_id = ? AND id = ?`), []any{athleteID, id}, scanPlanned)
	if err != nil {
		return plan.Session{}, err
	}
	if len(got) == 0 {
		return plan.Session{}, fmt.Errorf("store: planned session %d: %w", id, rekindle.ErrNotFound)
	}
	return got[0], nil
}

// DeletePlanned deletes one planned session.
func (s *Store) DeletePlanned(ctx context.Context, athleteID, id int64) error {
	return s.execOne(ctx, fmt.Sprintf("delete planned session %d", id), `DELETE FROM planned_sessions WHERE athlete_id = ? AND id = ?`, athleteID, id)
}

// CoachDeletePlanned is DeletePlanned by coach coachID, refused unless
// their link, read inside the delete's transaction, allows edit_plan (see
// CoachAddPlanned).
func (s *Store) CoachDeletePlanned(ctx context.Context, athleteID, coachID, id int64) (err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	op := fmt.Sprintf("delete planned session %d", id)
	if coachID == 0 || coachID == athleteID {
		return fmt.Errorf("store: %s: %w", op, coach.CheckAccess(nil, coach.ScopeEditPlan))
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	defer tx.Rollback()
	if err := s.coachMayEditPlan(ctx, tx, athleteID, coachID); err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	res, err := tx.ExecContext(ctx, s.rebind(`DELETE FROM planned_sessions WHERE athlete_id = ? AND id = ?`), athleteID, id)
	if err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: %s: %w", op, rekindle.ErrNotFound)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	return nil
}

// coachMayEditPlan checks, inside tx, that coachID (0: the athlete
// themself) may edit the athlete's plan; the link stays shared-locked on
// PostgreSQL until tx ends, so a revoke waits for the edit or is seen by it.
func (s *Store) coachMayEditPlan(ctx context.Context, tx *sql.Tx, athleteID, coachID int64) error {
	if coachID == 0 {
		return nil
	}
	l, err := s.lockedLink(ctx, tx, athleteID, coachID)
	if err != nil {
		return err
	}
	return coach.CheckAccess(l, coach.ScopeEditPlan)
}

// DeletePlannedFrom deletes the sessions an accepted idea wrote from day
// first on (an experiment given up); it returns how many.
func (s *Store) DeletePlannedFrom(ctx context.Context, athleteID, experimentID int64, first string) (int, error) {
	res, err := s.db.ExecContext(ctx, s.rebind(`DELETE FROM planned_sessions WHERE athlete_id = ? AND experiment_id = ? AND day >= ?`), athleteID, experimentID, first)
	if err != nil {
		return 0, fmt.Errorf("store: delete plan of experiment %d: %w", experimentID, err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
