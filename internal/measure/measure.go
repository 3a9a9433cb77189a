// Package measure computes one activity's numbers from its track: distance,
// elapsed and moving time, elevation gain and loss, heart rate, cadence,
// power, speeds, per-km and per-mile splits, best efforts, the heart-rate
// histogram and the normalised speed used for pace-based load.
//
// It is pure: it reads an Activity and fills its Summary, with no I/O. It
// never names an activity: one whose file carries no name (FIT sessions
// have none; TCX has only Notes, which the decoder puts in Description)
// keeps an empty Name, and the CLI and web derive one for display.
//
// Methods (see docs/science.md §11):
//
//   - Distance: the device's cumulative distance channel when present and sane
//     (at least half the samples carry it and it grows); else the sum of
//     great-circle steps between positions, skipping samples without a
//     position, not counting the jump across a pause (Track.Breaks), and
//     dropping steps faster than MaxPlausibleSpeedMS; else the device speed
//     channel integrated over time; else the file's Totals.
//   - Moving time: an interval between two samples counts when it is not a
//     pause (Track.Breaks: timer stops, new segments) and the speed over a
//     window of ±MovingWindowS/2 around it, inside the same segment, exceeds
//     MovingSpeedMS. Without any distance information every non-paused
//     interval counts.
//   - Elevation: missing values are carried, the series is smoothed with a
//     centred moving average over ElevationSmoothS seconds, then gain and loss
//     use GoldenCheetah-style hysteresis of ElevationHysteresisM metres
//     (both tuned against the devices' own totals on real files).
//   - Averages of heart rate, cadence and power are time-weighted over moving
//     time (cadence ignores zeros, power keeps them).
//   - Max speed: the largest median of five consecutive per-interval speeds,
//     so one GPS spike cannot set it.
//   - Best efforts: the fastest contiguous stretch of each standard distance
//     by elapsed time, found with two pointers over cumulative distance, with
//     the far end interpolated inside its sample interval.
//   - Normalised speed: moving time resampled at 1 Hz, 30 s rolling mean,
//     fourth-power mean, fourth root. For foot sports with elevation the speed
//     is first grade-adjusted with Minetti's energy cost (speed·Cr(i)/3.6,
//     grade over ±GradeHalfWindowM metres, clamped to ±45 %).
package measure

import (
	"fmt"
	"math"
	"rekindle/internal/geo"
	"slices"
	"sync"

	"rekindle"
)

// Documented thresholds.
const (
	// MovingSpeedMS is the speed above which an interval counts as moving.
	MovingSpeedMS = 0.5
	// MovingWindowS is the width of the window the moving speed is taken over.
	MovingWindowS = 5.0
	// MaxPlausibleSpeedMS drops position or distance steps faster than this
	// (GPS glitches, teleports); a car on a motorway is still below it.
	MaxPlausibleSpeedMS = 100.0
	// ElevationHysteresisM is the rise or drop that must be exceeded before
	// it counts as gain or loss. With ElevationSmoothS it was tuned on the
	// real files in testdata/activities against the devices' own total ascent
	// (Edge 500/1000/200, fenix 2, Forerunner 110, Zwift): mean absolute
	// error about 5 %, against 25–30 % for GoldenCheetah's raw 3 m.
	ElevationHysteresisM = 1.0
	// ElevationSmoothS is the width of the centred moving average applied to
	// elevation before the hysteresis.
	ElevationSmoothS = 6.0
	// GradeHalfWindowM is the half width, in metres, of the distance window
	// grades are measured over for grade adjustment.
	GradeHalfWindowM = 25.0
	// deviceOffsetM: a device distance channel that starts above this is
	// rebased to zero (a leg of a multisport file continuing the count).
	deviceOffsetM = 50.0
	// MaxClockGapS: a step between two samples longer than this (two days),
	// forwards or backwards, is a clock fault (a damaged record, a reset
	// device clock), not time spent; it counts as a pause.
	MaxClockGapS = 48 * 3600.0
	// MaxTotalS: a duration in the file's totals above this (a week) is not
	// believed.
	MaxTotalS = 7 * 24 * 3600.0
	// maxBins caps the 1 Hz resampling for normalised speed (hostile input).
	maxBins = 2_000_000
)

// Activity measures a and fills a.Summary. It never panics on odd tracks:
// channels of the wrong length are ignored.
//
// What looked wrong while measuring (a clock that jumps by years, absurd
// durations in the file's totals) is added to a.Warnings, once: measuring
// the same activity again adds nothing new.
func Activity(a *rekindle.Activity) {
	var warn []string
	a.Summary, warn = summarize(&a.Track, a.Totals, a.Sport)
	for _, m := range warn {
		if !slices.Contains(a.Warnings, m) {
			a.Warnings = append(a.Warnings, m)
		}
	}
}

// Summarize measures a track, falling back to the file's totals for what the
// track cannot tell.
func Summarize(t *rekindle.Track, tot rekindle.Totals, sport rekindle.Sport) rekindle.Summary {
	s, _ := summarize(t, tot, sport)
	return s
}

func summarize(t *rekindle.Track, tot rekindle.Totals, sport rekindle.Sport) (rekindle.Summary, []string) {
	var warn []string
	if tot.ElapsedS > MaxTotalS && finite(tot.ElapsedS) {
		warn = append(warn, fmt.Sprintf("measure: the file's elapsed time of %.0f s is not believable; ignored", tot.ElapsedS))
		tot.ElapsedS = 0
	}
	if tot.TimerS > MaxTotalS && finite(tot.TimerS) {
		warn = append(warn, fmt.Sprintf("measure: the file's timer time of %.0f s is not believable; ignored", tot.TimerS))
		tot.TimerS = 0
	}
	w := getWork(t, tot.DistanceM)
	defer putWork(w)
	if w.clockJumps > 0 {
		warn = append(warn, fmt.Sprintf("measure: the clock jumps by more than %.0f h at %d samples; those steps are not counted as time", MaxClockGapS/3600, w.clockJumps))
	}
	var s rekindle.Summary

	// Distance.
	s.DistanceSource = w.distSource
	if w.cum != nil {
		s.DistanceM = w.cum[w.n-1]
	} else if pos(tot.DistanceM) {
		s.DistanceM = tot.DistanceM
		s.DistanceSource = "totals"
	} else {
		s.DistanceSource = "none"
	}

	// Times.
	if w.ts != nil && w.ts[w.n-1] > 0 {
		s.ElapsedS = w.ts[w.n-1]
		s.MovingS = w.movCum[w.n-1]
	} else {
		s.ElapsedS = tot.ElapsedS
		if pos(tot.TimerS) {
			s.MovingS = tot.TimerS
		} else {
			s.MovingS = tot.ElapsedS
		}
		if !pos(s.ElapsedS) {
			s.ElapsedS = s.MovingS
		}
	}
	if !finite(s.ElapsedS) {
		s.ElapsedS = 0
	}
	if !finite(s.MovingS) {
		s.MovingS = 0
	}

	// Elevation.
	if w.ascCum != nil {
		s.AscentM = w.ascCum[w.n-1]
		s.DescentM = w.descent
	} else {
		s.AscentM, s.DescentM = nz(tot.AscentM), nz(tot.DescentM)
	}

	// Channels averaged over moving time.
	s.AvgHR, s.MaxHR = w.average(t.HR, false, 20, 260)
	if s.AvgHR == 0 {
		s.AvgHR, s.MaxHR = nz(tot.AvgHR), nz(tot.MaxHR)
	}
	s.AvgCadenceSPM, _ = w.average(t.Cadence, true, 0, 400)
	if s.AvgCadenceSPM == 0 {
		s.AvgCadenceSPM = nz(tot.AvgCadence)
	}
	s.AvgPowerW, s.MaxPowerW = w.average(t.Power, false, 0, 5000)
	if s.AvgPowerW == 0 {
		s.AvgPowerW = nz(tot.AvgPowerW)
	}

	// Speeds.
	if s.MovingS > 0 && s.DistanceM > 0 {
		s.AvgSpeedMS = s.DistanceM / s.MovingS
	} else {
		s.AvgSpeedMS = nz(tot.AvgSpeedMS)
	}
	s.MaxSpeedMS = w.maxSpeed(t.Speed)
	if s.MaxSpeedMS == 0 && tot.MaxSpeedMS < MaxPlausibleSpeedMS {
		s.MaxSpeedMS = nz(tot.MaxSpeedMS)
	}

	s.HRSeconds = w.hrHistogram(t.HR)
	s.NormalizedSpeedMS = w.normalizedSpeed(gradeAdjusts(sport))
	s.Splits = w.splits(t.HR)
	s.BestEfforts = w.bestEfforts()
	return s, warn
}

// work holds the derived columns of one track.
type work struct {
	n          int
	ts         []float64 // seconds from the first sample, non-decreasing; nil without time
	brk        []bool    // brk[i]: the interval i-1→i is a pause
	cum        []float64 // cumulative distance in metres, non-decreasing; nil without distance
	distSource string
	moving     []bool    // moving[i]: the interval i-1→i is moving time
	movCum     []float64 // cumulative moving seconds; nil without time
	ascCum     []float64 // cumulative ascent; nil without elevation
	descent    float64
	ele        []float64 // smoothed elevation; nil without elevation
	clockJumps int       // steps of more than MaxClockGapS not counted
	lat, lon   []float64 // positions when the distance comes from them
	cosLat     []float64 // cosine of lat
	arena      arena
}

// arena hands out zeroed scratch slices, reused across calls through
// workPool: the summary keeps none of them.
type arena struct {
	f      [][]float64
	b      [][]bool
	nf, nb int
}

func (a *arena) floats(n int) []float64 {
	if a.nf < len(a.f) && cap(a.f[a.nf]) >= n {
		s := a.f[a.nf][:n]
		clear(s)
		a.nf++
		return s
	}
	s := make([]float64, n)
	if a.nf < len(a.f) {
		a.f[a.nf] = s
	} else {
		a.f = append(a.f, s)
	}
	a.nf++
	return s
}

func (a *arena) bools(n int) []bool {
	if a.nb < len(a.b) && cap(a.b[a.nb]) >= n {
		s := a.b[a.nb][:n]
		clear(s)
		a.nb++
		return s
	}
	s := make([]bool, n)
	if a.nb < len(a.b) {
		a.b[a.nb] = s
	} else {
		a.b = append(a.b, s)
	}
	a.nb++
	return s
}

// maxPooledSamples: tracks longer than this get fresh buffers that are not
// kept, so one huge activity does not pin memory.
const maxPooledSamples = 1 << 20

var workPool = sync.Pool{New: func() any { return new(work) }}

// getWork takes a work from the pool and derives the columns of t.
func getWork(t *rekindle.Track, totalM float64) *work {
	w := workPool.Get().(*work)
	ar := w.arena
	ar.nf, ar.nb = 0, 0
	*w = work{arena: ar}
	w.init(t, totalM)
	return w
}

// putWork returns w to the pool, dropping references to the caller's track.
func putWork(w *work) {
	if w.n > maxPooledSamples {
		return
	}
	w.lat, w.lon = nil, nil
	workPool.Put(w)
}

// newWork derives the columns of t without the pool (tests).
func newWork(t *rekindle.Track, totalM float64) *work {
	w := new(work)
	w.init(t, totalM)
	return w
}

func (w *work) init(t *rekindle.Track, totalM float64) {
	n := t.Len()
	w.n = n
	if n == 0 {
		w.distSource = "none"
		return
	}
	w.brk = w.arena.bools(n)
	for _, b := range t.Breaks {
		if b > 0 && b < n {
			w.brk[b] = true
		}
	}
	if len(t.Time) == n {
		w.times(t.Time)
	}
	w.distance(t, totalM)
	w.movingTime()
	w.elevation(t)
}

// times builds the seconds column from the clock. Time never goes back (a
// sample stamped before its predecessor takes the predecessor's time), and
// a step of more than MaxClockGapS either way is a clock fault, not time
// spent: a lone sample off the clock takes its predecessor's time, and a
// clock that jumps and stays there is rebased, the jump counting as a pause.
func (w *work) times(tm []int64) {
	n := w.n
	ts := w.arena.floats(n)
	w.ts = ts
	off := 0.0 // seconds added to the raw clock after a jump
	t0 := float64(tm[0])
	prev := 0.0
	for i := 1; i < n; i++ {
		v := (float64(tm[i])-t0)/1000 + off
		if d := v - prev; d > MaxClockGapS || d < -MaxClockGapS {
			w.clockJumps++
			w.brk[i] = true
			if i+1 < n && math.Abs((float64(tm[i+1])-t0)/1000+off-prev) <= MaxClockGapS {
				ts[i] = prev // a lone sample off the clock
				w.brk[i+1] = true
				continue
			}
			off -= d // the clock jumped and stayed there: rebase
			v = prev
		}
		if v > prev {
			prev = v
		}
		ts[i] = prev
	}
}

// distance picks the distance source and builds the cumulative column.
func (w *work) distance(t *rekindle.Track, totalM float64) {
	// A device channel far from the file's own total is broken (pool swims
	// write a few stray values).
	agrees := func(cum []float64) bool {
		d := cum[w.n-1]
		return !pos(totalM) || (d > totalM/2 && d < totalM*2)
	}
	if cum, ok := w.deviceDistance(t.Dist); ok && agrees(cum) {
		w.cum, w.distSource = cum, "device"
		return
	}
	if t.HasPosition() && len(t.Lat) == w.n {
		if cum := w.gpsDistance(t.Lat, t.Lon); cum[w.n-1] > 0 {
			w.cum, w.distSource = cum, "gps"
			w.lat, w.lon = t.Lat, t.Lon
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
func (w *work) deviceDistance(d []float64) ([]float64, bool) {
	if len(d) != w.n {
		return nil, false
	}
	valid := 0
	for _, v := range d {
		if finite(v) && v >= 0 {
			valid++
		}
	}
	if valid*2 < w.n || valid < 2 {
		return nil, false
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

// movingTime marks moving intervals and accumulates moving seconds.
func (w *work) movingTime() {
	if w.ts == nil {
		return
	}
	n := w.n
	w.moving = w.arena.bools(n)
	w.movCum = w.arena.floats(n)
	half := MovingWindowS / 2
	segStart := 0
	lo, hi := 0, 0
	for i := 1; i < n; i++ {
		w.movCum[i] = w.movCum[i-1]
		if w.brk[i] {
			segStart = i
			continue
		}
		dt := w.ts[i] - w.ts[i-1]
		if dt <= 0 {
			continue
		}
		mv := true
		if w.cum != nil {
			if lo < segStart {
				lo = segStart
			}
			for lo < i-1 && w.ts[lo+1] <= w.ts[i-1]-half {
				lo++
			}
			if hi < i {
				hi = i
			}
			for hi+1 < n && !w.brk[hi+1] && w.ts[hi+1] <= w.ts[i]+half {
				hi++
			}
			span := w.ts[hi] - w.ts[lo]
			d := w.cum[hi] - w.cum[lo]
			if w.distSource == "gps" && finite(w.lat[lo]) && finite(w.lat[hi]) {
				// Straight-line displacement: jitter while standing adds
				// path length but goes nowhere.
				d = math.Min(d, stepDistance(w.lat[lo], w.lon[lo], w.cosLat[lo], w.lat[hi], w.lon[hi], w.cosLat[hi]))
			}
			mv = span > 0 && d/span > MovingSpeedMS
		}
		if mv {
			w.moving[i] = true
			w.movCum[i] += dt
		}
	}
	if w.distSource == "gps" {
		// Drop the path length of stationary GPS jitter.
		removed, prev := 0.0, w.cum[0]
		for i := 1; i < n; i++ {
			step := w.cum[i] - prev
			prev = w.cum[i]
			if !w.moving[i] && !w.brk[i] && w.ts[i] > w.ts[i-1] {
				removed += step // judged standing still
			}
			w.cum[i] -= removed
		}
	}
}

// elevation smooths the elevation channel and runs the hysteresis.
func (w *work) elevation(t *rekindle.Track) {
	if len(t.Ele) != w.n {
		return
	}
	raw := w.arena.floats(w.n)
	first := -1
	for i, v := range t.Ele {
		f := float64(v)
		if !finite(f) || f < -500 || f > 9000 {
			if i > 0 {
				raw[i] = raw[i-1]
			}
			continue
		}
		if first < 0 {
			first = i
			for j := 0; j < i; j++ {
				raw[j] = f
			}
		}
		raw[i] = f
	}
	if first < 0 {
		return
	}
	if w.ts != nil && w.ts[w.n-1] > 0 {
		w.ele = smooth(raw, w.ts, ElevationSmoothS/2, w.arena.floats(w.n))
	} else {
		w.ele = smooth(raw, nil, 2, w.arena.floats(w.n)) // no usable clock: ±2 samples
	}
	w.ascCum = w.arena.floats(w.n)
	w.descent = hysteresis(w.ele, ElevationHysteresisM, w.ascCum)
}

// Gain is the elevation gain and loss of a series with a hysteresis of h
// metres (GoldenCheetah's method): a rise counts once the altitude exceeds
// the reference by more than h, then the reference moves there; a drop of
// more than h moves the reference down and counts as loss.
func Gain(ele []float64, h float64) (up, down float64) {
	if len(ele) == 0 {
		return 0, 0
	}
	asc := make([]float64, len(ele))
	down = hysteresis(ele, h, asc)
	return asc[len(asc)-1], down
}

// hysteresis fills asc with cumulative gain and returns the total loss.
func hysteresis(ele []float64, h float64, asc []float64) (down float64) {
	ref := ele[0]
	for i := 1; i < len(ele); i++ {
		asc[i] = asc[i-1]
		e := ele[i]
		switch {
		case e > ref+h:
			asc[i] += e - ref
			ref = e
		case e < ref-h:
			down += ref - e
			ref = e
		}
	}
	return down
}

// smooth is a centred moving average over ±half seconds (±half samples when
// there is no time), in O(n) with a running sum.
func smooth(x, ts []float64, half float64, out []float64) []float64 {
	n := len(x)
	key := func(i int) float64 {
		if ts == nil {
			return float64(i)
		}
		return ts[i]
	}
	lo, hi := 0, -1
	sum := 0.0
	for i := 0; i < n; i++ {
		k := key(i)
		for hi+1 < n && key(hi+1) <= k+half {
			hi++
			sum += x[hi]
		}
		for lo < i && key(lo) < k-half {
			sum -= x[lo]
			lo++
		}
		out[i] = sum / float64(hi-lo+1)
	}
	return out
}

// average is the moving-time-weighted mean of a channel and its maximum,
// over values in (min, max]; skipZero drops zeros from the mean.
func (w *work) average(ch []float32, skipZero bool, min, max float64) (avg, mx float64) {
	if len(ch) != w.n || w.n == 0 {
		return 0, 0
	}
	ok := func(v float64) bool {
		return finite(v) && v <= max && (v > min || (!skipZero && min == 0 && v == 0))
	}
	var sum, wt float64
	var cnt float64
	var plain float64
	for i, c := range ch {
		v := float64(c)
		if !ok(v) {
			continue
		}
		if v > mx {
			mx = v
		}
		if skipZero && v == 0 {
			continue
		}
		plain += v
		cnt++
		if w.moving != nil && i > 0 && w.moving[i] {
			dt := w.ts[i] - w.ts[i-1]
			sum += v * dt
			wt += dt
		}
	}
	switch {
	case wt > 0:
		return sum / wt, mx
	case cnt > 0:
		return plain / cnt, mx
	}
	return 0, mx
}

// maxSpeed is the largest median of five consecutive speeds over moving
// time, so that one spike cannot set it. The device's own speed channel is
// used when it covers most of the moving samples: a device's cumulative
// distance often jumps while the GPS locks on (30 m in a second at the
// start of a fenix 2 run whose speed channel says 3.6 m/s). Otherwise the
// speeds come from the cumulative distance, interval by interval.
func (w *work) maxSpeed(sp []float32) float64 {
	if w.cum == nil || w.moving == nil {
		return 0
	}
	if len(sp) == w.n {
		var m median5
		valid, moving := 0, 0
		for i := 1; i < w.n; i++ {
			if !w.moving[i] {
				m.k = 0
				continue
			}
			moving++
			v := float64(sp[i])
			if !(v >= 0) || v > MaxPlausibleSpeedMS {
				m.k = 0
				continue
			}
			valid++
			m.add(v)
		}
		if valid*2 >= moving && m.best > 0 {
			return m.best
		}
	}
	var m median5
	for i := 1; i < w.n; i++ {
		if !w.moving[i] {
			m.k = 0
			continue
		}
		m.add((w.cum[i] - w.cum[i-1]) / (w.ts[i] - w.ts[i-1]))
	}
	return m.best
}

// median5 tracks the largest median of five consecutive values; k counts
// the values in the window (set it to 0 to restart after a gap).
type median5 struct {
	win  [5]float64
	k    int
	best float64
}

func (m *median5) add(v float64) {
	copy(m.win[:4], m.win[1:])
	m.win[4] = v
	if m.k < 5 {
		m.k++
	}
	if m.k < 5 {
		return
	}
	// The median beats best only if at least three values do.
	above := 0
	for _, x := range m.win {
		if x > m.best {
			above++
		}
	}
	if above < 3 {
		return
	}
	s := m.win
	for a := 1; a < 5; a++ {
		for b := a; b > 0 && s[b] < s[b-1]; b-- {
			s[b], s[b-1] = s[b-1], s[b]
		}
	}
	if s[2] > m.best {
		m.best = s[2]
	}
}

// hrHistogram is moving seconds per rounded bpm.
func (w *work) hrHistogram(hr []float32) []float32 {
	if len(hr) != w.n || w.moving == nil {
		return nil
	}
	var h []float32
	for i := 1; i < w.n; i++ {
		if !w.moving[i] {
			continue
		}
		v := float64(hr[i])
		if !finite(v) {
			v = float64(hr[i-1])
		}
		if !finite(v) || v <= 20 || v > 260 {
			continue
		}
		b := int(math.Round(v))
		for len(h) <= b {
			h = append(h, 0)
		}
		h[b] += float32(w.ts[i] - w.ts[i-1])
	}
	return h
}

// gradeAdjusts reports whether speeds of the sport are grade-adjusted (foot sports).
func gradeAdjusts(s rekindle.Sport) bool {
	switch s {
	case rekindle.SportTreadmill:
		return false
	case rekindle.SportWalking, rekindle.SportHiking, "", rekindle.SportOther:
		return true
	}
	return s.IsRun()
}

// MinettiCost is the energy cost of running at grade i (fraction), in
// J·kg⁻¹·m⁻¹ (Minetti et al. 2002), with i clamped to ±0.45.
func MinettiCost(i float64) float64 {
	i = math.Max(-0.45, math.Min(0.45, i))
	return ((((155.4*i-30.4)*i-43.3)*i+46.3)*i+19.5)*i + 3.6
}

// normalizedSpeed: 1 Hz resampling of (grade-adjusted) moving speed, 30 s
// rolling mean, 4th-power mean, 4th root.
func (w *work) normalizedSpeed(adjust bool) float64 {
	if w.cum == nil || w.moving == nil {
		return 0
	}
	adjust = adjust && w.ele != nil
	g := gradeWindow{w: w}
	const window = 30
	var ring [window]float64
	var rsum, acc, fill, sum4 float64
	var bins, windows int
	var all float64
	emit := func(v float64) {
		all += v
		rsum += v - ring[bins%window]
		ring[bins%window] = v
		bins++
		if bins >= window {
			m := rsum / window
			sum4 += m * m * m * m
			windows++
		}
	}
	for i := 1; i < w.n && bins < maxBins; i++ {
		if !w.moving[i] {
			continue
		}
		dt := w.ts[i] - w.ts[i-1]
		v := (w.cum[i] - w.cum[i-1]) / dt
		if adjust {
			v *= MinettiCost(g.at(i)) / 3.6
		}
		for rem := dt; rem > 1e-9 && bins < maxBins; {
			take := math.Min(rem, 1-fill)
			acc += v * take
			fill += take
			rem -= take
			if fill >= 1-1e-9 {
				emit(acc)
				acc, fill = 0, 0
			}
		}
	}
	if windows == 0 {
		if bins == 0 {
			return 0
		}
		return all / float64(bins)
	}
	return math.Sqrt(math.Sqrt(sum4 / float64(windows)))
}

// gradeWindow measures, at increasing samples i, the grade over
// ±GradeHalfWindowM metres of smoothed elevation (two pointers, O(1)
// amortised per call).
type gradeWindow struct {
	w      *work
	lo, hi int
}

func (g *gradeWindow) at(i int) float64 {
	w := g.w
	for g.lo < i && w.cum[i]-w.cum[g.lo+1] >= GradeHalfWindowM {
		g.lo++
	}
	if g.hi < i {
		g.hi = i
	}
	for g.hi+1 < w.n && w.cum[g.hi]-w.cum[i] < GradeHalfWindowM {
		g.hi++
	}
	if d := w.cum[g.hi] - w.cum[g.lo]; d > 1 {
		return (w.ele[g.hi] - w.ele[g.lo]) / d
	}
	return 0
}

const (
	rad         = geo.Rad
	earthRadius = geo.EarthRadiusM // the mean radius (package geo)
)

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

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
func pos(v float64) bool    { return finite(v) && v > 0 }
func nz(v float64) float64 {
	if !finite(v) || v < 0 {
		return 0
	}
	return v
}
