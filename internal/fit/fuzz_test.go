package fit

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"rekindle"
	"rekindle/internal/testkit"
)

// FuzzDecode feeds arbitrary bytes, seeded from the real files (small ones
// whole, the first and last kilobytes of large ones), and checks that the
// decoder never panics and returns either valid activities or a classified
// error.
func FuzzDecode(f *testing.F) {
	for _, path := range testkit.Glob(f, "fit/*.fit") {
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		if len(data) <= 16<<10 {
			f.Add(data)
			continue
		}
		f.Add(data[:4096])
		if filepath.Base(path) == "strava-android-app-201.10-b1218918.fit" {
			f.Add(data[:17<<10]) // three damaged messages to resynchronise over
		}
		f.Add(append(append([]byte{}, data[:2048]...), data[len(data)-2048:]...))
	}
	f.Add([]byte{})
	f.Add(settingsFile())
	noDefaultMinimization(f)
	// Columns used again from input to input, as an import worker does:
	// decoding into memory past inputs left must give what a fresh decode
	// gives.
	cols := new(Columns)
	f.Fuzz(func(t *testing.T, data []byte) {
		acts, err := Decode(bytes.NewReader(data))
		pooled, perr := Decode(colReader{bytes.NewReader(data), cols})
		if fmt.Sprint(err) != fmt.Sprint(perr) || dump(acts) != dump(pooled) {
			t.Fatalf("decoding into reused columns differs: %v / %v", err, perr)
		}
		cols.Release()
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("recovered panic: %v", err)
			}
			if acts != nil {
				t.Fatalf("activities and error %v", err)
			}
			if !errors.Is(err, rekindle.ErrCorrupt) && !errors.Is(err, rekindle.ErrNotActivity) && rekindle.ErrorCode(err) != rekindle.CodeTooLarge {
				t.Fatalf("unclassified error: %v", err)
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
			if !slices.IsSorted(a.Track.Time) {
				t.Fatal("track times go backwards")
			}
			for _, l := range a.Laps {
				if l.Last >= a.Track.Len() || l.First > l.Last {
					t.Fatalf("lap range %d..%d of %d samples", l.First, l.Last, a.Track.Len())
				}
			}
		}
	})
}

// noDefaultMinimization turns off the minimisation of inputs unless
// -fuzzminimizetime is given. The go command minimises every input that
// widens coverage before fuzzing on, and minimising bytes is quadratic in
// their length: for the kilobyte seeds a FIT file needs, each such input
// takes the whole default minimisation time (60 s), early on both workers
// do nothing else, and fuzzing stalls at 0 execs/s. A crasher is then
// written unminimised; rerun with -fuzzminimizetime=60s to minimise it.
func noDefaultMinimization(f *testing.F) {
	const name = "test.fuzzminimizetime"
	set := false
	flag.Visit(func(fl *flag.Flag) { set = set || fl.Name == name })
	if set {
		return
	}
	if err := flag.Set(name, "0x"); err != nil {
		f.Fatalf("turning off minimisation: %v", err)
	}
}
