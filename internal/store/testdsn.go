package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// PostgresTestDSN creates a fresh schema in the database named by
// REKINDLE_TEST_POSTGRES, drops it when the test ends, and returns a DSN
// whose search_path is that schema. It returns "" (after logging why) when
// the variable is unset.
func PostgresTestDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv("REKINDLE_TEST_POSTGRES")
	if base == "" {
		t.Log("REKINDLE_TEST_POSTGRES not set: PostgreSQL part skipped")
		return ""
	}
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	defer db.Close()
	schema := fmt.Sprintf("t_%d_%d", time.Now().UnixNano(), rand.IntN(1e6))
	if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("postgres at REKINDLE_TEST_POSTGRES: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err == nil {
			db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
			db.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// TestStores opens a fresh SQLite store in a temporary directory and, when
// REKINDLE_TEST_POSTGRES is set, a fresh PostgreSQL schema: keyed "sqlite"
// and "postgres", closed when the test ends.
func TestStores(t testing.TB) map[string]*Store {
	t.Helper()
	ctx := context.Background()
	out := map[string]*Store{}
	s, err := Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	out["sqlite"] = s
	if dsn := PostgresTestDSN(t); dsn != "" {
		p, err := Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { p.Close() })
		out["postgres"] = p
	}
	return out
}
