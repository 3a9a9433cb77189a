package ingest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// TestImportRoundTripsPG counts the round trips an import costs on
// PostgreSQL (a proxy counts the server's ReadyForQuery messages): with
// dedupe off, as the import benchmark runs, they do not grow with the
// files of a batch — ids, activities, tracks, originals and file records
// are written in a fixed number of statements per batch. Copies of one real
// file, made distinct, so that 4 and 16 files differ only in number; the
// clock is fixed so that both go in one batch.
func TestImportRoundTripsPG(t *testing.T) {
	if os.Getenv("REKINDLE_TEST_POSTGRES") == "" {
		t.Skip("REKINDLE_TEST_POSTGRES not set")
	}
	data, err := os.ReadFile(testkit.Glob(t, "gpx/*.gpx")[0])
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	count := func(files int) (int64, int64) {
		dir := t.TempDir()
		for i := range files {
			p := filepath.Join(dir, fmt.Sprintf("%d.gpx", i))
			if err := os.WriteFile(p, append(append([]byte(nil), data...), fmt.Sprintf("\n<!-- copy %d -->\n", i)...), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		dsn, rt := store.CountRoundTrips(t, store.PostgresTestDSN(t))
		ctx := context.Background()
		s, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		ath, err := s.DefaultAthlete(ctx)
		if err != nil {
			t.Fatal(err)
		}
		before, conns := rt.N(), rt.Conns()
		st, err := Import(ctx, s, ath.ID, []string{dir}, Options{SkipDedupe: true, Now: func() time.Time { return now }})
		if err != nil || st.Imported != files {
			t.Fatalf("import of %d files: %+v, %v", files, st, err)
		}
		return rt.N() - before, rt.Conns() - conns
	}
	few, fewConns := count(4)
	many, manyConns := count(16)
	t.Logf("round trips per import (pings left out): 4 files %d (%d new connections), 16 files %d (%d)", few, fewConns, many, manyConns)
	if many != few {
		t.Errorf("16 files cost %d round trips, 4 files %d: want the same", many, few)
	}
}

// TestImportCandidatesGroupedPG: with dedupe on (as a user's import has it),
// the stored candidates of the files that reach the writer together are
// read in one query (writer.prefetchGroup), so an import of 16 files costs
// the round trips one of 4 costs (groupAll takes the timing out: the
// writer waits for a full group). Each file of one activity cost its own
// query before: 12 round trips more for 16 files. The files are one real
// GPX moved to a different year each, 16 sessions that duplicate nothing.
func TestImportCandidatesGroupedPG(t *testing.T) {
	if os.Getenv("REKINDLE_TEST_POSTGRES") == "" {
		t.Skip("REKINDLE_TEST_POSTGRES not set")
	}
	data, err := os.ReadFile(filepath.Join(testkit.Activities(t), "gpx", "activity_5039744860.gpx"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	count := func(files int, groupAll bool) (int64, Stats) {
		dir := t.TempDir()
		for i := range files {
			p := filepath.Join(dir, fmt.Sprintf("%d.gpx", i))
			moved := bytes.ReplaceAll(data, []byte("<time>2020-"), fmt.Appendf(nil, "<time>%d-", 2000+i))
			if err := os.WriteFile(p, moved, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		dsn, rt := store.CountRoundTrips(t, store.PostgresTestDSN(t))
		ctx := context.Background()
		s, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		ath, err := s.DefaultAthlete(ctx)
		if err != nil {
			t.Fatal(err)
		}
		before := rt.N()
		st, err := Import(ctx, s, ath.ID, []string{dir}, Options{SkipPlace: true, groupAll: groupAll, Now: func() time.Time { return now }})
		if err != nil || st.Imported != files || st.Activities != files {
			t.Fatalf("import of %d files: %+v, %v", files, st, err)
		}
		return rt.N() - before, st
	}
	few, _ := count(4, true)
	many, _ := count(16, true)
	ungrouped, _ := count(16, false)
	t.Logf("round trips per import, dedupe on: 4 files %d, 16 files %d (grouped as they come: %d)", few, many, ungrouped)
	if many != few {
		t.Errorf("16 files cost %d round trips, 4 files %d: want the same", many, few)
	}
	if ungrouped > many+16 {
		t.Errorf("16 files as they come cost %d round trips: more than one query per file", ungrouped)
	}
}
