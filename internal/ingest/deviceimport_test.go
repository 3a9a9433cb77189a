package ingest

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rekindle"
)

// Real device files from a held-out round (testdata/imports/README.md):
// each was mis-read before, each is read as the file says now.
func TestImportRealDeviceFiles(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "imports")
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			res, _ := run(t, s, dir)
			ctx := context.Background()
			ath, _ := s.DefaultAthlete(ctx)
			get := func(base string) (FileResult, *rekindle.Activity) {
				r := byBase(res, base)
				if len(r.ActivityIDs) != 1 {
					t.Fatalf("%s: %+v, want one activity", base, r)
				}
				a, err := s.GetActivity(ctx, ath.ID, r.ActivityIDs[0])
				if err != nil {
					t.Fatal(err)
				}
				return r, a
			}

			// An Apple Watch run through Strava: the watch's own distance
			// every few seconds in records of their own (167 of 432),
			// 823.1 m at its last reading, 819.8 m in the session (and in
			// Strava's list); the positions alone gave 755 m. The session's
			// total is the device's word.
			r, a := get("real64-12443949533-applewatch-run.fit")
			if r.Status != "imported" || a.Summary.DistanceSource != "device" || math.Abs(a.Summary.DistanceM-819.8) > 0.5 {
				t.Errorf("apple watch run: %s, distance %.1f m (%s), want 819.8 m from the device", r.Status, a.Summary.DistanceM, a.Summary.DistanceSource)
			}

			// A 2020 Strava FIT whose file_id writes serial_number's uint32z
			// as base type 0x0C (without the endian bit): sound, CRC right.
			r, a = get("real64-3280081443-basetype.fit")
			if r.Status != "imported" || len(r.Warnings) != 0 || a.Sport != rekindle.SportRunning || math.Abs(a.Summary.DistanceM-1398.7) > 30 {
				t.Errorf("base type 0x0C: %s %q, %s %.1f m, want imported without warnings, a run of about 1398.7 m", r.Status, r.Warnings, a.Sport, a.Summary.DistanceM)
			}

			// Garmin Connect's GPX of a pool swim: no points, a start time
			// and a sport: a session, not refused.
			r, a = get("real62-activity_22681622214-poolswim.gpx")
			want := time.Date(2026, 4, 27, 18, 37, 50, 0, time.UTC)
			if a.Sport != rekindle.SportPoolSwim || !a.Start.Equal(want) || a.Name != "Piscina" ||
				!strings.Contains(strings.Join(r.Warnings, "|"), "no track points: kept as a session") {
				t.Errorf("pool swim: %s %q, %s %s %q", r.Status, r.Warnings, a.Sport, a.Start, a.Name)
			}

			// A Joyrun track of 2018: 5 s samples, 42 of 332 repeating the
			// position before them (the app writes its last fix again
			// between GPS updates, then a 20 m jump). Joyrun's own moving
			// time is 27:38 (1658 s) for 5.03 km; read as stops the repeats
			// made it 1430 s, a pace 14% too fast.
			r, a = get("real68-221541692-joyrun-repeats.gpx")
			if a.Sport != rekindle.SportRunning || math.Abs(a.Summary.MovingS/1658-1) > 0.03 || math.Abs(a.Summary.DistanceM-5026) > 150 {
				t.Errorf("joyrun repeats: %s %q, %s, %.0f m in %.0f s moving, want a run of about 5026 m in about 1658 s", r.Status, r.Warnings, a.Sport, a.Summary.DistanceM, a.Summary.MovingS)
			}
			// Keep's indoor files: two points at one placeholder position
			// (the centre of Beijing; the runner lives in Kunming), no
			// distance, no <type>; the app's list: runs of 23.11 km in
			// 2:27:52 and 1.27 km in 11:37 (heart rate 126; the file holds
			// one reading at the end). An indoor session of the file's
			// duration, no route, distance and mean heart rate unknown,
			// load from the duration; and a treadmill run: the file's
			// writer (running_page's Keep sync, track "gpx from keep", no
			// type) wrote files for Keep's runs only. Said per file, as a
			// note (imported).
			for _, c := range []struct {
				base string
				s    float64
			}{{"real69-9223370358658189807-keep-twopoint.gpx", 8872}, {"real69-9223370383047565807-keep-twopoint.gpx", 697}} {
				r, a = get(c.base)
				w := strings.Join(r.Warnings, "|")
				if a.Track.HasPosition() || a.Summary.ElapsedS != c.s || a.Summary.MovingS != c.s || a.Summary.DistanceM != 0 ||
					a.Summary.AvgHR != 0 || a.Sport != rekindle.SportTreadmill || a.SportSource != rekindle.SportInferredName || r.Status != "imported" ||
					!strings.Contains(w, `sport inferred as treadmill from the name "gpx from keep" with no type`) {
					t.Errorf("keep indoor %s: %s %q, positions %v, %.0f s elapsed, %.0f s moving, %.0f m, heart rate %.0f, %s (%s)", c.base, r.Status, r.Warnings,
						a.Track.HasPosition(), a.Summary.ElapsedS, a.Summary.MovingS, a.Summary.DistanceM, a.Summary.AvgHR, a.Sport, a.SportSource)
				}
			}

			// A Keep run of July 2026 whose first 403 points (9.3 km) carry
			// times within 28 s, then one step of 45:48, then points every
			// 9 s: the app's list says 11.18 km in 54:29 moving. Read as
			// written it was 4.0 km in 8:43 moving (the stretch a glitch,
			// its time a pause); spread over the step by distance, the run
			// and its time are the file's.
			r, a = get("real69-9223370252849085020-keep-collapsed.gpx")
			if a.Sport != rekindle.SportRunning || math.Abs(a.Summary.DistanceM/11184-1) > 0.03 || math.Abs(a.Summary.MovingS/3269-1) > 0.05 ||
				!strings.Contains(strings.Join(r.Warnings, "|"), "403 points were written at (nearly) one instant and then 45:48 passed with no point") {
				t.Errorf("keep collapsed times: %q, %s, %.0f m in %.0f s moving, want a run of about 11184 m in about 3269 s", r.Warnings, a.Sport, a.Summary.DistanceM, a.Summary.MovingS)
			}
		})
	}
}

// Keep's two-point indoor file as running_page's Keep sync writes it since
// April 2024, the sport on the track (<type>Run</type>, inserted in the real
// file of 2022-05-29), is a treadmill run: the app says run, the track says
// indoors (no position but one, no distance), never a road run of no
// distance. The same file under a name no app is known by and with no type
// stays other, with the warning that says how to set it. Both stores.
func TestImportKeepIndoorFileTypedRun(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "imports", "real69-9223370383047565807-keep-twopoint.gpx"))
	if err != nil {
		t.Fatal(err)
	}
	const name = "<name>gpx from keep</name>"
	if !bytes.Contains(src, []byte(name)) {
		t.Fatal("the Keep file's track name moved")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "typed.gpx"), bytes.Replace(src, []byte(name), []byte(name+"\n    <type>Run</type>"), 1), 0o644)
	os.WriteFile(filepath.Join(dir, "unknown.gpx"), bytes.Replace(src, []byte(name), []byte("<name>Workout</name>"), 1), 0o644)
	for sn := range stores(t) {
		t.Run(sn, func(t *testing.T) {
			for base, want := range map[string]struct {
				sport  rekindle.Sport
				source string
				warn   string
			}{
				"typed.gpx":   {rekindle.SportTreadmill, rekindle.SportInferredSpeed, "typed a run, but read as treadmill from its track: 2 points at one position and no distance"},
				"unknown.gpx": {rekindle.SportOther, rekindle.SportFromFile, "sport unknown: the file did not say and it is an indoor session"},
			} {
				// One session: each file in a store of its own (together
				// they are one session twice).
				s := freshStore(t, sn)
				res, _ := run(t, s, filepath.Join(dir, base))
				ath, _ := s.DefaultAthlete(t.Context())
				r := byBase(res, base)
				if len(r.ActivityIDs) != 1 {
					t.Fatalf("%s: %+v", base, r)
				}
				a, err := s.GetActivity(t.Context(), ath.ID, r.ActivityIDs[0])
				if err != nil {
					t.Fatal(err)
				}
				if a.Sport != want.sport || a.SportSource != want.source || a.Summary.DistanceM != 0 || a.Summary.ElapsedS != 697 ||
					!strings.Contains(strings.Join(r.Warnings, "|"), want.warn) {
					t.Errorf("%s: %s (%s), %.0f m, %.0f s, %q; want %s (%s) and %q", base, a.Sport, a.SportSource, a.Summary.DistanceM,
						a.Summary.ElapsedS, r.Warnings, want.sport, want.source, want.warn)
				}
			}
		})
	}
}
