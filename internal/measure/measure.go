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
//     (at least half the samples carry it and it grows, or, on a track with
//     positions, readings at least once per MaxDeviceDistStepS over 90% of
//     its time, spread by time and scaled to the file's total within 25%);
//     else the sum of
//     great-circle steps between positions, skipping samples without a
//     position, not counting the jump across a pause (Track.Breaks), and
//     dropping steps faster than MaxPlausibleSpeedMS (on a sparse track,
//     median step SparseStepS or more: the file's stated total when it is
//     longer than the straight lines and at most twice them, else arcs on
//     steady bends, source "gps_sparse"); else the device speed
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

	// Channels averaged over moving time. Heart rate counts only when its
	// samples cover enough of the moving time (a phone app's two-point
	// treadmill file has one reading at each end of an hour: its mean is
	// unknown, not the last reading).
	hr := w.heldHR(t.HR)
	hrOK := w.hrCovered(hr)
	if hrOK {
		s.AvgHR, s.MaxHR = w.average(hr, false, 20, 260)
	}
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

	if hrOK {
		s.HRSeconds = w.hrHistogram(hr)
	}
	if s.HRSeconds == nil && s.AvgHR > 20 && s.AvgHR <= 260 && s.MovingS > 0 {
		// Only the file's mean heart rate is known: the whole moving time
		// at it (Banister's TRIMP from mean heart rate).
		s.HRSeconds = make([]float32, int(math.Round(s.AvgHR))+1)
		s.HRSeconds[len(s.HRSeconds)-1] = float32(s.MovingS)
	}
	s.NormalizedSpeedMS = w.normalizedSpeed(gradeAdjusts(sport))
	s.Splits = w.splits(hr)
	cum, foot := w.cum, footSport(sport)
	if foot {
		if bad, msg := w.unreliableFoot(hr, t.Cadence); bad != nil {
			cum = w.footCum(bad)
			warn = append(warn, msg)
		}
	}
	s.BestEfforts = w.bestEfforts(cum, foot)
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
const maxPooledSamples = 1 << 18

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

// MaxHRStepS: a sample interval longer than this carries no heart rate (a
// reading says little about the minutes before it).
const MaxHRStepS = 120.0

// MinHRCoverage is the share of moving time heart-rate samples must cover
// (intervals of at most MaxHRStepS ending on a reading) for the track's
// heart rate to count.
const MinHRCoverage = 0.5

// hrCovered reports whether the heart-rate channel covers enough of the
// moving time. Without a clock or moving time it is taken as it is.
func (w *work) hrCovered(hr []float32) bool {
	if len(hr) != w.n || w.n == 0 {
		return false
	}
	if w.moving == nil || w.movCum[w.n-1] <= 0 {
		return true
	}
	covered := 0.0
	for i := 1; i < w.n; i++ {
		dt := w.ts[i] - w.ts[i-1]
		v := float64(hr[i])
		if w.moving[i] && dt <= MaxHRStepS && finite(v) && v > 20 && v <= 260 {
			covered += dt
		}
	}
	return covered >= MinHRCoverage*w.movCum[w.n-1]
}

// heldHR is the heart-rate channel with each reading held over the samples
// after it that have none, for at most MaxHRStepS: a watch that writes its
// heart rate in records of their own between the position records (a
// reading every 1-10 s beside a position every second: Apple Watch files
// through Strava) leaves most samples without a reading, and the reading
// stands for them as it would for a slower sampling. Without the hold, the
// readings covered a fifth of the moving time and the run had no heart
// rate at all. A channel with a reading at every sample is returned as it
// is; a gap longer than MaxHRStepS stays a gap (a phone app's treadmill
// file with one reading at each end of an hour).
func (w *work) heldHR(hr []float32) []float32 {
	if len(hr) != w.n || w.n == 0 || w.ts == nil {
		return hr
	}
	valid := func(v float32) bool { return finite(float64(v)) && v > 20 && v <= 260 }
	if !slices.ContainsFunc(hr, func(v float32) bool { return !valid(v) }) {
		return hr
	}
	out := make([]float32, w.n)
	last := -1
	for i, v := range hr {
		switch {
		case valid(v):
			out[i], last = v, i
		case last >= 0 && w.ts[i]-w.ts[last] <= MaxHRStepS:
			out[i] = hr[last]
		default:
			out[i] = v
		}
	}
	return out
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func pos(v float64) bool { return finite(v) && v > 0 }

func nz(v float64) float64 {
	if !finite(v) || v < 0 {
		return 0
	}
	return v
}
