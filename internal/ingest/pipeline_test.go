package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"rekindle/internal/store"
)

// TestPipelinedBatches imports a Strava export whose files duplicate and
// replace one another, one file per batch, into fresh stores: with each
// batch written while the next file is deduped, and with each write waited
// for (as import did before): the stored activities, duplicates, per-file
// results and the runner's place are the same; and the same again when each
// activity's stored candidates are read on their own rather than with their
// file's (the CSV's rows: read before, between and after batches landed).
func TestPipelinedBatches(t *testing.T) {
	needTestdata(t)
	rows := []string{stravaHeader,
		stravaRow("1", "Sep 20, 2019, 2:10:03 PM", "Strava GPX first", "Ride", "", "", "activities/1.gpx.gz", 8098, 8000, 57600, 166, ""),
		stravaRow("2", "Sep 20, 2019, 2:10:03 PM", "Strava name for the FIT ride", "Ride", "windy", "Canyon", "activities/2.fit.gz", 8098, 8000, 57600, 166, ""),
		stravaRow("3", "Jun 11, 2017, 2:34:09 PM", "Fenix run", "Run", "", "Pegasus", "activities/3.fit.gz", 57, 57, 157, 90, "4"),
		stravaRow("4", "Jun 11, 2017, 2:34:09 PM", "Fenix run again", "Run", "", "", "activities/4.fit", 57, 57, 157, 90, ""),
		stravaRow("5", "Oct 3, 2010, 11:36:00 AM", "Korita", "Hike", "", "", "activities/5.tcx", 5000, 4000, 5000, 0, ""),
	}
	fenix := read(t, "fit/garmin-fenix-5-run.fit")
	members := map[string][]byte{
		"activities.csv":      []byte(strings.Join(rows, "\n") + "\n"),
		"activities/1.gpx.gz": gz(t, read(t, "gpx/4078723797_strava.gpx")),
		"activities/2.fit.gz": gz(t, read(t, "fit/4078723797.fit")),
		"activities/3.fit.gz": gz(t, fenix),
		"activities/4.fit":    fenix, // the same file again
		"activities/5.tcx":    read(t, "tcx/test.tcx"),
		"routes/1.gpx":        read(t, "gpx/gpx_with_garmin_extension.gpx"),
	}
	order := []string{"activities/1.gpx.gz", "activities/2.fit.gz", "activities/3.fit.gz", "activities/4.fit", "activities/5.tcx", "routes/1.gpx", "activities.csv"}
	archive := filepath.Join(t.TempDir(), "export_1.zip")
	writeZip(t, archive, members, order)
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			if name == "postgres" && os.Getenv("REKINDLE_TEST_POSTGRES") == "" {
				t.Skip("REKINDLE_TEST_POSTGRES is not set")
			}
			type variant struct{ serial, perActivity bool }
			variants := []variant{{false, false}, {true, false}, {true, true}, {false, true}}
			got := make([]string, len(variants))
			for i, v := range variants {
				s := store.TestStores(t)[name]
				ctx := context.Background()
				ath, err := s.DefaultAthlete(ctx)
				if err != nil {
					t.Fatal(err)
				}
				var res []string
				st, err := Import(ctx, s, ath.ID, []string{archive}, Options{Workers: 1, BatchSize: 1, serialWrites: v.serial, perActivityCandidates: v.perActivity, OnFile: func(r FileResult) {
					res = append(res, fmt.Sprintf("%s %s %v %q %q", r.File, r.Status, r.ActivityIDs, r.Warnings, r.Error))
				}})
				if err != nil {
					t.Fatal(err)
				}
				sort.Strings(res)
				var b strings.Builder
				fmt.Fprintf(&b, "stats %d imported, %d duplicate, %d failed, %d activities, %d duplicate activities, place %q\n",
					st.Imported, st.Duplicate, st.Failed, st.Activities, st.DuplicateActivities, st.Place)
				for _, r := range res {
					fmt.Fprintln(&b, r)
				}
				for _, a := range list(t, s) {
					fmt.Fprintf(&b, "activity %d %s %s %q %q %s %.0f\n", a.ID, a.Start, a.Sport, a.Name, a.Gear, a.Source.File, a.Summary.DistanceM)
				}
				dups, err := s.ListDuplicates(ctx, ath.ID)
				if err != nil {
					t.Fatal(err)
				}
				for _, d := range dups {
					fmt.Fprintf(&b, "duplicate of %d: %s#%d %s\n", d.ActivityID, d.Source.File, d.Source.Index, d.Reason)
				}
				home, err := s.GetAthlete(ctx, ath.ID)
				if err != nil {
					t.Fatal(err)
				}
				fmt.Fprintf(&b, "zone %s home %.5f,%.5f\n", home.TimeZone, home.HomeLat, home.HomeLon)
				got[i] = b.String()
			}
			for i, v := range variants[1:] {
				if got[0] != got[i+1] {
					t.Errorf("written in the background:\n%s\n%+v:\n%s", got[0], v, got[i+1])
				}
			}
			if !strings.Contains(got[1], "duplicate of 1: ") || !strings.Contains(got[1], "4.fit duplicate [2]") {
				t.Errorf("the export should record a replaced session and a duplicate file:\n%s", got[1])
			}
		})
	}
}
