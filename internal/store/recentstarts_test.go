package store

import (
	"context"
	"math"
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

// TestPreparedTrackStart: the first position Prepare finds in a track's
// columns is StartOf of the blob it encodes, on every real track and on
// tracks whose first positions are missing, out of range, zero or half
// there.
func TestPreparedTrackStart(t *testing.T) {
	var tracks []rekindle.Track
	for _, tr := range realTracks(t, 0) {
		tracks = append(tracks, *tr)
	}
	nan := math.NaN()
	tracks = append(tracks,
		rekindle.Track{Time: []int64{0, 1000, 2000, 3000}, Lat: []float64{nan, 0, 91, 45.12345678}, Lon: []float64{7, 0, 8, -7.00000004}},
		rekindle.Track{Time: []int64{0, 1000, 2000}, Lat: []float64{1e300, 0, 1e-8}, Lon: []float64{3, 0, 0}},
		rekindle.Track{Time: []int64{0, 1000, 2000}, Lat: []float64{10, 11, 12}, Lon: []float64{nan, nan, 4e-8}},
		rekindle.Track{Time: []int64{0, 1000}, Lat: []float64{nan, nan}, Lon: []float64{1, 2}},
		rekindle.Track{Time: []int64{0, 1000}, HR: []float32{100, 101}},
		rekindle.Track{Time: []int64{0, 1000}, Lat: []float64{0, 0}, Lon: []float64{0, 0}},
	)
	for i, tr := range tracks {
		p, err := Prepare(&rekindle.Activity{Track: tr})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := p.TrackStart(), StartOf(p.Track); got != want {
			t.Errorf("track %d: Prepare's start %+v, the blob's %+v", i, got, want)
		}
	}
}
