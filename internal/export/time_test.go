package export

import (
	"archive/zip"
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"rekindle/internal/ingest"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// TestExportEntryTimes: the zip's own entries (the README, activities.json,
// the tables) are dated by the clock the caller passes, never the wall
// clock, and every entry's MS-DOS time is UTC: the same data exported on
// the same instant gives the same zip in any time zone. An activity's
// track file is dated by its start.
func TestExportEntryTimes(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ath, err := s.DefaultAthlete(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.Import(ctx, s, ath.ID, testkit.Glob(t, "gpx/*.gpx")[:1], ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	// Late on a Sunday evening on the Line Islands (UTC+14): Monday in
	// UTC's terms would be a different MS-DOS day.
	now := time.Date(2025, 6, 1, 23, 50, 0, 0, time.FixedZone("LINT", 14*3600))
	write := func() []byte {
		var buf bytes.Buffer
		if _, err := Write(ctx, s, ath.ID, now, &buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	b := write()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var own, tracks int
	for _, f := range zr.File {
		if _, off := f.Modified.Zone(); off != 0 {
			t.Errorf("%s: MS-DOS time %v is not UTC", f.Name, f.Modified)
		}
		switch name := f.Name; {
		case name == "README.txt" || name == "activities.json" || filepath.Dir(name) == "rekindle":
			own++
			if !f.Modified.Equal(now) {
				t.Errorf("%s dated %v, want the clock's %v", name, f.Modified, now.UTC())
			}
		case filepath.Dir(name) == "rekindle/activities":
			tracks++
			if !f.Modified.Before(now) || f.Modified.Year() < 2000 {
				t.Errorf("%s dated %v, not its activity's start", name, f.Modified)
			}
		}
	}
	if own < 3 || tracks != 1 {
		t.Errorf("%d entries of the export's own, %d track files", own, tracks)
	}
	if again := write(); !bytes.Equal(again, b) {
		t.Error("the same export on the same instant gave different bytes")
	}
}
