package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rekindle"
)

// A history that lists some sessions twice (the same start, distances a few
// percent apart, as an export merging two of its own sources does) stores
// each session once; same-start records that differ in sport or by more
// than 5 % in distance stay apart.
func TestSameRecordListedTwiceCSV(t *testing.T) {
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "history.csv")
			body := "date,sport,distance_km,duration,avg_hr,name\n" +
				"2016-04-17 00:58,Run,21.139,2:06:58,,\n" +
				"2016-04-17 00:58,Run,20.696,2:06:50,,\n" + // 2.1 % shorter: the same run
				"2016-04-28 13:33,Run,4.978,0:31:16,,\n" +
				"2016-04-28 13:33:40,Run,4.927,0:31:10,151,\n" + // 40 s later, with HR: the same run
				"2016-05-01 07:00,Run,5.0,0:30:00,,\n" +
				"2016-05-01 07:00,Ride,5.1,0:15:00,,\n" + // another sport: kept
				"2016-05-03 07:00,Run,10.0,0:50:00,,\n" +
				"2016-05-03 07:00,Run,9.0,0:45:00,,\n" + // 10 % apart: kept
				"2016-05-05 07:00,Run,8.0,0:40:00,,\n" +
				"2016-05-05 07:03,Run,8.0,0:40:00,,\n" // 3 minutes later: kept
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			res, st := run(t, s, p)
			r := byBase(res, "history.csv")
			acts := list(t, s)
			if len(acts) != 8 || len(r.ActivityIDs) != 8 || st.DuplicateActivities != 2 {
				t.Fatalf("stored %d, file ids %v, duplicates %d; want 8, 8, 2", len(acts), r.ActivityIDs, st.DuplicateActivities)
			}
			half := sessionsAt(acts, time.Date(2016, 4, 17, 0, 58, 0, 0, time.UTC))
			if len(half) != 1 || half[0].Summary.DistanceM != 21139 {
				t.Fatalf("half: %d stored, want 1 (the first row)", len(half))
			}
			ath, _ := s.DefaultAthlete(t.Context())
			dups, err := s.ListDuplicates(t.Context(), ath.ID)
			if err != nil || len(dups) != 2 {
				t.Fatalf("duplicates recorded: %v %v", dups, err)
			}
			// Importing the same file again adds nothing.
			if _, st := run(t, s, p); st.Imported != 0 || len(list(t, s)) != 8 {
				t.Fatalf("re-import: %+v", st)
			}
		})
	}
}

func tcxActivity(start time.Time, distM float64, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<Activity Sport="Running"><Id>%s</Id><Lap StartTime="%s"><TotalTimeSeconds>%d</TotalTimeSeconds><DistanceMeters>%.1f</DistanceMeters><Track>`,
		start.Format(time.RFC3339), start.Format(time.RFC3339), n*10, distM)
	for i := 0; i <= n; i++ {
		fmt.Fprintf(&b, `<Trackpoint><Time>%s</Time><Position><LatitudeDegrees>%.6f</LatitudeDegrees><LongitudeDegrees>13.4</LongitudeDegrees></Position><DistanceMeters>%.1f</DistanceMeters></Trackpoint>`,
			start.Add(time.Duration(i)*10*time.Second).Format(time.RFC3339), 52.5+float64(i)*distM/float64(n)/111_195, float64(i)*distM/float64(n))
	}
	b.WriteString(`</Track></Lap></Activity>`)
	return b.String()
}

// The same holds in a device format: a TCX with the session twice (the
// second with more samples, so it wins) stores one activity.
func TestSameRecordListedTwiceTCX(t *testing.T) {
	s := stores(t)["sqlite"]
	start := time.Date(2019, 6, 2, 6, 30, 0, 0, time.UTC)
	p := filepath.Join(t.TempDir(), "two.tcx")
	body := `<?xml version="1.0" encoding="UTF-8"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>` +
		tcxActivity(start, 5000, 100) + tcxActivity(start.Add(20*time.Second), 5150, 200) +
		tcxActivity(start.Add(5*time.Hour), 5000, 100) + `</Activities></TrainingCenterDatabase>`
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	res, _ := run(t, s, p)
	acts := list(t, s)
	if r := byBase(res, "two.tcx"); len(acts) != 2 || len(r.ActivityIDs) != 2 {
		t.Fatalf("stored %d (file ids %v), want 2", len(acts), r.ActivityIDs)
	}
	first := sessionsAt(acts, start)
	if len(first) != 1 || first[0].Source.Index != 1 || first[0].Sport != rekindle.SportRunning {
		t.Fatalf("kept %+v, want the richer record (index 1)", first)
	}
}

// A row with a negative or unreadable value is skipped with a warning that
// names the file, the line, the column and the value.
func TestHistoryCSVBadValueNamed(t *testing.T) {
	p := filepath.Join(t.TempDir(), "history.csv")
	body := "date,sport,distance_km,duration,avg_hr,name\n" +
		"2016-12-19 05:58,Run,6.023,0:32:26,,\n" +
		"2016-12-19 05:58,Run,5.707,-16:38:29,,\n" +
		"2016-12-20 05:58,Run,5.7,0:30:xx,,\n" +
		"2016-12-21 05:58,Run,five,0:30:00,,\n" +
		"2016-12-22 05:58,Run,5,0:30:00,-3,\n" +
		"2016-12-23 05:58,Run,5,,,\n"
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	s := stores(t)["sqlite"]
	res, _ := run(t, s, p)
	r := byBase(res, "history.csv")
	want := []string{
		`history.csv line 3: duration "-16:38:29" is negative; row skipped`,
		`history.csv line 4: duration "0:30:xx" is not seconds, MM:SS or H:MM:SS; row skipped`,
		`history.csv line 5: distance_km "five" is not a number; row skipped`,
		`history.csv line 6: avg_hr "-3" is negative; row skipped`,
		`history.csv line 7: duration is empty; row skipped`,
	}
	if len(r.ActivityIDs) != 1 || strings.Join(r.Warnings, "\n") != strings.Join(want, "\n") {
		t.Fatalf("ids %v, warnings:\n%s\nwant:\n%s", r.ActivityIDs, strings.Join(r.Warnings, "\n"), strings.Join(want, "\n"))
	}
}

// Two apps' rows of one session that differ in title keep the runner's
// own title, whichever row is kept: "半马配速跑半马" (a half at half-marathon
// pace: training) over the app's "跑步", "Tempo 3x2k" over "Morning Run".
// An app's title never replaces the runner's (held-out real-61, whose
// Garmin and Strava rows of each run came in one list).
func TestSameRecordKeepsRunnersTitle(t *testing.T) {
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "history.csv")
			body := "date,sport,distance_km,duration,avg_hr,name\n" +
				"2023-11-04 07:16,Run,21.120,1:59:40,144,跑步\n" +
				"2023-11-04 07:16,Run,21.120,1:59:51,144,半马配速跑半马\n" +
				"2023-11-06 07:16,Run,10.020,0:50:00,150,Tempo 3x2k\n" +
				"2023-11-06 07:16,Run,10.000,0:50:02,,Morning Run\n"
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			run(t, s, p)
			acts := list(t, s)
			if len(acts) != 2 {
				t.Fatalf("stored %d, want 2", len(acts))
			}
			want := map[int]string{4: "半马配速跑半马", 6: "Tempo 3x2k"}
			for _, a := range acts {
				if got := a.Name; got != want[a.Start.UTC().Day()] {
					t.Errorf("%s: name %q, want %q", a.Start.UTC().Format("2006-01-02"), got, want[a.Start.UTC().Day()])
				}
			}
		})
	}
}

// A list that holds one session twice, from a phone app and from its GPS
// file, the file's moving time a fraction of the app's (held-out real-122:
// "gpx from keep" 7.06 km in 16:41, 25 km/h, beside "Run from keep" 7.17
// km in 1:01:11, the same start), stores the session at the runner's pace
// whichever row comes first. Two rows both at a runner's pace keep the
// first (TestSameRecordListedTwiceCSV).
func TestSameRecordTwiceKeepsTheRowARunnerCouldRun(t *testing.T) {
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "history.csv")
			body := "date,sport,distance_km,duration,avg_hr,name\n" +
				"2024-04-21 13:37:59,running,7.060,0:16:41,165,gpx\n" +
				"2024-04-21 13:37:59,running,7.169,1:01:11,162,app\n" +
				"2025-07-29 22:57:31,running,5.131,0:42:21,,app\n" +
				"2025-07-29 22:57:31,running,5.012,0:11:53,,gpx\n"
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, st := run(t, s, p); st.DuplicateActivities != 2 {
				t.Fatalf("duplicates %d, want 2", st.DuplicateActivities)
			}
			acts := list(t, s)
			if len(acts) != 2 {
				t.Fatalf("stored %d, want 2", len(acts))
			}
			for _, a := range acts {
				if a.Summary.MovingS < 2000 || a.SetAside {
					t.Errorf("%s: kept %q (%.2f km in %.0f s, set aside %v), want the app row's time", a.Start.Format(time.DateOnly), a.Name, a.Summary.DistanceM/1000, a.Summary.MovingS, a.SetAside)
				}
			}
		})
	}
}
