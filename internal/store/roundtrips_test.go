package store

import (
	"context"
	"testing"
)

// TestNextIDsOneRoundTrip: on PostgreSQL a reservation of ids is one
// statement on its own, one round trip (it was BEGIN, the upsert and
// COMMIT: three), and still hands out consecutive, disjoint ranges.
func TestNextIDsOneRoundTrip(t *testing.T) {
	dsn := PostgresTestDSN(t)
	if dsn == "" {
		t.Skip("REKINDLE_TEST_POSTGRES not set")
	}
	proxied, rt := CountRoundTrips(t, dsn)
	ctx := context.Background()
	s, err := Open(ctx, proxied)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// The first use prepares the statement on the connection (one more
	// round trip): not what is counted.
	first, err := s.NextIDs(ctx, "rt_test", 3)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		before := rt.N()
		next, err := s.NextIDs(ctx, "rt_test", 5)
		if err != nil {
			t.Fatal(err)
		}
		if got := rt.N() - before; got != 1 {
			t.Errorf("reservation %d: %d round trips, want 1", i, got)
		}
		if want := first + 3 + int64(5*i); next != want {
			t.Errorf("reservation %d: first id %d, want %d", i, next, want)
		}
	}
}

// TestOpenUpToDatePG: opening a database whose schema is up to date (each
// process's start, each one-off 'rekindle import') costs one connection
// (one new server process) and 3 round trips — its start-up and the two
// reads of upToDate — where goose's check took 9, the migration lock
// included; the import then runs on that connection.
func TestOpenUpToDatePG(t *testing.T) {
	dsn := PostgresTestDSN(t)
	if dsn == "" {
		t.Skip("REKINDLE_TEST_POSTGRES not set")
	}
	ctx := context.Background()
	s, err := Open(ctx, dsn) // migrates
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.Migrate(ctx)
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	proxied, rt := CountRoundTrips(t, dsn)
	s, err = Open(ctx, proxied)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	t.Logf("open of an up-to-date schema: %d round trips, %d connections", rt.N(), rt.Conns())
	if rt.Conns() != 1 {
		t.Errorf("%d connections, want 1", rt.Conns())
	}
	if rt.N() > 3 {
		t.Errorf("%d round trips, want at most 3", rt.N())
	}
	before := rt.N()
	if v, err := s.Migrate(ctx); err != nil || v != want {
		t.Errorf("Migrate = %d, %v; want %d (goose's version)", v, err, want)
	}
	if got := rt.N() - before; got > 2 {
		t.Errorf("Migrate of an up-to-date schema: %d round trips, want at most 2", got)
	}
}
