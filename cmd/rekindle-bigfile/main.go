// Command rekindle-bigfile writes one long generated GPX or TCX activity to
// standard output, for measuring the peak memory of importing a single
// large file (README, "Benchmarks"): a run recorded at 1 Hz with position,
// elevation, heart rate and cadence.
//
//	go run ./cmd/rekindle-bigfile -format gpx -points 300000 > big.gpx
//	go run ./cmd/rekindle-bigfile -format tcx -points 300000 > big.tcx
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"time"
)

func main() {
	format := flag.String("format", "gpx", "gpx or tcx")
	points := flag.Int("points", 300_000, "samples, one a second")
	flag.Parse()
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	t0 := time.Date(2025, 6, 1, 6, 0, 0, 0, time.UTC)
	ts := func(i int) string { return t0.Add(time.Duration(i) * time.Second).Format(time.RFC3339) }
	pos := func(i int) (float64, float64, float64) {
		f := float64(i)
		return 52 + 0.01*math.Sin(f/600), 4 + 0.01*math.Cos(f/600) + f*1e-7, 10 + 5*math.Sin(f/300)
	}
	switch *format {
	case "gpx":
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<gpx version="1.1" creator="rekindle-bigfile" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">`+"\n"+
			" <metadata><time>%s</time></metadata>\n <trk><name>Long run</name><type>running</type><trkseg>\n", ts(0))
		for i := range *points {
			lat, lon, ele := pos(i)
			fmt.Fprintf(w, `  <trkpt lat="%.7f" lon="%.7f"><ele>%.1f</ele><time>%s</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>%d</gpxtpx:hr><gpxtpx:cad>%d</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>`+"\n",
				lat, lon, ele, ts(i), 130+i%30, 85+i%5)
		}
		fmt.Fprint(w, " </trkseg></trk>\n</gpx>\n")
	case "tcx":
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">`+"\n"+
			` <Activities><Activity Sport="Running"><Id>%s</Id>`+"\n"+`  <Lap StartTime="%[1]s"><TotalTimeSeconds>%d</TotalTimeSeconds><DistanceMeters>%d</DistanceMeters><Calories>0</Calories><Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod><Track>`+"\n",
			ts(0), *points, 3**points)
		for i := range *points {
			lat, lon, ele := pos(i)
			fmt.Fprintf(w, `   <Trackpoint><Time>%s</Time><Position><LatitudeDegrees>%.7f</LatitudeDegrees><LongitudeDegrees>%.7f</LongitudeDegrees></Position><AltitudeMeters>%.1f</AltitudeMeters><DistanceMeters>%.1f</DistanceMeters><HeartRateBpm><Value>%d</Value></HeartRateBpm><Cadence>%d</Cadence></Trackpoint>`+"\n",
				ts(i), lat, lon, ele, float64(3*i), 130+i%30, 85+i%5)
		}
		fmt.Fprint(w, "  </Track></Lap>\n </Activity></Activities>\n</TrainingCenterDatabase>\n")
	default:
		fmt.Fprintln(os.Stderr, "rekindle-bigfile: -format is gpx or tcx")
		os.Exit(2)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "rekindle-bigfile:", err)
		os.Exit(1)
	}
}
