package web_test

import (
	"math"
	"testing"

	"rekindle/internal/web"
)

// Pace axes: ticks on whole steps of 0:15, 0:30, 1:00…, never fewer than
// three labels, never more than five, covering the range.
func TestPaceTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		step   float64
		n      int
	}{
		{300, 330, 15, 3},  // 5:00–5:30: 5:00, 5:15, 5:30
		{302, 306, 15, 3},  // a flat run: widened to three labels
		{280, 400, 60, 4},  // 4:40–6:40: 4:00 … 7:00
		{240, 600, 120, 4}, // 4:00–10:00 with walking
		{420, 480, 15, 5},  // 7:00–8:00 per mile
	} {
		ticks, lo, hi := web.PaceTicks(c.lo, c.hi)
		if len(ticks) < 3 || len(ticks) > 5 {
			t.Errorf("%v–%v: %d ticks %v", c.lo, c.hi, len(ticks), ticks)
		}
		if lo > c.lo || hi < c.hi || ticks[0] != lo || ticks[len(ticks)-1] != hi {
			t.Errorf("%v–%v: range %v–%v, ticks %v", c.lo, c.hi, lo, hi, ticks)
		}
		for i, v := range ticks {
			if math.Mod(v, c.step) != 0 || (i > 0 && v-ticks[i-1] != c.step) {
				t.Errorf("%v–%v: ticks %v, want steps of %v s", c.lo, c.hi, ticks, c.step)
				break
			}
		}
	}
}
