package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rekindle"
)

// gpxTrack writes a GPX 1.1 track with no <type>: n points at 1 Hz heading
// north at speed m/s from start, with the given name ("" for none).
func gpxTrack(name string, start time.Time, n int, speed float64, withTime bool) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="SomePhoneApp" xmlns="http://www.topografix.com/GPX/1/1"><trk>`)
	if name != "" {
		fmt.Fprintf(&b, "<name>%s</name>", name)
	}
	b.WriteString("<trkseg>")
	for i := range n {
		fmt.Fprintf(&b, `<trkpt lat="%.7f" lon="8.5400000"><ele>410</ele>`, 47.37+float64(i)*speed/111195)
		if withTime {
			fmt.Fprintf(&b, "<time>%s</time>", start.Add(time.Duration(i)*time.Second).Format(time.RFC3339))
		}
		b.WriteString("</trkpt>")
	}
	b.WriteString("</trkseg></trk></gpx>")
	return []byte(b.String())
}

func TestImportInfersSportsAndKeepsCourses(t *testing.T) {
	dir := t.TempDir()
	day := time.Date(2021, 6, 5, 6, 30, 0, 0, time.UTC)
	files := map[string][]byte{
		"run.gpx":     gpxTrack("", day, 1800, 2.94, true),                           // 5:40/km, no name, no type
		"abend.gpx":   gpxTrack("Abendlauf", day.Add(36*time.Hour), 1200, 3.2, true), // the name decides
		"ride.gpx":    gpxTrack("", day.Add(72*time.Hour), 1800, 8.0, true),          // 28.8 km/h
		"planned.gpx": gpxTrack("Lakeside 10K", time.Time{}, 400, 25, false),         // a course: no times
		"other.gpx":   gpxTrack("", day.Add(96*time.Hour), 400, 25, false),           // another course, not a duplicate
		"old.gpx":     gpxTrack("", time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), 600, 3, true),
	}
	for n, b := range files {
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	hist := filepath.Join(dir, "history.csv")
	os.WriteFile(hist, []byte("date,sport,distance_km,duration,avg_hr,name\n1975-05-01,running,10.5,0:50:00,150,Tempo\n"), 0o644)
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			res, st := run(t, s, dir)
			want := map[string]struct {
				sport  rekindle.Sport
				source string
				warn   string
			}{
				"run.gpx":   {rekindle.SportRunning, rekindle.SportInferredSpeed, "sport inferred as running from pace 5:40/km"},
				"abend.gpx": {rekindle.SportRunning, rekindle.SportInferredName, `"lauf"`},
				"ride.gpx":  {rekindle.SportCycling, rekindle.SportInferredSpeed, "sport inferred as cycling from speed 28.8 km/h"},
			}
			ctx := context.Background()
			ath, _ := s.DefaultAthlete(ctx)
			for f, w := range want {
				r := byBase(res, f)
				// A sport inferred is a note: the file is imported, not partial.
				if len(r.ActivityIDs) != 1 || r.Status != "imported" || !strings.Contains(strings.Join(r.Warnings, "|"), w.warn) {
					t.Errorf("%s: %+v, want a warning with %q", f, r, w.warn)
					continue
				}
				a, err := s.GetActivity(ctx, ath.ID, r.ActivityIDs[0])
				if err != nil {
					t.Fatal(err)
				}
				if a.Sport != w.sport || a.SportSource != w.source {
					t.Errorf("%s: sport %q (%s), want %q (%s)", f, a.Sport, a.SportSource, w.sport, w.source)
				}
			}
			if st.InferredSports != 3 {
				t.Errorf("%d inferred sports, want 3", st.InferredSports)
			}
			for _, f := range []string{"planned.gpx", "other.gpx", "old.gpx"} {
				if r := byBase(res, f); r.Status == "failed" || r.Courses != 1 || len(r.ActivityIDs) != 0 {
					t.Errorf("%s: %+v, want one course and no activity", f, r)
				}
			}
			if r := byBase(res, "history.csv"); r.Status != "failed" || !strings.Contains(r.Error, "before 1980 (1975-05-01)") {
				t.Errorf("history.csv: %+v, want refused: before 1980", r)
			}
			courses, err := s.ListCourses(ctx, ath.ID)
			if err != nil || len(courses) != 3 || st.Courses != 3 {
				t.Fatalf("courses %d (%v), stats %d; want 3", len(courses), err, st.Courses)
			}
			for _, c := range courses {
				if c.Name == "Lakeside 10K" && (c.DistanceM < 9900 || c.DistanceM > 10100) {
					t.Errorf("course distance %.0f, want about 9975", c.DistanceM)
				}
			}
			// Zurich starts: the athlete's zone, home and country are set.
			if a, _ := s.GetAthlete(ctx, ath.ID); a.TimeZone != "Europe/Zurich" || a.Country != "CH" || a.TimeZoneSource != "inferred" || a.HomeLat < 47.3 || a.HomeLat > 47.5 {
				t.Errorf("athlete after import: zone %q (%s) country %q home %.3f,%.3f", a.TimeZone, a.TimeZoneSource, a.Country, a.HomeLat, a.HomeLon)
			}
			if !strings.Contains(st.Place, "time zone set to Europe/Zurich (country CH) from where 3 of your 3 recent activities start") {
				t.Errorf("import summary place: %q", st.Place)
			}
			// A zone the runner set is never changed.
			a, _ := s.GetAthlete(ctx, ath.ID)
			a.TimeZone, a.TimeZoneSource = "Asia/Shanghai", "user"
			s.UpdateAthlete(ctx, a)
			if msg, err := InferPlace(ctx, s, ath.ID); err != nil || msg != "" {
				t.Errorf("InferPlace over a user zone: %q, %v", msg, err)
			}
			if a, _ := s.GetAthlete(ctx, ath.ID); a.TimeZone != "Asia/Shanghai" {
				t.Errorf("user zone changed to %q", a.TimeZone)
			}
			acts := list(t, s)
			for _, a := range acts {
				if a.Start.Before(MinStart) {
					t.Errorf("activity %d stored on %s", a.ID, a.Start)
				}
			}
			if len(acts) != 3 {
				t.Errorf("%d activities, want 3", len(acts))
			}
		})
	}
}

// FuzzDecodeGPX runs GPX bytes through the whole per-file path (decode,
// measure, sport inference, courses, the 1980 floor): it must not panic,
// never keep an activity before 1980, and give courses without times.
func FuzzDecodeGPX(f *testing.F) {
	day := time.Date(2021, 6, 5, 6, 30, 0, 0, time.UTC)
	f.Add(gpxTrack("", day, 60, 2.9, true))
	f.Add(gpxTrack("晨跑", day, 30, 8, true))
	f.Add(gpxTrack("Lakeside 10K", time.Time{}, 20, 25, false))
	f.Add(gpxTrack("", time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), 20, 3, true))
	// Keep's indoor file (two points at one position) and a run whose
	// first points share one instant (testdata/imports).
	for _, name := range []string{"real69-9223370383047565807-keep-twopoint.gpx", "real69-9223370252849085020-keep-collapsed.gpx"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "imports", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		acts, courses, _, err := decodeData(context.Background(), KindGPX, data, "f.gpx", nil, false, nil, DefaultDecoders(), DefaultLimits, nil)
		if err != nil {
			return
		}
		for _, a := range acts {
			if a.Start.Before(MinStart) {
				t.Fatalf("activity on %s kept", a.Start)
			}
			if a.SportSource == "" {
				t.Fatal("no sport source")
			}
			if err := a.Track.Validate(); err != nil {
				t.Fatalf("track after decode and repair: %v", err)
			}
		}
		for _, c := range courses {
			if c.Points.Time != nil || c.Points.Validate() != nil {
				t.Fatalf("course with times or a bad track")
			}
		}
	})
}

// A GPX whose <type> names a sport rekindle has no key for (a phone app's
// "Tennis") is that sport as the file said, not a run by its speed; a type in
// another language that names running ("Laufen") is a run from the file,
// measured as one (best efforts), with no "inferred" warning.
func TestImportGPXTypeWithNoKey(t *testing.T) {
	typed := func(typ string, start time.Time) []byte {
		return []byte(strings.Replace(string(gpxTrack("", start, 1800, 2.6, true)), "<trk>", "<trk><type>"+typ+"</type>", 1))
	}
	day := time.Date(2024, 5, 4, 9, 0, 0, 0, time.UTC)
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			for f, b := range map[string][]byte{"tennis.gpx": typed("Tennis", day), "laufen.gpx": typed("Laufen", day.Add(48*time.Hour))} {
				if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			res, _ := run(t, s, dir)
			ctx := context.Background()
			ath, _ := s.DefaultAthlete(ctx)
			for f, want := range map[string]rekindle.Sport{"tennis.gpx": rekindle.SportOther, "laufen.gpx": rekindle.SportRunning} {
				r := byBase(res, f)
				if len(r.ActivityIDs) != 1 || len(r.Warnings) != 0 {
					t.Errorf("%s: %+v, want one activity and no warning", f, r)
					continue
				}
				a, err := s.GetActivity(ctx, ath.ID, r.ActivityIDs[0])
				if err != nil {
					t.Fatal(err)
				}
				if a.Sport != want || a.SportSourceKey() != rekindle.SportFromFile {
					t.Errorf("%s: sport %q (%s), want %q from the file", f, a.Sport, a.SportSourceKey(), want)
				}
				if want.IsRun() && len(a.Summary.BestEfforts) == 0 {
					t.Errorf("%s: a run with no best efforts measured", f)
				}
			}
		})
	}
}
