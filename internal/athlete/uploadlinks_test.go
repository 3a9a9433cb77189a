package athlete

import (
	"context"
	"os"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/locale"
	"rekindle/internal/store"
)

// TestUploadLinksOneQueryPG: an upload names a file's first activities
// (its outcome's links) from one query of their heads, one round trip on
// PostgreSQL whatever their number: it read each whole activity with its
// track, one query each (three round trips for three activities).
func TestUploadLinksOneQueryPG(t *testing.T) {
	if os.Getenv("REKINDLE_TEST_POSTGRES") == "" {
		t.Skip("REKINDLE_TEST_POSTGRES not set")
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
	b := &store.Batch{}
	for i, name := range []string{"Tempo", "Hills", ""} {
		a := &rekindle.Activity{Sport: rekindle.SportRunning, Name: name, Start: time.Date(2024, 3, 1+i, 7, 30, 0, 0, time.UTC),
			Source: rekindle.Source{Format: rekindle.FormatGPX, File: "f", SHA256: "s", Index: i}}
		p, err := store.Prepare(a)
		if err != nil {
			t.Fatal(err)
		}
		b.New = append(b.New, p)
	}
	if err := s.WriteBatch(ctx, ath.ID, b); err != nil {
		t.Fatal(err)
	}
	ids := []int64{b.New[0].A.ID, b.New[1].A.ID, b.New[2].A.ID}
	im := IngestImporter{Store: s}
	im.links(ctx, ath.ID, ids, time.UTC, locale.Default) // prepares its statement
	before := rt.N()
	links := im.links(ctx, ath.ID, ids, time.UTC, locale.Default)
	if n := rt.N() - before; n != 1 {
		t.Errorf("links of 3 activities: %d round trips, want 1", n)
	}
	if len(links) != 3 {
		t.Fatalf("links %+v", links)
	}
	for i, l := range links {
		a := &rekindle.Activity{Sport: rekindle.SportRunning, Name: []string{"Tempo", "Hills", ""}[i], Start: time.Date(2024, 3, 1+i, 7, 30, 0, 0, time.UTC)}
		if l.ID != ids[i] || l.Name != ActivityLabel(a, time.UTC, locale.Default) {
			t.Errorf("link %d: %+v", i, l)
		}
	}
}
