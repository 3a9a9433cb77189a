package training

import (
	"math"
	"slices"
	"sort"
	"time"
)

// DatedRun is a run as the usual week reads it.
type DatedRun struct {
	Start     time.Time
	DistanceM float64
}

// UsualWeekDays is the usual running days of the 28 days before end (in
// loc), by UsualRunDays: the weekdays run on in at least 2 of those 4
// weeks, no more of them than the runner ran days a week; and each
// weekday's median run. The spark's ideas and the race taper, the class
// finder and the light week all read it, so a runner's usual days are the
// same on every card.
func UsualWeekDays(runs []DatedRun, end time.Time, loc *time.Location) ([]time.Weekday, [7]float64) {
	if loc == nil {
		loc = time.UTC
	}
	from := end.AddDate(0, 0, -28)
	var weeks [7]int
	var byDay [7][]float64
	dates := map[string]bool{}
	for _, r := range runs {
		if r.Start.Before(from) || !r.Start.Before(end) {
			continue
		}
		t := r.Start.In(loc)
		wd := t.Weekday()
		byDay[wd] = append(byDay[wd], r.DistanceM)
		if d := t.Format(time.DateOnly); !dates[d] {
			dates[d] = true
			weeks[wd]++ // each weekday comes once in 7 days
		}
	}
	var med [7]float64
	for d, ds := range byDay {
		if n := len(ds); n > 0 {
			sort.Float64s(ds)
			med[d] = (ds[(n-1)/2] + ds[n/2]) / 2
		}
	}
	return UsualRunDays(weeks, med, 2, float64(len(dates))/4), med
}

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
