package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestMigrationLockPerSchema: a store migrating in one PostgreSQL schema
// does not hold up stores in other schemas of the same database (the tests
// of several packages run at once, each in fresh schemas of the one test
// database), while a second store of the same schema waits its turn.
func TestMigrationLockPerSchema(t *testing.T) {
	a := PostgresTestDSN(t)
	if a == "" {
		t.Skip("REKINDLE_TEST_POSTGRES not set")
	}
	b := PostgresTestDSN(t)
	ctx := context.Background()
	sa, err := Open(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	defer sa.Close()
	// Hold schema a's migration lock, as a replica migrating it would.
	conn, err := sa.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := (schemaLocker{}).SessionLock(ctx, conn); err != nil {
		t.Fatal(err)
	}
	defer (schemaLocker{}).SessionUnlock(ctx, conn)

	octx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	sb, err := Open(octx, b)
	if err != nil {
		t.Fatalf("another schema's store while a's migrations are locked: %v", err)
	}
	sb.Close()

	wctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if s, err := Open(wctx, a); err == nil {
		s.Close()
		t.Fatal("a second store of schema a migrated while its lock was held")
	} else if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a second store of schema a: %v, want it to wait (context.DeadlineExceeded)", err)
	}
}
