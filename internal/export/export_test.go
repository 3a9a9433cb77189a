package export

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/ingest"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

func stores(t *testing.T) map[string]*store.Store { return store.TestStores(t) }

func TestExportRealFiles(t *testing.T) {
	ctx := context.Background()
	inputs := map[string][]byte{}
	var paths []string
	for _, g := range []string{"fit/*.fit", "gpx/*.gpx", "tcx/*.tcx"} {
		ps := testkit.Glob(t, g)
		for _, p := range ps {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(b)
			inputs[hex.EncodeToString(sum[:])] = b
			paths = append(paths, p)
		}
	}
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ath, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := ingest.Import(ctx, s, ath.ID, paths, ingest.Options{}); err != nil {
				t.Fatal(err)
			}
			origs, _ := s.ListOriginals(ctx, ath.ID)
			nActs, _ := s.CountActivities(ctx, ath.ID)
			var buf bytes.Buffer
			st, err := Write(ctx, s, ath.ID, testkit.Today, &buf)
			if err != nil {
				t.Fatal(err)
			}
			if st.Originals != len(origs) || st.Activities != nActs || len(st.Mismatched) > 0 {
				t.Fatalf("stats %+v: %d originals, %d activities stored", st, len(origs), nActs)
			}
			zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil {
				t.Fatal(err)
			}
			read := func(f *zip.File) []byte {
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				defer rc.Close()
				b, err := io.ReadAll(rc)
				if err != nil {
					t.Fatalf("%s: %v", f.Name, err)
				}
				return b
			}
			seen := map[string]bool{}
			names := map[string]*zip.File{}
			for _, f := range zr.File {
				names[f.Name] = f
				if !strings.HasPrefix(f.Name, "originals/") {
					continue
				}
				b := read(f)
				sum := sha256.Sum256(b)
				sha := hex.EncodeToString(sum[:])
				want, ok := inputs[sha]
				if !ok || !bytes.Equal(b, want) {
					t.Errorf("%s is not byte-identical to an imported file", f.Name)
				}
				if seen[sha] {
					t.Errorf("%s: the same file twice", f.Name)
				}
				seen[sha] = true
			}
			if len(seen) != len(origs) || len(seen) < 30 {
				t.Errorf("%d originals in the zip, %d stored", len(seen), len(origs))
			}
			if zr.File[0].Name != "README.txt" || !strings.Contains(string(read(zr.File[0])), "originals/") {
				t.Errorf("the first entry is %s, not the README", zr.File[0].Name)
			}
			var acts []map[string]any
			if f := names["activities.json"]; f == nil || json.Unmarshal(read(f), &acts) != nil || len(acts) != nActs {
				t.Fatalf("activities.json: %d entries, want %d", len(acts), nActs)
			}
			for _, a := range acts {
				sum, _ := a["summary"].(map[string]any)
				if sum == nil || a["source"].(map[string]any)["sha256"] == "" {
					t.Fatalf("activity without summary or source: %v", a["id"])
				}
				// Distance is null exactly when nothing measured it.
				if (sum["distance_m"] == nil) != (sum["distance_source"] == "none") {
					t.Errorf("activity %v: distance_m %v with distance_source %v", a["id"], sum["distance_m"], sum["distance_source"])
				}
				if f := names["rekindle/activities/"+jsonID(a["id"])+".json"]; f == nil {
					t.Errorf("no track file for activity %v", a["id"])
				}
			}
			for _, table := range []string{"athletes", "activities", "files", "originals"} {
				var rows []map[string]any
				f := names["rekindle/"+table+".json"]
				if f == nil || json.Unmarshal(read(f), &rows) != nil || len(rows) == 0 {
					t.Errorf("rekindle/%s.json missing or not a JSON array", table)
					continue
				}
				if table == "originals" && rows[0]["data"] != nil {
					t.Errorf("original bytes inside originals.json")
				}
			}
			if names["rekindle/tracks.json"] != nil {
				t.Errorf("track blobs exported as a table")
			}
		})
	}
}

func jsonID(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestOriginalName(t *testing.T) {
	for _, c := range []struct {
		o    store.Original
		want string
	}{
		{store.Original{Name: "export.zip!activities/123.fit.gz", Kind: "fit", StartMs: 1_600_000_000_000}, "originals/2020-09-13_123.fit"},
		{store.Original{Name: "/home/me/Morning Run.GPX", Kind: "gpx", StartMs: 1_600_000_000_000}, "originals/2020-09-13_Morning_Run.gpx"},
		{store.Original{Name: "x.zip!activities.csv", Kind: "strava_csv", SHA256: "abc"}, "originals/undated_activities.csv"},
		{store.Original{Name: "../..", Kind: "tcx", SHA256: "0123456789abcdef"}, "originals/undated_0123456789ab.tcx"},
		// Imported on a known day but without real times: undated, not the import day.
		{store.Original{Name: "no-times.gpx", Kind: "gpx", CreatedAt: time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)}, "originals/undated_no-times.gpx"},
		{store.Original{Name: "old.gpx", Kind: "gpx", StartMs: -5000, CreatedAt: time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)}, "originals/undated_old.gpx"},
	} {
		if got := OriginalName(c.o); got != c.want {
			t.Errorf("OriginalName(%q) = %q, want %q", c.o.Name, got, c.want)
		}
	}
}

// TestActivityJSONMissingIsNull: what the file did not say and what no
// sensor measured is null in activities.json, as the README promises; real
// zeros stay numbers.
func TestActivityJSONMissingIsNull(t *testing.T) {
	start := time.Date(2026, 3, 1, 7, 0, 0, 0, time.UTC)
	a := &rekindle.Activity{ID: 7, Start: start, Sport: rekindle.SportRunning, SubSport: "Trail Running", RPE: math.NaN(),
		Totals: rekindle.Totals{DistanceM: 5000, ElapsedS: 1800}, // no heart rate, calories, ascent, ...
		Laps:   []rekindle.Lap{{Start: start, ElapsedS: 1800, DistanceM: 5000, First: -1, Last: -1}},
		Track:  rekindle.Track{Time: []int64{start.UnixMilli(), start.UnixMilli() + 1000}, Lat: []float64{43.7, math.NaN()}, Lon: []float64{7.4, math.NaN()}},
		Summary: rekindle.Summary{DistanceM: 5000, ElapsedS: 1800, MovingS: 1790, AvgSpeedMS: 2.79, DistanceSource: "gps",
			Splits: []rekindle.Split{{Unit: "km", Index: 1, DistanceM: 1000, ElapsedS: 360, MovingS: 358}}},
	}
	var got map[string]any
	b, err := json.Marshal(activityJSON(a))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	obj := func(v any) map[string]any { m, _ := v.(map[string]any); return m }
	totals, summary := obj(got["totals"]), obj(got["summary"])
	lap := obj(got["laps"].([]any)[0])
	split := obj(summary["splits"].([]any)[0])
	for what, v := range map[string]any{
		"rpe": got["rpe"], "totals.avg_hr": totals["avg_hr"], "totals.calories": totals["calories"], "totals.ascent_m": totals["ascent_m"],
		"summary.avg_hr": summary["avg_hr"], "summary.max_power_w": summary["max_power_w"], "summary.ascent_m": summary["ascent_m"],
		"summary.hr_seconds": summary["hr_seconds"], "lap.avg_hr": lap["avg_hr"], "lap.first": lap["first"], "lap.calories": lap["calories"],
		"split.avg_hr": split["avg_hr"], "split.ascent_m": split["ascent_m"],
	} {
		if v != nil {
			t.Errorf("%s = %v, want null", what, v)
		}
		if !strings.Contains(string(b), `"`+what[strings.LastIndex(what, ".")+1:]+`":null`) {
			t.Errorf("%s: key missing or not null in %s", what, b)
		}
	}
	for what, want := range map[string]float64{"totals.distance_m": 5000, "summary.moving_s": 1790, "summary.avg_speed_ms": 2.79, "lap.distance_m": 5000, "split.moving_s": 358} {
		var v any
		switch p := strings.SplitN(what, ".", 2); p[0] {
		case "totals":
			v = totals[p[1]]
		case "summary":
			v = summary[p[1]]
		case "lap":
			v = lap[p[1]]
		case "split":
			v = split[p[1]]
		}
		if v != want {
			t.Errorf("%s = %v, want %v", what, v, want)
		}
	}
	if got["sub_sport"] != "trail" {
		t.Errorf("sub_sport %v, want trail", got["sub_sport"])
	}
	// Ascent measured on a flat course with elevation is a real zero.
	a.Track.Ele = []float32{10, 10}
	if v := plain(reflect.ValueOf(a.Summary), missingZero(a)).(map[string]any)["ascent_m"]; v == nil {
		t.Errorf("ascent_m null with an elevation channel")
	}
	tr, err := json.Marshal(TrackJSON(a))
	if err != nil || !strings.Contains(string(tr), `"lat":[43.7,null]`) || !strings.Contains(string(tr), `"hr":null`) {
		t.Errorf("track JSON %s (%v): want null for a missing sample and a missing channel", tr, err)
	}
}

func BenchmarkWrite(b *testing.B) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(b.TempDir(), "t.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ath, _ := s.DefaultAthlete(ctx)
	if _, err := ingest.Import(ctx, s, ath.ID, []string{testkit.Activities(b, "fit"), testkit.Activities(b, "gpx")}, ingest.Options{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Write(ctx, s, ath.ID, testkit.Today, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
