package gpx

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/testkit"
)

// synthetic builds a Garmin-style GPX with n points carrying hr, cadence
// and temperature.
func synthetic(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="bench" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
 <trk><name>Bench</name><type>running</type><trkseg>
`)
	t0 := time.Date(2024, 5, 1, 6, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(&b, `  <trkpt lat="%.7f" lon="%.7f">
   <ele>%.1f</ele>
   <time>%s</time>
   <extensions><gpxtpx:TrackPointExtension><gpxtpx:atemp>18</gpxtpx:atemp><gpxtpx:hr>%d</gpxtpx:hr><gpxtpx:cad>%d</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions>
  </trkpt>
`, 50.39+float64(i)*1e-5, 5.9+float64(i)*1e-5, 400+float64(i%100)/10, t0.Add(time.Duration(i)*time.Second).Format(time.RFC3339), 120+i%60, 80+i%10)
	}
	b.WriteString(" </trkseg></trk>\n</gpx>\n")
	return b.Bytes()
}

// retained is the bytes a track's columns hold.
func retained(t *rekindle.Track) int {
	return 8*(cap(t.Time)+cap(t.Lat)+cap(t.Lon)+cap(t.Dist)) +
		4*(cap(t.Ele)+cap(t.HR)+cap(t.Cadence)+cap(t.Power)+cap(t.Speed)+cap(t.Temp)) + 8*cap(t.Breaks)
}

func benchDecode(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	samples, kept := 0, 0
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	cpu0 := testkit.ProcessCPU()
	b.ResetTimer()
	for b.Loop() {
		acts, err := Decode(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		samples, kept = 0, 0
		for _, a := range acts {
			samples += a.Track.Len()
			kept += retained(&a.Track)
		}
	}
	b.StopTimer()
	cpu := testkit.ProcessCPU() - cpu0
	runtime.ReadMemStats(&ms1)
	if samples == 0 {
		return
	}
	b.ReportMetric(float64(samples)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
	if cpu > 0 {
		// Throughput per CPU-second: the machine is shared, wall time is not.
		b.ReportMetric(float64(len(data))*float64(b.N)/cpu.Seconds()/1e6, "MB/cpu-s")
	}
	b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc)/float64(b.N)/float64(samples), "allocB/sample")
	b.ReportMetric(float64(kept)/float64(samples), "keptB/sample")
}

func BenchmarkDecode(b *testing.B) {
	files := testkit.Glob(b, "gpx/*.gpx")
	for _, path := range files {
		if !strings.Contains(path, "4078723797") && !strings.Contains(path, "korita") {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(path), func(b *testing.B) { benchDecode(b, data) })
	}
	b.Run("synthetic-50k", func(b *testing.B) { benchDecode(b, synthetic(50_000)) })
}
