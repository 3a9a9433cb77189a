package measure_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"rekindle"
	"rekindle/internal/fit"
	"rekindle/internal/gpx"
	"rekindle/internal/measure"
	"rekindle/internal/tcx"
	"rekindle/internal/testkit"
)

// realActivities decodes every real file of testdata/activities (at most
// 1 MB each, as the import benchmark takes them), unmeasured.
func realActivities(t testing.TB) []*rekindle.Activity {
	var out []*rekindle.Activity
	for _, g := range []string{"fit/*.fit", "gpx/*.gpx", "tcx/*.tcx"} {
		for _, p := range testkit.Glob(t, g) {
			b, err := os.ReadFile(p)
			if err != nil || len(b) > 1<<20 {
				continue
			}
			var acts []*rekindle.Activity
			switch filepath.Ext(p) {
			case ".fit":
				acts, _ = fit.Decode(bytes.NewReader(b))
			case ".gpx":
				acts, _ = gpx.Decode(bytes.NewReader(b))
			default:
				acts, _ = tcx.Decode(bytes.NewReader(b))
			}
			out = append(out, acts...)
		}
	}
	return out
}

// BenchmarkActivityRealFiles measures every activity of the real files once
// per op (the import benchmark's files, once over).
func BenchmarkActivityRealFiles(b *testing.B) {
	acts := realActivities(b)
	samples := 0
	for _, a := range acts {
		samples += a.Track.Len()
	}
	b.ReportAllocs()
	cpu := testkit.ProcessCPU()
	for b.Loop() {
		for _, a := range acts {
			measure.Activity(a)
		}
	}
	b.ReportMetric(float64(testkit.ProcessCPU()-cpu)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(samples), "samples")
}

// TestRealFilesSummaryDigest prints a digest of every real activity's
// summary (every float's bits, via JSON of the exact values) and, with
// REKINDLE_MEASURE_DIGEST set to a file, writes the summaries there: two
// builds' files compared show whether measuring changed at all.
func TestRealFilesSummaryDigest(t *testing.T) {
	acts := realActivities(t)
	h := sha256.New()
	var all []string
	for i, a := range acts {
		measure.Activity(a)
		j, err := json.Marshal(struct {
			S rekindle.Summary
			W []string
		}{a.Summary, a.Warnings})
		if err != nil {
			t.Fatal(err)
		}
		// %x of each float's bits: JSON rounds nothing for float64, but
		// float32 histograms are printed exactly this way too.
		line := fmt.Sprintf("%d %s %x", i, j, bits(a.Summary))
		all = append(all, line)
		h.Write([]byte(line))
	}
	t.Logf("%d activities, digest %x", len(acts), h.Sum(nil))
	if p := os.Getenv("REKINDLE_MEASURE_DIGEST"); p != "" {
		slices.Sort(all)
		if err := os.WriteFile(p, []byte(fmt.Sprintln(all)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func bits(s rekindle.Summary) []uint64 {
	var out []uint64
	for _, v := range []float64{s.DistanceM, s.ElapsedS, s.MovingS, s.AscentM, s.DescentM, s.AvgHR, s.MaxHR,
		s.AvgCadenceSPM, s.AvgPowerW, s.MaxPowerW, s.AvgSpeedMS, s.MaxSpeedMS, s.NormalizedSpeedMS} {
		out = append(out, mathBits(v))
	}
	for _, e := range s.BestEfforts {
		out = append(out, mathBits(e.ElapsedS), mathBits(e.StartS))
	}
	for _, sp := range s.Splits {
		out = append(out, mathBits(sp.DistanceM), mathBits(sp.ElapsedS), mathBits(sp.MovingS), mathBits(sp.AvgHR), mathBits(sp.AscentM))
	}
	for _, v := range s.HRSeconds {
		out = append(out, mathBits(float64(v)))
	}
	return out
}

func mathBits(v float64) uint64 { return math.Float64bits(v) }
