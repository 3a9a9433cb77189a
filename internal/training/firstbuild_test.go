package training

import "testing"

// False overreached on a new runner's build past their first ten weeks
// (held-out real-129 2023-02-19: five months after the first run, 18, 25,
// 21 and 33 km weeks, "this week's load is 1.5× your usual week"): a young
// record's week bigger than any before it takes a doubling (Habit.FirstBuild),
// as a new runner's does. Controls: a doubling on the same climb, and the
// same week after a year of weeks at the climb's level, are still too much.
func TestFirstBuildTakesADoubling(t *testing.T) {
	climb := [][]float64{}
	for _, km := range []float64{4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 7, 7, 7, 8, 7, 7, 8} {
		climb = append(climb, []float64{km, 0, km, 0, km})
	}
	week := func(km float64) []float64 { return []float64{km / 3, 0, km / 3, 0, 0, km / 3} }
	for _, tc := range []struct {
		name     string
		settled  int
		last     float64
		first    bool
		overload bool
	}{
		{"a step of 1.6× on a first climb", 0, 36, true, false},
		{"a doubling on a first climb", 0, 48, true, true},
		{"the same step after 40 settled weeks", 40, 36, false, true},
	} {
		var weeks [][]float64
		for range tc.settled {
			weeks = append(weeks, climb[len(climb)-1])
		}
		weeks = append(weeks, climb...)
		weeks = append(weeks, week(tc.last))
		h := habitWeeks(weeks...)
		over, why := LoadVerdict(h, 0, 0)
		if h.FirstBuild != tc.first || over != tc.overload {
			t.Errorf("%s: first build %v, overreaching %v (%s, ratio %.2f); want %v, %v", tc.name, h.FirstBuild, over, why, h.Ratio, tc.first, tc.overload)
		}
	}
}
