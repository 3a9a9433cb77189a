package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"rekindle"
)

const athleteCols = `id, name, email, sex, birth_year, resting_hr, max_hr, threshold_pace_ms, time_zone, unit, home_lat, home_lon, created_ms, country, tz_source, locale`

func scanAthlete(row rowScanner) (*rekindle.Athlete, error) {
	a := &rekindle.Athlete{}
	var sex, unit string
	var created int64
	err := row.Scan(&a.ID, &a.Name, &a.Email, &sex, &a.BirthYear, &a.RestingHR, &a.MaxHR, &a.ThresholdPaceMS,
		&a.TimeZone, &unit, &a.HomeLat, &a.HomeLon, &created, &a.Country, &a.TimeZoneSource, &a.Locale)
	if err != nil {
		return nil, err
	}
	a.Sex, a.Unit = rekindle.Sex(sex), rekindle.Unit(unit)
	a.CreatedAt = time.UnixMilli(created).UTC()
	return a, nil
}

// DefaultAthlete returns the CLI's athlete, creating it on first use.
func (s *Store) DefaultAthlete(ctx context.Context) (_ *rekindle.Athlete, err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	a, err := scanAthlete(s.rdb.QueryRowContext(ctx, `SELECT `+athleteCols+` FROM athletes WHERE is_default = 1 ORDER BY id LIMIT 1`))
	if err == nil {
		return a, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: default athlete: %w", err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: default athlete: %w", err)
	}
	defer tx.Rollback()
	// Another process may have created it meanwhile; on PostgreSQL two
	// first uses at once both found none and made two, so they wait in
	// line here and the second finds the first's.
	if err := s.lockKey(ctx, tx, "default athlete"); err != nil {
		return nil, err
	}
	a, err = scanAthlete(tx.QueryRowContext(ctx, `SELECT `+athleteCols+` FROM athletes WHERE is_default = 1 ORDER BY id LIMIT 1`))
	if err == nil {
		return a, tx.Commit()
	}
	a = &rekindle.Athlete{Name: "me", Unit: rekindle.UnitKm, CreatedAt: s.now().UTC().Truncate(time.Millisecond)}
	if err := s.insertAthlete(ctx, tx, a, true); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: default athlete: %w", err)
	}
	return a, nil
}

// CreateAthlete stores a new athlete and sets a.ID and a.CreatedAt.
func (s *Store) CreateAthlete(ctx context.Context, a *rekindle.Athlete) (err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: create athlete: %w", err)
	}
	defer tx.Rollback()
	if a.CreatedAt.IsZero() {
		a.CreatedAt = s.now().UTC().Truncate(time.Millisecond)
	}
	if err := s.insertAthlete(ctx, tx, a, false); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *Store) insertAthlete(ctx context.Context, tx *sql.Tx, a *rekindle.Athlete, isDefault bool) error {
	id, err := s.nextIDs(ctx, tx, "athlete", 1)
	if err != nil {
		return err
	}
	if a.Unit == "" {
		a.Unit = rekindle.UnitKm
	}
	def := 0
	if isDefault {
		def = 1
	}
	_, err = tx.ExecContext(ctx, s.rebind(`INSERT INTO athletes (`+athleteCols+`, is_default) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`),
		id, a.Name, a.Email, string(a.Sex), a.BirthYear, a.RestingHR, a.MaxHR, a.ThresholdPaceMS, a.TimeZone, string(a.Unit),
		a.HomeLat, a.HomeLon, a.CreatedAt.UnixMilli(), a.Country, a.TimeZoneSource, a.Locale, def)
	if err != nil {
		return fmt.Errorf("store: create athlete: %w", err)
	}
	a.ID = id
	return nil
}

// GetAthlete returns one athlete, or an error wrapping rekindle.ErrNotFound.
func (s *Store) GetAthlete(ctx context.Context, id int64) (*rekindle.Athlete, error) {
	a, err := scanAthlete(s.rdb.QueryRowContext(ctx, s.rebind(`SELECT `+athleteCols+` FROM athletes WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: get athlete %d: %w", id, rekindle.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: get athlete %d: %w", id, err)
	}
	return a, nil
}

// UpdateAthlete saves an athlete's settings (everything but ID and CreatedAt).
func (s *Store) UpdateAthlete(ctx context.Context, a *rekindle.Athlete) error {
	res, err := s.db.ExecContext(ctx, s.rebind(`UPDATE athletes SET name = ?, email = ?, sex = ?, birth_year = ?, resting_hr = ?,
		max_hr = ?, threshold_pace_ms = ?, time_zone = ?, unit = ?, home_lat = ?, home_lon = ?, country = ?, tz_source = ?, locale = ? WHERE id = ?`),
		a.Name, a.Email, string(a.Sex), a.BirthYear, a.RestingHR, a.MaxHR, a.ThresholdPaceMS, a.TimeZone, string(a.Unit),
		a.HomeLat, a.HomeLon, a.Country, a.TimeZoneSource, a.Locale, a.ID)
	if err != nil {
		return fmt.Errorf("store: update athlete %d: %w", a.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: update athlete %d: %w", a.ID, rekindle.ErrNotFound)
	}
	return nil
}

// ListAccounts returns every account (for operators), by email.
func (s *Store) ListAccounts(ctx context.Context) ([]Account, error) {
	return queryAll(ctx, s.rdb, "list accounts", `SELECT `+accountCols+` FROM accounts ORDER BY email`, nil, scanAccount)
}

// SetAdmin grants or takes away an account's admin right.
func (s *Store) SetAdmin(ctx context.Context, athleteID int64, admin bool) error {
	return s.execOne(ctx, fmt.Sprintf("set admin %d", athleteID), `UPDATE accounts SET is_admin = ? WHERE athlete_id = ?`, boolInt(admin), athleteID)
}

// SetLocaleIfUnset records how an athlete reads dates when they have not
// chosen yet (sign-up takes it from the browser); a chosen one stays.
func (s *Store) SetLocaleIfUnset(ctx context.Context, athleteID int64, locale string) error {
	if _, err := s.db.ExecContext(ctx, s.rebind(`UPDATE athletes SET locale = ? WHERE id = ? AND locale = ''`), locale, athleteID); err != nil {
		return fmt.Errorf("store: set locale of athlete %d: %w", athleteID, err)
	}
	return nil
}
