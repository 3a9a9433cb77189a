package store

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"rekindle"
	"rekindle/internal/fit"
	"rekindle/internal/gpx"
	"rekindle/internal/measure"
	"rekindle/internal/tcx"
	"rekindle/internal/testkit"
)

// realTracks decodes tracks from the real files of testdata/activities (all when n <= 0).
func realTracks(t testing.TB, n int) []*rekindle.Track {
	var out []*rekindle.Track
	for _, a := range realActivities(t, 0) {
		if a.Track.Len() > 0 {
			out = append(out, &a.Track)
		}
		if n > 0 && len(out) >= n {
			break
		}
	}
	return out
}

// realActivities decodes and measures every activity of the real files of
// testdata/activities (those of at most maxSize bytes when maxSize > 0),
// as an import would before preparing them.
func realActivities(t testing.TB, maxSize int) []*rekindle.Activity {
	var out []*rekindle.Activity
	for _, g := range []string{"fit/*.fit", "gpx/*.gpx", "tcx/*.tcx"} {
		paths := testkit.Glob(t, g)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil || maxSize > 0 && len(b) > maxSize {
				continue
			}
			acts, _ := decodeRealFile(p, b)
			out = append(out, acts...)
		}
	}
	return out
}

// decodeRealFile decodes one real file of testdata/activities by its
// extension and measures its activities, as an import does.
func decodeRealFile(p string, data []byte) ([]*rekindle.Activity, error) {
	var acts []*rekindle.Activity
	var err error
	switch filepath.Ext(p) {
	case ".fit":
		acts, err = fit.Decode(bytes.NewReader(data))
	case ".gpx":
		acts, err = gpx.Decode(bytes.NewReader(data))
	default:
		acts, err = tcx.Decode(bytes.NewReader(data))
	}
	for _, a := range acts {
		measure.Activity(a)
	}
	return acts, err
}

// TestTrackBlobRealFiles checks the exact round trip and the size target
// (≤ 12 bytes per sample) on every real file.
func TestTrackBlobRealFiles(t *testing.T) {
	tracks := realTracks(t, 0)
	if len(tracks) < 30 {
		t.Fatalf("only %d real tracks decoded", len(tracks))
	}
	var bytesTotal, samples int
	for _, tr := range tracks {
		b, err := EncodeTrack(tr)
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeTrack(b)
		if err != nil {
			t.Fatal(err)
		}
		b2, _ := EncodeTrack(&got)
		if !bytes.Equal(b, b2) || !reflect.DeepEqual(got.Channels(), tr.Channels()) || !reflect.DeepEqual(got.Time, tr.Time) {
			t.Fatalf("round trip not exact for a %d-sample track %v", tr.Len(), tr.Channels())
		}
		bytesTotal += len(b)
		samples += tr.Len()
	}
	per := float64(bytesTotal) / float64(samples)
	t.Logf("%d tracks, %d samples, %d bytes: %.2f bytes/sample", len(tracks), samples, bytesTotal, per)
	if per > 12 {
		t.Errorf("%.2f bytes per sample, target ≤ 12", per)
	}
}

func BenchmarkTrackBlob(b *testing.B) {
	tracks := realTracks(b, 0)
	samples := 0
	for _, tr := range tracks {
		samples += tr.Len()
	}
	b.ResetTimer()
	for b.Loop() {
		for _, tr := range tracks {
			blob, _ := EncodeTrack(tr)
			DecodeTrack(blob)
		}
	}
	b.ReportMetric(float64(samples)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
}

// BenchmarkPrepareRealFiles prepares (encodes for storage: summary, detail,
// track blob) every activity of the real files of at most 1 MB, the import
// benchmark's files once over, per op.
func BenchmarkPrepareRealFiles(b *testing.B) {
	acts := realActivities(b, 1<<20)
	samples := 0
	for _, a := range acts {
		samples += a.Track.Len()
	}
	b.ReportAllocs()
	cpu := testkit.ProcessCPU()
	for b.Loop() {
		for _, a := range acts {
			if _, err := Prepare(a); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(testkit.ProcessCPU()-cpu)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(samples), "samples")
}

// BenchmarkEncodeRealTracks encodes the track of every activity of the real
// files of at most 1 MB (the import benchmark's files once over) per op.
func BenchmarkEncodeRealTracks(b *testing.B) {
	var tracks []*rekindle.Track
	for _, a := range realActivities(b, 1<<20) {
		if a.Track.Len() > 0 {
			tracks = append(tracks, &a.Track)
		}
	}
	b.ReportAllocs()
	cpu := testkit.ProcessCPU()
	for b.Loop() {
		for _, tr := range tracks {
			if _, err := EncodeTrack(tr); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(testkit.ProcessCPU()-cpu)/float64(b.N), "cpu-ns/op")
}
