package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"rekindle"
	"rekindle/internal/geo"
)

// spreadCollapsedTimesAlways is spreadCollapsedTimes as it was before the
// bound (collapsible): the track's distance computed at its first gap.
func spreadCollapsedTimesAlways(a *rekindle.Activity) {
	t := &a.Track
	n := t.Len()
	if n < 3 || len(t.Time) != n || len(t.Lat) != n || len(t.Lon) != n {
		return
	}
	var cum []float64
	spread, points := 0.0, 0
	s := 0
	for g := 1; g < n; g++ {
		dt := float64(t.Time[g]-t.Time[g-1]) / 1000
		if dt < collapseGapS {
			continue
		}
		if dt > collapseMaxGapS {
			s = g
			continue
		}
		if cum == nil {
			cum = make([]float64, n)
			geo.Cumulative(cum, t.Lat, t.Lon)
		}
		d1, t1 := cum[g-1]-cum[s], float64(t.Time[g-1]-t.Time[s])/1000
		d, span := cum[g]-cum[s], float64(t.Time[g]-t.Time[s])/1000
		if d1 >= collapseMinM && d1 > collapseSpeedMS*max(t1, 1) && span > 0 && d/span <= collapseFitMS && g-1 > s {
			t0, t1ms := t.Time[s], t.Time[g]
			for k := s + 1; k < g; k++ {
				t.Time[k] = t0 + int64(math.Round((cum[k]-cum[s])/d*float64(t1ms-t0)))
				for _, c := range [][]float32{t.HR, t.Cadence, t.Power, t.Speed} {
					if len(c) == n {
						c[k] = rekindle.NaN32
					}
				}
			}
			spread += dt
			points += g - s
		}
		s = g
	}
	if points > 0 {
		a.Warnings = append(a.Warnings, fmt.Sprintf("%d points spread over %s", points, clock(spread)))
	}
}

// TestCollapsedTimesBound checks that the bound which spares
// spreadCollapsedTimes the track's distance changes nothing: on generated
// tracks with pauses, stretches written at one instant (some just under or
// over the thresholds), missing positions, the antimeridian and clock
// faults, the times, channels and number of warnings are those of the
// function that always computes the distance.
func TestCollapsedTimesBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(28, 6))
	spread := 0
	for trial := range 4000 {
		n := 3 + rng.IntN(300)
		tr := rekindle.Track{Time: make([]int64, n), Lat: make([]float64, n), Lon: make([]float64, n), HR: make([]float32, n)}
		lat, lon := -60+120*rng.Float64(), -180+360*rng.Float64()
		if trial%7 == 0 {
			lon = 179.999 // steps across the antimeridian
		}
		ms := int64(1_700_000_000_000)
		collapsed := false
		for i := range n {
			switch r := rng.Float64(); {
			case i > 0 && r < 0.04:
				ms += 60_000 + rng.Int64N(3_600_000) // a pause or the step after a collapse
				collapsed = false
			case i > 0 && r < 0.05:
				ms += 49 * 3_600_000 // a clock fault
			case i > 0 && r < 0.08:
				collapsed = !collapsed
			case collapsed:
				ms += rng.Int64N(20)
			default:
				ms += 1000 + rng.Int64N(4000)
			}
			step := 1e-5 + rng.Float64()*[]float64{1e-4, 1e-3, 5e-3, 3e-2}[trial%4]
			if collapsed {
				step *= 4 // a few hundred metres to a few km within seconds
			}
			lat += step * (rng.Float64() - 0.3)
			lon += step * (rng.Float64() - 0.3)
			if lon > 180 {
				lon -= 360
			}
			tr.Time[i], tr.Lat[i], tr.Lon[i], tr.HR[i] = ms, lat, lon, float32(100+rng.IntN(80))
			if rng.Float64() < 0.02 {
				tr.Lat[i], tr.Lon[i] = math.NaN(), math.NaN()
			}
		}
		a := &rekindle.Activity{Track: tr}
		b := &rekindle.Activity{Track: rekindle.Track{Time: slices.Clone(tr.Time), Lat: slices.Clone(tr.Lat), Lon: slices.Clone(tr.Lon),
			HR: slices.Clone(tr.HR)}}
		spreadCollapsedTimes(a)
		spreadCollapsedTimesAlways(b)
		if !slices.Equal(a.Track.Time, b.Track.Time) || len(a.Warnings) != len(b.Warnings) ||
			!slices.EqualFunc(a.Track.HR, b.Track.HR, func(x, y float32) bool { return x == y || x != x && y != y }) {
			t.Fatalf("trial %d (%d samples): the bound changed the result: warnings %q against %q", trial, n, a.Warnings, b.Warnings)
		}
		if len(b.Warnings) > 0 {
			spread++
		}
	}
	if spread < 100 {
		t.Errorf("only %d of the generated tracks had a stretch spread: the test does not reach the rule", spread)
	}
	t.Logf("%d of 4000 tracks with a stretch spread", spread)
}

// TestCorruptDeflateNamed checks that damaged deflate data inside a gzip
// stream and inside a zip member is named as such ("corrupt data", marked
// rekindle.ErrCorrupt) by the inflater the import uses, whatever its error
// types: a block of the reserved type 3 after a valid gzip header.
func TestCorruptDeflateNamed(t *testing.T) {
	good := gz(t, []byte(strings.Repeat("<gpx></gpx>\n", 100)))
	bad := append(bytes.Clone(good[:10]), 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0) // BFINAL, BTYPE 11
	zr, release, err := gunzip(context.Background(), bad, DefaultLimits, newBudget("import", 1<<30))
	if err == nil {
		_, err = io.ReadAll(zr)
		release()
		err = describeInflateErr("gzip", err)
	}
	if err == nil || !strings.Contains(err.Error(), "corrupt data") || !errors.Is(err, rekindle.ErrCorrupt) {
		t.Errorf("gzip stream: %v, want corrupt data", err)
	}
	fr := getFlate(bytes.NewReader(bad[10:]))
	_, err = io.ReadAll(fr)
	putFlate(fr)
	if err = describeInflateErr("zip: member", err); err == nil || !strings.Contains(err.Error(), "corrupt data") || !errors.Is(err, rekindle.ErrCorrupt) {
		t.Errorf("deflated member: %v, want corrupt data", err)
	}
}
