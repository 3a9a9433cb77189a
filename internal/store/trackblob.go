package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"sync"

	"rekindle"
)

// Track blob format, version 1 (all integers are varints):
//
//	"RK" 0x01                       magic and version
//	uvarint n                       samples
//	uvarint mask                    channels present (bit i = channel i below)
//	uvarint nb, nb × uvarint        breaks, delta coded
//	per present channel:
//	  byte mode                     bits 0–1: delta order (1 or 2); bit 2: NaN bitmap follows
//	  [ceil(n/8) bytes]             bit set = sample has no value
//	  zigzag varints                order-k differences of the quantised values that are present
//
// Channels and their stored precision: time 1 ms, lat and lon 1e-7°, ele
// 0.1 m, dist 1 cm, HR 1 bpm, cadence 1, power 1 W, speed 1 mm/s, temp 0.1 °C.
// A value that is not finite or does not fit is stored as missing.

const (
	blobVersion = 1
	// MaxTrackSamples caps the samples of one activity's track.
	MaxTrackSamples = 5_000_000
)

const (
	chTime = iota
	chLat
	chLon
	chEle
	chDist
	chHR
	chCad
	chPower
	chSpeed
	chTemp
	numChannels
)

var channelScale = [numChannels]float64{1, 1e7, 1e7, 10, 100, 1, 1, 1, 1000, 10}

// channel orders tried per channel: smooth ones gain from second differences.
var channelOrder = [numChannels]byte{2, 2, 2, 1, 2, 1, 1, 1, 1, 1}

// ErrBadBlob reports a track blob that cannot be decoded.
var ErrBadBlob = errors.New("store: bad track blob")

const maxQuant = 1 << 53

// EncodeTrack encodes a track into the columnar blob format.
func EncodeTrack(t *rekindle.Track) ([]byte, error) {
	if err := t.Validate(); err != nil {
		return nil, fmt.Errorf("store: encode track: %w", err)
	}
	n := t.Len()
	if n > MaxTrackSamples {
		return nil, fmt.Errorf("store: encode track: %d samples exceeds the cap of %d", n, MaxTrackSamples)
	}
	sc, _ := encodeScratchPool.Get().(*encodeScratch)
	if sc == nil {
		sc = &encodeScratch{}
	}
	buf := sc.buf[:0]
	if cap(buf) < 16+n*10 {
		buf = make([]byte, 0, 16+n*10)
	}
	buf = append(buf, 'R', 'K', blobVersion)
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
	q, ok := sc.q, sc.ok
	for c := range numChannels {
		if mask&(1<<c) == 0 {
			continue
		}
		// Most channels have every value: encoded straight from the
		// track's column in one pass. A channel with a missing value is
		// encoded again below, quantised first for its bitmap.
		start := len(buf)
		buf = append(buf, channelOrder[c])
		var whole bool
		if buf, whole = appendChannel(buf, t, c); whole {
			continue
		}
		buf = buf[:start]
		if cap(q) < n {
			q, ok = make([]int64, n), make([]bool, n)
		}
		q, ok = q[:n], ok[:n]
		missing := quantise(t, c, q, ok)
		mode := channelOrder[c]
		if missing > 0 {
			mode |= 4
		}
		buf = append(buf, mode)
		if missing > 0 {
			start := len(buf)
			buf = append(buf, make([]byte, (n+7)/8)...)
			for i := range n {
				if !ok[i] {
					buf[start+i/8] |= 1 << (i % 8)
				}
			}
		}
		var p1, p2 int64
		for i := range n {
			if !ok[i] {
				continue
			}
			v := q[i]
			d := v - p1
			if mode&3 == 2 {
				dd := d - p2
				p2 = d
				d = dd
			}
			p1 = v
			buf = binary.AppendVarint(buf, d)
		}
	}
	out := bytes.Clone(buf) // its exact size: kept until the batch is written
	if n <= maxPooledEncode {
		sc.buf, sc.q, sc.ok = buf, q, ok
		encodeScratchPool.Put(sc)
	}
	return out, nil
}

// encodeScratch is EncodeTrack's working memory, used again by the next
// track: the quantised column, its presence flags and the blob as it grows
// (returned as a copy of its exact size), rather than three allocations
// per track and the blob's regrowth whenever a track takes more than 10
// bytes a sample.
type encodeScratch struct {
	buf []byte
	q   []int64
	ok  []bool
}

var encodeScratchPool sync.Pool // of *encodeScratch

// maxPooledEncode is the longest track whose scratch is kept for the next
// one (~5 MB of it): a longer track's is let go.
const maxPooledEncode = 1 << 18

func present(t *rekindle.Track, c int) bool {
	switch c {
	case chTime:
		return t.Time != nil
	case chLat:
		return t.Lat != nil
	case chLon:
		return t.Lon != nil
	case chEle:
		return t.Ele != nil
	case chDist:
		return t.Dist != nil
	case chHR:
		return t.HR != nil
	case chCad:
		return t.Cadence != nil
	case chPower:
		return t.Power != nil
	case chSpeed:
		return t.Speed != nil
	case chTemp:
		return t.Temp != nil
	}
	return false
}

func f32(c int, t *rekindle.Track) []float32 {
	switch c {
	case chEle:
		return t.Ele
	case chHR:
		return t.HR
	case chCad:
		return t.Cadence
	case chPower:
		return t.Power
	case chSpeed:
		return t.Speed
	case chTemp:
		return t.Temp
	}
	return nil
}

// appendChannel appends channel c's values as EncodeTrack stores a
// channel with no missing value (order-k differences of the quantised
// values, zigzag varints), straight from the track's column; false, with
// buf to be cut back, at the first value that would be missing.
func appendChannel(buf []byte, t *rekindle.Track, c int) ([]byte, bool) {
	second := channelOrder[c] == 2
	switch c {
	case chTime:
		var p1, p2 int64
		for _, v := range t.Time {
			d := v - p1
			if second {
				d, p2 = d-p2, d
			}
			p1 = v
			buf = binary.AppendVarint(buf, d)
		}
		return buf, true
	case chLat:
		return appendQuantised(buf, t.Lat, channelScale[c], second)
	case chLon:
		return appendQuantised(buf, t.Lon, channelScale[c], second)
	case chDist:
		return appendQuantised(buf, t.Dist, channelScale[c], second)
	}
	return appendQuantised(buf, f32(c, t), channelScale[c], second)
}

// appendQuantised is appendChannel for a float column: each value
// quantised as quantise does.
func appendQuantised[F float32 | float64](buf []byte, col []F, scale float64, second bool) ([]byte, bool) {
	var p1, p2 int64
	for _, x := range col {
		v := math.Round(float64(x) * scale)
		if math.IsNaN(v) || v > maxQuant || v < -maxQuant {
			return buf, false
		}
		q := int64(v)
		d := q - p1
		if second {
			d, p2 = d-p2, d
		}
		p1 = q
		buf = binary.AppendVarint(buf, d)
	}
	return buf, true
}

// trackStart is StartOf of the blob EncodeTrack makes of t, read from
// t's columns: the first sample whose latitude and longitude are both
// stored (quantised as quantise does) and not both zero.
func trackStart(t *rekindle.Track) TrackStart {
	if t.Lat == nil || t.Lon == nil || len(t.Lat) != len(t.Lon) {
		return TrackStart{}
	}
	for i, la := range t.Lat {
		qa := math.Round(la * channelScale[chLat])
		qo := math.Round(t.Lon[i] * channelScale[chLon])
		if math.IsNaN(qa) || qa > maxQuant || qa < -maxQuant || math.IsNaN(qo) || qo > maxQuant || qo < -maxQuant {
			continue
		}
		if a, o := int64(qa), int64(qo); a != 0 || o != 0 {
			return TrackStart{Lat: float64(a) / channelScale[chLat], Lon: float64(o) / channelScale[chLon], OK: true}
		}
	}
	return TrackStart{}
}

// quantise fills q and ok for channel c and returns the number of missing samples.
func quantise(t *rekindle.Track, c int, q []int64, ok []bool) int {
	missing := 0
	put := func(i int, v float64) {
		v = math.Round(v * channelScale[c])
		if math.IsNaN(v) || v > maxQuant || v < -maxQuant {
			ok[i] = false
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
	return missing
}

// DecodeTrack decodes a blob made by EncodeTrack. Values come back at the
// stored precision; missing values are NaN; absent channels are nil.
func DecodeTrack(b []byte) (rekindle.Track, error) {
	var t rekindle.Track
	if len(b) < 3 || b[0] != 'R' || b[1] != 'K' {
		return t, fmt.Errorf("%w: no header", ErrBadBlob)
	}
	if b[2] != blobVersion {
		return t, fmt.Errorf("%w: version %d", ErrBadBlob, b[2])
	}
	r := blobReader{b: b, off: 3}
	n64 := r.uvarint()
	mask := r.uvarint()
	nb := r.uvarint()
	if r.err != nil {
		return t, r.err
	}
	if n64 > MaxTrackSamples {
		return t, fmt.Errorf("%w: %d samples", ErrBadBlob, n64)
	}
	if mask >= 1<<numChannels {
		return t, fmt.Errorf("%w: channel mask %#x", ErrBadBlob, mask)
	}
	n := int(n64)
	if nb > n64 {
		return t, fmt.Errorf("%w: %d breaks for %d samples", ErrBadBlob, nb, n)
	}
	if nb > 0 {
		t.Breaks = make([]int, 0, nb)
		prev := uint64(0)
		for range nb {
			d := r.uvarint()
			if r.err != nil {
				return t, r.err
			}
			if d == 0 || prev+d >= n64 {
				return t, fmt.Errorf("%w: break out of range", ErrBadBlob)
			}
			prev += d
			t.Breaks = append(t.Breaks, int(prev))
		}
	}
	// Every present channel needs at least one byte per sample or a bitmap:
	// refuse sizes the blob cannot hold before allocating.
	if channels := bits.OnesCount64(mask); channels > 0 && n/8 > len(b) {
		return t, fmt.Errorf("%w: %d samples in %d bytes", ErrBadBlob, n, len(b))
	}
	q := make([]int64, n)
	ok := make([]bool, n)
	for c := range numChannels {
		if mask&(1<<c) == 0 {
			continue
		}
		mode := r.byte()
		if r.err != nil {
			return t, r.err
		}
		order := mode & 3
		if order < 1 || order > 2 || mode&^7 != 0 {
			return t, fmt.Errorf("%w: channel %d mode %#x", ErrBadBlob, c, mode)
		}
		if c == chTime && mode&4 != 0 {
			return t, fmt.Errorf("%w: time channel with gaps", ErrBadBlob)
		}
		var bitmap []byte
		if mode&4 != 0 {
			bitmap = r.bytes((n + 7) / 8)
			if r.err != nil {
				return t, r.err
			}
		}
		var p1, p2 int64
		for i := range n {
			if bitmap != nil && bitmap[i/8]&(1<<(i%8)) != 0 {
				ok[i] = false
				continue
			}
			d := r.varint()
			if r.err != nil {
				return t, r.err
			}
			if order == 2 {
				d += p2
				p2 = d
			}
			p1 += d
			q[i], ok[i] = p1, true
		}
		fill(&t, c, n, q, ok)
	}
	if r.off != len(b) {
		return rekindle.Track{}, fmt.Errorf("%w: %d trailing bytes", ErrBadBlob, len(b)-r.off)
	}
	if t.Len() != n {
		return rekindle.Track{}, fmt.Errorf("%w: %d samples but no sample-indexing channel", ErrBadBlob, n)
	}
	if err := t.Validate(); err != nil {
		return rekindle.Track{}, fmt.Errorf("%w: %w", ErrBadBlob, err)
	}
	return t, nil
}

func fill(t *rekindle.Track, c, n int, q []int64, ok []bool) {
	scale := channelScale[c]
	switch c {
	case chTime:
		t.Time = append([]int64(nil), q...)
		if t.Time == nil {
			t.Time = []int64{}
		}
		return
	case chLat, chLon, chDist:
		out := make([]float64, n)
		for i := range n {
			if ok[i] {
				out[i] = float64(q[i]) / scale
			} else {
				out[i] = math.NaN()
			}
		}
		switch c {
		case chLat:
			t.Lat = out
		case chLon:
			t.Lon = out
		default:
			t.Dist = out
		}
		return
	}
	out := make([]float32, n)
	for i := range n {
		if ok[i] {
			out[i] = float32(float64(q[i]) / scale)
		} else {
			out[i] = rekindle.NaN32
		}
	}
	switch c {
	case chEle:
		t.Ele = out
	case chHR:
		t.HR = out
	case chCad:
		t.Cadence = out
	case chPower:
		t.Power = out
	case chSpeed:
		t.Speed = out
	case chTemp:
		t.Temp = out
	}
}

type blobReader struct {
	b   []byte
	off int
	err error
}

func (r *blobReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, k := binary.Uvarint(r.b[r.off:])
	if k <= 0 {
		r.err = fmt.Errorf("%w: bad varint at byte %d", ErrBadBlob, r.off)
		return 0
	}
	r.off += k
	return v
}

func (r *blobReader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, k := binary.Varint(r.b[r.off:])
	if k <= 0 {
		r.err = fmt.Errorf("%w: bad varint at byte %d", ErrBadBlob, r.off)
		return 0
	}
	r.off += k
	return v
}

func (r *blobReader) byte() byte {
	if r.err != nil {
		return 0
	}
	if r.off >= len(r.b) {
		r.err = fmt.Errorf("%w: truncated at byte %d", ErrBadBlob, r.off)
		return 0
	}
	r.off++
	return r.b[r.off-1]
}

func (r *blobReader) bytes(k int) []byte {
	if r.err != nil {
		return nil
	}
	if k > len(r.b)-r.off {
		r.err = fmt.Errorf("%w: truncated at byte %d", ErrBadBlob, r.off)
		return nil
	}
	r.off += k
	return r.b[r.off-k : r.off]
}

// firstPosition reads from a track blob only what its first position
// needs: the header, the time channel skipped over, the latitudes and the
// longitudes up to the first sample that has both and is not (0, 0). It
// returns that sample's position at the stored precision, as DecodeTrack
// would give it, and ok false when the track has none. buf is scratch
// space reused between calls (nil is fine). Damage that lies past the
// position read is not looked for (DecodeTrack checks the whole blob).
func firstPosition(b []byte, buf []int64) (lat, lon float64, ok bool, _ []int64, err error) {
	if len(b) < 3 || b[0] != 'R' || b[1] != 'K' {
		return 0, 0, false, buf, fmt.Errorf("%w: no header", ErrBadBlob)
	}
	if b[2] != blobVersion {
		return 0, 0, false, buf, fmt.Errorf("%w: version %d", ErrBadBlob, b[2])
	}
	r := blobReader{b: b, off: 3}
	n64 := r.uvarint()
	mask := r.uvarint()
	nb := r.uvarint()
	if r.err != nil {
		return 0, 0, false, buf, r.err
	}
	if n64 > MaxTrackSamples || mask >= 1<<numChannels || nb > n64 {
		return 0, 0, false, buf, fmt.Errorf("%w: header", ErrBadBlob)
	}
	if mask&(1<<chLat) == 0 || mask&(1<<chLon) == 0 {
		return 0, 0, false, buf, nil
	}
	n := int(n64)
	if n/8 > len(b) {
		return 0, 0, false, buf, fmt.Errorf("%w: %d samples in %d bytes", ErrBadBlob, n, len(b))
	}
	for range nb {
		r.uvarint()
	}
	const missing = math.MinInt64 // never a quantised value (|v| ≤ 2^53)
	if cap(buf) < n {
		buf = make([]int64, n)
	}
	lats := buf[:n]
	for c := range chLon + 1 {
		if mask&(1<<c) == 0 {
			continue
		}
		mode := r.byte()
		if r.err != nil {
			return 0, 0, false, buf, r.err
		}
		order := mode & 3
		if order < 1 || order > 2 || mode&^7 != 0 {
			return 0, 0, false, buf, fmt.Errorf("%w: channel %d mode %#x", ErrBadBlob, c, mode)
		}
		var bitmap []byte
		if mode&4 != 0 {
			if bitmap = r.bytes((n + 7) / 8); r.err != nil {
				return 0, 0, false, buf, r.err
			}
		}
		var p1, p2 int64
		for i := range n {
			if bitmap != nil && bitmap[i/8]&(1<<(i%8)) != 0 {
				if c == chLat {
					lats[i] = missing
				}
				continue
			}
			d := r.varint()
			if r.err != nil {
				return 0, 0, false, buf, r.err
			}
			if order == 2 {
				d += p2
				p2 = d
			}
			p1 += d
			switch c {
			case chLat:
				lats[i] = p1
			case chLon:
				if lats[i] != missing && (lats[i] != 0 || p1 != 0) {
					return float64(lats[i]) / channelScale[chLat], float64(p1) / channelScale[chLon], true, buf, nil
				}
			}
		}
	}
	return 0, 0, false, buf, nil
}
