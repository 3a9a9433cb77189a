package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ErrBackupPostgres says that PostgreSQL is backed up with its own tools.
var ErrBackupPostgres = errors.New("a PostgreSQL database is backed up with pg_dump (pg_dump --format=custom --file=rekindle.dump URL) and restored with pg_restore (pg_restore --clean --if-exists --dbname=URL rekindle.dump)")

// Backup writes a consistent copy of an SQLite database to path (which
// must not exist) while it is in use: VACUUM INTO reads one snapshot, so
// writers go on and the copy is whole and compact. PostgreSQL:
// ErrBackupPostgres.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.dialect != SQLite {
		return ErrBackupPostgres
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("store: backup: %s exists already", path)
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return fmt.Errorf("store: backup: %w", err)
		}
	}
	tmp := path + ".part"
	os.Remove(tmp)
	if _, err := s.rdb.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store: backup: %w", err)
	}
	return nil
}

// Restore checks an SQLite backup (integrity_check, and that it is a
// rekindle database) and copies it to the database file target, which must
// not exist unless replace is set (then it is replaced whole, with its WAL;
// no server may have it open). Nothing is half-written: the copy goes to a
// temporary file renamed into place.
func Restore(ctx context.Context, backup, target string, replace bool) error {
	if IsPostgres(backup) || IsPostgres(target) {
		return ErrBackupPostgres
	}
	if _, err := os.Stat(backup); err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	if _, err := os.Stat(target); err == nil && !replace {
		return fmt.Errorf("store: restore: %s exists already (replace it with --replace, with no server running on it)", target)
	}
	db, err := sql.Open("sqlite", "file:"+backup+"?mode=ro")
	if err != nil {
		return fmt.Errorf("store: restore %s: %w", backup, err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil {
		return fmt.Errorf("store: restore %s: not an SQLite database: %w", backup, err)
	}
	if check != "ok" {
		return fmt.Errorf("store: restore %s: damaged: %s", backup, check)
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM athletes`).Scan(&n); err != nil {
		return fmt.Errorf("store: restore %s: not a rekindle database: %w", backup, err)
	}
	tmp := target + ".restore"
	os.Remove(tmp)
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store: restore to %s: %w", target, err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(target + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			os.Remove(tmp)
			return fmt.Errorf("store: restore: %w", err)
		}
	}
	if err := os.Rename(tmp, target); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store: restore: %w", err)
	}
	return nil
}

// SQLitePath is the file of an SQLite DSN ("" for PostgreSQL).
func SQLitePath(dsn string) string {
	if IsPostgres(dsn) {
		return ""
	}
	return strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite:"), "file:")
}
