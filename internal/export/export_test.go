package export

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rekindle/internal/ingest"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

func stores(t *testing.T) map[string]*store.Store {
	t.Helper()
	ctx := context.Background()
	out := map[string]*store.Store{}
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	out["sqlite"] = s
	if dsn := store.PostgresTestDSN(t); dsn != "" {
		p, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { p.Close() })
		out["postgres"] = p
	}
	return out
}

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
			st, err := Write(ctx, s, ath.ID, &buf)
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
				if sum == nil || sum["distance_m"] == nil || a["source"].(map[string]any)["sha256"] == "" {
					t.Fatalf("activity without summary or source: %v", a["id"])
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
	} {
		if got := OriginalName(c.o); got != c.want {
			t.Errorf("OriginalName(%q) = %q, want %q", c.o.Name, got, c.want)
		}
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
		if _, err := Write(ctx, s, ath.ID, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
