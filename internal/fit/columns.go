package fit

import "slices"

// capacity is how many samples the columns should hold: enough for every
// record the current segment can contain, so they are allocated once.
func (b *builder) capacity() int {
	if b.t != nil {
		return cap(b.t)
	}
	bytes := int64(b.segData)
	if b.sizeHint >= 0 && b.sizeHint < bytes {
		bytes = b.sizeHint
	}
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

// grow appends a new sample at time ms with every present channel NaN.
func (b *builder) grow(ms int64) {
	if b.t == nil {
		b.t = make([]int64, 0, b.capacity())
	} else if len(b.t) == cap(b.t) {
		b.regrow(b.project())
	}
	b.t = append(b.t, ms)
	if b.lat != nil {
		b.lat = append(b.lat, nan)
	}
	if b.lon != nil {
		b.lon = append(b.lon, nan)
	}
	if b.ele != nil {
		b.ele = append(b.ele, float32(nan))
	}
	if b.dist != nil {
		b.dist = append(b.dist, nan)
	}
	if b.hr != nil {
		b.hr = append(b.hr, float32(nan))
	}
	if b.cad != nil {
		b.cad = append(b.cad, float32(nan))
	}
	if b.power != nil {
		b.power = append(b.power, float32(nan))
	}
	if b.speed != nil {
		b.speed = append(b.speed, float32(nan))
	}
	if b.temp != nil {
		b.temp = append(b.temp, float32(nan))
	}
	b.n++
}

func (b *builder) col64(c *[]float64) []float64 {
	if *c == nil {
		s := make([]float64, b.n, cap(b.t))
		for i := range s {
			s[i] = nan
		}
		*c = s
	}
	return *c
}

func (b *builder) col32(c *[]float32) []float32 {
	if *c == nil {
		s := make([]float32, b.n, cap(b.t))
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
		b.col64(&b.lat)[i] = s.lat
	}
	if m&chLon != 0 {
		b.col64(&b.lon)[i] = s.lon
	}
	if m&chEle != 0 {
		b.col32(&b.ele)[i] = s.ele
	}
	if m&chDist != 0 {
		b.col64(&b.dist)[i] = s.dist
	}
	if m&chHR != 0 {
		b.col32(&b.hr)[i] = s.hr
	}
	if m&chCad != 0 {
		b.col32(&b.cad)[i] = s.cad
	}
	if m&chPower != 0 {
		b.col32(&b.power)[i] = s.power
	}
	if m&chSpeed != 0 {
		b.col32(&b.speed)[i] = s.speed
	}
	if m&chTemp != 0 {
		b.col32(&b.temp)[i] = s.temp
	}
}
