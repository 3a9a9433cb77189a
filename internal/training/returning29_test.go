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

// sportWeeks is habitWeeks with rides beside the runs: each week a list of
// run distances (km, one a day from the week's first day) and a number of
// rides (load 40 each, on the days after the runs; no run distance).
func sportWeeks(weeks []sportWeek) Habit {
	var load, dist []float64
	var runs []int
	for _, wk := range weeks {
		for d := range 7 {
			switch {
			case d < len(wk.runs) && wk.runs[d] > 0:
				load, dist, runs = append(load, 6*wk.runs[d]), append(dist, 1000*wk.runs[d]), append(runs, 1)
			case d >= len(wk.runs) && d < len(wk.runs)+wk.rides:
				load, dist, runs = append(load, 40), append(dist, 0), append(runs, 0)
			default:
				load, dist, runs = append(load, 0), append(dist, 0), append(runs, 0)
			}
		}
	}
	return HabitOf(load, dist, runs)
}

type sportWeek struct {
	runs  []float64
	rides int
}

// A runner turned cyclist, whose year before the weeks back held rides in
// most weeks and a run in a few, runs as they have all year when the runs
// are no longer than before: no comeback (held-out real-74 2025-04-27: 4-13
// rides a week since December 2023, a run every two months, 17 weeks of
// rides bar one run, then two 5 km runs against a usual 8.9; "week 2 back
// after 17"). A burst of running after the rides, the same weeks after a
// year of weekly running beside the rides, or the same year without the
// rides (idle) stay a comeback.
func TestSideRunningAfterRidesIsNoComeback(t *testing.T) {
	repeat := func(n int, w sportWeek) []sportWeek {
		var ws []sportWeek
		for range n {
			ws = append(ws, w)
		}
		return ws
	}
	runner := repeat(60, sportWeek{runs: []float64{5, 6, 5, 10}})
	sparse := func(rides int) []sportWeek {
		var ws []sportWeek
		for i := range 60 {
			if i%10 == 0 {
				ws = append(ws, sportWeek{runs: []float64{9}, rides: rides})
			} else {
				ws = append(ws, sportWeek{rides: rides})
			}
		}
		return ws
	}
	weekly := repeat(60, sportWeek{runs: []float64{9}, rides: 4})
	back := []sportWeek{{runs: []float64{5}, rides: 4}, {runs: []float64{5}, rides: 4}}
	burst := []sportWeek{{runs: []float64{10, 10, 10}, rides: 2}, {runs: []float64{10, 10, 8}, rides: 2}}
	for _, c := range []struct {
		name  string
		weeks []sportWeek
		want  bool
	}{
		{"rides and a run every ten weeks, then two 5 km runs", slices.Concat(runner, sparse(5), back), false},
		{"rides and a run every ten weeks, then 30 and 28 km weeks", slices.Concat(runner, sparse(5), burst), true},
		{"rides and a run every week, 17 weeks of rides, then two 5 km runs", slices.Concat(runner, weekly, repeat(17, sportWeek{rides: 5}), back), true},
		{"a run every ten weeks and nothing else, then two 5 km runs", slices.Concat(runner, sparse(0), back), true},
	} {
		if h := sportWeeks(c.weeks); h.Returning != c.want {
			t.Errorf("%s: returning %v in week %d back after %d (usual %.1f km); want %v",
				c.name, h.Returning, h.WeeksBack, h.BreakWeeks, h.UsualDistanceM/1000, c.want)
		}
	}
}
