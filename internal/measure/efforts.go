package measure

import (
	"math"

	"rekindle"
)

// MileM is one international mile in metres.
const MileM = 1609.344

// minPartialSplitM: a trailing partial split shorter than this is dropped.
const minPartialSplitM = 10.0

// at is a fractional sample position: between samples i and i+1, f of the way.
type at struct {
	i int
	f float64
}

func (p at) of(x []float64) float64 {
	if p.f == 0 || p.i+1 >= len(x) {
		return x[p.i]
	}
	return x[p.i] + p.f*(x[p.i+1]-x[p.i])
}

// splits cuts the activity into kilometres and miles.
func (w *work) splits(hr []float32) []rekindle.Split {
	if w.cum == nil || w.ts == nil || w.n < 2 || w.ts[w.n-1] <= 0 {
		return nil
	}
	// Cumulative moving HR·s and moving seconds with HR, for per-split averages.
	var hrCum, hrT []float64
	if len(hr) == w.n {
		hrCum = w.arena.floats(w.n)
		hrT = w.arena.floats(w.n)
		for i := 1; i < w.n; i++ {
			hrCum[i], hrT[i] = hrCum[i-1], hrT[i-1]
			v := float64(hr[i])
			if w.moving[i] && finite(v) && v > 20 && v <= 260 {
				dt := w.ts[i] - w.ts[i-1]
				hrCum[i] += v * dt
				hrT[i] += dt
			}
		}
	}
	total := w.cum[w.n-1]
	var out []rekindle.Split
	for _, u := range []struct {
		name string
		size float64
	}{{"km", 1000}, {"mi", MileM}} {
		prev := at{0, 0}
		j := 0
		for k := 1; ; k++ {
			target := float64(k) * u.size
			last := false
			if target > total {
				if total-float64(k-1)*u.size < minPartialSplitM {
					break
				}
				target, last = total, true
			}
			// First sample at or beyond target.
			for j < w.n-1 && w.cum[j] < target {
				j++
			}
			var p at
			if j > 0 && w.cum[j] > w.cum[j-1] && w.cum[j-1] < target {
				p = at{j - 1, (target - w.cum[j-1]) / (w.cum[j] - w.cum[j-1])}
			} else {
				p = at{j, 0}
			}
			if last {
				p = at{w.n - 1, 0}
			}
			sp := rekindle.Split{
				Unit:      u.name,
				Index:     k,
				DistanceM: p.of(w.cum) - prev.of(w.cum),
				ElapsedS:  p.of(w.ts) - prev.of(w.ts),
				MovingS:   p.of(w.movCum) - prev.of(w.movCum),
			}
			if !last {
				sp.DistanceM = u.size
			}
			if hrCum != nil {
				if t := p.of(hrT) - prev.of(hrT); t > 0 {
					sp.AvgHR = (p.of(hrCum) - prev.of(hrCum)) / t
				}
			}
			if w.ascCum != nil {
				sp.AscentM = p.of(w.ascCum) - prev.of(w.ascCum)
			}
			out = append(out, sp)
			prev = p
			if last {
				break
			}
		}
	}
	return out
}

// bestEfforts finds the fastest stretch of each standard distance over
// cum (w.cum, or for foot sports the distance covered on foot); with
// foot set, an effort faster than the world record is dropped.
func (w *work) bestEfforts(cum []float64, foot bool) []rekindle.Effort {
	if cum == nil || w.ts == nil || w.n < 2 || w.ts[w.n-1] <= 0 {
		return nil
	}
	var ds [16]float64
	k := 0
	for _, e := range rekindle.EffortDistances {
		if cum[w.n-1] < e.DistanceM || k == len(ds) {
			break
		}
		ds[k] = e.DistanceM
		k++
	}
	var el, st [16]float64
	fastestStretches(cum, w.ts, ds[:k], el[:k], st[:k])
	var out []rekindle.Effort
	for i := 0; i < k; i++ {
		if math.IsInf(el[i], 1) {
			continue
		}
		e := rekindle.EffortDistances[i]
		if foot && el[i] < WorldRecordS[e.Name] {
			continue
		}
		out = append(out, rekindle.Effort{Name: e.Name, DistanceM: e.DistanceM, ElapsedS: el[i], StartS: st[i]})
	}
	return out
}

// FastestStretch returns the shortest elapsed time over which cumulative
// distance cum (non-decreasing, metres) grows by d, with times ts (seconds,
// non-decreasing), and the start time of that stretch. Elapsed time as a
// function of the start position is piecewise linear, so its minimum is at a
// vertex: either the stretch ends on a sample (start interpolated) or it
// starts on one (end interpolated). One two-pointer pass visits both kinds:
// when the end advances to sample j, the start samples the start pointer
// passes are exactly those whose stretch ends inside (j-1, j]. It returns
// +Inf when the track is shorter than d.
func FastestStretch(cum, ts []float64, d float64) (elapsed, start float64) {
	var el, st [1]float64
	fastestStretches(cum, ts, []float64{d}, el[:], st[:])
	return el[0], st[0]
}

// fastestStretches runs FastestStretch for several distances, one sweep over
// the samples each.
func fastestStretches(cum, ts, ds, elapsed, start []float64) {
	n := len(cum)
	for k := range ds {
		elapsed[k], start[k] = math.Inf(1), 0
		if n < 2 || len(ts) != n || ds[k] <= 0 || cum[n-1]-cum[0] < ds[k] {
			ds[k] = math.NaN() // skipped
		}
	}
	if n < 2 || len(ts) != n {
		return
	}
	cum, ts = cum[:n], ts[:n]
	// One sweep per distance: each distance's pointer, best and start
	// stay in registers (the distances do not depend on one another, so
	// the order of the sweeps changes nothing), and so do the samples the
	// sweep stands on — j-1, j, the start pointer i and i+1 — each read
	// from its column once, when a pointer moves onto it.
	for k, d := range ds {
		if !(d > 0) { // skipped (NaN)
			continue
		}
		best, st := math.Inf(1), 0.0
		c0 := cum[0]
		i := -1                 // the start pointer
		var ci, ti float64      // cum[i], ts[i] once i >= 0
		cn, tn := cum[0], ts[0] // cum[i+1], ts[i+1]
		cp, tp := cum[0], ts[0] // cum[j-1], ts[j-1]
		for j := 1; j < n; j++ {
			cj, tj := cum[j], ts[j]
			if x := cj - d; x >= c0 {
				// Start samples with cum <= x not yet passed: their
				// stretch ends inside (j-1, j].
				for i+1 < j && cn <= x {
					i++
					ci, ti = cn, tn
					cn, tn = cum[i+1], ts[i+1]
					if tp-ti >= best {
						continue // cannot beat the best
					}
					t1 := tp + (ci+d-cp)/(cj-cp)*(tj-tp)
					if el := t1 - ti; el < best {
						best, st = el, ti
					}
				}
				// The stretch ending on sample j starts inside [i, i+1).
				if tj-tn < best {
					t0 := ti
					if cn > ci {
						t0 += (x - ci) / (cn - ci) * (tn - ti)
					}
					if el := tj - t0; el < best {
						best, st = el, t0
					}
				}
			}
			cp, tp = cj, tj
		}
		elapsed[k], start[k] = best, st
	}
}
