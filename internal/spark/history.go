package spark

import (
	"math"
	"slices"
	"time"

	"rekindle"
	"rekindle/internal/locale"
	"rekindle/internal/training"
)

// history is the input cut at AsOf and indexed by day.
type history struct {
	in      *Input
	loc     *time.Location
	asOfDay time.Time // local midnight of AsOf
	end     time.Time // exclusive: the midnight after AsOf
	unit    rekindle.Unit
	lc      locale.Locale // how dates are written in text

	sessions []Session // started before end, by start
	runs     []Session // the running sessions among them
	checkIns []rekindle.CheckIn
	checks   []rekindle.SparkCheck

	// civil day numbers of runs, check-ins and spark checks, by index
	runDay, checkInDay, checkDay []int

	today     int       // civil day number of AsOf
	origin    int       // civil day number of the first day in load
	load      []float64 // daily load from origin to AsOf inclusive
	loadGiven bool      // whether sessions carried their own load

	habit training.Habit // the usual week of the past year and the comeback state

	paces *training.PaceBook          // typical speeds by distance, for recognising races
	races map[int64]training.RaceCall // race calls by session id, filled as asked

	b *base // what h was cut from (its memo of the runs' race context)
}

// civilDay numbers the calendar day of t in loc.
func civilDay(t time.Time, loc *time.Location) int {
	y, m, d := t.In(loc).Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// base is an input's sessions, check-ins and spark checks cleaned and put
// in time order once: the history on any day is cut from it (newHistory
// cuts it at AsOf, Trend at each of its days), as what falls before a day's
// end is a prefix of the ordered input.
type base struct {
	in  *Input
	loc *time.Location

	sessions   []Session // every session, cleaned, by start (stable)
	sessionDay []int     // civil day of each session
	runs       []Session // the running sessions among them
	runDay     []int     // civil day of each run
	checkIns   []rekindle.CheckIn
	checkInDay []int
	checks     []rekindle.SparkCheck // those on the 1–5 scales
	checkDay   []int
	// firstLoad is the index of the first session carrying its own load
	// (len(sessions) when none does).
	firstLoad int

	// before memoises, by session id, the part of a run's race context
	// made of the runs of the days before its own (raceBefore): the same
	// on every day cut from b that holds the run, so the trend's days
	// share it instead of each scanning the runs before every run again.
	before map[int64]raceBefore
	// runLabels is training.NameLabel of each of runs, made when first
	// needed (nameLabel).
	runLabels [][2]string
}

// raceBefore is what a run's training.RaceContext takes from the runs of
// the calendar days before its own (training.RaceBefore: longestRunsBefore,
// longerEquivBefore, annualBefore, ...), with the run's fields it was
// computed for (the memo's key).
type raceBefore struct {
	start        time.Time
	dist, ascent float64
	sport        rekindle.Sport
	speed        float64
	name         string
	training.RaceBefore
}

func newBase(in *Input) *base {
	loc := in.Location
	if loc == nil {
		loc = time.UTC
	}
	b := &base{in: in, loc: loc}
	b.sessions = make([]Session, 0, len(in.Sessions))
	for _, s := range in.Sessions {
		b.sessions = append(b.sessions, cleanSession(s))
	}
	slices.SortStableFunc(b.sessions, func(a, b Session) int { return a.Start.Compare(b.Start) })
	b.firstLoad = len(b.sessions)
	for i, s := range b.sessions {
		b.sessionDay = append(b.sessionDay, civilDay(s.Start, loc))
		if s.Load > 0 && b.firstLoad == len(b.sessions) {
			b.firstLoad = i
		}
		if s.Sport.IsRun() {
			b.runs = append(b.runs, s)
			b.runDay = append(b.runDay, b.sessionDay[i])
		}
	}
	for _, c := range in.CheckIns {
		if c.Enjoyment < 0 || c.Enjoyment > 5 {
			c.Enjoyment = 0
		}
		if !finite(c.RPE) || c.RPE > 10 {
			c.RPE = math.NaN()
		}
		b.checkIns = append(b.checkIns, c)
	}
	slices.SortStableFunc(b.checkIns, func(a, b rekindle.CheckIn) int { return a.At.Compare(b.At) })
	for _, c := range b.checkIns {
		b.checkInDay = append(b.checkInDay, civilDay(c.At, loc))
	}
	for _, c := range in.SparkChecks {
		if inScale(c.Exhaustion) && inScale(c.LostInterest) && inScale(c.Stagnation) {
			b.checks = append(b.checks, c)
		}
	}
	slices.SortStableFunc(b.checks, func(a, b rekindle.SparkCheck) int { return a.At.Compare(b.At) })
	for _, c := range b.checks {
		b.checkDay = append(b.checkDay, civilDay(c.At, loc))
	}
	return b
}

// before is how many of the first items of a time-ordered list, whose
// times at returns, fall before end.
func before(n int, at func(int) time.Time, end time.Time) int {
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if at(m).Before(end) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

func newHistory(in *Input) *history { return newBase(in).at(in.AsOf) }

// at is the history cut at the end of the day of asOf. Its lists are
// prefixes of b's (capacity clipped: an append never writes into b).
func (b *base) at(asOf time.Time) *history {
	in, loc := b.in, b.loc
	y, m, d := asOf.In(loc).Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, loc)
	h := &history{in: in, loc: loc, asOfDay: day, end: day.AddDate(0, 0, 1), unit: in.Unit, lc: in.Locale, b: b}
	if h.unit == "" {
		h.unit = rekindle.UnitKm
	}
	ns := before(len(b.sessions), func(i int) time.Time { return b.sessions[i].Start }, h.end)
	nr := before(len(b.runs), func(i int) time.Time { return b.runs[i].Start }, h.end)
	nc := before(len(b.checkIns), func(i int) time.Time { return b.checkIns[i].At }, h.end)
	nk := before(len(b.checks), func(i int) time.Time { return b.checks[i].At }, h.end)
	if ns > 0 {
		h.sessions = b.sessions[:ns:ns]
	}
	if nr > 0 {
		h.runs, h.runDay = b.runs[:nr:nr], b.runDay[:nr:nr]
	}
	if nc > 0 {
		h.checkIns, h.checkInDay = b.checkIns[:nc:nc], b.checkInDay[:nc:nc]
	}
	if nk > 0 {
		h.checks, h.checkDay = b.checks[:nk:nk], b.checkDay[:nk:nk]
	}

	today := civilDay(day, loc)
	h.today = today
	h.origin = today
	if ns > 0 {
		h.origin = min(today, b.sessionDay[0])
	}
	h.load = make([]float64, today-h.origin+1)
	h.loadGiven = b.firstLoad < ns
	h.addLoads(h.load, func(Session) bool { return true })
	if tr := in.Training; tr != nil && tr.Habit != nil {
		h.habit = *tr.Habit
	} else {
		h.habit = h.ownHabit()
	}
	return h
}

// ownHabit is training.HabitOf over the engine's own daily loads.
func (h *history) ownHabit() training.Habit {
	from := 0
	n := len(h.load)
	dist := make([]float64, n)
	runs := make([]int, n)
	for i, r := range h.runs {
		if k := h.runDay[i] - h.origin - from; k >= 0 && k < n {
			dist[k] += r.DistanceM
			runs[k]++
		}
	}
	walk := h.walkLoads()
	hb := training.HabitOfWeak(h.load[from:], nil, walk, dist, runs)
	hb.WalkFitness, hb.WalkFatigue = smoothLoads(walk)
	hb.GuessFitness, hb.GuessFatigue = smoothLoads(h.guessLoads())
	return hb
}

// guessLoads is the part of each day's load (h.load) from cross-training
// other than walks with no load of its own (moving minutes stand in): a
// guess from duration alone, weak evidence of a runner's strain
// (training.Habit.GuessFitness).
func (h *history) guessLoads() []float64 {
	guess := make([]float64, len(h.load))
	h.addLoads(guess, func(s Session) bool {
		return s.Load <= 0 && !s.Sport.IsRun() && !training.IsWalk(s.Sport)
	})
	return guess
}

// walkLoads is the part of each day's load (h.load) from walks and hikes:
// weak evidence of a runner's strain (training.LoadVerdict).
func (h *history) walkLoads() []float64 {
	walk := make([]float64, len(h.load))
	h.addLoads(walk, func(s Session) bool { return training.IsWalk(s.Sport) })
	return walk
}

// sessionLoad is a session's part of the daily loads (h.load): its own load,
// or its moving minutes when it has none.
func sessionLoad(s Session) float64 {
	if s.Load > 0 {
		return s.Load
	}
	return s.MovingS / 60
}

// addLoads adds the load (sessionLoad) of each session keep takes to its
// civil day in days, indexed from h.origin as h.load.
func (h *history) addLoads(days []float64, keep func(Session) bool) {
	for i, s := range h.sessions {
		if !keep(s) {
			continue
		}
		if k := h.b.sessionDay[i] - h.origin; k >= 0 && k < len(days) {
			days[k] += sessionLoad(s)
		}
	}
}

// smoothLoads is today's 42-day and 7-day exponentially weighted means of
// daily loads, from 0 (loadSignals' fitness and fatigue).
func smoothLoads(load []float64) (fitness, fatigue float64) {
	if len(load) == 0 {
		return 0, 0
	}
	fit := training.Smooth(load, training.FitnessDays, 0, training.SmoothingExp)
	fat := training.Smooth(load, training.FatigueDays, 0, training.SmoothingExp)
	return fit[len(fit)-1], fat[len(fat)-1]
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// inScale reports whether a spark check score is on its 1–5 scale.
func inScale(v float64) bool { return v >= 1 && v <= 5 }

// nonNeg returns v when it is a finite non-negative number, else 0.
func nonNeg(v float64) float64 {
	if !finite(v) || v < 0 {
		return 0
	}
	return v
}

// cleanSession zeroes what no device could have measured (NaN, infinite,
// negative) and drops impossible best efforts.
func cleanSession(s Session) Session {
	s.DistanceM, s.MovingS, s.AvgSpeedMS, s.Load = nonNeg(s.DistanceM), nonNeg(s.MovingS), nonNeg(s.AvgSpeedMS), nonNeg(s.Load)
	if s.AvgSpeedMS > 15 { // faster than any runner or usable recording
		s.AvgSpeedMS = 0
	}
	var efforts []rekindle.Effort
	for _, e := range s.BestEfforts {
		if finite(e.ElapsedS) && e.ElapsedS > 0 && finite(e.DistanceM) && e.DistanceM > 0 && e.DistanceM/e.ElapsedS <= 15 {
			efforts = append(efforts, e)
		}
	}
	s.BestEfforts = efforts
	return s
}

// daysAgo is how many calendar days before AsOf t falls (0 = AsOf itself).
func (h *history) daysAgo(t time.Time) int {
	return h.today - civilDay(t, h.loc)
}

// inWeek reports whether t falls in rolling week w (0 = the 7 days ending AsOf).
func (h *history) weekOf(t time.Time) int { return h.daysAgo(t) / 7 }

// weekLoad is the load of rolling week w.
func (h *history) weekLoad(w int) float64 {
	var sum float64
	last := len(h.load) - 1 - 7*w
	for i := last; i > last-7 && i >= 0; i-- {
		sum += h.load[i]
	}
	return sum
}

// crossWeekShare is the share of the last 7 days' load (h.load's) from
// sessions other than runs: cross-training, walks and hikes (0 without load).
func (h *history) crossWeekShare() float64 {
	var all, cross float64
	for i, s := range h.sessions {
		if d := h.today - h.b.sessionDay[i]; d < 0 || d >= 7 {
			continue
		}
		l := sessionLoad(s)
		all += l
		if !s.Sport.IsRun() {
			cross += l
		}
	}
	if all <= 0 {
		return 0
	}
	return cross / all
}

// offFeetShare is the share of the last 8 weeks' sessions in sports done off
// the feet: the cross-training of the cross-training share (SigCrossShare)
// without walks and hikes, which are time on foot (training.IsWalk). A
// runner who walks or hikes most days has legs that carry their weight for
// hours; a rider's or a swimmer's do not.
func (h *history) offFeetShare() float64 {
	off, all := h.recentSessions(func(sp rekindle.Sport) bool { return sp.IsCrossTraining() && !training.IsWalk(sp) })
	if all == 0 {
		return 0
	}
	return float64(off) / float64(all)
}

// onFootOutlastsOffFeet reports whether the last 8 weeks' walks and hikes
// took longer than their cross-training off the feet (rides, swims, rows…).
// The legs rule counts sessions (offFeetShare), and sessions are not time: two
// five-minute bike commutes a day outnumber a weekly hike of five hours, yet
// the legs that hiked for hours carry the runner's weight (held-out real-171
// 2024-06-23: 66 commute rides of 9.5 h in all beside 21 walks of 10.6 h and
// 7 mountain hikes of 29.8 h).
func (h *history) onFootOutlastsOffFeet() bool {
	var onFoot, offFeet float64
	for _, x := range h.sessions {
		if h.daysAgo(x.Start) >= 56 || !x.Sport.IsCrossTraining() {
			continue
		}
		if training.IsWalk(x.Sport) {
			onFoot += x.MovingS
		} else {
			offFeet += x.MovingS
		}
	}
	return onFoot > offFeet
}

// recentSessions counts the last 8 weeks' sessions (all) and those of them
// in a sport keep accepts (n).
func (h *history) recentSessions(keep func(rekindle.Sport) bool) (n, all int) {
	for _, x := range h.sessions {
		if h.daysAgo(x.Start) < 56 {
			all++
			if keep(x.Sport) {
				n++
			}
		}
	}
	return n, all
}

// weeksOfHistory is how many whole or partial rolling weeks the history spans.
func (h *history) weeksOfHistory() int { return (len(h.load) + 6) / 7 }

// weekRunStats returns the run count and distance of rolling weeks 0..n-1.
func (h *history) weekRunStats(n int) (runs []int, metres []float64) {
	runs = make([]int, n)
	metres = make([]float64, n)
	for _, r := range h.runs {
		if w := h.weekOf(r.Start); w >= 0 && w < n {
			runs[w]++
			metres[w] += r.DistanceM
		}
	}
	return runs, metres
}

// runsWithin returns the runs of the last days days (AsOf included).
func (h *history) runsWithin(days int) []Session {
	var out []Session
	for _, r := range h.runs {
		if h.daysAgo(r.Start) < days {
			out = append(out, r)
		}
	}
	return out
}

// isRace reports whether a run is a race, by the rule the training picture
// uses too (training.RecogniseRace): the runner's mark, the source's flag,
// words in several languages, a standard distance or a long hard run with an
// effort against the runner's usual. Runs over two years old are judged by
// mark and flag only (nothing reads them further).
func (h *history) isRace(s Session) bool { return h.raceCall(s).Race }

func (h *history) raceCall(s Session) training.RaceCall {
	if c, ok := h.races[s.ID]; ok && s.ID != 0 {
		return c
	}
	if h.paces == nil {
		var dist, speed, hr []float64
		var kind []int
		for _, r := range h.runs {
			if h.daysAgo(r.Start) < 730 {
				dist = append(dist, r.DistanceM)
				speed = append(speed, r.AvgSpeedMS)
				hr = append(hr, r.AvgHR)
				kind = append(kind, training.RunKind(r.Sport, r.DistanceM, r.AscentM))
			}
		}
		h.paces = training.NewPaceBookKinds(dist, speed, hr, kind)
		h.races = map[int64]training.RaceCall{}
	}
	if timeImpossible(s) {
		// Its source's clock is wrong (rekindle.Activity.TimeImpossible):
		// the training picture's race pass (training.RacesOf) skips it, and
		// so does the spark — one verdict for the same run (held-out
		// real-87's "run from gpx" 15.5 km of 2016-04-30 at a speed no
		// runner holds was the spark's race, "58% faster than usual", and
		// no race in the picture).
		c := training.RaceCall{}
		if s.ID != 0 {
			h.races[s.ID] = c
		}
		return c
	}
	rr := training.RaceRun{Name: s.Name, DistanceM: s.DistanceM, MovingS: s.MovingS, Start: s.Start.In(h.loc), AvgHR: s.AvgHR, Flag: s.Race, Mark: s.RaceMark,
		AscentM: s.AscentM}.WithSport(s.Sport)
	var ctx training.RaceContext
	if h.daysAgo(s.Start) < 730 {
		// The maxima the training picture judged races against
		// (training.RacesOf, training.RaceShareMaxHR): one rule for the
		// spark, the report and the race check.
		var shareMaxHR, measuredMaxHR float64
		if tr := h.in.Training; tr != nil {
			shareMaxHR, measuredMaxHR = tr.RaceShareMaxHR, tr.RaceMaxHR
		}
		kind := training.RunKind(s.Sport, s.DistanceM, s.AscentM)
		ctx = training.RaceContextOf(h.paces, s.DistanceM, s.AvgSpeedMS, s.AvgHR, kind, h.dayRuns(s.Start), h.raceBefore(s).RaceBefore, shareMaxHR, measuredMaxHR)
	} else {
		rr.Name, rr.DistanceM = "", 0
	}
	c := training.RecogniseRace(rr, ctx)
	if s.ID != 0 {
		h.races[s.ID] = c
	}
	return c
}

// raceBefore is the part of s's race context made of the runs of the
// days before its own. They are all in h (a prefix of its base's runs)
// when s starts before h's end, and then the same in every history cut
// from the base: kept in the base by session id.
func (h *history) raceBefore(s Session) raceBefore {
	memo := s.ID != 0 && h.b != nil && s.Start.Before(h.end)
	if memo {
		if rb, ok := h.b.before[s.ID]; ok && rb.start.Equal(s.Start) && rb.dist == s.DistanceM && rb.ascent == s.AscentM && rb.sport == s.Sport && rb.speed == s.AvgSpeedMS && rb.name == s.Name {
			return rb
		}
	}
	rb := raceBefore{start: s.Start, dist: s.DistanceM, ascent: s.AscentM, sport: s.Sport, speed: s.AvgSpeedMS, name: s.Name}
	kind := training.RunKind(s.Sport, s.DistanceM, s.AscentM)
	b := &rb.RaceBefore
	b.LabelRuns = h.labelRunsBefore(s)
	b.RecentAsFast, b.YearAtDistance, b.YearNearPace, b.YearClosePace = h.asFastBefore(s)
	b.LongestM, b.SecondLongestM, b.RecentHR, b.RecentLongSpeedMS, b.RecentLongRuns = h.longestRunsBefore(s.Start, s.DistanceM, kind)
	b.LongerEquivS = h.longerEquivBefore(s.Start, s.DistanceM)
	b.LongBlockHR, b.LongBlockSpeedMS = h.longBlockBefore(s.Start, s.DistanceM, kind)
	b.Annual = h.annualBefore(s.Start.In(h.loc), s.DistanceM)
	if memo {
		if h.b.before == nil {
			h.b.before = map[int64]raceBefore{}
		}
		h.b.before[s.ID] = rb
	}
	return rb
}

// nameLabel is training.NameLabel of h.runs[i] (memoised in the base,
// whose runs h's are a prefix of).
func (h *history) nameLabel(i int) (label, token string) {
	if h.b == nil {
		return training.NameLabel(h.runs[i].Name)
	}
	if h.b.runLabels == nil {
		h.b.runLabels = make([][2]string, len(h.b.runs))
		for j, r := range h.b.runs {
			h.b.runLabels[j][0], h.b.runLabels[j][1] = training.NameLabel(r.Name)
		}
	}
	return h.b.runLabels[i][0], h.b.runLabels[i][1]
}

// labelRunsBefore is training.RaceContext.LabelRuns for run s: the runs of
// the training.LabelDays calendar days before its day that carry its
// name's label (training.LabelRunsOf).
func (h *history) labelRunsBefore(s Session) int {
	label, _ := training.NameLabel(s.Name)
	if label == "" {
		return 0
	}
	y, m, d := s.Start.In(h.loc).Date()
	dayStart := time.Date(y, m, d, 0, 0, 0, 0, h.loc)
	from := dayStart.AddDate(0, 0, -training.LabelDays)
	i, _ := slices.BinarySearchFunc(h.runs, from, func(r Session, t time.Time) int { return r.Start.Compare(t) })
	var labels, tokens []string
	for ; i < len(h.runs) && h.runs[i].Start.Before(dayStart); i++ {
		l, t := h.nameLabel(i)
		labels, tokens = append(labels, l), append(tokens, t)
	}
	return training.LabelRunsOf(label, labels, tokens)
}

// longestRunsBefore are the longest and second longest runs of the training.LongestBeforeDays
// calendar days before the day of t, the median mean heart rate of those
// runs (training.RaceContext.RecentHR; 0 with too few), and the median
// speed of those at least training.RecentLongShare of dist long and of the
// given kind (training.RunKind: a road run's long-run effort is that of the
// road long runs; training.RaceContext.RecentLongSpeedMS; 0 with none), and
// how many runs of any kind were that long (training.RaceContext.RecentLongRuns).
func (h *history) longestRunsBefore(t time.Time, dist float64, kind int) (longest, second, recentHR, longSpeed float64, longRuns int) {
	y, m, d := t.In(h.loc).Date()
	dayStart := time.Date(y, m, d, 0, 0, 0, 0, h.loc)
	from := dayStart.AddDate(0, 0, -training.LongestBeforeDays)
	i, _ := slices.BinarySearchFunc(h.runs, from, func(r Session, t time.Time) int { return r.Start.Compare(t) })
	var hrs, speeds []float64
	for ; i < len(h.runs) && h.runs[i].Start.Before(dayStart); i++ {
		r := &h.runs[i]
		longest, second = training.TwoLongest(longest, second, r.DistanceM)
		if hr := r.AvgHR; hr > 0 {
			hrs = append(hrs, hr)
		}
		if r.DistanceM >= training.RecentLongShare*dist {
			longRuns++
		}
		if r.DistanceM >= training.RecentLongShare*dist && r.AvgSpeedMS > 0 && training.RunKind(r.Sport, r.DistanceM, r.AscentM) == kind {
			speeds = append(speeds, r.AvgSpeedMS)
		}
	}
	if len(hrs) >= training.RecentHRRuns {
		recentHR = median(hrs)
	}
	if len(speeds) > 0 {
		longSpeed = median(speeds)
	}
	return longest, second, recentHR, longSpeed, longRuns
}

// longBlockBefore is training.RaceContext.LongBlockHR and
// LongBlockSpeedMS for a run of dist metres of the given kind starting at
// t: the runs of the training.LongBlockDays calendar days before its day
// (training.LongBlock).
func (h *history) longBlockBefore(t time.Time, dist float64, kind int) (hr, speed float64) {
	y, m, d := t.In(h.loc).Date()
	dayStart := time.Date(y, m, d, 0, 0, 0, 0, h.loc)
	from := dayStart.AddDate(0, 0, -training.LongBlockDays)
	i, _ := slices.BinarySearchFunc(h.runs, from, func(r Session, t time.Time) int { return r.Start.Compare(t) })
	var b training.LongBlock
	for ; i < len(h.runs) && h.runs[i].Start.Before(dayStart); i++ {
		r := &h.runs[i]
		if training.RunKind(r.Sport, r.DistanceM, r.AscentM) == kind {
			b.Add(dist, r.DistanceM, r.AvgSpeedMS, r.AvgHR)
		}
	}
	return b.Medians()
}

// asFastBefore is training.RaceContext.RecentAsFast for s: how many runs
// of its kind in the training.RecentPaceDays calendar days before its day
// were about as long and at least about as fast (training.AsFastBefore);
// and training.RaceContext.YearAtDistance and YearNearPace: how many of
// its kind in the training.RoutineDays before its day were about as long
// (training.AtDistanceBefore), and how many of those came near its pace
// (training.NearPaceBefore) and close to it (training.ClosePaceBefore,
// training.RaceContext.YearClosePace).
func (h *history) asFastBefore(s Session) (asFast, yearAt, yearNear, yearClose int) {
	y, m, d := s.Start.In(h.loc).Date()
	dayStart := time.Date(y, m, d, 0, 0, 0, 0, h.loc)
	recent := dayStart.AddDate(0, 0, -training.RecentPaceDays)
	from := dayStart.AddDate(0, 0, -training.RoutineDays)
	kind := training.RunKind(s.Sport, s.DistanceM, s.AscentM)
	i, _ := slices.BinarySearchFunc(h.runs, from, func(r Session, t time.Time) int { return r.Start.Compare(t) })
	for ; i < len(h.runs) && h.runs[i].Start.Before(dayStart); i++ {
		r := &h.runs[i]
		if training.RunKind(r.Sport, r.DistanceM, r.AscentM) != kind {
			continue
		}
		if !r.Start.Before(recent) && training.AsFastBefore(s.DistanceM, s.AvgSpeedMS, r.DistanceM, r.AvgSpeedMS) {
			asFast++
		}
		if training.AtDistanceBefore(s.DistanceM, r.DistanceM) {
			yearAt++
			if training.NearPaceBefore(s.DistanceM, s.AvgSpeedMS, r.DistanceM, r.AvgSpeedMS) {
				yearNear++
			}
			if training.ClosePaceBefore(s.DistanceM, s.AvgSpeedMS, r.DistanceM, r.AvgSpeedMS) {
				yearClose++
			}
		}
	}
	return asFast, yearAt, yearNear, yearClose
}

// dayRuns are the runs of the calendar day of t (in the runner's zone),
// as the pace book holds them (training.PaceBook.TypicalAside).
func (h *history) dayRuns(t time.Time) []training.DayRun {
	y, m, d := t.In(h.loc).Date()
	from := time.Date(y, m, d, 0, 0, 0, 0, h.loc)
	to := from.AddDate(0, 0, 1)
	i, _ := slices.BinarySearchFunc(h.runs, from, func(r Session, t time.Time) int { return r.Start.Compare(t) })
	var out []training.DayRun
	for ; i < len(h.runs) && h.runs[i].Start.Before(to); i++ {
		r := &h.runs[i]
		out = append(out, training.DayRun{DistanceM: r.DistanceM, SpeedMS: r.AvgSpeedMS, Kind: training.RunKind(r.Sport, r.DistanceM, r.AscentM), AvgHR: r.AvgHR})
	}
	return out
}

// annualBefore is training.RaceContext.Annual for a run of dist metres
// started at t (in the runner's zone): a run of the same standard distance
// on a weekend on about the same date of one of the years before.
func (h *history) annualBefore(t time.Time, dist float64) bool {
	if !training.AnnualCandidate(dist, t) {
		return false
	}
	i, _ := slices.BinarySearchFunc(h.runs, t.Add(-training.AnnualLookback), func(r Session, t time.Time) int { return r.Start.Compare(t) })
	for ; i < len(h.runs) && h.runs[i].Start.Before(t); i++ {
		if training.AnnualRepeat(dist, t, h.runs[i].DistanceM, h.runs[i].Start.In(h.loc)) {
			return true
		}
	}
	return false
}

// longerEquivBefore is training.RaceContext.LongerEquivS for a run of
// dist metres started at t: the best time at dist that the runs of the
// training.LongestBeforeDays calendar days before its day, at least
// training.TempoLongerShare of dist long, are worth by Riegel (0 when none).
func (h *history) longerEquivBefore(t time.Time, dist float64) float64 {
	y, m, d := t.In(h.loc).Date()
	dayStart := time.Date(y, m, d, 0, 0, 0, 0, h.loc)
	from := dayStart.AddDate(0, 0, -training.LongestBeforeDays)
	i, _ := slices.BinarySearchFunc(h.runs, from, func(r Session, t time.Time) int { return r.Start.Compare(t) })
	best := 0.0
	for ; i < len(h.runs) && h.runs[i].Start.Before(dayStart); i++ {
		best = training.LongerEquiv(best, dist, h.runs[i].DistanceM, h.runs[i].MovingS)
	}
	return best
}

// hasFastSegment reports whether a run held a clearly faster pace than its
// average somewhere (a best effort of 400 m to 1 mile at least 10% faster),
// and whether that could be known at all.
func hasFastSegment(s Session) (fast, known bool) {
	if s.AvgSpeedMS <= 0 || len(s.BestEfforts) == 0 {
		return false, false
	}
	for _, e := range s.BestEfforts {
		if e.DistanceM > 1700 || e.ElapsedS <= 0 {
			continue
		}
		known = true
		if e.DistanceM/e.ElapsedS >= 1.10*s.AvgSpeedMS {
			return true, true
		}
	}
	return false, known
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	c := slices.Clone(xs)
	slices.Sort(c)
	if len(c)%2 == 1 {
		return c[len(c)/2]
	}
	return (c[len(c)/2-1] + c[len(c)/2]) / 2
}

// ramp maps x linearly from lo (0) to hi (1), clamped; lo may exceed hi.
func ramp(x, lo, hi float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	v := (x - lo) / (hi - lo)
	return math.Max(0, math.Min(1, v))
}

// timeImpossible is rekindle.Activity.TimeImpossible for a session: a run
// faster than the world record at its distance (its time is not the run's).
func timeImpossible(s Session) bool {
	a := rekindle.Activity{Sport: s.Sport, Summary: rekindle.Summary{DistanceM: s.DistanceM, MovingS: s.MovingS}}
	return a.TimeImpossible()
}
