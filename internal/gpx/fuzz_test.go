package gpx

import (
	"bytes"
	"errors"
	"os"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/testkit"
	"rekindle/internal/xmlscan"
)

func FuzzDecode(f *testing.F) {
	files := append(testkit.Glob(f, "gpx/*.gpx"), testkit.Glob(f, "workouts-page/*.gpx")...)
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) > 16<<10 {
			data = data[:16<<10] // a truncated prefix keeps the fuzzer fast
		}
		f.Add(data)
	}
	f.Add([]byte(`<gpx><trk><trkseg><trkpt lat="100" lon="0"/><trkpt lat="1" lon="2"><time>2020-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>`))
	f.Add([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><gpx><rte><rtept lat="1" lon="2"/></rte></gpx>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		acts, err := Decode(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, rekindle.ErrNotActivity) && !errors.Is(err, rekindle.ErrCorrupt) && !errors.Is(err, xmlscan.ErrTooLarge) {
				t.Fatalf("error of no known kind: %v", err)
			}
			if acts != nil {
				t.Fatalf("activities with an error")
			}
			return
		}
		if len(acts) == 0 {
			t.Fatal("no activities and no error")
		}
		for _, a := range acts {
			if err := a.Track.Validate(); err != nil {
				t.Fatal(err)
			}
			if a.Track.Len() == 0 && a.Start.IsZero() {
				// A session with no points (an empty <trkseg/> with a
				// type) is kept when the file dates it.
				t.Fatal("activity without samples or a start")
			}
			if !a.Start.IsZero() && a.Start.Location() != time.UTC {
				t.Fatal("start not UTC")
			}
			if a.Source.Format != rekindle.FormatGPX {
				t.Fatal("format not set")
			}
		}
	})
}
