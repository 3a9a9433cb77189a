package ingest

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// TestWatcher drops files into a folder while the watcher scans it (on a
// test clock): each is imported once it has settled, a file written in
// two parts only whole, temporary names never, a copy under another name
// and a restarted watcher import nothing again.
func TestWatcher(t *testing.T) {
	ctx := context.Background()
	src := map[string][]byte{}
	for _, n := range []string{"garmin-fenix-5-run.fit", "activity-small-fenix2-run.fit", "2013-02-06-12-11-14.fit"} {
		b, err := os.ReadFile(testkit.Activities(t, "fit", n))
		if err != nil {
			t.Fatal(err)
		}
		src[n] = b
	}
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ath, err := st.DefaultAthlete(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	clock := testkit.Today
	var results []FileResult
	newWatcher := func() *Watcher {
		return &Watcher{Dir: dir, Settle: 5 * time.Second, Now: func() time.Time { return clock },
			Import: func(ctx context.Context, paths []string) error {
				_, err := Import(ctx, st, ath.ID, paths, Options{Workers: 1, OnFile: func(r FileResult) { results = append(results, r) }})
				return err
			}}
	}
	w := newWatcher()
	scan := func(after time.Duration) []string {
		t.Helper()
		clock = clock.Add(after)
		got, err := w.Scan(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i := range got {
			got[i] = filepath.Base(got[i])
		}
		return got
	}
	write := func(name string, b []byte, flag int) {
		t.Helper()
		f, err := os.OpenFile(filepath.Join(dir, name), flag|os.O_WRONLY, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write(b); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	// Two whole files and the first half of a third, and a copy tool's temporary file.
	write("a.fit", src["garmin-fenix-5-run.fit"], os.O_CREATE)
	write("b.fit", src["activity-small-fenix2-run.fit"], os.O_CREATE)
	big := src["2013-02-06-12-11-14.fit"]
	write("c.fit", big[:len(big)/2], os.O_CREATE)
	write("d.fit.part", src["garmin-fenix-5-run.fit"], os.O_CREATE)
	if got := scan(0); len(got) != 0 {
		t.Fatalf("taken before settling: %v", got)
	}
	if got := scan(3 * time.Second); len(got) != 0 {
		t.Fatalf("taken before settling: %v", got)
	}
	// The second half arrives (a size and a time that differ): c waits again.
	write("c.fit", big[len(big)/2:], os.O_APPEND)
	os.Chtimes(filepath.Join(dir, "c.fit"), clock, clock.Add(time.Second))
	if got := scan(3 * time.Second); !slices.Equal(got, []string{"a.fit", "b.fit"}) {
		t.Fatalf("after 6 s: %v", got)
	}
	if got := scan(3 * time.Second); len(got) != 0 {
		t.Fatalf("c taken 3 s after its last write: %v", got)
	}
	if got := scan(3 * time.Second); !slices.Equal(got, []string{"c.fit"}) {
		t.Fatalf("c whole: %v", got)
	}
	if got := scan(time.Minute); len(got) != 0 {
		t.Fatalf("taken twice: %v", got)
	}
	// A copy under another name: handed over, a duplicate by content.
	write("copy-of-a.fit", src["garmin-fenix-5-run.fit"], os.O_CREATE)
	scan(0)
	if got := scan(10 * time.Second); !slices.Equal(got, []string{"copy-of-a.fit"}) {
		t.Fatalf("copy: %v", got)
	}
	// A restarted watcher sees every file again: all duplicates.
	w = newWatcher()
	scan(0)
	if got := scan(10 * time.Second); len(got) != 4 {
		t.Fatalf("after restart: %v", got)
	}
	status := map[string][]string{}
	for _, r := range results {
		status[filepath.Base(r.File)] = append(status[filepath.Base(r.File)], r.Status)
	}
	for _, n := range []string{"a.fit", "b.fit", "c.fit"} {
		if s := status[n]; len(s) != 2 || s[0] != store.StatusImported || s[1] != store.StatusDuplicate {
			t.Errorf("%s: %v", n, s)
		}
	}
	if s := status["copy-of-a.fit"]; len(s) != 2 || s[0] != store.StatusDuplicate || s[1] != store.StatusDuplicate {
		t.Errorf("copy: %v", s)
	}
	if _, ok := status["d.fit.part"]; ok {
		t.Error("a temporary file was imported")
	}
	acts, err := st.ListActivities(ctx, ath.ID, store.ActivityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(acts) != 3 {
		t.Fatalf("%d activities, want 3", len(acts))
	}
	// c was imported whole: its activity is the whole file's (the same
	// file imported directly into another store gives the same distance).
	other, _ := store.Open(ctx, filepath.Join(t.TempDir(), "o.db"))
	defer other.Close()
	oath, _ := other.DefaultAthlete(ctx)
	whole := filepath.Join(t.TempDir(), "c.fit")
	os.WriteFile(whole, big, 0o644)
	if _, err := Import(ctx, other, oath.ID, []string{whole}, Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	oacts, _ := other.ListActivities(ctx, oath.ID, store.ActivityFilter{})
	var found bool
	for _, a := range acts {
		for _, o := range oacts {
			if a.Start.Equal(o.Start) && a.Summary.DistanceM == o.Summary.DistanceM {
				found = true
			}
		}
	}
	if len(oacts) != 1 || !found {
		t.Errorf("c's activity is not the whole file's")
	}
	// The folder gone: an error, not a crash.
	if _, err := (&Watcher{Dir: filepath.Join(dir, "nope"), Import: w.Import}).Scan(ctx); err == nil {
		t.Error("a missing folder scanned")
	}
}
