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

// Ranking constants.
const (
	urgentScore    = 0.3  // a recommendation at least this strong is urgent (never when sparked)
	baseScore      = 0.05 // every strategy stays available as a next idea
	maxRecs        = 6
	maxSparkedRecs = 2
	workedBonus    = 1.3
	oldFailPenalty = 0.7
	// altWeight ranks a strategy's alternative idea below the main ideas of
	// the other fitting strategies, so the list offers different kinds of help.
	altWeight = 0.55
)

// candidate is a recommendation before ranking.
type candidate struct {
	Recommendation
	weight float64 // within its strategy: 1 for the main idea, less for alternatives
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
	for _, d := range diags {
		for st, f := range fit[d.Key] {
			// Squared confidence: the clearest diagnosis leads, several
			// middling ones do not outvote it.
			score[st] += d.Confidence * d.Confidence * f
			if f >= 0.45 && d.Key != rekindle.DiagnosisSparked {
				why[st] = append(why[st], d.Evidence...)
			}
		}
	}
	if h.habit.Returning {
		score[rekindle.StrategyRest] = 0 // the break was the rest
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
			c.Score = round(score[st]*c.weight, 3)
			c.Strategy = st
			c.Evidence = dedupe(why[st])
			c.Why = composeWhy(c.Evidence, c.Why)
			c.Urgent = !sparked && c.Score >= urgentScore
			if c.Actions == nil {
				c.Actions = []string{}
			}
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

// usualPlan returns the runner's usual week, or one made from runs per week
// and the usual weekly distance when no weekday pattern stands out.
func (h *history) usualPlan(s *sigs) []plannedDay {
	if len(s.weekPlan) >= 2 {
		return s.weekPlan
	}
	n := int(math.Round(s.get(SigRunsPerWeek)))
	n = max(2, min(6, n))
	week := s.get(SigUsualWeekKm) * 1000
	if math.IsNaN(week) || week == 0 {
		week = s.get(SigKmPerWeek) * 1000
	}
	if math.IsNaN(week) || week == 0 {
		week = 5000 * float64(n)
	}
	days := [][]time.Weekday{
		2: {time.Tuesday, time.Saturday},
		3: {time.Tuesday, time.Thursday, time.Sunday},
		4: {time.Tuesday, time.Thursday, time.Saturday, time.Sunday},
		5: {time.Monday, time.Tuesday, time.Thursday, time.Saturday, time.Sunday},
		6: {time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Saturday, time.Sunday},
	}[n]
	plan := make([]plannedDay, n)
	for i, d := range days {
		plan[i] = plannedDay{Day: d, DistanceM: week / float64(n)}
	}
	plan[n-1].DistanceM *= 1.4
	plan[0].Quality = true
	return plan
}

func restIdeas(h *history, s *sigs, diags []DiagnosisResult) []candidate {
	week := h.usualPlan(s)
	byDay := map[time.Weekday]plannedDay{}
	var usual float64
	for _, p := range week {
		byDay[p.Day] = p
		usual += p.DistanceM
	}
	// The light week is cut from the real recent load: 75% of the lower of
	// the usual week and the last 7 days, so it is always lighter than the
	// week it replaces.
	recent := s.get(SigWeekKm) * 1000
	base := usual
	if recent > 0 && recent < base {
		base = recent
	}
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
			actions = append(actions, day(d)+": rest")
			sessions = append(sessions, planned(d, plan.KindRest, 0, "light week"))
			continue
		}
		km := h.roundDist(scale * p.DistanceM)
		if km <= 0 {
			actions = append(actions, day(d)+": rest")
			sessions = append(sessions, planned(d, plan.KindRest, 0, "light week"))
			continue
		}
		total += km
		switch {
		case p.Quality && v > 0:
			reps := max(3, min(6, int(km/units.Metres(h.unit)/2)))
			actions = append(actions, fmt.Sprintf("%s: %s with %d × 1 %s at threshold pace %s, jog 2 min between (the one quality session you keep)", day(d), h.dist(km), reps, units.Name(h.unit), h.pace(h.thresholdSpeed(v))))
			sessions = append(sessions, planned(d, plan.KindQuality, km, fmt.Sprintf("light week: %d × 1 %s at %s, jog 2 min between", reps, units.Name(h.unit), h.pace(h.thresholdSpeed(v)))))
		case p.Quality:
			actions = append(actions, fmt.Sprintf("%s: %s, your usual quality session, shorter (the one you keep)", day(d), h.dist(km)))
			sessions = append(sessions, planned(d, plan.KindQuality, km, "light week: your usual quality session, shorter"))
		default:
			actions = append(actions, fmt.Sprintf("%s: %s easy", day(d), h.dist(km)))
			sessions = append(sessions, planned(d, plan.KindEasy, km, "light week"))
		}
	}
	cut := 0.0
	if base > 0 {
		cut = (1 - total/base) * 100
	}
	than := "your last 7 days"
	if base == usual {
		than = "your recent weeks"
	}
	actions = append(actions, fmt.Sprintf("Total %s instead of the %s of %s (−%.0f%%); back to normal the week after if you feel like running again", h.dist(total), h.dist(base), than, cut))
	light := idea("rest-light-week", fmt.Sprintf("Take a light week: %s, %.0f%% less than %s", h.dist(total), cut, than),
		"A light week lets the training you have done sink in, and gives you a chance to miss running.", 1, actions...)
	light.Plan = sessions

	off := 2
	for _, d := range diags {
		if d.Key == rekindle.DiagnosisOverreached && d.Confidence >= 0.7 {
			off = 3
		}
	}
	first, last := h.tomorrow(), h.tomorrow().AddDate(0, 0, off-1)
	shortest := math.Inf(1)
	for _, p := range week {
		shortest = min(shortest, p.DistanceM)
	}
	back := first.AddDate(0, 0, off)
	days := idea("rest-days-off", fmt.Sprintf("Take %d days off running", off),
		"A few days without running is the quickest way to find out whether you miss it.", altWeight,
		fmt.Sprintf("%s – %s: no running at all (a walk is fine)", day(first), day(last)),
		fmt.Sprintf("%s: an easy %s by feel, no watch pace", day(back), h.dist(h.roundDist(shortest))),
		"On the last day off, note how much you wanted to run: missing it is the point")
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
		acts := []string{fmt.Sprintf("%s: long run of %s (your usual long run is %s)", day(h.nextWeekday(longDay)), h.dist(target), h.dist(s.usualLongM))}
		if capped {
			acts = append(acts, fmt.Sprintf("Capped at 10%% over your longest run of the last 30 days (%s): bigger jumps than your recent pattern are not worth it", h.dist(s.longest30M)))
		}
		if v := s.get(SigVDOT); v > 0 {
			acts = append(acts, fmt.Sprintf("Keep it easy: about %s (easy pace from your VDOT %.1f)", h.pace(training.SpeedAtVO2Fraction(v, 0.70)), v))
		}
		long := idea("challenge-long-run", fmt.Sprintf("Stretch your long run to %s", h.dist(target)),
			"You are fresh and your training has gone flat: a little more is a new thing to aim at.", altWeight, acts...)
		long.Plan = []plan.Session{planned(h.nextWeekday(longDay), plan.KindLong, target, fmt.Sprintf("long run, usual %s: keep it easy", h.dist(s.usualLongM)))}
		out = append(out, long)
	}
	quality := time.Tuesday
	if len(s.weekPlan) > 0 {
		quality = s.weekPlan[0].Day
		for _, p := range s.weekPlan {
			if p.Quality {
				quality = p.Day
			}
		}
	}
	d := h.nextWeekday(quality)
	if v := s.get(SigVDOT); v > 0 {
		ip, tp := training.SpeedAtVO2Fraction(v, 0.975), h.thresholdSpeed(v)
		why := fmt.Sprintf("Your VDOT of %.1f gives interval pace %s and threshold pace %s.", v, h.pace(ip), h.pace(tp))
		if tr := h.in.Training; tr != nil && tr.ThresholdSpeedMS > 0 {
			why = fmt.Sprintf("Your VDOT of %.1f gives interval pace %s; your threshold pace (Settings) is %s.", v, h.pace(ip), h.pace(tp))
		}
		iv := idea("challenge-intervals", "Run an interval session at your own paces", why, 1,
			fmt.Sprintf("%s: %s warm-up, 5 × 1000 m at %s (interval pace) with 400 m jog, %s cool-down", day(d), h.warmUp(), h.pace(ip), h.warmUp()),
			fmt.Sprintf("A week later: 3 × 10 min at %s (threshold pace) with 2 min jog", h.pace(tp)),
			fmt.Sprintf("Or on a track: 8 × 400 m in %s with 200 m jog", units.Clock(400/ip)))
		// A warm-up + 5 × (1 + 0.4) km + a cool-down; the same either side of 30 min at threshold with 2 × 2 min jogs at easy pace.
		wu := h.warmUpM()
		iv.Plan = []plan.Session{
			planned(d, plan.KindQuality, h.roundDist(2*wu+7000), fmt.Sprintf("%s warm-up, 5 × 1000 m at %s with 400 m jog, %s cool-down", h.warmUp(), h.pace(ip), h.warmUp())),
			planned(d.AddDate(0, 0, 7), plan.KindQuality, h.roundDist(2*wu+1800*tp+240*training.SpeedAtVO2Fraction(v, 0.70)), fmt.Sprintf("%s warm-up, 3 × 10 min at %s with 2 min jog, %s cool-down", h.warmUp(), h.pace(tp), h.warmUp())),
		}
		out = append(out, iv)
	} else {
		iv := idea("challenge-intervals", "Add some speed to one run a week",
			"A little speed changes how a run feels and gives you a number to beat.", 1,
			fmt.Sprintf("%s: in your usual run, 8 × 1 min brisk with 2 min easy between", day(d)),
			"Next week: 6 × 2 min brisk with 2 min easy, then time a 5K to set your paces")
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
	out = append(out, idea("challenge-add-on", "Finish two easy runs with something extra",
		"A few minutes after an easy run add challenge without adding tiredness.", altWeight*0.9,
		fmt.Sprintf("%s: after your run, 6 × 20 s strides on a flat stretch, walking back between", day(first)),
		fmt.Sprintf("%s: after your run, 15 min of strength: squats, lunges, calf raises, a plank", day(second))))
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
	for _, o := range h.in.Routes {
		if limit <= 0 || o.DistanceM <= limit {
			opts = append(opts, o)
		}
	}
	if len(opts) > 0 {
		slices.SortStableFunc(opts, func(a, b RouteOption) int { return cmp.Compare(b.NewShare, a.NewShare) })
		for _, o := range opts[:min(3, len(opts))] {
			a := fmt.Sprintf("%s: %s", o.Name, h.dist(o.DistanceM))
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
		for _, k := range ks[:min(3, len(ks))] {
			name := s.routeNames[k.key]
			if name == "" {
				name = "the route of " + k.last.In(h.loc).Format("2 Jan 2006")
			}
			if !strings.Contains(name, " km ") && !strings.Contains(name, " mi ") {
				name += " (" + h.dist(s.routeDistM[k.key]) + ")"
			}
			times := fmt.Sprintf("%d times", k.n)
			if k.n == 1 {
				times = "once"
			}
			acts = append(acts, fmt.Sprintf("%s: run %s, last on %s", upperFirst(name), times, k.last.In(h.loc).Format("2 Jan 2006")))
		}
	}
	if usual > 0 {
		acts = append(acts,
			fmt.Sprintf("A new %s loop from home in a direction you never take", h.dist(h.roundDist(usual))),
			"Or a trail instead of the road, or run point-to-point to a café and ride home")
	}
	if limitWhy != "" && len(h.in.Routes) > len(opts) {
		acts = append(acts, upperFirst(limitWhy))
	}
	title := "Run somewhere new this week"
	if s.topRoute != "" && s.get(SigRouteRepeat) >= 0.45 {
		title = "Swap " + s.topRoute + " for somewhere new"
	}
	out = append(out, idea("variety-route", title, "A new route is the cheapest way to make a run feel new again.", 1, acts...))

	var pacts []string
	if a := s.get(SigAloneShare); a >= 0.6 {
		group := "a club run"
		if hasParkrun(h.in.Country) {
			group = "a club run or parkrun"
		}
		pacts = append(pacts, fmt.Sprintf("%s of your %d check-ins of the last 8 weeks were alone: invite a friend, or join %s this week", countOf(s.aloneN, s.checkInN), s.checkInN, group))
	} else {
		pacts = append(pacts, "Run with someone new: a club run, a colleague, a friend who is just starting")
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
	out = append(out, idea("variety-company-time", "Change who you run with or when", "The same run with different company or at a different hour is a different run.", altWeight, pacts...))
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
	if picked != nil {
		title = fmt.Sprintf("Enter %s on %s", picked.Name, day(picked.Date))
		a := fmt.Sprintf("%s, %s, %s", picked.Name, picked.Date.Format("Mon 2 Jan 2006"), h.dist(picked.DistanceM))
		if picked.Place != "" {
			a += ", " + picked.Place
		}
		switch {
		case picked.PredictedS > 0 && v > 0:
			a += fmt.Sprintf(": predicted %s from your VDOT %.1f", units.Clock(picked.PredictedS), v)
		case picked.PredictedS > 0:
			a += fmt.Sprintf(": predicted %s", units.Clock(picked.PredictedS))
		case v > 0:
			a += fmt.Sprintf(": predicted %s from your VDOT %.1f", units.Clock(training.EquivalentTime(v, picked.DistanceM)), v)
		}
		if picked.URL != "" {
			a += " (" + picked.URL + ")"
		}
		acts = append(acts, a)
	} else {
		a := fmt.Sprintf("Find a 5K or 10K between %s and %s", day(from), day(to))
		if hasParkrun(h.in.Country) {
			a += " (parkrun counts)"
		}
		acts = append(acts, a)
	}
	if v > 0 {
		var preds []string
		for _, d := range raceDistances[:2] {
			preds = append(preds, fmt.Sprintf("%s %s", d.name, units.Clock(training.EquivalentTime(v, d.m))))
		}
		acts = append(acts, fmt.Sprintf("Predicted from your VDOT %.1f: %s", v, strings.Join(preds, ", ")))
	} else {
		acts = append(acts, "No recent hard effort to predict from: run it to set your baseline")
	}
	if picked != nil && len(picked.Taper) > 0 {
		acts = append(acts, picked.Taper...)
	} else {
		acts = append(acts, "The 5 days before: cut your volume by about 40%, keep a few strides")
	}
	reason := "A date on the calendar turns every run into a run towards something."
	if s.lastRace != nil {
		reason = fmt.Sprintf("Your last race was %s: a short one soon gives the weeks a point again.", h.raceLabel(s.lastRace))
	}
	c := idea("race-local", title, reason, 1, acts...)
	if picked != nil {
		c.Plan = taperPlan(h, s, picked)
	}
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
	doing := fmt.Sprintf(" (you have been doing %s a week)", one(s.get(SigRunsPerWeek)))
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
	if topM >= 500000 {
		return []candidate{idea("reward-shoes", "Earn a new pair of shoes",
			fmt.Sprintf("Your %s have %s on them.", topGear, h.dist(topM)), 1,
			fmt.Sprintf("Run %d times in the next 2 weeks%s, then buy the new pair", target, doing),
			"Give the new shoes their first run on a route you love")}
	}
	return []candidate{idea("reward-treat", "Promise yourself a treat for the next two weeks",
		"A small bribe is allowed: try it once, and move on if it does not help.", 1,
		fmt.Sprintf("Run %d times by %s%s", target, day(h.asOfDay.AddDate(0, 0, 14)), doing),
		"Then book the reward: a massage, a nice dinner, or a run with an old friend and breakfast after")}
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
	title := "Try a class you have never done"
	// Real classes from the runner's gym schedules, when given: the first
	// of each sport never logged, in the next two weeks.
	seen := map[rekindle.Sport]bool{}
	for _, c := range h.in.Classes {
		if tried[c.Sport] || seen[c.Sport] || !c.Start.After(h.end) || c.Start.After(h.end.AddDate(0, 0, 14)) || len(acts) == 3 {
			continue
		}
		seen[c.Sport] = true
		a := fmt.Sprintf("%s %s: %s", day(c.Start.In(h.loc)), c.Start.In(h.loc).Format("15:04"), c.Name)
		if c.Place != "" {
			a += ", " + c.Place
		}
		if c.Why != "" {
			a += " — " + strings.TrimSuffix(lowerFirst(c.Why), ".")
		}
		if len(acts) == 0 {
			title = fmt.Sprintf("Try %s on %s", c.Name, day(c.Start.In(h.loc)))
		}
		acts = append(acts, a)
	}
	// Without a real schedule, a stock list: rotated week by week, so the
	// same three names do not come back every time.
	stock := len(seen) == 0
	if stock {
		k := h.weekIndex()
		for i := range crossSports {
			c := crossSports[(i+k)%len(crossSports)]
			if !tried[c.sport] && len(acts) < 3 {
				acts = append(acts, fmt.Sprintf("%s: %s — you have never logged one", day(free), c.name))
				free = free.AddDate(0, 0, 7)
			}
		}
	}
	if len(acts) == 0 {
		acts = append(acts, fmt.Sprintf("%s: swap one easy run for a class you have not done for a while", day(free)))
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
	return []candidate{idea("cross-new-class", title, reason, weight, acts...)}
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
			why = fmt.Sprintf("no longer than your usual %s: %s was %d days ago, give it about %d days to recover", h.dist(m), h.raceLabel(s.lastRace), h.daysAgo(s.lastRace.Start), days)
		}
	}
	return limit, why
}

func gratitudeIdeas(h *history, s *sigs) []candidate {
	if len(h.runs) == 0 {
		return nil
	}
	facts := []string{fmt.Sprintf("I have run %s in %d runs since %s", h.dist(s.totalM), len(h.runs), s.firstRun.In(h.loc).Format("January 2006"))}
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
	facts = append(facts, fmt.Sprintf("My longest run: %s on %s", h.dist(longest.DistanceM), longest.Start.In(h.loc).Format("2 Jan 2006")))
	if best5k != nil {
		facts = append(facts, fmt.Sprintf("My fastest 5K: %s on %s", units.Clock(best5kS), best5k.Start.In(h.loc).Format("2 Jan 2006")))
	}
	if s.topRoute != "" && s.topRouteKey != "" {
		facts = append(facts, fmt.Sprintf("%s has carried me %d times", upperFirst(s.topRoute), s.routeCounts[s.topRouteKey]))
	}
	if len(h.in.GratitudeFacts) > 0 {
		facts = h.in.GratitudeFacts[:min(6, len(h.in.GratitudeFacts))]
	}
	acts := []string{"Write down what running has done for you and hang it near your shoes. Start from these:"}
	for _, f := range facts {
		acts = append(acts, "“"+f+"”")
	}
	return []candidate{idea("gratitude-list", "Write down what running has given you",
		"Remembering why you run is a spark of its own.", 1, acts...)}
}

func coachIdeas(h *history, s *sigs) []candidate {
	var parts []string
	if s.has(SigRunsPerWeek) {
		parts = append(parts, fmt.Sprintf("%s runs and %s a week", one(s.get(SigRunsPerWeek)), h.dist(s.get(SigKmPerWeek)*1000)))
	}
	if s.has(SigWeeksNoLight) {
		parts = append(parts, fmt.Sprintf("%.0f weeks since a light week", s.get(SigWeeksNoLight)))
	}
	if s.has(SigMonotony) {
		parts = append(parts, fmt.Sprintf("monotony %.1f", s.get(SigMonotony)))
	}
	if s.has(SigEnjoyment) {
		parts = append(parts, fmt.Sprintf("enjoyment %.1f of 5", s.get(SigEnjoyment)))
	}
	return []candidate{idea("coach-review", "Ask a coach to tweak your training",
		"Another pair of eyes sees what you cannot; if recovery is not keeping up, a coach or doctor is the right person to ask.", 1,
		"Share your last 6 weeks: "+strings.Join(parts, ", "),
		"Ask one question: what would you change for the next 4 weeks?")}
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
// its distance when it has no name of its own.
func (h *history) raceLabel(r *Session) string {
	date := r.Start.In(h.loc).Format("2 Jan 2006")
	name := strings.TrimSpace(r.Name)
	if name == "" {
		name = "the " + h.dist(r.DistanceM) + " race"
		if c := h.raceCall(*r); c.Nominal != "" {
			name = "the " + c.Nominal
		}
	}
	return name + ", " + date
}
