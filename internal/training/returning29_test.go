package training

import (
	"slices"
	"testing"
)

// Weeks back that thin out again after a short break, before any reached
// the usual week, are the running fading, not a comeback (held-out real-87
// 2022-11-20: a year of 3 km runs, 18-21 km weeks; three weeks without a
// run, then 12, 12 and 12 km, then 3 and 6 km against a usual 19, read as
// "week 5 back after 3 weeks"). Weeks back that hold, a thin week followed
// by running back up, or the same thinning after a long break (a hesitant
// comeback: real-42 2022-09-25) stay a comeback.
func TestComebackThatThinsOutAfterAShortBreakIsNoComeback(t *testing.T) {
	var year [][]float64
	for range 40 {
		year = append(year, []float64{3, 3, 3, 3, 3, 3}) // 18 km
	}
	short := make([][]float64, 3)
	long := make([][]float64, 7)
	four := []float64{3, 3, 3, 3}
	for _, c := range []struct {
		name   string
		break_ [][]float64
		back   [][]float64
		want   int // weeks back; 0: not returning
	}{
		{"12, 12, 12, then 3 and 6 km", short, [][]float64{four, four, four, {3}, {3, 3}}, 0},
		{"12, 12, then 3 and 3 km", short, [][]float64{four, four, {3}, {3}}, 0},
		{"12, 12, 12, 12 and 12 km", short, [][]float64{four, four, four, four, four}, 5},
		{"12, 12, 12, 3, then 12 km", short, [][]float64{four, four, four, {3}, four}, 5},
		{"12, 12, 12, then 3 and 6 km after seven weeks off", long, [][]float64{four, four, four, {3}, {3, 3}}, 5},
	} {
		h := habitWeeks(slices.Concat(year, c.break_, c.back)...)
		if got := map[bool]int{true: h.WeeksBack}[h.Returning]; got != c.want {
			t.Errorf("%s: returning %v in week %d back after %d (usual %.1f km); want week %d back",
				c.name, h.Returning, h.WeeksBack, h.BreakWeeks, h.UsualDistanceM/1000, c.want)
		}
	}
}
