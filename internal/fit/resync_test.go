package fit

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"rekindle/internal/geo"
	"strings"
	"testing"
	"time"
)

// TestResync: the Strava Android file has seventeen messages that each lost
// a byte (peers stop at the first, byte 7471). The decoder skips each
// damaged message and reads the whole run: the samples span the session's
// 3558 s and the distance channel ends at the session's 11274 m.
func TestResync(t *testing.T) {
	a := decodeFile(t, filepath.Join(fitDir(t), "strava-android-app-201.10-b1218918.fit"))[0]
	tr := &a.Track
	if n := tr.Len(); n < 2600 {
		t.Errorf("%d samples, want the whole run (> 2600)", n)
	}
	span := time.Duration(tr.Time[tr.Len()-1]-tr.Time[0]) * time.Millisecond
	if want := 3558 * time.Second; span < want-10*time.Second || span > want {
		t.Errorf("samples span %s, want about %s", span, want)
	}
	last := math.NaN()
	for i := tr.Len() - 1; i >= 0 && math.IsNaN(last); i-- {
		last = tr.Dist[i]
	}
	if math.Abs(last-a.Totals.DistanceM) > 0.005*a.Totals.DistanceM {
		t.Errorf("distance channel ends at %.1f m, session says %.1f m", last, a.Totals.DistanceM)
	}
	for _, want := range []string{
		"byte 7471: undefined local message 11; bytes 7451–7469 skipped as damaged, decoding resumed at byte 7470",
		"more damaged spots skipped",
		"byte 78233: file ends in the middle of a message",
	} {
		if !hasWarning(a, want) {
			t.Errorf("no warning %q in %q", want, a.Warnings)
		}
	}
	// Positions stay on the run (central Oregon), no teleport.
	for i := 1; i < tr.Len(); i++ {
		if math.IsNaN(tr.Lat[i]) || math.IsNaN(tr.Lat[i-1]) {
			continue
		}
		if d := geo.Distance(tr.Lat[i-1], tr.Lon[i-1], tr.Lat[i], tr.Lon[i]); d > 100 {
			t.Errorf("sample %d jumps %.0f m", i, d)
		}
	}
}

// TestResyncNeedsReaderAt: a plain io.Reader cannot be re-read, so decoding
// stops at the first fault, as before, and still keeps what came before.
func TestResyncNeedsReaderAt(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(fitDir(t), "strava-android-app-201.10-b1218918.fit"))
	if err != nil {
		t.Fatal(err)
	}
	acts, err := Decode(struct{ *bytes.Buffer }{bytes.NewBuffer(data)})
	if err != nil {
		t.Fatal(err)
	}
	a := acts[0]
	if n := a.Track.Len(); n != 236 || !hasWarning(a, "byte 7471: ") || !hasWarning(a, "kept what was decoded before it") {
		t.Errorf("%d samples, warnings %q", n, a.Warnings)
	}
}

// TestResyncRejectsGarbage: bytes that merely look like headers do not make
// a resynchronisation; a file whose tail is noise stops at the fault.
func TestResyncRejectsGarbage(t *testing.T) {
	dir := fitDir(t)
	data, err := os.ReadFile(filepath.Join(dir, "garmin-fenix-5-run.fit"))
	if err != nil {
		t.Fatal(err)
	}
	clean := decodeFile(t, filepath.Join(dir, "garmin-fenix-5-run.fit"))[0]
	// Overwrite the second half of the data with deterministic noise.
	bad := bytes.Clone(data)
	x := uint32(2463534242)
	for i := len(bad) / 2; i < len(bad)-2; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		bad[i] = byte(x)
	}
	acts, err := Decode(bytes.NewReader(bad))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	a := acts[0]
	if a.Track.Len() > clean.Track.Len() {
		t.Errorf("%d samples from a half-noise file, the clean one has %d", a.Track.Len(), clean.Track.Len())
	}
	for _, w := range a.Warnings {
		if strings.Contains(w, "decoding resumed") {
			t.Errorf("resynchronised into noise: %q", w)
		}
	}
	for i, ms := range a.Track.Time {
		if ms < clean.Track.Time[0] || ms > clean.Track.Time[clean.Track.Len()-1] {
			t.Errorf("sample %d at %s, outside the run", i, time.UnixMilli(ms).UTC())
		}
	}
	if err := a.Track.Validate(); err != nil {
		t.Error(err)
	}
}

// TestResyncDroppedByte: one byte cut out of real files from three devices
// (the Strava fault, made elsewhere). The decoder resumes past the damage
// and keeps nearly every sample, all inside the clean file's time span.
func TestResyncDroppedByte(t *testing.T) {
	dir := fitDir(t)
	tests := []struct {
		file string
		frac float64 // of the file, where the byte goes
	}{
		{"2013-02-06-12-11-14.fit", 1.0 / 3},
		{"2013-02-06-12-11-14.fit", 0.5},
		{"activity-small-fenix2-run.fit", 1.0 / 3},
		{"activity-small-fenix2-run.fit", 0.5},
		{"garmin-edge-500-activity.fit", 1.0 / 3},
		{"garmin-edge-500-activity.fit", 0.5},
	}
	for _, tc := range tests {
		data, err := os.ReadFile(filepath.Join(dir, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		clean := decodeFile(t, filepath.Join(dir, tc.file))[0]
		at := int(float64(len(data)) * tc.frac)
		bad := append(bytes.Clone(data[:at]), data[at+1:]...)
		acts, err := Decode(bytes.NewReader(bad))
		if err != nil {
			t.Errorf("%s without byte %d: %v", tc.file, at, err)
			continue
		}
		a, n := acts[0], clean.Track.Len()
		if got := a.Track.Len(); got < n*97/100 || got > n {
			t.Errorf("%s without byte %d: %d samples, clean %d", tc.file, at, got, n)
		}
		if !hasWarning(a, "decoding resumed at byte") {
			t.Errorf("%s without byte %d: warnings %q", tc.file, at, a.Warnings)
		}
		lo, hi := clean.Track.Time[0], clean.Track.Time[n-1]
		for i, ms := range a.Track.Time {
			if ms < lo || ms > hi || (i > 0 && ms < a.Track.Time[i-1]) {
				t.Errorf("%s without byte %d: sample %d at %s", tc.file, at, i, time.UnixMilli(ms).UTC())
				break
			}
		}
	}
}
