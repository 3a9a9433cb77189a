package fit

import (
	"bytes"
	"os"
	"testing"

	"github.com/muktihari/fit/decoder"

	"rekindle/internal/testkit"
)

// benchFiles are real files of different shapes: a long ride with every
// channel, a 1 MB multisport file, a run with developer fields.
var benchFiles = []string{
	"garmin-edge-500-activity.fit",
	"activity-large-fenxi2-multisport.fit",
	"4078723797.fit",
	"developer-types-sample.fit",
	"2019-02-17-062644-ELEMNT-297E-195-0.fit",
	"strava-android-app-201.10-b1218918.fit", // 17 resynchronisations
}

// BenchmarkDecode measures rekindle's decode: MB/s, samples/s and
// allocated bytes per sample.
func BenchmarkDecode(b *testing.B) {
	for _, name := range benchFiles {
		data, err := os.ReadFile(testkit.Activities(b, "fit", name))
		if err != nil {
			b.Fatal(err)
		}
		acts, err := Decode(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		samples := 0
		for _, a := range acts {
			samples += a.Track.Len()
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			var before, after testingMem
			before.read()
			for b.Loop() {
				if _, err := Decode(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
			after.read()
			b.ReportMetric(float64(samples)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
			b.ReportMetric(float64(after.bytes-before.bytes)/float64(b.N)/float64(samples), "B/sample")
		})
	}
}

// BenchmarkRawMuktihari is the baseline: muktihari's decoder on the same
// bytes, broadcast-only, with no listener and no conversion.
func BenchmarkRawMuktihari(b *testing.B) {
	for _, name := range benchFiles {
		data, err := os.ReadFile(testkit.Activities(b, "fit", name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			dec := decoder.New(nil)
			for b.Loop() {
				dec.Reset(bytes.NewReader(data), decoder.WithBroadcastOnly())
				for dec.Next() {
					if _, err := dec.Decode(); err != nil {
						break // the baseline's own CRC check rejects some valid files
					}
				}
			}
		})
	}
}
