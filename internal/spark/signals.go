package spark

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/training"
)

// Signal keys (the "signals" object of the report).
const (
	SigFitness           = "fitness"
	SigFatigue           = "fatigue"
	SigForm              = "form"
	SigFitnessTrend      = "fitness_trend_pct"
	SigWeekKm            = "week_distance_km"
	SigUsualWeekKm       = "usual_week_distance_km"
	SigWeekVsUsual       = "week_vs_usual"
	SigACWR              = "acute_chronic_ratio"
	SigMonotony          = "monotony"
	SigRunMonotony       = "run_monotony"
	SigStrain            = "strain"
	SigWeeksNoLight      = "weeks_since_light_week"
	SigRouteRepeat       = "route_repeat_share"
	SigTopRouteRuns      = "top_route_runs"
	SigRouteWindowRuns   = "route_window_runs"
	SigRouteNovelty      = "route_novelty_share"
	SigDistanceRegular   = "distance_regularity"
	SigTimeRegular       = "time_regularity"
	SigWeekdayRegular    = "weekday_regularity"
	SigIntensityVariety  = "intensity_variety"
	SigWeeksSinceRace    = "weeks_since_race"
	SigRunsPerWeek       = "runs_per_week"
	SigRunsPerWeekBefore = "runs_per_week_before"
	SigRunsTrend         = "runs_per_week_trend"
	SigKmPerWeek         = "distance_per_week_km"
	SigKmPerWeekBefore   = "distance_per_week_before_km"
	SigVolumeTrend       = "volume_trend"
	SigDaysSinceRun      = "days_since_last_run"
	SigEnjoyment         = "enjoyment"
	SigEnjoymentBefore   = "enjoyment_before"
	SigEnjoymentChange   = "enjoyment_change"
	SigRPE               = "rpe"
	SigExhaustion        = "spark_check_exhaustion"
	SigLostInterest      = "spark_check_lost_interest"
	SigStagnation        = "spark_check_stagnation"
	SigSparkCheckChange  = "spark_check_change"
	SigCrossShare        = "cross_training_share"
	SigAloneShare        = "alone_share"
	SigVDOT              = "vdot"
	SigLongest30d        = "longest_run_30d_km"
	SigUsualLongRun      = "usual_long_run_km"
	SigTotalRuns         = "total_runs"
	SigUsualRuns         = "usual_runs_per_week"
	SigWeeksBack         = "weeks_back"
	SigBreakWeeks        = "break_weeks"
	SigSeasonedWeek      = "seasoned_week_km"
	SigSaysHurt          = "said_hurt_7d"
)

// lightWeekShare: a week with at most this share of the mean load of the
// three weeks before it is a light week (recovery weeks cut 20–30%, science.md §8).
const lightWeekShare = 0.82

// sigs is the computed signals plus the names the texts need.
type sigs struct {
	m            map[string]Signal
	raw          map[string]float64 // the values before rounding
	topRoute     string             // display name of the most run route
	topRouteKey  string
	lastRace     *Session
	lastBigRace  *Session // the last race of bigRaceM or more within bigRaceWeeks (may be lastRace)
	usualHour    float64  // median local start hour of recent runs
	usualDistM   float64  // median distance of recent runs
	usualDays    []time.Weekday
	usualLongM   float64
	longest30M   float64
	weekPlan     []plannedDay // the usual week, by weekday
	totalM       float64
	firstRun     time.Time
	routesKnown  bool
	routeCounts  map[string]int // runs per route key over the whole history
	routeNames   map[string]string
	routeLastRun map[string]time.Time
	routeDistM   map[string]float64

	usualWeekWhy string // what the usual week is: the year's median or the 3 weeks before

	// Counts behind the shares, so texts say "3 of your 12 runs".
	regularN, regularDist, regularTime int // last runs; within 10% of the median distance; within an hour
	fastN, fastKnown                   int // runs with a faster stretch; runs where that could be known
	fastWindow                         string
	aloneN, checkInN                   int
	crossN, sessionN                   int
	// runs in the last 4 weeks, and in the beforeWeeks weeks before them
	runsNow, runsBefore, beforeWeeks int
}

func (s *sigs) set(key string, v float64, unit, source string) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return
	}
	s.m[key] = Signal{Value: round(v, 3), Unit: unit, Source: source}
	s.raw[key] = v
}

// get returns the signal's exact value (the report shows it rounded to 3
// decimals; texts round once, from this), NaN when absent.
func (s *sigs) get(key string) float64 {
	if v, ok := s.raw[key]; ok {
		return v
	}
	return math.NaN()
}

// shown is the signal's value as the report shows it (rounded), NaN when absent.
func (s *sigs) shown(key string) float64 {
	if v, ok := s.m[key]; ok {
		return v.Value
	}
	return math.NaN()
}

func (s *sigs) has(key string) bool { _, ok := s.m[key]; return ok }

// said is a signal as a text quotes it: to one decimal, rounded once from
// the value the report shows (shown), so that the why and the report's
// signal say the same number. Rounded from the exact value instead, a
// VDOT of 45.8499986 read "45.8" in the why beside the report's 45.850
// (45.9 to one decimal): held-out real-58 2018-11-25, a half in 1:38:38.
func (s *sigs) said(key string) string { return one(s.shown(key)) }

// saidRatio is a ratio signal as a text quotes it: to two decimals, rounded
// once from the value the report shows (shown), as said is for one decimal.
// Rounded from the exact value instead, a 7 days' load ratio of 1.27502
// read "1.28×" in the why beside the report's 1.275 (1.27 to two decimals,
// as a float): held-out real-104 2023-08-20, a summer of daily runs.
func (s *sigs) saidRatio(key string) string {
	return strconv.FormatFloat(s.shown(key), 'f', 2, 64)
}

func (s *sigs) export() map[string]Signal { return s.m }

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	if r := math.Round(v*p) / p; finite(r) {
		return r
	}
	return v // too large to round
}

// plannedDay is one weekday of the runner's usual week.
type plannedDay struct {
	Day       time.Weekday
	DistanceM float64
	Quality   bool // the usual week's hardest session
	// Long is the longest day of a week with no faster sessions: the one
	// a light week keeps whole-ish, never called a quality session.
	Long bool
}

func (h *history) signals() *sigs {
	s := &sigs{m: map[string]Signal{}, raw: map[string]float64{}}
	h.loadSignals(s)
	h.volumeSignals(s)
	h.routineSignals(s)
	h.feelingSignals(s)
	h.fitnessSignals(s)
	return s
}

func (h *history) loadSource() string {
	if h.loadGiven {
		return "training load per session"
	}
	return "moving minutes per day (no training load given)"
}

func (h *history) loadSignals(s *sigs) {
	src := h.loadSource()
	ctl := training.Smooth(h.load, training.FitnessDays, 0, training.SmoothingExp)
	atl := training.Smooth(h.load, training.FatigueDays, 0, training.SmoothingExp)
	n := len(h.load)
	tr := h.in.Training
	if tr != nil && tr.HasValues {
		s.set(SigFitness, tr.Fitness, "load/day", "training")
		s.set(SigFatigue, tr.Fatigue, "load/day", "training")
		s.set(SigForm, tr.Form, "load/day", "training")
		s.set(SigFitnessTrend, tr.FitnessTrendPct, "%", "training")
	} else if len(h.sessions) > 0 {
		s.set(SigFitness, ctl[n-1], "load/day", "42-day weighted mean of "+src)
		s.set(SigFatigue, atl[n-1], "load/day", "7-day weighted mean of "+src)
		form := 0.0
		if n >= 2 {
			form = ctl[n-2] - atl[n-2]
		}
		s.set(SigForm, form, "load/day", "fitness minus fatigue, yesterday")
		if n > 28 && ctl[n-29] > 0 {
			s.set(SigFitnessTrend, (ctl[n-1]-ctl[n-29])/ctl[n-29]*100, "%", "fitness change over 28 days")
		}
	}
	if len(h.sessions) == 0 {
		return
	}
	// Monotony (Foster): mean/SD (population) of the last 7 days' load, capped at 10.
	if tr != nil && tr.HasValues && tr.Monotony > 0 {
		s.set(SigMonotony, tr.Monotony, "", "training")
	} else {
		week := make([]float64, 7)
		for i := range 7 {
			if j := n - 1 - i; j >= 0 {
				week[i] = h.load[j]
			}
		}
		m := mean(week)
		if m > 0 {
			var v float64
			for _, x := range week {
				v += (x - m) * (x - m)
			}
			sd := math.Sqrt(v / 7)
			mono := 10.0
			if sd > 0 {
				mono = min(10, m/sd)
			}
			s.set(SigMonotony, mono, "", "mean/SD of the last 7 days' "+src)
			s.set(SigStrain, m*7*mono, "", "weekly load × monotony")
		}
	}
	// The same of the running alone (training.Recent.RunMonotony): days of
	// another sport between runs are a change, not sameness.
	if s.has(SigMonotony) {
		if tr != nil && tr.HasValues {
			s.set(SigRunMonotony, tr.RunMonotony, "", "training")
		} else {
			run := make([]float64, len(h.load))
			h.addLoads(run, func(x Session) bool { return x.Sport.IsRun() })
			m, _, _, _ := training.Monotony(run[max(0, len(run)-7):])
			s.set(SigRunMonotony, m, "", "mean/SD of the last 7 days' "+src+", runs only")
		}
	}
	// This week's load against the usual week of the past year (the weeks
	// the runner ran): the same number the training status judges.
	if hb := h.habit; hb.Defined {
		s.set(SigACWR, hb.Ratio, "", "last 7 days' load / the highest of the past year's usual week (weeks you ran), the mean of the 3 weeks before and of the 3 before those")
	}
	if hb := h.habit; hb.Returning {
		s.set(SigWeeksBack, float64(hb.WeeksBack), "weeks", "weeks since running again after a break")
		s.set(SigBreakWeeks, float64(hb.BreakWeeks), "weeks", "the break: weeks under a quarter of your usual load")
	}
	// Weeks without a light week.
	if tr != nil && tr.HasValues {
		s.set(SigWeeksNoLight, tr.WeeksSinceLightWeek, "weeks", "training")
	} else {
		weeks := h.weeksOfHistory()
		count := 0
		for w := 0; w < weeks && w < 104; w++ {
			l := h.weekLoad(w)
			prev := (h.weekLoad(w+1) + h.weekLoad(w+2) + h.weekLoad(w+3)) / 3
			if l == 0 || (prev > 0 && l <= lightWeekShare*prev) {
				break
			}
			count++
		}
		s.set(SigWeeksNoLight, float64(count), "weeks", "rolling weeks since one with ≤82% of the mean of the 3 before it")
	}
}

func (h *history) volumeSignals(s *sigs) {
	if len(h.runs) == 0 {
		return
	}
	weeks := h.weeksOfHistory()
	runs, metres := h.weekRunStats(12)
	s.set(SigWeekKm, metres[0]/1000, "km", "runs of the last 7 days")
	if hb := h.habit; hb.WeeksRan >= training.MinHabitWeeks && hb.UsualDistanceM > 0 {
		// The usual week as the status judges it (training's usualWeek): the
		// past year's, or the 3 weeks before, or the 3 before those, the highest.
		usual, src := hb.UsualWeekDistance()
		src = strings.TrimPrefix(src, "the ")
		s.usualWeekWhy = src
		s.set(SigUsualWeekKm, usual/1000, "km", src)
		s.set(SigUsualRuns, hb.UsualRuns, "runs/week", "median of the weeks you ran in the past year")
		s.set(SigWeekVsUsual, metres[0]/usual, "", "last 7 days / usual week")
	}
	if sw := h.seasonedWeekM(); sw > 0 {
		s.set(SigSeasonedWeek, sw/1000, "km", "90th percentile of the weeks you ran in the two years before the last 4")
	}
	if said := h.saysHurt(); len(said) > 0 {
		s.set(SigSaysHurt, float64(len(said)), "count", "runs' names and check-in notes of the last 7 days that say it hurts, the latest run among them")
	}
	sumI := func(xs []int, from, to int) float64 {
		var t float64
		for i := from; i < to; i++ {
			t += float64(xs[i])
		}
		return t
	}
	sumF := func(xs []float64, from, to int) float64 {
		var t float64
		for i := from; i < to; i++ {
			t += xs[i]
		}
		return t
	}
	recentW := min(4, weeks)
	s.set(SigRunsPerWeek, sumI(runs, 0, recentW)/float64(recentW), "runs/week", "last 4 weeks")
	s.set(SigKmPerWeek, sumF(metres, 0, recentW)/float64(recentW)/1000, "km/week", "last 4 weeks")
	if weeks >= 8 {
		bw := min(12, weeks) - 4
		before := sumI(runs, 4, 4+bw) / float64(bw)
		beforeKm := sumF(metres, 4, 4+bw) / float64(bw) / 1000
		s.set(SigRunsPerWeekBefore, before, "runs/week", "the 8 weeks before the last 4")
		s.runsNow, s.runsBefore, s.beforeWeeks = int(sumI(runs, 0, recentW)), int(sumI(runs, 4, 4+bw)), bw
		s.set(SigKmPerWeekBefore, beforeKm, "km/week", "the 8 weeks before the last 4")
		if before > 0 {
			s.set(SigRunsTrend, s.get(SigRunsPerWeek)/before, "", "runs per week, last 4 weeks / the 8 before")
		}
		if beforeKm > 0 {
			s.set(SigVolumeTrend, s.get(SigKmPerWeek)/beforeKm, "", "distance per week, last 4 weeks / the 8 before")
		}
	}
	last := h.runs[len(h.runs)-1]
	s.set(SigDaysSinceRun, float64(h.daysAgo(last.Start)), "days", "last run")
	s.set(SigTotalRuns, float64(len(h.runs)), "runs", "history")

	// Longest runs.
	for _, r := range h.runsWithin(30) {
		s.longest30M = max(s.longest30M, r.DistanceM)
	}
	s.set(SigLongest30d, s.longest30M/1000, "km", "runs of the last 30 days")
	var weekLongest []float64
	for w := range 4 {
		var l float64
		for _, r := range h.runs {
			if h.weekOf(r.Start) == w {
				l = max(l, r.DistanceM)
			}
		}
		if l > 0 {
			weekLongest = append(weekLongest, l)
		}
	}
	if len(weekLongest) > 0 {
		s.usualLongM = median(weekLongest)
		s.set(SigUsualLongRun, s.usualLongM/1000, "km", "median of each of the last 4 weeks' longest run")
	}
	for _, r := range h.runs {
		s.totalM += r.DistanceM
	}
	s.firstRun = h.runs[0].Start

	// The usual week: the usual running days (training.UsualWeekDays, the
	// one rule the race taper and the class finder read too), each with its
	// median distance; the hardest day is the quality session.
	fastDay := map[time.Weekday]int{}
	var dated []training.DatedRun
	for _, r := range h.runsWithin(28) {
		if f, _ := hasFastSegment(r); f {
			fastDay[r.Start.In(h.loc).Weekday()]++
		}
		dated = append(dated, training.DatedRun{Start: r.Start, DistanceM: r.DistanceM})
	}
	days, dist := training.UsualWeekDays(dated, h.end, h.loc)
	for _, d := range days {
		s.weekPlan = append(s.weekPlan, plannedDay{Day: d, DistanceM: dist[d]})
		s.usualDays = append(s.usualDays, d)
	}
	if len(s.weekPlan) > 0 {
		best, bestScore := -1, -1.0
		for i, p := range s.weekPlan {
			score := float64(fastDay[p.Day])*100 + 0 // fast sessions first
			if score > bestScore || (score == bestScore && p.DistanceM < s.weekPlan[best].DistanceM && fastDay[p.Day] > 0) {
				best, bestScore = i, score
			}
		}
		if fastDay[s.weekPlan[best].Day] == 0 {
			// No fast sessions: the long run is the week's key session, and
			// no plan calls it a quality session.
			for i, p := range s.weekPlan {
				if p.DistanceM > s.weekPlan[best].DistanceM {
					best = i
				}
			}
			s.weekPlan[best].Long = true
		} else {
			s.weekPlan[best].Quality = true
		}
	}
}

func (h *history) routineSignals(s *sigs) {
	// The last 28 runs of the last 12 weeks.
	recent := h.runsWithin(84)
	if len(recent) > 28 {
		recent = recent[len(recent)-28:]
	}
	s.routeCounts = map[string]int{}
	s.routeNames = map[string]string{}
	s.routeLastRun = map[string]time.Time{}
	s.routeDistM = map[string]float64{}
	first := map[string]time.Time{}
	for _, r := range h.runs {
		if r.RouteKey == "" {
			continue
		}
		s.routeCounts[r.RouteKey]++
		if r.RouteName != "" {
			s.routeNames[r.RouteKey] = r.RouteName
		}
		if _, ok := first[r.RouteKey]; !ok {
			first[r.RouteKey] = r.Start
		}
		s.routeLastRun[r.RouteKey] = r.Start
		s.routeDistM[r.RouteKey] = r.DistanceM
	}
	if len(recent) >= 6 {
		keyed := 0
		count := map[string]int{}
		for _, r := range recent {
			if r.RouteKey != "" {
				keyed++
				count[r.RouteKey]++
			}
		}
		if keyed*2 >= len(recent) {
			s.routesKnown = true
			top, topN := "", 0
			for k, n := range count {
				if n > topN || (n == topN && k < top) {
					top, topN = k, n
				}
			}
			s.topRouteKey = top
			s.topRoute = s.routeNames[top]
			if s.topRoute == "" {
				s.topRoute = "your usual route"
			}
			s.set(SigRouteRepeat, float64(topN)/float64(keyed), "", "runs on the most run route among the last runs")
			s.set(SigTopRouteRuns, float64(topN), "runs", "on "+s.topRoute)
			s.set(SigRouteWindowRuns, float64(keyed), "runs", "last runs with a known route (at most 28, 12 weeks)")
			var novel, n8 int
			for _, r := range h.runsWithin(56) {
				if r.RouteKey == "" {
					continue
				}
				n8++
				if first[r.RouteKey].Equal(r.Start) {
					novel++
				}
			}
			if n8 > 0 {
				s.set(SigRouteNovelty, float64(novel)/float64(n8), "", "runs on a route never run before, last 8 weeks")
			}
		}
		// Distance regularity: share within ±10% of the median distance.
		var dist, hours []float64
		for _, r := range recent {
			dist = append(dist, r.DistanceM)
			t := r.Start.In(h.loc)
			hours = append(hours, float64(t.Hour())+float64(t.Minute())/60)
		}
		md := median(dist)
		mh := median(hours)
		s.usualHour = mh
		s.usualDistM = md
		var nd, nh int
		for i := range dist {
			if math.Abs(dist[i]-md) <= 0.1*md {
				nd++
			}
			if math.Abs(hours[i]-mh) <= 1 {
				nh++
			}
		}
		s.regularN, s.regularDist, s.regularTime = len(dist), nd, nh
		s.set(SigDistanceRegular, float64(nd)/float64(len(dist)), "", "last runs within ±10% of their median distance")
		if !clockless(recent) {
			s.set(SigTimeRegular, float64(nh)/float64(len(dist)), "", "last runs starting within an hour of their usual time")
		}
	}
	// Weekday regularity over the last 8 weeks: share of runs on the N most used weekdays.
	last8 := h.runsWithin(56)
	if len(last8) >= 6 {
		var perDay [7]int
		for _, r := range last8 {
			perDay[r.Start.In(h.loc).Weekday()]++
		}
		weeks := min(8, h.weeksOfHistory())
		n := int(math.Round(float64(len(last8)) / float64(weeks)))
		n = max(1, min(7, n))
		counts := perDay[:]
		sorted := slices.Clone(counts)
		slices.Sort(sorted)
		slices.Reverse(sorted)
		top := 0
		for _, c := range sorted[:n] {
			top += c
		}
		s.set(SigWeekdayRegular, float64(top)/float64(len(last8)), "", "runs on the usual weekdays, last 8 weeks")
	}
	// Intensity variety: share of runs with a fast segment in the last 4 weeks (or last 8 runs).
	iv := h.runsWithin(28)
	s.fastWindow = "in the last 4 weeks"
	if len(iv) < 4 {
		iv = h.runs[max(0, len(h.runs)-8):]
		s.fastWindow = "last runs"
	}
	var fast, known int
	for _, r := range iv {
		f, k := hasFastSegment(r)
		if h.isRace(r) {
			f, k = true, true
		}
		if k {
			known++
			if f {
				fast++
			}
		}
	}
	s.fastN, s.fastKnown = fast, known
	if known >= 3 {
		s.set(SigIntensityVariety, float64(fast)/float64(known), "", "runs with a segment ≥10% faster than their average pace, last 4 weeks")
	}
	// Cross-training share, last 8 weeks.
	cross, all := h.recentSessions(rekindle.Sport.IsCrossTraining)
	s.crossN, s.sessionN = cross, all
	if all > 0 {
		s.set(SigCrossShare, float64(cross)/float64(all), "", "sessions other than running, last 8 weeks")
	}
	// Last race, and the last big one (a short race after a marathon does
	// not replace the goal the marathon was).
	for i := len(h.runs) - 1; i >= 0; i-- {
		r := h.runs[i]
		if s.lastRace != nil && (s.lastRace.DistanceM >= bigRaceM || h.daysAgo(r.Start) > 7*bigRaceWeeks) {
			break
		}
		if !h.isRace(r) {
			continue
		}
		if s.lastRace == nil {
			s.lastRace = &r
			s.set(SigWeeksSinceRace, float64(h.daysAgo(r.Start))/7, "weeks", h.raceLabel(&r))
		}
		if r.DistanceM >= bigRaceM {
			// A race since of half its length or more (a 10 mile after
			// a half) replaced it; a 5K after a marathon did not.
			if s.lastRace.Start.Equal(r.Start) || s.lastRace.DistanceM < 0.5*r.DistanceM {
				s.lastBigRace = &r
			}
			break
		}
	}
}

// A big race is a half marathon or longer; a big race is looked for up to
// bigRaceWeeks back.
const (
	bigRaceM     = 20000
	bigRaceWeeks = 30
)

func (h *history) feelingSignals(s *sigs) {
	var recent, before, rpe []float64
	var alone, withInfo int
	for _, c := range h.checkIns {
		d := h.daysAgo(c.At)
		if c.Enjoyment > 0 {
			switch {
			case d < 21:
				recent = append(recent, float64(c.Enjoyment))
			case d < 84:
				before = append(before, float64(c.Enjoyment))
			}
		}
		if d < 21 && c.RPE >= 0 && !math.IsNaN(c.RPE) && c.RPE > 0 {
			rpe = append(rpe, c.RPE)
		}
		if d < 56 && c.Companions >= 0 {
			withInfo++
			if c.Companions == 0 {
				alone++
			}
		}
	}
	if len(recent) < 2 {
		// Too few lately: the last three check-ins of the last 6 weeks.
		recent = recent[:0]
		for i := len(h.checkIns) - 1; i >= 0 && len(recent) < 3; i-- {
			c := h.checkIns[i]
			if c.Enjoyment > 0 && h.daysAgo(c.At) < 42 {
				recent = append(recent, float64(c.Enjoyment))
			}
		}
	}
	if len(recent) >= 2 {
		s.set(SigEnjoyment, mean(recent), "1–5", "check-ins of the last 3 weeks")
		if len(before) >= 2 {
			s.set(SigEnjoymentBefore, mean(before), "1–5", "check-ins 3 to 12 weeks ago")
			s.set(SigEnjoymentChange, mean(recent)-mean(before), "1–5", "recent minus before")
		}
	}
	if len(rpe) >= 2 {
		s.set(SigRPE, mean(rpe), "0–10", "check-ins of the last 3 weeks")
	}
	s.aloneN, s.checkInN = alone, withInfo
	if withInfo >= 4 {
		s.set(SigAloneShare, float64(alone)/float64(withInfo), "", "check-ins of the last 8 weeks run alone")
	}
	// Spark checks: the latest of the last 8 weeks, and its change from the one before.
	var latest, prev *rekindle.SparkCheck
	for i := len(h.checks) - 1; i >= 0; i-- {
		c := &h.checks[i]
		if latest == nil {
			if h.daysAgo(c.At) < 56 {
				latest = c
				continue
			}
			break
		}
		if latest.At.Sub(c.At) >= 7*24*time.Hour {
			prev = c
			break
		}
	}
	if latest != nil {
		src := "spark check of " + latest.At.In(h.loc).Format("2006-01-02")
		s.set(SigExhaustion, latest.Exhaustion, "1–5", src)
		s.set(SigLostInterest, latest.LostInterest, "1–5", src)
		s.set(SigStagnation, latest.Stagnation, "1–5", src)
		if prev != nil {
			d := (latest.Exhaustion + latest.LostInterest + latest.Stagnation - prev.Exhaustion - prev.LostInterest - prev.Stagnation) / 3
			s.set(SigSparkCheckChange, d, "1–5", "mean change since the spark check of "+prev.At.In(h.loc).Format("2006-01-02"))
		}
	}
}

func (h *history) fitnessSignals(s *sigs) {
	if tr := h.in.Training; tr != nil && tr.VDOT > 0 {
		s.set(SigVDOT, tr.VDOT, "", "training")
		return
	}
	// Best VDOT from the best efforts of the last 180 days (efforts of 1 mile and more).
	var best float64
	for _, r := range h.runsWithin(180) {
		for _, e := range r.BestEfforts {
			if e.DistanceM < 1600 || e.ElapsedS < 210 {
				continue
			}
			best = max(best, training.VDOT(e.DistanceM, e.ElapsedS))
		}
	}
	if best >= 15 && best <= 90 {
		s.set(SigVDOT, best, "", "best efforts of the last 180 days (Daniels)")
	}
}

// clockless reports whether runs carry a day but no time of day: every one
// starts at exactly midnight UTC, as a log of dates alone imports (a
// running log typed by hand: "12/5/2021, 3 km, 19:59"). Such runs say
// nothing of when the runner starts, so no start hour is read from them:
// not "all of them started within an hour of 00:00" as a rut (held-out
// real-107 2022-07-03, a hand log's 3 km runs), nor "you usually start
// around 00:00" as advice. A real run starting on the second of midnight
// UTC is rare; every one of the last runs doing so is the log's form.
func clockless(runs []Session) bool {
	if len(runs) == 0 {
		return false
	}
	for _, r := range runs {
		t := r.Start.UTC()
		if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 {
			return false
		}
	}
	return true
}
