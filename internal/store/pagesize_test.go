package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// TestSQLitePageSize: a new database gets sqlitePageSize pages in WAL mode
// and a checkpoint threshold of sqliteCheckpointBytes; one created before
// with 4 KiB pages keeps them, its data and SQLite's default threshold.
func TestSQLitePageSize(t *testing.T) {
	ctx := context.Background()
	settings := func(t *testing.T, path string) (ps, ac int, jm string, sync int) {
		t.Helper()
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		for _, db := range []*sql.DB{s.db, s.rdb} { // writer and readers alike
			var p, a, y int
			var j string
			for q, v := range map[string]any{"page_size": &p, "wal_autocheckpoint": &a, "journal_mode": &j, "synchronous": &y} {
				if err := db.QueryRowContext(ctx, "PRAGMA "+q).Scan(v); err != nil {
					t.Fatal(err)
				}
			}
			if db != s.db && (p != ps || a != ac || j != jm || y != sync) {
				t.Fatalf("reader: page_size %d, wal_autocheckpoint %d, %s, synchronous %d; writer %d, %d, %s, %d", p, a, j, y, ps, ac, jm, sync)
			}
			ps, ac, jm, sync = p, a, j, y
		}
		return ps, ac, jm, sync
	}

	fresh := filepath.Join(t.TempDir(), "new.db")
	for range 2 { // created, then opened again
		ps, ac, jm, sync := settings(t, fresh)
		if ps != sqlitePageSize || ac != sqliteCheckpointBytes/sqlitePageSize || jm != "wal" || sync != 1 {
			t.Fatalf("new database: page_size %d, wal_autocheckpoint %d, %s, synchronous %d", ps, ac, jm, sync)
		}
	}

	old := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+old)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`PRAGMA page_size = 4096`, `PRAGMA journal_mode = WAL`, `CREATE TABLE kept (x)`, `INSERT INTO kept VALUES (42)`} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	ps, ac, jm, _ := settings(t, old)
	if ps != 4096 || ac != 1000 || jm != "wal" {
		t.Fatalf("4 KiB database: page_size %d, wal_autocheckpoint %d, %s", ps, ac, jm)
	}
	s, err := Open(ctx, old)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var x int
	if err := s.DB().QueryRowContext(ctx, `SELECT x FROM kept`).Scan(&x); err != nil || x != 42 {
		t.Fatalf("kept row: %d, %v", x, err)
	}
}
