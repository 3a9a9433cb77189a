package ingest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"rekindle"
)

// TestCollapsedTimesBound checks that the bound which spares
// spreadCollapsedTimes the track's distance changes nothing: on generated
// tracks with pauses, stretches written at one instant (some just under or
// over the thresholds), missing positions, the antimeridian and clock
// faults, the times, channels and number of warnings are those of the
// same function computing the distance without the bound.
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
		spreadCollapsed(b, false)
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
