package tcx

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/testkit"
)

// synthetic builds a Garmin-style TCX run with n trackpoints in laps of 1000.
func synthetic(n int) []byte {
	var b bytes.Buffer
	t0 := time.Date(2024, 5, 1, 6, 0, 0, 0, time.UTC)
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
  <Activities>
    <Activity Sport="Running">
      <Id>` + t0.Format(time.RFC3339) + `</Id>
`)
	for i := range n {
		if i%1000 == 0 {
			if i > 0 {
				b.WriteString("        </Track>\n      </Lap>\n")
			}
			fmt.Fprintf(&b, `      <Lap StartTime="%s">
        <TotalTimeSeconds>1000.0</TotalTimeSeconds>
        <DistanceMeters>3000.0</DistanceMeters>
        <Calories>200</Calories>
        <AverageHeartRateBpm><Value>150</Value></AverageHeartRateBpm>
        <Intensity>Active</Intensity>
        <TriggerMethod>Manual</TriggerMethod>
        <Track>
`, t0.Add(time.Duration(i)*time.Second).Format(time.RFC3339))
		}
		fmt.Fprintf(&b, `          <Trackpoint>
            <Time>%s</Time>
            <Position>
              <LatitudeDegrees>%.10f</LatitudeDegrees>
              <LongitudeDegrees>%.10f</LongitudeDegrees>
            </Position>
            <AltitudeMeters>%.1f</AltitudeMeters>
            <DistanceMeters>%.2f</DistanceMeters>
            <HeartRateBpm>
              <Value>%d</Value>
            </HeartRateBpm>
            <Extensions>
              <ns3:TPX>
                <ns3:Speed>%.3f</ns3:Speed>
                <ns3:RunCadence>%d</ns3:RunCadence>
              </ns3:TPX>
            </Extensions>
          </Trackpoint>
`, t0.Add(time.Duration(i)*time.Second).Format(time.RFC3339), 46.09+float64(i)*1e-5, 14.67+float64(i)*1e-5, 300+float64(i%50)/10, float64(i)*3, 140+i%40, 3+float64(i%10)/10, 85+i%5)
	}
	b.WriteString("        </Track>\n      </Lap>\n    </Activity>\n  </Activities>\n</TrainingCenterDatabase>\n")
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
	for _, name := range []string{"3173437224.tcx", "multiple_running_activities.tcx", "test.tcx"} {
		data, err := os.ReadFile(testkit.Activities(b, "tcx", name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) { benchDecode(b, data) })
	}
	b.Run("synthetic-50k", func(b *testing.B) { benchDecode(b, synthetic(50_000)) })
}
