package athlete

import (
	"archive/zip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"rekindle/internal/store"
	"strings"
	"testing"
	"time"
)

func gpxRun(start time.Time) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><gpx version="1.1" creator="t"><trk><name>run</name><trkseg>`)
	for i := range 60 {
		fmt.Fprintf(&b, `<trkpt lat="%.6f" lon="14"><time>%s</time></trkpt>`, 46+float64(i)*3e-5, start.Add(time.Duration(i)*time.Second).Format(time.RFC3339))
	}
	b.WriteString(`</trkseg></trk></gpx>`)
	return []byte(b.String())
}

// TestUploadKeepsNames: activities, file records and originals of an upload
// carry the uploaded names (a folder path, "export.zip!member"), never the
// server's spool path.
func TestUploadKeepsNames(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ath, _ := st.DefaultAthlete(ctx)
	spool := t.TempDir()
	start := time.Date(2024, 3, 2, 8, 0, 0, 0, time.UTC)
	plain := filepath.Join(spool, "0", "runs", "morning.gpx")
	os.MkdirAll(filepath.Dir(plain), 0o700)
	os.WriteFile(plain, gpxRun(start), 0o600)
	zp := filepath.Join(spool, "1", "export.zip")
	os.MkdirAll(filepath.Dir(zp), 0o700)
	f, _ := os.Create(zp)
	zw := zip.NewWriter(f)
	w, _ := zw.Create("activities/evening.gpx")
	w.Write(gpxRun(start.Add(10 * time.Hour)))
	zw.Close()
	f.Close()
	files := []UploadFile{{Name: "runs/morning.gpx", Path: plain, Size: 1}, {Name: "export.zip", Path: zp, Size: 1}}
	var events []string
	if err := (IngestImporter{Store: st}).Import(ctx, ath.ID, files, func(e ImportEvent) {
		if e.Status == "imported" {
			events = append(events, e.File)
		}
	}); err != nil {
		t.Fatal(err)
	}
	acts, err := st.ListActivities(ctx, ath.ID, store.ActivityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, a := range acts {
		got[a.Source.File] = true
	}
	recs, _ := st.ListFiles(ctx, ath.ID)
	for _, r := range recs {
		got["file:"+r.Name] = true
	}
	origs, _ := st.ListOriginals(ctx, ath.ID)
	for _, o := range origs {
		got["original:"+o.Name] = true
	}
	for _, want := range []string{"runs/morning.gpx", "export.zip!activities/evening.gpx", "file:runs/morning.gpx",
		"file:export.zip!activities/evening.gpx", "original:runs/morning.gpx", "original:export.zip!activities/evening.gpx"} {
		if !got[want] {
			t.Errorf("missing %q in %v", want, got)
		}
	}
	for k := range got {
		if strings.Contains(k, spool) {
			t.Errorf("spool path recorded: %q", k)
		}
	}
	if len(events) != 2 || events[0] == events[1] || strings.Contains(events[0]+events[1], spool) {
		t.Errorf("events name %v", events)
	}
}
