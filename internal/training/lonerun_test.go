package training

import (
	"slices"
	"testing"
)

// One run after a quiet spell, then days without another, has not ended the
// break (held-out real-79 2020-01-05: one run in November, one in early
// December, a 10 km run on 31 December and five days without one, read as
// "the first week back"). The same run yesterday, or two runs in the week,
// are a start.
func TestOneRunAfterABreakThenNoneIsNoComebackYet(t *testing.T) {
	var year [][]float64
	for range 40 {
		year = append(year, []float64{0, 4, 0, 0, 4})
	}
	quiet := make([][]float64, 4)
	for _, c := range []struct {
		name string
		last []float64
		want bool
	}{
		{"one 10 km run five days ago", []float64{0, 10}, false},
		{"one 10 km run yesterday", []float64{0, 0, 0, 0, 0, 10}, true},
		{"two runs this week, the last five days ago", []float64{6, 10}, true},
	} {
		h := habitWeeks(slices.Concat(year, quiet, [][]float64{c.last})...)
		if h.Returning != c.want {
			t.Errorf("%s after four quiet weeks: returning %v (week %d back after %d), want %v", c.name, h.Returning, h.WeeksBack, h.BreakWeeks, c.want)
		}
	}
}
