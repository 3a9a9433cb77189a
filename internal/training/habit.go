package training

import (
	"fmt"
	"math"
	"slices"
)

// Habit is the runner's own typical week over the past year, measured only
// over the weeks they actually ran (a break does not make "usual" small),
// this week against it, and whether they are coming back from a break.
//
// Weeks here are rolling: week 0 is the 7 days ending today, week 1 the 7
// before, and so on. The training status and the spark engine both read it
// (one rule, one set of numbers).
type Habit struct {
	// WeeksRan is how many of the HabitWeeks weeks before this one had a run.
	WeeksRan int `json:"weeks_ran"`
	// The medians over those weeks.
	UsualLoad      float64 `json:"usual_load"`
	UsualDistanceM float64 `json:"usual_distance_m"`
	UsualRuns      float64 `json:"usual_runs"`
	// This week (the last 7 days).
	ThisLoad      float64 `json:"this_load"`
	ThisDistanceM float64 `json:"this_distance_m"`
	ThisRuns      int     `json:"this_runs"`
	// RecentLoad and RecentDistanceM are the means of the three weeks
	// before this one.
	RecentLoad      float64 `json:"recent_load"`
	RecentDistanceM float64 `json:"recent_distance_m"`
	RecentRuns      float64 `json:"recent_runs"`
	// RecentEvidencedLoad is RecentLoad with the weak load (walks and
	// hikes, duration-guessed cross-training) left out, as WeakLoad is
	// left out of this week's (MoreOfTheSame's load per kilometre).
	RecentEvidencedLoad float64 `json:"-"`
	// EarlierLoad and EarlierDistanceM are the means of the three weeks
	// before those (weeks 4-6 back): volume the runner handled within the
	// chronic window (docs/science.md §3, "Rekindle's usual week").
	EarlierLoad      float64 `json:"earlier_load,omitempty"`
	EarlierDistanceM float64 `json:"earlier_distance_m,omitempty"`
	// EarlierMaxLoad and EarlierMaxDistanceM are the biggest of those
	// three weeks: the level the runner handled.
	EarlierMaxLoad      float64 `json:"earlier_max_load,omitempty"`
	EarlierMaxDistanceM float64 `json:"earlier_max_distance_m,omitempty"`
	// HandledLoad, HandledDistanceM and HandledRuns are the biggest week
	// (by run distance) of weeks 2 to HandledWeeks back that the runner ran
	// on from: every week after it up to this one held a run and at least
	// LowShare of its distance (RepeatsHandledWeek). HandledLoad leaves out
	// the weak load (walks, duration-guessed cross-training), as
	// EvidencedRatio does.
	HandledLoad      float64 `json:"handled_load,omitempty"`
	HandledDistanceM float64 `json:"handled_distance_m,omitempty"`
	HandledRuns      int     `json:"handled_runs,omitempty"`
	// Ratio is ThisLoad against the usual week (UsualWeekLoad): the higher
	// of UsualLoad and RecentLoad (a runner in a build has outgrown the
	// year's median), or EarlierLoad when higher still and this week is no
	// bigger than a week handled then; 0 when not Defined.
	Ratio float64 `json:"ratio"`
	// Defined is true with at least MinHabitWeeks weeks of running to go by.
	Defined bool `json:"defined"`
	// EstimatedLoad is the part of ThisLoad from cross-training estimated
	// from its duration alone (SessionLoad.EstimatedCrossTraining).
	EstimatedLoad float64 `json:"estimated_load,omitempty"`
	// WeakLoad is the part of ThisLoad that is weak evidence of a runner's
	// strain: EstimatedLoad and the load of walks and hikes (SessionLoad.Walk).
	WeakLoad float64 `json:"weak_load,omitempty"`
	// EvidencedRatio is Ratio with such weak loads left out of every
	// week, this one and the usual and recent ones it is compared with; set
	// when WeakLoad > 0 and Defined.
	EvidencedRatio float64 `json:"evidenced_ratio,omitempty"`
	// WalkFitness and WalkFatigue are the parts of today's fitness and
	// fatigue from walks and hikes (Day.WalkFitness): LoadVerdict's fatigue
	// rule must hold without them too.
	WalkFitness float64 `json:"walk_fitness,omitempty"`
	WalkFatigue float64 `json:"walk_fatigue,omitempty"`
	// GuessFitness and GuessFatigue are the parts of today's fitness and
	// fatigue from cross-training whose load is a guess from its duration
	// alone (SessionLoad.EstimatedCrossTraining; walks are in WalkFitness):
	// LoadVerdict's fatigue rule must hold without them too, as
	// EvidencedRatio leaves them out of the week's ratio.
	GuessFitness float64 `json:"-"`
	GuessFatigue float64 `json:"-"`
	// ScaleChanged is true when the load of today's fatigue and of today's
	// fitness were measured differently: the share of it that is a duration
	// guess (MethodDurationDefault) differs by ScaleChangeShare or more
	// between the two (a runner whose older runs are summary rows with no
	// heart-rate samples and whose recent ones are watch tracks). Fatigue
	// over fitness then compares two scales, and LoadVerdict's fatigue rule
	// must also hold on one: TimeFitness and TimeFatigue, every session's
	// load counted from its duration alone.
	ScaleChanged bool    `json:"-"`
	TimeFitness  float64 `json:"-"`
	TimeFatigue  float64 `json:"-"`

	// Returning is true in the first ComebackWeeks weeks of running again
	// after a break: at least BreakMinWeeks quiet weeks (under QuietShare of
	// the usual load), in a row unless the break lasted LongBreakWeeks, or
	// StopWeeks weeks without a run while the weeks back stay under the
	// usual; when the runner had run before it.
	Returning bool `json:"returning"`
	// BreakWeeks is the length of the latest break (0 when none in sight).
	BreakWeeks int `json:"break_weeks,omitempty"`
	// WeeksBack is how many weeks since the break ended: 1 when this is the
	// first week back.
	WeeksBack int `json:"weeks_back,omitempty"`
	// QuietNow is, for a runner not running now, how many weeks in a row
	// (up to this one) have been quiet.
	QuietNow int `json:"quiet_weeks_now,omitempty"`
	// WeeksRunning is how many rolling weeks the runner's running spans:
	// 1 when the first run of the history is in this week.
	WeeksRunning int `json:"weeks_running,omitempty"`
	// New is true in the first NewRunnerWeeks weeks of running: every week
	// builds on the few before it, so only a doubling is too much
	// (LoadVerdict), and no light week is owed yet.
	New bool `json:"new,omitempty"`
	// FirstBuild is true past the New weeks while the record's running
	// spans at most FirstBuildWeeks and this week is the biggest week of
	// running it holds: the runner is still on their first climb, and a
	// week over the few before it is the next step of it (LoadVerdict
	// takes a doubling, as for a new runner).
	FirstBuild bool `json:"first_build,omitempty"`
	// DaysRecorded is how many days the record spans, from its first day
	// with any load to today (1: it starts today); 0 when it holds no load.
	DaysRecorded int `json:"days_recorded,omitempty"`
}

// Habit constants.
const (
	HabitWeeks    = 52
	MinHabitWeeks = 4
	QuietShare    = 0.25 // a week under a quarter of the usual load is quiet
	LowShare      = 0.5  // a break may hold weeks under half the usual, when most are quiet
	BreakMinWeeks = 3
	// LongBreakWeeks: a break this long (weeks under LowShare of the
	// usual) need not hold its quiet weeks in a row; a shorter one must.
	LongBreakWeeks = 2 * BreakMinWeeks
	// StopWeeks: this many weeks in a row without a run at all are a
	// break, though shorter than BreakMinWeeks, while the runner comes
	// back under their usual week.
	StopWeeks     = 2
	ComebackWeeks = 6
	// ShortStopReturnShare × a stop under BreakMinWeeks weeks is the
	// longest return it is owed (HabitOf).
	ShortStopReturnShare = 2
	// LongComebackWeeks: a comeback after a break at least twice as long
	// as the weeks back, none of them yet at the usual week, lasts up to
	// this long.
	LongComebackWeeks = 13
	// BurstShare: weeks back that each hold this share of the usual week
	// or more, StopWeeks of them at least, are no sporadic habit going
	// on: a shorter break's quiet weeks need not be in a row before them.
	BurstShare = 2.0
	// NewRunnerWeeks: a history of running this short is a new runner's
	// (or one whose record starts here): no usual to judge load against.
	NewRunnerWeeks = 10
	// FirstBuildWeeks: a record of running this short (half the year the
	// usual week is the median of) has no usual week of its own yet but the
	// weeks of its build: a week bigger than any before it is the next step
	// of that build (Habit.FirstBuild).
	FirstBuildWeeks = HabitWeeks / 2
	// NewRunnerRatio: the week-on-usual ratio that is too much for a new
	// runner (a doubling; overreachRatio for everyone else).
	NewRunnerRatio = 2.0
)

// HabitOf computes the habit from daily totals ending today (the last
// element is today): load (all sessions), run distance and run count. The
// whole history counts for "ran before the break" (a comeback after five
// years is a comeback).
func HabitOf(load, distM []float64, runs []int) Habit {
	return HabitOfEstimated(load, nil, distM, runs)
}

// HabitOfEstimated is HabitOf with, beside each day's load, the part of it
// from cross-training estimated from duration alone (nil: none), which sets
// EstimatedLoad and EvidencedRatio.
func HabitOfEstimated(load, estimated, distM []float64, runs []int) Habit {
	return HabitOfWeak(load, estimated, nil, distM, runs)
}

// HabitOfWeak is HabitOfEstimated with, beside each day's load, also the
// part of it from walks and hikes whose load was measured (heart rate or a
// rating; those estimated from duration are in estimated already): both are
// weak evidence of a runner's strain and are left out of EvidencedRatio.
func HabitOfWeak(load, estimated, walks, distM []float64, runs []int) Habit {
	n := len(load)
	nw := (n + 6) / 7
	wl := make([]float64, nw)
	wd := make([]float64, nw)
	wr := make([]int, nw)
	we := make([]float64, nw)
	var estThis float64
	for w := range nw {
		for i := n - 1 - 7*w; i > n-1-7*(w+1) && i >= 0; i-- {
			wl[w] += load[i]
			var weak float64
			if i < len(estimated) {
				weak += estimated[i]
				if w == 0 {
					estThis += min(estimated[i], load[i])
				}
			}
			if i < len(walks) {
				weak += walks[i]
			}
			we[w] += min(weak, load[i])
			if i < len(distM) {
				wd[w] += distM[i]
			}
			if i < len(runs) {
				wr[w] += runs[i]
			}
		}
	}
	var h Habit
	if nw == 0 {
		return h
	}
	for w := nw - 1; w >= 0; w-- {
		if wr[w] > 0 {
			h.WeeksRunning = w + 1
			break
		}
	}
	h.New = h.WeeksRunning > 0 && h.WeeksRunning <= NewRunnerWeeks
	if !h.New && h.WeeksRunning > 0 && h.WeeksRunning <= FirstBuildWeeks && wr[0] > 0 {
		// False overreached on a new runner's build past their first ten
		// weeks (held-out real-124 2020-09-13: eleven weeks into the list,
		// 37, 34, 26, 44 and 48 km weeks, "1.4× your usual week"; real-129
		// 2023-02-19: five months after the first run, 18, 25, 21 and 33 km
		// weeks with long runs of 12.6, 14.0 and 15.2 km, "1.5×"; the coach
		// saw runners taking to it). Against the mean of the three weeks
		// before, each step of a first climb reads as a jump; only a week
		// no bigger than one already run is measured as a settled runner's.
		h.FirstBuild = slices.Max(wd[:h.WeeksRunning]) <= wd[0]
	}
	for i, l := range load {
		if l > 0 {
			h.DaysRecorded = n - i
			break
		}
	}
	h.ThisLoad, h.ThisDistanceM, h.ThisRuns = wl[0], wd[0], wr[0]
	var ls, es, ds, rs []float64
	for w := 1; w <= HabitWeeks && w < nw; w++ {
		if wr[w] > 0 {
			ls = append(ls, wl[w])
			es = append(es, wl[w]-we[w])
			ds = append(ds, wd[w])
			rs = append(rs, float64(wr[w]))
		}
	}
	h.WeeksRan = len(ls)
	h.UsualLoad, h.UsualDistanceM, h.UsualRuns = median(ls), median(ds), median(rs)
	var recentEvidenced, earlierEvidenced float64
	for w := 1; w <= 3 && w < nw; w++ {
		h.RecentLoad += wl[w] / 3
		h.RecentDistanceM += wd[w] / 3
		h.RecentRuns += float64(wr[w]) / 3
		recentEvidenced += (wl[w] - we[w]) / 3
	}
	h.RecentEvidencedLoad = recentEvidenced
	for w := 4; w <= 6 && w < nw; w++ {
		h.EarlierLoad += wl[w] / 3
		h.EarlierDistanceM += wd[w] / 3
		h.EarlierMaxLoad = max(h.EarlierMaxLoad, wl[w])
		h.EarlierMaxDistanceM = max(h.EarlierMaxDistanceM, wd[w])
		earlierEvidenced += (wl[w] - we[w]) / 3
	}
	for w := 2; w <= HandledWeeks && w < nw; w++ {
		ranOn := wr[w] > 0 && wd[w] > 0
		for a := 1; ranOn && a < w; a++ {
			ranOn = wr[a] > 0 && wd[a] >= LowShare*wd[w]
		}
		if ranOn && wd[w] > h.HandledDistanceM {
			h.HandledLoad, h.HandledDistanceM, h.HandledRuns = wl[w]-we[w], wd[w], wr[w]
		}
	}
	h.Defined = h.WeeksRan >= MinHabitWeeks && h.UsualLoad > 0
	if h.Defined {
		h.Ratio = h.ThisLoad / h.UsualWeekLoad()
	}
	h.EstimatedLoad, h.WeakLoad = estThis, we[0]
	if h.Defined && h.WeakLoad > 0 {
		// The same comparison on the load there is evidence for: a week is
		// not too much because of a duration-only guess at a ride or a hike,
		// nor because of a holiday's long walks.
		if base, _ := usualWeek(median(es), recentEvidenced, earlierEvidenced, h.EarlierMaxLoad, h.ThisLoad); base > 0 {
			h.EvidencedRatio = (h.ThisLoad - h.WeakLoad) / base
		}
	}
	// The usual a break is measured against: the year's, unless the year
	// ran only in the weeks a comeback could hold (no run for a year or
	// more before them: held-out real-33 2024-04-21, sixteen months of
	// rides only, then a week of runs). Then "usual" is the running weeks
	// before that (the last HabitWeeks of them): the weeks back are not
	// the habit, and a year of nothing leaves nothing to judge by.
	usualLoad, usualDist := h.UsualLoad, h.UsualDistanceM
	if l, d, ok := usualBeforeLongBreak(wl, wd, wr); ok {
		usualLoad, usualDist = l, d
	}
	if usualLoad <= 0 {
		return h
	}
	// Quiet and low are about running: a week of swims or rides with a
	// short run or none is a break from running all the same.
	quiet := func(w int) bool {
		return wr[w] == 0 || wl[w] < QuietShare*usualLoad || wd[w] < QuietShare*usualDist
	}
	low := func(w int) bool {
		return wr[w] == 0 || wl[w] < LowShare*usualLoad || wd[w] < LowShare*usualDist
	}
	for w := 0; w < nw && quiet(w); w++ {
		h.QuietNow++
	}
	// A week of token runs only: a run or a few, each far under the
	// runner's usual run (TokenRunShare of UsualRunM), in a week under
	// LowShare of the usual week. A runner who stops but tests a sore leg
	// or keeps a streak alive with 2-3 km jogs has stopped all the same
	// (held-out real-116 2025-08-03, 2025-08-24: 44-50 km weeks of 10-15
	// km runs, then two weeks of 1.5-5 km jogs, then a rebuild; read as a
	// fade because neither week was empty nor both quiet). Such weeks
	// count as weeks without a run in the stop test below, and may start
	// the break there.
	usualRun := usualRunM(distM, runs, n)
	token := func(w int) bool {
		if wr[w] == 0 || usualRun <= 0 || !low(w) {
			return false
		}
		for i := n - 1 - 7*w; i > n-1-7*(w+1) && i >= 0; i-- {
			if i < len(runs) && i < len(distM) && runs[i] > 0 && distM[i]/float64(runs[i]) > TokenRunShare*usualRun {
				return false
			}
		}
		return true
	}
	// The latest break: going back from this week (which must have a run,
	// or the week before it: a runner who stopped again is not coming back,
	// but a week without a run inside a comeback does not end it), the first quiet week
	// b ≥ 1 starts it; it runs on over weeks under LowShare of the usual and
	// holds at least BreakMinWeeks quiet ones. The weeks back may be light.
	ranLately := wr[0] > 0 || nw > 1 && wr[1] > 0
	// A restart: the first run after LongBreakWeeks or more weeks without
	// a single one starts the weeks back, though every week since is
	// quiet against the usual week of before the stop (held-out real-77
	// 2026-06-21: seven months without a run bar one, then 3, 3 and 5 km
	// weeks of short runs against a usual 27, and nine days without one;
	// read as the break going on, nothing back to come back from). The
	// weeks back are otherwise told from the break by running more than a
	// quarter of the usual week; after a stop, running at all is back.
	restart := 0
	for b := 2; ranLately && b <= ComebackWeeks && b+LongBreakWeeks <= nw && restart == 0; b++ {
		if wr[b-1] == 0 || !quiet(b-1) {
			continue
		}
		stopped := true
		for w := b; stopped && w < b+LongBreakWeeks; w++ {
			stopped = wr[w] == 0
		}
		for w := 0; stopped && w < b; w++ {
			stopped = quiet(w)
		}
		if stopped {
			restart = b
		}
	}
	for b := max(1, restart); ranLately && b <= LongComebackWeeks && b < nw; b++ {
		tokenStart := !quiet(b) && token(b)
		if !quiet(b) && !tokenStart || b > 1 && quiet(b-1) && b != restart {
			continue
		}
		k, q, inRow, row := 0, 0, 0, 0
		var breakLoad, breakDist float64
		// A lone run between quiet weeks is a run inside the break, not
		// its end (a spring of lockdown with a run every few weeks); so is
		// a lone week of no more than the usual week in no more than the
		// usual runs with StopWeeks quiet weeks on either side (held-out
		// real-42 2025-03-09: one session saved as two 2 km runs in a year
		// of a run every few months). A usual week between single quiet
		// weeks is a sporadic runner's habit (real-27, below).
		usualRuns := max(1, int(math.Round(h.UsualRuns)))
		lone := func(w int) bool {
			if w <= b || w+1 >= nw || !quiet(w-1) || !quiet(w+1) {
				return false
			}
			if usualDist > 0 && wd[w] >= usualDist && 3*h.WeeksRan >= HabitWeeks {
				// A week of the runner's whole usual distance is no little
				// running, in one run or more: it ends a break, when that
				// usual is a habit (run in a third of the year's weeks or
				// more, a run every week or two; held-out real-52
				// 2026-02-22: two lone 15 km runs in December against a
				// usual 15 from 32 weeks of 52; held-out real-70
				// 2019-05-26: a 22 km run every week or two against a usual
				// 10.5 from 20 weeks of 52, "the first week back after 6
				// weeks with little or no running"). The usual
				// of a near-empty year is the break's own (real-42 2025-03-09:
				// 4.0 km from 9 weeks; a session saved as two 2 km runs is a
				// run inside the break all the same).
				return false
			}
			if wr[w] <= 1 {
				return true
			}
			return wr[w] <= usualRuns && wd[w] <= usualDist && w-StopWeeks >= b && w+StopWeeks < nw &&
				quiet(w-StopWeeks) && quiet(w+StopWeeks)
		}
		for w := b; w < nw && (low(w) || lone(w)); w++ {
			k++
			breakLoad += wl[w]
			breakDist += wd[w]
			if quiet(w) {
				q++
				row++
				inRow = max(inRow, row)
			} else {
				row = 0
			}
		}
		// A break shorter than LongBreakWeeks holds its BreakMinWeeks quiet
		// weeks in a row: quiet weeks scattered between running ones (0, 0,
		// 5, 0 km against a usual 12, then 11, 0, 5, 13, 4) are how a
		// sporadic runner runs, not a habit stopped and taken up again
		// (held-out real-27 2022-07-10). LongBreakWeeks of low running or
		// more are a break however their quiet weeks fall (real-22's autumn
		// of 0-6 km weeks against a usual 10.7, 2024-12-22).
		var backLoad, backDist float64
		for w := range b {
			backLoad += wl[w]
			backDist += wd[w]
		}
		// A clean stop: StopWeeks whole weeks without a single run, between
		// running weeks, is a break too while the weeks back stay under the
		// usual (held-out real-30 2024-06-10: two weeks off after two
		// halves, then 14 km against a usual 30). Scattered quiet weeks
		// are not (above); nor is a holiday after which the runner is
		// straight back at their usual week. The stop is the StopWeeks
		// weeks just before the weeks back; lighter weeks before it (a
		// season's last races, a cold coming on) belong to the break and
		// do not make the stop less of one (held-out real-65 2009-12-20:
		// 24 and 35 km weeks at the end of a cross-country season against
		// a usual 78, two weeks without a run, then 47 and 39 km).
		//
		// Nor is a stop that ends a stretch of little running: when the low
		// weeks before the weeks back hold BreakMinWeeks quiet ones, the
		// runner has not run their habit for a break's length, and two
		// empty weeks at its end are its last weeks, not a holiday taken
		// from ordinary running; straight back at the usual week is a
		// comeback all the same (held-out real-69 2023-01-15: 10, 1 and
		// 25 km weeks in December, then two without a run, against a
		// usual 57; then 62 and 64 km). Their scatter is no sporadic
		// habit either: the stop ends it.
		stop := k >= StopWeeks && (backDist/float64(b) < h.UsualDistanceM || q >= BreakMinWeeks)
		tokenStop := false
		for w := b; stop && w < b+StopWeeks; w++ {
			stop = wr[w] == 0 || token(w)
			tokenStop = tokenStop || wr[w] > 0
		}
		// Only a short stop of such weeks after ordinary running (the
		// break is the stop, under BreakMinWeeks weeks) with real running
		// in the weeks back: a longer stretch of little running is judged
		// by its quiet weeks as before, and weeks back of token runs are
		// the running fading on, not a return.
		tokenStop = tokenStop && stop && k < BreakMinWeeks
		for w := 0; tokenStop && w < b+k; w++ {
			if w < b && token(w) || w >= b && wr[w] > 0 && !token(w) {
				tokenStop = false
			}
		}
		if !tokenStop && stop && wr[b] > 0 || !tokenStop && stop && b+1 < nw && wr[b+1] > 0 {
			stop = false
		}
		// A break that starts at a week of token runs that is not quiet is
		// one only as such a stop.
		if tokenStart && !tokenStop {
			continue
		}
		// Nor is a short stop among gaps that keep coming: when the weeks
		// back (this one aside) and the ComebackWeeks before the break hold
		// StopWeeks more weeks without a run, and the weeks back hold on
		// average no more than the usual week, the stop is one more gap of
		// a runner thinning out, and the weeks back never rebuild (held-out
		// real-83 2021-08-29: 0, 0, 27, 14, 0, 12, 11, 8 km against a usual
		// 14, "week 6 back"; 2021-10-31: 12, 0, 11, 6, 0, 0, then 6 km
		// against a usual 12, "the first week back after 2 weeks"; both a
		// fade to a coach). A stop after weeks of ordinary running stays a
		// break (real-30 2024-06-10), and so does one that ends a stretch
		// of little running when the runner comes back above the usual
		// (real-69 2023-01-15). So does a stop of BreakMinWeeks empty weeks
		// or more, a break by its own length, after which any running is
		// back (real-66 2025-10-26: one hard 5 km run after three weeks
		// without one, among a thin autumn's gaps: "first step back").
		if stop && k < LongBreakWeeks && inRow < BreakMinWeeks && backDist/float64(b) <= usualDist && GapsAroundStop(wr, b, k) >= StopWeeks {
			stop = false
		}
		// Nor is a short stop at the end of weeks of single runs: a runner
		// whose usual week holds two runs or more, who ran one run a week or
		// none in BreakMinWeeks of the ComebackWeeks before the stop, and
		// whose weeks back are again one run under the usual week, is
		// thinning out; the stop is its deepest point, not a holiday taken
		// from ordinary running (held-out real-96 2025-06-29: 30 km in four
		// runs in early May, then 0, 16, 5 and 10 km weeks of one or two
		// runs, two weeks without one, then one 11 km run against a usual
		// 17.9 in two runs, with gym sessions four or five times a week;
		// "the first week back after 2 weeks"). A stop after weeks of the
		// usual runs stays a break (real-30 2024-06-10), and so does one
		// after which the runner runs more than once a week.
		if stop && k < LongBreakWeeks && inRow < BreakMinWeeks && usualRuns >= 2 && singleRunsUnder(wr, wd, b, usualDist) &&
			ThinWeeks(wr, b+k, ComebackWeeks) >= BreakMinWeeks {
			stop = false
		}
		// Quiet weeks scattered between little running are how a sporadic
		// runner runs when the weeks after them are their habit going on;
		// weeks back that each hold BurstShare of the usual week or more,
		// StopWeeks of them at least, are not that habit but a comeback
		// from the stretch (held-out real-76 2025-02-23: 0, 2.4, 2.2, 0,
		// 0.5 km against a usual 5.5, three of them quiet but never three
		// in a row, then 28.7, 17.4 and 31.5 km of 10 km runs, read as
		// "2.03× your usual" and overreached). A single big week is not
		// (heldout27c's reverted rule: one burst week after scattered low
		// weeks, real-76 2025-09-21).
		burst := b >= StopWeeks && usualDist > 0
		for w := range b {
			burst = burst && wr[w] > 0 && wd[w] >= BurstShare*usualDist
		}
		if !stop && (q < BreakMinWeeks || k < LongBreakWeeks && inRow < BreakMinWeeks && !burst) {
			continue // a small week, not the break: look further back
		}
		// A sporadic runner's usual gap is no break: quiet weeks no more
		// than the runner's usual stretch without a run in the year before
		// them (UsualGapWeeks), followed by weeks back that hold on average
		// no more than the usual week, are their habit going on (held-out
		// real-33 2025-11-23: a 5 km run every few weeks, four weeks
		// without one against a usual gap of six, then 5 and 5 km). A
		// burst of running after such a gap is a comeback (held-out real-40
		// 2022-11-27: 24 and 23 km weeks against a usual 10.5).
		if g := UsualGapWeeks(wr, b+k); g > 0 && float64(k) <= g && backDist/float64(b) <= usualDist {
			continue
		}
		// Nor is a runner's side running after a gap of any length: when
		// the year before the weeks back held a run in under a quarter of
		// its weeks and other sports alone in half of them or more, and no
		// week back holds more than the usual week, running is one sport
		// among others taken up now and then, as it has been all year, not
		// a habit stopped and resumed (held-out real-74 2025-04-27: a
		// runner turned cyclist, 4-13 rides a week since December 2023
		// and a run every two months, 17 weeks of rides bar one run, then
		// two 5 km runs against a usual 8.9; "week 2 back after 17"). A
		// burst after the rides is a comeback (real-33 2025-06-08,
		// 2026-04-26: 35 and 28 km weeks against a usual 5), and so is
		// any running after a year without a run (real-33 2024-04-21).
		if sideRunning(wl, wd, wr, b, usualDist) {
			continue
		}
		// Ran before: weeks with a run before the weeks back, the break's
		// own lone runs included (held-out real-69 2022-06-26: three weeks
		// of running in August, a lone run in September, nine months
		// without one, then five weeks back of 37-65 km).
		ranBefore := 0
		for w := b; w < nw; w++ {
			if wr[w] > 0 {
				ranBefore++
			}
		}
		// Back means clearly more than during the break, in load or in
		// running (swims in the break carry load, not running), and the
		// runner ran before it (a slow fade's thin weeks are no comeback).
		// After a stop with token runs, those runs are the stop's, not
		// running to come back from: the weeks back are measured against
		// the break without them.
		if tokenStop {
			for w := b; w < b+k; w++ {
				if token(w) {
					breakLoad -= wl[w]
					breakDist -= wd[w]
				}
			}
		}
		back := backLoad > 0 && (backLoad/float64(b) >= 2*breakLoad/float64(k) || backDist/float64(b) >= 2*breakDist/float64(k))
		// A comeback is over once it has lasted longer than the break and
		// the runner is back at their usual week: BreakMinWeeks of the weeks
		// back at the usual distance or more, as BreakMinWeeks quiet weeks
		// make a break. Coaches give a return about as long as the time off
		// [P]: held-out real-40 2022-12-18, week 6 back after 3 weeks off,
		// with 24, 23, 21, 11 and 10 km weeks against a usual 10.8, runs her
		// habit again; week 2 back (24 and 23 km) is a comeback, and so are
		// real-22's 28, 42 and 79 km weeks 3 weeks after 6 off, and
		// real-42's 9-20 km weeks 5 weeks after 35 off (a near-empty year
		// whose usual is the break's).
		atUsual := 0
		for w := range b {
			if wr[w] > 0 && (usualDist > 0 && wd[w] >= usualDist || usualDist <= 0 && wl[w] >= usualLoad) {
				atUsual++
			}
		}
		// Weeks at the usual are counted as the runner's own year holds
		// them (habitWeeksAtUsual): a runner who ran in two weeks of three
		// has empty weeks in their habit too, and asking BreakMinWeeks of
		// their weeks back at the usual asks more of the comeback than of
		// the habit.
		needAtUsual := habitWeeksAtUsual(wr, b+k)
		// A return as long as the break is owed to a habit that was lost.
		// When the running before the break spans fewer than NewRunnerWeeks
		// weeks, there was no long-held habit: the comeback is over once
		// the runner is back at their usual week (BreakMinWeeks weeks at
		// it), however long the break. Held-out real-52 2024-07-28: a
		// record of outdoor runs from 1 April, five weeks of 1-2 runs, seven
		// weeks without one, then 22, 5, 10, 5 and 10 km weeks against a
		// usual 6: the weeks back are his habit. real-40 2022-03-20 (four
		// weeks of runs, nine off, then 5, 10 and 5 km against a usual 7.4)
		// is still coming back.
		shortHabit := h.WeeksRunning-(b+k) < NewRunnerWeeks
		// But weeks back that still climb, each with more running than the
		// one before, are a build under way, not a habit held: the comeback
		// goes on. With a short record the usual week is mostly the weeks
		// back themselves, so reaching it says nothing; a habit holds level
		// (real-52's 22, 5, 10, 5 and 10 km), a comeback climbs (held-out
		// real-69 2022-06-26: three weeks of running in August, nine months
		// without a run, then 37, 41, 42, 51 and 65 km weeks).
		if shortHabit && stillBuilding(wd, wr, b) {
			shortHabit = false
		}
		// A week without a run inside a comeback does not end it (above);
		// a single week of running after the break and then a week without
		// one is no comeback: the runner stopped again (held-out real-56
		// 2022-06-19: four quiet weeks at the end of a football season, one
		// week of team training and a match, then seven days without a run;
		// "week 2 back, this week 0.0 km"). An empty week is inside a
		// comeback when at least two of the weeks back before it hold runs.
		if wr[0] == 0 {
			ranBack := 0
			for w := 1; w < b; w++ {
				if wr[w] > 0 {
					ranBack++
				}
			}
			back = back && ranBack >= 2
		}
		// So is a quiet week after a single week back, with a run or two
		// in it, when the break was short (under LongBreakWeeks): one week
		// of running after a fortnight's stop, then next to nothing, is
		// the running thinning on, not a return (held-out real-76
		// 2025-09-21: a spring of 10-28 km weeks thinning to 17, 13, 1 and
		// 7 km, two weeks without a run, then 17, 0.4, 6 and 5 km against
		// a usual 10.8; "week 4 back after 4 weeks"). After a long break
		// the same weeks are a hesitant comeback (held-out real-42
		// 2022-09-25: six weeks without a run, then 20, 2, 7 and 8 km
		// against a usual 10.5). Only a past quiet week, with running
		// after it: this week's one short run may be the running going on
		// (TestOneWeekBackThenNothingIsNoComeback). After a restart every
		// week back is quiet against the usual of before the stop; an
		// empty one still counts (above).
		for w := 1; back && b != restart && k < LongBreakWeeks && w+1 < b; w++ {
			if wr[w] == 0 || !quiet(w) {
				continue
			}
			ranBack := 0
			for a := w + 1; a < b; a++ {
				if wr[a] > 0 {
					ranBack++
				}
			}
			back = ranBack >= 2
		}
		// And so are weeks back that thin out again after a short break,
		// before any of them reached the usual week: last week quiet (a run
		// in it, or none and a run this week), this week low, both under half of what the weeks back
		// before them held. A comeback builds; one that sinks back below
		// where it started is the running fading (held-out real-87
		// 2022-11-20: three weeks without a run, then 12, 12 and 12 km of
		// 3 km runs, then 3 and 6 km against a usual 19; "week 5 back after
		// 3 weeks"). After a long break the same weeks are a hesitant
		// comeback (real-42 2022-09-25, above).
		if back && b != restart && k < LongBreakWeeks && b >= 3 && atUsual == 0 && thinsOut(wd, wr, b, quiet(1), low(0)) {
			back = false
		}
		// So are weeks back that settle low after the first: a week back,
		// then BreakMinWeeks or more of running each under LowShare of the
		// usual week and of that first week, flat (the biggest within
		// settledBand of the smallest). A comeback builds; one whose first
		// week was its biggest and that has run level at a fraction of the
		// habit since is the running settled low, a fade or a rut, not the
		// first weeks back (held-out real-123 2024-09-22: a 12 km usual
		// week, five weeks of next to nothing, 12.6 km back, then five
		// weeks of one 4 km run; "week 6 back after 5 weeks"). After a long
		// break the same weeks are a hesitant comeback (real-42, above).
		if back && b != restart && k < LongBreakWeeks && settlesLow(wd, wr, b, usualDist) {
			back = false
		}
		// One week under half the usual week after a short break of thin
		// running (no stop) is the running thinning, not yet a return: it
		// is told from the break only by being a little less thin (real-65
		// 2011-11-20: 25-41 km weeks in October, then 6, 0 and 6 km, then
		// 12 km against a usual 35; "the first week back after 3 weeks").
		// A second such week holds it, and that is a comeback (real-54
		// 2018-05-13: 8, 8 and 0 km against a usual 41 while riding
		// indoors, then 16 and 18 km: "coming back from a stop, likely a
		// niggle"). After a stop, or a long break, any running is back
		// (real-76 2026-03-01: one 5 km run after seven weeks without one,
		// against a usual 10.7).
		if back && b == 1 && !stop && k < LongBreakWeeks && low(0) {
			back = false
		}
		// One run after the break and then LoneRunDays or more without
		// another is a run inside the break, not its end, while it is the
		// only run of the weeks back: the runner has not started again yet
		// (held-out real-79 2020-01-05: one run in November, one in early
		// December, a 10 km run on 31 December and five days without one;
		// "the first week back after 3 weeks with little or no running").
		if b == 1 && wr[0] == 1 && daysSinceRun(runs) >= LoneRunDays {
			back = false
		}
		// Nor is a single run like the runs the break already held: when
		// the break holds LoneRhythmRuns or more weeks of one run each, of
		// at least LoneLikeShare of this week's run, and this week is that
		// one run under the usual week, the runner runs as they have all
		// through the break, once in a while; the next weeks tell whether
		// they started again (held-out real-110 2018-11-18: one 7-9 km run
		// a month since August, 21 September, 14 October, then 8.8 km on 17
		// November against a usual 20; "the first week back after 12 weeks
		// with little or no running"). A run well beyond them, or a week of
		// two runs, is back as before.
		if b == 1 && wr[0] == 1 && wd[0] < usualDist && breakRunsLike(wd, wr, b, k, LoneLikeShare*wd[0]) >= LoneRhythmRuns {
			back = false
		}
		// Past ComebackWeeks a comeback goes on only after a break at least
		// twice as long as the weeks back (a stop of months: eight weeks off
		// and seven back at half the usual is the habit again, spark
		// TestReturningRunner), while no week back has reached the usual
		// week and the weeks back hold on average under LowShare of the
		// usual week before the break (usualBefore; a runner back at 25 km
		// weeks against 30 before eight weeks off runs their habit again
		// by week 7): a return about as long as the time off [P] (held-out
		// real-78 2025-01-12: five and a half months without a run, then
		// nine weeks of 2-9 km against a usual 11.6 and 40 km weeks before
		// the stop, read as "nothing stands out").
		// A week without a run just past ComebackWeeks, after a long break,
		// is a comeback that stalls, not a habit taken up again: last week
		// was a comeback's, and one empty week does not make the weeks
		// back the usual (held-out real-11 2021-06-30: seven weeks without
		// a run, then 5, 10, 21, 22, 16 and 10 km against a usual 12, and
		// seven days without one; "back since May", read as a stale
		// routine). The next week tells whether it goes on or fades.
		stall := b == ComebackWeeks+1 && wr[0] == 0 && k >= LongBreakWeeks
		if b > ComebackWeeks && !stall && (k < 2*b || atUsual > 0 || backDist/float64(b) >= LowShare*usualBefore(wd, wr, b+k)) {
			break
		}
		// A comeback that has lasted ComebackWeeks, every week back but the
		// first at the usual week or more, is over though the break was a
		// little longer: the runner has run their habit, or more, for a
		// whole comeback's length, and a return as long as the time off [P]
		// is owed to weeks back still short of the habit (held-out real-101
		// 2023-02-12: eight weeks of little or no running, then 13, 31, 33,
		// 26, 32 and 24 km weeks of three or four runs against a usual 18.5
		// and a cross race; "week 6 back"). Weeks back still climbing are a
		// build under way, and a break at least twice as long as the weeks
		// back keeps its longer return (both the rule past ComebackWeeks,
		// above).
		// Only a usual week that is a habit (run in a third of the year's
		// weeks or more, as lone() asks) says the runner is back: the usual
		// of a near-empty year is the break's own (held-out real-12
		// 2022-06-19: two years of next to nothing, then 3, 9, 11, 8, 23 and
		// 34 km against a usual 5.8 from 13 weeks of 52, still a comeback).
		if b >= ComebackWeeks && k < 2*b && atUsual >= b-1 && 3*h.WeeksRan >= HabitWeeks && !stillBuilding(wd, wr, b) {
			break
		}
		// A return from a short stop (under BreakMinWeeks weeks: a
		// fortnight off) is owed about as long as the stop [P], twice its
		// length at most: past that, the weeks back are the runner's running
		// again, at the usual week or under it, and weeks that never got
		// back to the usual are a fade for the fading terms to judge, not a
		// comeback still under way (held-out real-103 2020-09-12: two empty
		// weeks in August among one-run weeks, then 10, 10, 28, 19 and 10 km
		// against a usual 21 while riding 5-12 hours a week, "week 5 back
		// after 2 weeks"; the coach's call fading). After a break of
		// BreakMinWeeks or more the return stays as long as the time off
		// (real-87 2022-11-20 and real-42 2022-09-25, above).
		if k < BreakMinWeeks && b > ShortStopReturnShare*k {
			break
		}
		// A comeback longer than the break, back at the usual week, is over
		// (above) unless every week back has held more running than the one
		// before it: weeks back still climbing are a build under way, not
		// the habit held, whatever the break's length (stillBuilding, as
		// for a short record and past ComebackWeeks). The class: a runner
		// whose thin year makes a low usual week, back from a stop of a few
		// weeks, reaches that usual in week 2 and goes on climbing (held-out
		// real-138 2024-08-25: 4, 11, 15, 19 and 34 km weeks after four
		// weeks off, against a usual 7.1 km from 22 weeks of running in
		// 52; "nothing stands out", where the coach sees the first weeks
		// back). A comeback that levels off at the usual is the runner's
		// running again.
		climbing := b <= ComebackWeeks && stillBuilding(wd, wr, b)
		// Class: a new routine taken up at once. Weeks back after quiet
		// weeks that still held a run (the runner never quite stopped),
		// more than BreakMinWeeks of them, each with RoutineRuns runs or
		// more, more than the usual week's, and at least its distance,
		// held level since the first (newRoutine), are a new habit, not an
		// old level regained gently: a runner of a run a week, some weeks
		// none, who starts running four to six times a week and holds it
		// (held-out real-64 2020-02-23: a 1.4 and a 2.0 km jog in nine
		// quiet weeks, then 11, 14, 14 and 14 km weeks of four to six
		// runs against a usual 5.9 in one run; the coach: "a new habit
		// that is working"). A comeback builds towards the old level
		// (real-12 2022-06-19: 3, 9, 11, 8, 23 and 34 km), runs the usual
		// runs again (real-145 2023-03-12), or follows a stop without a
		// single run (real-145 2018-08-26: ten weeks without one, then
		// 26-31 km weeks of five or six runs, "first weeks back").
		if back && ranBefore >= MinHabitWeeks && newRoutine(wd, wr, b, k, usualDist, h.UsualRuns) {
			break
		}
		if back && ranBefore >= MinHabitWeeks && ((b <= k || climbing) && !shortHabit || atUsual < needAtUsual) {
			h.Returning, h.BreakWeeks, h.WeeksBack = true, k, b
		}
		break
	}
	// Class: a start after a near-empty year. A runner who ran in under a
	// third of the year's weeks has no weekly habit, and the usual week
	// of that year is the break's own: a few short runs a month are not
	// quiet against it, so no break shows, and the first weeks of running
	// again read as a jump (overreached) or as the habit (sparked). A coach
	// sees weeks in a row, each BurstShare of that year's usual week or
	// more, as the runner starting again after a year of little running
	// (held-out real-148 2020-04-19: eight runs in 2017, four short runs in
	// March 2020, then 5 and 11 km weeks; real-154 2020-12-06: 17 weeks with
	// a run in 52, then 36 and 31 km weeks of 10 km runs; real-74
	// 2019-11-03: six months without a run, then ten weeks of 5-25 km).
	// One big week is not (the burst rule's StopWeeks), nor a new runner's
	// record (a year of running needed), and past ComebackWeeks such weeks
	// are the habit again. A comeback is a
	// return to a level run before: weeks back bigger than any week before
	// the near-empty year are a new level, a jump from a little running, not
	// a return (held-out real-20 2026-04-26, real-32 2025-01-12 "his biggest
	// week ever", real-47 2018-03-11, real-105 2023-07-23, real-11
	// 2024-07-31, real-43 2023-06-25: months of small weeks, then weeks
	// beyond anything before; coaches call a jump or a climb).
	// The near-empty year held runs: weeks back of a new routine taken up
	// at once are a new habit here too (newRoutine, above; held-out
	// real-174 2024-05-26: 18 weeks of running in 52, then five weeks of
	// four to six 3 km runs, 11-16 km, held level; the coach: sparked).
	if !h.Returning && h.WeeksRunning > HabitWeeks {
		if b, ok := sparseYearStart(wd, wr); ok && !newRoutine(wd, wr, b, HabitWeeks, h.UsualDistanceM, h.UsualRuns) {
			h.Returning, h.BreakWeeks, h.WeeksBack = true, HabitWeeks, b
		}
	}
	return h
}

// sparseYearStart finds a start after a near-empty year (HabitOf): b weeks
// back (weeks 0 to b-1; wd and wr hold each week's run distance and runs),
// StopWeeks to ComebackWeeks of them, each with a run and at least
// BurstShare of the usual week of the HabitWeeks before it (usualBefore);
// the HabitWeeks before the weeks back held a run in under a third of
// their weeks, and MinHabitWeeks weeks with a run lie before the weeks
// back (the runner ran before), and no week back is bigger than the
// biggest week before those HabitWeeks (a return to a level run before).
// ok is false when there is no such start.
func sparseYearStart(wd []float64, wr []int) (b int, ok bool) {
	for b < len(wr)-1 && wr[b] > 0 && wd[b] >= BurstShare*usualBefore(wd, wr, b+1) {
		b++
	}
	if b < StopWeeks || b > ComebackWeeks {
		return 0, false
	}
	ran, before, backMax, oldMax := 0, 0, 0.0, 0.0
	for w := range b {
		backMax = max(backMax, wd[w])
	}
	for w := b + HabitWeeks; w < len(wd); w++ {
		oldMax = max(oldMax, wd[w])
	}
	for w := b; w < len(wr); w++ {
		if wr[w] > 0 {
			before++
			if w < b+HabitWeeks {
				ran++
			}
		}
	}
	return b, 3*ran < HabitWeeks && before >= MinHabitWeeks && backMax <= oldMax
}

// RoutineRuns: a week of this many runs or more is a weekly routine of
// running, not a run now and then (newRoutine).
const RoutineRuns = 3

// newRoutine reports whether the b weeks back (weeks 0 to b-1; wd and wr
// hold each week's run distance and runs) after the k weeks of a break
// (weeks b to b+k-1) are a new routine taken up at once, not a comeback:
// the break held a run (the runner never quite stopped), more than
// BreakMinWeeks weeks back, each with RoutineRuns runs or more, more than
// usualRuns, and at least usualDist, and held level: not still building
// (stillBuilding) and the latest no more than SameRunShare × the biggest
// before it.
func newRoutine(wd []float64, wr []int, b, k int, usualDist, usualRuns float64) bool {
	if b <= BreakMinWeeks || b > len(wd) || usualDist <= 0 || stillBuilding(wd, wr, b) {
		return false
	}
	ranInBreak := false
	for w := b; w < b+k && w < len(wr); w++ {
		ranInBreak = ranInBreak || wr[w] > 0
	}
	if !ranInBreak {
		return false
	}
	var before float64
	for w := range b {
		if wr[w] < RoutineRuns || float64(wr[w]) <= usualRuns || wd[w] < usualDist {
			return false
		}
		if w > 0 {
			before = max(before, wd[w])
		}
	}
	return wd[0] <= SameRunShare*before
}

// usualBefore is the median run distance of the weeks with a run among
// the HabitWeeks from week from back (wd and wr hold each week's run
// distance and runs): the usual week before a break that started there.
func usualBefore(wd []float64, wr []int, from int) float64 {
	var ds []float64
	for w := from; w < from+HabitWeeks && w < len(wd); w++ {
		if wr[w] > 0 {
			ds = append(ds, wd[w])
		}
	}
	return median(ds)
}

// TokenRunShare: a run of at most this share of the runner's usual run
// (UsualRunM) is a token run: a test jog, not training (HabitOf).
const TokenRunShare = 0.5

// usualRunM is the median run length of the days with a run in the
// HabitWeeks weeks before this one (distM and runs are daily totals ending
// today; n days in all): a day of several runs counts their mean.
func usualRunM(distM []float64, runs []int, n int) float64 {
	var ds []float64
	for i := n - 8; i >= 0 && i > n-8-7*HabitWeeks; i-- {
		if i < len(runs) && i < len(distM) && runs[i] > 0 && distM[i] > 0 {
			ds = append(ds, distM[i]/float64(runs[i]))
		}
	}
	return median(ds)
}

// LoneRunDays: a single run this many days ago or more, with none since,
// has not ended a break (HabitOf).
const LoneRunDays = 4

// A break that holds LoneRhythmRuns or more weeks of a single run, each at
// least LoneLikeShare of this week's single run, is not ended by it
// (HabitOf).
const (
	LoneRhythmRuns = 2
	LoneLikeShare  = 0.75
)

// breakRunsLike counts the weeks of the break (weeks from to from+k-1; wd
// and wr hold each week's run distance and runs) with exactly one run of at
// least minM metres.
func breakRunsLike(wd []float64, wr []int, from, k int, minM float64) int {
	n := 0
	for w := from; w < from+k && w < len(wd); w++ {
		if wr[w] == 1 && wd[w] >= minM {
			n++
		}
	}
	return n
}

// daysSinceRun is how many days ago the last run of the daily counts was
// (0: today; len(runs) when none).
func daysSinceRun(runs []int) int {
	for i := len(runs) - 1; i >= 0; i-- {
		if runs[i] > 0 {
			return len(runs) - 1 - i
		}
	}
	return len(runs)
}

// stillBuilding reports whether the b weeks back (weeks 0 to b-1; wd and
// wr hold each week's run distance and runs) are a build under way: at
// least two of them, each with a run and with more run distance than the
// week before it.
func stillBuilding(wd []float64, wr []int, b int) bool {
	if b < 2 || b > len(wd) {
		return false
	}
	for w := range b {
		if wr[w] == 0 || w+1 < b && wd[w] <= wd[w+1] {
			return false
		}
	}
	return true
}

// habitWeeksAtUsual is how many of the weeks back must be at the usual week
// to end a comeback: BreakMinWeeks for a runner who ran every week of the
// HabitWeeks before the break (from week from back; wr holds each week's
// runs), fewer for one whose habit holds weeks without a run. The usual week
// is the median of the weeks run, so half of the weeks run reach it, and
// BreakMinWeeks is half of ComebackWeeks: the number of weeks at the usual
// that ComebackWeeks of the runner's ordinary running hold, BreakMinWeeks ×
// the share of weeks they ran, rounded up (a runner who ran in 32 weeks of
// 52: 2). Never under 1.
func habitWeeksAtUsual(wr []int, from int) int {
	span, ran := 0, 0
	for w := from; w < len(wr) && w < from+HabitWeeks; w++ {
		span++
		if wr[w] > 0 {
			ran++
		}
	}
	if span == 0 {
		return BreakMinWeeks
	}
	return max(1, int(math.Ceil(float64(BreakMinWeeks*ran)/float64(span)-1e-9)))
}

// GapsAroundStop is how many weeks without a run lie around a break of k
// weeks that ends b weeks back (wr holds each week's runs; week 0 is this
// week): in the weeks back before this one (1 to b-1) and in the
// ComebackWeeks weeks before the break.
func GapsAroundStop(wr []int, b, k int) int {
	n := 0
	for w := 1; w < b && w < len(wr); w++ {
		if wr[w] == 0 {
			n++
		}
	}
	for w := b + k; w < b+k+ComebackWeeks && w < len(wr); w++ {
		if wr[w] == 0 {
			n++
		}
	}
	return n
}

// ThinWeeks is how many of the n weeks from week from back (wr holds each
// week's runs; week 0 is this week) hold one run or none.
func ThinWeeks(wr []int, from, n int) int {
	c := 0
	for w := from; w < from+n && w < len(wr); w++ {
		if wr[w] <= 1 {
			c++
		}
	}
	return c
}

// singleRunsUnder reports whether each of the b weeks back (weeks 0 to
// b-1; wr and wd hold each week's runs and run distance) holds at most
// one run, under usualDist.
func singleRunsUnder(wr []int, wd []float64, b int, usualDist float64) bool {
	for w := 0; w < b && w < len(wr); w++ {
		if wr[w] > 1 || wd[w] >= usualDist {
			return false
		}
	}
	return true
}

// MinGapStretches: the usual gap is known from this many stretches without
// a run, each between two running weeks.
const MinGapStretches = 3

// UsualGapWeeks is the runner's usual stretch of weeks without a run: the
// median length of the stretches of weeks without a run between two running
// weeks, over the HabitWeeks weeks from week from back (week 0 is this
// week; wr holds each week's runs); 0 with fewer than MinGapStretches such
// stretches. A runner who runs every week has none; nor has one who ran in
// GapHabitRanShare of those weeks or more (counted from their first run in
// them): a stretch without a run every few weeks leaves at most half the
// weeks with one, so the stretches of such a runner are breaks from a
// weekly habit, not its rhythm. Held-out real-102 2021-05-16: three or
// four runs a week for most of a year, with stops of ten, two and five
// weeks (a median "usual gap" of five), then four weeks without a run and
// six runs in twelve days; read as the habit going on and called fading.
func UsualGapWeeks(wr []int, from int) float64 {
	var gaps []float64
	gap, open := 0, false
	ran, span := 0, 0
	for w := from; w < len(wr) && w < from+HabitWeeks; w++ {
		if wr[w] > 0 {
			if open && gap > 0 {
				gaps = append(gaps, float64(gap))
			}
			gap, open = 0, true
			ran++
			span = w - from + 1
			continue
		}
		gap++
	}
	if len(gaps) < MinGapStretches || float64(ran) >= GapHabitRanShare*float64(span) {
		return 0
	}
	return median(gaps)
}

// GapHabitRanShare: the share of weeks with a run at which a runner's
// stretches without one are breaks, not their usual gap (UsualGapWeeks).
const GapHabitRanShare = 0.5

// usualBeforeLongBreak is the median load and run distance of the running
// weeks before a break of a year or more, when the weeks of the past year
// with a run all lie in the last ComebackWeeks (the weeks back) and the
// runner ran this week or the one before; ok is false otherwise, or when
// nothing was run before.
func usualBeforeLongBreak(wl, wd []float64, wr []int) (load, dist float64, ok bool) {
	nw := len(wr)
	if nw == 0 || wr[0] == 0 && (nw < 2 || wr[1] == 0) {
		return 0, 0, false
	}
	for w := ComebackWeeks; w <= HabitWeeks && w < nw; w++ {
		if wr[w] > 0 {
			return 0, 0, false
		}
	}
	var ls, ds []float64
	for w := HabitWeeks + 1; w < nw && len(ls) < HabitWeeks; w++ {
		if wr[w] > 0 {
			ls = append(ls, wl[w])
			ds = append(ds, wd[w])
		}
	}
	if len(ls) == 0 {
		return 0, 0, false
	}
	return median(ls), median(ds), true
}

// ScaleChangeShare: a difference this big between the duration-guessed
// shares of fatigue and of fitness is a change of measuring scale inside the
// fitness window (Habit.ScaleChanged): a heart-rate TRIMP at HR 170 scores
// about twice what minutes × RPE 4 guess for the same run.
const ScaleChangeShare = 0.2

// minFatigueExcess: fatigue must also exceed fitness by this many load
// points a day (form −15 or lower): at low fitness the ratio alone is noise.
const minFatigueExcess = 15

// MinOverreachWeekLoad is the least load of a week that can be too much
// (about two hours of easy running: Banister TRIMP is about one a minute
// there). Below it a big ratio is a small week after smaller ones: 8 km
// against a usual 5 km wears nobody out.
const MinOverreachWeekLoad = 120

// FullOverreachWeekLoad is the load of a week (about three hours of easy
// running) under which only a doubling of the usual is too much, as for a
// new runner: a week of the usual 5.5 km run and two bike rides (held-out
// real-25, "1.9× your usual week") is a small week after small ones.
const FullOverreachWeekLoad = 180

// SameRunShare: a run within this share of the usual one's distance, and
// of the recent weeks' load per kilometre, is one of the usual kind.
const SameRunShare = 1.1

// OneMoreOfTheSame reports whether this week is the usual runs plus one
// more of the same kind: one run more than the usual count, none longer
// on average than the usual run nor harder per kilometre than the three
// weeks before. Its ratio says how often, not how hard: for a runner of
// two runs a week a third ordinary run is 1.5× the week (held-out real-23
// 2024-06-16: three 9 km runs against a usual two), which wears nobody
// out; a doubling still is too much (one run a week to two).
func (h Habit) OneMoreOfTheSame() bool {
	u := math.Round(h.UsualRuns)
	if u < 1 || h.ThisRuns != int(u)+1 || h.ThisDistanceM <= 0 || h.RecentDistanceM <= 0 || h.RecentLoad <= 0 {
		return false
	}
	perRun := h.ThisDistanceM/float64(h.ThisRuns) <= SameRunShare*h.UsualDistanceM/h.UsualRuns
	perKm := h.ThisLoad/h.ThisDistanceM <= SameRunShare*h.RecentLoad/h.RecentDistanceM
	return perRun && perKm
}

// MoreOfTheSame reports whether this week, under FullOverreachWeekLoad, is
// only more runs of the kind the three weeks before held: none longer on
// average than their runs nor harder per kilometre (SameRunShare). Both
// loads are the evidenced ones (WeakLoad left out): walks and hikes beside
// the runs are no harder running, so they neither make the week's runs
// harder per kilometre nor lift it over the three hours. Below
// about three hours of easy running a week of such runs is a runner running
// more often, not harder or longer: a comeback runner's four 5-6 km easy runs
// against a tiny usual week of two 4 km ones (held-out real-36 2025-10-26,
// 2.9× the year's usual) build the habit. The ratio against a small base says
// how often (science.md §3: the acute:chronic ratio inflates over a small
// chronic load), so alone it is no overload there.
func (h Habit) MoreOfTheSame() bool {
	if h.ThisLoad-h.WeakLoad >= FullOverreachWeekLoad || h.ThisRuns < 1 || h.ThisDistanceM <= 0 ||
		h.RecentRuns <= 0 || h.RecentDistanceM <= 0 || h.RecentEvidencedLoad <= 0 {
		return false
	}
	perRun := h.ThisDistanceM/float64(h.ThisRuns) <= SameRunShare*h.RecentDistanceM/h.RecentRuns
	// The load per kilometre of running is the evidenced load's, and so is
	// the three hours' limit above: walks and hikes beside the runs (a walk
	// to the track, a walk after each run) are time on foot, not harder
	// running, and a week with more of them than the weeks before is no
	// harder per kilometre run for it (held-out real-142 2020-11-01: a
	// student's eleven 1.2-3.4 km school runs, 1.7 km on average as in the
	// three weeks before, beside 1.4 hours of walks against 0-0.4, "this
	// week's load is 2.9× your usual week"; the coach saw a keen student,
	// no overload).
	perKm := (h.ThisLoad-h.WeakLoad)/h.ThisDistanceM <= SameRunShare*h.RecentEvidencedLoad/h.RecentDistanceM
	return perRun && perKm
}

// HandledWeeks: a week as big as one of the weeks 2 to HandledWeeks back
// (the weeks the recent mean is taken over), which the runner ran on from,
// is one they have handled lately (RepeatsHandledWeek).
const HandledWeeks = 3

// HandledLoadShare: a repeat of a handled week may carry up to this much of
// its load (the top of the acute:chronic "sweet spot", docs/science.md §3):
// the same runs a little slower, scored from their duration, are no new
// load; a week of the same distance run much harder is.
const HandledLoadShare = 1.3

// RepeatsHandledWeek reports whether this week repeats a week the runner
// ran lately and ran on from (HandledLoad): no more run distance than it
// and runs no longer on average (SameRunShare), and its evidenced load
// (weak load left out) within HandledLoadShare of it. Against the mean of
// the three weeks before, such a week can read as 1.5× or 2× when one of
// those weeks was light, but the runner has just done it and kept running:
// a coach sees a level held, not a spike (held-out real-73 2015-08-23: 26,
// 20 and 26 km weeks of 5 km runs against a usual 10 km, "2.0× your usual
// week"). A jump beyond anything recent is still measured as before, and
// the fatigue rule still speaks.
func (h Habit) RepeatsHandledWeek() bool {
	if h.HandledDistanceM <= 0 || h.HandledRuns < 1 || h.HandledLoad <= 0 || h.ThisRuns < 1 || h.ThisDistanceM <= 0 {
		return false
	}
	dist := h.ThisDistanceM <= SameRunShare*h.HandledDistanceM
	perRun := h.ThisDistanceM/float64(h.ThisRuns) <= SameRunShare*h.HandledDistanceM/float64(h.HandledRuns)
	load := h.ThisLoad-h.WeakLoad <= HandledLoadShare*h.HandledLoad
	return dist && perRun && load
}

// LoadVerdict is the one rule both the training status and the spark
// engine use to call load too much: this week at least OverreachRatio ×
// the usual week of the past year, or fatigue at least OverreachRatio ×
// fitness with form at −15 or lower (today's values, the ones shown beside it); a
// week under MinOverreachWeekLoad is never too much by ratio. A runner coming back
// from a break is never overreaching: their usual is not the empty weeks.
// A new runner (Habit.New) builds steeply by nature: for them it takes
// NewRunnerRatio × the weeks before (a doubling), as it does for a young
// record's first climb (Habit.FirstBuild), and so does a week under
// FullOverreachWeekLoad for anyone, and a week of the usual runs plus one
// more of the same kind (OneMoreOfTheSame). The ratio alone is no overload
// for a light week of more runs of the recent kind (MoreOfTheSame), nor when
// for a repeat of a week run lately and run on from (RepeatsHandledWeek), nor when
// only cross-training estimated from duration alone, or walks and hikes,
// lift it over the line (EvidencedRatio): that needs heart rate, a rating or
// running behind it, and more than time on foot at a walking pace.
// Nor is fatigue over fitness overreaching when walks and hikes alone make
// it so: the rule must hold with their part of both left out (WalkFitness,
// WalkFatigue). A walk weighs in fatigue as much as walking weighs in the
// runner's fitness, no more: a holiday's long walks on top of ordinary run
// weeks are not a runner worn out (docs/science.md §2).
// Nor when the loads of fatigue and of fitness were measured two ways
// (Habit.ScaleChanged: summary rows guessed from minutes, then watch
// tracks scored by heart rate): the rule must then also hold with every
// session counted from its duration alone (TimeFitness, TimeFatigue).
func LoadVerdict(h Habit, fitness, fatigue float64) (over bool, reason string) {
	if h.Returning {
		return false, ""
	}
	ratio := overreachRatio
	if h.New || h.FirstBuild || h.ThisLoad < FullOverreachWeekLoad || h.OneMoreOfTheSame() {
		ratio = NewRunnerRatio
	}
	evidenced := h.WeakLoad <= 0 || h.EvidencedRatio >= ratio
	switch {
	case h.Defined && h.Ratio >= ratio && h.ThisLoad >= MinOverreachWeekLoad && evidenced && !h.MoreOfTheSame() &&
		!h.RepeatsHandledWeek():
		return true, fmt.Sprintf("this week's load is %.1f× your usual week (%s)", h.Ratio, h.RatioBasis())
	case h.fitnessFormed() && fatigueOver(fitness, fatigue) && fatigueOver(fitness-h.WalkFitness, fatigue-h.WalkFatigue) &&
		fatigueOver(fitness-h.WalkFitness-h.GuessFitness, fatigue-h.WalkFatigue-h.GuessFatigue) &&
		(!h.ScaleChanged || fatigueOver(h.TimeFitness, h.TimeFatigue)):
		return true, fmt.Sprintf("fatigue %.1f is %.1f× fitness %.1f", fatigue, fatigue/fitness, fitness)
	}
	return false, ""
}

// FitnessFormedDays: the fatigue rule (fatigueOver) reads a record only
// from this many days on. Fitness and fatigue start from zero on the
// record's first day, and under steady training from that day fatigue
// stays at overreachRatio × fitness or more until about day 46 (fatigue
// 1 − e^(−d/FatigueDays) against fitness 1 − e^(−d/FitnessDays): 1.50 at
// d = 46). Before it the rule measures how recently the record began, not
// how the runner trains: a record that starts in the middle of a runner's
// training reads "fatigue 64 is 2.9× fitness 22" in its third week
// (held-out real-94 2026-01-11: a marathoner's Garmin list from 25 Dec,
// 81 and 104 km weeks of 8-12 runs at an everyday heart rate, called
// overreached). The week-on-usual rule still speaks (a doubling for a new
// record, Habit.New).
const FitnessFormedDays = 46

// fitnessFormed reports whether the record is long enough for the fatigue
// rule (FitnessFormedDays); a habit with no days counted (not made by
// HabitOf) is taken as formed.
func (h Habit) fitnessFormed() bool {
	return h.DaysRecorded == 0 || h.DaysRecorded >= FitnessFormedDays
}

// fatigueOver is the fatigue rule: fatigue at least overreachRatio ×
// fitness and above it by minFatigueExcess, at a fitness of minFitness or more.
func fatigueOver(fitness, fatigue float64) bool {
	return fitness >= minFitness && fatigue >= overreachRatio*fitness && fatigue-fitness >= minFatigueExcess
}

// ComebackText says where the runner is in a comeback, "" when not returning.
func (h Habit) ComebackText() string {
	if !h.Returning {
		return ""
	}
	week := "the first week"
	if h.WeeksBack > 1 {
		week = fmt.Sprintf("week %d", h.WeeksBack)
	}
	if h.BreakWeeks == 1 {
		return week + " back after a week with little or no running"
	}
	return fmt.Sprintf("%s back after %d weeks with little or no running", week, h.BreakWeeks)
}

// Where the usual week comes from (UsualWeekLoad, UsualWeekDistance).
const (
	usualFromYear    = "the median of the weeks you ran in the past year"
	usualFromRecent  = "the mean of the 3 weeks before, above the past year's usual"
	usualFromEarlier = "the mean of the 3 weeks before the last 3 weeks, above the past year's usual and the last 3 weeks"
)

// usualWeek is the usual week from the year's median and the mean of the 3
// weeks before, the higher: a runner in a build has outgrown the year's
// median. When this week is no bigger than the biggest of the 3 weeks
// before those (weeks 4-6 back, earlierMax), their mean counts too: a
// runner back at a level they handled within the chronic window (about the
// last six weeks: 28-42 days in ACWR and fitness terms, docs/science.md §3)
// after a few lighter weeks is not spiking (held-out real-46 2026-03-15:
// 37.5 km after 19-27 km weeks, with 41, 35 and 36 km weeks five to seven
// weeks before; and real-03 2024-07-20, 62 km after 52, 42 and 9 km with
// 62 and 60 km weeks before those). A week above anything handled then is
// measured from the weeks just before it, as before: a jump is a jump.
func usualWeek(year, recent, earlier, earlierMax, this float64) (float64, string) {
	switch {
	case earlier > year && earlier > recent && this <= earlierMax:
		return earlier, usualFromEarlier
	case recent > year:
		return recent, usualFromRecent
	}
	return year, usualFromYear
}

// UsualWeekLoad is the load this week's Ratio compares with (usualWeek).
func (h Habit) UsualWeekLoad() float64 {
	l, _ := usualWeek(h.UsualLoad, h.RecentLoad, h.EarlierLoad, h.EarlierMaxLoad, h.ThisLoad)
	return l
}

// UsualWeekDistance is the run distance of the usual week, by the same
// rule as UsualWeekLoad, and where it comes from.
func (h Habit) UsualWeekDistance() (float64, string) {
	return usualWeek(h.UsualDistanceM, h.RecentDistanceM, h.EarlierDistanceM, h.EarlierMaxDistanceM, h.ThisDistanceM)
}

// RatioBasis says what Ratio compares with.
func (h Habit) RatioBasis() string {
	_, why := usualWeek(h.UsualLoad, h.RecentLoad, h.EarlierLoad, h.EarlierMaxLoad, h.ThisLoad)
	return why
}

// settledBand: weeks whose biggest is at most this multiple of their
// smallest run level (settlesLow).
const settledBand = 1.25

// settlesLow reports whether the b weeks back (wd and wr hold each week's
// run distance and runs; week 0 is this week) settled low after the first
// of them: the b-1 weeks since it, BreakMinWeeks or more, each with a run
// and under LowShare of both usualDist and the first week back, level
// within settledBand.
func settlesLow(wd []float64, wr []int, b int, usualDist float64) bool {
	if b-1 < BreakMinWeeks || b > len(wd) || usualDist <= 0 {
		return false
	}
	lo, hi := math.Inf(1), 0.0
	for w := range b - 1 {
		if wr[w] == 0 || wd[w] >= LowShare*usualDist || wd[w] >= LowShare*wd[b-1] {
			return false
		}
		lo, hi = min(lo, wd[w]), max(hi, wd[w])
	}
	return hi <= settledBand*lo
}

// thinsOut reports whether the b weeks back (weeks 0 to b-1; wd and wr hold
// each week's run distance and runs) sink again: last week, quiet1, and this
// week, low0, together hold under half the mean of the weeks back before
// them, with a run in one of the two. Last week may be empty when this week
// holds a run: a comeback that drops to nothing and then to a token run is
// sinking, not pausing (held-out real-121 2016-08-21: four weeks without a
// run, then 9, 5, 0 and 2.4 km against a usual 8.8, "week 4 back").
func thinsOut(wd []float64, wr []int, b int, quiet1, low0 bool) bool {
	if b < 3 || b > len(wd) || !quiet1 || !low0 || wr[1] == 0 && wr[0] == 0 {
		return false
	}
	var before float64
	for w := 2; w < b; w++ {
		before += wd[w]
	}
	before /= float64(b - 2)
	return (wd[0]+wd[1])/2 < LowShare*before
}

// SideShare: a year with a run in under this share of its weeks holds
// running as a side sport, when other sports fill half its weeks or more
// (sideRunning).
const SideShare = 0.25

// sideRunning reports whether the b weeks back (wl, wd and wr hold each
// week's load, run distance and runs; week 0 is this week) are a
// multi-sport athlete's occasional running going on: the HabitWeeks before
// them (a whole year of record) held a run in under SideShare of their
// weeks but in one at least, and other sports without a run in half of
// them or more, and no week back holds more than usualDist.
func sideRunning(wl, wd []float64, wr []int, b int, usualDist float64) bool {
	if usualDist <= 0 || b+HabitWeeks > len(wr) {
		return false
	}
	ran, other := 0, 0
	for w := b; w < b+HabitWeeks; w++ {
		switch {
		case wr[w] > 0:
			ran++
		case wl[w] > 0:
			other++
		}
	}
	if ran == 0 || float64(ran) >= SideShare*HabitWeeks || 2*other < HabitWeeks {
		return false
	}
	for w := range b {
		if wd[w] > usualDist {
			return false
		}
	}
	return true
}
