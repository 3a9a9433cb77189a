package race

import (
	"slices"
	"time"

	"rekindle"
	"rekindle/internal/training"
	"rekindle/internal/units"
)

// Activity is what the finder needs to know of one logged session.
type Activity struct {
	Start     time.Time
	Sport     rekindle.Sport
	DistanceM float64
	MovingS   float64
}

// patternWeeks is how far back the usual week is read.
const patternWeeks = 8

// Pattern is the runner's usual week, read from the last 8 weeks of runs.
type Pattern struct {
	WeeklyM     float64 // mean running distance a week over the last 4 weeks
	RunsPerWeek float64 // over the last 4 weeks
	// RunDays are the usual running days (training.UsualWeekDays, the rule
	// the spark's ideas read): the weekdays run on in at least 2 of the last
	// 4 weeks, no more of them than the runner ran days a week, Monday
	// first.
	RunDays []time.Weekday
	DayM    [7]float64 // mean run distance on each weekday, when run
	// StartHours[weekend][h] counts runs of the last 8 weeks started at
	// hour h on weekdays (0) or at weekends (1), in the runner's zone.
	StartHours [2][24]int
	Tried      map[rekindle.Sport]bool // every sport ever logged (up to AsOf)
}

// PatternOf reads the pattern from the history up to the end of asOf's day
// (in loc).
func PatternOf(acts []Activity, asOf time.Time, loc *time.Location) Pattern {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := asOf.In(loc).Date()
	end := time.Date(y, m, d, 0, 0, 0, 0, loc).AddDate(0, 0, 1)
	from8 := end.AddDate(0, 0, -7*patternWeeks)
	from4 := end.AddDate(0, 0, -28)
	p := Pattern{Tried: map[rekindle.Sport]bool{}}
	var dayN [7]int
	var dist4 float64
	var runs4 int
	var dated []training.DatedRun
	for _, a := range acts {
		if !a.Start.Before(end) {
			continue
		}
		if a.Sport != "" {
			p.Tried[a.Sport] = true
		}
		if !a.Sport.IsRun() || a.Start.Before(from8) {
			continue
		}
		t := a.Start.In(loc)
		wd := t.Weekday()
		p.DayM[wd] += a.DistanceM
		dayN[wd]++
		we := 0
		if wd == time.Saturday || wd == time.Sunday {
			we = 1
		}
		p.StartHours[we][t.Hour()]++
		if !a.Start.Before(from4) {
			dist4 += a.DistanceM
			runs4++
			dated = append(dated, training.DatedRun{Start: a.Start, DistanceM: a.DistanceM})
		}
	}
	for wd := range 7 {
		if dayN[wd] > 0 {
			p.DayM[wd] /= float64(dayN[wd])
		}
	}
	p.RunDays, _ = training.UsualWeekDays(dated, end, loc)
	if len(p.RunDays) > 0 && p.RunDays[0] == time.Sunday {
		p.RunDays = append(p.RunDays[1:], time.Sunday) // Monday first
	}
	p.WeeklyM = dist4 / 4
	p.RunsPerWeek = float64(runs4) / 4
	return p
}

// sameActivity groups sports that are the same thing to a runner: someone
// who has logged indoor cycling has been to a spin class in all but name.
var sameActivity = map[rekindle.Sport][]rekindle.Sport{
	rekindle.SportSpin:     {rekindle.SportIndoorCycling, rekindle.SportVirtualRide},
	rekindle.SportSwimming: {rekindle.SportPoolSwim},
}

// HasTried reports whether the runner has logged the sport, or one that is
// the same activity under another name.
func (p *Pattern) HasTried(s rekindle.Sport) bool {
	if p.Tried[s] {
		return true
	}
	for _, o := range sameActivity[s] {
		if p.Tried[o] {
			return true
		}
	}
	return false
}

// RunsOn reports whether wd is one of the usual running days.
func (p *Pattern) RunsOn(wd time.Weekday) bool { return slices.Contains(p.RunDays, wd) }

// knowsHours reports whether the history shows when the runner trains.
func (p *Pattern) knowsHours() bool {
	return len(p.usualHours(false)) > 0 || len(p.usualHours(true)) > 0
}

// usualHours are the start hours (0–23) of the runner's runs on that kind
// of day, most frequent first, at least twice in 8 weeks.
func (p *Pattern) usualHours(weekend bool) []int {
	i := 0
	if weekend {
		i = 1
	}
	var hs []int
	for h, n := range p.StartHours[i] {
		if n >= 2 {
			hs = append(hs, h)
		}
	}
	slices.SortStableFunc(hs, func(a, b int) int { return p.StartHours[i][b] - p.StartHours[i][a] })
	return hs
}

// Pace formats a finish time over a distance as a pace per km or mile.
func Pace(seconds, metres float64, u rekindle.Unit) string {
	p := units.Pace(seconds, metres, u, "")
	if p == "" {
		return "–"
	}
	return p + units.PerName(u)
}
