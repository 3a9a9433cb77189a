package cli_test

import (
	"context"
	"net/http"
	"testing"

	"rekindle/internal/cli"
	"rekindle/internal/testkit/testserver"
)

// TestHealthReady checks the probes a proxy or orchestrator uses, on both
// databases: /healthz and /readyz answer 200 on a migrated database;
// with a migration pending (the newest one unrecorded, as after an
// upgrade of the binary before 'rekindle migrate') /readyz answers 503
// while /healthz still answers 200 (the process and database are alive);
// with the database unreachable (the store closed) both answer 503.
func TestHealthReady(t *testing.T) {
	for name, dsn := range testserver.Stores(t) {
		t.Run(name, func(t *testing.T) {
			srv := testserver.New(t, dsn, cli.ServeOptions{})
			probe := func(path string, want int) {
				t.Helper()
				resp, err := http.Get(srv.URL + path)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != want {
					t.Fatalf("%s: %d, want %d", path, resp.StatusCode, want)
				}
				if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
					t.Fatalf("%s: Cache-Control %q", path, cc)
				}
			}
			probe("/healthz", 200)
			probe("/readyz", 200)

			q := `DELETE FROM goose_db_version WHERE version_id = (SELECT max(version_id) FROM goose_db_version)`
			if _, err := srv.Store.DB().ExecContext(context.Background(), q); err != nil {
				t.Fatal(err)
			}
			probe("/healthz", 200)
			probe("/readyz", 503)

			srv.Store.Close()
			probe("/healthz", 503)
			probe("/readyz", 503)
		})
	}
}
