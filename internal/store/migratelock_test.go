package store

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"
)

// TestMigrationLockPerSchema: a store migrating in one PostgreSQL schema
// does not hold up stores in other schemas of the same database (the tests
// of several packages run at once, each in fresh schemas of the one test
// database), while a second store of the same schema with migrations to
// apply waits its turn. A store of a schema already up to date does not
// wait (Store.upToDate: every migration it knows is recorded, nothing to
// apply; a migration being applied is not recorded until it is done).
func TestMigrationLockPerSchema(t *testing.T) {
	a := PostgresTestDSN(t)
	if a == "" {
		t.Skip("REKINDLE_TEST_POSTGRES not set")
	}
	b := PostgresTestDSN(t)
	c := PostgresTestDSN(t) // empty: everything to migrate
	ctx := context.Background()
	sa, err := Open(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	defer sa.Close()
	// Hold schema a's and schema c's migration locks, as replicas
	// migrating them would.
	for _, dsn := range []string{a, c} {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		conn, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if err := (schemaLocker{}).SessionLock(ctx, conn); err != nil {
			t.Fatal(err)
		}
		defer (schemaLocker{}).SessionUnlock(ctx, conn)
	}

	octx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	sb, err := Open(octx, b)
	if err != nil {
		t.Fatalf("another schema's store while a's migrations are locked: %v", err)
	}
	sb.Close()

	s, err := Open(octx, a)
	if err != nil {
		t.Fatalf("a second store of schema a, up to date, while its lock is held: %v (want no wait)", err)
	}
	s.Close()

	wctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if s, err := Open(wctx, c); err == nil {
		s.Close()
		t.Fatal("a store of schema c migrated while its lock was held")
	} else if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a store of schema c: %v, want it to wait (context.DeadlineExceeded)", err)
	}
}
