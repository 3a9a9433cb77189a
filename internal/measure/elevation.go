package measure

import (
	"math"
	"rekindle"
)

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
	// The raw column is done with: it takes the cumulative ascent (one
	// column fewer on a long track).
	clear(raw)
	w.ascCum = raw
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
	i = max(-0.45, min(0.45, i)) // the built-ins: math.Min and Max's NaN and signed-zero rules, inlined
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
			take := min(rem, 1-fill)
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
