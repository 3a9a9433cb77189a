package store

import (
	"context"
	"path/filepath"
	"testing"
)

// TestUpToDate: the quick check Open makes before goose answers "up to
// date" (with goose's version) only when every known migration is recorded
// in the version table; a version missing, or no table at all, leaves the
// answer to goose. Both databases.
func TestUpToDate(t *testing.T) {
	dsns := map[string]string{"sqlite": filepath.Join(t.TempDir(), "u.db")}
	if pg := PostgresTestDSN(t); pg != "" {
		dsns["postgres"] = pg
	}
	for name, dsn := range dsns {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s, err := open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			p, err := s.provider()
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := s.upToDate(ctx, p); ok {
				t.Fatal("an empty database is up to date")
			}
			if _, err := p.Up(ctx); err != nil {
				t.Fatal(err)
			}
			want, err := p.GetDBVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if v, ok := s.upToDate(ctx, p); !ok || v != want {
				t.Fatalf("migrated: upToDate = %d, %v; want %d, true", v, ok, want)
			}
			srcs := p.ListSources()
			mid := srcs[len(srcs)/2].Version
			if _, err := s.db.ExecContext(ctx, s.rebind(`DELETE FROM goose_db_version WHERE version_id = ?`), mid); err != nil {
				t.Fatal(err)
			}
			if _, ok := s.upToDate(ctx, p); ok {
				t.Errorf("version %d missing: up to date", mid)
			}
			hasPending, err := p.HasPending(ctx)
			if err != nil || !hasPending {
				t.Errorf("version %d missing: goose HasPending = %v, %v; want true", mid, hasPending, err)
			}
		})
	}
}
