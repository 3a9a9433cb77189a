package store

// Gear: shoes and bikes and the activities assigned to them by hand
// (migration 00070). Mileage is computed by package gear.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/gear"
)

const gearCols = `id, kind, name, brand, retire_at_m, start_m, default_for, added_ms, retired_ms`

func scanGear(row rowScanner) (gear.Gear, error) {
	var g gear.Gear
	var kind, defaults string
	var added, retired int64
	if err := row.Scan(&g.ID, &kind, &g.Name, &g.Brand, &g.RetireAtM, &g.StartM, &defaults, &added, &retired); err != nil {
		return g, err
	}
	g.Kind = gear.Kind(kind)
	for _, s := range strings.Split(defaults, ",") {
		if s != "" {
			g.DefaultFor = append(g.DefaultFor, rekindle.Sport(s))
		}
	}
	g.Added, g.Retired = fromMS(added), fromMS(retired)
	return g, nil
}

func gearDefaults(g *gear.Gear) string {
	s := make([]string, len(g.DefaultFor))
	for i, sp := range g.DefaultFor {
		s[i] = string(sp)
	}
	return strings.Join(s, ",")
}

// SaveGear stores a piece of gear (updating it when g.ID is set) and sets g.ID.
func (s *Store) SaveGear(ctx context.Context, athleteID int64, g *gear.Gear) error {
	if err := g.Validate(); err != nil {
		return fmt.Errorf("store: save gear: %w", err)
	}
	args := []any{string(g.Kind), clean(g.Name), clean(g.Brand), g.RetireAtM, g.StartM, gearDefaults(g), ms(g.Added), ms(g.Retired)}
	if g.ID != 0 {
		res, err := s.db.ExecContext(ctx, s.rebind(`UPDATE gear SET kind = ?, name = ?, brand = ?, retire_at_m = ?, start_m = ?, default_for = ?,
			added_ms = ?, retired_ms = ? WHERE athlete_id = ? AND id = ?`), append(args, athleteID, g.ID)...)
		if err != nil {
			return fmt.Errorf("store: update gear %d: %w", g.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("store: update gear %d: %w", g.ID, rekindle.ErrNotFound)
		}
		return nil
	}
	id, err := s.insertRow(ctx, "add gear", "gear", `INSERT INTO gear (kind, name, brand, retire_at_m, start_m, default_for, added_ms, retired_ms, athlete_id, id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, func(id int64) []any {
		return append(args, athleteID, id)
	})
	if err != nil {
		return err
	}
	g.ID = id
	return nil
}

// GetGear returns one piece of gear, or an error wrapping rekindle.ErrNotFound.
func (s *Store) GetGear(ctx context.Context, athleteID, id int64) (gear.Gear, error) {
	g, err := scanGear(s.rdb.QueryRowContext(ctx, s.rebind(`SELECT `+gearCols+` FROM gear WHERE athlete_id = ? AND id = ?`), athleteID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return g, fmt.Errorf("store: gear %d: %w", id, rekindle.ErrNotFound)
	}
	if err != nil {
		return g, fmt.Errorf("store: gear %d: %w", id, err)
	}
	return g, nil
}

// ListGear returns an athlete's gear, oldest first.
func (s *Store) ListGear(ctx context.Context, athleteID int64) ([]gear.Gear, error) {
	return queryAll(ctx, s.rdb, "list gear", s.rebind(`SELECT `+gearCols+` FROM gear WHERE athlete_id = ? ORDER BY id`), []any{athleteID}, scanGear)
}

// DeleteGear deletes a piece of gear and its manual assignments.
func (s *Store) DeleteGear(ctx context.Context, athleteID, id int64) (err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: delete gear %d: %w", id, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, s.rebind(`DELETE FROM gear_assignments WHERE athlete_id = ? AND gear_id = ?`), athleteID, id); err != nil {
		return fmt.Errorf("store: delete gear %d: %w", id, err)
	}
	res, err := tx.ExecContext(ctx, s.rebind(`DELETE FROM gear WHERE athlete_id = ? AND id = ?`), athleteID, id)
	if err != nil {
		return fmt.Errorf("store: delete gear %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: delete gear %d: %w", id, rekindle.ErrNotFound)
	}
	return tx.Commit()
}

// AssignGear assigns activities to a piece of gear by hand (gearID 0 removes
// their manual assignment, so name and default rules apply again).
func (s *Store) AssignGear(ctx context.Context, athleteID, gearID int64, activityIDs []int64) (err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: assign gear: %w", err)
	}
	defer tx.Rollback()
	if gearID != 0 {
		var one int
		err := tx.QueryRowContext(ctx, s.rebind(`SELECT 1 FROM gear WHERE athlete_id = ? AND id = ?`), athleteID, gearID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: assign gear %d: %w", gearID, rekindle.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("store: assign gear %d: %w", gearID, err)
		}
	}
	for _, a := range activityIDs {
		var one int
		err := tx.QueryRowContext(ctx, s.rebind(`SELECT 1 FROM activities WHERE athlete_id = ? AND id = ?`), athleteID, a).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: assign gear: activity %d: %w", a, rekindle.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("store: assign gear: %w", err)
		}
		if _, err := tx.ExecContext(ctx, s.rebind(`DELETE FROM gear_assignments WHERE athlete_id = ? AND activity_id = ?`), athleteID, a); err != nil {
			return fmt.Errorf("store: assign gear: %w", err)
		}
		if gearID == 0 {
			continue
		}
		// An upsert: on PostgreSQL another assignment of the activity
		// committed since the DELETE above was a duplicate key.
		if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO gear_assignments (athlete_id, activity_id, gear_id) VALUES (?, ?, ?)
			ON CONFLICT (athlete_id, activity_id) DO UPDATE SET gear_id = excluded.gear_id`), athleteID, a, gearID); err != nil {
			return fmt.Errorf("store: assign gear: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: assign gear: %w", err)
	}
	return nil
}

// GearAssignments returns the athlete's manual assignments: activity id → gear id.
func (s *Store) GearAssignments(ctx context.Context, athleteID int64) (map[int64]int64, error) {
	rows, err := s.rdb.QueryContext(ctx, s.rebind(`SELECT activity_id, gear_id FROM gear_assignments WHERE athlete_id = ?`), athleteID)
	if err != nil {
		return nil, fmt.Errorf("store: gear assignments: %w", err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var a, g int64
		if err := rows.Scan(&a, &g); err != nil {
			return nil, fmt.Errorf("store: gear assignments: %w", err)
		}
		out[a] = g
	}
	return out, rows.Err()
}

// GearMileage is every piece of the athlete's gear with what it has carried
// them by asOf (zero: all activities): the store's side of package gear.
func (s *Store) GearMileage(ctx context.Context, athleteID int64, asOf time.Time) ([]gear.Mileage, error) {
	return s.gearMileage(ctx, athleteID, asOf, func() ([]gear.Use, error) {
		acts, err := s.ListActivities(ctx, athleteID, ActivityFilter{To: asOf})
		return GearUses(acts), err
	})
}

// GearMileageOf is GearMileage over a history already read (any activities
// of the athlete: those from asOf on are left out), so that a view that has
// the history reads only the gear from the store.
func (s *Store) GearMileageOf(ctx context.Context, athleteID int64, acts []rekindle.Activity, asOf time.Time) ([]gear.Mileage, error) {
	return s.gearMileage(ctx, athleteID, asOf, func() ([]gear.Use, error) { return gearUsesOf(acts), nil })
}

func (s *Store) gearMileage(ctx context.Context, athleteID int64, asOf time.Time, uses func() ([]gear.Use, error)) ([]gear.Mileage, error) {
	g, err := s.ListGear(ctx, athleteID)
	if err != nil || len(g) == 0 {
		return nil, err
	}
	manual, err := s.GearAssignments(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	u, err := uses()
	if err != nil {
		return nil, err
	}
	return gear.Tally(g, u, manual, asOf), nil
}

func gearUsesOf(acts []rekindle.Activity) []gear.Use {
	uses := make([]gear.Use, len(acts))
	for i := range acts {
		a := &acts[i]
		uses[i] = gear.Use{ActivityID: a.ID, Start: a.Start, Sport: a.Sport, DistanceM: a.Summary.DistanceM, GearName: a.Gear}
	}
	return uses
}

// GearUses turns activities into what gear counting needs.
func GearUses(acts []*rekindle.Activity) []gear.Use {
	uses := make([]gear.Use, len(acts))
	for i, a := range acts {
		uses[i] = gear.Use{ActivityID: a.ID, Start: a.Start, Sport: a.Sport, DistanceM: a.Summary.DistanceM, GearName: a.Gear}
	}
	return uses
}
