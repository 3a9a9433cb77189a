package fit

import "math/bits"

// Columns is memory for the sample columns of decoded files, used again
// from one file to the next by one caller at a time (it is not safe for
// concurrent use). A caller that decodes many files in turn (an import
// worker) keeps one and offers it to Decode through its reader (see
// ColumnSource); the columns then need neither allocating nor, for the
// most part, faulting in again for every file.
//
// Ownership: the tracks Decode returns are cut from the columns (sub-slices
// of them), so they alias c until the caller calls Release, which says it
// holds nothing of them any more (the tracks were encoded or copied and let
// go). A Decode that finds c not released leaves its memory to the tracks
// that hold it and starts c afresh: forgetting Release costs reuse, never
// correctness.
type Columns struct {
	t    []int64
	f64  [chBits][]float64 // by channel bit number
	f32  [chBits][]float32
	held bool // the last decode's tracks may alias the memory above
}

// chBits is the number of channel bits (see chLat…chTemp).
const chBits = 9

// maxPooledSamples bounds what Columns keeps: the columns of a file of more
// samples (about 37 hours at one per second) are let go with its tracks.
const maxPooledSamples = 1 << 17

// Release says the caller holds nothing any more of the tracks decoded
// with c: their memory may be used for the next file.
func (c *Columns) Release() {
	if c != nil {
		c.held = false
	}
}

// ColumnSource is what a reader given to Decode implements to offer a
// Columns for the file's tracks; FITColumns may return nil.
type ColumnSource interface {
	FITColumns() *Columns
}

// columnsOf returns the Columns r offers, ready for a decode: emptied of
// memory a past decode's tracks may still hold, and marked held by this
// one. nil when r offers none.
func columnsOf(r any) *Columns {
	cs, ok := r.(ColumnSource)
	if !ok {
		return nil
	}
	c := cs.FITColumns()
	if c == nil {
		return nil
	}
	if c.held {
		*c = Columns{} // the memory stays with the tracks that hold it
	}
	c.held = true
	return c
}

// times returns an empty time column of capacity at least n.
func (c *Columns) times(n int) []int64 {
	if c == nil {
		return make([]int64, 0, n)
	}
	return take(&c.t, 0, n)
}

// floats64 returns a column of length n and capacity at least capacity for
// channel bit.
func (c *Columns) floats64(bit uint16, n, capacity int) []float64 {
	if c == nil {
		return make([]float64, n, capacity)
	}
	return take(&c.f64[bits.TrailingZeros16(bit)], n, capacity)
}

func (c *Columns) floats32(bit uint16, n, capacity int) []float32 {
	if c == nil {
		return make([]float32, n, capacity)
	}
	return take(&c.f32[bits.TrailingZeros16(bit)], n, capacity)
}

// take returns the column kept in slot, cut to length n, when its capacity
// is at least capacity (the slot is emptied: the column is the caller's
// now), else a new one.
func take[T int64 | float32 | float64](slot *[]T, n, capacity int) []T {
	if cap(*slot) >= capacity {
		s := (*slot)[:n]
		*slot = nil
		return s
	}
	return make([]T, n, capacity)
}

// give keeps s in slot for the next file when it is bigger than what the
// slot holds and no bigger than maxPooledSamples.
func give[T int64 | float32 | float64](slot *[]T, s []T) {
	if cap(s) <= maxPooledSamples && cap(s) > cap(*slot) {
		*slot = s[:0]
	}
}

// keep takes the builder's columns back into c for the next file (the
// file's tracks alias them until Release); columns over maxPooledSamples
// are left to the tracks alone.
func (c *Columns) keep(b *builder) {
	if c == nil {
		return
	}
	give(&c.t, b.t)
	k64 := func(s []float64, bit uint16) { give(&c.f64[bits.TrailingZeros16(bit)], s) }
	k32 := func(s []float32, bit uint16) { give(&c.f32[bits.TrailingZeros16(bit)], s) }
	k64(b.lat, chLat)
	k64(b.lon, chLon)
	k64(b.dist, chDist)
	k32(b.ele, chEle)
	k32(b.hr, chHR)
	k32(b.cad, chCad)
	k32(b.power, chPower)
	k32(b.speed, chSpeed)
	k32(b.temp, chTemp)
}
