package fit

import "slices"

// capacity is how many samples the columns should hold: enough for every
// record the rest of the current segment can contain, so they are
// allocated once, and no larger (the messages before the first record,
// which in some files are most of them, take no room).
func (b *builder) capacity() int {
	if b.t != nil {
		return cap(b.t)
	}
	bytes := int64(b.segData)
	if b.sizeHint >= 0 && b.sizeHint < bytes {
		bytes = b.sizeHint
	}
	bytes = max(bytes-b.segRead, 0)
	if b.sizeHint < 0 && bytes > 1<<22 {
		bytes = 1 << 22 // unknown reader size: don't trust a huge header, grow instead
	}
	rl := int64(max(b.recLen, 2))
	c := bytes/rl + 1
	if b.recLen < 12 {
		// A tiny first record (a timestamp alone) says little about the
		// rest: start small and project from progress when full.
		c = min(c, 1024)
	}
	return int(min(max(c, 16), MaxSamples))
}

// project is the capacity to grow to when the columns are full: the
// samples so far scaled by how much of the current segment is still to
// come, so that a file needs one or two reallocations, not a dozen.
func (b *builder) project() int {
	n := len(b.t)
	c := n + n/4
	if w := b.w; w != nil && len(w.segs) > 0 {
		s := w.segs[len(w.segs)-1]
		start := s.Offset + int64(s.Header)
		done, total := w.off-start, int64(s.DataSize)
		if b.sizeHint >= 0 {
			total = min(total, b.sizeHint-start)
		}
		if done > 0 && total > done {
			c = max(c, int(float64(n)*float64(total)/float64(done)*1.05)+64)
		}
	}
	return min(c, MaxSamples+1)
}

// regrow moves every column to a new backing array of capacity c.
func (b *builder) regrow(c int) {
	b.t = slices.Grow(b.t, c-len(b.t))
	b.lat = grow64(b.lat, c)
	b.lon = grow64(b.lon, c)
	b.dist = grow64(b.dist, c)
	b.ele = grow32(b.ele, c)
	b.hr = grow32(b.hr, c)
	b.cad = grow32(b.cad, c)
	b.power = grow32(b.power, c)
	b.speed = grow32(b.speed, c)
	b.temp = grow32(b.temp, c)
}

func grow64(s []float64, c int) []float64 {
	if s == nil {
		return nil
	}
	return slices.Grow(s, c-len(s))
}

func grow32(s []float32, c int) []float32 {
	if s == nil {
		return nil
	}
	return slices.Grow(s, c-len(s))
}

// appendSample appends a new sample at time ms: each column takes the
// sample's value, or NaN when the sample has none; a channel's column is
// made (NaN for the samples before) when it first has a value. One write
// per column and sample; the columns are appended in place, so that only
// their lengths are stored (no pointer write, hence no GC write barrier,
// on the path every record takes).
func (b *builder) appendSample(ms int64, s *sample) {
	if b.t == nil {
		b.t = b.pool.times(b.capacity())
	} else if len(b.t) == cap(b.t) {
		b.regrow(b.project())
	}
	b.t = append(b.t, ms)
	m := s.mask
	if m == b.cols {
		// The usual case: the sample has a value for every column there
		// is and for no other channel.
		if m&chLat != 0 {
			b.lat = append(b.lat, s.lat)
		}
		if m&chLon != 0 {
			b.lon = append(b.lon, s.lon)
		}
		if m&chEle != 0 {
			b.ele = append(b.ele, s.ele)
		}
		if m&chDist != 0 {
			b.dist = append(b.dist, s.dist)
		}
		if m&chHR != 0 {
			b.hr = append(b.hr, s.hr)
		}
		if m&chCad != 0 {
			b.cad = append(b.cad, s.cad)
		}
		if m&chPower != 0 {
			b.power = append(b.power, s.power)
		}
		if m&chSpeed != 0 {
			b.speed = append(b.speed, s.speed)
		}
		if m&chTemp != 0 {
			b.temp = append(b.temp, s.temp)
		}
		b.n++
		return
	}
	b.app64(&b.lat, chLat, m, s.lat)
	b.app64(&b.lon, chLon, m, s.lon)
	b.app32(&b.ele, chEle, m, s.ele)
	b.app64(&b.dist, chDist, m, s.dist)
	b.app32(&b.hr, chHR, m, s.hr)
	b.app32(&b.cad, chCad, m, s.cad)
	b.app32(&b.power, chPower, m, s.power)
	b.app32(&b.speed, chSpeed, m, s.speed)
	b.app32(&b.temp, chTemp, m, s.temp)
	b.n++
}

func (b *builder) app64(c *[]float64, bit, mask uint16, v float64) {
	if mask&bit == 0 {
		if *c == nil {
			return
		}
		v = nan
	} else if *c == nil {
		b.col64(c, bit)
	}
	*c = append(*c, v)
}

func (b *builder) app32(c *[]float32, bit, mask uint16, v float32) {
	if mask&bit == 0 {
		if *c == nil {
			return
		}
		v = float32(nan)
	} else if *c == nil {
		b.col32(c, bit)
	}
	*c = append(*c, v)
}

// col64 makes channel bit's column, NaN for the samples so far, if there
// is none yet.
func (b *builder) col64(c *[]float64, bit uint16) []float64 {
	if *c == nil {
		b.cols |= bit
		s := b.pool.floats64(bit, b.n, cap(b.t))
		for i := range s {
			s[i] = nan
		}
		*c = s
	}
	return *c
}

func (b *builder) col32(c *[]float32, bit uint16) []float32 {
	if *c == nil {
		b.cols |= bit
		s := b.pool.floats32(bit, b.n, cap(b.t))
		for i := range s {
			s[i] = float32(nan)
		}
		*c = s
	}
	return *c
}

func (b *builder) put(i int, s *sample) {
	m := s.mask
	if m&chLat != 0 {
		b.col64(&b.lat, chLat)[i] = s.lat
	}
	if m&chLon != 0 {
		b.col64(&b.lon, chLon)[i] = s.lon
	}
	if m&chEle != 0 {
		b.col32(&b.ele, chEle)[i] = s.ele
	}
	if m&chDist != 0 {
		b.col64(&b.dist, chDist)[i] = s.dist
	}
	if m&chHR != 0 {
		b.col32(&b.hr, chHR)[i] = s.hr
	}
	if m&chCad != 0 {
		b.col32(&b.cad, chCad)[i] = s.cad
	}
	if m&chPower != 0 {
		b.col32(&b.power, chPower)[i] = s.power
	}
	if m&chSpeed != 0 {
		b.col32(&b.speed, chSpeed)[i] = s.speed
	}
	if m&chTemp != 0 {
		b.col32(&b.temp, chTemp)[i] = s.temp
	}
}
