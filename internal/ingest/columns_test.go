package ingest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"rekindle"
	"rekindle/internal/store"
)

// storedTracks imports paths into a fresh SQLite store through one worker
// and returns each stored activity's track, encoded, by file and index.
func storedTracks(t *testing.T, paths []string) map[string][]byte {
	t.Helper()
	s := store.TestStores(t)["sqlite"]
	ctx := context.Background()
	ath, err := s.DefaultAthlete(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Import(ctx, s, ath.ID, paths, Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, h := range list(t, s) {
		a, err := s.GetActivity(ctx, ath.ID, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		blob, err := store.EncodeTrack(&a.Track)
		if err != nil {
			t.Fatal(err)
		}
		out[fmt.Sprintf("%s#%d", filepath.Base(a.Source.File), a.Source.Index)] = blob
	}
	return out
}

// TestWorkerColumnsNoAlias imports different FIT files in sequence through
// one worker (which decodes them into the same reused columns, the large
// one first, its results held in one batch until the end) and checks every
// stored track is byte for byte what importing its file alone stores: no
// file's track was written over by the next file's decoding.
func TestWorkerColumnsNoAlias(t *testing.T) {
	needTestdata(t)
	dir := t.TempDir()
	var paths []string
	for i, rel := range []string{"fit/garmin-edge-500-activity.fit", "fit/garmin-fenix-5-run.fit", "fit/activity-large-fenxi2-multisport.fit", "fit/4078723797.fit"} {
		p := filepath.Join(dir, fmt.Sprintf("%d-%s", i, filepath.Base(rel)))
		if err := os.WriteFile(p, read(t, rel), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	together := storedTracks(t, paths)
	n := 0
	for _, p := range paths {
		for k, want := range storedTracks(t, []string{p}) {
			got, ok := together[k]
			if !ok || !bytes.Equal(got, want) {
				t.Errorf("%s: stored track differs when imported after other files through one worker (%d against %d bytes)", k, len(got), len(want))
			}
			n++
		}
	}
	if n != len(together) || n < len(paths) {
		t.Fatalf("%d tracks imported together, %d alone", len(together), n)
	}
}

// TestHoldsNoTrack: a file's result that keeps a course or a track not let
// go holds the worker's columns, which are then not released.
func TestHoldsNoTrack(t *testing.T) {
	tr := rekindle.Track{Lat: []float64{1, 2}, Lon: []float64{1, 2}}
	for _, c := range []struct {
		d    decoded
		want bool
	}{
		{decoded{}, true},
		{decoded{acts: []*store.PreparedActivity{{A: &rekindle.Activity{}}}}, true},
		{decoded{acts: []*store.PreparedActivity{{A: &rekindle.Activity{Track: rekindle.Track{HR: []float32{1}}}}}}, false},
		{decoded{courses: []*store.Course{{Points: tr}}}, false},
	} {
		if got := c.d.holdsNoTrack(); got != c.want {
			t.Errorf("%+v: holdsNoTrack %v, want %v", c.d, got, c.want)
		}
	}
}
