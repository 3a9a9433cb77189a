package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rekindle"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// One treadmill session written by the watch (FIT: 3.38 km, HR) and by the
// phone app's converter (GPX with no points, its summary on the root:
// 5.08 km) is one session, whichever file comes first and whether they come
// in one import or two: the watch's recording is kept, the app's record is
// kept as its duplicate (listed with its file and the reason) and the
// app's file says so.
func TestTwoDevicesOneTreadmillSession(t *testing.T) {
	dir := testkit.Activities(t, "workouts-page")
	fitFile := filepath.Join(dir, "workouts-page-treadmill-210855881.fit")
	gpxFile := filepath.Join(dir, "workouts-page-treadmill-210855881.gpx")
	for _, order := range []struct {
		name  string
		paths [][]string
	}{
		{"one import", [][]string{{gpxFile, fitFile}}},
		{"app first", [][]string{{gpxFile}, {fitFile}}},
		{"watch first", [][]string{{fitFile}, {gpxFile}}},
	} {
		for name, s := range stores(t) {
			t.Run(order.name+"/"+name, func(t *testing.T) {
				res := map[string]FileResult{}
				for _, p := range order.paths {
					r, _ := run(t, s, p...)
					for k, v := range r {
						res[k] = v
					}
				}
				acts := list(t, s)
				if len(acts) != 1 {
					for _, a := range acts {
						t.Logf("stored: %s %s %.0f m %s", a.Start, a.Sport, a.Summary.DistanceM, a.Source.File)
					}
					t.Fatalf("%d activities stored, want 1", len(acts))
				}
				a := acts[0]
				if a.Source.Format != rekindle.FormatFIT || a.Sport != rekindle.SportTreadmill || a.Summary.DistanceM < 3300 || a.Summary.DistanceM > 3450 {
					t.Errorf("kept %s %s %.0f m, want the watch's FIT (3.38 km)", a.Source.Format, a.Sport, a.Summary.DistanceM)
				}
				ath, _ := s.DefaultAthlete(t.Context())
				dups, err := s.ListDuplicates(t.Context(), ath.ID)
				if err != nil || len(dups) != 1 || dups[0].ActivityID != a.ID || !strings.HasSuffix(dups[0].Source.File, ".gpx") {
					t.Fatalf("duplicates: %+v %v; want the GPX's record linked to activity %d", dups, err, a.ID)
				}
				g := byBase(res, filepath.Base(gpxFile))
				if len(g.ActivityIDs) != 1 || g.ActivityIDs[0] != a.ID {
					t.Errorf("GPX result %+v: want it to name activity %d", g, a.ID)
				}
				// The watch's file says what became of the app's copy
				// when it came second: replaced, naming it and the
				// activity; when the app's file comes second, it is the
				// duplicate.
				f := byBase(res, filepath.Base(fitFile))
				wantFit, wantGpx := store.StatusReplaced, store.StatusPartial
				if order.name == "watch first" {
					wantFit, wantGpx = store.StatusImported, store.StatusDuplicate
				}
				if order.name == "one import" {
					// The files are read at once: whichever is placed
					// first, the GPX ends a duplicate, and the FIT says
					// whether it replaced it.
					wantGpx = store.StatusDuplicate
					if f.Status == store.StatusImported {
						wantFit = store.StatusImported
					}
				}
				if f.Status != wantFit || g.Status != wantGpx {
					t.Errorf("FIT %s, GPX %s; want %s and %s", f.Status, g.Status, wantFit, wantGpx)
				}
				if wantFit == store.StatusReplaced {
					if len(f.Replaced) != 1 || f.Replaced[0].ActivityID != a.ID || !strings.HasSuffix(f.Replaced[0].File, filepath.Base(gpxFile)) {
						t.Errorf("FIT replaced %+v, want the GPX's record of activity %d", f.Replaced, a.ID)
					}
				} else if len(f.Replaced) != 0 {
					t.Errorf("FIT replaced %+v, want none", f.Replaced)
				}
				if _, err := os.Stat(gpxFile); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}
