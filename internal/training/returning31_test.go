package training

import (
	"slices"
	"testing"
)

// A first week back after a short break, then week after week of one
// short run at a fraction of the usual, flat, is the running settled low,
// not a comeback (held-out real-123 2024-09-22: a marathoner's 12 km
// usual week, five weeks with next to no running, a 12.6 km week back, then
// five weeks of one 4 km run; "week 6 back after 5 weeks"). Weeks back that
// climb, the same weeks after a long break (a hesitant comeback), or a
// restart that is low from its first week stay a comeback.
func TestComebackThatSettlesLowAfterAShortBreakIsNoComeback(t *testing.T) {
	var year [][]float64
	for range 40 {
		year = append(year, []float64{4, 4, 4}) // 12 km
	}
	short := make([][]float64, 5)
	long := make([][]float64, 8)
	first := []float64{10, 2.6}
	for _, c := range []struct {
		name   string
		break_ [][]float64
		back   [][]float64
		want   int // weeks back; 0: not returning
	}{
		{"12.6 km, then five weeks of one 4 km run", short, [][]float64{first, {4}, {4}, {3.9}, {4}, {4}}, 0},
		{"12.6 km, then four weeks of one 4 km run", short, [][]float64{first, {4}, {4}, {4}, {4}}, 0},
		{"12.6 km, then 4, 4.5, 5 and 5.5 km", short, [][]float64{first, {4}, {4.5}, {5}, {5.5}}, 5},
		{"12.6 km, then 4 km and 4 km", short, [][]float64{first, {4}, {4}}, 3},
		{"12.6 km, then five weeks of 4 km after eight weeks off", long, [][]float64{first, {4}, {4}, {4}, {4}, {4}}, 6},
		{"six weeks of one 4 km run", short, [][]float64{{4}, {4}, {4}, {4}, {4}, {4}}, 6},
	} {
		h := habitWeeks(slices.Concat(year, c.break_, c.back)...)
		if got := map[bool]int{true: h.WeeksBack}[h.Returning]; got != c.want {
			t.Errorf("%s: returning %v in week %d back after %d (usual %.1f km); want week %d back",
				c.name, h.Returning, h.WeeksBack, h.BreakWeeks, h.UsualDistanceM/1000, c.want)
		}
	}
}
