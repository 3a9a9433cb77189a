package ingest

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"testing"

	"rekindle/internal/testkit"
)

func seedRealFiles(f *testing.F) {
	for _, g := range []string{"fit/garmin-fenix-5-run.fit", "gpx/Mojstrovka.gpx", "gpx/unicode_with_bom.gpx", "tcx/pool_swim-activity_1.tcx"} {
		b, err := os.ReadFile(testkit.Activities(f, g))
		if err == nil {
			if len(b) > SniffLen {
				b = b[:SniffLen]
			}
			f.Add(b)
		}
	}
}

func FuzzSniff(f *testing.F) {
	seedRealFiles(f)
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("\x1f\x8b\x08"))
	f.Add([]byte("<?xml version='1.0'?><!-- x --><!DOCTYPE gpx><g:gpx>"))
	f.Add([]byte(stravaHeader + "\n"))
	f.Add([]byte("date,sport,distance_km,duration\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		k := Sniff(b)
		if k == "" {
			t.Fatal("empty kind")
		}
	})
}

func FuzzStravaCSV(f *testing.F) {
	f.Add([]byte(stravaHeader + "\n" + stravaRow("1", "Sep 20, 2019, 2:10:03 PM", "n, with comma", "Run", "d", "g", "activities/1.gpx", 10, 9, 1000, 150, "5") + "\n"))
	f.Add([]byte("Activity ID,Activity Date\n1,\"Jan 1, 2020, 1:00:00 AM\"\n\"unterminated"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, _, err := ReadStravaCSV(bytes.NewReader(b))
		if err != nil {
			return
		}
		for _, r := range rows {
			if r.Start.IsZero() {
				t.Fatal("row without a start")
			}
		}
	})
}

func FuzzHistoryCSV(f *testing.F) {
	f.Add([]byte("date,sport,distance_km,duration,avg_hr,name\n2012-05-01,running,10.5,0:50:00,150,Tempo\n"))
	f.Add([]byte("date,sport,distance_m,duration\n2012-05-01T10:00:00Z,Run,1e308,99:99:99\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		acts, _, err := ReadHistoryCSV(bytes.NewReader(b))
		if err != nil {
			return
		}
		for _, a := range acts {
			if a.Summary.DistanceM < 0 || a.Summary.MovingS < 0 {
				t.Fatalf("negative values: %+v", a.Summary)
			}
		}
	})
}

// FuzzZipGuard: any bytes read as a zip through the guards end without a
// panic, and what the members inflate stays within the archive's budget.
func FuzzZipGuard(f *testing.F) {
	f.Add(zipBytes(f, map[string][]byte{"a.gpx": []byte("<gpx/>"), "b.txt": bytes.Repeat([]byte("ab"), 5000)}, []string{"a.gpx", "b.txt"}))
	f.Add(overlappingZip(f, 3, []byte("hello hello hello")))
	f.Add(paddedBomb(f, 1, 2<<20))
	f.Fuzz(func(t *testing.T, data []byte) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil || len(zr.File) > 64 {
			return
		}
		if overlapping(zr.File, int64(len(data))) != nil {
			return
		}
		lim := DefaultLimits
		arch := newBudget("archive", max(4<<20, int64(lim.MaxRatio*float64(len(data)))))
		for _, zf := range zr.File {
			rc, err := openMember(zf, lim, arch)
			if err != nil {
				continue
			}
			io.Copy(io.Discard, rc)
			rc.Close()
		}
		if used := arch.used.Load(); used > arch.limit+32<<10 {
			t.Fatalf("inflated %d, budget %d", used, arch.limit)
		}
	})
}
