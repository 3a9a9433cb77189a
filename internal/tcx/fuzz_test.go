package tcx

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
	files := testkit.Glob(f, "tcx/*.tcx")
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
	f.Add([]byte(`<TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>2020-01-01T00:00:00Z</Id><Lap StartTime="2020-01-01T00:00:00Z"><Track><Trackpoint><Time>2020-01-01T00:00:00Z</Time></Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>`))
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
			if a.Track.Len() == 0 && len(a.Laps) == 0 {
				t.Fatal("activity without samples or laps")
			}
			for _, l := range a.Laps {
				if (l.First == -1) != (l.Last == -1) || l.Last >= a.Track.Len() || l.First > l.Last {
					t.Fatalf("lap covers [%d,%d] of %d samples", l.First, l.Last, a.Track.Len())
				}
			}
			if !a.Start.IsZero() && a.Start.Location() != time.UTC {
				t.Fatal("start not UTC")
			}
			if a.Source.Format != rekindle.FormatTCX {
				t.Fatal("format not set")
			}
		}
	})
}
