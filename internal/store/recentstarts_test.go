package store

import (
	"context"
	"reflect"
	"testing"
	"time"

	"rekindle"
)

// TestRecentStartsKnown: given the first positions of some tracks (StartOf
// of the blobs written), RecentStartsKnown returns what RecentStarts reads
// from the store, on both databases.
func TestRecentStartsKnown(t *testing.T) {
	tracks := realTracks(t, 40)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			ath, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			b := &Batch{}
			written := map[int64][]byte{}
			for i, tr := range tracks {
				a := &rekindle.Activity{Sport: rekindle.SportRunning, Start: time.Date(2024, 1, 1, 7, 0, 0, 0, time.UTC).Add(time.Duration(i/2) * 24 * time.Hour),
					Source: rekindle.Source{Format: rekindle.FormatGPX, File: "f", SHA256: "s", Index: i}}
				a.Track = *tr
				p, err := Prepare(a)
				if err != nil {
					t.Fatal(err)
				}
				b.New = append(b.New, p)
			}
			if err := s.WriteBatch(ctx, ath.ID, b); err != nil {
				t.Fatal(err)
			}
			for _, p := range b.New {
				if p.Track != nil {
					written[p.A.ID] = p.Track
				}
			}
			for _, n := range []int{5, 200} {
				want, err := s.RecentStarts(ctx, ath.ID, n)
				if err != nil {
					t.Fatal(err)
				}
				if len(want) == 0 {
					t.Fatal("no recent starts")
				}
				for _, every := range []int{0, 1, 2} { // none known, all, every other
					known := map[int64]TrackStart{}
					for id, blob := range written {
						if every > 0 && id%int64(every) == 0 {
							known[id] = StartOf(blob)
						}
					}
					got, err := s.RecentStartsKnown(ctx, ath.ID, n, known)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(got, want) {
						t.Errorf("n %d, known %d of %d: got %v, want %v", n, len(known), len(written), got, want)
					}
				}
			}
		})
	}
}
