package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"
)

// Migration 00440 (a Go migration: PostgreSQL only, a no-op recorded on
// SQLite) sets how PostgreSQL stores the import's large values. By default
// every value over ~2 KB is first tried with pglz, which was most of the
// server's CPU time during an import: originals are gzip already (pglz
// works through each and keeps nothing), and the track and summary blobs
// compress by about 40% with lz4 too, at a fraction of pglz's cost.
// Only values written afterwards change; old ones stay readable as they are.
const pgStorageVersion = 440

// goMigrationNames name the Go migrations in 'rekindle migrate --status'.
var goMigrationNames = map[int64]string{pgStorageVersion: "pg_storage (PostgreSQL: originals uncompressed, tracks and summaries lz4)"}

// goMigrations are the migrations written in Go, beside the SQL files.
func (s *Store) goMigrations() []*goose.Migration {
	return []*goose.Migration{
		goose.NewGoMigration(pgStorageVersion,
			&goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error { return s.pgStorage(ctx, tx, true) }},
			&goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error { return s.pgStorage(ctx, tx, false) }}),
	}
}

// pgStorage turns the column storage of migration 00440 on (up) or back to
// PostgreSQL's defaults.
func (s *Store) pgStorage(ctx context.Context, tx *sql.Tx, up bool) error {
	if s.dialect != Postgres {
		return nil
	}
	stmts := []string{
		`ALTER TABLE originals ALTER COLUMN data SET STORAGE EXTENDED`,
		`ALTER TABLE tracks ALTER COLUMN data SET COMPRESSION DEFAULT`,
		`ALTER TABLE activities ALTER COLUMN summary SET COMPRESSION DEFAULT`,
	}
	if up {
		stmts = []string{`ALTER TABLE originals ALTER COLUMN data SET STORAGE EXTERNAL`}
		// lz4 exists when the server was built with it (PostgreSQL 14 or later).
		var lz4 bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_settings
			WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals))`).Scan(&lz4); err != nil {
			return fmt.Errorf("store: migration %d: %w", pgStorageVersion, err)
		}
		if lz4 {
			stmts = append(stmts,
				`ALTER TABLE tracks ALTER COLUMN data SET COMPRESSION lz4`,
				`ALTER TABLE activities ALTER COLUMN summary SET COMPRESSION lz4`)
		}
	}
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: migration %d: %s: %w", pgStorageVersion, q, err)
		}
	}
	return nil
}
