package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// RouteResult reads the athlete's stored route result when it was kept
// for key (ok false otherwise: none, or one of another key).
func (s *Store) RouteResult(ctx context.Context, athleteID int64, key string) (data []byte, ok bool, err error) {
	err = s.rdb.QueryRowContext(ctx, s.rebind(`SELECT data FROM route_results WHERE athlete_id = ? AND result_key = ?`), athleteID, key).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("store: route result %d: %w", athleteID, err)
	}
	return data, true, nil
}

// PutRouteResult keeps the athlete's route result for key, replacing the
// one kept before.
func (s *Store) PutRouteResult(ctx context.Context, athleteID int64, key string, data []byte) error {
	_, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO route_results (athlete_id, result_key, data) VALUES (?, ?, ?)
		ON CONFLICT (athlete_id) DO UPDATE SET result_key = excluded.result_key, data = excluded.data`), athleteID, key, data)
	if err != nil {
		return fmt.Errorf("store: put route result %d: %w", athleteID, err)
	}
	return nil
}
