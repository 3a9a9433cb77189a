package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"rekindle"
)

// TestBatchLateFailure fails a batch in its last statements (a duplicate
// pointing at no activity, after the new activities, tracks and originals
// are written: on PostgreSQL the COPYs went through, the failure comes back
// from the pgx.Batch of the other statements): nothing of it stays, and
// the error names the record.
func TestBatchLateFailure(t *testing.T) {
	ctx := context.Background()
	for name, s := range testStores(t) {
		t.Run(name, func(t *testing.T) {
			ath, _ := s.DefaultAthlete(ctx)
			base := time.Date(2023, 1, 1, 7, 0, 0, 0, time.UTC)
			p1, _ := Prepare(sampleActivity(base, 10))
			p2, _ := Prepare(sampleActivity(base.Add(time.Hour), 10))
			b := &Batch{
				New:       []*PreparedActivity{p1, p2},
				Originals: []Original{{SHA256: "o1", Name: "a.fit", Kind: "fit", Size: 3, Data: CompressOriginal([]byte("abc"))}},
				Files: []FileRecord{{SHA256: "o1", Name: "a.fit", Status: StatusImported},
					{SHA256: "o2", Name: "b.fit", Status: StatusFailed, Error: "bad"}},
				Duplicates: []Duplicate{{ActivityID: 1 << 40, Source: rekindle.Source{Format: "gpx", File: "ghost.gpx", SHA256: "g"}}},
			}
			err := s.WriteBatch(ctx, ath.ID, b)
			if err == nil || !strings.Contains(err.Error(), "duplicate ghost.gpx") {
				t.Fatalf("error = %v, want one naming duplicate ghost.gpx", err)
			}
			if n, _ := s.CountActivities(ctx, ath.ID); n != 0 {
				t.Fatalf("after a failed batch: %d activities", n)
			}
			if o, _ := s.ListOriginals(ctx, ath.ID); len(o) != 0 {
				t.Fatalf("after a failed batch: originals %v", o)
			}
			if f, _ := s.ListFiles(ctx, ath.ID); len(f) != 0 {
				t.Fatalf("after a failed batch: files %v", f)
			}
			var tracks int
			if err := s.db.QueryRowContext(ctx, s.rebind(`SELECT COUNT(*) FROM tracks WHERE athlete_id = ?`), ath.ID).Scan(&tracks); err != nil || tracks != 0 {
				t.Fatalf("after a failed batch: %d tracks, %v", tracks, err)
			}
			// The same batch without the bad record is written whole.
			b.Duplicates = nil
			if err := s.WriteBatch(ctx, ath.ID, b); err != nil {
				t.Fatal(err)
			}
			if n, _ := s.CountActivities(ctx, ath.ID); n != 2 {
				t.Fatalf("%d activities, want 2", n)
			}
			o, err := s.GetOriginal(ctx, ath.ID, "o1")
			if err != nil || o.Name != "a.fit" {
				t.Fatalf("original = %v, %v", o, err)
			}
			known, err := s.KnownFiles(ctx, ath.ID)
			if err != nil || len(known) != 1 || !known["o1"] {
				t.Fatalf("known files = %v, %v (want o1 only: b.fit failed)", known, err)
			}
		})
	}
}
