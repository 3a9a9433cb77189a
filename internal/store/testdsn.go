package store

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
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
