package training

import (
	"slices"
	"testing"
)

// A comeback that has lasted ComebackWeeks with every week back but the
// first at the usual week or more is over, though the break was a little
// longer (held-out real-101 2023-02-12: eight weeks of little or no
// running, then 13, 31, 33, 26, 32 and 24 km weeks against a usual 18.5;
// "week 6 back"). Five such weeks are still a comeback, and so are six
// that stay under the usual, six that still climb, six after a break
// twice as long, or six against the usual of a near-empty year (held-out
// real-12 2022-06-19: a usual of 5.8 km from 13 weeks of 52 is no habit
// to be back at).
func TestAComebackAtTheUsualForItsWholeLengthIsOver(t *testing.T) {
	var year [][]float64
	for range 40 {
		year = append(year, []float64{6, 0, 6, 0, 6})
	}
	var sparse [][]float64 // two weeks of running in every eight
	for range 5 {
		sparse = append(sparse, []float64{6, 0, 6, 0, 6}, []float64{6, 0, 6, 0, 6}, nil, nil, nil, nil, nil, nil)
	}
	sparse = append(sparse, []float64{6, 0, 6, 0, 6}, []float64{6, 0, 6, 0, 6})
	off := func(n int) [][]float64 { return make([][]float64, n) }
	settled := [][]float64{{6, 0, 6}, {8, 0, 8, 0, 8, 7}, {8, 0, 9, 0, 8, 8}, {7, 0, 7, 0, 6, 6}, {8, 0, 8, 0, 8, 8}, {6, 0, 6, 0, 6, 6}}
	short := [][]float64{{6, 0, 6}, {5, 0, 5, 0, 5}, {6, 0, 5, 0, 5}, {5, 0, 6, 0, 5}, {6, 0, 5, 0, 6}, {5, 0, 5, 0, 5}}
	climbing := [][]float64{{5, 0, 5}, {6, 0, 6, 0, 7}, {7, 0, 7, 0, 8}, {6, 0, 6, 0, 6, 7}, {7, 0, 7, 0, 7, 7}, {8, 0, 8, 0, 8, 7}}
	for _, c := range []struct {
		name      string
		weeks     [][]float64
		want      bool
		wantWeeks int
	}{
		{"six weeks back at the usual after eight off", slices.Concat(year, off(8), settled), false, 0},
		{"five weeks back at the usual after eight off", slices.Concat(year, off(8), settled[:5]), true, 5},
		{"six weeks back under the usual after eight off", slices.Concat(year, off(8), short), true, 6},
		{"six weeks back still climbing after eight off", slices.Concat(year, off(8), climbing), true, 6},
		{"six weeks back at the usual after twelve off", slices.Concat(year, off(12), settled), true, 6},
		{"six weeks back at the usual of a near-empty year after eight off", slices.Concat(sparse, off(8), settled), true, 6},
	} {
		h := habitWeeks(c.weeks...)
		if h.Returning != c.want || c.want && h.WeeksBack != c.wantWeeks {
			t.Errorf("%s: returning %v (week %d back after %d), want %v (week %d)", c.name, h.Returning, h.WeeksBack, h.BreakWeeks, c.want, c.wantWeeks)
		}
	}
}
