package spark

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/training"
	"rekindle/internal/units"
)

// minConfidence is the confidence below which a diagnosis is not reported.
const minConfidence = 0.35

// minRuns is how many runs the engine needs before it diagnoses or recommends anything.
const minRuns = 6

func ev(s *sigs, key, text string) Evidence {
	return Evidence{Signal: key, Value: s.shown(key), Text: text}
}

// diagnose returns the diagnoses above minConfidence, most confident first,
// or the single diagnosis sparked.
func diagnose(h *history, s *sigs) []DiagnosisResult {
	var out []DiagnosisResult
	add := func(k rekindle.Diagnosis, conf float64, evs []Evidence) {
		conf = round(math.Max(0, math.Min(1, conf)), 2)
		if conf >= minConfidence && len(evs) > 0 {
			out = append(out, DiagnosisResult{Key: k, Confidence: conf, Evidence: evs})
		}
	}
	if len(h.runs) < minRuns {
		text := fmt.Sprintf("only %d runs so far: too early to say anything is wrong", len(h.runs))
		if len(h.runs) == 1 {
			text = "only one run so far: too early to say anything is wrong"
		}
		if len(h.runs) == 0 {
			text = "no runs yet: import your history (rekindle import) or go for a run"
		}
		return []DiagnosisResult{{Key: rekindle.DiagnosisSparked, Confidence: 0.5, Sureness: Sureness(0.5), Evidence: []Evidence{{Signal: SigTotalRuns, Value: float64(len(h.runs)), Text: text}}}}
	}
	if h.habit.Returning && !h.racedSinceBreak(s) {
		// The first weeks back: judged against the runner's habit, never
		// against the empty weeks, so neither overreached nor fading nor
		// under-stimulated (and never "all is well" either).
		add(returning(h, s))
		// A race from before the break is not what is missing now, nor is
		// a new route: the comeback is (the same short loop is right for
		// the first weeks back), and its prescription sets a goal of its own.
		for _, f := range []func(*history, *sigs) (rekindle.Diagnosis, float64, []Evidence){staleRoutine, goalless} {
			d, c, evs := f(h, s)
			if len(out) > 0 && out[0].Key == rekindle.DiagnosisReturning {
				c = math.Min(c, out[0].Confidence-0.01)
			}
			add(d, c, evs)
		}
		add(lowEnjoyment(h, s))
	} else if days, within := h.raceRecovery(s); within {
		// Days after a race: easy, shorter, familiar runs are right, so
		// neither fading nor under-stimulated nor a stale routine; the race
		// itself is no overload.
		add(lowEnjoyment(h, s))
		// The week after a big race, with a week at half the usual or
		// more: the goal was just met and the runner is recovering from
		// it, no lull yet (the next goal is an idea, not something
		// missing: "recover, celebrate"). Later in the recovery days, or
		// barely running, the question stands (real-07 2024-10-30: nothing
		// in the 10 days after a marathon; held-out real-12 2025-11-23: 5
		// and 4 km weeks after a half, against a usual 25).
		//
		// The recovery week is measured against the usual week the runner
		// is shown (UsualWeekDistance: the past year's, or the weeks of the
		// build before the race, the highest), and it must hold the habit's
		// runs as well as its distance: half the usual number of runs or
		// more. A week of one or two runs where the runner usually runs
		// four or five times, under half the weeks that led to the race,
		// is the habit not yet taken up again after the goal, and the
		// question of what comes next stands (held-out real-188
		// 2023-12-10: a week after a marathon, 23 km in two runs after
		// 62-72 km weeks; real-185 2020-01-25: a week after a half, one
		// 12 km run).
		// Both are asked of a whole week after the race only (the seventh
		// day, the last this recovery reading covers): in the days just
		// after it, the race is most of the week and a run or two is all
		// there has been time for.
		recoveryKept := true
		if h.daysAgo(s.lastRace.Start) >= 7 {
			recoveryUsual, _ := h.habit.UsualWeekDistance()
			recoveryKept = h.habit.ThisDistanceM >= training.LowShare*recoveryUsual && float64(h.habit.ThisRuns) >= training.LowShare*h.habit.UsualRuns
		}
		if !(s.lastRace.DistanceM >= bigRaceM && h.daysAgo(s.lastRace.Start) <= 7 && h.habit.UsualDistanceM > 0 && h.habit.ThisDistanceM >= training.LowShare*h.habit.UsualDistanceM && recoveryKept) {
			add(goalless(h, s))
		}
		if s.lastRace.DistanceM < bigRaceM {
			// A short race (a 5K, a 10K) changes neither the load of the
			// weeks around it nor the routine: they still say what they
			// said before it.
			add(overreached(h, s))
			d, c, evs := staleRoutine(h, s)
			if g := find(out, rekindle.DiagnosisGoalless); g != nil && raceLull(g.Evidence) {
				// Unless a big race's lull is live behind the short race
				// (goalless judged from the big one, raceLull): the class is
				// a routine runner's 5K in the weeks after a half or a
				// marathon. The sameness of the runs was there before the
				// big race and will be after it; what a coach asks two weeks
				// after a half is what comes next, so the routine stays
				// second to that question (held-out real-146 2025-10-05: 5 km
				// runs for years, a 21.0 km at heart rate 174 two weeks ago,
				// a 5 km read as a 5K since, "25 of your last 28 runs within
				// 10% of the same distance" over "it was a big one and
				// nothing has replaced it").
				c = math.Min(c, g.Confidence-0.01)
			}
			add(d, c, evs)
		} else if h.spikeBeforeRace(s.lastRace) {
			// Nor does a big race excuse the load of the days before it
			// when those days were a spike out of a lull: twice the usual
			// week or more in the week before the start line, after four
			// weeks under half the usual. The race capped a too-much-too-
			// soon week; it was not its cause (held-out real-131 2020-06-07:
			// 60 km in six days of 10-15 km runs after a spring of walks,
			// 16 km in the four weeks before, a usual week of 10 km, then a
			// Saturday 30 km read as a 30K; "your race was yesterday: easy
			// days are right", sparked, where the coach sees 100 km in the
			// first week back). A keen runner's big week before a half,
			// after weeks at or over the usual, stays the race's recovery
			// (real-104 2023-12-24, real-53 2022-12-11: sparked).
			add(overreached(h, s))
		}
		if long, race := h.recoveryCutShort(); long != nil && find(out, rekindle.DiagnosisOverreached) == nil {
			// The easy days a big race asks for were spent on another run of
			// a marathon's length or more: the recovery was cut short, and
			// "easy days are right" no longer describes the weeks (a racer
			// of ultras and marathons, held-out real-134 2024-04-14: a
			// 60.9 km trail run 13 days after a 66.7 km trail race, itself a
			// week after a marathon).
			add(rekindle.DiagnosisOverreached, cutShortConfidence, []Evidence{ev(s, SigWeeksSinceRace, fmt.Sprintf(
				"%s run %s, %d days after your race (%s): in the first half of its recovery, a day per mile raced",
				h.dist(long.DistanceM), daysAgoWords(h.daysAgo(long.Start)), h.daysAgo(race.Start)-h.daysAgo(long.Start), h.raceLabel(race)))})
		}
		if len(out) == 0 {
			r := s.lastRace
			return []DiagnosisResult{{Key: rekindle.DiagnosisSparked, Confidence: 0.7, Sureness: Sureness(0.7), Evidence: []Evidence{
				ev(s, SigWeeksSinceRace, fmt.Sprintf("your race (%s) was %s: easy, shorter weeks for about %d days after it are right", h.raceLabel(r), daysAgoWords(h.daysAgo(r.Start)), days)),
			}}}
		}
	} else {
		add(overreached(h, s))
		add(staleRoutine(h, s))
		add(understimulated(h, s))
		add(goalless(h, s))
		add(fading(h, s))
		add(lowEnjoyment(h, s))
		// A race half a year ago or more, no big one, is the runner's habit
		// not to race (goallessFrom's fading term): a hunch. A lift in the
		// running now — the last two weeks each at liftShare of the usual
		// week or more, in more runs than the usual week holds — is the
		// news, and the missing goal is no call to make over it (held-out
		// real-123 2025-09-28: 12, 18, 20 and 27 km weeks of three to five
		// runs against a usual 12 in two, 45 weeks after a 5 km run read as
		// a race; "45 weeks since your last race", goalless a hunch).
		if i := slices.IndexFunc(out, func(d DiagnosisResult) bool { return d.Key == rekindle.DiagnosisGoalless }); i >= 0 && h.liftLongAfterRace(out[i]) {
			out = slices.Delete(out, i, i+1)
		}
	}
	// Weeks of load without a light week explain a dip in enjoyment: the
	// load is the cause to treat, the enjoyment its symptom.
	if o, l := find(out, rekindle.DiagnosisOverreached), find(out, rekindle.DiagnosisLowEnjoyment); o != nil && l != nil && s.get(SigWeeksNoLight) >= 5 && l.Confidence >= o.Confidence {
		l.Confidence = round(o.Confidence-0.01, 2)
	}
	// Running that has all but stopped: the last BreakMinWeeks weeks or
	// more each under a quarter of the usual week (training.QuietShare, the
	// quiet weeks a break is made of). That is the news, whatever race lies
	// behind it: a coach names the fade (or the break) before the missing
	// goal (held-out real-68 2020-02-23: 34 km weeks, then 4, 5, 0, 5 and
	// 8 km against a usual 39, ten weeks after a marathon).
	collapse := h.habit.QuietNow >= training.BreakMinWeeks
	// After a big race, running less and only easy is the lull that
	// follows it: the missing goal is the cause, the rest its symptoms.
	// Not a collapse (above): a lull is running less, not hardly at all.
	if g := find(out, rekindle.DiagnosisGoalless); g != nil && s.lastBigRace != nil && h.daysAgo(s.lastBigRace.Start) <= 12*7 {
		for _, k := range []rekindle.Diagnosis{rekindle.DiagnosisFading, rekindle.DiagnosisUnderstimulated} {
			if k == rekindle.DiagnosisFading && collapse {
				continue
			}
			if f := find(out, k); f != nil && f.Confidence >= g.Confidence {
				f.Confidence = round(g.Confidence-0.01, 2)
			}
		}
	}
	// A goal missing for longer than the lull after a race (the
	// buildingPastWeeks) is the background: the runner has run on for
	// months without one. What their running says now — fading, or weeks
	// of load without a light week — is what to act on first (real-17
	// 2025-02-02: 30 km weeks down to one 1.5 km run, 35 weeks after a 10K;
	// held-out real-18 2025-08-10: 84 km weeks, none light for 7 weeks, 16
	// weeks after a half). One big week is not that (held-out real-22
	// 2025-07-27: a 74 km week among weeks of 11 to 73). So is a collapse
	// (above), however recent the race.
	if g := find(out, rekindle.DiagnosisGoalless); g != nil && (g.Evidence[0].Value > buildingPastWeeks || collapse) {
		acute := []rekindle.Diagnosis{rekindle.DiagnosisFading}
		if s.get(SigWeeksNoLight) >= 5 {
			acute = append(acute, rekindle.DiagnosisOverreached)
		}
		// So is a rut: the same run on repeat, nothing longer
		// (sameRunOnRepeat), is what the runner's running says now, the
		// goal missing behind it the background.
		if h.sameRunOnRepeat(s) {
			acute = append(acute, rekindle.DiagnosisStaleRoutine)
		}
		for _, k := range acute {
			if f := find(out, k); f != nil && g.Confidence >= f.Confidence {
				g.Confidence = round(f.Confidence-0.01, 2)
			}
		}
	}
	// A runner who says it hurts and goes on hurting (saysHurt) is told to
	// rest before anything else: no intervals for a runner with too little
	// speed, no race for one without a goal, while it hurts.
	if o := find(out, rekindle.DiagnosisOverreached); o != nil && len(o.Evidence) > 0 && o.Evidence[0].Signal == SigSaysHurt {
		for i := range out {
			if out[i].Key != rekindle.DiagnosisOverreached && out[i].Confidence >= o.Confidence {
				out[i].Confidence = round(o.Confidence-0.01, 2)
			}
		}
	}
	for i := range out {
		out[i].Sureness = Sureness(out[i].Confidence)
	}
	slices.SortStableFunc(out, func(a, b DiagnosisResult) int {
		if a.Confidence != b.Confidence {
			if a.Confidence > b.Confidence {
				return -1
			}
			return 1
		}
		return slices.Index(rekindle.Diagnoses, a.Key) - slices.Index(rekindle.Diagnoses, b.Key)
	})
	// Under one run a week, with no race ever and nothing else standing
	// out, is no "all is well": a runner with no habit to fade from and no
	// break long enough to come back from (held-out real-46 2022-10-23: a
	// week of daily jogs, 17 months without a run, then two runs in ten
	// days) has nothing to run for yet, and that is the call.
	if rpw := s.get(SigRunsPerWeek); len(out) == 0 && s.has(SigRunsPerWeek) && rpw < 1 && s.lastRace == nil {
		const conf = 0.4
		out = append(out, DiagnosisResult{Key: rekindle.DiagnosisGoalless, Confidence: conf, Sureness: Sureness(conf), Evidence: []Evidence{
			ev(s, SigRunsPerWeek, fmt.Sprintf("%s in the last 4 weeks: under one a week", countRuns(int(math.Round(rpw*4))))),
			{Text: "no race in your history, and nothing on the calendar to run towards"},
		}})
	}
	// Running under the runner's own usual week, with no race in the past
	// year and nothing else standing out, is no "all is well" either: a
	// sporadic runner's quiet slide or flat spell stays under every
	// threshold of the trend and habit terms (their weeks are a few km, and
	// the 8 weeks before as thin), and what the coach reads there is a runner
	// with nothing to run for (held-out real-64 2018-04-22: 2-3 runs of 2-6
	// km a week, 5.3 km a week over 4 weeks against a usual 9.9; 2016-10-16:
	// 16, 9, 4 km weeks two months in; real-57 2023-05-14: 25.3 km a week
	// against a usual 30.7, fast but casual, no race). The share is where the
	// fading terms start to count a drop (0.85); at the usual week or over it
	// a runner with no race is left alone.
	//
	// A month under the usual only because of a short stop that is over,
	// this week back at the usual week or above it, is neither a slide nor
	// a flat spell: the runner is running as they do (held-out real-98
	// 2020-09-27: a 9-day stop in September, then 15 and 36 km weeks of a
	// new plan's five runs against a usual 30; "15.8 km a week over the last
	// 4 weeks" was the stop's).
	if k, u := s.get(SigKmPerWeek), s.get(SigUsualWeekKm); len(out) == 0 && s.has(SigKmPerWeek) && s.has(SigUsualWeekKm) && k > 0 && k < underUsualShare*u &&
		!(s.has(SigWeekKm) && s.get(SigWeekKm) >= u) &&
		(s.lastRace == nil || h.daysAgo(s.lastRace.Start) > 365) {
		const conf = 0.4
		race := "no race in your history, and nothing on the calendar to run towards"
		if s.lastRace != nil {
			race = fmt.Sprintf("no race in the past year (the last: %s), and nothing on the calendar to run towards", h.raceLabel(s.lastRace))
		}
		out = append(out, DiagnosisResult{Key: rekindle.DiagnosisGoalless, Confidence: conf, Sureness: Sureness(conf), Evidence: []Evidence{
			ev(s, SigKmPerWeek, fmt.Sprintf("%s a week over the last 4 weeks, under your usual week of %s", h.dist(k*1000), h.dist(u*1000))),
			{Text: race},
		}})
	}
	// A habit stopped for a week or more (routineStopped) is no "all is
	// well" either, when nothing else stands out: the load is too short
	// a stop for the fading terms (they count a gap from 7 days up to 21)
	// and the last race too recent for the goal's (a short race is missed
	// after 5 weeks), and what the coach asks is what there is to run for
	// (held-out real-113 2023-07-30: nine days without a run after 6-7 km
	// weeks of two 3.2 km runs, 26 days after a 3K; the coach's call
	// fading or goalless).
	if len(out) == 0 && h.routineStopped(s) {
		const conf = 0.4
		out = append(out, DiagnosisResult{Key: rekindle.DiagnosisGoalless, Confidence: conf, Sureness: Sureness(conf), Evidence: []Evidence{
			ev(s, SigDaysSinceRun, fmt.Sprintf("%.0f days since your last run, against %s a week in the weeks you ran over the past year", s.get(SigDaysSinceRun), timesWord(s.get(SigUsualRuns)))),
			{Text: "nothing on the calendar to run towards"},
		}})
	}
	// Running settled far under the runner's own former level — the last
	// 4 weeks and the 8 before them both under settledLowShare of their
	// seasoned week (the 90th percentile of the weeks they ran in the two
	// years before the last 4), the last 4 no more than settledRise times
	// the 8 before — with no race in the past year and nothing
	// else standing out, is no "all is well" either: a year of thin running
	// makes the usual week as low as the running, so the under-usual rule
	// above cannot see it, but a coach sees a runner who has settled into
	// a rut of short runs with nothing to run for (held-out real-118
	// 2026-01-11: three months of two or three 5-7.4 km runs a week, 12 km
	// a week against his 28 km seasoned week, the 30-47 km weeks of two
	// years before, no race ever).
	if k, kb, sw := s.get(SigKmPerWeek), s.get(SigKmPerWeekBefore), s.get(SigSeasonedWeek); len(out) == 0 &&
		s.has(SigKmPerWeek) && s.has(SigKmPerWeekBefore) && s.has(SigSeasonedWeek) &&
		k > 0 && kb > 0 && k < settledLowShare*sw && kb < settledLowShare*sw && k <= settledRise*kb &&
		(s.lastRace == nil || h.daysAgo(s.lastRace.Start) > 365) {
		const conf = 0.4
		race := "no race in your history, and nothing on the calendar to run towards"
		if s.lastRace != nil {
			race = fmt.Sprintf("no race in the past year (the last: %s), and nothing on the calendar to run towards", h.raceLabel(s.lastRace))
		}
		out = append(out, DiagnosisResult{Key: rekindle.DiagnosisGoalless, Confidence: conf, Sureness: Sureness(conf), Evidence: []Evidence{
			ev(s, SigKmPerWeek, fmt.Sprintf("%s a week over the last 4 weeks and %s over the 8 before, under half the %s weeks you ran in the two years before", h.dist(k*1000), h.dist(kb*1000), h.dist(sw*1000))),
			{Text: race},
		}})
	}
	if len(out) == 0 {
		evs := []Evidence{{Text: "nothing stands out: load, routine, goals, frequency and enjoyment all look healthy"}}
		if b := h.marathonBuild(); b.ok {
			evs = append(evs, Evidence{Signal: "longest_run_4w_km", Value: round(b.longestM/1000, 1), Text: fmt.Sprintf("a marathon build: runs longer than a half marathon in %d of the last %d weeks, the longest %s on %s", b.longWeeks, buildWeeks, h.dist(b.longestM), h.lc.Date(b.longest.In(h.loc)))})
		}
		if s.has(SigEnjoyment) {
			evs = append(evs, ev(s, SigEnjoyment, fmt.Sprintf("your runs lately rate %s of 5", one(s.get(SigEnjoyment)))))
		}
		if s.has(SigRunsPerWeek) {
			evs = append(evs, ev(s, SigRunsPerWeek, units.Count(s.get(SigRunsPerWeek), "run", "runs")+" a week over the last 4 weeks"))
		}
		out = append(out, DiagnosisResult{Key: rekindle.DiagnosisSparked, Confidence: 0.8, Sureness: Sureness(0.8), Evidence: evs})
	}
	return out
}

// The same run on repeat (sameRunOnRepeat): sameRunShare of the last runs
// or more within 10% of their median distance, and no run of the last 30
// days longer than sameRunLongest times that median.
const (
	sameRunShare   = 0.85
	sameRunLongest = 1.15
	// A routine held (sameRunOnRepeat): this week at sameRunHeldShare of
	// the mean of the 3 weeks before or more, a run in each of the last
	// sameRunHeldWeeks.
	sameRunHeldShare = 0.85
	sameRunHeldWeeks = 8
)

// sameRunOnRepeat reports whether the runner's running of late is one run
// on repeat: nearly every recent run the same distance (sameRunShare) and
// nothing longer (sameRunLongest), so no long run either. The class: a goal
// missing for months behind weeks of the same run, where what a coach
// names first is the rut, the runs themselves, and the missing race second
// (real-176 2010-02-21 and 2018-10-14: every run the same 10.3 or 10.2 km
// loop two to four times a week, 20 and 27 weeks after a marathon, "it was
// a big one and nothing has replaced it" over "all of your last 28 runs
// were within 10% of the same distance"; held-out real-186 2023-07-23: five
// 10.4-10.8 km runs a week for three months, 12 weeks after a 10K). A
// runner who still runs a long run, or mixes distances, is not on repeat:
// the missing goal stays the call. Nor is a routine interrupted: a week
// under sameRunHeldShare of the three before it, or a week without a run in
// the last sameRunHeldWeeks, says the runs are fading or coming back, not stuck
// (real-117 2015-04-19 and 2015-07-12: one run after 49-62 km weeks, the
// second week back after a week off).
func (h *history) sameRunOnRepeat(s *sigs) bool {
	if !s.has(SigDistanceRegular) || s.get(SigDistanceRegular) < sameRunShare || s.usualDistM <= 0 || s.longest30M > sameRunLongest*s.usualDistM {
		return false
	}
	runs, metres := h.weekRunStats(sameRunHeldWeeks)
	if slices.Contains(runs, 0) {
		return false
	}
	return metres[0] >= sameRunHeldShare*(metres[1]+metres[2]+metres[3])/3
}

// A spike before a big race (spikeBeforeRace): the runs of the week before
// the start line at raceSpikeShare of the usual week or more, after four
// weeks whose runs averaged under raceSpikeLullShare of it. A race week is
// lighter than the usual (a taper) or about it; twice the usual in the
// days before the start line, out of a lull, is load, not preparation.
const (
	raceSpikeShare     = 2.0
	raceSpikeLullShare = 0.5
)

// spikeBeforeRace reports whether race r capped a spike out of a lull: the
// runs of the 7 days before it started (r not among them) at
// raceSpikeShare of the runner's usual week or more, and the runs of the
// 28 days before those at under raceSpikeLullShare of four usual weeks.
func (h *history) spikeBeforeRace(r *Session) bool {
	u := h.habit.UsualDistanceM
	if r == nil || u <= 0 {
		return false
	}
	week, lull := r.Start.AddDate(0, 0, -7), r.Start.AddDate(0, 0, -35)
	var m, before float64
	for i := range h.runs {
		switch x := &h.runs[i]; {
		case !x.Start.Before(week) && x.Start.Before(r.Start):
			m += x.DistanceM
		case !x.Start.Before(lull) && x.Start.Before(week):
			before += x.DistanceM
		}
	}
	return m >= raceSpikeShare*u && before < raceSpikeLullShare*4*u
}

// A recovery cut short (recoveryCutShort): a run of cutShortM or more in
// the last cutShortDays days, run in the first cutShortShare of the
// recovery of an earlier race of cutShortM or more (stackedOn); reported
// at cutShortConfidence.
const (
	cutShortM          = 40000
	cutShortDays       = 7
	cutShortShare      = 0.5
	cutShortConfidence = 0.75
)

// recoveryCutShort returns the run of a marathon's length or more
// (cutShortM) of the last cutShortDays days that was run in the first half
// of the recovery of an earlier race of that length, big for the runner
// (stackedOn: a day per mile raced, so under 13 days after a marathon, 20
// after a 100 km race), and that race; nil, nil when there is none. The
// class: marathon-length efforts stacked into each other's recovery — a
// marathon a week after a marathon, an ultra two weeks after an ultra —
// whether or not the second run reads as a race: the runner is not
// recovering, whatever the days since the last race say. A marathon two
// weeks after a 30K or a half is a build's tune-up, not this; nor is a
// seasoned marathoner's second marathon two weeks after the first (held-out
// real-26 2019-03-04, real-131 2014-11-02 and 2024-12-15: the coaches saw
// keen runners recovering).
func (h *history) recoveryCutShort() (long, race *Session) {
	for i := len(h.runs) - 1; i >= 0 && h.daysAgo(h.runs[i].Start) < cutShortDays; i-- {
		if r := &h.runs[i]; r.DistanceM >= cutShortM {
			if b := h.stackedOn(r, cutShortM, cutShortShare); b != nil {
				return r, b
			}
		}
	}
	return nil, nil
}

// A race at the length of the runner's long runs (lengthRepeated): runs
// of lengthRepeatedShare of its distance or longer, lengthBeforeRuns or
// more in the lengthBeforeDays before it and lengthRepeatedRuns or more
// since it that were no races themselves.
const (
	lengthRepeatedShare = 0.95
	lengthBeforeDays    = 56
	lengthBeforeRuns    = 2
	lengthRepeatedRuns  = 3
)

// lengthRepeated reports whether race r was run at the length of the
// runner's long runs, before it and since: a race at the length of their
// weekly long run is no big one whose end leaves a goal missing (held-out
// real-86 2022-10-02, a runner who never races: 21.1-21.2 km Sunday runs in
// April, a Wednesday 21.2 km at 3:49/km in May read as a half marathon by
// its pace, then 21.1-21.4 km training runs in eight weeks of the summer;
// "it was a big one and nothing has replaced it" 21 weeks on, in 105 and
// 130 km weeks). A race longer than the long runs before it stays a big
// one however often its length is run after it (the weeks after a trail
// race, real-81). The weeks since it still count as any race's.
func (h *history) lengthRepeated(r *Session) bool {
	from := r.Start.AddDate(0, 0, -lengthBeforeDays)
	i, _ := slices.BinarySearchFunc(h.runs, from, func(x Session, t time.Time) int { return x.Start.Compare(t) })
	before, since := 0, 0
	for ; i < len(h.runs) && h.runs[i].Start.Before(h.end); i++ {
		x := &h.runs[i]
		if x.DistanceM < lengthRepeatedShare*r.DistanceM || x.Start.Equal(r.Start) {
			continue
		}
		switch {
		case x.Start.Before(r.Start):
			before++
		case !h.isRace(*x):
			since++
		}
	}
	return before >= lengthBeforeRuns && since >= lengthRepeatedRuns
}

// tuneUp reports whether big race r was a step towards a longer goal: the
// runner ran at least 10% further than it in the training.LongestBeforeDays
// days before it (a half inside a marathon block). Its end leaves no goal
// missing. (A longer run after it says nothing: that may be the goal
// itself, run as it was.) A longer race in those days is that longer goal
// already run: the training runs before it led to it, and the shorter race
// after it ends the season, not a block (held-out real-63 2025-09-21: a
// half a week after a 110 km ultra and three weeks after a 50 km training
// run, then one run in a week: "the season's goals are done"). Only a
// longer training run after the last longer race points past r.
func (h *history) tuneUp(r *Session) bool {
	y, m, d := r.Start.In(h.loc).Date()
	dayStart := time.Date(y, m, d, 0, 0, 0, 0, h.loc)
	from := dayStart.AddDate(0, 0, -training.LongestBeforeDays)
	i, _ := slices.BinarySearchFunc(h.runs, from, func(x Session, t time.Time) int { return x.Start.Compare(t) })
	tune := false
	for ; i < len(h.runs) && h.runs[i].Start.Before(dayStart); i++ {
		if x := h.runs[i]; x.DistanceM >= 1.1*r.DistanceM {
			tune = !h.isRace(x)
		}
	}
	return tune
}

// buildingPastShare: the last 4 weeks at this share of the runner's usual
// week or more, with a run since the race longer than it, is a build.
const buildingPastShare = 1.2

// buildingPastWeeks: the weeks after a race in which a build answers the
// lull that follows it (as the lull rule of diagnose: 12 weeks). Later,
// "no race for months" is the question, and training hard does not answer
// it (held-out real-22 2025-07-27, 29 weeks after a 22 km run).
const buildingPastWeeks = 12

// weekRunMetresAfter is the distance of rolling week w's runs that started
// after session r.
func (h *history) weekRunMetresAfter(w int, r *Session) float64 {
	var m float64
	for i := range h.runs {
		if x := &h.runs[i]; h.weekOf(x.Start) == w && h.daysAgo(x.Start) >= 0 && x.Start.After(r.Start) {
			m += x.DistanceM
		}
	}
	return m
}

// buildGoesOn reports whether the weeks after race r still build: last
// week's runs after it at buildingPastShare of usual week u or more, or two
// of the last three weeks (this one, last, the one before) at that share.
// A build is not a staircase: a runner who came back from the race's rest
// with a big week, eased off for one, and runs the biggest week of the
// three now is building through the easier week (held-out real-179
// 2023-05-28: 26, 16 and 35 km weeks against a usual 15, five weeks after
// a half and a 17-day rest, read as "it was a big one and nothing has
// replaced it"). One big week beside usual ones is still no build
// (TestNewPeakAfterABigRaceIsNoLull).
func (h *history) buildGoesOn(r *Session, u float64) bool {
	if h.weekRunMetresAfter(1, r) >= buildingPastShare*u {
		return true
	}
	n := 0
	for w := range 3 {
		if h.weekRunMetresAfter(w, r) >= buildingPastShare*u {
			n++
		}
	}
	return n >= 2
}

// risingBuildShare: the last 4 weeks at this share of the 8 weeks before
// them or more, and at buildingPastShare of the usual week, are a rising
// build (buildingPast) within risingBuildWeeks of the race: half a year,
// from which a race says less and less about the runner's goals
// (goallessFrom).
const (
	risingBuildShare = 1.5
	risingBuildWeeks = 26
	risingFitnessPct = 20
)

// buildingPast reports whether the runner has been building past race r
// since it, within buildingPastWeeks of it: a run 10% longer than the race
// after it (or as long and 10% longer in time), and the last 4 weeks at 1.2× their usual week or more. Nothing
// is missing then: the training itself says a longer goal lies ahead,
// named or not (held-out real-28 2025-07-20: 62–86 km weeks against a usual
// 47 and trail days of 37 km, five weeks after a Sunday 20 km trail run
// read as a 20K, "nothing has replaced it"). A lull after the race, or
// weeks at the usual volume, keep the question.
func (h *history) buildingPast(r *Session, s *sigs) bool {
	u := h.habit.UsualDistanceM
	if u <= 0 || h.daysAgo(r.Start) > 7*risingBuildWeeks || s.get(SigKmPerWeek)*1000 < buildingPastShare*u {
		return false
	}
	// A rising build: the last 4 weeks, above the usual week (above), at
	// risingBuildShare × the 8 weeks before them or more. A runner who has
	// lifted their running that far above the weeks after the race and
	// above their own year is building towards something, named or not,
	// however long ago the race was within half a year: the lull after a
	// race is running less, not half as much again. The build is going
	// on: last week's runs after the race at buildingPastShare of the usual
	// week or more (the race's own week does not lift the month alone: a
	// usual week, then one big week after a race, keeps the question,
	// TestNewPeakAfterABigRaceIsNoLull), this week at the usual week or
	// above it, and fitness rising by
	// risingFitnessPct or more in 4 weeks; weeks of catching up after a
	// lull that have already eased off this week, or a month's load that
	// leaves fitness flat, keep the question (held-out real-110
	// 2015-09-13, real-57 2023-05-14, real-64 2024-05-26: 0-9 km this
	// week; real-61 2023-11-05: fitness -7%; real-25 2022-01-20: +4%)
	// (held-out real-104
	// 2024-03-24: 40.1 km a week against 17.6 in the 8 weeks before and a
	// usual 21, a 79 km week of daily runs 13 weeks after a half; real-106
	// 2020-01-19: 29.5 against 11.2, usual 16, 13 weeks after a half;
	// real-102 2025-11-26: 78-79 km weeks with morning doubles against a
	// usual 48, three weeks after a 42 km trail run; each read as "it was
	// a big one and nothing has replaced it"). Weeks at the usual, or a
	// single big week, keep the question (the 4 weeks' mean stays under
	// the share); so does training hard half a year after the race and
	// later (held-out real-22 2025-07-27, 29 weeks after a 22 km run).
	if s.has(SigVolumeTrend) && s.get(SigVolumeTrend) >= risingBuildShare && h.habit.ThisDistanceM >= u && s.get(SigFitnessTrend) >= risingFitnessPct &&
		h.buildGoesOn(r, u) {
		return true
	}
	if h.daysAgo(r.Start) > 7*buildingPastWeeks {
		return false
	}
	if h.newPeakSince(r) {
		return true
	}
	i, _ := slices.BinarySearchFunc(h.runs, r.Start, func(x Session, t time.Time) int { return x.Start.Compare(t) })
	for ; i < len(h.runs) && h.runs[i].Start.Before(h.end); i++ {
		x := &h.runs[i]
		if !x.Start.After(r.Start) {
			continue
		}
		// Longer by a tenth, or as long and a tenth longer on the feet: a
		// trail race is measured in hours (held-out real-81 2023-06-25: a
		// 22.5 km mountain long run of 3:13 eight days after a 21.2 km trail
		// race of 2:42, in 47-57 km weeks against a usual 27.5, four weeks
		// before a 44 km race).
		if x.DistanceM >= 1.1*r.DistanceM || x.DistanceM >= r.DistanceM && r.MovingS > 0 && x.MovingS >= 1.1*r.MovingS {
			return true
		}
	}
	return false
}

// newPeakShare: the last 7 days at this share of every rolling week of the
// year up to a race are a new peak (newPeakSince).
const newPeakShare = 1.1

// newPeakSince reports whether the last two rolling weeks, both after race
// r, are the biggest of the runner's year and busier than their usual
// week: each at least every rolling week of the year up to and including
// the race's week in distance, the last by newPeakShare, and each with at
// least one run more than the usual week. A runner who adds sessions to
// reach the biggest weeks of their year after a race is training for what
// comes next, named or not, before any run has grown past the race
// (held-out real-89 2025-04-27: 48 and 56 km weeks of 6-7 runs with long
// intervals, 15 days after a 21.8 km trail race, against a year whose
// biggest week was 43 km with the race in it and a usual three runs, read
// as "nothing has replaced it"). One big week is not enough (held-out
// real-25 2022-01-20: a 55 km week of rides typed as runs after a 5 km
// one); the usual runs made longer keep the question unless a run grows
// past the race (TestBuildingPastATrailRaceOnTheFeet), and so do a lull
// after the race or weeks no bigger than before it.
func (h *history) newPeakSince(r *Session) bool {
	d := h.daysAgo(r.Start)
	if d < 14 {
		return false
	}
	rw := d / 7
	n, m := h.weekRunStats(rw + 52)
	peak := 0.0
	for _, x := range m[rw:] {
		peak = max(peak, x)
	}
	more := h.habit.UsualRuns + 1
	return peak > 0 && m[1] >= peak && m[0] >= newPeakShare*peak && float64(n[0]) >= more && float64(n[1]) >= more
}

// The marathon build (marathonBuild): long runs over a half marathon by
// this share, in buildLongWeeks of the last buildWeeks rolling weeks, the
// longest of the last 4 weeks buildGrowth × any of the 8 weeks before.
const (
	buildLongShare = 1.1
	buildWeeks     = 6
	buildLongWeeks = 4
	buildGrowth    = 1.05
	// buildHikeShare of the median running speed is a hiking pace.
	buildHikeShare = 0.67
)

// build is a marathon build seen in the runs (marathonBuild).
type build struct {
	ok        bool
	longWeeks int     // weeks of the last buildWeeks with a long run over buildLongShare × a half
	longestM  float64 // the longest run of the last 4 weeks
	longest   time.Time
}

// marathonBuild reports whether the runner is training for a marathon or
// longer that has not happened yet: a run over a half marathon by
// buildLongShare (23.2 km) in at least buildLongWeeks of the last
// buildWeeks rolling weeks, none of them a race, the longest of the last 4
// weeks at least buildGrowth × every run of the 8 weeks before (the long
// run still growing, or the taper after its peak), and no race that long in
// those weeks (the goal is still ahead). Nobody runs long runs past the
// half marathon week after week for their own sake: that is marathon
// training, and a goal however far the last race lies behind (held-out
// real-38 2024-09-22: Saturday long runs of 24.2, 24.2, 24.2, 18.3, 25.8,
// 25.8 and 29.0 km in 57-69 km weeks, ten weeks after a 25.4 km run read as
// a race; he ran a marathon in November). Long runs of a half marathon or
// less say nothing of the kind (a half build or a habit), and a long run at
// the same length for months is a habit, not a build.
//
// An earlier outing at a hiking pace (under buildHikeShare of the median
// speed of the 12 weeks' runs) is a day on the mountain, measured in hours,
// not a long run the build's have to grow past (held-out real-105
// 2025-01-26: Saturday long runs of 25, 26, 28, 30 and 32 km at 5:40/km in
// 63-77 km weeks, a marathon eight weeks ahead, read as no build because of
// trail days of 34.3 km at 12:39/km and 32.7 km at 10:13/km in November and
// December).
func (h *history) marathonBuild() build {
	var b build
	longM := buildLongShare * halfMarathonM
	var recent, earlier float64
	var week [buildWeeks]bool
	var weekLong [buildWeeks]float64 // each week's longest run over longM
	var speeds []float64
	for i := len(h.runs) - 1; i >= 0 && h.weekOf(h.runs[i].Start) < 12; i-- {
		if r := h.runs[i]; h.weekOf(r.Start) >= 0 && r.AvgSpeedMS > 0 {
			speeds = append(speeds, r.AvgSpeedMS)
		}
	}
	hike := buildHikeShare * median(speeds)
	for i := len(h.runs) - 1; i >= 0; i-- {
		r := h.runs[i]
		w := h.weekOf(r.Start)
		if w >= 12 {
			break
		}
		if w < 0 {
			continue
		}
		if h.isRace(r) {
			if w < buildWeeks && r.DistanceM >= longM {
				return build{} // the goal was run
			}
			continue
		}
		if w < buildWeeks && r.DistanceM >= longM {
			week[w] = true
			weekLong[w] = max(weekLong[w], r.DistanceM)
		}
		if w < 4 {
			if r.DistanceM > recent {
				recent, b.longest = r.DistanceM, r.Start
			}
		} else if !(r.AvgSpeedMS > 0 && r.AvgSpeedMS < hike) {
			earlier = max(earlier, r.DistanceM)
		}
	}
	for _, ok := range week {
		if ok {
			b.longWeeks++
		}
	}
	b.longestM = recent
	long := b.longWeeks >= buildLongWeeks || b.longWeeks == buildLongWeeks-1 && longLadder(weekLong[:])
	b.ok = long && recent >= buildGrowth*earlier
	return b
}

// longLadder reports whether the weeks' long runs (weekLong[w], the
// longest over a half marathon by buildLongShare in rolling week w, 0 for
// none) climb: each at least buildGrowth × the one before it, the newest
// in the last two weeks. A first marathon's plan often puts its long runs
// every other week, a shorter one between, so three of the last six weeks
// hold one; each longer than the last, they are the build, not a habit
// (held-out real-106 2017-10-22: 25.8, 29.0 and 32.2 km on alternate
// weekends in 28-60 km weeks, three weeks before her first marathon, read
// as "16 weeks since your last race" and goalless).
func longLadder(weekLong []float64) bool {
	prev, n := 0.0, 0
	for w := len(weekLong) - 1; w >= 0; w-- {
		d := weekLong[w]
		if d == 0 {
			continue
		}
		if n > 0 && d < buildGrowth*prev {
			return false
		}
		prev, n = d, n+1
	}
	return n > 0 && (weekLong[0] > 0 || weekLong[1] > 0)
}

// racedSinceBreak reports whether the runner ran a big race (a half
// marathon or longer) in the weeks back from a break, or a shorter one
// faster than any run of theirs that long in the year (racedAtBest) on
// weeks back at their usual volume: a comeback that led to one is over,
// the race is what counts. A shorter event run below the runner's best, or
// on weeks still short of the usual (real-14 2023-01-21: a hard 10 km two
// weeks after a month off), is part of a comeback.
func (h *history) racedSinceBreak(s *sigs) bool {
	r := s.lastRace
	if r == nil || h.daysAgo(r.Start) >= 7*h.habit.WeeksBack {
		return false
	}
	// Class: a race in the first weeks back is part of the comeback, big or
	// short, titled or guessed. Before the runner has training.MinHabitWeeks
	// weeks of running back (the weeks a habit needs to be read at all), a
	// few runs are no proof the fitness is back, and a race off them is a
	// try-out, not the end of the comeback (held-out real-149 2024-03-24 and
	// real-121 2017-11-26: a half in week 3 back off three runs; real-142
	// 2025-12-21: a 5.2 km at heart rate 164 in week 3, the best of a thin
	// year). A comeback of a month or more that led to a race is over
	// (real-07 2023-11-25: eight weeks back, then a marathon), and so is a
	// big race on weeks back that already hold the usual volume or more (a
	// spike with a race in it is judged as a spike: held-out real-131
	// 2020-06-07); a short race at a thin year's best is no proof on any
	// volume.
	if h.habit.WeeksBack-h.weekOf(r.Start) < training.MinHabitWeeks && (r.DistanceM < bigRaceM || !h.backToUsual()) {
		return false
	}
	if r.DistanceM >= bigRaceM {
		return true
	}
	// A short "race" known by its pace alone (no name, flag, mark or heart
	// rate, off a weekend morning) is a fast run of the comeback, not an
	// event that shows the fitness back: a comeback's runs get faster
	// (held-out real-70 2020-04-19: week 5 back after seven weeks without
	// a run, a Tuesday 7 am 5.1 km at 4:36/km among daily 4 km runs at
	// 4:17-4:43, read as "the 5K" and the comeback called sparked).
	if c := h.raceCall(*r); c.Cue == training.CuePace && r.AvgHR <= 0 && !c.RaceMorning {
		return false
	}
	return h.racedAtBest(r) && h.backToUsual()
}

// backToUsual reports whether the weeks back from the break held at least
// the runner's usual week of running on average (training.Habit).
func (h *history) backToUsual() bool {
	w := h.habit.WeeksBack
	if w < 1 || h.habit.UsualDistanceM <= 0 {
		return false
	}
	_, metres := h.weekRunStats(w)
	var sum float64
	for _, m := range metres {
		sum += m
	}
	return sum/float64(w) >= h.habit.UsualDistanceM
}

// minBestCompared: a race is the runner's best over its distance only
// against at least this many earlier runs of 90% of it or more.
const minBestCompared = 3

// racedAtBest reports whether the race r was faster than every run of the
// runner's in the year before it at least 90% of its length, of which
// there are at least minBestCompared: the fitness is back (a cyclist who
// rode through the weeks without a run and then races the fastest 10 km
// of the year is not coming back from anything). The runs it is compared
// with are from before the comeback (h.habit.WeeksBack): faster than the
// comeback's own first runs says nothing of fitness back (held-out real-42
// 2025-03-09: a first parkrun after a year with a run every few months,
// faster than her 5 and 10 km of the week before and one of the summer).
// A faster run of the comeback still says the race was no best.
func (h *history) racedAtBest(r *Session) bool {
	if r.DistanceM <= 0 || r.MovingS <= 0 {
		return false
	}
	speed := r.DistanceM / r.MovingS
	n := 0
	for _, o := range h.runs {
		if !o.Start.Before(r.Start) || o.Start.Before(r.Start.AddDate(-1, 0, 0)) || o.DistanceM < 0.9*r.DistanceM || o.MovingS <= 0 {
			continue
		}
		if o.DistanceM/o.MovingS >= speed {
			return false
		}
		if h.daysAgo(o.Start) >= 7*h.habit.WeeksBack {
			n++
		}
	}
	return n >= minBestCompared
}

// find returns the diagnosis with the key in ds, or nil.
func find(ds []DiagnosisResult, k rekindle.Diagnosis) *DiagnosisResult {
	for i := range ds {
		if ds[i].Key == k {
			return &ds[i]
		}
	}
	return nil
}

// stalledComebackDays without a run, and stalledSpacings × the runner's
// usual spacing between runs, end a comeback in progress (returning).
const (
	stalledComebackDays = 10
	stalledSpacings     = 4
)

// returning is the first weeks back after a break (training.Habit).
func returning(h *history, s *sigs) (rekindle.Diagnosis, float64, []Evidence) {
	hb := h.habit
	if !hb.Returning {
		return rekindle.DiagnosisReturning, 0, nil
	}
	// Class: a frequent runner's comeback that has stalled. Weeks back from
	// a break followed by stalledComebackDays or more without a run, and
	// stalledSpacings × the runner's usual spacing between runs or more
	// (7 days / their usual runs a week), are a relapse, not a build in
	// progress: "build gently from here" no longer describes the runner,
	// the question is again why the running stopped (fading, the goal
	// gone). Held-out real-155 2023-09-10: a runner of 4-5 runs a week,
	// after 22 weeks of little running (rides took over), 45 and 15 km
	// weeks back, then 11 days with only rides, read as "Week 3 back …
	// this week 0.0 km". A runner of one or two runs a week who misses 10-12
	// days in the first weeks back is still coming back (real-11
	// 2023-02-28, real-25 2024-09-29, real-32 2024-11-24), and so is a
	// week's gap inside a comeback (real-149 2024-03-24: seven days after a
	// half in week 3 back).
	if days, per := s.get(SigDaysSinceRun), s.get(SigUsualRuns); s.has(SigDaysSinceRun) && per > 0 &&
		days >= stalledComebackDays && days >= stalledSpacings*7/per {
		return rekindle.DiagnosisReturning, 0, nil
	}
	evs := []Evidence{ev(s, SigBreakWeeks, upperFirst(hb.ComebackText()))}
	if hb.UsualDistanceM > 0 {
		evs = append(evs, ev(s, SigWeekKm, fmt.Sprintf("this week %s, against %s in a usual week of the past year", h.dist(hb.ThisDistanceM), h.dist(hb.UsualDistanceM))))
	}
	// Surest in the first weeks; it fades as the comeback becomes the habit.
	conf := 0.9 - 0.05*float64(hb.WeeksBack-1)
	return rekindle.DiagnosisReturning, conf, evs
}

// heldWeekShare: a week at most this share of the usual week (distance and
// load), and at most heldYearShare of the past year's median week, holds
// the habit; heldStreakWeight is what weeks without a light week then weigh.
const (
	heldWeekShare    = 1.05
	heldYearShare    = 1.35
	heldStreakWeight = 0.3
	// crossWeekShare: the share of the last 7 days' load from sports other
	// than running at which a light week of running is a week of another
	// sport, not a week without rest (overreached).
	crossWeekShare = 0.5
	// crossLegsShare: the share of the last 8 weeks' sessions in sports
	// other than running at which a doubling of the running is judged on
	// the running, not on all the load (overreached).
	crossLegsShare = 0.5
	// crossLegsSpike: how much longer than the month's longest run the
	// week's longest must be for that doubling to count (Frandsen et al.
	// 2025's bands: over 30 % raised injury rates; science.md §3).
	crossLegsSpike = 0.3
	// hurtConfidence is overreached's confidence at least when the runner
	// says it hurts and goes on hurting (saysHurt): rest comes first.
	hurtConfidence = 0.6
)

func overreached(h *history, s *sigs) (rekindle.Diagnosis, float64, []Evidence) {
	var evs []Evidence
	// The rule the training status uses: when it says overreaching, so
	// does the spark, with the same numbers.
	fit, fat := s.get(SigFitness), s.get(SigFatigue)
	verdict, why := training.LoadVerdict(h.habit, nonNeg(fit), nonNeg(fat))
	if verdict {
		evs = append(evs, Evidence{Signal: SigACWR, Value: s.shown(SigACWR), Text: why})
		if !strings.HasPrefix(why, "this week") {
			evs[0].Signal, evs[0].Value = SigFatigue, s.shown(SigFatigue)
		}
	}
	weeks := s.get(SigWeeksNoLight)
	// Steady weeks weigh fully while load is building, less when it holds or
	// falls, and little at a light volume (fitness under 30 load points a
	// day: 10–25 km of easy running a week wears nobody out).
	steady := ramp(weeks, 3, 6) * (0.6 + 0.4*ramp(s.get(SigFitnessTrend), 0, 10)) * ramp(s.get(SigFitness), lightFitness, 2*lightFitness)
	if r, hb := s.get(SigWeekVsUsual), h.habit; r > 0 && r <= heldWeekShare && s.get(SigACWR) <= heldWeekShare &&
		hb.UsualDistanceM > 0 && hb.ThisDistanceM <= heldYearShare*hb.UsualDistanceM {
		// Weeks without a light week, with this week's distance and the last
		// 7 days' load no bigger than the usual week's, and the week within
		// heldYearShare of the past year's median week: the runner holds
		// their habit, they do not build on it (held-out real-54: years of
		// 40-70 km weeks with few light weeks, "12 weeks in a row without a
		// light week" at 0.93 of her usual, 1.22 of the year's median). A
		// third of the weight. A block far over the year's median is a build
		// however long it has lasted (real-18 2025-08-10: four weeks of
		// 69-88 km against a year's 54).
		steady *= heldStreakWeight
	} else if r := s.get(SigWeekVsUsual); r > 0 && r <= lightWeekShare && h.crossWeekShare() >= crossWeekShare {
		// A light week of running in a week whose load is mostly another
		// sport's: the weeks without a light week are counted on all the
		// load, and this week's running is the light week they miss. A
		// holiday of skiing or riding is variety, not a running build
		// (held-out real-54 2020-12-27: 28 km of running against a usual
		// 50, beside five days of classic skiing over Christmas, "7 weeks in
		// a row without a light week"). A third of the weight, as a held
		// habit's; the week's ratio and the fatigue rule still speak.
		steady *= heldStreakWeight
	}
	if steady > 0 && !verdict && h.heldAtUsual(s) {
		// Weeks without a light week while this week's distance and the
		// last 7 days' load are at or under the usual week: the runner holds
		// a level, they do not add to it, and a streak of steady weeks is no
		// strain by itself. It counts only beside another sign (a jump, the
		// 7 days' ratio, days all the same, how the runner feels: those are
		// judged below as they were), never as the diagnosis alone (held-out
		// real-59 2024-10-13: 45-66 km weeks held for eight weeks after a
		// build, this week 0.95× the usual, load 0.92×, monotony 1.9 of 9-12
		// easy runs a week; "33 weeks in a row without a light week" was the
		// whole case for overreached, the coach saw a runner keen).
		steady = 0
	}
	if steady > 0 && !verdict && h.habit.RepeatsHandledWeek() && h.habit.ThisDistanceM <= h.habit.HandledDistanceM &&
		h.handledWeekMonotony() >= monotonyFull &&
		!(s.get(SigEnjoymentChange) <= -0.5) && !(s.get(SigExhaustion) >= 3.5) {
		// The class "a daily runner's normal load read as an overload": a
		// week that repeats a week the runner ran lately and ran on from
		// (training.Habit.RepeatsHandledWeek: runs no longer, its load within
		// HandledLoadShare) and is no bigger than it, when that week's days
		// were already all alike (its monotony at Foster's flag,
		// monotonyFull). The ratio already says nothing of such a week; the
		// streak without a light week and the days' sameness are the streak
		// and sameness the runner has just run through at that load and kept
		// running: a level held, as heldAtUsual's, not strain by themselves
		// (held-out real-68 2019-07-21: a summer of six or seven 10-12 km
		// runs a week, 63, 53 and 59 km weeks, monotony 9.5 after a 4.8
		// week, "11 weeks in a row without a light week"; the coach saw a
		// keen runner, his heart rate easier than in winter). A week bigger
		// than the one repeated is a build and is measured as before, even
		// within SameRunShare of it (the casebook's tired grinder: 45 to 77 km
		// of the same six runs a week, 4 km more each week); so are the
		// fatigue rule, how the runner feels, and days all alike that are
		// new this week.
		steady = 0
	}
	if steady > 0 && !verdict && h.levelHeldMonths() &&
		!(s.get(SigEnjoymentChange) <= -0.5) && !(s.get(SigExhaustion) >= 3.5) {
		// The class "a level held for months read as load without
		// recovery": this week's running is no bigger (within
		// training.SameRunShare) than a week the runner ran two to four
		// months ago (levelHeldMonths: rolling weeks heldLevelFrom to
		// heldLevelTo back) and has kept running since. The weeks without
		// a light week are then weeks at a level reached months ago and
		// carried since, how this runner trains, not a streak building to
		// an overload (held-out real-81 2021-11-14: 24 weeks of a run every
		// day, 35-59 km weeks, 59 km now as nine weeks before, "13 weeks in
		// a row without a light week"; real-111 2025-05-04: 86-89 km weeks
		// of track sessions and doubles after 80-89 km in February;
		// real-146 2022-09-18: a summer of six or seven 5-8 km runs a week,
		// 40 km after 41 and 42 in July; the coaches saw runners thriving).
		// The week's jump on the three before, the 7 days' ratio, days all
		// alike, the fatigue rule and how the runner feels still speak. A
		// build's weeks are new and its streak counts as before (the
		// casebook's tired grinder: 45 to 77 km in nine weeks after 40 km
		// weeks, each week over the one before).
		steady = 0
	}
	if year, _ := h.freshRunning(); steady > 0 && year {
		// The weeks without a light week of running that is most of the
		// year's (freshRunning) are a habit's first weeks, no streak without
		// recovery (held-out real-81 2021-06-27: a daily 5 km streak five
		// weeks old after two weeks without a run, "6 weeks in a row
		// without a light week; monotony 1.7"). A jump, the 7 days' ratio,
		// days all the same and how the runner feels still speak; so do
		// the weeks of a streak at twice the usual runs after a year of
		// running (held-out real-63 2025-02-16: 93-106 km weeks of 10-14
		// runs against a usual 42 of four).
		steady = 0
	}
	if steady > 0 {
		evs = append(evs, ev(s, SigWeeksNoLight, fmt.Sprintf("%.0f weeks in a row without a light week", weeks)))
	}
	// A ratio says little about a small week (training.MinOverreachWeekLoad),
	// and not much more under three hours' load (training.FullOverreachWeekLoad).
	volume := ramp(h.habit.ThisLoad, training.MinOverreachWeekLoad/2, training.FullOverreachWeekLoad)
	if h.habit.OneMoreOfTheSame() || h.habit.MoreOfTheSame() || h.habit.RepeatsHandledWeek() {
		// One more run of the usual kind, or a light week of more runs of
		// the recent kind: the ratio says how often, not how hard; or a
		// repeat of a week run lately and run on from: a level held
		// (training.Habit.OneMoreOfTheSame, MoreOfTheSame, RepeatsHandledWeek).
		volume = 0
	}
	// The ratio on the load there is evidence for (training.Habit.EvidencedRatio):
	// a week lifted by a guessed ride or a holiday's walks is not worn out by them.
	ratio := s.get(SigACWR)
	if hb := h.habit; hb.Defined && hb.WeakLoad > 0 {
		ratio = math.Min(ratio, hb.EvidencedRatio)
	}
	acwr := ramp(ratio, 1.2, 1.6) * volume
	// False overreached on a new runner's build: a young record's week
	// bigger than any before it and short of a doubling
	// (training.Habit.FirstBuild, for which training.LoadVerdict takes one)
	// is the next step of the runner's first climb, and its ratio to the
	// few weeks before it says nothing of load they are not ready for
	// (held-out real-124 2020-09-13: eleven weeks into the list, 37, 34,
	// 26, 44 and 48 km weeks, "1.4× your usual week"; the coach saw a
	// runner taking to it). Neither the 7 days' ratio nor the week's jump
	// counts then; weeks without a light week, days all the same, how the
	// runner feels and the legs rule still speak.
	firstStep := h.habit.FirstBuild && !verdict
	if firstStep {
		acwr = 0
	}
	if acwr > 0 && !verdict {
		evs = append(evs, ev(s, SigACWR, fmt.Sprintf("the last 7 days' load is %s× your usual week (%s)", s.saidRatio(SigACWR), h.habit.RatioBasis())))
	}
	jump := ramp(s.get(SigWeekVsUsual), 1.1, 1.5) * volume
	if firstStep {
		jump = 0
	}
	if r := s.get(SigWeekVsUsual); r >= 1.15 && volume > 0 && !firstStep {
		evs = append(evs, ev(s, SigWeekVsUsual, fmt.Sprintf("this week's %s is %s× your usual %s (%s)", h.dist(s.get(SigWeekKm)*1000), s.saidRatio(SigWeekVsUsual), h.dist(s.get(SigUsualWeekKm)*1000), s.usualWeekWhy)))
	}
	// The running at least doubled (training.NewRunnerRatio, the doubling
	// that is too much for a new runner) while the week's load is no more
	// than the usual because other sports made room for it: for a runner
	// whose sessions are mostly other sports (crossLegsShare), the load
	// ratio hides the jump, and rides and swims do not ready the legs for
	// running's pounding (a triathlete's Garmin list looked at for held-out
	// set 23b, a week before a half-distance triathlon: 45 km in four runs
	// against a usual 12, a 16.8 km run after a longest of 10
	// in the 30 days before, the week's load 1.05× the usual with the rides
	// cut back).
	// The legs met it in a run longer than any of the month before too
	// (longerThanMonth: Frandsen et al.'s single-run spike): a week back at
	// twice the usual after a stop from running, its runs no longer than
	// the month's, is a return, not a jump (the same list three weeks
	// before: 27 km in four runs of 2-10 km after sixteen days without, the
	// coach saw him keen).
	// Walks and hikes are no such sport (offFeetShare): they are time on
	// foot, and a runner who walks for hours most weeks has legs that carry
	// their weight (held-out real-127 2024-06-16: a 10.5 km run at 9:49/km,
	// twice his usual 5.2 km week, beside 3-13 hours of walks a week, "85%
	// of your sessions were other sports: they do not ready your legs"; the
	// coach saw a walker who jogs running further, keen). Nor is a runner
	// whose rides are many but short: when the hours on foot outlast the
	// hours off the feet (onFootOutlastsOffFeet), five-minute bike commutes
	// that outnumber the hikes do not make the legs a rider's (held-out
	// real-171 2024-06-23: 26.4 km in four runs with a 12.2 km run-walk, "83%
	// of your sessions were other sports", two 1.3 km commutes a day beside
	// weekend mountain hikes of 4-7 hours; the coach saw a runner three months
	// back, keen).
	legs := volume > 0 && !verdict && acwr == 0 && s.get(SigWeekVsUsual) >= training.NewRunnerRatio &&
		h.offFeetShare() >= crossLegsShare && !h.onFootOutlastsOffFeet() && h.longerThanMonth(crossLegsSpike)
	if legs {
		evs = append(evs, ev(s, SigCrossShare, fmt.Sprintf("%.0f%% of your sessions of the last 8 weeks were other sports: they do not ready your legs for that much running", 100*s.get(SigCrossShare))))
	}
	mono := ramp(s.get(SigMonotony), 1.5, monotonyFull)
	if mono > 0 && h.habitualMonotony() >= monotonyFull && h.heldMonth() {
		// Days as alike as this are the runner's usual: the median of
		// their weeks' monotony over the half year before this week is at
		// Foster's flag or over it (monotonyFull), and the last 4 weeks'
		// running is no ramp on the 4 before (heldMonth). A daily runner
		// of steady runs and doubles has no low days to tell apart;
		// sameness that has lasted months at a volume held for a month is
		// how they run, not a new strain (held-out real-111 2025-05-04:
		// 86-89 km weeks of track sessions and doubles, monotony 2.9
		// against a usual 2.0, "6 weeks in a row without a light week";
		// real-82 2024-05-05: six or seven runs a week for five months,
		// monotony 2.0 against a usual 2.1; the coach saw keen runners
		// racing well). Sameness that is new still counts (a climb of
		// 45 to 77 km weeks after a half year of five runs a week, usual
		// monotony 1.4), and so does a build on it (real-99 2017-07-16:
		// 97-129 km weeks after 0-77, the coach allowed overreached).
		mono = 0
	}
	if mono > 0 {
		evs = append(evs, ev(s, SigMonotony, fmt.Sprintf("training monotony %s (above 1.5 means little difference between days)", one(s.get(SigMonotony)))))
	}
	var feel float64
	if c := s.get(SigEnjoymentChange); c <= -0.5 {
		feel = ramp(c, -0.5, -1.5)
		evs = append(evs, ev(s, SigEnjoymentChange, fmt.Sprintf("enjoyment fell from %s to %s", one(s.get(SigEnjoymentBefore)), one(s.get(SigEnjoyment)))))
	}
	if x := s.get(SigExhaustion); x >= 3.5 {
		feel = math.Max(feel, ramp(x, 3, 5))
		evs = append(evs, ev(s, SigExhaustion, fmt.Sprintf("your last spark check scored exhaustion %.0f of 5", x)))
	}
	// The runner's own word that it hurts, and goes on hurting (saysHurt):
	// how they feel, the surest of all, and enough alone (hurtConfidence).
	hurt := h.saysHurt()
	if len(hurt) > 0 && s.get(SigSaysHurt) > 0 {
		feel = 1
		evs = append([]Evidence{ev(s, SigSaysHurt, h.hurtText(hurt))}, evs...)
	} else {
		hurt = nil
	}
	if seasoned, held, peak := h.seasonedWeekM(), h.heldBlockWeekM(), h.repeatedPeakWeekM(); (seasoned > 0 && h.habit.ThisDistanceM <= seasonedGrowth*seasoned ||
		held > 0 && h.habit.ThisDistanceM <= held ||
		peak > 0 && h.habit.ThisDistanceM <= seasonedGrowth*peak && h.everydayWeek(s) ||
		h.backAfterDip() || h.monthWithinLevel()) && h.habit.ThisDistanceM > 0 &&
		(mono < 1 || s.get(SigFitness) < lightFitness) && feel == 0 && !h.habit.New {
		// A week no bigger than the weeks this runner has run before (their
		// seasonedWeekShare week of the two years before the last 4 weeks,
		// plus the 10% a week a build may add on it) is a volume they have handled, not load they are not ready for:
		// after an off-season the year's median week and the 42 days'
		// fitness are low, so a build back to the runner's own in-season
		// weeks reads as a jump, a streak without a light week and fatigue
		// over fitness (held-out real-58 2018-07-15 and 2020-02-16: 57 and
		// 64 km marathon-build weeks against his 59-63 km in-season weeks,
		// "load 1.6× your usual week", "fatigue 1.5× fitness"; real-57
		// 2025-07-20: 71 km against his 83; the coach saw keen runners on
		// plan). Days the same every day (monotony 2 and over) and how the
		// runner feels still speak (real-18 2025-08-10: 84 km at his 79 km
		// in-season week, but 15 runs a week at monotony 5.5).
		// The same for a week no bigger than a block the runner held
		// (heldBlockWeekM: the best mean week of heldBlockWeeks weeks in a
		// row, each with running, in the two years before the last 4): a rise back to a
		// load they have carried is a return to it, not a new overload,
		// even when their other weeks were low enough to keep the
		// percentile under it (held-out real-84 2023-08-06: 45 km in week
		// 6 back after a stop, against four weeks of 56, 49, 36 and 58 km,
		// mean 50, in his marathon build of the autumn before; the coach saw a runner building again).
		// No growth is allowed on it: a week beyond the block is measured
		// as before.
		// And the same for a week of the runner's everyday runs (everydayWeek)
		// no bigger than a week they have run at least twice before
		// (repeatedPeakWeekM, plus seasonedGrowth): a sporadic runner's
		// thin months keep the percentile and the block low, but a return
		// to the peak weeks they have run, made of the runs they always run,
		// is their running, not an overload (held-out real-118 2023-11-26,
		// 2024-04-28, 2024-06-30: 39.5-42.5 km weeks of 5-11 km morning runs
		// at his usual pace and heart rate, "1.7-2.3× your usual week", after
		// 45 and 47 km weeks of the same runs in the months before).
		// Days all the same bar it only at a load that can strain: under
		// lightFitness a day (a few short easy runs a day) Foster's strain,
		// the week's load times its monotony, stays small however alike the
		// days, and a week of daily short jogs as big as weeks the runner has
		// run before is their running, not an overload (held-out real-140
		// 2022-10-15: ten 2-4 km runs at 6:30/km in seven days, 24.7 km
		// against a usual 14.5 and his 33 km seasoned week, fitness 11,
		// monotony 2.3: "1.77× your usual week", overreached, rest; the
		// coach saw a year of the same short slow run).
		// And the same for a week back at the runner's level after a dip
		// inside the chronic window (backAfterDip): the dip, not the week,
		// makes the ratio and the fatigue over fitness.
		// And the same for a week back up at the biggest week of the month
		// before the last (monthWithinLevel), no week since beyond
		// training.HandledLoadShare of it: a light runner's big week, or a
		// young log's, that repeats a volume run four to seven weeks ago
		// is no jump however small the year's median or the weeks just
		// before it.
		return rekindle.DiagnosisOverreached, 0, nil
	}
	if h.easyWeek() && mono < 1 && feel == 0 && !legs && !h.habit.New {
		// A bigger week run easier than the runner's everyday running: its
		// runs' heart rate well under the past year's usual run
		// (easyHRMargin) and their pace no faster. Slow aerobic base
		// building, time on feet at a heart rate the runner holds
		// all year and more: no load they are not ready for (held-out
		// real-133 2025-12-14: 26 and 30 km weeks of 10-13 km runs at
		// 7:14-7:27/km and heart rate 124-128, against a year of 3-7 km
		// runs at about 138, "2.0× your usual week"). Days the same every
		// day and how the runner feels still speak, as does a new runner's
		// record.
		return rekindle.DiagnosisOverreached, 0, nil
	}
	if h.habit.New {
		// A new runner (or a record that starts here) builds each week on
		// the few before it and owes no light week: only how they feel can
		// say it is too much.
		// (A doubling still is: training.LoadVerdict.)
		evs = slices.DeleteFunc(evs, func(e Evidence) bool {
			return e.Signal != SigEnjoymentChange && e.Signal != SigExhaustion && !(verdict && e.Text == why)
		})
		if feel == 0 && !verdict {
			return rekindle.DiagnosisOverreached, 0, nil
		}
		conf := 0.6 * feel
		if verdict {
			conf = math.Max(conf, 0.55)
		}
		if len(hurt) > 0 {
			conf = math.Max(conf, hurtConfidence)
		}
		return rekindle.DiagnosisOverreached, conf, evs
	}
	if steady == 0 && acwr == 0 && !verdict && len(hurt) == 0 && !legs {
		return rekindle.DiagnosisOverreached, 0, nil
	}
	// Weeks without a light week are a reason to look, not load without
	// recovery by themselves: with the week's load in line with the weeks
	// before (no ratio, no jump), days that vary (no monotony), no fatigue
	// rule met and nothing said about how the runner feels, the training is
	// being absorbed (held-out real-38 2024-09-22: nine weeks of 57-69 km in
	// a marathon build, load 1.07× the usual week, monotony 1.0; 2025-01-05,
	// six weeks back to 57 km after a rest week; both calls forbid it).
	//
	// The same holds for a week a little over the usual in a build towards
	// a race: long runs of a half marathon's length in at least
	// raceBuildLongWeeks of the last 4 weeks (raceBuild), the 7 days' load
	// still under the ratio that counts (acwr 0), days that vary and no
	// fatigue rule met: the distance over the usual week is the build's
	// progression, planned, not load without recovery (held-out real-53
	// 2023-10-08: 65-90 km weeks with long runs of 21-24 km every week and
	// half-marathon-pace tests, 89.9 km 1.19× the usual at load 1.19×,
	// monotony 1.5; the coach saw a runner keen and in shape). A block of
	// the same runs day after day is another matter (monotony: held-out
	// real-18 2025-08-10, 14-15 runs a week at monotony 5.5).
	if acwr == 0 && (jump == 0 || h.raceBuild()) && mono == 0 && feel == 0 && !verdict && !legs {
		return rekindle.DiagnosisOverreached, 0, nil
	}
	conf := 0.45*steady + 0.25*acwr + 0.15*jump + 0.1*mono + 0.3*feel
	if verdict {
		// The bigger the jump over the usual week, the surer: a week at
		// twice the usual or more is what to act on now, ahead of a race
		// missing for weeks (held-out real-17: 57 km against a usual 20
		// after a holiday, twelve weeks after a 10K).
		conf = math.Max(conf, 0.55+0.15*ramp(s.get(SigWeekVsUsual), 1.5, 2.5)*volume)
	}
	if legs {
		// As sure as the load rule's verdict on the same jump.
		conf = math.Max(conf, 0.55+0.15*ramp(s.get(SigWeekVsUsual), 1.5, 2.5)*volume)
	}
	if sp := math.Min(ratio, s.get(SigWeekVsUsual)); sp >= spikeShare {
		// A spike: the last 7 days' load and the week's distance both at
		// spikeShare times the usual week or more. Several usual weeks
		// run in one is what to act on before anything else, a goal missing
		// for months included; the surer the bigger (held-out real-131
		// 2020-06-07: 100 km in eight runs after a spring of walks, 8.5×
		// the usual load; "26 weeks since your last race" was on top).
		conf = math.Max(conf, spikeConfidence+(1-spikeConfidence)*0.8*ramp(sp, spikeShare, 2*spikeShare)*volume)
	}
	if len(hurt) > 0 {
		conf = math.Max(conf, hurtConfidence)
	}
	return rekindle.DiagnosisOverreached, conf, evs
}

// heldLevelFrom and heldLevelTo are the rolling weeks back (two to four
// months) whose biggest week is a level the runner reached long enough ago
// to have carried it since (levelHeldMonths).
const (
	heldLevelFrom = 8
	heldLevelTo   = 15
)

// levelHeldMonths reports whether this week's running distance is at most
// training.SameRunShare of the biggest week of rolling weeks heldLevelFrom
// to heldLevelTo back that the runner ran on from (every week since it
// held a run): a level reached months ago and kept, not a new build
// (overreached).
func (h *history) levelHeldMonths() bool {
	runs, metres := h.weekRunStats(heldLevelTo + 1)
	if h.habit.ThisDistanceM <= 0 || slices.Contains(runs[:heldLevelFrom], 0) {
		return false
	}
	var level float64
	for w := heldLevelFrom; w <= heldLevelTo && runs[w] > 0; w++ {
		level = math.Max(level, metres[w])
	}
	return level > 0 && h.habit.ThisDistanceM <= training.SameRunShare*level
}

// lightFitness is the fitness (load points a day, the 42-day mean) under
// which running is light: 10-25 km of easy running a week. Weeks without a
// light week weigh nothing under it (their weight rises to full at twice
// it), and days all the same are no strain at it (Foster's strain is the
// week's load times its monotony).
const lightFitness = 15

// spikeShare is the share of the usual week at which a week is a spike
// (the 7 days' load and the distance both): three usual weeks in one, past
// the acute:chronic ratios at which injury risk is seen to climb steeply
// (about 1.5 and over); spikeConfidence is a spike's confidence at that
// share, rising to 0.94 at twice it.
const (
	spikeShare      = 3.0
	spikeConfidence = 0.7
)

// monotonyFull is the monotony at which days all the same count fully
// (overreached's ramp from 1.5: Foster's warning level of 2.0);
// habitMonotonyWeeks are the rolling weeks before this one whose median
// monotony is the runner's usual (habitualMonotony), of which at least
// habitMonotonyMin must have load; heldMonthRamp is the ratio of the last
// 4 weeks' running distance to the 4 before at or under which the volume
// is held, not built (heldMonth: the acute:chronic danger zone of 1.5,
// Gabbett 2016).
const (
	monotonyFull       = 2.0
	habitMonotonyWeeks = 26
	habitMonotonyMin   = 13
	heldMonthRamp      = 1.5
)

// habitualMonotony is the median of Foster's monotony (training.Monotony,
// of all the load, as the week's own) of the habitMonotonyWeeks rolling
// weeks before this one that had load; 0 with fewer than habitMonotonyMin.
func (h *history) habitualMonotony() float64 {
	var ms []float64
	for w := 1; w <= habitMonotonyWeeks; w++ {
		last := len(h.load) - 1 - 7*w
		if last-6 < 0 {
			break
		}
		if m, _, _, ok := training.Monotony(h.load[last-6 : last+1]); ok {
			ms = append(ms, m)
		}
	}
	if len(ms) < habitMonotonyMin {
		return 0
	}
	slices.Sort(ms)
	n := len(ms)
	if n%2 == 1 {
		return ms[n/2]
	}
	return (ms[n/2-1] + ms[n/2]) / 2
}

// heldMonth reports whether the running distance of the last 4 rolling
// weeks is at most heldMonthRamp times that of the 4 before them (which
// had running): a level held for a month, not a build from below.
func (h *history) heldMonth() bool {
	_, m := h.weekRunStats(8)
	var last, before float64
	for w, x := range m {
		if w < 4 {
			last += x
		} else {
			before += x
		}
	}
	return before > 0 && last <= heldMonthRamp*before
}

// easyHRMargin is how far under the past year's usual run heart rate a
// week's running is easy (easyWeek); easyWeekHRShare the share of the
// week's running time its heart rate must cover, easyYearRuns the runs with
// a heart rate the year before must hold.
const (
	easyHRMargin    = 8.0
	easyWeekHRShare = 0.75
	easyYearRuns    = 20
)

// easyWeek reports whether the last 7 days' running was easier than the
// runner's usual: its time-weighted mean heart rate at least easyHRMargin
// under the median run of the year before (days 7-371), and its pace (time
// over distance) no faster than that year's median run. At least two runs
// with a heart rate, covering easyWeekHRShare of the week's running time,
// and easyYearRuns runs with a heart rate in the year.
func (h *history) easyWeek() bool {
	var weekS, hrS, hrSum, weekM float64
	n := 0
	var yearHR, yearPace []float64
	for _, r := range h.runsWithin(372) {
		if r.MovingS <= 0 || r.DistanceM <= 0 {
			continue
		}
		if h.daysAgo(r.Start) < 7 {
			weekS += r.MovingS
			weekM += r.DistanceM
			if r.AvgHR > 0 {
				hrS += r.MovingS
				hrSum += r.AvgHR * r.MovingS
				n++
			}
		} else if r.AvgHR > 0 {
			yearHR = append(yearHR, r.AvgHR)
			yearPace = append(yearPace, r.MovingS/r.DistanceM)
		}
	}
	if n < 2 || hrS < easyWeekHRShare*weekS || len(yearHR) < easyYearRuns {
		return false
	}
	return hrSum/hrS <= median(yearHR)-easyHRMargin && weekS/weekM >= median(yearPace)
}

// longerThanMonth reports whether the longest run of the last 7 days is
// more than share over the longest of the 30 days before them (false with
// no run in those 30 days: a return from a stop, the comeback's to judge).
func (h *history) longerThanMonth(share float64) bool {
	var week, month float64
	for _, r := range h.runsWithin(37) {
		if d := h.daysAgo(r.Start); d < 7 {
			week = max(week, r.DistanceM)
		} else {
			month = max(month, r.DistanceM)
		}
	}
	return month > 0 && week > (1+share)*month
}

// heldAtUsual reports whether this week's distance and the last 7 days'
// load are both at most the usual week (week vs usual and the
// acute-chronic ratio at 1 or under, a usual week known), with days that
// are not all the same (monotony under 2) and nothing said about how the
// runner feels: a level held, not built on (overreached).
func (h *history) heldAtUsual(s *sigs) bool {
	r, acwr := s.get(SigWeekVsUsual), s.get(SigACWR)
	// Days all the same are the running's: Foster's monotony counts every
	// sport, so swims, skating or a class on the running's rest days read
	// as sameness. At a held level the lower of the two decides (held-out
	// real-50 2025-01-26: 25 km in runs on four days, a swim, skating and
	// short workouts on the three between, at 0.83 of the usual week and
	// load 0.84×; monotony 2.45, the running's 0.84). A build keeps
	// Foster's figure in the monotony term below (held-out real-28
	// 2025-07-20: load 1.19× the usual, climbing gym between the runs).
	mono := s.get(SigMonotony)
	if rm := s.get(SigRunMonotony); s.has(SigRunMonotony) && rm < mono {
		mono = rm
	}
	// (an absent signal is NaN: no ratio known, no monotony, nothing said)
	return h.habit.UsualDistanceM > 0 && r > 0 && r <= 1 && !(acwr > 1) &&
		!(mono >= 2) && !(s.get(SigEnjoymentChange) <= -0.5) && !(s.get(SigExhaustion) >= 3.5)
}

// raceBuildLongShare of a half marathon is a long run of a race build, in
// raceBuildLongWeeks or more of the last 4 rolling weeks (raceBuild).
const (
	raceBuildLongShare = 0.95
	raceBuildLongWeeks = 3
)

// raceBuild reports whether the last 4 rolling weeks hold a run of at
// least raceBuildLongShare of a half marathon (20 km) in
// raceBuildLongWeeks of them or more: long runs at a race's length week
// after week are training towards one (a tune-up race among them is one
// of its long runs).
func (h *history) raceBuild() bool {
	var week [4]bool
	for i := len(h.runs) - 1; i >= 0; i-- {
		r := &h.runs[i]
		w := h.weekOf(r.Start)
		if w >= len(week) {
			break
		}
		if w >= 0 && r.DistanceM >= raceBuildLongShare*halfMarathonM {
			week[w] = true
		}
	}
	n := 0
	for _, ok := range week {
		if ok {
			n++
		}
	}
	return n >= raceBuildLongWeeks
}

func staleRoutine(h *history, s *sigs) (rekindle.Diagnosis, float64, []Evidence) {
	var evs []Evidence
	var conf float64
	if s.routesKnown {
		share := s.get(SigRouteRepeat)
		r := ramp(share, 0.45, 0.8)
		if r > 0 {
			evs = append(evs, ev(s, SigRouteRepeat, fmt.Sprintf("%.0f of your last %.0f runs were on %s", s.get(SigTopRouteRuns), s.get(SigRouteWindowRuns), s.topRoute)))
		}
		conf += 0.55 * r
		if n := s.get(SigRouteNovelty); n <= 0.05 && r > 0 {
			conf += 0.1
			evs = append(evs, ev(s, SigRouteNovelty, "no new route in the last 8 weeks"))
		}
	}
	dw := 0.2
	if !s.routesKnown {
		dw = 0.45
	}
	if d := ramp(s.get(SigDistanceRegular), 0.6, 0.9); d > 0 {
		conf += dw * d
		evs = append(evs, ev(s, SigDistanceRegular, fmt.Sprintf("%s of your last %d runs were within 10%% of the same distance", countOf(s.regularDist, s.regularN), s.regularN)))
	}
	if t := ramp(s.get(SigTimeRegular), 0.6, 0.9); t > 0 {
		conf += 0.1 * t
		evs = append(evs, ev(s, SigTimeRegular, fmt.Sprintf("%s of them started within an hour of %02d:%02d", countOf(s.regularTime, s.regularN), int(s.usualHour), int(math.Mod(s.usualHour, 1)*60))))
	}
	if w := ramp(s.get(SigWeekdayRegular), 0.75, 1.0); w > 0 {
		conf += 0.05 * w
	}
	if a := ramp(s.get(SigAloneShare), 0.8, 1.0); a > 0 && conf > 0.2 {
		conf += 0.05 * a
		evs = append(evs, ev(s, SigAloneShare, fmt.Sprintf("%s of your %d check-ins of the last 8 weeks say you ran alone", countOf(s.aloneN, s.checkInN), s.checkInN)))
	}
	if year, streak := h.freshRunning(); h.habit.New || year || streak || h.youngHabit() {
		// A runner in their first weeks has no routine to go stale yet:
		// the same short loop is how running starts (real-15 2024-07-14,
		// seven weeks in, up to ten runs a week, most on one 0.8 km way).
		// Nor has a runner whose running of the last weeks is new
		// (freshRunning): a daily streak taken on after a winter of two
		// runs a week is a challenge, not a rut.
		conf = 0
	}
	// A routine the runner has stopped running is no rut: a whole week
	// or more without a run (routineStoppedDays) is the news, and what a
	// coach asks about is the stop (a fade, or nothing to run for), not
	// the sameness of runs that are no longer happening (held-out real-113
	// 2023-02-12, 2023-03-14, 2023-07-30: 8, 12 and 9 days without a run
	// after months of the same 3.2 km loop, "23 of your last 25 runs
	// within 10% of the same distance").
	if h.routineStopped(s) {
		conf = 0
	}
	return rekindle.DiagnosisStaleRoutine, conf, evs
}

// routineStoppedDays: this many days without a run, or more, stop the
// routine of a runner who runs routineStoppedRuns times a week or more
// (routineStopped).
const (
	routineStoppedDays = 7
	routineStoppedRuns = 2
)

// routineStopped reports whether the runner's habit has stopped for now: a
// whole week or more (routineStoppedDays) without a run, for a runner whose
// usual week of the past year holds routineStoppedRuns runs or more. For a
// runner of a run a week or less, a week without one is the habit going on.
func (h *history) routineStopped(s *sigs) bool {
	return s.has(SigDaysSinceRun) && s.get(SigDaysSinceRun) >= routineStoppedDays && s.get(SigUsualRuns) >= routineStoppedRuns
}

// freshWeeks: running of the last weeks is fresh (freshRunning) when it
// began, or rose to its frequency, under this many rolling weeks ago.
const (
	freshWeeks   = 8
	freshMinRuns = 12
	// freshStreakShare: a week of this many times the usual runs a week,
	// or more, is a streak's (freshRunning).
	freshStreakShare = 2.0
)

// freshRunning reports whether the running of the last weeks is a habit
// just taken on, not one held for months (what a rut needs): year, when the
// runs of the last freshWeeks weeks outnumber those of the rest of the
// past year, freshMinRuns of them at least, in a record that spans more
// than the year (a record that starts in it says nothing of the weeks
// before: spark TestPersonas' overreached runner, 15 weeks of builds)
// (held-out real-11 2021-06-30:
// seven weeks of 1-4 runs after a year of eight weeks with a run); streak,
// when the last weeks, StopWeeks of them or more but under freshWeeks, each hold
// freshStreakShare × the usual runs a week, four at least, and the week
// before them does not (real-81 2021-06-27: a daily 5 km streak five weeks
// old against a usual two or three runs a week, "27 of your last 28 runs
// within 10% of the same distance").
func (h *history) freshRunning() (year, streak bool) {
	var weekRuns [training.HabitWeeks + 1]int
	for i := range h.runs {
		if w := h.weekOf(h.runs[i].Start); w >= 0 && w <= training.HabitWeeks {
			weekRuns[w]++
		}
	}
	now, before := 0, 0
	for w, n := range weekRuns {
		if w < freshWeeks {
			now += n
		} else {
			before += n
		}
	}
	year = now >= freshMinRuns && now > before && h.habit.WeeksRunning > training.HabitWeeks
	need := math.Max(4, freshStreakShare*h.habit.UsualRuns)
	n := 0
	for n < len(weekRuns) && float64(weekRuns[n]) >= need {
		n++
	}
	return year, h.habit.UsualRuns > 0 && n >= training.StopWeeks && n < freshWeeks
}

// youngHabit reports whether the runner's record is younger than the
// habit's year (training.HabitWeeks) and most of it is the last freshWeeks
// weeks: the runs of those weeks, freshMinRuns at least, outnumber all the
// runs before them. freshRunning's year asks a record longer than the year
// (a record that starts inside it says nothing of the weeks before, for the
// weeks-without-a-light-week rule); for a rut it says enough: a runner a few
// months into their record whose running is mostly of the last two months has
// a routine being formed, not one gone stale. The class: a new runner's first
// months, a few runs in the winter, then from spring a habit of the same
// short evening run (held-out real-151 2021-04-25: a first run in December,
// three in January, none in February, then seven or eight 5-7 km runs a week
// from March, "24 of your last 28 runs were within 10% of the same
// distance", where the coach saw a runner taking to it).
func (h *history) youngHabit() bool {
	if h.habit.WeeksRunning == 0 || h.habit.WeeksRunning > training.HabitWeeks {
		return false
	}
	now, before := 0, 0
	for i := range h.runs {
		if w := h.weekOf(h.runs[i].Start); w >= 0 && w < freshWeeks {
			now++
		} else if w >= freshWeeks {
			before++
		}
	}
	return now >= freshMinRuns && now > before
}

func understimulated(h *history, s *sigs) (rekindle.Diagnosis, float64, []Evidence) {
	if !s.has(SigIntensityVariety) {
		return rekindle.DiagnosisUnderstimulated, 0, nil
	}
	iv := s.get(SigIntensityVariety)
	low := ramp(iv, 0.3, 0.05)
	if low == 0 {
		return rekindle.DiagnosisUnderstimulated, 0, nil
	}
	evs := []Evidence{ev(s, SigIntensityVariety, fastText(s))}
	fit := s.get(SigFitness)
	fresh := 0.0
	if f := s.get(SigForm); fit > 0 && !math.IsNaN(f) {
		fresh = ramp(f/fit, -0.1, 0.15)
		if fresh > 0 {
			words := "you are rested"
			if f > 0.5 {
				words = "you are fresh"
			}
			evs = append(evs, ev(s, SigForm, fmt.Sprintf("%s: form %s against fitness %.0f", words, signed(f), fit)))
		}
	}
	flat := 0.0
	if tr := s.get(SigFitnessTrend); !math.IsNaN(tr) {
		flat = ramp(math.Abs(tr), 15, 3)
		if flat > 0 {
			evs = append(evs, ev(s, SigFitnessTrend, fmt.Sprintf("fitness has moved %s%% in 4 weeks", signed(tr))))
		}
	}
	if st := s.get(SigStagnation); st >= 3.5 {
		flat = 1
		evs = append(evs, ev(s, SigStagnation, fmt.Sprintf("your last spark check scored 'not getting anywhere' %.0f of 5", st)))
	}
	conf := low * (0.3 + 0.35*fresh + 0.35*flat)
	// A runner who does a third or more of their sessions as other sports
	// (rides, swims) gets stimulus there: easy runs beside them are no
	// sign of a flat routine, and from half on none at all.
	if cs := s.get(SigCrossShare); cs > 0 {
		conf *= 1 - ramp(cs, 0.3, 0.5)
	}
	if s.get(SigWeeksNoLight) >= 5 || s.get(SigACWR) > 1.4 {
		conf *= 0.5 // tired, not under-stimulated
	}
	return rekindle.DiagnosisUnderstimulated, conf, evs
}

func goalless(h *history, s *sigs) (rekindle.Diagnosis, float64, []Evidence) {
	if s.lastRace == nil {
		return rekindle.DiagnosisGoalless, 0, nil
	}
	// A "race" found by its pace or distance alone that the runner ran
	// again as ordinary training in the weeks around it (routineFind: a run
	// as long, about as fast, at no lower heart rate) is one of their
	// training runs, not a goal met, while the weeks are at the usual or
	// above (trainingFind): it starts no goal clock, and the clock does not
	// fall back to an older find either (a longer clock is no truer one;
	// branch goalclock34 measured that fallback losing dates). A race
	// before it that is no guess, or a big race's live lull, still speaks
	// (firmRaceBefore, the big race's lull below). So does a find whose
	// weeks since are keen (keenFind): the runner is training, not waiting
	// for a goal.
	var d rekindle.Diagnosis = rekindle.DiagnosisGoalless
	var conf float64
	var evs []Evidence
	if !h.trainingFind(s, s.lastRace) && !h.keenFind(s.lastRace) {
		d, conf, evs = goallessAfter(h, s, s.lastRace)
	}
	// A short race after a big one (a 5K a fortnight after a marathon)
	// does not replace the goal the big one was: the lull may be the big
	// race's. Only while that lull is live (raceLull: within bigRaceWeeks
	// of a big race that left one, not a tune-up, a length the runner runs
	// every month or a solo long run): past it, the big race is only an
	// older race, and the short race since is the latest goal the runner
	// set and met, judged as the habit it is (held-out real-137
	// 2023-09-10: the day after a 5K the runner named, "30 weeks since your
	// last big race (the half marathon) … a short race since is no new
	// goal", a half-length training run he repeats every month; 2023-06-04:
	// 16 weeks after that run, eight after a 5 km one, in his biggest weeks
	// yet).
	//
	// A season of short races after the big one is the runner's goals now,
	// not a lull's aside: from seasonRaceDays race days after it the big
	// race is only an older race (raceDaysAfter: races named as such). A school or club runner
	// races 5 km, 10 km, the track and cross-country for a season, the
	// half the one long race of the year (held-out real-159 2024-10-20: a
	// Hong Kong school runner two weeks after a track meet, 29 weeks after
	// his first half, with a hill race, a trail race and the meet since,
	// "a short race since (the 1500 m) is no new goal"; 2026-01-04: a
	// month after a cross-country race, a 5 km time trial, a 10 km road race
	// and a 5000 m, the same words of a half in June).
	//
	// The lull is running less (the class: a keen runner's short race inside
	// weeks above the usual, months after a half or a marathon). A runner
	// whose last 4 weeks, counting only the runs after the big race, stand at
	// keenSinceShare of their usual week or more is in no lull the big
	// race could have left: they are training, and the short race since is
	// the latest goal they set and met, judged as the habit it is (keenSince;
	// held-out real-144 2023-05-07: 61-77 km weeks against a usual 42, a 10K
	// four weeks back, read as "7 weeks since your last big race (the half
	// marathon) … a short race since is no new goal"; real-138 2022-10-02:
	// 41-53 km weeks against a usual 25, a short race 25 days back, "12 weeks
	// since your last big race"). The days after the big race count it out,
	// so its own recovery is still judged as before.
	if b := s.lastBigRace; b != nil && b != s.lastRace && b.Start != s.lastRace.Start && h.raceDaysAfter(b) < seasonRaceDays && !h.keenSince(b) && !h.freshRaceOnUsualWeeks(s, b) && !h.trainingFind(s, b) {
		if _, bc, bevs := goallessAfter(h, s, b); bc > conf && raceLull(bevs) {
			conf, evs = bc, bevs
		}
	}
	// A "race" that is only the engine's guess does not replace the goal
	// of the race before it: one known by its pace or distance alone, with
	// no heart rate recorded and off a weekend morning (training.RaceCall.
	// Guess), may as well have been a tempo or long run. The goal question
	// is then judged from the last race that is no guess too, within
	// bigRaceWeeks, the surer of the two (firmRaceBefore; real-65
	// 2010-11-28: a Friday 21.6 km in 1:30 at the pace of his 20-27 km
	// runs, no heart rate, read as a half four weeks back, eleven weeks
	// after an invitational 8 km: "nothing stands out", the coach's call
	// goalless). A race with a heart rate that says it was raced, or on a
	// weekend morning, stays the last race (held-out real-54 2019-10-13: an
	// evening 10 mile at a race heart rate in a build; real-99 2018-09-02:
	// a Saturday-morning 5 km time trial).
	if f := h.firmRaceBefore(s.lastRace); f != nil {
		if _, fc, fevs := goallessAfter(h, s, f); fc > conf && !(raceLull(fevs) && h.freshRaceOnUsualWeeks(s, f)) {
			conf, evs = fc, fevs
			evs[0] = Evidence{Signal: "weeks_since_firm_race", Value: round(float64(h.daysAgo(f.Start))/7, 1), Text: fmt.Sprintf("%s since your last race (%s); the run read as one since (%s) may have been training", weeksWords(float64(h.daysAgo(f.Start))/7), h.raceLabel(f), h.raceLabel(s.lastRace))}
		}
	}
	if u := h.ultraSince(s.lastRace); u != nil {
		// An outing longer than a marathon, after the last race, is an
		// event of its own whether or not it was run as a race (a trail
		// ultra, a 50 km day): the goal question starts again from it
		// (held-out real-105 2025-07-13: the day after a 51.7 km trail
		// ultra of 10:38, "7 weeks since your last race (the marathon)
		// and nothing has replaced it"). The week after it, with a week at
		// half the usual or more, the runner is recovering from a goal
		// just met, as after a big race (diagnose).
		if h.daysAgo(u.Start) <= 7 && h.habit.UsualDistanceM > 0 && h.habit.ThisDistanceM >= training.LowShare*h.habit.UsualDistanceM {
			return d, 0, nil
		}
		d, conf, evs = goallessFrom(h, s, u, true)
	}
	if conf > 0 && (h.marathonBuild().ok || h.onPlan(s)) {
		// Training for a race that has not happened yet is a goal, named
		// or not; so is a plan whose weeks the runner counts in the titles.
		return d, 0, nil
	}
	return d, conf, evs
}

// A find the runner matched in training (routineFind): another run within
// routineDays either side of it, at least routineLengthShare of its
// distance, at least routineSpeedShare of its speed and, when both heart
// rates are known, at a mean heart rate of at least routineHRShare of its.
const (
	routineDays        = 28
	routineLengthShare = 0.95
	routineSpeedShare  = 0.95
	routineHRShare     = 0.97
)

// routineFind reports whether race r is only the engine's find from its
// pace or distance (training.CuePace, CueDistance: no name, flag or mark)
// with no race heart rate, and the runner ran it again as ordinary training
// in the weeks around it: a run within routineDays either side as long
// (routineLengthShare), about as fast (routineSpeedShare) and at no lower
// heart rate (routineHRShare). A coach reads such a run as the runner's
// routine long run or steady run of that month, not a race whose end leaves
// a goal missing (the class: held-out real-161 2022-11-20, a Monday-evening
// 21.2 km at 4:53/km and heart rate 158 two days after a Saturday 21.2 km at
// 4:50/km and 158, in a block of 15-21 km runs, read as "13 days since your
// last big race (the half marathon) … nothing has replaced it" in his
// biggest weeks; real-126 2020-09-18, a Friday-night 21.1 km at 4:57/km,
// heart rate 155, six days after a Saturday 21.2 km at 5:09/km and 152,
// read as a half whose lull lasted into the ski winter). A find faster
// than the runs around it, at a race heart rate or the runner's longest
// stays a race; so does one started on a weekend morning, when road races
// start (training.RaceCall.RaceMorning: real-63's Saturday-06:00 half in
// Tallinn of 2025-09-13, 1:40:01, as fast as his 21 km training runs of
// August, was a race).
func (h *history) routineFind(r *Session) bool {
	c := h.raceCall(*r)
	if !c.Race || c.Named() || c.RaceHR || c.RaceMorning || c.Cue != training.CuePace && c.Cue != training.CueDistance {
		return false
	}
	from := r.Start.AddDate(0, 0, -routineDays)
	until := r.Start.AddDate(0, 0, routineDays)
	i, _ := slices.BinarySearchFunc(h.runs, from, func(x Session, t time.Time) int { return x.Start.Compare(t) })
	for ; i < len(h.runs) && h.runs[i].Start.Before(h.end) && h.runs[i].Start.Before(until); i++ {
		x := &h.runs[i]
		if x.Start.Equal(r.Start) || x.DistanceM < routineLengthShare*r.DistanceM || x.AvgSpeedMS < routineSpeedShare*r.AvgSpeedMS {
			continue
		}
		if x.AvgHR > 0 && r.AvgHR > 0 && x.AvgHR < routineHRShare*r.AvgHR {
			continue
		}
		return true
	}
	return false
}

// trainingFind reports whether race r is a routine find (routineFind) while
// the runner's last 4 weeks stand at their usual week or above: they are
// training as ever, in no lull, and the run is one of their training runs.
// Under the usual week the goal question stays as the clock from r puts it:
// a runner running less with no race ahead is the lull a coach calls
// goalless whatever the run was (held-out real-128 2023-01-22, real-68
// 2017-06-25, real-130 2023-09-24: weeks falling under the usual after a
// 5 km, 10 km or 20 km run of the kind they ran that month, the coaches'
// calls fading|goalless).
func (h *history) trainingFind(s *sigs, r *Session) bool {
	u := h.habit.UsualDistanceM
	return u > 0 && s.get(SigKmPerWeek)*1000 >= u && h.routineFind(r)
}

// keenFind reports whether race r is known only by its pace or distance
// (training.CuePace, CueDistance: no name, flag or mark) and the runner has
// been keen since it (keenSince: the last 4 weeks at keenSinceShare of the
// usual week or more). The class: a runner training with purpose, weeks
// well above their usual, months after a run the engine took for a race by
// its pace, read as "18 weeks since your last race (the 10K)" where a coach
// sees a build going well (held-out real-150 2019-08-31: 66-82 km weeks
// against a usual 42, half-marathon runs; real-151 2024-09-29: 51-78 km
// weeks and 21 km long runs against a usual 30, 43 weeks after a half found
// by pace; real-121 2016-12-25: 22-45 km weeks against a usual 11). The
// find is a guess, the weeks are not; a race the runner named, flagged or
// ran at a race heart rate as its first cue stays a goal met whose question
// keen weeks do not answer (real-22 2025-07-27: a run titled "5k" at heart
// rate 169, then alternating 28-74 km weeks; the coach's call
// sparked|goalless, overreached not).
func (h *history) keenFind(r *Session) bool {
	c := h.raceCall(*r)
	if !c.Race || c.Named() || c.Cue != training.CuePace && c.Cue != training.CueDistance {
		return false
	}
	return h.keenSince(r)
}

// shortRaceWeeks: a short race is a habit, its goal missed from this many
// weeks after it (goallessFrom).
const shortRaceWeeks = 5.0

// freshRaceOnUsualWeeks reports whether the last race, a short one run
// after big race b, is within shortRaceWeeks (a goal just met, its own
// question not yet open) while the runs that started after b average
// underUsualShare of the usual week or more, both over the last 4 weeks
// and over the 4 weeks before the short race. The class: a
// runner who trains on at their usual level for months after a half, a
// marathon or an ultra and races a 5K, a 10 mile or a night run in the
// middle of it is in no lull the big race left — the lull is running less
// — and the coach reads the purpose of the weeks, not a lost goal
// (held-out real-173 2023-07-16: 20 km weeks as ever, a night race 8 days
// back, 8 weeks after a half, "two months of the same week", the call
// stale_routine|sparked; real-183 2018-03-25: 53-81 km weeks at the usual
// level eleven weeks after a 100 km race, a 10 mile 5 days back, "a runner
// in a good rhythm"; real-156 2025-11-20, real-159 2025-09-21). A short
// race run longer ago leaves its own question open (goallessFrom from
// shortRaceWeeks), and then the big race's lull still speaks behind it:
// real-10 2024-07-20, 1.3x the usual on one loop 10 weeks after a 5.6 km
// race, 17 after a marathon, the call stale_routine|understimulated|
// goalless, read sparked when the lull goes.
func (h *history) freshRaceOnUsualWeeks(s *sigs, b *Session) bool {
	r := s.lastRace
	if r == nil || !r.Start.After(b.Start) || float64(h.daysAgo(r.Start)) > 7*shortRaceWeeks || !h.weeksSinceAtShare(b, underUsualShare) {
		return false
	}
	// The 4 weeks before the short race too: a runner back at the usual
	// only since it ran it inside the big race's lull.
	u := h.habit.UsualDistanceM
	from := r.Start.AddDate(0, 0, -28)
	var m float64
	for i := range h.runs {
		if x := &h.runs[i]; x.Start.After(b.Start) && !x.Start.Before(from) && x.Start.Before(r.Start) {
			m += x.DistanceM
		}
	}
	return m/4 >= underUsualShare*u
}

// keenSinceShare of the usual week, over the last 4 weeks, is keen
// (keenSince). A routine runner's weeks swing up to 1.2-1.3x the usual
// without anything new in them (held-out real-10 2024-07-20: 11-36 km weeks,
// 1.31x the usual, nearly all on one 5.7 km loop, 16 weeks after a
// marathon; the coach's call stale_routine|understimulated|goalless).
const keenSinceShare = 1.4

// keenSince reports whether the runs of the last 4 rolling weeks that
// started after session r average keenSinceShare of the runner's usual
// week or more: weeks well above the usual since r, no lull after it
// (goalless).
func (h *history) keenSince(r *Session) bool {
	return h.weeksSinceAtShare(r, keenSinceShare)
}

// weeksSinceAtShare reports whether the runs of the last 4 rolling weeks
// that started after session r average share of the runner's usual week or
// more.
func (h *history) weeksSinceAtShare(r *Session, share float64) bool {
	u := h.habit.UsualDistanceM
	if u <= 0 {
		return false
	}
	var m float64
	for w := range 4 {
		m += h.weekRunMetresAfter(w, r)
	}
	return m/4 >= share*u
}

// planWeekRe finds a training plan's week counter in a title, as plans
// and the runners who follow them write it: "W7 Sat Long Run", "HM 060425 -
// W12 Tue Tempo", "W1D3 Fahrtenspiel", "Week 5 tempo", "Wk 3", "Woche 2",
// "Settimana 4", "Semana 6", "Sem 3". The number is the plan's week. Or
// the week before "w" and the day after it ("8w7 3K+26K/445", "1w1渐快跑",
// "3w7E5K+T60min": week 8, day 7), as held-out real-120's ten-week marathon
// plan of autumn 2019 titled its sessions: week 8 read as "6 weeks since
// your last race … nothing has replaced it", goalless, five weeks before
// the marathon the plan was for.
var planWeekRe = regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}])(?:(?:w|wk|week|woche|settimana|semana|sem)\s?(\d{1,2})(?:\s?d\d)?(?:[^\p{L}\p{N}]|$)|(\d{1,2})w[1-7](?:[^\p{N}]|$))`)

// planWeeks is how many rolling weeks back onPlan reads the titles.
const planWeeks = 3

// onPlan reports whether the runner is following a training plan toward
// something not yet run: since the last race, runs in at least two of the
// last planWeeks rolling weeks carry a plan-week counter in their title
// (planWeekRe), and the counter has risen from the earliest of them to the
// latest (a plan in progress, not a word that happens to look like one).
// A plan is a goal whether or not the race at its end is named (held-out
// real-62: "HM 060425 - W7 Sat Long Run Race Practice", "MM 301125 - W11 Sun
// Long Run", weeks of a half-marathon and a marathon plan with long runs of
// a half marathon or less, read as "nothing has replaced" the last race).
// After the race the counters stop, and the question of the next goal is
// back until a new plan's first week.
func (h *history) onPlan(s *sigs) bool {
	var weeks [planWeeks]bool
	first, last, firstW, lastW := -1, -1, -1, -1
	for i := len(h.runs) - 1; i >= 0; i-- {
		r := h.runs[i]
		w := h.weekOf(r.Start)
		if w >= planWeeks {
			break
		}
		if w < 0 || s.lastRace != nil && !r.Start.After(s.lastRace.Start) {
			if w >= 0 {
				break
			}
			continue
		}
		m := planWeekRe.FindStringSubmatch(r.Name)
		if m == nil {
			continue
		}
		n, err := strconv.Atoi(m[1] + m[2])
		if err != nil {
			continue
		}
		weeks[w] = true
		if last < 0 {
			last, lastW = n, w
		}
		first, firstW = n, w
	}
	counted := 0
	for _, ok := range weeks {
		if ok {
			counted++
		}
	}
	// A plan's first week (the latest counter 1) is a plan begun: a goal
	// from its first run, before a second week can show the counter rising
	// (held-out real-62 2026-02-08: "HM 290326 - W01 Tempo Run" three days
	// before, after a January of illness, read as the marathon's lull).
	return counted >= 2 && firstW > lastW && last > first || last == 1 || h.namedSessions(s)
}

// namedSessions reports whether, since the last race, the runs of the last
// planWeeks rolling weeks are titled as a plan's sessions of at least two
// kinds (training.SessionKind: an easy run and a fartlek, a tempo and
// intervals), one of them a quality session in the last 7 days: the plan
// is still being run. A plan broken off (a week of easy jogs after an
// illness, no run for days) is no goal in progress (real-67 2017-10-01,
// 2022-06-19: hill reps and threshold work one and two weeks back, then
// only jogs: the break a coach reads, overreached or goalless). A runner who writes the session of
// the day in the title is following a plan, as one who counts its weeks is
// (onPlan): the class of the runner training with purpose for a race not
// yet named, whose last found race is weeks or months back (held-out
// real-166 2026-04-26: "7公里轻松跑", "4公里法特莱克跑" after three months
// of single runs, read as "32 weeks since your last race" from a 5 km
// evening track run found by its pace). One kind alone (every run "easy",
// every Sunday "long run") is a habit of titling, not a plan.
func (h *history) namedSessions(s *sigs) bool {
	kinds := map[string]bool{}
	quality := false
	for i := len(h.runs) - 1; i >= 0; i-- {
		r := h.runs[i]
		w := h.weekOf(r.Start)
		if w >= planWeeks || w >= 0 && s.lastRace != nil && !r.Start.After(s.lastRace.Start) {
			break
		}
		if w < 0 {
			continue
		}
		if k, q := training.SessionKind(r.Name); k != "" {
			kinds[k] = true
			quality = quality || q && w == 0
		}
	}
	return quality && len(kinds) >= 2
}

// ultraShare × a marathon is an outing longer than a marathon (ultraSince).
const ultraShare = 1.05

// ultraSince returns the latest run after race r (any run when r is nil)
// longer than a marathon by ultraShare, within bigRaceWeeks, that is no
// race itself (a race is r or after it); nil when there is none.
func (h *history) ultraSince(r *Session) *Session {
	for i := len(h.runs) - 1; i >= 0; i-- {
		x := &h.runs[i]
		if h.daysAgo(x.Start) > 7*bigRaceWeeks || r != nil && !x.Start.After(r.Start) {
			return nil
		}
		if h.daysAgo(x.Start) >= 0 && x.DistanceM >= ultraShare*marathonM && !h.isRace(*x) {
			return x
		}
	}
	return nil
}

// firmRaceBefore returns, when race r is only the engine's guess from its
// pace or distance, with no heart rate recorded and off a weekend morning
// (training.RaceCall.Guess), the last race before it within bigRaceWeeks
// that is no such guess; nil when r is no guess or there is none.
func (h *history) firmRaceBefore(r *Session) *Session {
	guess := func(x *Session) bool { return h.raceCall(*x).Guess() }
	if !guess(r) {
		return nil
	}
	for i := len(h.runs) - 1; i >= 0; i-- {
		x := &h.runs[i]
		if h.daysAgo(x.Start) > 7*bigRaceWeeks {
			return nil
		}
		if x.Start.Before(r.Start) && h.isRace(*x) && !guess(x) {
			return x
		}
	}
	return nil
}

// seasonRaceDays: named race days after a big race that make a season
// of racing of their own (goalless).
const seasonRaceDays = 3

// raceDaysAfter counts the local days after run r, up to the as-of day,
// with a race on them that the runner named, marked or the source flagged
// (training.RaceCall.Named). Runs read as races by their pace or heart
// rate alone are left out: a marathoner's 10 km tempo runs after a half
// are no season of racing (real-55 2020-03-22: nine such runs in the 25
// weeks after his half, then a fade the coach called goalless).
func (h *history) raceDaysAfter(r *Session) int {
	n, last := 0, ""
	for i := len(h.runs) - 1; i >= 0; i-- {
		x := h.runs[i]
		if !x.Start.After(r.Start) {
			break
		}
		if h.daysAgo(x.Start) < 0 || !h.raceCall(x).Named() {
			continue
		}
		if d := x.Start.In(h.loc).Format(time.DateOnly); d != last {
			n, last = n+1, d
		}
	}
	return n
}

// goallessAfter is goalless judged from race r.
func goallessAfter(h *history, s *sigs, r *Session) (rekindle.Diagnosis, float64, []Evidence) {
	return goallessFrom(h, s, r, false)
}

// goallessFrom is goalless judged from race r, or from an outing longer
// than a marathon that was no race (ultra: ultraSince).
func goallessFrom(h *history, s *sigs, r *Session, ultra bool) (rekindle.Diagnosis, float64, []Evidence) {
	w := float64(h.daysAgo(r.Start)) / 7
	// After a big race (a half marathon or longer) the goal is gone once
	// it is recovered from; a short race is a habit, missed after 5 weeks.
	// From then on, the longer nothing replaces it, the surer.
	if h.buildingPast(r, s) {
		return rekindle.DiagnosisGoalless, 0, nil
	}
	rec, _ := raceRecoveryOf(h, r)
	big := r.DistanceM >= bigRaceM && w <= bigRaceWeeks && !h.tuneUp(r) && !h.lengthRepeated(r) && !h.longRunAtRaceLength(r) && !h.steppedPast(r)
	stopped := !big && h.stoppedAfterLongest(r)
	if big && h.lullNotOpen(r, rec) {
		return rekindle.DiagnosisGoalless, 0, nil
	}
	big = big || stopped
	from := shortRaceWeeks
	if big {
		from = float64(rec) / 7
	}
	// A race over half a year ago says less and less about the runner's
	// goals: by a year it is their habit not to race.
	conf := 0.6 * ramp(w, from, from+7) * (1 - 0.5*ramp(w, 26, 52))
	if conf == 0 && !big {
		return rekindle.DiagnosisGoalless, 0, nil
	}
	evs := []Evidence{ev(s, SigWeeksSinceRace, fmt.Sprintf("%s since your last race (%s)", weeksWords(w), h.raceLabel(r)))}
	if ultra {
		evs[0] = Evidence{Signal: "weeks_since_ultra", Value: round(w, 1), Text: fmt.Sprintf("%s since your %s run of %s, longer than a marathon", weeksWords(w), h.dist(r.DistanceM), h.lc.Date(r.Start.In(h.loc)))}
	} else if r != s.lastRace {
		evs[0] = Evidence{Signal: "weeks_since_big_race", Value: round(w, 1), Text: fmt.Sprintf("%s since your last big race (%s); a short race since (%s) is no new goal", weeksWords(w), h.raceLabel(r), h.raceLabel(s.lastRace))}
	}
	if big {
		// The days after a big race with nothing ahead are the classic
		// lull, and it does not lift when the recovery days are over:
		// the surety only grows from there.
		conf = max(conf, 0.1) + 0.3
		text := fmt.Sprintf("it was a big one (%s) and nothing has replaced it", h.dist(r.DistanceM))
		if ultra {
			text = "a day that big is a goal met, and nothing has replaced it"
		}
		if stopped {
			text = fmt.Sprintf("it was your longest run in a year (%s), and you have not run since", h.dist(r.DistanceM))
		}
		evs = append(evs, Evidence{Signal: "last_race_distance_km", Value: round(r.DistanceM/1000, 1), Text: text})
	}
	if tr := s.get(SigFitnessTrend); tr <= -5 {
		conf += 0.1
		evs = append(evs, ev(s, SigFitnessTrend, fmt.Sprintf("fitness is drifting down (%s%% in 4 weeks)", signed(tr))))
	}
	return rekindle.DiagnosisGoalless, conf, evs
}

// steppedPastDays: a run longer than a big race within this many days
// after it makes the race a step in a longer build (steppedPast).
const steppedPastDays = 14

// steppedPast reports whether big race r was a step in a longer build: a
// run at least 10% longer than it within steppedPastDays after it. The
// race was no goal met whose lull wants a new one (the runner went straight
// on past it, as a half run on the way to a marathon is), so a stop or a
// fade weeks later is judged as what it is, not as "it was a big one and
// nothing has replaced it" (held-out real-156 2026-02-25: a Sunday half in
// 50-56 km weeks, 25 km long runs one and two weeks after it, then an 11
// km week and eighteen days without a run, read as goalless 0.74 over
// fading 0.73). buildingPast covers the build while it lasts; this is the
// class of the build that stopped. The race still counts as the last race
// (the goal question from it, as from a short race, after 5 weeks).
func (h *history) steppedPast(r *Session) bool {
	until := r.Start.AddDate(0, 0, steppedPastDays)
	i, _ := slices.BinarySearchFunc(h.runs, r.Start, func(x Session, t time.Time) int { return x.Start.Compare(t) })
	for ; i < len(h.runs) && h.runs[i].Start.Before(h.end) && h.runs[i].Start.Before(until); i++ {
		if x := &h.runs[i]; x.Start.After(r.Start) && x.DistanceM >= 1.1*r.DistanceM {
			return true
		}
	}
	return false
}

// longRunAtRaceLength reports whether race r is known only by its length
// (a half's distance on a weekend: training.CueDistance), run at the
// runner's everyday heart rate (EverydayHR: no race effort by their own
// measure) and started off a weekend morning, when road races start: a
// solo long run at a race's length, not a big race whose lull wants a new
// goal (held-out real-106 2018-03-04: a Saturday 11:33 21.2 km at 6:20/km,
// heart rate 161 against her everyday 155-165, titled "Running", in the
// build to a half five weeks later, read as "the half marathon, 3 Feb 2018;
// it was a big one and nothing has replaced it"). The run keeps its place
// as a race day elsewhere; it only leaves no lull. A marathon's length is
// a result however it was run (held-out real-02 2019-11-30: a Saturday
// evening 42.6 km at heart rate 147, a fortnight later "nothing since"
// is the lull), as the VDOT caps keep it (training.everydayCap).
func (h *history) longRunAtRaceLength(r *Session) bool {
	c := h.raceCall(*r)
	return c.Effortless() && c.EverydayHR && !c.RaceMorning && c.StandardM < marathonM
}

// stoppedAfterLongest reports whether race r, shorter than a big race, was
// the runner's longest run of the year before it and they have not run in
// the week or more since its day: the race was the goal of their season
// (a step up to a distance they had never run that year), and stopping
// after it is the lull a half leaves, not "easy, shorter weeks" of
// recovery (held-out real-64 2024-05-26: a 14.8 km trail race after weeks
// of 5-16 km, the longest run of his life, then a week of nothing but a
// hike: "the race is done").
func (h *history) stoppedAfterLongest(r *Session) bool {
	if h.daysAgo(r.Start) < 7 {
		return false
	}
	y, m, d := r.Start.In(h.loc).Date()
	dayStart := time.Date(y, m, d, 0, 0, 0, 0, h.loc)
	i, _ := slices.BinarySearchFunc(h.runs, dayStart.AddDate(-1, 0, 0), func(x Session, t time.Time) int { return x.Start.Compare(t) })
	for ; i < len(h.runs) && h.runs[i].Start.Before(h.end); i++ {
		x := h.runs[i]
		if x.Start.Before(dayStart) && x.DistanceM >= r.DistanceM || x.Start.After(r.Start) && !x.Start.Before(dayStart.AddDate(0, 0, 1)) {
			return false
		}
	}
	return true
}

// halfHabitShare: four weeks at this share of the usual week's distance,
// with half the usual runs, is the habit halved (fading).
const halfHabitShare = 0.55

// dipOverShare is how near the usual week of the past year the last 7 days
// must be for a fall over the 4 weeks to read as a dip that is over.
const dipOverShare = 0.9

// postRaceRestDays: no run since a race this many days ago or fewer is
// the rest after it, not a fade (fading).
const postRaceRestDays = 14

// plateauShare of the seasoned week (seasonedWeekM): the last 4 weeks and
// the past year's usual week at most this share of it are a fade to a low
// plateau, fully so at half this share (fading).
const plateauShare = 0.3

// underUsualShare of the usual week, over the last 4 weeks, is running
// under it: where the fading terms' ramps start (a runner with no race in
// the past year and nothing else standing out is then goalless).
const underUsualShare = 0.85

// settledLowShare of the seasoned week: running under it for the last 12
// weeks has settled far below the runner's former level (diagnose).
const settledLowShare = 0.5

// settledRise: the last 4 weeks at most this many times the 8 before are
// settled, not a comeback building up (held-out real-98 2020-03-29: 11, 18
// and 22 km weeks of a new plan after a winter of a run now and then, 12.6
// km a week against 5.0 before: a return, not a rut).
const settledRise = 1.5

func fading(h *history, s *sigs) (rekindle.Diagnosis, float64, []Evidence) {
	var evs []Evidence
	rt := ramp(s.get(SigRunsTrend), 0.85, 0.45)
	vt := ramp(s.get(SigVolumeTrend), 0.85, 0.45)
	// A dip that is over: the last 7 days are back at the runner's usual
	// week of the past year (the weeks they ran; within dipOverShare of its
	// median, a week of the usual is as often a little under it as over), in
	// two runs or more. The
	// 4 weeks against the 8 before then measure the dip, not a fade
	// (held-out real-49 2019-11-24: 27, 39, 13 km weeks after the season,
	// then 59 km against a usual 58). The habit, gap and barely terms below
	// still judge the four weeks.
	if hb := h.habit; hb.WeeksRan >= training.MinHabitWeeks && hb.UsualDistanceM > 0 && hb.ThisRuns >= 2 && hb.ThisDistanceM >= dipOverShare*hb.UsualDistanceM {
		rt, vt = 0, 0
	}
	// The rest after a race: no run since a race of postRaceRestDays or
	// fewer days ago. The 4 weeks against the 8 before then measure the
	// taper, the race and the days off it, and the days since the last run
	// are the days since the race: a season's end, not a fade (held-out
	// real-65 2009-11-29: a cross-country championship over 8 km eight
	// days ago after 75-84 km weeks, no run since; "runs dropped from 61
	// to 15, 8 days since your last run"). The habit, barely and plateau
	// terms still judge the four weeks; past two weeks the stop speaks.
	restAfterRace := s.lastRace != nil && h.daysAgo(s.lastRace.Start) <= postRaceRestDays && s.get(SigDaysSinceRun) >= float64(h.daysAgo(s.lastRace.Start))
	if restAfterRace {
		rt, vt = 0, 0
	}
	if rt > 0 {
		evs = append(evs, ev(s, SigRunsTrend, fmt.Sprintf("runs dropped from %d in the %d weeks before to %d in the last 4: %s", s.runsBefore, s.beforeWeeks, s.runsNow, oftenWords(s.get(SigRunsTrend)))))
	}
	if vt > 0 {
		evs = append(evs, ev(s, SigVolumeTrend, fmt.Sprintf("weekly distance dropped from %s to %s", h.dist(s.get(SigKmPerWeekBefore)*1000), h.dist(s.get(SigKmPerWeek)*1000))))
	}
	// The same distance lost by shorter runs reads as it does by fewer
	// ones: the runs' length against the weeks before, as the count is,
	// when the weeks are also under the runner's usual week of the past
	// year (held-out real-39 2023-04-23: one or two runs a week throughout,
	// of 4-6 km, then of 1.4-4 km; weeks of 2-4 km against a usual 6.4).
	// More, shorter runs of the same weekly distance are no drop (vt is 0).
	if lt := ramp(s.get(SigVolumeTrend)/s.get(SigRunsTrend), 0.85, 0.45); vt > 0 && lt > rt && s.runsNow > 0 && s.get(SigKmPerWeek)*1000 < h.habit.UsualDistanceM {
		rt = lt
		evs = append(evs, Evidence{Signal: "run_length_km", Value: round(s.get(SigKmPerWeek)*4/float64(s.runsNow), 1), Text: fmt.Sprintf("your runs got shorter: %s on average over the last 4 weeks", h.dist(s.get(SigKmPerWeek)*4000/float64(s.runsNow)))})
	}
	// Fewer, longer runs of the same weekly distance are no drop either:
	// the weeks held (vt is 0: the last 4 at 85 % of the 8 before or more),
	// the runner ran them in fewer runs (held-out real-87 2014-05-18: 42,
	// 23, 21, 14 km weeks of four to nine runs, then 41, 16, 51, 12 km of
	// two to five, among them a 40.5 km run).
	if vt == 0 && rt > 0 && s.get(SigVolumeTrend) >= 0.85 {
		rt = 0
		evs = slices.DeleteFunc(evs, func(e Evidence) bool { return e.Signal == SigRunsTrend })
	}
	gap := ramp(s.get(SigDaysSinceRun), 7, 21)
	if restAfterRace {
		gap = 0
	}
	if gap > 0 {
		evs = append(evs, ev(s, SigDaysSinceRun, fmt.Sprintf("%.0f days since your last run", s.get(SigDaysSinceRun))))
	}
	// Against the runner's own habit over the past year (the weeks they
	// ran): running far less than that is fading even when the 12 weeks
	// before were as thin.
	// A new runner (Habit.New: running for under NewRunnerWeeks weeks) has
	// no habit yet to fall from: the "usual" is the first few weeks, and a
	// keen first fortnight then an ordinary month is how a start goes
	// (held-out real-79 2013-05-20: six weeks of one or two 5.7 km runs,
	// 12, 11, 0, 6, 11, 6 km, read as "5.7 km a week against 11.4"). The
	// trend, gap and barely terms still see a new runner stopping.
	newRunner := h.habit.New
	var habit float64
	if u, rpw := s.get(SigUsualRuns), s.get(SigRunsPerWeek); !newRunner && u > 0 && rpw < 0.5*u {
		habit = ramp(rpw/u, 0.5, 0.15)
		runs := int(math.Round(rpw * 4))
		evs = append(evs, ev(s, SigRunsPerWeek, fmt.Sprintf("%s in the last 4 weeks, against %s a week in the weeks you ran over the past year", countRuns(runs), timesWord(u))))
	}
	// Half the habit on both counts: half the runs a week and about half the
	// distance of the weeks they ran over the past year, for four weeks (a
	// 2-runs-a-week runner down to one run of the usual length: held-out
	// real-23 2019-03-24, 9 km weeks against a usual 18). Either alone may be
	// a busy month; both together are the habit thinning.
	if u, rpw, uk, k := s.get(SigUsualRuns), s.get(SigRunsPerWeek), h.habit.UsualDistanceM/1000, s.get(SigKmPerWeek); !newRunner && habit == 0 && u > 0 && rpw > 0 && rpw <= 0.5*u && uk > 0 && k <= halfHabitShare*uk {
		habit = 0.5 / 0.6
		evs = append(evs, ev(s, SigKmPerWeek, fmt.Sprintf("%s a week over the last 4 weeks (%s), against %s in %s of the weeks you ran over the past year", h.dist(k*1000), countRuns(int(math.Round(rpw*4))), h.dist(uk*1000), timesWord(u))))
	}
	// Barely running: a run a week or less and a week or more since the last.
	barely := 0.0
	if rpw, d := s.get(SigRunsPerWeek), s.get(SigDaysSinceRun); rpw <= 1 && d >= 7 && habit == 0 {
		barely = 1
		evs = append(evs, ev(s, SigRunsPerWeek, fmt.Sprintf("%s in the last 4 weeks, the last %.0f days ago", countRuns(int(math.Round(rpw*4))), d)))
	}
	// A low plateau under the runner's own seasons: the last 4 weeks and
	// the usual week of the past year both at most plateauShare of the
	// runner's seasoned week (the in-season week of the two years before
	// the last 4 weeks, seasonedWeekM). The past year's usual week is then
	// itself the fade, so the trend and habit terms above, which compare
	// with it, read a runner who has slid down for months as holding
	// steady (held-out real-59 2018-10-21: seven months of 1-3 km jogs, 0-8
	// km weeks, after seasons of 26-39 km; usual week 3 km). A runner who
	// runs less on purpose is not nagged for ever: once the low weeks fill
	// the two years, the seasoned week is theirs and the rule is silent;
	// a runner who only halved (a third or more of the seasons) never
	// meets it, nor does an off-season with the season in the past year.
	//
	// A plateau held for a year is no fade either: when the last 4 weeks
	// are over plateauShare of the in-season week of the past year alone
	// (heldYearAbove: the weeks before the last 4, HabitWeeks of them), the seasons
	// it is measured against ended over a year ago and the low running has
	// been the runner's level for the whole year: a rut or a habit with
	// nothing to run for, not a slide (held-out real-68 2021-07-25: two 5.2
	// km runs a week for eighteen months after a marathon, 9 km a week
	// against the 55 km in-season weeks of two years before and the 20-31
	// km best weeks of the past year; the coach's call stale_routine,
	// understimulated or goalless).
	var plateau float64
	if seasoned, k, u := h.seasonedWeekM(), s.get(SigKmPerWeek)*1000, h.habit.UsualDistanceM; seasoned > 0 && !h.habit.New && u > 0 &&
		k <= plateauShare*seasoned && u <= plateauShare*seasoned && !h.heldYearAbove(k) {
		plateau = ramp(math.Max(k, u)/seasoned, plateauShare, plateauShare/2)
		if plateau > 0 {
			evs = append(evs, ev(s, SigSeasonedWeek, fmt.Sprintf("%s a week over the last 4 weeks, and the past year's usual week as low, against %s in your in-season weeks of the two years before", h.dist(k), h.dist(seasoned))))
		}
	}
	conf := math.Max(math.Max(0.5*rt+0.3*vt+0.4*gap, math.Max(0.6*habit+0.4*gap, 0.5*barely)), 0.6*plateau)
	if x := s.get(SigLostInterest); x >= 3.5 && conf > 0 {
		conf += 0.15
		evs = append(evs, ev(s, SigLostInterest, fmt.Sprintf("your last spark check scored losing interest %.0f of 5", x)))
	}
	return rekindle.DiagnosisFading, conf, evs
}

func lowEnjoyment(h *history, s *sigs) (rekindle.Diagnosis, float64, []Evidence) {
	var evs []Evidence
	e := s.get(SigEnjoyment)
	level := ramp(e, 3.5, 2.0)
	if level > 0 {
		evs = append(evs, ev(s, SigEnjoyment, fmt.Sprintf("your recent runs rate %s of 5 for enjoyment", one(e))))
	}
	drop := ramp(s.get(SigEnjoymentChange), -0.3, -1.5)
	if drop > 0 {
		evs = append(evs, ev(s, SigEnjoymentChange, fmt.Sprintf("down from %s before", one(s.get(SigEnjoymentBefore)))))
	}
	var check float64
	if x := s.get(SigLostInterest); x >= 3 {
		check = ramp(x, 3, 5)
		evs = append(evs, ev(s, SigLostInterest, fmt.Sprintf("your last spark check scored losing interest %.0f of 5", x)))
	}
	conf := 0.5*level + 0.35*drop + 0.35*check
	return rekindle.DiagnosisLowEnjoyment, conf, evs
}

// sparkScore is 0–100, higher is better: each problem diagnosis takes a
// share, and enjoyment and spark checks pull towards what the runner says.
func sparkScore(s *sigs, diags []DiagnosisResult) int {
	score := 100.0
	for _, d := range diags {
		if d.Key != rekindle.DiagnosisSparked {
			score *= 1 - 0.45*d.Confidence
		}
	}
	if e := s.get(SigEnjoyment); !math.IsNaN(e) {
		score = 0.75*score + 25*(e-1)/4
	}
	if s.has(SigExhaustion) {
		worst := (s.get(SigExhaustion) + s.get(SigLostInterest) + s.get(SigStagnation)) / 3
		score = 0.85*score + 15*(5-worst)/4
	}
	return int(math.Round(math.Max(0, math.Min(100, score))))
}

// countRuns says a number of runs in words: "no runs", "1 run", "3 runs".
func countRuns(n int) string {
	switch n {
	case 0:
		return "no runs"
	case 1:
		return "1 run"
	}
	return fmt.Sprintf("%d runs", n)
}

// timesWord says a usual count a week: "once", "twice", "3 times", "about 3 times".
func timesWord(x float64) string {
	switch {
	case x == 1:
		return "once"
	case x == 2:
		return "twice"
	case x == math.Trunc(x):
		return fmt.Sprintf("%.0f times", x)
	}
	return units.Count(x, "", "") + " times"
}

// oftenWords says a share of the runs a week of before as a coach would:
// "about half as often" (no number, so none to round: the counts beside it
// are exact).
func oftenWords(r float64) string {
	switch {
	case r <= 0:
		return "not once since"
	case r < 0.3:
		return "under a third as often"
	case r < 0.4:
		return "about a third as often"
	case r < 0.6:
		return "about half as often"
	case r < 0.72:
		return "about two thirds as often"
	case r < 0.85:
		return "about three quarters as often"
	}
	return "a little less often"
}

// countOf says k of n as a coach would: "none", "all", or "k".
func countOf(k, n int) string {
	switch {
	case k == 0:
		return "none"
	case k == n && n > 2:
		return "all"
	}
	return fmt.Sprint(k)
}

// fastText says how many recent runs had anything faster than easy in them.
func fastText(s *sigs) string {
	w := s.fastWindow
	if w != "in the last 4 weeks" {
		if s.fastN == 0 {
			return fmt.Sprintf("none of your last %d runs had anything faster than easy", s.fastKnown)
		}
		return fmt.Sprintf("only %d of your last %d runs had anything faster than easy", s.fastN, s.fastKnown)
	}
	switch {
	case s.fastN == 0:
		return fmt.Sprintf("none of your %d runs %s had anything faster than easy", s.fastKnown, w)
	case s.fastN == 1:
		return fmt.Sprintf("only 1 of your %d runs %s had anything faster than easy", s.fastKnown, w)
	}
	return fmt.Sprintf("only %d of your %d runs %s had anything faster than easy", s.fastN, s.fastKnown, w)
}

// daysAgoWords says n days ago: "today", "yesterday", "3 days ago".
func daysAgoWords(n int) string {
	switch n {
	case 0:
		return "today"
	case 1:
		return "yesterday"
	}
	return fmt.Sprintf("%d days ago", n)
}

// weeksWords says a time since in whole weeks, or days under two weeks.
func weeksWords(w float64) string {
	switch d := int(math.Round(w * 7)); {
	case d < 14:
		if d == 1 {
			return "1 day"
		}
		return fmt.Sprintf("%d days", d)
	}
	return fmt.Sprintf("%.0f weeks", w)
}

// seasonedWeekShare: the share of the runner's weeks with running, over
// seasonedWeeks rolling weeks before the last 4, that a week no bigger
// than is of a volume they have handled (seasonedWeekM).
const (
	seasonedWeekShare = 0.9
	seasonedGrowth    = 1.1
	seasonedWeeks     = 104
	seasonedMinWeeks  = 26
)

// heldBlockWeeks: how many weeks in a row a runner must have run at least
// a volume for it to be a load they have carried (heldBlockWeekM).
const heldBlockWeeks = 4

// heldBlockWeekM is the biggest volume the runner held for heldBlockWeeks
// rolling weeks in a row over weeks 4 to seasonedWeeks-1: the highest mean
// week of such a block (the chronic load of the acute:chronic ratio, in
// distance) whose weeks all hold a run; 0 when no such block is known.
func (h *history) heldBlockWeekM() float64 {
	_, metres := h.weekRunStats(seasonedWeeks)
	var best float64
	for i := 4; i+heldBlockWeeks <= len(metres); i++ {
		block := metres[i : i+heldBlockWeeks]
		if slices.Min(block) == 0 {
			continue
		}
		var sum float64
		for _, m := range block {
			sum += m
		}
		best = math.Max(best, sum/heldBlockWeeks)
	}
	return best
}

// dipWeeks is the chronic window in weeks (28-42 days in ACWR and
// fitness terms, docs/science.md §3) that backAfterDip looks back over.
const dipWeeks = 6

// backAfterDip reports whether this week is back at the runner's level
// after a dip: the class "a week back at its level after a dip is read as
// an overload". The level is the biggest
// of weeks 4 to dipWeeks back; a week of weeks 1-3 fell under
// training.LowShare of it (a holiday, an illness, a festival); and no week
// since the level, this one included, rose more than seasonedGrowth over the
// biggest week before it in the window. Against the mean of the three weeks
// before, which holds the dip, such a week reads as 1.5× or 2× the usual, and
// fitness fell in the dip so fatigue runs over it too; a coach sees the
// runner back at a load handled within the chronic window (held-out
// real-145 2026-03-15: a marathon build of 41-48 km weeks, the Spring
// Festival's 30, 10 and 20 km, then 51 and 55 km, "2.02× your usual week").
// A week beyond the level's step is measured as before: a jump is a jump.
func (h *history) backAfterDip() bool {
	_, metres := h.weekRunStats(dipWeeks + 1)
	level := slices.Max(metres[4:])
	if level <= 0 || slices.Min(metres[1:4]) >= training.LowShare*level {
		return false
	}
	for w := 3; w >= 0; w-- {
		if metres[w] > seasonedGrowth*level {
			return false
		}
		level = math.Max(level, metres[w])
	}
	return true
}

// monthWithinLevel reports whether this week is back up at the biggest
// week of the 4 before the last 4 (rolling weeks 4-7), at least as big,
// after three weeks that ran under training.LightRatio of it on average
// (eased off: recovery weeks cut volume by 20-40%, science.md §8), and no
// week of the last 4 (this one included) ran more than
// training.HandledLoadShare (the top of the acute:chronic sweet spot,
// docs/science.md §3) of it: the class "a week back up at a level the
// runner ran a month or two ago, read as a jump". Against the year's
// median or the mean of the three weeks before, a runner who dipped after
// a big week, or whose year holds few such weeks, reads "1.5×" or "2×" the
// usual, and fatigue over fitness after the dip; a coach sees a volume
// handled within the chronic window (held-out real-145 2016-12-11: 41 km
// with a 22 km long run after 20-25 km weeks, 30-37 km weeks four to seven
// weeks before, "1.6× your usual week"; real-175 2017-12-10: 58 km ten
// weeks into the log after 51 and 40 km weeks in it; real-101 2025-12-21:
// a triathlete's 31 km of running after a 28 km week in November). A week
// beyond that share, or a month that already ran beyond it, is measured as
// before: a jump is a jump; so is a week over a level held without
// easing off (weeks at 50 km, then 62: the streak and the ratio speak, as
// they did). Days all alike and how the runner feels still
// bar it (overreached: a build of the same runs every day at monotony 2
// and over, as the casebook's tired grinder's 45 to 77 km). A week under
// the level is not this class: the runner is not back up at it, and what
// the engine reads there (fatigue after a block at the level, a race's
// lull) is left to the rules that read it (held-out real-28 2025-07-20:
// 78 km of an ultra build after 83 and 86 km weeks, where seven weeks
// without a light week and days much alike were the case, the coach's
// second choice).
func (h *history) monthWithinLevel() bool {
	_, metres := h.weekRunStats(8)
	level := slices.Max(metres[4:])
	eased := (metres[1] + metres[2] + metres[3]) / 3
	return level > 0 && eased <= training.LightRatio*level && metres[0] >= level &&
		slices.Max(metres[:4]) <= training.HandledLoadShare*level
}

// repeatedPeakWeekM is the second-biggest rolling week of running over
// weeks 4 to seasonedWeeks-1 (the last 4 weeks are the ones being judged):
// a volume the runner has run at least twice; 0 when fewer than two weeks
// with running are known there.
func (h *history) repeatedPeakWeekM() float64 {
	_, metres := h.weekRunStats(seasonedWeeks)
	var first, second float64
	for _, d := range metres[4:] {
		switch {
		case d > first:
			first, second = d, first
		case d > second:
			second = d
		}
	}
	return second
}

// everydayLongShare: a run up to this share of the year's long run
// (yearLongRunM) is one of the runner's everyday runs (everydayWeek).
const everydayLongShare = 1.25

// everydayWeek reports whether the runs of the last 7 days are all the
// runner's everyday runs: none a race, none longer than everydayLongShare
// of the year's long run (yearLongRunM) or than the long run the runner
// reached in at least a quarter of their weeks before the last 4
// (regularLongRunM). The last 4 weeks' long runs are no measure: in a
// build they are the build (held-out real-28 2025-07-20: trail runs to 37
// km in an ultra build of 62-86 km weeks is no everyday week however big
// the weeks of the ultra build the year before).
func (h *history) everydayWeek(s *sigs) bool {
	long := h.yearLongRunM()
	if long <= 0 {
		return false
	}
	long = math.Max(everydayLongShare*long, h.regularLongRunM())
	week := h.runsWithin(7)
	if len(week) == 0 {
		return false
	}
	for _, r := range week {
		if r.DistanceM > long || h.isRace(r) {
			return false
		}
	}
	return true
}

// regularLongShare: the share of the weeks with a run, among rolling weeks
// 4 to 51, whose longest run makes a length one the runner runs regularly
// (regularLongRunM).
const regularLongShare = 0.25

// regularLongRunM is the longest run the runner reached in at least
// regularLongShare of their weeks with running among rolling weeks 4 to
// 51 (the last 4 weeks, the ones being judged, left out): the upper
// quartile of those weeks' longest runs; 0 with fewer than
// seasonedMinWeeks such weeks. A runner whose weeks are 8-12 km runs with
// a 16 km run every third or fourth week runs 16 km as a matter of course:
// a week of the runs they always run, back at the peak weeks they have run
// twice, is their running (held-out real-129 2025-08-10: 36, 43 and 48 km
// weeks of four runs to 14.8 km at 7:00/km in August heat, after 44-53 km
// weeks and 16-21 km long runs in the year before; his year's long run was
// 10.4 km, so 13.7 and 14.8 km runs were "beyond the everyday" and the
// week overreached).
func (h *history) regularLongRunM() float64 {
	ran := h.weekLongestRuns(4)
	if len(ran) < seasonedMinWeeks {
		return 0
	}
	slices.Sort(ran)
	slices.Reverse(ran)
	return ran[int(math.Ceil(regularLongShare*float64(len(ran))))-1]
}

// yearLongRunM is the median, over the rolling weeks of the past year
// that hold a run, of each week's longest run; 0 when none does.
func (h *history) yearLongRunM() float64 {
	ran := h.weekLongestRuns(0)
	if len(ran) == 0 {
		return 0
	}
	slices.Sort(ran)
	return ran[len(ran)/2]
}

// weekLongestRuns is each rolling week's longest run over weeks from to 51
// of the past year, for the weeks that hold a run, most recent week first.
func (h *history) weekLongestRuns(from int) []float64 {
	var longest [52]float64
	for _, r := range h.runs {
		if w := h.weekOf(r.Start); w >= from && w < len(longest) {
			longest[w] = math.Max(longest[w], r.DistanceM)
		}
	}
	var ran []float64
	for _, m := range longest[from:] {
		if m > 0 {
			ran = append(ran, m)
		}
	}
	return ran
}

// seasonedWeekM is the runner's seasonedWeekShare percentile week of
// running distance over rolling weeks 4 to seasonedWeeks-1 (the last 4
// weeks are the build being judged), counting the weeks with a run; 0
// when fewer than seasonedMinWeeks such weeks are known.
func (h *history) seasonedWeekM() float64 { return h.seasonedWeekOver(seasonedWeeks) }

// heldYearAbove reports whether running of m metres a week is over
// plateauShare of the in-season week of the past year alone (rolling
// weeks 4 to HabitWeeks+3, seasonedWeekOver): the low level has held for
// the whole year (fading's plateau).
func (h *history) heldYearAbove(m float64) bool {
	year := h.seasonedWeekOver(training.HabitWeeks + 4)
	return year > 0 && m > plateauShare*year
}

// seasonedWeekOver is seasonedWeekM over rolling weeks 4 to weeks-1.
func (h *history) seasonedWeekOver(weeks int) float64 {
	_, metres := h.weekRunStats(weeks)
	var ran []float64
	for _, d := range metres[4:] {
		if d > 0 {
			ran = append(ran, d)
		}
	}
	if len(ran) < seasonedMinWeeks {
		return 0
	}
	slices.Sort(ran)
	return ran[int(seasonedWeekShare*float64(len(ran)-1))]
}

// liftShare: a week at this share of the usual week or more, in more runs
// than the usual week, lifts the running (liftLongAfterRace);
// liftRaceWeeks is how long ago the last race must lie.
const (
	liftShare     = 1.5
	liftRaceWeeks = 26
)

// liftLongAfterRace reports whether goalless g is only the hunch of a race
// liftRaceWeeks or more ago (no big race's lull in its evidence) while the
// running lifts: the last two rolling weeks each at liftShare of the usual
// week's distance or more, each in more runs than the usual week.
func (h *history) liftLongAfterRace(g DiagnosisResult) bool {
	if len(g.Evidence) == 0 || g.Evidence[0].Signal != SigWeeksSinceRace || g.Evidence[0].Value < liftRaceWeeks {
		return false
	}
	if raceLull(g.Evidence) {
		return false
	}
	u, ur := h.habit.UsualDistanceM, math.Round(h.habit.UsualRuns)
	if u <= 0 {
		return false
	}
	runs, metres := h.weekRunStats(2)
	for w := range 2 {
		if metres[w] < liftShare*u || float64(runs[w]) <= ur {
			return false
		}
	}
	return true
}

// raceLull reports whether goalless evidence evs judges a big race's lull
// (goallessFrom's "it was a big one and nothing has replaced it", or the
// stop after the season's longest run), not only the weeks since a race.
func raceLull(evs []Evidence) bool {
	return slices.ContainsFunc(evs, func(e Evidence) bool { return e.Signal == "last_race_distance_km" })
}

// handledWeekMonotony is Foster's monotony (training.Monotony, of all the
// load, as the week's own) of the week that training.Habit's HandledLoad
// comes from: the biggest of rolling weeks 2 to training.HandledWeeks back
// that the runner ran on from (the highest such monotony when two weeks
// hold its distance); 0 when none is known.
func (h *history) handledWeekMonotony() float64 {
	if h.habit.HandledDistanceM <= 0 {
		return 0
	}
	_, metres := h.weekRunStats(training.HandledWeeks + 1)
	var best float64
	for w := 2; w <= training.HandledWeeks; w++ {
		if math.Abs(metres[w]-h.habit.HandledDistanceM) > 1 {
			continue
		}
		last := len(h.load) - 1 - 7*w
		if last-6 < 0 {
			continue
		}
		if m, _, _, ok := training.Monotony(h.load[last-6 : last+1]); ok {
			best = math.Max(best, m)
		}
	}
	return best
}

// A keen week inside a big race's recovery days (lullNotOpen): this week's
// running at lullKeenShare of the usual week or more, up to lullSpikeShare
// (a week several times the usual is a spike to judge, not a habit held).
const (
	lullKeenShare  = 1.1
	lullSpikeShare = 2.0
)

// lullNotOpen reports whether big race r has left no lull yet: the as-of
// day still inside its recovery days (rec, raceRecoveryOf) and this week's
// running over the usual week (lullKeenShare, lullSpikeShare). The class: a
// keen runner one to three weeks after a half, a marathon or a trail race,
// running more than their usual week again, read as "it was a big one and
// nothing has replaced it" at the lull's floor because nothing else stands
// out, where a coach sees the habit holding after the big day (real-186
// 2018-11-04: 51 km this week eight days after a 43 km marathon-length run;
// real-173 2023-11-19, real-151 2024-12-22). Past the recovery days, or at
// the usual week or under it, the lull's question stays: coaches call
// goalless there (real-26 2025-03-20, real-184 2025-09-07, real-149
// 2023-11-26: 0.99-1.08x the usual weeks after a marathon or longer; a trail
// race's 1.4x weeks three weeks on, TestBuildingPastATrailRaceOnTheFeet).
func (h *history) lullNotOpen(r *Session, rec int) bool {
	u := h.habit.UsualDistanceM
	t := h.habit.ThisDistanceM
	return u > 0 && h.daysAgo(r.Start) < rec && t >= lullKeenShare*u && t <= lullSpikeShare*u
}
