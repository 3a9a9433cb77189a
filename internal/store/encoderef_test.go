package store

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"

	"rekindle"
)

// encodeTrackRef is the track blob format written the plain way: every
// channel quantised with math.Round into a column, its bitmap, then its
// differences as varints. EncodeTrack must write the same bytes.
func encodeTrackRef(t *rekindle.Track) []byte {
	n := t.Len()
	buf := []byte{'R', 'K', blobVersion}
	buf = binary.AppendUvarint(buf, uint64(n))
	var mask uint64
	for c := range numChannels {
		if present(t, c) {
			mask |= 1 << c
		}
	}
	buf = binary.AppendUvarint(buf, mask)
	buf = binary.AppendUvarint(buf, uint64(len(t.Breaks)))
	prev := 0
	for _, b := range t.Breaks {
		buf = binary.AppendUvarint(buf, uint64(b-prev))
		prev = b
	}
	for c := range numChannels {
		if mask&(1<<c) == 0 {
			continue
		}
		q, ok := make([]int64, n), make([]bool, n)
		missing := 0
		put := func(i int, v float64) {
			v = math.Round(v * channelScale[c])
			if math.IsNaN(v) || v > maxQuant || v < -maxQuant {
				missing++
				return
			}
			q[i], ok[i] = int64(v), true
		}
		switch c {
		case chTime:
			for i, v := range t.Time {
				q[i], ok[i] = v, true
			}
		case chLat:
			for i, v := range t.Lat {
				put(i, v)
			}
		case chLon:
			for i, v := range t.Lon {
				put(i, v)
			}
		case chDist:
			for i, v := range t.Dist {
				put(i, v)
			}
		default:
			for i, v := range f32(c, t) {
				put(i, float64(v))
			}
		}
		mode := channelOrder[c]
		if missing > 0 {
			mode |= 4
		}
		buf = append(buf, mode)
		if missing > 0 {
			bm := make([]byte, (n+7)/8)
			for i := range n {
				if !ok[i] {
					bm[i/8] |= 1 << (i % 8)
				}
			}
			buf = append(buf, bm...)
		}
		var p1, p2 int64
		for i := range n {
			if !ok[i] {
				continue
			}
			d := q[i] - p1
			if mode&3 == 2 {
				d, p2 = d-p2, d
			}
			p1 = q[i]
			buf = binary.AppendVarint(buf, d)
		}
	}
	return buf
}

// hardValues are values whose quantising is easy to get wrong: halves
// (rounded away from zero), the float just below a half, the edges of the
// quantised range (±2^53 after scaling) and what is past them, zeros of
// both signs, infinities and NaN.
func hardValues(scale float64) []float64 {
	var out []float64
	for _, q := range []float64{0.5, 1.5, 2.5, 1e6 + 0.5, 0.49999999999999994, 1.4999999999999998, 0, 1, 123456789.5} {
		out = append(out, q/scale, -q/scale, math.Nextafter(q/scale, 0), math.Nextafter(q/scale, 1e300))
	}
	for _, v := range []float64{maxQuant, maxQuant - 1, maxQuant + 2, maxQuant * 4, 1 << 62, 1 << 63, 1 << 64} {
		out = append(out, v/scale, -v/scale, math.Nextafter(v/scale, 0), math.Nextafter(v/scale, math.Inf(1)))
	}
	return append(out, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, math.SmallestNonzeroFloat64)
}

// TestEncodeTrackIsReference: EncodeTrack writes the reference's bytes for
// every real track, for copies of them with a hard value (see hardValues)
// put into each channel at the first, a middle and the last sample, and
// for random tracks of hard and ordinary values.
func TestEncodeTrackIsReference(t *testing.T) {
	check := func(what string, tr *rekindle.Track) {
		t.Helper()
		got, err := EncodeTrack(tr)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if want := encodeTrackRef(tr); !bytes.Equal(got, want) {
			t.Fatalf("%s: %d bytes, the reference %d, first difference at %d", what, len(got), len(want), firstDiff(got, want))
		}
	}
	tracks := realTracks(t, 0)
	for i, tr := range tracks {
		check("real track", tr)
		n := tr.Len()
		if i%8 != 0 || n > 2000 {
			continue // damaged copies of every eighth track of at most 2,000 samples
		}
		for c := chLat; c < numChannels; c++ {
			if !present(tr, c) {
				continue
			}
			for _, v := range hardValues(channelScale[c]) {
				for _, at := range []int{0, n / 2, n - 1} {
					cp := copyTrack(tr)
					setValue(&cp, c, at, v)
					check("damaged track", &cp)
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		n := 1 + rng.IntN(300)
		var tr rekindle.Track
		for i := range n {
			tr.Time = append(tr.Time, int64(i)*1000+rng.Int64N(1000)-500)
		}
		pick := func(scale float64) float64 {
			if hv := hardValues(scale); rng.IntN(4) == 0 {
				return hv[rng.IntN(len(hv))]
			}
			return (rng.Float64()*2000 - 1000) / scale * float64(rng.IntN(1000))
		}
		tr.Lat, tr.Lon, tr.Dist = make([]float64, n), make([]float64, n), make([]float64, n)
		tr.Ele, tr.HR, tr.Speed = make([]float32, n), make([]float32, n), make([]float32, n)
		for i := range n {
			tr.Lat[i], tr.Lon[i], tr.Dist[i] = pick(1e7), pick(1e7), pick(100)
			tr.Ele[i], tr.HR[i], tr.Speed[i] = float32(pick(10)), float32(pick(1)), float32(pick(1000))
		}
		check("random track", &tr)
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func copyTrack(tr *rekindle.Track) rekindle.Track {
	c := *tr
	c.Time = append([]int64(nil), tr.Time...)
	for _, p := range []*[]float64{&c.Lat, &c.Lon, &c.Dist} {
		if *p != nil {
			*p = append([]float64(nil), (*p)...)
		}
	}
	for _, p := range []*[]float32{&c.Ele, &c.HR, &c.Cadence, &c.Power, &c.Speed, &c.Temp} {
		if *p != nil {
			*p = append([]float32(nil), (*p)...)
		}
	}
	return c
}

func setValue(tr *rekindle.Track, c, i int, v float64) {
	switch c {
	case chLat:
		tr.Lat[i] = v
	case chLon:
		tr.Lon[i] = v
	case chDist:
		tr.Dist[i] = v
	default:
		f32(c, tr)[i] = float32(v)
	}
}
