package training

import (
	"math"
	"slices"
	"time"
)

// UsualRunDays is the one rule for the runner's usual running days, read by
// every plan rekindle writes from their week (the light week, the race
// taper, the add-ons, the class on a free day): the weekdays run on in at
// least minWeeks of the weeks looked at (weeks[d] counts them for weekday
// d), and never more of them than the runner runs a week. A runner who runs
// 5 times a week on shifting days has run on every weekday in two of the
// last four weeks; their usual week still has 5 running days, the 5 run on
// most often (ties: the longer usual run, then Monday first). perWeek is
// rounded half down (4.5 runs a week keeps 4 days: a plan may keep or
// reduce the runner's own number of running days, never add one); 0 or
// less leaves the count uncapped. The days come back Sunday first.
func UsualRunDays(weeks [7]int, dist [7]float64, minWeeks int, perWeek float64) []time.Weekday {
	var days []time.Weekday
	for d := time.Sunday; d <= time.Saturday; d++ {
		if weeks[d] >= max(1, minWeeks) {
			days = append(days, d)
		}
	}
	if perWeek <= 0 || math.IsNaN(perWeek) {
		return days
	}
	n := max(1, int(math.Ceil(perWeek-0.5)))
	if len(days) <= n {
		return days
	}
	monFirst := func(d time.Weekday) int { return (int(d) + 6) % 7 }
	slices.SortStableFunc(days, func(a, b time.Weekday) int {
		switch {
		case weeks[a] != weeks[b]:
			return weeks[b] - weeks[a]
		case dist[a] != dist[b]:
			if dist[a] > dist[b] {
				return -1
			}
			return 1
		}
		return monFirst(a) - monFirst(b)
	})
	days = days[:n]
	slices.Sort(days)
	return days
}
