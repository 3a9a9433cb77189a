package fit

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// Limits on record times. A damaged message (a dropped byte shifts the
// fields, as in the Strava Android file) can carry a timestamp decades away
// from the rest; such a sample must not reach the track, where it would make
// a two-thousand-million-second run.
const (
	// spanSlackMS is how far outside its sessions' span a record may lie.
	spanSlackMS = int64(time.Hour / time.Millisecond)
	// maxSpreadMS: without usable sessions, records further than this from
	// the median record time are implausible. No activity lasts a week.
	maxSpreadMS = int64(7 * 24 * time.Hour / time.Millisecond)
	// maxSpanDropFrac: a session span that would drop more than this share
	// of the records is not trusted (the session may be the damaged part).
	maxSpanDropFrac = 0.1
)

// dropImplausibleTimes removes, from every column, the records whose time
// lies outside the span of the file's sessions (with spanSlackMS on either
// side), or, without a usable session span, further than maxSpreadMS from
// the median record time. It returns a warning, "" when nothing was dropped.
// Cheap when all is well: one pass over the times.
func (b *builder) dropImplausibleTimes(sessions []sessionMsg) string {
	n := len(b.t)
	if n < 2 {
		return ""
	}
	lo, hi, ok := b.sessionSpan(sessions)
	sorted := !b.back // then the times were appended in order: no pass
	minT, maxT := b.t[0], b.t[n-1]
	if !sorted {
		sorted = true
		maxT = b.t[0]
		for i := 1; i < n; i++ {
			t := b.t[i]
			sorted = sorted && t >= b.t[i-1]
			minT, maxT = min(minT, t), max(maxT, t)
		}
	}
	if ok && minT >= lo && maxT <= hi {
		return ""
	}
	if !ok && sorted && maxT-minT <= maxSpreadMS {
		return ""
	}
	out := 0
	if ok {
		for _, t := range b.t {
			if t < lo || t > hi {
				out++
			}
		}
		ok = float64(out) <= maxSpanDropFrac*float64(n)
	}
	if !ok {
		med := median(b.t)
		lo, hi = med-maxSpreadMS, med+maxSpreadMS
		if minT >= lo && maxT <= hi {
			return ""
		}
	}
	first := int64(math.MinInt64)
	keep := func(i int) bool {
		t := b.t[i]
		if t < lo || t > hi {
			if first == math.MinInt64 {
				first = t
			}
			return false
		}
		return true
	}
	dropped := b.compact(keep)
	if dropped == 0 {
		return ""
	}
	return fmt.Sprintf("%d records with implausible timestamps dropped (the first says %s, outside the activity's %s – %s)",
		dropped, time.UnixMilli(first).UTC().Format(time.RFC3339), time.UnixMilli(lo).UTC().Format(time.RFC3339), time.UnixMilli(hi).UTC().Format(time.RFC3339))
}

// sessionSpan is the time span the sessions cover, widened by spanSlackMS;
// ok is false without a session that has a start.
func (b *builder) sessionSpan(sessions []sessionMsg) (lo, hi int64, ok bool) {
	for _, s := range sessions {
		if !s.hasStart {
			continue
		}
		st := b.ms(s.start)
		end := st
		if d := max(s.elapsed, s.timer); d > 0 && d < float64(maxSpreadMS/1000) {
			end = st + int64(d*1000)
		}
		if s.hasEnd && s.end >= s.start {
			if e := b.ms(s.end); e-st < maxSpreadMS {
				end = max(end, e)
			}
		}
		if !ok {
			lo, hi, ok = st, end, true
			continue
		}
		lo, hi = min(lo, st), max(hi, end)
	}
	return lo - spanSlackMS, hi + spanSlackMS, ok
}

func median(t []int64) int64 {
	c := slices.Clone(t)
	slices.Sort(c)
	return c[len(c)/2]
}

// compact keeps the records for which keep is true, in every column, and
// returns how many were dropped.
func (b *builder) compact(keep func(i int) bool) int {
	j := 0
	for i := range b.n {
		if !keep(i) {
			continue
		}
		if i != j {
			b.t[j] = b.t[i]
			move64(b.lat, j, i)
			move64(b.lon, j, i)
			move64(b.dist, j, i)
			move32(b.ele, j, i)
			move32(b.hr, j, i)
			move32(b.cad, j, i)
			move32(b.power, j, i)
			move32(b.speed, j, i)
			move32(b.temp, j, i)
		}
		j++
	}
	dropped := b.n - j
	b.n = j
	b.t = b.t[:j]
	b.lat, b.lon, b.dist = cutLen64(b.lat, j), cutLen64(b.lon, j), cutLen64(b.dist, j)
	b.ele, b.hr, b.cad = cutLen32(b.ele, j), cutLen32(b.hr, j), cutLen32(b.cad, j)
	b.power, b.speed, b.temp = cutLen32(b.power, j), cutLen32(b.speed, j), cutLen32(b.temp, j)
	return dropped
}

func move64(c []float64, j, i int) {
	if c != nil {
		c[j] = c[i]
	}
}

func move32(c []float32, j, i int) {
	if c != nil {
		c[j] = c[i]
	}
}

func cutLen64(c []float64, n int) []float64 {
	if c == nil {
		return nil
	}
	return c[:n]
}

func cutLen32(c []float32, n int) []float32 {
	if c == nil {
		return nil
	}
	return c[:n]
}
