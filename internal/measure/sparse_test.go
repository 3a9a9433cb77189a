package measure

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/gpx"
	"rekindle/internal/tcx"
)

// A phone app that writes a point a minute, on a 400 m track: each step is a
// chord of the loop, and two steps nearly close it. The runner is moving on
// every step (2.5 m/s along the lap) except a five-minute stop; the moving
// window must judge each step by itself, not by the displacement over the
// step before (a 2:40 half once read as 6.1 km with 53 of 160 min moving).
func TestSparseLoopTrackMoving(t *testing.T) {
	const (
		lat0, lon0 = 39.629, 117.58
		radius     = 400 / (2 * math.Pi) // a 400 m loop
		speed      = 2.5                 // m/s along the loop
		stepS      = 60
		steps      = 40
	)
	start := time.Date(2024, 10, 22, 13, 0, 0, 0, time.UTC)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>`)
	at, along := start, 0.0
	var chords float64
	prevLat, prevLon := math.NaN(), math.NaN()
	for i := 0; i <= steps; i++ {
		if i == 20 {
			at = at.Add(5 * time.Minute) // a stop: no point, nearly no displacement
		}
		th := along / radius
		la := lat0 + radius*math.Sin(th)/111_195
		lo := lon0 + radius*math.Cos(th)/(111_195*math.Cos(lat0*math.Pi/180))
		if i > 0 {
			dy := (la - prevLat) * 111_195
			dx := (lo - prevLon) * 111_195 * math.Cos(lat0*math.Pi/180)
			if i != 20 {
				chords += math.Hypot(dx, dy)
			}
		}
		prevLat, prevLon = la, lo
		fmt.Fprintf(&b, `<trkpt lat="%.7f" lon="%.7f"><time>%s</time></trkpt>`, la, lo, at.Format(time.RFC3339))
		at = at.Add(stepS * time.Second)
		if i != 19 {
			along += speed * stepS
		}
	}
	b.WriteString(`</trkseg></trk></gpx>`)
	acts, err := gpx.Decode(strings.NewReader(b.String()))
	if err != nil || len(acts) != 1 {
		t.Fatalf("decode: %v (%d)", err, len(acts))
	}
	a := acts[0]
	s, _ := summarize(&a.Track, a.Totals, a.Sport)
	wantMoving := float64((steps - 1) * stepS) // every step but the stop
	if math.Abs(s.MovingS-wantMoving) > stepS {
		t.Errorf("moving %.0f s, want %.0f s (elapsed %.0f s)", s.MovingS, wantMoving, s.ElapsedS)
	}
	// The distance is the path along the loop, not the chords that cut it
	// (the first and last steps and the two beside the stop keep their
	// chords: 4 of 39).
	path := float64((steps-1)*stepS) * speed
	if math.Abs(s.DistanceM-path) > 0.03*path || s.DistanceSource != "gps_sparse" {
		t.Errorf("distance %.0f m (%s), want about the path's %.0f m (chords %.0f m)", s.DistanceM, s.DistanceSource, path, chords)
	}
	// A total stated in the file (the app measured every fix) wins.
	s, _ = summarize(&a.Track, rekindle.Totals{DistanceM: 6100}, a.Sport)
	if math.Abs(s.DistanceM-6100) > 1 || s.DistanceSource != "gps_sparse" {
		t.Errorf("with a stated total of 6100 m: %.0f m (%s)", s.DistanceM, s.DistanceSource)
	}
	// A stated total more than twice the chords is not this track's.
	s, _ = summarize(&a.Track, rekindle.Totals{DistanceM: 3 * chords}, a.Sport)
	if math.Abs(s.DistanceM-path) > 0.03*path {
		t.Errorf("with a stated total of 3× the chords: %.0f m, want the path's %.0f m", s.DistanceM, path)
	}
}

// A sparse track on a straight road, with GPS wander left and right, and
// one with a single corner: the chords stand (no bend to follow), and a dense
// track is never touched.
func TestSparseStraightTrackKeepsChords(t *testing.T) {
	const lat0, lon0 = 47.37, 8.54
	mk := func(stepS int, n int, corner bool) (rekindle.Track, float64) {
		var tr rekindle.Track
		start := time.Date(2024, 10, 22, 6, 0, 0, 0, time.UTC).UnixMilli()
		var chords float64
		x, y := 0.0, 0.0
		px, py := 0.0, 0.0
		for i := 0; i < n; i++ {
			step := 3.0 * float64(stepS)
			if corner && i > n/2 {
				x += step
			} else if i > 0 {
				y += step
			}
			wob := 4.0 * float64(i%2*2-1) // ±4 m across the road
			ex, ny := x+wob, y
			if corner && i > n/2 {
				ex, ny = x, y+wob
			}
			if i > 0 {
				chords += math.Hypot(ex-px, ny-py)
			}
			px, py = ex, ny
			tr.Time = append(tr.Time, start+int64(i*stepS*1000))
			tr.Lat = append(tr.Lat, lat0+ny/111_195)
			tr.Lon = append(tr.Lon, lon0+ex/(111_195*math.Cos(lat0*math.Pi/180)))
		}
		return tr, chords
	}
	for _, tc := range []struct {
		name   string
		stepS  int
		corner bool
		source string
	}{{"sparse straight", 60, false, "gps"}, {"sparse corner", 60, true, "gps"}, {"dense", 1, true, "gps"}} {
		tr, chords := mk(tc.stepS, 40, tc.corner)
		s, _ := summarize(&tr, rekindle.Totals{}, rekindle.SportRunning)
		if math.Abs(s.DistanceM-chords) > 0.01*chords || s.DistanceSource != tc.source {
			t.Errorf("%s: %.0f m (%s), want the chords' %.0f m (%s)", tc.name, s.DistanceM, s.DistanceSource, chords, tc.source)
		}
	}
}

// The lap totals of a phone app's TCX (its own measure from every fix)
// stand for a sparse loop: two laps of 3,000 m with a point a minute on a
// 400 m track, no distance on the points.
func TestSparseTrackTakesLapTotals(t *testing.T) {
	const lat0, lon0, radius = 39.629, 117.58, 400 / (2 * math.Pi)
	start := time.Date(2024, 10, 22, 13, 0, 0, 0, time.UTC)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Running"><Id>` + start.Format(time.RFC3339) + `</Id>`)
	along := 0.0
	for lap := range 2 {
		fmt.Fprintf(&b, `<Lap StartTime="%s"><TotalTimeSeconds>1200</TotalTimeSeconds><DistanceMeters>3000</DistanceMeters><Track>`, start.Add(time.Duration(lap)*20*time.Minute).Format(time.RFC3339))
		for i := range 20 {
			th := along / radius
			at := start.Add(time.Duration(lap*20+i) * time.Minute)
			fmt.Fprintf(&b, `<Trackpoint><Time>%s</Time><Position><LatitudeDegrees>%.7f</LatitudeDegrees><LongitudeDegrees>%.7f</LongitudeDegrees></Position></Trackpoint>`,
				at.Format(time.RFC3339), lat0+radius*math.Sin(th)/111_195, lon0+radius*math.Cos(th)/(111_195*math.Cos(lat0*math.Pi/180)))
			along += 150
		}
		b.WriteString(`</Track></Lap>`)
	}
	b.WriteString(`</Activity></Activities></TrainingCenterDatabase>`)
	acts, err := tcx.Decode(strings.NewReader(b.String()))
	if err != nil || len(acts) != 1 {
		t.Fatalf("decode: %v (%d)", err, len(acts))
	}
	a := acts[0]
	s, _ := summarize(&a.Track, a.Totals, a.Sport)
	if math.Abs(s.DistanceM-6000) > 1 || s.DistanceSource != "gps_sparse" {
		t.Errorf("distance %.0f m (%s), want the laps' 6000 m", s.DistanceM, s.DistanceSource)
	}
}
