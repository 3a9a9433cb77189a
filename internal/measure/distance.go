package measure

import (
	"math"
	"slices"

	"rekindle"
	"rekindle/internal/geo"
)

const (
	rad         = geo.Rad
	earthRadius = geo.EarthRadiusM // the mean radius (package geo)
)

// distance picks the distance source and builds the cumulative column.
func (w *work) distance(t *rekindle.Track, totalM float64) {
	// A device channel far from the file's own total is broken (pool swims
	// write a few stray values).
	agrees := func(cum []float64) bool {
		d := cum[w.n-1]
		return !pos(totalM) || (d > totalM/2 && d < totalM*2)
	}
	withPos := t.HasPosition() && len(t.Lat) == w.n
	if cum, ok := w.deviceDistance(t.Dist, totalM, withPos); ok && agrees(cum) {
		w.cum, w.distSource = cum, "device"
		return
	}
	if t.HasPosition() && len(t.Lat) == w.n {
		if cum := w.gpsDistance(t.Lat, t.Lon); cum[w.n-1] > 0 {
			w.cum, w.distSource = cum, "gps"
			w.lat, w.lon = t.Lat, t.Lon
			if w.sparse() {
				w.sparseDistance(t.Lat, t.Lon, totalM)
			}
			return
		}
	}
	if cum := w.speedDistance(t.Speed); cum != nil && agrees(cum) {
		w.cum, w.distSource = cum, "device"
		return
	}
	w.distSource = "totals"
}

// deviceDistance builds cumulative distance from the device channel from its
// increments: a drop is a reset (no distance), a jump faster than
// MaxPlausibleSpeedMS is a glitch (no distance).
func (w *work) deviceDistance(d []float64, totalM float64, withPos bool) ([]float64, bool) {
	if len(d) != w.n {
		return nil, false
	}
	valid := 0
	for _, v := range d {
		if finite(v) && v >= 0 {
			valid++
		}
	}
	if valid < 2 {
		return nil, false
	}
	if valid*2 < w.n {
		if !withPos {
			return nil, false // a pool swim's few stray values: the file's total wins
		}
		return w.sparseDeviceDistance(d, valid, totalM)
	}
	cum := w.arena.floats(w.n)
	last, lastI := math.NaN(), -1
	for i, v := range d {
		if i > 0 {
			cum[i] = cum[i-1]
		}
		if !finite(v) || v < 0 {
			continue
		}
		if lastI < 0 {
			if v <= deviceOffsetM {
				cum[i] = v
				for j := 0; j < i; j++ {
					cum[j] = v
				}
			}
		} else if inc := v - last; inc > 0 {
			if !w.tooFast(inc, lastI, i) {
				cum[i] += inc
			}
		}
		last, lastI = v, i
	}
	if cum[w.n-1] <= 0 {
		return nil, false
	}
	return cum, true
}

// MaxDeviceDistStepS: a device distance channel written in records of its
// own, fewer than half the samples (a watch that writes its integrated
// distance every few seconds between per-second positions, as Apple Watch
// files through Strava do), is the device's distance, on a track with
// positions (without them a few stray values are no channel), when its readings come
// at least once per MaxDeviceDistStepS on average over the span they cover
// and that span is most of the track's.
const MaxDeviceDistStepS = 60.0

// sparseDeviceDistance builds cumulative distance from a device channel
// carried by fewer than half the samples: each increment between two
// readings is spread over the samples between them in proportion to time
// (a drop is a reset, a jump faster than MaxPlausibleSpeedMS a glitch, as
// for a dense channel); an increment across a pause (Track.Breaks) does not
// count: such a watch keeps adding distance while the timer is stopped, which
// its own session total leaves out. Without times, or with readings too rare or
// covering too little of the track, it is not used.
func (w *work) sparseDeviceDistance(d []float64, valid int, totalM float64) ([]float64, bool) {
	if w.ts == nil || w.n < 2 {
		return nil, false
	}
	first, last := -1, -1
	for i, v := range d {
		if finite(v) && v >= 0 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	span := w.ts[w.n-1] - w.ts[0]
	covered := w.ts[last] - w.ts[first]
	if span <= 0 || covered < 0.9*span || covered/float64(valid-1) > MaxDeviceDistStepS {
		return nil, false
	}
	cum := w.arena.floats(w.n)
	if v := d[first]; v <= deviceOffsetM {
		for j := 0; j <= first; j++ {
			cum[j] = v
		}
	}
	p := first
	for i := first + 1; i < w.n; i++ {
		cum[i] = cum[i-1]
		v := d[i]
		if !finite(v) || v < 0 {
			continue
		}
		inc := v - d[p]
		if inc > 0 && !w.tooFast(inc, p, i) && !slices.Contains(w.brk[p+1:i+1], true) {
			base, dt := cum[p], w.ts[i]-w.ts[p]
			for j := p + 1; j <= i; j++ {
				f := 1.0
				if dt > 0 {
					f = (w.ts[j] - w.ts[p]) / dt
				}
				cum[j] = base + inc*f
			}
		}
		p = i
	}
	if cum[w.n-1] <= 0 {
		return nil, false
	}
	// The file's own total (the session's) is the device's word on the
	// distance; such a watch's channel also keeps counting through some
	// pauses the timer leaves out (real files: 4-8% more on paused runs).
	// Within maxTotalScale of the channel, the channel is scaled to it.
	if f := totalM / cum[w.n-1]; pos(totalM) && f != 1 && f >= 1/maxTotalScale && f <= maxTotalScale {
		for i := range cum {
			cum[i] *= f
		}
	}
	return cum, true
}

// maxTotalScale bounds how far a sparse device distance channel is scaled to
// the file's stated total.
const maxTotalScale = 1.25

// tooFast reports whether covering dist metres between samples i and j is
// implausibly fast. Without time nothing is too fast.
func (w *work) tooFast(dist float64, i, j int) bool {
	if w.ts == nil {
		return false
	}
	dt := w.ts[j] - w.ts[i]
	if dt <= 0 {
		return dist > MaxPlausibleSpeedMS
	}
	return dist/dt > MaxPlausibleSpeedMS
}

// gpsDistance sums great-circle steps between valid positions, not across
// pauses and not for implausible steps.
func (w *work) gpsDistance(lat, lon []float64) []float64 {
	cum := w.arena.floats(w.n)
	w.cosLat = w.arena.floats(w.n)
	p := -1
	var cosP float64
	pauseSince := false
	// cos(lat) by a second-order expansion around a reference latitude,
	// refreshed when the track moves 0.01 rad (≈ 64 km) from it: the error
	// is below 2e-7, far inside stepDistance's own approximation.
	refPhi, refCos, refSin := math.NaN(), 0.0, 0.0
	for i := 0; i < w.n; i++ {
		if i > 0 {
			cum[i] = cum[i-1]
			if w.brk[i] {
				pauseSince = true
			}
		}
		la, lo := lat[i], lon[i]
		if !finite(la) || !finite(lo) || la < -90 || la > 90 || lo < -180 || lo > 180 {
			continue
		}
		phi := la * rad
		dphi := phi - refPhi
		if !(math.Abs(dphi) < 0.01) {
			refPhi, refCos, refSin = phi, math.Cos(phi), math.Sin(phi)
			dphi = 0
		}
		c := refCos - refSin*dphi - 0.5*refCos*dphi*dphi
		w.cosLat[i] = c
		if p >= 0 && !pauseSince {
			d := stepDistance(lat[p], lon[p], cosP, la, lo, c)
			if !w.tooFast(d, p, i) {
				cum[i] += d
			}
		}
		p, cosP, pauseSince = i, c, false
	}
	return cum
}

// speedDistance integrates the device speed channel over time.
func (w *work) speedDistance(sp []float32) []float64 {
	if len(sp) != w.n || w.ts == nil {
		return nil
	}
	cum := w.arena.floats(w.n)
	for i := 1; i < w.n; i++ {
		cum[i] = cum[i-1]
		v := float64(sp[i])
		if w.brk[i] || !finite(v) || v <= 0 || v > MaxPlausibleSpeedMS {
			continue
		}
		cum[i] += v * (w.ts[i] - w.ts[i-1])
	}
	if cum[w.n-1] <= 0 {
		return nil
	}
	return cum
}

// stepDistance is the haversine distance for a track step given the cosines
// of both latitudes. For short steps (under about 0.01 rad ≈ 60 km) the small
// angle forms sin x ≈ x and asin x ≈ x are exact to 1e-5 relative, and much
// faster; longer steps use the full formula.
func stepDistance(lat1, lon1, cos1, lat2, lon2, cos2 float64) float64 {
	dp := (lat2 - lat1) * rad
	dl := (lon2 - lon1) * rad
	if dl > math.Pi {
		dl -= 2 * math.Pi
	} else if dl < -math.Pi {
		dl += 2 * math.Pi
	}
	if math.Abs(dp) < 0.01 && math.Abs(dl) < 0.01 {
		return earthRadius * math.Sqrt(dp*dp+cos1*cos2*dl*dl)
	}
	return geo.Distance(lat1, lon1, lat2, lon2)
}

// SparseStepS: a track whose median step between positions lasts this long
// or more is sparse (a phone app saving battery writes a point a minute):
// straight lines between its points cut every bend, and on a 400 m track,
// two or three points a lap, they miss a third of the distance.
const SparseStepS = 20.0

// maxSparseTurn caps the turn a sparse step is taken to make: near half a
// circle the direction of travel between two points is no longer known.
const maxSparseTurn = 150 * rad

// minSparseTurn: a bend turns at least this much at both ends of a step;
// smaller turns are GPS wander on a straight.
const minSparseTurn = 20 * rad

// sparse reports whether the median interval between consecutive samples
// with a position is SparseStepS or more.
func (w *work) sparse() bool {
	if w.ts == nil || w.lat == nil || w.n < 3 {
		return false
	}
	var dts []float64
	p := -1
	for i := 0; i < w.n; i++ {
		if !validPos(w.lat[i], w.lon[i]) {
			continue
		}
		if p >= 0 && !w.brk[i] {
			if dt := w.ts[i] - w.ts[p]; dt > 0 {
				dts = append(dts, dt)
			}
		}
		p = i
	}
	if len(dts) < 2 {
		return false
	}
	slices.Sort(dts)
	return dts[len(dts)/2] >= SparseStepS
}

// sparseDistance corrects the straight-line distance of a sparse track:
// with a total distance stated in the file (a phone app's own measure from
// all its fixes) that is longer than the straight lines and at most twice
// them, the track is scaled to it; otherwise each step of SparseStepS or
// more that lies on a steady bend (the track turns the same way, by
// minSparseTurn or more, at both its ends) counts as the circular arc through its points rather than the
// chord: the shortest smooth path the points allow, exact on a circle and
// adding nothing on a straight road or a zigzag of GPS noise. The distance
// source becomes "gps_sparse".
func (w *work) sparseDistance(lat, lon []float64, totalM float64) {
	cum := w.cum
	chords := cum[w.n-1]
	if pos(totalM) && totalM > chords && totalM <= 2*chords {
		f := totalM / chords
		for i := range cum {
			cum[i] *= f
		}
		w.distSource = "gps_sparse"
		return
	}
	// Local plane coordinates of the valid positions, in metres.
	var idx []int
	for i := 0; i < w.n; i++ {
		if validPos(lat[i], lon[i]) {
			idx = append(idx, i)
		}
	}
	if len(idx) < 3 {
		return
	}
	turn := make([]float64, len(idx)) // signed turn at each valid point, 0 at the ends
	for k := 1; k+1 < len(idx); k++ {
		a, b, c := idx[k-1], idx[k], idx[k+1]
		ax, ay := w.planar(lat, lon, a, b)
		bx, by := w.planar(lat, lon, b, c)
		if (ax == 0 && ay == 0) || (bx == 0 && by == 0) {
			continue
		}
		turn[k] = math.Atan2(ax*by-ay*bx, ax*bx+ay*by)
	}
	inc := make([]float64, w.n)
	for i := 1; i < w.n; i++ {
		inc[i] = cum[i] - cum[i-1]
	}
	changed := false
	for k := 1; k < len(idx); k++ {
		p, i := idx[k-1], idx[k]
		if inc[i] <= 0 || w.ts[i]-w.ts[p] < SparseStepS {
			continue
		}
		t0, t1 := turn[k-1], turn[k] // 0 at the ends: their chords stand
		if t0*t1 <= 0 || math.Abs(t0) < minSparseTurn || math.Abs(t1) < minSparseTurn {
			continue // straight on, a zigzag of GPS noise, a lone corner: the chord stands
		}
		th := min(math.Abs(t0+t1)/2, maxSparseTurn)
		inc[i] *= (th / 2) / math.Sin(th/2)
		changed = true
	}
	if !changed {
		return
	}
	for i := 1; i < w.n; i++ {
		cum[i] = cum[i-1] + inc[i]
	}
	w.distSource = "gps_sparse"
}

// planar is the step from sample a to sample b in metres east and north.
func (w *work) planar(lat, lon []float64, a, b int) (float64, float64) {
	c := math.Cos((lat[a] + lat[b]) / 2 * rad)
	dl := lon[b] - lon[a]
	if dl > 180 {
		dl -= 360
	} else if dl < -180 {
		dl += 360
	}
	return dl * rad * earthRadius * c, (lat[b] - lat[a]) * rad * earthRadius
}

func validPos(la, lo float64) bool {
	return finite(la) && finite(lo) && la >= -90 && la <= 90 && lo >= -180 && lo <= 180
}

// fromGPS reports whether the distance comes from positions.
func (w *work) fromGPS() bool { return w.distSource == "gps" || w.distSource == "gps_sparse" }
