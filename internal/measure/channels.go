package measure

import "math"

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
	gps := w.fromGPS() && w.lat != nil
	repA, repEnd := -1, -1 // the run of repeated fixes i is in: its first sample, the sample after it
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
			// The window's first sample inside it: a sparse track (a phone
			// app's point a minute) is judged by its own step, not by the
			// displacement over the step before (on a 400 m track two
			// chords nearly close the loop and a runner read as standing).
			for lo < i-1 && w.ts[lo] < w.ts[i-1]-half {
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
			if w.fromGPS() && finite(w.lat[lo]) && finite(w.lat[hi]) {
				// Straight-line displacement: jitter while standing adds
				// path length but goes nowhere.
				d = min(d, stepDistance(w.lat[lo], w.lon[lo], w.cosLat[lo], w.lat[hi], w.lon[hi], w.cosLat[hi]))
			}
			mv = span > 0 && d/span > MovingSpeedMS
			if !mv && gps && w.sameFix(i) {
				// A repeated fix: a phone app that writes its last position
				// again between GPS updates (Joyrun's 5 s samples: the same
				// position, then a 20 m jump) has zero-length steps inside a
				// steady run, read as stops. Such a step is judged with its
				// run of repeats, by the speed from the run's position to
				// the next new one; a real stop repeats the fix far longer
				// than the next step covers, and stays a stop.
				if i <= repA || i >= repEnd {
					repA = i - 1
					for repA > segStart && w.sameFix(repA) {
						repA--
					}
					repEnd = i + 1
					for repEnd < n && w.sameFix(repEnd) {
						repEnd++
					}
				}
				if b := repEnd; b < n && !w.brk[b] && finite(w.lat[b]) {
					span := w.ts[b] - w.ts[repA]
					d := stepDistance(w.lat[repA], w.lon[repA], w.cosLat[repA], w.lat[b], w.lon[b], w.cosLat[b])
					mv = span > 0 && d/span > MovingSpeedMS
				}
			}
		}
		if mv {
			w.moving[i] = true
			w.movCum[i] += dt
		}
	}
	if w.fromGPS() {
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

// sameFix reports whether sample i repeats the position of sample i-1
// exactly (no pause between them): a device writing its last fix again.
func (w *work) sameFix(i int) bool {
	return i > 0 && !w.brk[i] && finite(w.lat[i]) && w.lat[i] == w.lat[i-1] && w.lon[i] == w.lon[i-1]
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
// the values in the window (set it to 0 to restart after a gap). The
// window is a ring (the median does not depend on the values' order), and
// above counts its values over best, so most values cost a comparison or
// two: the median beats best only if at least three values do.
type median5 struct {
	win   [5]float64
	k     int
	next  int // the ring's slot the next value takes
	above int // values of the window (k of them) over best
	best  float64
}

func (m *median5) add(v float64) {
	if m.k < 5 {
		if m.k == 0 {
			m.above = 0
		}
		m.k++
	} else if m.win[m.next] > m.best {
		m.above-- // the value leaving the window
	}
	m.win[m.next] = v
	if m.next++; m.next == 5 {
		m.next = 0
	}
	if v > m.best {
		m.above++
	}
	if m.k < 5 || m.above < 3 {
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
		m.above = 0
		for _, x := range m.win {
			if x > m.best {
				m.above++
			}
		}
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
		if w.ts[i]-w.ts[i-1] > MaxHRStepS {
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
