package athlete

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/ingest"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// TestWatchFolder: files dropped into the folder while WatchFolder runs
// (rekindle serve --watch) are imported through the upload's import, each
// once. (Settling and partial writes: ingest.TestWatcher.)
func TestWatchFolder(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ath, err := st.DefaultAthlete(ctx)
	if err != nil {
		t.Fatal(err)
	}
	app := New(Config{Store: st, Now: testkit.Now, Importer: IngestImporter{Store: st, Workers: 1}})
	dir := t.TempDir()
	done := make(chan error, 1)
	go func() {
		done <- app.WatchFolder(ctx, ath.ID, &ingest.Watcher{Dir: dir, Settle: time.Nanosecond}, 5*time.Millisecond)
	}()
	for _, n := range []string{"garmin-fenix-5-run.fit", "activity-small-fenix2-run.fit"} {
		b, err := os.ReadFile(testkit.Activities(t, "fit", n))
		if err != nil {
			t.Fatal(err)
		}
		// Written beside, then renamed in: the way copy tools finish a file.
		tmp := filepath.Join(dir, "."+n+".tmp")
		if err := os.WriteFile(tmp, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(dir, n)); err != nil {
			t.Fatal(err)
		}
	}
	// Wait for the import (a handshake with a generous limit, not a timing).
	var acts []*rekindle.Activity
	for deadline := time.Now().Add(60 * time.Second); ; {
		list, err := st.ListActivities(ctx, ath.ID, store.ActivityFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) >= 2 || time.Now().After(deadline) {
			acts = list
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if len(acts) != 2 {
		t.Fatalf("%d activities, want 2", len(acts))
	}
	names := map[string]bool{}
	for _, a := range acts {
		names[a.Source.File] = true
	}
	if !names["garmin-fenix-5-run.fit"] || !names["activity-small-fenix2-run.fit"] {
		t.Errorf("sources %v", names)
	}
}
