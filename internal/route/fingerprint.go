package route

import (
	"encoding/binary"
	"errors"
	"math"
	"rekindle/internal/geo"
	"slices"

	"rekindle"
)

// Kind says what shape a run had; it is decided on purpose so that laps of a
// track, treadmill runs and out-and-backs are not mistaken for street loops.
type Kind string

// Run shapes.
const (
	KindLoop         Kind = "loop"
	KindOutAndBack   Kind = "out_and_back"
	KindPointToPoint Kind = "point_to_point"
	KindTrack        Kind = "track"     // laps in a small area (a running track)
	KindTreadmill    Kind = "treadmill" // no positions at all
)

// Fingerprint grid: 25 m cells on a lat/lon grid whose longitude step is
// set per 2° latitude band (so cells stay ~25 m square). Cells are keyed as
// int64(y)<<32 | uint32(x). Runs in different bands never match (a known
// edge case for runners living on a band boundary).
const (
	cellM       = 25.0
	bandDeg     = 2.0
	resampleM   = 10.0
	coarseShift = 3 // 8×8 cells ≈ 200 m for the candidate index
)

// FingerprintVersion changes whenever fingerprints would come out
// differently; cached fingerprints of another version are recomputed.
// MaxSpeedMS is the speed above which a fix is a GPS jump for a runner
// (track cleaning here and in map matching).
const MaxSpeedMS = 8.0

const FingerprintVersion = 2

// Fingerprint is a start- and direction-free summary of where a run went.
type Fingerprint struct {
	Kind      Kind    `json:"kind"`
	Band      int32   `json:"band"`
	Cells     []int64 `json:"-"`          // sorted unique 25 m cells
	DistanceM float64 `json:"distance_m"` // cleaned GPS distance (device distance for treadmill)
	StartLat  float64 `json:"start_lat"`
	StartLon  float64 `json:"start_lon"`
	EndLat    float64 `json:"end_lat"`
	EndLon    float64 `json:"end_lon"`
	// Clean is the cleaned track resampled every ~50 m, for display and
	// naming (a representative polyline).
	Clean [][2]float64 `json:"-"`
}

func cellKey(y, x int32) int64    { return int64(y)<<32 | int64(uint32(x)) }
func cellYX(k int64) (y, x int32) { return int32(k >> 32), int32(uint32(k)) }

func bandOf(lat float64) int32 { return int32(math.Floor(lat / bandDeg)) }

func bandSteps(band int32) (dLat, dLon float64) {
	dLat = cellM / 111195.0
	mid := (float64(band) + 0.5) * bandDeg
	dLon = dLat / math.Max(0.05, math.Cos(mid*math.Pi/180))
	return
}

// cleanTrack drops missing and implausible fixes (implied speed > 8 m/s when
// times are known, or a jump > 500 m without times).
func cleanTrack(lat, lon []float64, tms []int64) (clat, clon []float64) {
	last := -1
	for i := range lat {
		la, lo := lat[i], lon[i]
		if math.IsNaN(la) || math.IsNaN(lo) || (la == 0 && lo == 0) || math.Abs(la) > 90 || math.Abs(lo) > 180 {
			continue
		}
		if last >= 0 {
			d := geo.FastDistance(lat[last], lon[last], la, lo)
			if tms != nil {
				dt := float64(tms[i]-tms[last]) / 1000
				if dt > 0 && d/dt > MaxSpeedMS && d > 30 {
					continue
				}
			} else if d > 500 {
				continue
			}
		}
		clat = append(clat, la)
		clon = append(clon, lo)
		last = i
	}
	return
}

// NewFingerprint makes the fingerprint of a run from its positions (times
// may be nil). A run with no usable positions is a treadmill run.
func NewFingerprint(lat, lon []float64, timesMS []int64, deviceDistanceM float64) Fingerprint {
	if len(timesMS) != len(lat) {
		timesMS = nil
	}
	clat, clon := cleanTrack(lat, lon, timesMS)
	if len(clat) < 2 {
		return Fingerprint{Kind: KindTreadmill, DistanceM: deviceDistanceM}
	}
	fp := Fingerprint{Band: bandOf(clat[0]), StartLat: clat[0], StartLon: clon[0],
		EndLat: clat[len(clat)-1], EndLon: clon[len(clon)-1]}
	dLat, dLon := bandSteps(fp.Band)
	var raw [][2]float64
	fp.DistanceM = geo.Resample(clat, clon, resampleM, func(la, lo float64) {
		raw = append(raw, [2]float64{la, lo})
	})
	// A 50 m moving average takes most of the GPS noise out (fewer stray
	// cells, cheaper scores); the one-cell tolerance absorbs cut corners.
	pts := make([][2]float64, len(raw))
	cells := make([]int64, 0, len(raw))
	for i := range raw {
		a, b := max(0, i-2), min(len(raw)-1, i+2)
		var sl, so float64
		for _, p := range raw[a : b+1] {
			sl += p[0]
			so += p[1]
		}
		n := float64(b - a + 1)
		pts[i] = [2]float64{sl / n, so / n}
		cells = append(cells, cellKey(int32(math.Floor(pts[i][0]/dLat)), int32(math.Floor(pts[i][1]/dLon))))
	}
	slices.Sort(cells)
	fp.Cells = slices.Compact(cells)
	for i := 0; i < len(pts); i += 5 {
		fp.Clean = append(fp.Clean, pts[i])
	}
	if last := pts[len(pts)-1]; fp.Clean[len(fp.Clean)-1] != last {
		fp.Clean = append(fp.Clean, last)
	}
	fp.Kind = classifyShape(pts, fp.DistanceM, dLat, dLon)
	return fp
}

// classifyShape decides loop, out-and-back, point-to-point or track.
func classifyShape(pts [][2]float64, dist, dLat, dLon float64) Kind {
	minLa, maxLa, minLo, maxLo := pts[0][0], pts[0][0], pts[0][1], pts[0][1]
	for _, p := range pts {
		minLa, maxLa = min(minLa, p[0]), max(maxLa, p[0])
		minLo, maxLo = min(minLo, p[1]), max(maxLo, p[1])
	}
	diag := geo.FastDistance(minLa, minLo, maxLa, maxLo)
	if diag < 250 && dist > 3*diag {
		return KindTrack
	}
	s, e := pts[0], pts[len(pts)-1]
	if geo.FastDistance(s[0], s[1], e[0], e[1]) > max(300, 0.1*dist) {
		return KindPointToPoint
	}
	// Out-and-back: the turnaround (farthest point from the start) comes near
	// half-way and the way back retraces the way out.
	far, farD := 0, 0.0
	for i, p := range pts {
		if d := geo.FastDistance(s[0], s[1], p[0], p[1]); d > farD {
			far, farD = i, d
		}
	}
	frac := float64(far) / float64(len(pts)-1)
	if frac < 0.3 || frac > 0.7 {
		return KindLoop
	}
	out := map[int64]bool{}
	key := func(p [2]float64) (int32, int32) {
		return int32(math.Floor(p[0] / dLat)), int32(math.Floor(p[1] / dLon))
	}
	for _, p := range pts[:far+1] {
		y, x := key(p)
		out[cellKey(y, x)] = true
	}
	back, near := 0, 0
	for _, p := range pts[far:] {
		back++
		y, x := key(p)
	scan:
		for dy := int32(-1); dy <= 1; dy++ {
			for dx := int32(-1); dx <= 1; dx++ {
				if out[cellKey(y+dy, x+dx)] {
					near++
					break scan
				}
			}
		}
	}
	if back > 0 && float64(near)/float64(back) >= 0.8 {
		return KindOutAndBack
	}
	return KindLoop
}

// FingerprintActivity fingerprints a decoded activity.
func FingerprintActivity(a *rekindle.Activity) Fingerprint {
	dist := a.Summary.DistanceM
	if dist == 0 {
		dist = a.Totals.DistanceM
	}
	if !a.Track.HasPosition() || a.Sport == rekindle.SportTreadmill {
		return Fingerprint{Kind: KindTreadmill, DistanceM: dist}
	}
	return NewFingerprint(a.Track.Lat, a.Track.Lon, a.Track.Time, dist)
}

// Similarity is the route similarity of two runs in [0,1]: the smaller of
// the share of a's cells within one cell of b and the share of b's cells
// within one cell of a. ≥ SameRoute means the same route. It ignores start
// point and direction. Treadmill runs are similar only to each other.
func Similarity(a, b *Fingerprint) float64 {
	if a.Kind == KindTreadmill || b.Kind == KindTreadmill {
		if a.Kind == b.Kind {
			return 1
		}
		return 0
	}
	m := newMatcher(a)
	return m.score(b)
}

// Similarity thresholds.
const (
	SameRoute = 0.75 // same route (noise, sampling, start, direction, short detours)
	Variant   = 0.5  // a variant of the route
)

// matcher scores many fingerprints against one (dense local arrays over the
// query's bounding box, so a score costs ~9 array reads per cell).
type matcher struct {
	q          *Fingerprint
	y0, x0     int32
	w, h       int32
	occ        []int32 // query cell index+1 at exact cells
	dil        []bool  // within one cell of a query cell
	mark       []uint32
	gen        uint32
	fallback   map[int64]int32
	coarse     []int64
	coarseSize int
}

const maxMatcherArea = 1 << 22

func newMatcher(q *Fingerprint) *matcher {
	m := &matcher{}
	m.reset(q)
	return m
}

// reset points the matcher at a new query, reusing its buffers.
func (m *matcher) reset(q *Fingerprint) {
	m.q, m.fallback = q, nil
	if cap(m.mark) < len(q.Cells) {
		m.mark = make([]uint32, len(q.Cells))
		m.gen = 0
	}
	m.mark = m.mark[:len(q.Cells)]
	clear(m.mark)
	if len(q.Cells) == 0 {
		m.w, m.h = 0, 0
		return
	}
	y0, x0, y1, x1 := int32(math.MaxInt32), int32(math.MaxInt32), int32(math.MinInt32), int32(math.MinInt32)
	for _, c := range q.Cells {
		y, x := cellYX(c)
		y0, y1, x0, x1 = min(y0, y), max(y1, y), min(x0, x), max(x1, x)
	}
	y0, x0, y1, x1 = y0-1, x0-1, y1+1, x1+1
	m.y0, m.x0, m.h, m.w = y0, x0, y1-y0+1, x1-x0+1
	if int64(m.h)*int64(m.w) > maxMatcherArea {
		m.fallback = make(map[int64]int32, len(q.Cells))
		for i, c := range q.Cells {
			m.fallback[c] = int32(i) + 1
		}
		return
	}
	area := int(m.h) * int(m.w)
	if cap(m.occ) < area {
		m.occ = make([]int32, area)
		m.dil = make([]bool, area)
	}
	m.occ, m.dil = m.occ[:area], m.dil[:area]
	clear(m.occ)
	clear(m.dil)
	for i, c := range q.Cells {
		y, x := cellYX(c)
		p := int(y-y0)*int(m.w) + int(x-x0)
		m.occ[p] = int32(i) + 1
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				m.dil[p+dy*int(m.w)+dx] = true
			}
		}
	}
}

func (m *matcher) at(y, x int32) int32 {
	if m.fallback != nil {
		return m.fallback[cellKey(y, x)]
	}
	if y < m.y0 || x < m.x0 || y >= m.y0+m.h || x >= m.x0+m.w {
		return 0
	}
	return m.occ[int(y-m.y0)*int(m.w)+int(x-m.x0)]
}

func (m *matcher) score(b *Fingerprint) float64 {
	q := m.q
	if b.Kind == KindTreadmill || q.Kind == KindTreadmill {
		if b.Kind == q.Kind {
			return 1
		}
		return 0
	}
	if len(q.Cells) == 0 || len(b.Cells) == 0 || q.Band != b.Band {
		return 0
	}
	m.gen++
	if m.gen == 0 {
		clear(m.mark)
		m.gen = 1
	}
	nearB, hitQ := 0, 0
	for _, c := range b.Cells {
		y, x := cellYX(c)
		near := false
		for dy := int32(-1); dy <= 1; dy++ {
			for dx := int32(-1); dx <= 1; dx++ {
				if i := m.at(y+dy, x+dx); i > 0 {
					near = true
					if m.mark[i-1] != m.gen {
						m.mark[i-1] = m.gen
						hitQ++
					}
				}
			}
		}
		if near {
			nearB++
		}
	}
	return min(float64(nearB)/float64(len(b.Cells)), float64(hitQ)/float64(len(q.Cells)))
}

// coarseCells returns the sorted unique 200 m cells of a fingerprint.
func coarseCells(fp *Fingerprint) []int64 {
	out := make([]int64, 0, len(fp.Cells)/4+1)
	for _, c := range fp.Cells {
		y, x := cellYX(c)
		out = append(out, cellKey(y>>coarseShift, x>>coarseShift))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// MarshalBinary encodes the fingerprint compactly (for the store).
func (fp *Fingerprint) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 64+len(fp.Cells)*8+len(fp.Clean)*8)
	b = append(b, 1) // version
	b = binary.AppendUvarint(b, uint64(len(fp.Kind)))
	b = append(b, fp.Kind...)
	b = binary.AppendVarint(b, int64(fp.Band))
	for _, f := range []float64{fp.DistanceM, fp.StartLat, fp.StartLon, fp.EndLat, fp.EndLon} {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(f))
	}
	b = binary.AppendUvarint(b, uint64(len(fp.Cells)))
	prev := int64(0)
	for _, c := range fp.Cells { // sorted: delta-encode
		b = binary.AppendVarint(b, c-prev)
		prev = c
	}
	b = binary.AppendUvarint(b, uint64(len(fp.Clean)))
	for _, p := range fp.Clean {
		b = binary.LittleEndian.AppendUint32(b, uint32(int32(math.Round(p[0]*1e6))))
		b = binary.LittleEndian.AppendUint32(b, uint32(int32(math.Round(p[1]*1e6))))
	}
	return b, nil
}

// UnmarshalBinary decodes MarshalBinary's form.
func (fp *Fingerprint) UnmarshalBinary(b []byte) error {
	bad := errors.New("route: fingerprint: damaged encoding")
	if len(b) < 1 || b[0] != 1 {
		return bad
	}
	b = b[1:]
	uv := func() uint64 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			b = nil
			return 0
		}
		b = b[n:]
		return v
	}
	sv := func() int64 {
		v, n := binary.Varint(b)
		if n <= 0 {
			b = nil
			return 0
		}
		b = b[n:]
		return v
	}
	kl := uv()
	if kl > 32 || uint64(len(b)) < kl {
		return bad
	}
	*fp = Fingerprint{Kind: Kind(b[:kl])}
	b = b[kl:]
	fp.Band = int32(sv())
	if len(b) < 40 {
		return bad
	}
	vals := []*float64{&fp.DistanceM, &fp.StartLat, &fp.StartLon, &fp.EndLat, &fp.EndLon}
	for _, p := range vals {
		*p = math.Float64frombits(binary.LittleEndian.Uint64(b))
		b = b[8:]
	}
	n := uv()
	if n > uint64(len(b)) {
		return bad
	}
	fp.Cells = make([]int64, 0, n)
	prev := int64(0)
	for range n {
		prev += sv()
		fp.Cells = append(fp.Cells, prev)
	}
	np := uv()
	if np*8 > uint64(len(b)) {
		return bad
	}
	for range np {
		la := float64(int32(binary.LittleEndian.Uint32(b))) / 1e6
		lo := float64(int32(binary.LittleEndian.Uint32(b[4:]))) / 1e6
		b = b[8:]
		fp.Clean = append(fp.Clean, [2]float64{la, lo})
	}
	if b == nil {
		return bad
	}
	return nil
}
