package store

import (
	"context"
	"database/sql"
	"fmt"
	"rekindle"
)

// rowScanner is what *sql.Row and *sql.Rows offer to a scan function.
type rowScanner interface{ Scan(...any) error }

// querier is what *sql.DB and *sql.Tx offer for reading.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// queryAll runs a query and returns every row as scanned by scan; errors
// are wrapped as "store: op: …". It replaces the rows.Next loop each list
// method carried.
func queryAll[T any](ctx context.Context, q querier, op, query string, args []any, scan func(rowScanner) (T, error)) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", op, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("store: %s: %w", op, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %s: %w", op, err)
	}
	return out, nil
}

// insertRow reserves the next id of sequence seq and runs insert with the
// arguments args(id); it returns the id. Errors are wrapped as
// "store: op: …".
//
// Ids are reserved before a write transaction begins, here and in every
// write (NextIDs commits on its own; a failed write leaves a gap): reserved
// inside, the sequence's row stayed locked on PostgreSQL until the commit,
// so one athlete's write waiting (on its stamp, behind an import) held up
// every other athlete's write of that kind. Not with s.db inside the
// transaction either: a caller would then hold two connections at once,
// and enough callers together would exhaust the pool.
func (s *Store) insertRow(ctx context.Context, op, seq, insert string, args func(id int64) []any) (_ int64, err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	id, err := s.NextIDs(ctx, seq, 1)
	if err != nil {
		return 0, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store: %s: %w", op, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, s.rebind(insert), args(id)...); err != nil {
		return 0, fmt.Errorf("store: %s: %w", op, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("store: %s: %w", op, err)
	}
	return id, nil
}

// execOne runs a statement that must touch a row (an update or delete by
// id): errors are wrapped as "store: op: …", and no row touched is
// rekindle.ErrNotFound.
func (s *Store) execOne(ctx context.Context, op, query string, args ...any) error {
	res, err := s.db.ExecContext(ctx, s.rebind(query), args...)
	if err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: %s: %w", op, rekindle.ErrNotFound)
	}
	return nil
}
