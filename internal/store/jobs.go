package store

// What the durable jobs (package jobs, issue 19) read from the store
// beside River's own tables.

import (
	"context"
	"errors"
	"fmt"
)

// AthleteZone is an athlete's id and IANA time zone ("" when unknown).
type AthleteZone struct {
	ID       int64
	TimeZone string
}

// ListAthleteZones returns every athlete's id and time zone, by id (the
// nightly round).
func (s *Store) ListAthleteZones(ctx context.Context) ([]AthleteZone, error) {
	return queryAll(ctx, s.rdb, "list athlete zones", `SELECT id, time_zone FROM athletes ORDER BY id`, nil, func(rows rowScanner) (AthleteZone, error) {
		var z AthleteZone
		return z, rows.Scan(&z.ID, &z.TimeZone)
	})
}

// Ready reports whether the database answers and its schema is up to date
// (no migration pending): what /readyz checks before a replica takes
// traffic.
func (s *Store) Ready(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ready: %w", err)
	}
	p, err := s.provider()
	if err != nil {
		return err
	}
	pending, err := p.HasPending(ctx)
	if err != nil {
		return fmt.Errorf("store: ready: %w", err)
	}
	if pending {
		return errors.New("store: ready: migrations pending (run 'rekindle migrate')")
	}
	return nil
}
