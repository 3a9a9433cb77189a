package measure

import (
	"fmt"
	"math"
	"slices"

	"rekindle"
)

// Thresholds for what a runner on foot can do (best efforts of foot sports).
const (
	// MaxFootSpeedMS: a stretch faster than this over FootWindowS (2:23/km,
	// faster than the 1500 m world record) was not covered on foot.
	MaxFootSpeedMS = 7.0
	// FootWindowS is the width of the centred window the foot checks look
	// at: long enough that a sprint finish or one GPS jump does not trip
	// them, short enough to catch a bus between two stops.
	FootWindowS = 30.0
	// vehicleSpeedMS: at or above this (5:33/km) a runner's heart rate and
	// cadence must show running for the stretch to count.
	vehicleSpeedMS = 3.0
	// vehicleMaxHR: a stretch at vehicleSpeedMS or faster with a mean heart
	// rate below this is not running (a bus at 2:00/km with heart rate 81).
	vehicleMaxHR = 100.0
	// hrDropBPM / hrFasterFactor: a stretch at least hrFasterFactor × the
	// run's typical speed whose heart rate is more than hrDropBPM below the
	// run's typical heart rate is not the runner's own speed.
	hrDropBPM      = 25.0
	hrFasterFactor = 1.25
	// walkCadenceSPM: a stretch at vehicleSpeedMS or faster with a mean
	// cadence below this (steps per minute) is not running: the feet are
	// walking or not moving while something carries the runner.
	walkCadenceSPM = 120.0
	// hrLagS: heart rate is not read for this many moving seconds after
	// the start and after each pause (it lags the effort).
	hrLagS = 180.0
	// physMinS: a stretch flagged by heart rate or cadence alone must last
	// this long to count.
	physMinS = 30.0
	// minBadM: less than this in all is not worth leaving out.
	minBadM = 20.0
)

// WorldRecordS is the men's world record at each best-effort distance (the
// fastest a human has covered it, rounded down): a best effort faster than
// this is a glitch or a vehicle, whatever the samples say.
var WorldRecordS = map[string]float64{
	"400m": 43, "1k": 131, "1mi": 223, "5k": 755, "10k": 1571, "half": 3451, "marathon": 7235,
}

// footSport reports whether the sport's best efforts must be possible on foot.
func footSport(s rekindle.Sport) bool {
	return s.IsRun() || s == rekindle.SportWalking || s == rekindle.SportHiking
}

// unreliableFoot marks intervals i-1→i whose distance was not covered on
// foot: too fast for a runner over FootWindowS, or running-fast with a
// heart rate or cadence that says the runner was not running. It returns
// the marks (nil when every interval is plausible) and a sentence saying
// what was found, for a warning.
func (w *work) unreliableFoot(hr, cad []float32) ([]bool, string) {
	if w.cum == nil || w.ts == nil || w.n < 3 || w.moving == nil {
		return nil, ""
	}
	n := w.n
	// Window sums of HR and cadence (and sample counts) for window means,
	// moved along with the window: no per-sample prefix columns (four
	// float64 columns were a quarter of a long track's measuring memory).
	hrWin := window{ch: hr, lo: 20, hi: 260}
	cadWin := window{ch: cad, lo: 1, hi: 400}
	haveHR, haveCad := hrWin.any(n), cadWin.any(n)
	// Typical speed and HR of the run: medians over moving intervals, each
	// gathered in turn into one scratch column (a long track's samples are
	// many: three growing columns held at once were most of an import's
	// memory).
	step := func(i int) bool { return w.moving[i] && w.ts[i]-w.ts[i-1] > 0 }
	buf := make([]float64, 0, n)
	for i := 1; i < n; i++ {
		if step(i) {
			buf = append(buf, (w.cum[i]-w.cum[i-1])/(w.ts[i]-w.ts[i-1]))
		}
	}
	moving := len(buf)
	if moving < 3 {
		return nil, ""
	}
	typSpeed := medianInPlace(buf)
	buf = buf[:0]
	for i := 1; haveHR && i < n; i++ {
		if step(i) && finite(float64(hr[i])) && hr[i] > 20 {
			buf = append(buf, float64(hr[i]))
		}
	}
	typHR := medianInPlace(buf)
	buf = buf[:0]
	for i := 1; haveCad && i < n; i++ {
		if step(i) && finite(float64(cad[i])) && cad[i] > 0 {
			buf = append(buf, float64(cad[i]))
		}
	}
	// Cadence counts only when most moving samples carry it; a run's
	// cadence written per foot (GPX "RunCadence" 80–95) is doubled.
	cadScale := 0.0
	if len(buf)*2 >= moving {
		cadScale = 1
		if m := medianInPlace(buf); m >= 60 && m < 110 {
			cadScale = 2
		}
	}
	half := FootWindowS / 2
	// phys[i]: the heart rate or cadence says the interval was not run;
	// such a stretch counts only when it lasts physMinS (one low reading
	// next to a stop says little). fast[i]: faster than any runner.
	phys := w.arena.bools(n)
	fast := w.arena.bools(n)
	any := false
	lo, hi := 0, 0
	sinceBreak := 0.0 // moving seconds since the start or the last pause
	for i := 1; i < n; i++ {
		if w.brk[i] {
			sinceBreak = 0
		}
		if !w.moving[i] || w.ts[i] <= w.ts[i-1] {
			continue
		}
		sinceBreak += w.ts[i] - w.ts[i-1]
		for lo < i-1 && w.ts[lo+1] <= w.ts[i-1]-half {
			lo++
		}
		if hi < i {
			hi = i
		}
		for hi+1 < n && w.ts[hi+1] <= w.ts[i]+half {
			hi++
		}
		span := w.ts[hi] - w.ts[lo]
		if span <= 0 {
			continue
		}
		v := (w.cum[hi] - w.cum[lo]) / span
		if v > MaxFootSpeedMS {
			fast[i], any = true, true
			continue
		}
		if v < vehicleSpeedMS {
			continue
		}
		// Heart rate lags the effort by a minute or two after the start
		// and after a pause: it says nothing there.
		if haveHR {
			hrWin.to(lo, hi)
		}
		if haveHR && sinceBreak > hrLagS && hrWin.cnt > 0 {
			h := hrWin.sum / float64(hrWin.cnt)
			if h < vehicleMaxHR || (typHR > 0 && typSpeed > 0 && v >= hrFasterFactor*typSpeed && h < typHR-hrDropBPM) {
				phys[i], any = true, true
				continue
			}
		}
		if cadScale > 0 {
			cadWin.to(lo, hi)
		}
		if cadScale > 0 && cadWin.cnt > 0 {
			c := cadScale * cadWin.sum / float64(cadWin.cnt)
			if c < walkCadenceSPM {
				phys[i], any = true, true
			}
		}
	}
	if !any {
		return nil, ""
	}
	// Drop short stretches flagged by heart rate or cadence alone (the
	// edges of a too-fast stretch stay with it).
	for i := 1; i < n; {
		if !phys[i] {
			i++
			continue
		}
		j, dur := i, 0.0
		for j < n && (phys[j] || !w.moving[j]) {
			if phys[j] {
				dur += w.ts[j] - w.ts[j-1]
			}
			j++
		}
		nextToFast := fast[i-1] || (j < n && fast[j])
		if dur < physMinS && !nextToFast {
			for k := i; k < j; k++ {
				phys[k] = false
			}
		}
		i = j
	}
	var badM, badS, badHR, badHRs float64
	bad := fast
	for i := 1; i < n; i++ {
		if !fast[i] && !phys[i] {
			continue
		}
		bad[i] = true
		dt := w.ts[i] - w.ts[i-1]
		badM += w.cum[i] - w.cum[i-1]
		badS += dt
		if haveHR {
			if h := float64(hr[i]); finite(h) && h > 20 && h <= 260 {
				badHR += h * dt
				badHRs += dt
			}
		}
	}
	if badM < minBadM {
		return nil, "" // a few metres: nothing worth leaving out
	}
	msg := fmt.Sprintf("measure: %.2f km at %s/km was not covered on foot (a vehicle or a GPS glitch", badM/1000, paceText(badS/badM*1000))
	if badHRs > 0 {
		msg += fmt.Sprintf(", heart rate %.0f", badHR/badHRs)
	}
	return bad, msg + "); left out of best efforts"
}

// footCum is the cumulative distance with the unreliable intervals' distance
// taken out: a stretch across them counts their time but not their distance.
func (w *work) footCum(bad []bool) []float64 {
	cum := w.arena.floats(w.n)
	for i := 1; i < w.n; i++ {
		cum[i] = cum[i-1]
		if !bad[i] {
			cum[i] += w.cum[i] - w.cum[i-1]
		}
	}
	return cum
}

// window is the sum and count of a channel's values within [lo, hi] over
// the samples a..b-1 of a window that only moves forward.
type window struct {
	ch     []float32
	lo, hi float64
	a, b   int
	sum    float64
	cnt    int
}

// any reports whether the channel is there (n samples) with a value in
// range.
func (w *window) any(n int) bool {
	if len(w.ch) != n {
		return false
	}
	for _, c := range w.ch {
		if w.in(float64(c)) {
			return true
		}
	}
	return false
}

func (w *window) in(v float64) bool { return finite(v) && v >= w.lo && v <= w.hi }

// to moves the window to the samples lo..hi (neither below where it was).
func (w *window) to(lo, hi int) {
	for ; w.b <= hi; w.b++ {
		if v := float64(w.ch[w.b]); w.in(v) {
			w.sum += v
			w.cnt++
		}
	}
	for ; w.a < lo; w.a++ {
		if v := float64(w.ch[w.a]); w.in(v) {
			w.sum -= v
			w.cnt--
		}
	}
	if w.cnt == 0 {
		w.sum = 0 // no drift carried past an empty window
	}
}

// medianInPlace is median, reordering x itself: the value sorting x would
// put at len(x)/2, found by selection (linear on average) rather than a
// whole sort. With a NaN in x (which sorting puts first) x is sorted.
func medianInPlace(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	for _, v := range x {
		if v != v {
			slices.Sort(x)
			return x[len(x)/2]
		}
	}
	return selectNth(x, len(x)/2)
}

// selectNth reorders x (no NaN) so that x[k] holds the value sorting would
// put there, and returns it: Hoare partitions around a median of three,
// narrowing to the side that holds k; a slice still long after many rounds
// (a hostile order) is sorted instead.
func selectNth(x []float64, k int) float64 {
	lo, hi := 0, len(x)-1
	for rounds := 0; hi-lo > 16; rounds++ {
		if rounds > 64 {
			slices.Sort(x[lo : hi+1])
			return x[k]
		}
		mid := lo + (hi-lo)/2
		if x[mid] < x[lo] {
			x[mid], x[lo] = x[lo], x[mid]
		}
		if x[hi] < x[lo] {
			x[hi], x[lo] = x[lo], x[hi]
		}
		if x[hi] < x[mid] {
			x[hi], x[mid] = x[mid], x[hi]
		}
		p := x[mid]
		i, j := lo, hi
		for i <= j {
			for x[i] < p {
				i++
			}
			for p < x[j] {
				j--
			}
			if i <= j {
				x[i], x[j] = x[j], x[i]
				i++
				j--
			}
		}
		// Now x[lo..j] <= p <= x[i..hi], and x[j+1..i-1] == p.
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return x[k]
		}
	}
	slices.Sort(x[lo : hi+1])
	return x[k]
}

func paceText(secPerKm float64) string {
	if !finite(secPerKm) || secPerKm <= 0 {
		return "?"
	}
	s := int(math.Round(secPerKm))
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
