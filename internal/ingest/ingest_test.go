package ingest

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

func needTestdata(t testing.TB) {
	t.Helper()
}

// stores opens a fresh SQLite store and, when REKINDLE_TEST_POSTGRES is set,
// a fresh PostgreSQL schema.
func stores(t *testing.T) map[string]*store.Store { return store.TestStores(t) }

func run(t *testing.T, s *store.Store, paths ...string) (map[string]FileResult, Stats) {
	t.Helper()
	ath, err := s.DefaultAthlete(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	res := map[string]FileResult{}
	st, err := Import(context.Background(), s, ath.ID, paths, Options{OnFile: func(r FileResult) {
		if _, dup := res[r.File]; dup {
			t.Errorf("two results for %s", r.File)
		}
		res[r.File] = r
	}})
	if err != nil {
		t.Fatal(err)
	}
	return res, st
}

func byBase(res map[string]FileResult, base string) FileResult {
	for k, r := range res {
		if strings.HasSuffix(k, base) {
			return r
		}
	}
	return FileResult{Status: "missing"}
}

func list(t *testing.T, s *store.Store) []*rekindle.Activity {
	t.Helper()
	ath, _ := s.DefaultAthlete(context.Background())
	// Every stored activity, those set aside as overlapping others too.
	acts, err := s.ListActivities(context.Background(), ath.ID, store.ActivityFilter{SetAside: store.WithSetAside})
	if err != nil {
		t.Fatal(err)
	}
	return acts
}

// sessionsAt returns the stored activities starting within a minute of t.
func sessionsAt(acts []*rekindle.Activity, at time.Time) []*rekindle.Activity {
	var out []*rekindle.Activity
	for _, a := range acts {
		if d := a.Start.Sub(at); d > -time.Minute && d < time.Minute {
			out = append(out, a)
		}
	}
	return out
}

var (
	ride4078 = time.Date(2019, 9, 20, 14, 10, 0, 0, time.UTC)
	ride5039 = time.Date(2020, 6, 1, 14, 52, 0, 0, time.UTC)
)

func TestImportRealFiles(t *testing.T) {
	needTestdata(t)
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			dirs := []string{testkit.Activities(t, "fit"), testkit.Activities(t, "gpx"), testkit.Activities(t, "tcx")}
			res, st := run(t, s, dirs...)
			ids := map[int64]bool{}
			for _, r := range res {
				if r.Status == store.StatusImported || r.Status == store.StatusPartial {
					for _, id := range r.ActivityIDs {
						ids[id] = true
					}
				}
			}
			acts := list(t, s)
			if len(acts) != len(ids) || len(acts) < 40 || st.Activities != len(acts) {
				t.Fatalf("%d activities stored, %d ids reported, stats %+v", len(acts), len(ids), st)
			}
			// Damaged files keep what was decoded, with warnings.
			for _, f := range []string{"strava-android-app-201.10-b1218918.fit", "nick.fit"} {
				if r := byBase(res, f); r.Status != store.StatusPartial || len(r.Warnings) == 0 || len(r.ActivityIDs) != 1 {
					t.Errorf("%s: %+v", f, r)
				}
			}
			// Waypoint-only GPX: a clear per-file failure; reference CSVs too.
			if r := byBase(res, "gpx_with_garmin_extension.gpx"); r.Status != store.StatusFailed || !strings.Contains(r.Error, "not an activity") {
				t.Errorf("waypoints-only gpx: %+v", r)
			}
			if r := byBase(res, "garmin-fenix-5-run-records.csv"); r.Status != store.StatusFailed {
				t.Errorf("reference csv: %+v", r)
			}
			// Cross-format pairs are kept once, as the device FIT.
			for _, at := range []time.Time{ride4078, ride5039} {
				got := sessionsAt(acts, at)
				if len(got) != 1 || got[0].Source.Format != rekindle.FormatFIT {
					t.Errorf("session at %v stored %d times: %+v", at, len(got), got)
				}
			}
			ath, _ := s.DefaultAthlete(context.Background())
			dups, _ := s.ListDuplicates(context.Background(), ath.ID)
			if len(dups) != 4 {
				t.Errorf("%d duplicates recorded, want 4 (two GPX of 4078723797, GPX and TCX of 5039744860): %+v", len(dups), dups)
			}
			// Importing again changes nothing.
			res2, st2 := run(t, s, dirs...)
			if st2.Activities != 0 || len(list(t, s)) != len(acts) {
				t.Fatalf("re-import stored %d more", st2.Activities)
			}
			for f, r := range res2 {
				if r.Status != store.StatusDuplicate && r.Status != store.StatusFailed {
					t.Errorf("re-import %s: %s", f, r.Status)
				}
			}
			dups2, _ := s.ListDuplicates(context.Background(), ath.ID)
			if len(dups2) != len(dups) {
				t.Errorf("re-import changed duplicates: %d → %d", len(dups), len(dups2))
			}
			// A stored activity comes back with its track.
			full, err := s.GetActivity(context.Background(), ath.ID, sessionsAt(acts, ride4078)[0].ID)
			if err != nil || full.Track.Len() < 1000 || full.Track.Power == nil {
				t.Fatalf("ride 4078723797: %v", err)
			}
		})
	}
}

func gz(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func read(t testing.TB, rel string) []byte {
	b, err := os.ReadFile(testkit.Activities(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// stravaHeader is the header of a recent Strava export (see MANIFEST.md),
// with its repeated column names.
const stravaHeader = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,Max Grade,Average Grade,Average Positive Grade,Average Negative Grade,Max Cadence,Average Cadence,Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories,Max Temperature,Average Temperature,Relative Effort,Total Work,Number of Runs,Uphill Time,Downhill Time,Other Time,Perceived Exertion"

func stravaRow(id, date, name, typ, desc, gear, file string, elapsed, moving, distM, avgHR float64, rpe string) string {
	f := make([]string, 44)
	f[0], f[1], f[2], f[3], f[4] = id, date, name, typ, desc
	f[5], f[6] = fmt.Sprint(elapsed), fmt.Sprintf("%.2f", distM/1000)
	f[11], f[12] = gear, file
	f[15], f[16], f[17] = fmt.Sprint(elapsed), fmt.Sprint(moving), fmt.Sprint(distM)
	f[31], f[43] = fmt.Sprint(avgHR), rpe
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(f)
	w.Flush()
	return strings.TrimSuffix(b.String(), "\n")
}

func writeZip(t testing.TB, path string, members map[string][]byte, order []string) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, name := range order {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(members[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func zipBytes(t testing.TB, members map[string][]byte, order []string) []byte {
	p := filepath.Join(t.TempDir(), "z.zip")
	writeZip(t, p, members, order)
	b, _ := os.ReadFile(p)
	return b
}

func TestStravaExport(t *testing.T) {
	needTestdata(t)
	rows := []string{stravaHeader,
		stravaRow("4078723797", "Sep 20, 2019, 2:10:03 PM", "Strava name for the FIT ride", "Ride", "windy", "Canyon", "activities/4078723797.fit.gz", 8098, 8000, 57600, 166, ""),
		stravaRow("4078723798", "Sep 20, 2019, 2:10:03 PM", "Same ride, Strava GPX", "Ride", "", "", "activities/4078723798.gpx.gz", 8098, 8000, 57600, 166, ""),
		stravaRow("100", "Jun 11, 2017, 2:34:09 PM", "Fenix run", "Run", "", "Pegasus", "activities/100.fit.gz", 57, 57, 157, 90, "4"),
		stravaRow("101", "Mar 3, 2015, 7:00:00 AM", "Treadmill, no file", "Run", "hotel gym", "", "", 1800, 1800, 5000, 150, "6"),
		stravaRow("102", "Mar 4, 2015, 7:00:00 AM", "File missing from export", "Run", "", "", "activities/102.gpx.gz", 2400, 2300, 7000, 0, ""),
		stravaRow("103", "Oct 3, 2010, 11:36:00 AM", "Korita TCX-less", "Hike", "", "", "activities/103.tcx", 5000, 4000, 5000, 0, ""),
	}
	members := map[string][]byte{
		"activities.csv":               []byte(strings.Join(rows, "\n") + "\n"),
		"activities/4078723797.fit.gz": gz(t, read(t, "fit/4078723797.fit")),
		"activities/4078723798.gpx.gz": gz(t, read(t, "gpx/4078723797_strava.gpx")),
		"activities/100.fit.gz":        gz(t, read(t, "fit/garmin-fenix-5-run.fit")),
		"activities/103.tcx":           read(t, "tcx/test.tcx"),
		"routes/1.gpx":                 read(t, "gpx/gpx_with_garmin_extension.gpx"),
	}
	order := []string{"activities.csv", "activities/4078723797.fit.gz", "activities/4078723798.gpx.gz", "activities/100.fit.gz", "activities/103.tcx", "routes/1.gpx"}
	dir := t.TempDir()
	archive := filepath.Join(dir, "export_12345.zip")
	writeZip(t, archive, members, order)
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			res, _ := run(t, s, archive)
			acts := list(t, s)
			// FIT ride (GPX twin deduped), fenix run, test.tcx, 2 summary-only rows.
			if len(acts) != 5 {
				for _, a := range acts {
					t.Logf("%v %s %s %s", a.Start, a.Sport, a.Name, a.Source.File)
				}
				t.Fatalf("%d activities, want 5; results %+v", len(acts), res)
			}
			ride := sessionsAt(acts, ride4078)
			if len(ride) != 1 || ride[0].Name != "Strava name for the FIT ride" || ride[0].Gear != "Canyon" || ride[0].Source.Format != rekindle.FormatFIT {
				t.Fatalf("ride: %+v", ride)
			}
			var summaryOnly int
			for _, a := range acts {
				if a.Source.Format == rekindle.FormatStravaCSV {
					summaryOnly++
					// Typed Run, no positions, a treadmill's name: a treadmill run
					// (sportinfer.TreadmillTypedAsRun).
					if a.Name == "Treadmill, no file" && (a.Summary.DistanceM != 5000 || a.RPE != 6 || a.Description != "hotel gym" || a.Sport != rekindle.SportTreadmill) {
						t.Errorf("summary-only row: %+v", a)
					}
				}
				if a.Name == "Fenix run" && (a.Gear != "Pegasus" || a.RPE != 4) {
					t.Errorf("fenix run metadata: %+v", a)
				}
			}
			if summaryOnly != 2 {
				t.Errorf("%d summary-only activities, want 2", summaryOnly)
			}
			if r := byBase(res, "routes/1.gpx"); r.Status != store.StatusFailed {
				t.Errorf("route gpx: %+v", r)
			}
			if r := byBase(res, "activities/4078723798.gpx.gz"); r.Status != store.StatusDuplicate {
				t.Errorf("strava gpx twin: %+v", r)
			}
			res2, st2 := run(t, s, archive)
			if st2.Activities != 0 || len(list(t, s)) != 5 {
				t.Fatalf("re-import stored %d more: %+v", st2.Activities, res2)
			}
		})
	}
}

func TestGarminExport(t *testing.T) {
	needTestdata(t)
	inner := map[string][]byte{
		"123_ACTIVITY.fit": read(t, "fit/activity-small-fenix2-run.fit"),
		"124_ACTIVITY.fit": read(t, "fit/garmin-fenix-5-walk.fit"),
		"125_ACTIVITY.fit": read(t, "fit/2020-06-01-16-52-40.fit"),
	}
	innerZip := zipBytes(t, inner, []string{"123_ACTIVITY.fit", "124_ACTIVITY.fit", "125_ACTIVITY.fit"})
	part2 := zipBytes(t, map[string][]byte{"126_ACTIVITY.fit": read(t, "fit/garmin-edge-820-bike.fit")}, []string{"126_ACTIVITY.fit"})
	outer := map[string][]byte{
		"DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip": innerZip,
		"DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part2.zip": part2,
		"DI_CONNECT/DI-Connect-Fitness/me_0_summarizedActivities.json":    []byte(`[{"summarizedActivitiesExport":[]}]`),
	}
	archive := filepath.Join(t.TempDir(), "garmin.zip")
	writeZip(t, archive, outer, []string{"DI_CONNECT/DI-Connect-Fitness/me_0_summarizedActivities.json",
		"DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part2.zip"})
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			res, _ := run(t, s, archive)
			if n := len(list(t, s)); n != 4 {
				t.Fatalf("%d activities, want 4: %+v", n, res)
			}
			if r := byBase(res, "UploadedFiles_0-_Part1.zip!125_ACTIVITY.fit"); r.Status != store.StatusImported {
				t.Errorf("nested member: %+v", r)
			}
			// The same ride as GPX later: a duplicate, the FIT stays.
			res2, _ := run(t, s, testkit.Activities(t, "gpx/activity_5039744860.gpx"), archive)
			if r := byBase(res2, "activity_5039744860.gpx"); r.Status != store.StatusDuplicate {
				t.Errorf("gpx twin: %+v", r)
			}
			if n := len(list(t, s)); n != 4 {
				t.Fatalf("after re-import: %d activities", n)
			}
		})
	}
}

func TestHostileInput(t *testing.T) {
	needTestdata(t)
	dir := t.TempDir()
	bomb := make([]byte, 50<<20) // 50 MiB of zeros compresses ~1000:1
	archive := filepath.Join(dir, "hostile.zip")
	writeZip(t, archive, map[string][]byte{
		"../../etc/evil.gpx": read(t, "gpx/Mojstrovka.gpx"),
		"bomb.gpx":           bomb,
		"ok.gpx":             read(t, "gpx/Mojstrovka.gpx"),
		"junk.fit":           []byte("\x0e\x10\x00\x00\x10\x00\x00\x00.FITgarbage"),
	}, []string{"../../etc/evil.gpx", "bomb.gpx", "ok.gpx", "junk.fit"})
	if err := os.WriteFile(filepath.Join(dir, "bomb.gpx.gz"), gz(t, bomb), 0o644); err != nil {
		t.Fatal(err)
	}
	s := stores(t)["sqlite"]
	res, _ := run(t, s, dir)
	want := map[string]string{
		"hostile.zip!../../etc/evil.gpx": "unsafe path",
		"hostile.zip!bomb.gpx":           "bomb",
		"bomb.gpx.gz":                    "bomb",
		"hostile.zip!junk.fit":           "",
	}
	for f, msg := range want {
		r := byBase(res, f)
		if r.Status != store.StatusFailed || !strings.Contains(r.Error, msg) {
			t.Errorf("%s: %+v", f, r)
		}
	}
	// Mojstrovka's points are all stamped 1901: its route is kept as a
	// course, not as an activity.
	if r := byBase(res, "hostile.zip!ok.gpx"); r.Status == store.StatusFailed || r.Courses != 1 || len(r.ActivityIDs) != 0 {
		t.Errorf("good member next to bad ones: %+v", r)
	}
}

func TestHistoryCSV(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "history.csv")
	os.WriteFile(p, []byte("date,sport,distance_km,duration,avg_hr,name\n2012-05-01,running,10.5,0:50:00,150,Tempo\n2012-05-02,Ride,30,3600,,Commute\nnot-a-date,running,1,1,,\n"), 0o644)
	s := stores(t)["sqlite"]
	res, _ := run(t, s, p)
	r := byBase(res, "history.csv")
	if r.Status != store.StatusPartial || len(r.ActivityIDs) != 2 || len(r.Warnings) != 1 {
		t.Fatalf("history csv: %+v", r)
	}
	acts := list(t, s)
	if len(acts) != 2 || acts[0].Summary.DistanceM != 10500 || acts[0].Summary.MovingS != 3000 || acts[1].Sport != rekindle.SportCycling {
		t.Fatalf("activities: %+v %+v", acts[0], acts[1])
	}
}

// Strava types a summary CSV names that are no run (held-out real-43): a
// snowboard day (25 km at 4:00/km, HR 148) or a kayak outing at a jogging
// speed is what the file says, not a run the speed rule guessed.
func TestHistoryCSVStravaSnowAndPaddleTypes(t *testing.T) {
	checkCSVSports(t, "2025-03-09 09:33:55,Snowboard,25.162,1:41:02,148,\n"+
		"2025-03-11 10:34:38,Snowboard,13.684,0:48:24,146,\n"+
		"2025-06-01 10:00:00,Kayaking,8.0,1:00:00,120,\n"+
		"2025-03-17 16:46:00,Run,6.45,0:32:30,166,\n",
		map[rekindle.Sport]int{rekindle.SportSkiing: 2, rekindle.SportRowing: 1, rekindle.SportRunning: 1})
}

// Garmin Connect's type keys in a summary CSV (held-out real-20): a virtual
// or road ride at 20 km/h is a ride, not a run the speed rule guessed.
func TestHistoryCSVGarminTypeKeys(t *testing.T) {
	checkCSVSports(t, "2022-04-22 11:00,virtual_ride,29.992,1:29:47,0,\n"+
		"2023-08-27 07:18,road_biking,151.724,7:32:24,147,\n"+
		"2021-08-08 05:45,mountain_biking,13.062,0:58:31,,\n"+
		"2025-02-24 10:21,treadmill_running,5.33,0:29:37,140,\n",
		map[rekindle.Sport]int{rekindle.SportCycling: 2, rekindle.SportVirtualRide: 1, rekindle.SportTreadmill: 1})
}

// checkCSVSports imports summary CSV rows (date,sport,distance_km,duration,
// avg_hr,name) and checks each row's sport came from the file and the
// sports counted are want.
func checkCSVSports(t *testing.T, rows string, want map[rekindle.Sport]int) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "history.csv")
	if err := os.WriteFile(p, []byte("date,sport,distance_km,duration,avg_hr,name\n"+rows), 0o644); err != nil {
		t.Fatal(err)
	}
	s := stores(t)["sqlite"]
	run(t, s, p)
	acts := list(t, s)
	if n := strings.Count(rows, "\n"); len(acts) != n {
		t.Fatalf("%d activities, want %d", len(acts), n)
	}
	got := map[rekindle.Sport]int{}
	for _, a := range acts {
		got[a.Sport]++
		if a.SportSourceKey() != "file" {
			t.Errorf("%s %s: sport decided by %s, want the file", a.Start.Format("2006-01-02"), a.Sport, a.SportSourceKey())
		}
	}
	if !maps.Equal(got, want) {
		t.Errorf("sports %v, want %v", got, want)
	}
}

// Sports a summary CSV names that rekindle has no key for (held-out real-43's
// Tennis, the casebook's padel, indoor_climbing, Rock Climb, golf): the file
// said the sport, so it is no run the speed rule guessed — a padel game at
// 6:30/km was read as a jog. A type whose words name a known sport is that
// sport; a bare number says nothing and is still inferred.
func TestHistoryCSVSportsWithNoKey(t *testing.T) {
	checkCSVSports(t, "2025-08-06 16:09:18,Tennis,6.2,0:40:00,140,\n"+
		"2024-05-02 19:00:00,padel,5.5,0:36:00,138,\n"+
		"2024-05-03 19:00:00,Rock Climb,0.4,1:30:00,110,\n"+
		"2024-05-04 08:00:00,indoor_climbing,0,1:30:00,,\n"+
		"2024-05-05 10:00:00,Football (Soccer),7.8,0:55:00,150,\n"+
		"2024-05-06 10:00:00,resort_skiing_snowboarding_ws,20,1:30:00,130,\n"+
		"2024-05-07 07:00:00,Run,6.45,0:32:30,166,\n",
		map[rekindle.Sport]int{rekindle.SportOther: 5, rekindle.SportSkiing: 1, rekindle.SportRunning: 1})
}

// Rows a summary CSV types Run with a treadmill's name and no positions
// (held-out real-76: a phone app's "跑步机" sessions saved as Run) are read
// as treadmill runs, said once for the file, so that a hard 5 km on the belt
// is never taken for a road race; a run named otherwise stays a run.
func TestHistoryCSVTreadmillTypedAsRuns(t *testing.T) {
	p := filepath.Join(t.TempDir(), "history.csv")
	rows := "date,sport,distance_km,duration,avg_hr,name\n" +
		"2025-09-13 07:59:22,Run,5.883,0:29:49,180,跑步机\n" +
		"2025-09-21 07:33:44,Run,5.257,0:27:05,170,跑步机\n" +
		"2025-09-22 07:30:00,Run,5.010,0:28:40,160,跑步\n"
	if err := os.WriteFile(p, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, s := range stores(t) {
		res, _ := run(t, s, p)
		got := map[rekindle.Sport]int{}
		for _, a := range list(t, s) {
			got[a.Sport]++
			if a.Sport == rekindle.SportTreadmill && a.SportSource != rekindle.SportInferredName {
				t.Errorf("%s: %q decided by %q, want %q", name, a.Name, a.SportSource, rekindle.SportInferredName)
			}
		}
		if want := (map[rekindle.Sport]int{rekindle.SportTreadmill: 2, rekindle.SportRunning: 1}); !maps.Equal(got, want) {
			t.Errorf("%s: sports %v, want %v", name, got, want)
		}
		if w := strings.Join(res[p].Warnings, " | "); !strings.Contains(w, "2 activities typed as runs had no positions and a treadmill's name") {
			t.Errorf("%s: warnings %q", name, w)
		}
	}
}

// A summary list that types walks itself, its usual run a slow jog faster
// and at a higher heart rate than those walks (held-out real-113: an older
// jogger's 3.2 km loop at 12 min/km and heart rate 95, the same watch's
// walks at 15 min/km and 61-79), keeps its slow runs as runs.
func TestHistoryCSVSlowJoggerBesideTypedWalks(t *testing.T) {
	p := filepath.Join(t.TempDir(), "history.csv")
	rows := "date,sport,distance_km,duration,avg_hr,name\n" +
		"2023-05-01 10:00,Running,3.219,0:39:18,97,Running\n" +
		"2023-05-03 10:00,Running,3.267,0:41:00,89,Running\n" +
		"2023-05-05 10:00,Running,3.170,0:40:35,106,Running\n" +
		"2023-05-07 10:00,Running,3.219,0:38:49,97,Running\n" +
		"2023-05-02 10:00,Walking,4.184,1:02:42,76,Walking\n" +
		"2023-05-04 10:00,Walking,3.492,0:47:58,79,Walking\n" +
		"2023-05-06 10:00,Walking,3.750,0:56:04,61,Walking\n"
	if err := os.WriteFile(p, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	s := stores(t)["sqlite"]
	run(t, s, p)
	got := map[rekindle.Sport]int{}
	for _, a := range list(t, s) {
		got[a.Sport]++
	}
	if want := (map[rekindle.Sport]int{rekindle.SportWalking: 3, rekindle.SportRunning: 4}); !maps.Equal(got, want) {
		t.Errorf("sports %v, want %v", got, want)
	}
}

// Rows a summary CSV types Run at a walk's pace and heart rate, or with no
// heart rate and a walk's name (held-out real-55: daily walks saved with the
// app's default type), are read as walks, said once for the file; a run at
// a jog's pace and a slow run at a runner's heart rate stay runs.
func TestHistoryCSVWalksTypedAsRuns(t *testing.T) {
	p := filepath.Join(t.TempDir(), "history.csv")
	rows := "date,sport,distance_km,duration,avg_hr,name\n" +
		"2025-09-01 07:03,Run,6.150,1:09:15,74,walk\n" +
		"2025-09-01 12:38,Run,4.150,0:52:20,,walk\n" +
		"2025-09-04 14:30,Run,5.010,0:25:40,168,\n" +
		"2025-09-05 14:30,Run,5.000,0:48:00,150,\n"
	if err := os.WriteFile(p, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	s := stores(t)["sqlite"]
	res, _ := run(t, s, p)
	got := map[rekindle.Sport]int{}
	for _, a := range list(t, s) {
		got[a.Sport]++
	}
	if want := (map[rekindle.Sport]int{rekindle.SportWalking: 2, rekindle.SportRunning: 2}); !maps.Equal(got, want) {
		t.Errorf("sports %v, want %v", got, want)
	}
	if w := strings.Join(res[p].Warnings, " | "); !strings.Contains(w, "2 activities typed as runs had a walk's pace and heart rate") {
		t.Errorf("warnings %q", w)
	}
}
