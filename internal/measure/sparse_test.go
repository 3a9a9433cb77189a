package measure

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"rekindle/internal/gpx"
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
	if math.Abs(s.DistanceM-chords) > 0.02*chords {
		t.Errorf("distance %.0f m, want the chords' %.0f m", s.DistanceM, chords)
	}
}
