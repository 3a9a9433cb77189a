// Package trackbuild assembles a rekindle.Track sample by sample, as
// decoders meet them: channels come into being on their first value (earlier
// samples read NaN), pauses become Breaks, and samples that lack a time get
// one interpolated from their neighbours when the track is finished.
package trackbuild

import (
	"fmt"
	"math"

	"rekindle"
)

// NoTime marks a sample without a timestamp in Sample.Time.
const NoTime int64 = math.MinInt64

// Sample is one point as a decoder read it. NaN (or NoTime) means absent.
type Sample struct {
	Time     int64 // Unix ms or NoTime
	Lat, Lon float64
	Dist     float64
	Ele      float32
	HR       float32
	Cadence  float32
	Power    float32
	Speed    float32
	Temp     float32
}

// Reset makes every field absent.
func (s *Sample) Reset() {
	nan := math.NaN()
	*s = Sample{Time: NoTime, Lat: nan, Lon: nan, Dist: nan, Ele: rekindle.NaN32, HR: rekindle.NaN32,
		Cadence: rekindle.NaN32, Power: rekindle.NaN32, Speed: rekindle.NaN32, Temp: rekindle.NaN32}
}

// Empty reports whether the sample carries no value at all; such a sample
// cannot be stored in a columnar track and should be skipped.
func (s *Sample) Empty() bool {
	return s.Time == NoTime && s.Lat != s.Lat && s.Lon != s.Lon && s.Dist != s.Dist && isNaN32(s.Ele) && isNaN32(s.HR) &&
		isNaN32(s.Cadence) && isNaN32(s.Power) && isNaN32(s.Speed) && isNaN32(s.Temp)
}

// Builder accumulates samples into columns.
type Builder struct {
	t            rekindle.Track
	n            int
	max          int
	pendingBreak bool
	missingTime  int
}

// New returns a Builder that refuses more than max samples.
func New(max int) *Builder { return &Builder{max: max} }

// Len is the number of samples added.
func (b *Builder) Len() int { return b.n }

// Break records that the next sample added starts after a pause. It has no
// effect before the first sample.
func (b *Builder) Break() {
	if b.n > 0 {
		b.pendingBreak = true
	}
}

// ErrFull is returned by Add when the sample cap is reached.
var ErrFull = fmt.Errorf("trackbuild: too many samples")

func grow64(c []float64, n int) []float64 {
	c = make([]float64, n, max(2*n, 64))
	for i := range c {
		c[i] = math.NaN()
	}
	return c
}

func grow32(c []float32, n int) []float32 {
	c = make([]float32, n, max(2*n, 64))
	for i := range c {
		c[i] = rekindle.NaN32
	}
	return c
}

func isNaN32(f float32) bool { return f != f }

// Add appends one sample.
func (b *Builder) Add(s *Sample) error {
	if s.Empty() {
		return nil // nothing to store; see Empty
	}
	if b.n >= b.max {
		return ErrFull
	}
	t := &b.t
	if b.pendingBreak {
		t.Breaks = append(t.Breaks, b.n)
		b.pendingBreak = false
	}
	if s.Time != NoTime && t.Time == nil {
		t.Time = make([]int64, b.n, max(2*b.n, 64))
		for i := range t.Time {
			t.Time[i] = NoTime
		}
		b.missingTime = b.n
	}
	if t.Time != nil {
		t.Time = append(t.Time, s.Time)
		if s.Time == NoTime {
			b.missingTime++
		}
	}
	add64(&t.Lat, s.Lat, b.n)
	add64(&t.Lon, s.Lon, b.n)
	add64(&t.Dist, s.Dist, b.n)
	add32(&t.Ele, s.Ele, b.n)
	add32(&t.HR, s.HR, b.n)
	add32(&t.Cadence, s.Cadence, b.n)
	add32(&t.Power, s.Power, b.n)
	add32(&t.Speed, s.Speed, b.n)
	add32(&t.Temp, s.Temp, b.n)
	b.n++
	return nil
}

func add64(c *[]float64, v float64, n int) {
	if *c == nil {
		if v != v {
			return
		}
		*c = grow64(nil, n)
	}
	*c = append(*c, v)
}

func add32(c *[]float32, v float32, n int) {
	if *c == nil {
		if isNaN32(v) {
			return
		}
		*c = grow32(nil, n)
	}
	*c = append(*c, v)
}

// Usable reports whether the samples added so far make a track: at least
// one, and at least one carries a time, a position, a distance, a heart
// rate or an elevation (a track of cadence alone has no length).
func (b *Builder) Usable() bool {
	t := &b.t
	return b.n > 0 && (t.Time != nil || t.Lat != nil || t.Lon != nil || t.Dist != nil || t.HR != nil || t.Ele != nil)
}

// Finish returns the track; an empty one when it is not Usable. Samples without a time in a timed track get one
// interpolated linearly between their timed neighbours (or copied from the
// nearest one at the ends); the returned count says how many.
func (b *Builder) Finish() (tr rekindle.Track, interpolated int) {
	t := b.t
	if !b.Usable() {
		t = rekindle.Track{}
	}
	if t.Time != nil && b.missingTime > 0 {
		interpolated = b.missingTime
		fillTimes(t.Time)
	}
	// Positions come in pairs: a sample with only one of lat/lon has neither.
	if t.Lat != nil && t.Lon == nil {
		t.Lon = grow64(nil, b.n)
	}
	if t.Lon != nil && t.Lat == nil {
		t.Lat = grow64(nil, b.n)
	}
	b.t = rekindle.Track{}
	b.n = 0
	b.missingTime = 0
	b.pendingBreak = false
	return t, interpolated
}

func fillTimes(ts []int64) {
	prev := -1
	for i := 0; i <= len(ts); i++ {
		if i < len(ts) && ts[i] == NoTime {
			continue
		}
		// ts[prev+1 : i] are missing.
		if i-prev > 1 {
			switch {
			case prev < 0 && i == len(ts):
				// no time anywhere: cannot happen in a timed track
			case prev < 0:
				for j := 0; j < i; j++ {
					ts[j] = ts[i]
				}
			case i == len(ts):
				for j := prev + 1; j < i; j++ {
					ts[j] = ts[prev]
				}
			default:
				a, z := ts[prev], ts[i]
				step := (float64(z) - float64(a)) / float64(i-prev) // float: hostile times must not overflow
				for j := prev + 1; j < i; j++ {
					ts[j] = a + int64(step*float64(j-prev))
				}
			}
		}
		prev = i
	}
}
