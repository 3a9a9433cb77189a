package store

import (
	"context"
	"strings"
	"testing"
)

// TestPGStorage checks migration 00440: recorded on both stores; on
// PostgreSQL originals are stored without compression and tracks and
// summaries with lz4 (when the server has it), and down restores the
// defaults.
func TestPGStorage(t *testing.T) {
	ctx := context.Background()
	for name, s := range testStores(t) {
		t.Run(name, func(t *testing.T) {
			st, err := s.MigrationStatus(ctx)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, l := range st {
				if strings.HasPrefix(l, "00440 applied") && strings.Contains(l, "pg_storage") {
					found = true
				}
			}
			if !found {
				t.Fatalf("migration 00440 not applied: %q", st)
			}
			if s.Dialect() != Postgres {
				return
			}
			var lz4 bool
			if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_settings
				WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals))`).Scan(&lz4); err != nil {
				t.Fatal(err)
			}
			col := func(table, column string) (storage, compression string) {
				t.Helper()
				if err := s.db.QueryRowContext(ctx, `SELECT a.attstorage::text, a.attcompression::text FROM pg_attribute a
					WHERE a.attrelid = to_regclass($1) AND a.attname = $2`, table, column).Scan(&storage, &compression); err != nil {
					t.Fatalf("%s.%s: %v", table, column, err)
				}
				return storage, compression
			}
			want := func(st, comp string) {
				t.Helper()
				if s, _ := col("originals", "data"); s != st {
					t.Errorf("originals.data storage %q, want %q", s, st)
				}
				for _, c := range [][2]string{{"tracks", "data"}, {"activities", "summary"}} {
					if _, got := col(c[0], c[1]); got != comp {
						t.Errorf("%s.%s compression %q, want %q", c[0], c[1], got, comp)
					}
				}
			}
			wantComp := ""
			if lz4 {
				wantComp = "l"
			}
			want("e", wantComp)
			p, err := s.provider()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.ApplyVersion(ctx, pgStorageVersion, false); err != nil {
				t.Fatal(err)
			}
			want("x", "")
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			want("e", wantComp)
		})
	}
}
