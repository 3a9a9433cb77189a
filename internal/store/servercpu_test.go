package store

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"testing"
)

// TestSampleServerCPU: work done by the server for connections named app is
// counted, and none of other connections'.
func TestSampleServerCPU(t *testing.T) {
	dsn := PostgresTestDSN(t)
	if dsn == "" {
		t.Skip("REKINDLE_TEST_POSTGRES not set")
	}
	ctx := context.Background()
	app := fmt.Sprintf("rekindle-servercpu-test-%d", os.Getpid())
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("application_name", app)
	u.RawQuery = q.Encode()
	s, err := Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.DB().SetMaxIdleConns(64)
	before, err := SampleServerCPU(ctx, s.DB(), app)
	if err != nil {
		t.Fatal(err)
	}
	if len(before) == 0 {
		t.Fatal("no server process found for the store's connections")
	}
	var n int64
	if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM generate_series(1, 2000000)`).Scan(&n); err != nil || n != 2000000 {
		t.Fatalf("%d, %v", n, err)
	}
	after, err := SampleServerCPU(ctx, s.DB(), app)
	if err != nil {
		t.Fatal(err)
	}
	if d := after.Since(before); d <= 0 {
		t.Fatalf("server CPU %v after counting to 2 million", d)
	}
	f0, err := SampleServerFaults(before)
	if err != nil {
		t.Fatal(err)
	}
	// A 64 MB string: memory the server process maps afresh (malloc serves
	// it from a new mapping, freed at the statement's end), 16,384 pages.
	if _, err := s.DB().ExecContext(ctx, `SELECT length(repeat('x', 64 << 20))`); err != nil {
		t.Fatal(err)
	}
	f1, err := SampleServerFaults(before)
	if err != nil {
		t.Fatal(err)
	}
	if n := f1.Since(f0); n < 16384 {
		t.Fatalf("%d server page faults after building a 64 MB string, want at least 16,384", n)
	}
	other, err := SampleServerCPU(ctx, s.DB(), app+"-nobody")
	if err != nil || len(other) != 0 {
		t.Fatalf("processes of another name: %v, %v", other, err)
	}
}
