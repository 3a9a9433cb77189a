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
	// Prefix sums of HR and cadence (sample counts) for window means.
	hrSum, hrCnt := prefix(hr, n, 20, 260)
	cadSum, cadCnt := prefix(cad, n, 1, 400)
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
	for i := 1; hrCnt != nil && i < n; i++ {
		if step(i) && finite(float64(hr[i])) && hr[i] > 20 {
			buf = append(buf, float64(hr[i]))
		}
	}
	typHR := medianInPlace(buf)
	buf = buf[:0]
	for i := 1; cadCnt != nil && i < n; i++ {
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
		if hrCnt != nil && sinceBreak > hrLagS && hrCnt[hi+1]-hrCnt[lo] > 0 {
			h := (hrSum[hi+1] - hrSum[lo]) / (hrCnt[hi+1] - hrCnt[lo])
			if h < vehicleMaxHR || (typHR > 0 && typSpeed > 0 && v >= hrFasterFactor*typSpeed && h < typHR-hrDropBPM) {
				phys[i], any = true, true
				continue
			}
		}
		if cadScale > 0 && cadCnt[hi+1]-cadCnt[lo] > 0 {
			c := cadScale * (cadSum[hi+1] - cadSum[lo]) / (cadCnt[hi+1] - cadCnt[lo])
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
		if hrCnt != nil {
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

// prefix returns prefix sums and counts of the values of ch within
// (lo, hi]; index i+1 covers samples 0..i. nil when ch is absent.
func prefix(ch []float32, n int, lo, hi float64) (sum, cnt []float64) {
	if len(ch) != n {
		return nil, nil
	}
	sum, cnt = make([]float64, n+1), make([]float64, n+1)
	for i, c := range ch {
		v := float64(c)
		sum[i+1], cnt[i+1] = sum[i], cnt[i]
		if finite(v) && v >= lo && v <= hi {
			sum[i+1] += v
			cnt[i+1]++
		}
	}
	if cnt[n] == 0 {
		return nil, nil
	}
	return sum, cnt
}

// medianInPlace is median, sorting x itself.
func medianInPlace(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	slices.Sort(x)
	return x[len(x)/2]
}

func paceText(secPerKm float64) string {
	if !finite(secPerKm) || secPerKm <= 0 {
		return "?"
	}
	s := int(math.Round(secPerKm))
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
