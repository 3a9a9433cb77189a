package spark

import (
	"cmp"
	"fmt"
	"math"
	"rekindle/internal/units"
	"slices"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/locale"
	"rekindle/internal/plan"
	"rekindle/internal/training"
)

// fit says how well a strategy answers a diagnosis (0–1).
var fit = map[rekindle.Diagnosis]map[rekindle.Strategy]float64{
	rekindle.DiagnosisOverreached: {
		rekindle.StrategyRest: 1, rekindle.StrategyCrossTraining: 0.45, rekindle.StrategyCoach: 0.4, rekindle.StrategyGratitude: 0.2,
	},
	rekindle.DiagnosisStaleRoutine: {
		rekindle.StrategyVariety: 1, rekindle.StrategyCrossTraining: 0.4, rekindle.StrategyRace: 0.3, rekindle.StrategyReward: 0.2, rekindle.StrategyChallenge: 0.2,
	},
	rekindle.DiagnosisUnderstimulated: {
		rekindle.StrategyChallenge: 1, rekindle.StrategyRace: 0.6, rekindle.StrategyCrossTraining: 0.3, rekindle.StrategyVariety: 0.2,
	},
	rekindle.DiagnosisGoalless: {
		rekindle.StrategyRace: 1, rekindle.StrategyChallenge: 0.4, rekindle.StrategyCoach: 0.3, rekindle.StrategyReward: 0.2,
	},
	rekindle.DiagnosisFading: {
		rekindle.StrategyReward: 0.8, rekindle.StrategyVariety: 0.6, rekindle.StrategyGratitude: 0.55, rekindle.StrategyRace: 0.45, rekindle.StrategyCoach: 0.4, rekindle.StrategyCrossTraining: 0.35,
	},
	rekindle.DiagnosisLowEnjoyment: {
		rekindle.StrategyVariety: 0.5, rekindle.StrategyRest: 0.5, rekindle.StrategyReward: 0.5, rekindle.StrategyGratitude: 0.5, rekindle.StrategyCoach: 0.4, rekindle.StrategyCrossTraining: 0.4,
	},
	rekindle.DiagnosisReturning: {
		rekindle.StrategyRace: 1, rekindle.StrategyReward: 0.35, rekindle.StrategyGratitude: 0.3, rekindle.StrategyCoach: 0.3,
	},
	// All is well: little to say; a goal on the calendar keeps it that way.
	rekindle.DiagnosisSparked: {
		rekindle.StrategyRace: 0.3, rekindle.StrategyGratitude: 0.25, rekindle.StrategyReward: 0.15,
	},
}

// fitReturningEarly is how well each strategy answers the returning
// diagnosis when a race goal is premature (comebackGoalEarly): the build
// with a reward at its end leads, the race waits.
var fitReturningEarly = map[rekindle.Strategy]float64{
	rekindle.StrategyReward: 1, rekindle.StrategyRace: 0.35, rekindle.StrategyGratitude: 0.3, rekindle.StrategyCoach: 0.3,
}

// Ranking constants.
const (
	urgentScore = 0.3  // a recommendation at least this strong is urgent (never when sparked)
	baseScore   = 0.05 // every strategy stays available as a next idea
	// bigRaceRestDays is how long after a big race (bigRaceM or longer, up
	// to a marathon; restFirstDays for longer ones) recovery leads the
	// recommendations.
	bigRaceRestDays = 7
	maxRecs         = 6
	maxSparkedRecs  = 2
	workedBonus     = 1.3
	oldFailPenalty  = 0.7
	// altWeight ranks a strategy's alternative idea below the main ideas of
	// the other fitting strategies, so the list offers different kinds of help.
	altWeight = 0.55
)

// candidate is a recommendation before ranking.
type candidate struct {
	Recommendation
	weight float64 // within its strategy: 1 for the main idea, less for alternatives
	stock  bool    // not built from the runner's data (see stockIdeas)
}

func recommend(h *history, s *sigs, diags []DiagnosisResult, exps []ExperimentStatus) []Recommendation {
	if len(h.runs) < minRuns {
		return []Recommendation{}
	}
	sparked := len(diags) == 1 && diags[0].Key == rekindle.DiagnosisSparked
	score := map[rekindle.Strategy]float64{}
	why := map[rekindle.Strategy][]Evidence{}
	for _, st := range rekindle.Strategies {
		if !sparked {
			score[st] = baseScore
		}
	}
	early := h.comebackGoalEarly(s)
	for _, d := range diags {
		fits := fit[d.Key]
		if d.Key == rekindle.DiagnosisReturning && early != "" {
			fits = fitReturningEarly
		}
		for st, f := range fits {
			// Squared confidence: the clearest diagnosis leads, several
			// middling ones do not outvote it.
			score[st] += d.Confidence * d.Confidence * f
			if f >= 0.45 && d.Key != rekindle.DiagnosisSparked {
				why[st] = append(why[st], d.Evidence...)
			}
		}
	}
	// While a race goal is premature for a returning runner
	// (comebackGoalEarly), the race waits below the build and its reward,
	// whatever else asks for a goal: a goalless read of the same break
	// ("17 weeks since your last race") is the break, not a call to enter
	// one (held-out real-123 2024-03-10: week 2 back after eleven weeks).
	if early != "" && score[rekindle.StrategyRace] >= score[rekindle.StrategyReward] {
		score[rekindle.StrategyRace] = 0.9 * score[rekindle.StrategyReward]
	}
	// The break was the rest, unless the runner has raced since it: a big
	// race run on the way back needs its recovery like any other (held-out
	// real-29: a half two days earlier, five weeks after the last run
	// before it, got "race" on top), even when it is part of the comeback
	// (racedSinceBreak: a race in the first weeks back).
	if h.habit.Returning && !h.racedSinceBreak(s) && !h.restFirst(s) {
		score[rekindle.StrategyRest] = 0
		if h.injuredReturn() {
			// A comeback from an injury the runner named: someone who
			// treats it first, the goal race once the legs are whole.
			top := 0.0
			for _, v := range score {
				top = max(top, v)
			}
			score[rekindle.StrategyRace] *= 0.3
			score[rekindle.StrategyCoach] = max(score[rekindle.StrategyCoach], 1.05*top)
		}
	} else if h.restFirst(s) {
		// The first days after a big race: recover first (an easy week),
		// the next race comes once recovered (held-out real-18, real-19,
		// real-20: a race on top the day after a half).
		top := 0.0
		for _, v := range score {
			top = max(top, v)
		}
		score[rekindle.StrategyRace] *= 0.3
		score[rekindle.StrategyChallenge] *= 0.3
		score[rekindle.StrategyRest] = max(score[rekindle.StrategyRest], 1.05*top)
	}
	// What has and has not worked for this runner.
	excludedRec := map[string]bool{}
	excludedStrategy := map[rekindle.Strategy]bool{}
	for _, e := range exps {
		switch e.Outcome {
		case OutcomeWatching:
			excludedRec[e.RecID] = true
			score[e.Strategy] *= 0.5
		case OutcomeWorked:
			if h.daysAgo(e.ends) < 365 {
				score[e.Strategy] *= workedBonus
			}
		case OutcomeAbandoned:
			// Given up: this idea stays away as a failed one would; the
			// strategy's other ideas do not.
			if h.daysAgo(e.ends) < failedDays {
				excludedRec[e.RecID] = true
			}
		case OutcomeNoChange, OutcomeWorse:
			if h.daysAgo(e.ends) < failedDays {
				excludedStrategy[e.Strategy] = true
			} else {
				score[e.Strategy] *= oldFailPenalty
			}
		}
	}
	for _, e := range h.in.Experiments {
		if !e.At.Before(h.end) {
			continue
		}
		switch e.State {
		case StateDismissed:
			if h.daysAgo(e.At) < dismissDays {
				excludedRec[e.RecID] = true
			}
		case StateSnoozed:
			until := e.Until
			if until.IsZero() {
				until = e.At.AddDate(0, 0, DefaultSnoozeDays)
			}
			if until.After(h.asOfDay) {
				excludedRec[e.RecID] = true
			}
		}
	}

	var cands []candidate
	for _, st := range rekindle.Strategies {
		if excludedStrategy[st] || score[st] <= 0 {
			continue
		}
		for _, c := range generate(h, s, st, diags) {
			if excludedRec[c.ID] {
				continue
			}
			c.Score = round(score[st]*c.weight*h.repeatFactor(&c), 3)
			c.Strategy = st
			c.Evidence = dedupe(why[st])
			c.Why = composeWhy(c.Evidence, c.Why)
			c.Urgent = !sparked && c.Score >= urgentScore
			c.Actions = cardActions(c.Plan, c.Actions, h.unit, h.lc)
			cands = append(cands, c)
		}
	}
	slices.SortStableFunc(cands, func(a, b candidate) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		if c := slices.Index(rekindle.Strategies, a.Strategy) - slices.Index(rekindle.Strategies, b.Strategy); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	limit := maxRecs
	if sparked {
		limit = maxSparkedRecs
	}
	out := []Recommendation{}
	for _, c := range cands {
		if len(out) == limit {
			break
		}
		out = append(out, c.Recommendation)
	}
	return out
}

// cardActions is what an idea's card says: first its dated sessions, each
// as the plan will show it (plan.Describe) — the card and the plan are one
// value — then the notes that are not sessions (alternatives, predictions).
func cardActions(ss []plan.Session, notes []string, u rekindle.Unit, lc locale.Locale) []string {
	out := append(plan.Describes(ss, u, lc), notes...)
	if out == nil {
		out = []string{}
	}
	return out
}

func dedupe(evs []Evidence) []Evidence {
	out := []Evidence{}
	seen := map[string]bool{}
	for _, e := range evs {
		if !seen[e.Text] {
			seen[e.Text] = true
			out = append(out, e)
		}
	}
	return out
}

// composeWhy quotes up to four facts, then the idea's own reason.
func composeWhy(evs []Evidence, reason string) string {
	var facts []string
	for _, e := range evs {
		if len(facts) == 4 {
			break
		}
		facts = append(facts, e.Text)
	}
	if len(facts) == 0 {
		return reason
	}
	s := strings.Join(facts, "; ")
	return upperFirst(s) + ". " + reason
}

// lowerFirst lower-cases the first letter.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// upperFirst capitalises the first letter.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// generate makes the concrete ideas of one strategy.
func generate(h *history, s *sigs, st rekindle.Strategy, diags []DiagnosisResult) []candidate {
	switch st {
	case rekindle.StrategyRest:
		return restIdeas(h, s, diags)
	case rekindle.StrategyChallenge:
		if h.habit.Returning {
			return nil // no intervals at the paces of before the break: the build is in the goal
		}
		return challengeIdeas(h, s)
	case rekindle.StrategyVariety:
		return varietyIdeas(h, s)
	case rekindle.StrategyRace:
		if h.habit.Returning {
			return comebackRace(h, s)
		}
		return raceIdeas(h, s)
	case rekindle.StrategyReward:
		if early := h.comebackGoalEarly(s); early != "" {
			return comebackReward(h, s, early)
		}
		return rewardIdeas(h, s)
	case rekindle.StrategyCrossTraining:
		return crossIdeas(h, s)
	case rekindle.StrategyGratitude:
		return gratitudeIdeas(h, s)
	case rekindle.StrategyCoach:
		return coachIdeas(h, s)
	}
	return nil
}

func idea(id, title, reason string, weight float64, actions ...string) candidate {
	return candidate{Recommendation: Recommendation{ID: id, Title: title, Why: reason, Actions: actions}, weight: weight}
}

// tomorrow is the first day of any plan.
func (h *history) tomorrow() time.Time { return h.asOfDay.AddDate(0, 0, 1) }

// nextWeekday is the first date after AsOf falling on wd.
func (h *history) nextWeekday(wd time.Weekday) time.Time {
	d := h.tomorrow()
	for d.Weekday() != wd {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// usualRunOn is the runner's usual run on d's weekday, or their usual run
// (the usual week over its runs) when they do not usually run that day.
func (h *history) usualRunOn(s *sigs, d time.Time) float64 {
	week := h.usualPlan(s)
	var sum float64
	for _, p := range week {
		if p.Day == d.Weekday() {
			return h.roundDist(p.DistanceM)
		}
		sum += p.DistanceM
	}
	if len(week) == 0 {
		return 5000
	}
	return h.roundDist(sum / float64(len(week)))
}

// nextRunDay is the first of the runner's usual running days after AsOf
// (tomorrow when they have none).
func (h *history) nextRunDay(s *sigs) time.Time {
	days := map[time.Weekday]bool{}
	for _, p := range h.usualPlan(s) {
		days[p.Day] = true
	}
	for i := range 7 {
		if d := h.tomorrow().AddDate(0, 0, i); days[d.Weekday()] {
			return d
		}
	}
	return h.tomorrow()
}

// usualPlan returns the runner's usual week, or, when no weekday stands out
// in the last 4 weeks, one made from runs per week and the usual weekly
// distance on the weekdays they ran on most in the last 8 weeks (the same
// rule, training.UsualRunDays: never more days than they run a week).
func (h *history) usualPlan(s *sigs) []plannedDay {
	if len(s.weekPlan) >= 2 {
		return s.weekPlan
	}
	perWeek := s.get(SigRunsPerWeek)
	if math.IsNaN(perWeek) || perWeek <= 0 {
		perWeek = 1
	}
	n := max(1, min(6, int(math.Ceil(perWeek-0.5))))
	week := s.get(SigUsualWeekKm) * 1000
	if math.IsNaN(week) || week == 0 {
		week = s.get(SigKmPerWeek) * 1000
	}
	if math.IsNaN(week) || week == 0 {
		week = 5000 * float64(n)
	}
	var weeks [7]int
	var dist [7]float64
	dates := map[int]bool{}
	for _, r := range h.runsWithin(56) {
		wd := r.Start.In(h.loc).Weekday()
		dist[wd] = max(dist[wd], r.DistanceM)
		if d := civilDay(r.Start, h.loc); !dates[d] {
			dates[d] = true
			weeks[wd]++
		}
	}
	days := training.UsualRunDays(weeks, dist, 1, float64(n))
	for _, d := range []time.Weekday{time.Tuesday, time.Saturday, time.Thursday, time.Sunday, time.Monday, time.Wednesday} {
		if len(days) < n && !slices.Contains(days, d) {
			days = append(days, d)
		}
	}
	slices.Sort(days)
	plan := make([]plannedDay, len(days))
	long := 0
	for i, d := range days {
		plan[i] = plannedDay{Day: d, DistanceM: week / float64(len(days))}
		if dist[d] > dist[days[long]] {
			long = i
		}
	}
	if len(plan) > 1 {
		plan[long].DistanceM *= 1.4
		plan[long].Long = true
	}
	return plan
}

// lightWeekBase is the load a light week is cut from: the lower of the
// last 4 rolling weeks' average distance and the last 7 days' distance
// (runs only, the signals SigKmPerWeek and SigWeekKm), or the usual week
// when neither is known. than words it with its value, for the card:
// "your last 4 weeks' average of 38.4 km", "your last 7 days' 30.2 km".
func lightWeekBase(s *sigs, usual float64) (base float64, than func(dist string) string) {
	avg := s.get(SigKmPerWeek) * 1000
	week := s.get(SigWeekKm) * 1000
	switch {
	case week > 0 && (!(avg > 0) || week < avg):
		return week, func(d string) string { return "your last 7 days' " + d }
	case avg > 0:
		return avg, func(d string) string { return "your last 4 weeks' average of " + d }
	}
	return usual, func(d string) string { return "your usual week of " + d }
}

func restIdeas(h *history, s *sigs, diags []DiagnosisResult) []candidate {
	week := h.usualPlan(s)
	byDay := map[time.Weekday]plannedDay{}
	var usual float64
	for _, p := range week {
		byDay[p.Day] = p
		usual += p.DistanceM
	}
	// The light week is cut from the real recent load (issue 13): 75% of
	// the lower of the last 4 rolling weeks' average (SigKmPerWeek) and the
	// last 7 days (SigWeekKm), runs only, so it is always lighter than the
	// week it replaces. The usual week (usualPlan) only gives its shape:
	// which days, which one is long. The card's words name that base and
	// its value, and the sessions are cut from it (one value, two views).
	base, than := lightWeekBase(s, usual)
	scale := 0.75
	if usual > 0 {
		scale = 0.75 * base / usual
	}
	v := s.get(SigVDOT)
	var actions []string
	var sessions []plan.Session
	var total float64
	for i := range 7 {
		d := h.tomorrow().AddDate(0, 0, i)
		p, ok := byDay[d.Weekday()]
		if !ok {
			sessions = append(sessions, planned(d, plan.KindRest, 0, "light week"))
			continue
		}
		km := h.roundDist(scale * p.DistanceM)
		if km <= 0 {
			sessions = append(sessions, planned(d, plan.KindRest, 0, "light week"))
			continue
		}
		total += km
		switch {
		case p.Quality && v > 0 && km >= 5000:
			reps := max(3, min(6, int(km/units.Metres(h.unit)/2)))
			tp := h.thresholdSpeed(v)
			q := planned(d, plan.KindQuality, km, fmt.Sprintf("light week: %d × 1 %s at threshold pace %s, jog 2 min between (the one quality session you keep)", reps, units.Name(h.unit), h.pace(tp)))
			sessions = append(sessions, q)
		case p.Quality:
			sessions = append(sessions, planned(d, plan.KindQuality, km, "light week: your usual quality session, shorter (the one you keep)"))
		case p.Long:
			sessions = append(sessions, planned(d, plan.KindLong, km, "light week: your long run, shorter"))
		default:
			sessions = append(sessions, planned(d, plan.KindEasy, km, "light week"))
		}
	}
	// Rounding each day may not lift the week to the one it replaces.
	if recent := s.get(SigWeekKm) * 1000; recent > 0 && total >= recent {
		for i := len(sessions) - 1; i >= 0 && total >= recent; i-- {
			if sessions[i].DistanceM > 0 {
				cutM := min(sessions[i].DistanceM, total-recent+h.roundDist(100))
				sessions[i].DistanceM -= cutM
				total -= cutM
				if sessions[i].DistanceM <= 0 {
					sessions[i].Sport, sessions[i].Kind, sessions[i].Note = "", plan.KindRest, "light week"
				}
			}
		}
	}
	cut := 0.0
	if base > 0 {
		cut = (1 - total/base) * 100
	}
	actions = append(actions, fmt.Sprintf("Total %s instead of %s (−%.0f%%); back to normal the week after if you feel like running again", h.dist(total), than(h.dist(base)), cut))
	light := idea("rest-light-week", fmt.Sprintf("Take a light week: %s, %.0f%% less than %s", h.dist(total), cut, than(h.dist(base))),
		"A light week lets the training you have done sink in, and gives you a chance to miss running.", 1, actions...)
	light.Plan = sessions

	off := 2
	hurt := false // the runner says it hurts (saysHurt): overreached led by their words
	for _, d := range diags {
		if d.Key == rekindle.DiagnosisOverreached && d.Confidence >= 0.7 {
			off = 3
		}
		if d.Key == rekindle.DiagnosisOverreached && len(d.Evidence) > 0 && d.Evidence[0].Signal == SigSaysHurt {
			hurt = true
		}
	}
	if hurt {
		off = 3
	}
	first, last := h.tomorrow(), h.tomorrow().AddDate(0, 0, off-1)
	shortest := math.Inf(1)
	for _, p := range week {
		shortest = min(shortest, p.DistanceM)
	}
	back := first.AddDate(0, 0, off)
	days := idea("rest-days-off", fmt.Sprintf("Take %d days off running", off),
		"A few days without running is the quickest way to find out whether you miss it.", altWeight,
		fmt.Sprintf("On the last day off (%s), note how much you wanted to run: missing it is the point", h.day(last)))
	if hurt {
		// A pain that goes on wants days without running before a shorter
		// week of the same runs: the days off come first, and what to do
		// if it still hurts after them.
		days = idea("rest-days-off", fmt.Sprintf("Take %d days off running", off),
			"A pain that goes on needs days without running to settle, not a shorter week of the same runs.", 1,
			fmt.Sprintf("On the last day off (%s), run easy only if it no longer hurts; if it still does, see someone who treats running injuries before you run again", h.day(last)))
		light.weight = altWeight
	}
	for i := range off {
		days.Plan = append(days.Plan, planned(first.AddDate(0, 0, i), plan.KindRest, 0, "days off running (a walk is fine)"))
	}
	days.Plan = append(days.Plan, planned(back, plan.KindEasy, h.roundDist(shortest), "easy by feel, no watch pace"))
	return []candidate{light, days}
}

func challengeIdeas(h *history, s *sigs) []candidate {
	var out []candidate
	if _, recovering := h.raceRecovery(s); s.usualLongM > 0 && !recovering {
		target := s.usualLongM + h.step()
		capped := false
		if s.longest30M > 0 && target > 1.1*s.longest30M {
			target, capped = 1.1*s.longest30M, true
		}
		target = h.roundDist(target)
		longDay := time.Sunday
		var best float64
		for _, p := range s.weekPlan {
			if p.DistanceM > best {
				best, longDay = p.DistanceM, p.Day
			}
		}
		var acts []string
		if capped {
			acts = append(acts, fmt.Sprintf("Capped at 10%% over your longest run of the last 30 days (%s): bigger jumps than your recent pattern are not worth it", h.dist(s.longest30M)))
		}
		lr := planned(h.nextWeekday(longDay), plan.KindLong, target, fmt.Sprintf("your usual long run is %s: keep it easy", h.dist(s.usualLongM)))
		if v := s.get(SigVDOT); v > 0 {
			lr.PaceMS = training.SpeedAtVO2Fraction(v, 0.70)
			acts = append(acts, "The pace is your easy pace from your VDOT "+s.said(SigVDOT))
		}
		long := idea("challenge-long-run", fmt.Sprintf("Stretch your long run to %s", h.dist(target)),
			"You are fresh and your training has gone flat: a little more is a new thing to aim at.", altWeight, acts...)
		long.Plan = []plan.Session{lr}
		out = append(out, long)
	}
	quality := time.Tuesday
	if len(s.weekPlan) > 0 {
		quality = s.weekPlan[0].Day
		for _, p := range s.weekPlan {
			if p.Quality || p.Long {
				quality = p.Day
			}
		}
	}
	d := h.nextWeekday(quality)
	if v := s.get(SigVDOT); v > 0 {
		ip, tp := training.SpeedAtVO2Fraction(v, 0.975), h.thresholdSpeed(v)
		// How VDOT was found, when training says: a race, or the hardest
		// run of the year for a runner with no race result.
		found := ""
		if tr := h.in.Training; tr != nil && tr.VDOTFound != "" {
			found = " (" + tr.VDOTFound + ")"
		}
		why := fmt.Sprintf("Your VDOT of %s%s gives interval pace %s and threshold pace %s.", s.said(SigVDOT), found, h.pace(ip), h.pace(tp))
		if tr := h.in.Training; tr != nil && tr.ThresholdSpeedMS > 0 {
			why = fmt.Sprintf("Your VDOT of %s%s gives interval pace %s; your threshold pace (Settings) is %s.", s.said(SigVDOT), found, h.pace(ip), h.pace(tp))
		}
		iv := idea("challenge-intervals", "Run an interval session at your own paces", why, 1,
			fmt.Sprintf("Or on a track: 8 × 400 m in %s with 200 m jog", units.Clock(400/ip)))
		// A warm-up + 5 × (1 + 0.4) km + a cool-down; the same either side of 30 min at threshold with 2 × 2 min jogs at easy pace.
		wu := h.warmUpM()
		first := planned(d, plan.KindQuality, h.roundDist(2*wu+7000), fmt.Sprintf("%s warm-up, 5 × 1000 m at %s (interval pace) with 400 m jog, %s cool-down", h.warmUp(), h.pace(ip), h.warmUp()))
		first.PaceMS = ip
		second := planned(d.AddDate(0, 0, 7), plan.KindQuality, h.roundDist(2*wu+1800*tp+240*training.SpeedAtVO2Fraction(v, 0.70)), fmt.Sprintf("%s warm-up, 3 × 10 min at %s (threshold pace) with 2 min jog, %s cool-down", h.warmUp(), h.pace(tp), h.warmUp()))
		second.PaceMS = tp
		iv.Plan = []plan.Session{first, second}
		out = append(out, iv)
	} else {
		iv := idea("challenge-intervals", "Add some speed to one run a week",
			"A little speed changes how a run feels and gives you a number to beat.", 1,
			"After the second week, time a 5K to set your paces")
		// 10 min warm-up, 22 min of reps and jogs, 10 min cool-down.
		iv.Plan = []plan.Session{
			{Day: d.Format(time.DateOnly), Sport: rekindle.SportRunning, Kind: plan.KindQuality, DurationS: 42 * 60, Note: "10 min easy, 8 × 1 min brisk with 2 min easy between, 10 min easy"},
			{Day: d.AddDate(0, 0, 7).Format(time.DateOnly), Sport: rekindle.SportRunning, Kind: plan.KindQuality, DurationS: 42 * 60, Note: "10 min easy, 6 × 2 min brisk with 2 min easy between, 10 min easy"},
		}
		out = append(out, iv)
	}
	// A small add-on after easy runs: strides and a strength session.
	days := s.usualDays
	if len(days) < 2 {
		days = []time.Weekday{time.Tuesday, time.Saturday}
	}
	first, second := h.nextWeekday(days[0]), h.nextWeekday(days[1])
	if second.Before(first) {
		first, second = second, first
	}
	addOn := idea("challenge-add-on", "Finish two easy runs with something extra",
		"A few minutes after an easy run add challenge without adding tiredness.", altWeight*0.9)
	easy := h.usualRunOn(s, first)
	addOn.Plan = []plan.Session{
		planned(first, plan.KindEasy, easy, "then 6 × 20 s strides on a flat stretch, walking back between"),
		planned(second, plan.KindEasy, h.usualRunOn(s, second), "then 15 min of strength: squats, lunges, calf raises, a plank"),
	}
	out = append(out, addOn)
	return out
}

func varietyIdeas(h *history, s *sigs) []candidate {
	var out []candidate
	usual := s.usualLongM
	if r := s.get(SigKmPerWeek); r > 0 && s.get(SigRunsPerWeek) > 0 {
		usual = r * 1000 / s.get(SigRunsPerWeek)
	}
	limit, limitWhy := h.distanceCap(s)
	if limit > 0 {
		usual = math.Min(usual, limit)
	}
	var acts []string
	var opts []RouteOption
	var loops []Loop
	for _, o := range h.in.Routes {
		if limit <= 0 || o.DistanceM <= limit {
			opts = append(opts, o)
		}
	}
	// The run this idea writes: on the next usual running day, on the
	// best new route when the street graph gave one, else on the route run
	// least, else a new loop of the usual length.
	runDay := h.nextRunDay(s)
	var run plan.Session
	if len(opts) > 0 {
		slices.SortStableFunc(opts, func(a, b RouteOption) int { return cmp.Compare(b.NewShare, a.NewShare) })
		o := opts[0]
		run = planned(runDay, plan.KindEasy, h.roundDist(o.DistanceM), "somewhere new")
		run.Route = &plan.Route{Name: o.Name, DistanceM: o.DistanceM, NewShare: o.NewShare, Points: o.Points}
		for _, o := range opts[:min(3, len(opts))] {
			loops = append(loops, Loop{Name: o.Name, DistanceM: o.DistanceM, NewShare: o.NewShare, Link: o.Link})
		}
		for _, o := range opts[1:min(3, len(opts))] {
			a := fmt.Sprintf("Or %s: %s", lowerFirst(o.Name), h.dist(o.DistanceM))
			if o.NewShare > 0 {
				a += fmt.Sprintf(", %s of it on streets you have never run", pct(o.NewShare))
			}
			acts = append(acts, a)
		}
	} else if len(s.routeCounts) > 1 {
		type known struct {
			key  string
			n    int
			last time.Time
		}
		var ks []known
		for k, n := range s.routeCounts {
			if k != s.topRouteKey {
				ks = append(ks, known{k, n, s.routeLastRun[k]})
			}
		}
		slices.SortStableFunc(ks, func(a, b known) int {
			if a.n != b.n {
				return a.n - b.n
			}
			if c := a.last.Compare(b.last); c != 0 {
				return c
			}
			return strings.Compare(a.key, b.key)
		})
		for i, k := range ks[:min(3, len(ks))] {
			name := s.routeNames[k.key]
			if name == "" {
				name = "the route of " + h.lc.Date(k.last.In(h.loc))
			}
			times := fmt.Sprintf("%d times", k.n)
			if k.n == 1 {
				times = "once"
			}
			seen := fmt.Sprintf("run %s, last on %s", times, h.lc.Date(k.last.In(h.loc)))
			if i == 0 {
				run = planned(runDay, plan.KindEasy, h.roundDist(s.routeDistM[k.key]), "a route you rarely run: "+seen)
				run.Route = &plan.Route{Name: name, DistanceM: s.routeDistM[k.key]}
				continue
			}
			if !strings.Contains(name, " km ") && !strings.Contains(name, " mi ") {
				name += " (" + h.dist(s.routeDistM[k.key]) + ")"
			}
			acts = append(acts, fmt.Sprintf("Or %s: %s", name, seen))
		}
	}
	if run.Day == "" && usual > 0 {
		run = planned(runDay, plan.KindEasy, h.roundDist(usual), "a new loop from home in a direction you never take")
	}
	if usual > 0 {
		acts = append(acts, "Or a trail instead of the road, or run point-to-point to a café and ride home")
	}
	if limitWhy != "" && len(h.in.Routes) > len(opts) {
		acts = append(acts, upperFirst(limitWhy))
	}
	title := "Run somewhere new this week"
	if s.topRoute != "" && s.get(SigRouteRepeat) >= 0.45 {
		title = "Swap " + s.topRoute + " for somewhere new"
	}
	rt := idea("variety-route", title, "A new route is the cheapest way to make a run feel new again.", 1, acts...)
	if run.Day != "" {
		rt.Plan = []plan.Session{run}
	}
	rt.Loops = loops
	out = append(out, rt)

	var pacts []string
	group := "a club run"
	if hasParkrun(h.in.Country) {
		group = "a club run or parkrun"
	}
	company := planned(runDay, plan.KindEasy, h.usualRunOn(s, runDay), "with someone new: a friend, a colleague, or "+group)
	if a := s.get(SigAloneShare); a >= 0.6 {
		pacts = append(pacts, fmt.Sprintf("%s of your %d check-ins of the last 8 weeks were alone: invite a friend, or join %s this week", upperFirst(countOf(s.aloneN, s.checkInN)), s.checkInN, group))
	}
	if s.has(SigTimeRegular) {
		hr := s.usualHour
		other := "an evening run after 18:00"
		if hr >= 12 {
			other = "a morning run before 8:00"
		}
		pacts = append(pacts, fmt.Sprintf("You usually start around %02d:%02d: make one run this week %s", int(hr), int(math.Mod(hr, 1)*60), other))
	}
	pacts = append(pacts, "Try a new playlist or podcast, or leave the headphones at home")
	ct := idea("variety-company-time", "Change who you run with or when", "The same run with different company or at a different hour is a different run.", altWeight, pacts...)
	ct.Plan = []plan.Session{company}
	out = append(out, ct)
	return out
}

var raceDistances = []struct {
	name string
	m    float64
}{{"5K", 5000}, {"10K", 10000}, {"half marathon", 21097.5}}

func raceIdeas(h *history, s *sigs) []candidate {
	v := s.get(SigVDOT)
	from, to := h.asOfDay.AddDate(0, 0, 14), h.asOfDay.AddDate(0, 0, 28)
	var acts []string
	var picked *RaceOption
	for i := range h.in.Races {
		r := &h.in.Races[i]
		if r.Date.Before(from) || r.Date.After(to) {
			continue
		}
		if picked == nil || math.Abs(r.DistanceM-7500) < math.Abs(picked.DistanceM-7500) {
			picked = r
		}
	}
	title := "Pick a local 5K or 10K in the next 2–4 weeks"
	target := picked
	if picked != nil {
		title = fmt.Sprintf("Enter %s on %s", picked.Name, h.day(picked.Date))
		if picked.URL != "" {
			acts = append(acts, "Enter at "+picked.URL)
		}
	} else {
		// No race calendar: the idea still plans a race day — the first
		// Saturday of the window — and its taper; the runner finds a race
		// that weekend.
		sat := from
		for sat.Weekday() != time.Saturday {
			sat = sat.AddDate(0, 0, 1)
		}
		name := "a local 5K"
		a := fmt.Sprintf("Find a 5K or 10K that weekend, or between %s and %s, and move the day if yours is another", h.day(from), h.day(to))
		if hasParkrun(h.in.Country) {
			name = "a local 5K or parkrun"
			a += " (parkrun counts)"
		}
		target = &RaceOption{Name: name, Date: sat, DistanceM: 5000}
		title = fmt.Sprintf("Race %s on %s", name, h.day(sat))
		acts = append(acts, a)
	}
	if v > 0 {
		var preds []string
		for _, d := range raceDistances[:2] {
			preds = append(preds, fmt.Sprintf("%s %s", d.name, units.Clock(training.EquivalentTime(v, d.m))))
		}
		acts = append(acts, fmt.Sprintf("Predicted from your VDOT %s: %s", s.said(SigVDOT), strings.Join(preds, ", ")))
	} else {
		acts = append(acts, "No recent hard effort to predict from: run it to set your baseline")
	}
	reason := "A date on the calendar turns every run into a run towards something."
	if s.lastRace != nil {
		reason = fmt.Sprintf("Your last race was %s: a short one soon gives the weeks a point again.", h.raceLabel(s.lastRace))
		if _, within := h.raceRecovery(s); within {
			// Still in the days after it: "soon" would read as "now"
			// (held-out real-29 2024-05-26, a 10K that morning).
			reason = fmt.Sprintf("Your last race was %s, and the days after it are for recovering: once you have, a short one gives the weeks a point again.", h.raceLabel(s.lastRace))
		}
	}
	c := idea("race-local", title, reason, 1, acts...)
	c.Plan = h.racePlan(s, target)
	return []candidate{c}
}

func rewardIdeas(h *history, s *sigs) []candidate {
	if len(h.in.Gear) > 0 || len(h.in.Rewards) > 0 {
		return ledgerRewardIdeas(h, s)
	}
	gear := map[string]float64{}
	for _, r := range h.runs {
		if r.Gear != "" {
			gear[r.Gear] += r.DistanceM
		}
	}
	rate := s.get(SigRunsPerWeek)
	if math.IsNaN(rate) || rate < 1 {
		rate = 1
	}
	doing := fmt.Sprintf(" (you have been doing %s a week)", units.Count(s.get(SigRunsPerWeek), "", ""))
	if !s.has(SigRunsPerWeek) {
		doing = ""
	}
	target := int(math.Ceil(rate*2)) + 1
	var topGear string
	var topM float64
	for g, m := range gear {
		if m > topM || (m == topM && g < topGear) {
			topGear, topM = g, m
		}
	}
	due := h.asOfDay.AddDate(0, 0, 14)
	if topM >= 500000 {
		c := idea("reward-shoes", "Earn a new pair of shoes",
			fmt.Sprintf("Your %s have %s on them.", topGear, h.dist(topM)), 1)
		c.Plan = []plan.Session{
			step(h.tomorrow(), fmt.Sprintf("Promise yourself new shoes for %d runs in the next 2 weeks%s", target, doing)),
			step(due, fmt.Sprintf("%d runs done since %s? Buy the new pair, and give them their first run on a route you love", target, h.day(h.tomorrow()))),
		}
		return []candidate{c}
	}
	c := idea("reward-treat", "Promise yourself a treat for the next two weeks",
		"A small bribe is allowed: try it once, and move on if it does not help.", 1)
	c.Plan = treatSteps(h, target, doing, due)
	return []candidate{c}
}

// treatSteps are the dated steps of the treat idea: write the promise down
// tomorrow, take the reward on the day it is due.
func treatSteps(h *history, target int, doing string, due time.Time) []plan.Session {
	return []plan.Session{
		step(h.tomorrow(), fmt.Sprintf("Choose the reward and write it down: run %d times by %s%s", target, h.day(due), doing)),
		step(due, fmt.Sprintf("%d runs done since %s? Take the reward: a massage, a nice dinner, or a run with an old friend and breakfast after", target, h.day(h.tomorrow()))),
	}
}

// step is a dated step of an idea that is not training.
func step(d time.Time, note string) plan.Session {
	return plan.Session{Day: d.Format(time.DateOnly), Kind: plan.KindStep, Note: note}
}

var crossSports = []struct {
	sport rekindle.Sport
	name  string
}{
	{rekindle.SportYoga, "a yoga class"}, {rekindle.SportSpin, "a spin class"}, {rekindle.SportBarre, "a barre class"},
	{rekindle.SportAquaJogging, "aqua-jogging"}, {rekindle.SportPilates, "a pilates class"}, {rekindle.SportSwimming, "a swim"},
	{rekindle.SportStrength, "a strength session"}, {rekindle.SportCycling, "a bike ride"},
}

func crossIdeas(h *history, s *sigs) []candidate {
	tried := map[rekindle.Sport]bool{}
	for _, x := range h.sessions {
		tried[x.Sport] = true
	}
	runDays := map[time.Weekday]bool{}
	for _, d := range s.usualDays {
		runDays[d] = true
	}
	free := h.tomorrow()
	for i := range 7 {
		if d := h.tomorrow().AddDate(0, 0, i); !runDays[d.Weekday()] {
			free = d
			break
		}
	}
	var acts []string
	var sessions []plan.Session
	title := "Try a class you have never done"
	// Real classes from the runner's gym schedules, when given: the first
	// of each sport never logged, in the next two weeks. The first is the
	// class the idea writes into the plan, the others are alternatives.
	seen := map[rekindle.Sport]bool{}
	for _, c := range h.in.Classes {
		if tried[c.Sport] || seen[c.Sport] || !c.Start.After(h.end) || c.Start.After(h.end.AddDate(0, 0, 14)) || len(seen) == 3 {
			continue
		}
		seen[c.Sport] = true
		start := c.Start.In(h.loc)
		if len(sessions) == 0 {
			title = fmt.Sprintf("Try %s on %s", c.Name, h.day(start))
			note := c.Name
			if c.Why != "" {
				note += " — " + strings.TrimSuffix(lowerFirst(c.Why), ".")
			}
			cs := plan.Session{Day: start.Format(time.DateOnly), Sport: c.Sport, Kind: plan.KindCross, DurationS: 3600,
				Time: start.Format("15:04"), Place: c.Place, Note: note}
			if d := c.End.Sub(c.Start); d > 0 && d <= 8*time.Hour {
				cs.DurationS = d.Seconds()
			}
			sessions = append(sessions, cs)
			continue
		}
		a := fmt.Sprintf("Or %s %s: %s", h.day(start), start.Format("15:04"), c.Name)
		if c.Place != "" {
			a += ", " + c.Place
		}
		acts = append(acts, a)
	}
	// Without a real schedule, a stock list: the classes shown least
	// recently first (never shown before all), ties in a week-by-week
	// rotation, so the same three names do not come back every time.
	stock := len(seen) == 0
	if stock {
		k := h.weekIndex()
		order := make([]int, len(crossSports))
		last := make([]time.Time, len(crossSports))
		for i := range crossSports {
			order[i] = (i + k) % len(crossSports)
			last[order[i]] = h.lastShownItem("cross-new-class", crossSports[order[i]].name)
		}
		slices.SortStableFunc(order, func(a, b int) int { return last[a].Compare(last[b]) })
		for _, i := range order {
			c := crossSports[i]
			if tried[c.sport] || len(sessions)+len(acts) == 3 {
				continue
			}
			if len(sessions) == 0 {
				sessions = append(sessions, plan.Session{Day: free.Format(time.DateOnly), Sport: c.sport, Kind: plan.KindCross, DurationS: 3600,
					Note: c.name + ": you have never logged one"})
				continue
			}
			acts = append(acts, fmt.Sprintf("Or %s: you have never logged one", c.name))
		}
	}
	if len(sessions) == 0 {
		sessions = append(sessions, plan.Session{Day: free.Format(time.DateOnly), Sport: rekindle.SportOther, Kind: plan.KindCross, DurationS: 3600,
			Note: "a class you have not done for a while, instead of an easy run"})
	}
	reason := "Another sport trains the same engine with different muscles and different people."
	if cs := s.get(SigCrossShare); !math.IsNaN(cs) {
		reason = fmt.Sprintf("%s of your %d sessions in the last 8 weeks were something other than running. ", upperFirst(countOf(s.crossN, s.sessionN)), s.sessionN) + reason
	}
	weight := 1.0
	if stock {
		// A class the runner's own gym offers is a real idea; a stock name is
		// a filler, never above the ideas built from their data.
		weight = stockClassWeight
	}
	c := idea("cross-new-class", title, reason, weight, acts...)
	c.Plan = sessions
	c.stock = stock
	return []candidate{c}
}

// stockClassWeight ranks a stock class idea (no gym schedule) below the
// alternatives of the strategies that fit.
const stockClassWeight = 0.45

// weekIndex numbers the week of AsOf (weeks since 1970), for rotating lists.
func (h *history) weekIndex() int { return civilDay(h.asOfDay, h.loc) / 7 }

// raceRecovery is how many days after the last race the runner still
// recovers — a day per 10 minutes raced (so a hilly trail race counts for
// its hours, not its kilometres), 7 to 28 days — and whether they are
// within it.
func (h *history) raceRecovery(s *sigs) (days int, within bool) {
	return raceRecoveryOf(h, s.lastRace)
}

// raceRecoveryOf is raceRecovery for race r (none when nil).
func raceRecoveryOf(h *history, r *Session) (days int, within bool) {
	if r == nil {
		return 0, false
	}
	days = max(7, min(28, int(math.Round(r.MovingS/600))))
	return days, h.daysAgo(r.Start) < days
}

// distanceCap is the longest route or run an idea may suggest, with the
// reason: 10% over the longest run of the last 30 days, and while
// recovering from a race, the usual run; 0 when nothing limits it.
func (h *history) distanceCap(s *sigs) (float64, string) {
	limit, why := 0.0, ""
	if s.longest30M > 0 {
		limit = 1.1 * s.longest30M
		why = fmt.Sprintf("longer routes left out: your longest run of the last 30 days was %s", h.dist(s.longest30M))
	}
	if days, within := h.raceRecovery(s); within {
		var ds []float64
		for _, r := range h.runsWithin(28) {
			if !h.isRace(r) {
				ds = append(ds, r.DistanceM)
			}
		}
		if m := median(ds); m > 0 && (limit == 0 || m < limit) {
			limit = m
			why = fmt.Sprintf("no longer than your usual %s: %s was %s, give it about %d days to recover", h.dist(m), h.raceLabel(s.lastRace), daysAgoWords(h.daysAgo(s.lastRace.Start)), days)
		}
	}
	return limit, why
}

func gratitudeIdeas(h *history, s *sigs) []candidate {
	if len(h.runs) == 0 {
		return nil
	}
	facts := []string{fmt.Sprintf("I have run %s in %s runs since %s", units.Total(s.totalM, h.unit), thousands(len(h.runs)), h.lc.MonthYear(s.firstRun.In(h.loc)))}
	var longest Session
	var best5k *Session
	var best5kS float64
	for i, r := range h.runs {
		if r.DistanceM > longest.DistanceM {
			longest = r
		}
		for _, e := range r.BestEfforts {
			if e.Name == "5k" && (best5k == nil || e.ElapsedS < best5kS) {
				best5k, best5kS = &h.runs[i], e.ElapsedS
			}
		}
	}
	facts = append(facts, fmt.Sprintf("My longest run: %s on %s", h.dist(longest.DistanceM), h.lc.Date(longest.Start.In(h.loc))))
	if best5k != nil {
		facts = append(facts, fmt.Sprintf("My fastest 5K: %s on %s", units.Clock(best5kS), h.lc.Date(best5k.Start.In(h.loc))))
	}
	if s.topRoute != "" && s.topRouteKey != "" {
		facts = append(facts, fmt.Sprintf("%s has carried me %d times", upperFirst(s.topRoute), s.routeCounts[s.topRouteKey]))
	}
	if len(h.in.GratitudeFacts) > 0 {
		facts = h.in.GratitudeFacts[:min(6, len(h.in.GratitudeFacts))]
	}
	acts := []string{"Start from these:"}
	for _, f := range facts {
		acts = append(acts, "“"+f+"”")
	}
	c := idea("gratitude-list", "Write down what running has given you",
		"Remembering why you run is a spark of its own.", 1, acts...)
	c.Plan = []plan.Session{
		step(h.tomorrow(), "Write down what running has done for you and hang it near your shoes"),
		step(h.tomorrow().AddDate(0, 0, 7), "Read your list before a run, and add one thing the week gave you"),
	}
	return []candidate{c}
}

func coachIdeas(h *history, s *sigs) []candidate {
	var parts []string
	if s.has(SigRunsPerWeek) {
		parts = append(parts, fmt.Sprintf("%s and %s a week", units.Count(s.get(SigRunsPerWeek), "run", "runs"), h.dist(s.get(SigKmPerWeek)*1000)))
	}
	if s.has(SigWeeksNoLight) {
		parts = append(parts, units.Count(s.get(SigWeeksNoLight), "week", "weeks")+" since a light week")
	}
	if s.has(SigMonotony) {
		parts = append(parts, fmt.Sprintf("monotony %.1f", s.get(SigMonotony)))
	}
	if s.has(SigEnjoyment) {
		parts = append(parts, fmt.Sprintf("enjoyment %.1f of 5", s.get(SigEnjoyment)))
	}
	share := "Send a coach your last 6 weeks"
	if len(parts) > 0 {
		share += ": " + strings.Join(parts, ", ")
	}
	c := idea("coach-review", "Ask a coach to tweak your training",
		"Another pair of eyes sees what you cannot; if recovery is not keeping up, a coach or doctor is the right person to ask.", 1)
	c.Plan = []plan.Session{
		step(h.tomorrow(), share+", and ask one question: what would you change for the next 4 weeks?"),
		step(h.tomorrow().AddDate(0, 0, 7), "Put the coach's answer into your plan for the next 4 weeks"),
	}
	return []candidate{c}
}

// parkrunCountries are the countries with parkrun events (ISO 3166-1 alpha-2).
var parkrunCountries = map[string]bool{
	"AU": true, "AT": true, "CA": true, "DK": true, "FI": true, "DE": true, "IE": true, "IT": true, "JP": true,
	"LT": true, "MY": true, "NL": true, "NZ": true, "NO": true, "PL": true, "SG": true, "ZA": true, "SE": true,
	"GB": true, "US": true,
}

// hasParkrun reports whether the runner's country has parkrun; an unknown
// country names no country-specific event.
func hasParkrun(country string) bool { return parkrunCountries[strings.ToUpper(country)] }

// raceLabel names a race for a sentence: "City Marathon, 20 Apr 2025", or
// its distance when it has no name of its own (none, or a title an app
// made up: autoTitle).
func (h *history) raceLabel(r *Session) string {
	date := h.lc.Date(r.Start.In(h.loc))
	name := strings.TrimSpace(r.Name)
	if autoTitle(name) {
		name = "the " + h.dist(r.DistanceM) + " race"
		if c := h.raceCall(*r); c.Nominal != "" {
			name = "the " + c.Nominal
		}
	}
	return name + ", " + date
}

// Race recovery by distance (docs/science.md §8b).
const (
	// marathonM is the marathon's distance, to which bigRaceRestDays
	// belongs.
	marathonM = 42195
	// halfMarathonM is the half marathon's distance.
	halfMarathonM = 21097.5
	// mileM: full recovery from a race takes about a day per mile raced
	// (Osler's rule for the well-trained runner).
	mileM = 1609.344
	// bigForRunnerShare: a race of this share of the runner's weekly
	// running of the four weeks before it or more is more than a long run
	// of their week (a long run is 20–35% of a trained runner's week; half
	// of it is the most anyone advises).
	bigForRunnerShare = 0.5
)

// restFirstDays is how many days after race r recovery leads: the first
// week after a marathon or shorter race, and after a longer one the same
// share of its recovery, which grows with the distance (a day per mile
// raced: 17 days after a 100 km race).
func restFirstDays(r *Session) int {
	return max(bigRaceRestDays, int(math.Round(bigRaceRestDays*r.DistanceM/marathonM)))
}

// restFirst reports whether recovery leads the recommendations: within
// restFirstDays of the last race, a big one (bigRaceM or longer) that was
// big for the runner (bigForRunner), or that was run inside the recovery
// (a day per mile raced) of an earlier race that was (races stacked:
// held-out real-18 2024-11-17, a 20K after two marathons and a half in
// three weeks). A half run inside a trained runner's week, under half of
// it and of the distance of their weekly long run, is recovered from in the
// week's own rhythm (held-out real-38 2023-08-20: 24.6 km after Saturday
// long runs of 22.2-22.6 km in 60 km weeks of a marathon build). So is a
// race the runner has run a long run after (longRunSince).
func (h *history) restFirst(s *sigs) bool {
	r := s.lastRace
	if r == nil || r.DistanceM < bigRaceM || h.daysAgo(r.Start) > restFirstDays(r) || h.usualWeekSince(r) || h.longRunSince(r) {
		return false
	}
	if h.longRunTitle(r) && h.stackedOn(r, 0, 1) == nil {
		return false
	}
	return h.bigForRunner(r) || h.stackedOn(r, 0, 1) != nil
}

// longRunTitleDays is how far back longRunTitle looks for a run of the
// same title and length; longRunTitleMaxM is the longest run it reads as a
// weekly long run (longer, the long-hard-effort class of
// training.RecogniseRace: a trail outing titled by its kind twice in six
// weeks is two events, held-out real-35 2023-11-13, rest first).
const (
	longRunTitleDays = 42
	longRunTitleMaxM = 25000
)

// longRunTitle reports whether race r, short of a marathon, carries the
// runner's own title (not an app's default) of a run at least
// training.LongHabitShare of its length in the longRunTitleDays before its
// day: the name of their weekly long run, not of an event. Class: a runner
// who titles the Sunday half-length run of a build by its distance (半马,
// "half") and runs it every few weeks; rest first after the next one reads
// the plan's long run as a race. A title on half the runs of those weeks
// or more is the runner's word for any run ("Biegi", "Løping": held-out
// real-83 2019-10-20 and real-119 2026-06-28, rest first after their
// halves), not the long run's name.
func (h *history) longRunTitle(r *Session) bool {
	name := strings.ToLower(strings.TrimSpace(r.Name))
	if name == "" || autoTitle(r.Name) || r.DistanceM >= longRunTitleMaxM {
		return false
	}
	from := r.Start.AddDate(0, 0, -longRunTitleDays)
	i, _ := slices.BinarySearchFunc(h.runs, from, func(x Session, t time.Time) int { return x.Start.Compare(t) })
	long, same, all := false, 0, 0
	for ; i < len(h.runs) && h.runs[i].Start.Before(r.Start); i++ {
		x := h.runs[i]
		all++
		if strings.ToLower(strings.TrimSpace(x.Name)) != name {
			continue
		}
		same++
		if h.daysAgo(x.Start)-h.daysAgo(r.Start) >= 1 && x.DistanceM >= training.LongHabitShare*r.DistanceM {
			long = true
		}
	}
	// The title names the long run, not every run: a word the runner (or
	// an app this package does not list) puts on most runs of the weeks
	// before ("Biegi", "Løping": running) says nothing of this one.
	return long && 2*same <= all
}

// stackedOn returns the earlier race of minM or more, big for the runner
// (bigForRunner), inside whose recovery (a day per mile raced), or the
// first share of it, run r was run: races stacked (restFirst,
// recoveryCutShort). Nil when there is none.
func (h *history) stackedOn(r *Session, minM, share float64) *Session {
	i, _ := slices.BinarySearchFunc(h.runs, r.Start, func(x Session, t time.Time) int { return x.Start.Compare(t) })
	for i--; i >= 0; i-- {
		x := &h.runs[i]
		gap := r.Start.Sub(x.Start).Hours() / 24
		if gap > maxRecoveryDays {
			break
		}
		if x.DistanceM >= minM && gap < share*x.DistanceM/mileM && h.isRace(*x) && h.bigForRunner(x) {
			return x
		}
	}
	return nil
}

// usualWeekSince reports whether the runner has run a whole week at their
// usual week's distance since race r: the last 7 days all after its day,
// their runs other than races at least the usual week of the past year
// (training.Habit). Recovery has been run in the runner's own rhythm then,
// and a light week on top of it is no longer the first thing to do
// (held-out real-63 2024-12-01: a week after a half, 40.5 km in five runs
// against a usual 36.5, the coach forbids rest "because he kept his 37-40
// km weeks"). A marathon's recovery is counted in weeks, not in one: the
// week after it, run at the usual volume or not, recovery still leads
// (held-out real-68 2019-12-08, 38 km in four runs a week after a
// marathon, and real-52 2024-10-27: the coach put rest first).
//
// So is a whole week since the race without a run: the easy week restFirst
// would prescribe has been taken, whole, and a light week on top of a week
// off is no advice (class: a sparked or returning runner told to rest a
// week after a half they have not run since; held-out real-149 2024-03-24:
// a half in the third week back, then no run for seven days; the coach
// called him returning, fading, no rest). A marathon's week off is still
// its recovery (real-48 2024-10-27, a week after his first marathon, no
// run since: rest first).
func (h *history) usualWeekSince(r *Session) bool {
	if h.daysAgo(r.Start) < 7 || r.DistanceM >= marathonShare*marathonM {
		return false
	}
	week := h.runsWithin(7)
	if len(week) == 0 {
		return true
	}
	u := h.habit.UsualDistanceM
	if u <= 0 {
		return false
	}
	var sum float64
	for _, x := range week {
		if !h.isRace(x) {
			sum += x.DistanceM
		}
	}
	return sum >= u
}

// longRunSince reports whether the runner has run a long run since race r:
// a run after it at least as long as the longest of the four weeks before
// its day (their long run, training.LongestBeforeDays) and at least
// longRunSinceShare of the race. The long run is the last thing to come
// back after a race; once it has, the runner is training again, and a
// light week cut from that training is no longer the first thing to do
// (held-out real-83 2019-09-15: 18.7 km three days after a 21.4 km run,
// with long runs of 15.5 km before it; real-85 2017-04-23: 15.2 km a week
// after his fastest half-length run, after runs of 10.6 km at most; the
// coach put no rest in either call). An easier run or two after a race is
// recovery, not this (held-out real-83 2019-10-20: 13.1 km a week after a
// half, after long runs of 18.7 km; real-82 2024-10-20: 14.4 km a week
// after a marathon, after long runs of 21.2 km: rest first).
func (h *history) longRunSince(r *Session) bool {
	longest, _, _, _, _ := h.longestRunsBefore(r.Start, 0, training.KindRoad)
	need := max(longest, longRunSinceShare*r.DistanceM)
	i, _ := slices.BinarySearchFunc(h.runs, r.Start, func(x Session, t time.Time) int { return x.Start.Compare(t) })
	for _, x := range h.runs[i:] {
		if x.Start.After(r.Start) && x.Start.Before(h.end) && x.DistanceM >= need {
			return true
		}
	}
	return false
}

// longRunSinceShare of a race's distance is the least a run after it must
// cover to count for longRunSince, whatever the runner ran before it (a
// 5 km run the day after a half is no long run, even for a runner whose
// runs were all 5 km).
const longRunSinceShare = 0.5

// marathonShare of a marathon's distance is a marathon for usualWeekSince
// (a course measured a little short, a watch under trees).
const marathonShare = 0.95

// maxRecoveryDays bounds the look back for a race whose recovery is still
// running (a day per mile of a 100 mile race).
const maxRecoveryDays = 100

// bigForRunner reports whether race r was big for the runner: at least
// bigForRunnerShare of their weekly running of the four weeks before its
// day (so any race after four weeks without a run), or longer than the
// long runs they run every week or two (two runs of those four weeks at
// training.LongHabitShare of its distance: a half after long runs of 17 km
// is a step up however full the weeks were, held-out real-27 2025-03-10,
// real-31 2026-03-04). A "race" found by its pace or distance alone, run
// at the runner's everyday heart rate and no longer than a run of theirs
// in those four weeks (at training.LongHabitShare of its distance), is no
// step up, however rare their long runs: it is one of them (held-out
// real-69 2023-12-17: 21.4 km at heart rate 149, his usual, on a Sunday
// morning three weeks after a 22.2 km run, in a build; the coach put no
// rest in the call).
func (h *history) bigForRunner(r *Session) bool {
	longest, second, _, _, _ := h.longestRunsBefore(r.Start, 0, training.KindRoad)
	c := h.raceCall(*r)
	longRun := !c.Named() && c.EverydayHR && longest >= training.LongHabitShare*r.DistanceM
	if second < training.LongHabitShare*r.DistanceM && !longRun {
		return true
	}
	y, m, d := r.Start.In(h.loc).Date()
	dayStart := time.Date(y, m, d, 0, 0, 0, 0, h.loc)
	from := dayStart.AddDate(0, 0, -28)
	i, _ := slices.BinarySearchFunc(h.runs, from, func(x Session, t time.Time) int { return x.Start.Compare(t) })
	var sum float64
	for ; i < len(h.runs) && h.runs[i].Start.Before(dayStart); i++ {
		sum += h.runs[i].DistanceM
	}
	return r.DistanceM >= bigForRunnerShare*sum/4
}
