// Package training computes the training picture of a runner on a given day:
// session loads, fitness, fatigue and form, this week against the usual,
// monotony and strain, light weeks, best efforts, VDOT with race predictions
// and training paces, and a training status with the numbers behind it.
//
// It is pure: it takes activities (with their measured Summary) and the
// athlete, and returns values. Formulas, constants and the choices made where
// published implementations disagree follow docs/science.md and are
// documented next to the code that uses them.
//
// The entry point is Picture. All loads are in "load points", where an hour at
// lactate threshold is 100 (see LoadMethod).
package training

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/units"
)

// Options tune Picture. The zero value is the documented default.
type Options struct {
	Smoothing      Smoothing // default SmoothingExp
	SeriesDays     int       // days of daily series and sessions in the report; default 90
	Weeks          int       // weeks in Report.Weeks; default 12
	VDOTWindowDays int       // how recent efforts must be for VDOT; default 90 (365 when none)
}

func (o Options) withDefaults() Options {
	if o.Smoothing == "" {
		o.Smoothing = SmoothingExp
	}
	if o.SeriesDays <= 0 {
		o.SeriesDays = 90
	}
	if o.Weeks <= 0 {
		o.Weeks = 12
	}
	if o.VDOTWindowDays <= 0 {
		o.VDOTWindowDays = 90
	}
	return o
}

// Day is one day of the series, in the athlete's time zone.
type Day struct {
	Date    string  `json:"date"`    // YYYY-MM-DD
	Load    float64 `json:"load"`    // load points of the day's sessions
	Fitness float64 `json:"fitness"` // 42-day smoothed load (CTL), after today
	Fatigue float64 `json:"fatigue"` // 7-day smoothed load (ATL), after today
	// Form is "form today": yesterday's fitness − yesterday's fatigue (TSB as
	// TrainingPeaks shows it), what the runner brings into today.
	Form        float64 `json:"form"`
	FormSameDay float64 `json:"form_same_day"` // fitness − fatigue after today's load
	RampRate    float64 `json:"ramp_rate"`     // fitness − fitness 7 days before
	DistanceM   float64 `json:"distance_m"`    // runs only
	LongestRunM float64 `json:"longest_run_m"` // runs only
	Runs        int     `json:"runs"`
	Sessions    int     `json:"sessions"`
	DurationS   float64 `json:"duration_s"` // all sessions
	// EstimatedLoad is the part of Load from cross-training estimated from
	// its duration alone (no heart rate, no rating: MethodDurationDefault on
	// a session that is not a run), weak evidence of strain (Habit).
	EstimatedLoad float64 `json:"estimated_load,omitempty"`
	// WalkLoad is the part of Load from walks and hikes (SessionLoad.Walk);
	// WalkFitness and WalkFatigue their part of Fitness and Fatigue (the
	// smoothing is linear, so the parts add up to the whole).
	WalkLoad    float64 `json:"walk_load,omitempty"`
	WalkFitness float64 `json:"walk_fitness,omitempty"`
	WalkFatigue float64 `json:"walk_fatigue,omitempty"`

	// walkMeasured is the part of WalkLoad not in EstimatedLoad (walks
	// with heart rate or a rating): the two add up to the weak load.
	walkMeasured float64
	// guessLoad is the part of Load from cross-training other than walks
	// whose load is a guess from its duration alone, and guessFitness and
	// guessFatigue its part of Fitness and Fatigue (Habit.GuessFitness).
	guessLoad, guessFitness, guessFatigue float64
	// defaultFitness and defaultFatigue are the parts of Fitness and
	// Fatigue from sessions of any sport whose load is a duration guess
	// (MethodDurationDefault); timeFitness and timeFatigue are fitness and
	// fatigue with every session's load counted that one way (minutes × its
	// sport's default RPE): the one scale LoadVerdict checks its fatigue
	// rule on when the weeks it compares were measured differently
	// (Habit.ScaleChanged).
	defaultFitness, defaultFatigue float64
	timeFitness, timeFatigue       float64
}

// ewma is one daily series' fitness and fatigue (series): its
// exponentially weighted means over FitnessDays and FatigueDays.
type ewma struct{ fit, fat float64 }

// add moves both means one day on with that day's load x.
func (e *ewma) add(kc, ka, x float64) {
	e.fit += kc * (x - e.fit)
	e.fat += ka * (x - e.fat)
}

// Comparison is this week (the last 7 days) against the runner's usual week
// (the median load of the weeks they ran in the past year, see Habit). It describes; it is not an injury
// risk: the acute:chronic ratio behind it has no validated thresholds for
// runners (science.md §3).
type Comparison struct {
	Defined       bool    `json:"defined"` // false with < 28 days of history or no usual load
	ThisWeekLoad  float64 `json:"this_week_load"`
	UsualWeekLoad float64 `json:"usual_week_load"`
	Ratio         float64 `json:"ratio"` // this / usual
	// The same comparison by the two other conventions, for reference.
	CoupledRatio float64 `json:"coupled_ratio"` // last 7 / last 28 days
	EWMARatio    float64 `json:"ewma_ratio"`    // EWMA 7 / EWMA 28 (Williams)
	Text         string  `json:"text"`          // "about 40% more than your usual week"
}

// Recent is the last 7 days' volume, monotony and strain.
type Recent struct {
	Load           float64 `json:"load"`
	DistanceM      float64 `json:"distance_m"`
	Runs           int     `json:"runs"`
	Sessions       int     `json:"sessions"`
	Monotony       float64 `json:"monotony"` // 0 with Defined false
	Strain         float64 `json:"strain"`
	MonotonyCapped bool    `json:"monotony_capped"` // identical load every day
	Defined        bool    `json:"defined"`         // false when there was no load
	// MonotonyBand is Foster's commonly used bands: "varied" (< 1.5),
	// "watch" (1.5–2.0), "high" (> 2.0), "" when undefined.
	MonotonyBand string `json:"monotony_band"`
	// RunMonotony is Foster's monotony of the running alone: the same 7
	// days with only runs' load, every other day 0 (0 with no run). Foster's
	// monotony is sport-blind: a swim, a skate or a class on the days
	// between runs fills the rest days with load and reads as sameness,
	// when for a runner it is the change of stimulus coaches prescribe for
	// an easy day. What a coach means by "the same every day" is the
	// running (docs/science.md §4); spark's overreached needs both.
	RunMonotony float64 `json:"run_monotony"`
}

// Report is the training picture on one day.
type Report struct {
	AsOf       string     `json:"as_of"` // YYYY-MM-DD
	Athlete    Physiology `json:"athlete"`
	Smoothing  Smoothing  `json:"smoothing"`
	Activities int        `json:"activities"` // sessions up to as_of
	// Ignored counts activities left out because their start is before
	// 1970 (no date, or a device clock that was never set).
	Ignored      int    `json:"ignored_activities"`
	HistoryStart string `json:"history_start,omitempty"`
	HistoryDays  int    `json:"history_days"`
	// WarmingUp is true with less than 42 days of history: fitness is not
	// yet meaningful.
	WarmingUp bool `json:"warming_up"`

	Today          Day        `json:"today"`
	DaysUntilFresh float64    `json:"days_until_fresh"` // rest days until form ≥ 0
	ThisWeek       Comparison `json:"this_week_vs_usual"`
	// Habit is the runner's usual week over the past year (weeks they ran)
	// and whether they are coming back from a break: the status and the
	// spark engine judge load against it.
	Habit     Habit  `json:"habit"`
	Last7Days Recent `json:"last_7_days"`

	Progression         Progression `json:"progression"`
	WeeksSinceLightWeek int         `json:"weeks_since_light_week"`
	LastLightWeek       string      `json:"last_light_week,omitempty"` // Monday of it
	Weeks               []Week      `json:"weeks"`                     // oldest first, the current week last

	BestEfforts []BestEffort  `json:"best_efforts"`
	SeasonBests []SeasonBests `json:"season_bests"`
	Fitness     Fitness       `json:"running_fitness"`
	// RaceMaxHR is the maximum heart rate races were judged against: the
	// runner's own or observed in their files, 0 when neither (never a
	// population default). Spark judges races with the same one.
	RaceMaxHR float64 `json:"-"`
	// RaceShareMaxHR is the maximum a race's heart rate was judged against
	// as a share (RaceShareMaxHR: RaceMaxHR, else the population's). Spark
	// judges races with the same one.
	RaceShareMaxHR float64 `json:"-"`

	Status Status `json:"status"`

	Days     []Day         `json:"days"`     // the last SeriesDays days, oldest first
	Sessions []SessionLoad `json:"sessions"` // sessions of those days, oldest first
}

// earliestStart is the earliest start taken as a real date.
var earliestStart = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// dated is an activity with its civil day and year in the athlete's time zone.
type dated struct {
	a         *rekindle.Activity
	day, year int
}

// dayNum is the civil date of t in loc as days since 1970-01-01.
func dayNum(t time.Time, loc *time.Location) int {
	y, m, d := t.In(loc).Date()
	return civilDay(y, m, d)
}

func civilDay(y int, m time.Month, d int) int {
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func dayString(n int) string {
	return time.Unix(int64(n)*86400, 0).UTC().Format(time.DateOnly)
}

// Picture computes the training picture of athlete on the day asOf, from the
// activities that started up to the end of that day in the athlete's time zone
// (later ones are ignored, so any past day can be replayed). asOf names a
// calendar day: its year, month and day in its own location. acts need not be
// sorted and are not modified.
func Picture(acts []rekindle.Activity, athlete rekindle.Athlete, asOf time.Time, opts Options) Report {
	opts = opts.withDefaults()
	loc := athlete.Location()
	y, m, d := asOf.Date()
	today := civilDay(y, m, d)

	r := Report{AsOf: dayString(today), Smoothing: opts.Smoothing}

	// The activities up to today, oldest first.
	in := make([]dated, 0, len(acts))
	for i := range acts {
		a := &acts[i]
		if a.Start.Before(earliestStart) {
			r.Ignored++ // no date, or a device clock that was never set
			continue
		}
		y, m, d := a.Start.In(loc).Date()
		if n := civilDay(y, m, d); n <= today {
			in = append(in, dated{a: a, day: n, year: y})
		}
	}
	byStart := func(a, b dated) int { return a.a.Start.Compare(b.a.Start) }
	if !slices.IsSortedFunc(in, byStart) { // the store lists them in order
		slices.SortStableFunc(in, byStart)
	}

	r.Activities = len(in)

	var peaks []float64
	if athlete.MaxHR <= 0 {
		for _, e := range in {
			if p := sessionPeakHR(e.a); p > 0 {
				peaks = append(peaks, p)
			}
		}
	}
	observedMax := athlete.MaxHR
	if observedMax <= 0 && len(peaks) > 0 {
		observedMax, _, _ = maxHRFromPeaks(slices.Clone(peaks), 0)
	}
	efforts := newEffortAgg(today, opts.VDOTWindowDays)
	efforts.maxHR = observedMax
	book := paceBookOf(in, today)
	efforts.book = book
	efforts.days = daysOf(in)
	for _, e := range in {
		efforts.addActivity(e.a, e.day, e.year)
		efforts.addWholeRun(e.a, e.day)
	}
	// Races of the last year, by the rule spark uses too: their times give
	// VDOT, and a race run with heart rate makes the observed maximum a
	// maximum rather than a floor.
	hardHR := athlete.MaxHR > 0
	r.RaceMaxHR = observedMax
	r.RaceShareMaxHR = RaceShareMaxHR(observedMax, athlete, asOf)
	races := recogniseRacesWith(in, loc, today, r.RaceShareMaxHR, observedMax, book) // the runner's mark (Activity.RaceOverride) first
	for _, rc := range races {
		efforts.addRace(rc.a, rc.day, rc.call)
		hardHR = hardHR || rc.a.Summary.AvgHR > 0
	}
	if !hardHR {
		hardHR = anyHardHR(in, today, observedMax)
	}
	r.BestEfforts, r.SeasonBests = efforts.result()
	r.Fitness = efforts.fitness()
	r.Athlete = resolvePhysiology(athlete, peaks, asOf, r.Fitness.VDOT)
	explainPredictions(&r.Fitness, r.BestEfforts)
	if r.Fitness.Paces != nil && r.Athlete.ThresholdPaceSource == SourceAthlete && r.Athlete.ThresholdPaceSPerKm > 0 {
		// One threshold pace: the runner's own, when they set one, on the
		// Training page and the report as on Settings and in the load.
		r.Fitness.Paces.T, r.Fitness.Paces.TSource = r.Athlete.ThresholdPaceSPerKm, SourceAthlete
	}
	if !hardHR && r.Athlete.MaxHRSource == SourceObserved {
		// Only easy running was seen: what was observed is a floor.
		floor := r.Athlete.MaxHR
		ceil := float64(DefaultMaxHR)
		if r.Athlete.BirthYear > 0 {
			ceil = math.Round(TanakaMaxHR(float64(asOf.Year() - r.Athlete.BirthYear)))
		}
		if ceil > floor {
			r.Athlete.MaxHR, r.Athlete.MaxHRSource = ceil, SourceDefault
			if r.Athlete.BirthYear > 0 {
				r.Athlete.MaxHRSource = SourceTanaka
			}
		}
	}

	first := today
	if len(in) > 0 {
		first = in[0].day
		r.HistoryStart = dayString(first)
		r.HistoryDays = today - first + 1
	}
	r.WarmingUp = r.HistoryDays < FitnessDays

	// Session loads, then the daily series.
	sessions := make([]SessionLoad, len(in))
	ld := newLoader(r.Athlete.LoadParams())
	for i, e := range in {
		sessions[i] = ld.load(e.a)
		sessions[i].day = e.day
	}
	days, loads := series(sessions, first, today, opts.Smoothing)
	nd := len(days)
	if nd > 0 {
		r.Today = days[nd-1]
		r.Today.Date = r.AsOf
	} else {
		r.Today = Day{Date: r.AsOf}
	}
	r.DaysUntilFresh = DaysUntilFresh(r.Today.Fitness, r.Today.Fatigue, opts.Smoothing)

	// The last 28 days, zero-padded before the history.
	last28 := make([]float64, 28)
	for i := range 28 {
		if k := nd - 28 + i; k >= 0 {
			last28[i] = loads[k]
		}
	}
	r.Habit = habitOfDays(days)
	comebackInWords(&r.Habit, days, in, races, first, today)
	r.ThisWeek = compare(last28, r.HistoryDays, r.Habit)
	r.Last7Days = recent(days, last28[21:])
	r.Last7Days.RunMonotony = runMonotony(sessions, today)
	r.Progression = progression(days)

	weeks := weeksOf(days, first, today)
	r.WeeksSinceLightWeek, r.LastLightWeek = WeeksSinceLight(weeks)
	r.Weeks = weeks[max(0, len(weeks)-opts.Weeks):]

	r.Status = status(statusInput{
		days: days, historyDays: r.HistoryDays, cmp: r.ThisWeek, habit: r.Habit,
		perf:          performanceTrend(in, today, r.Athlete.MaxHR),
		daysSinceLast: daysSinceLast(in, today),
	})

	from := max(0, nd-opts.SeriesDays)
	r.Days = days[from:]
	for i := range r.Days {
		r.Days[i].Date = dayString(first + from + i)
	}
	for i, e := range in {
		if e.day-first >= from {
			r.Sessions = sessions[i:]
			for j := range r.Sessions {
				r.Sessions[j].Day = dayString(in[i+j].day)
			}
			break
		}
	}
	if r.Sessions == nil {
		r.Sessions = []SessionLoad{}
	}
	return r
}

// Series computes the daily series and the weeks from session loads (as
// Picture returns them, in any order) between the first session's day and
// asOf, in loc. It is the pure series part of Picture.
func Series(sessions []SessionLoad, loc *time.Location, asOf time.Time, s Smoothing) ([]Day, []Week) {
	y, m, d := asOf.Date()
	today := civilDay(y, m, d)
	in := make([]SessionLoad, 0, len(sessions))
	first := today
	for _, x := range sessions {
		x.day = dayNum(x.Start, loc)
		if x.day <= today && !x.Start.Before(earliestStart) {
			in = append(in, x)
			first = min(first, x.day)
		}
	}
	days, _ := series(in, first, today, s)
	for i := range days {
		days[i].Date = dayString(first + i)
	}
	return days, weeksOf(days, first, today)
}

// series builds the days from first to today from sessions carrying their
// day numbers: totals, then fitness and fatigue. It returns the days and the
// daily loads.
func series(sessions []SessionLoad, first, today int, sm Smoothing) ([]Day, []float64) {
	nd := today - first + 1
	days := make([]Day, nd)
	loads := make([]float64, nd)
	dflt, timed := make([]float64, nd), make([]float64, nd)
	for _, s := range sessions {
		k := s.day - first
		if k < 0 || k >= nd {
			continue
		}
		loads[k] += s.Load
		if s.EstimatedCrossTraining() {
			days[k].EstimatedLoad += s.Load
			if !s.Walk() {
				days[k].guessLoad += s.Load
			}
		}
		if s.Walk() {
			days[k].WalkLoad += s.Load
			if !s.EstimatedCrossTraining() {
				days[k].walkMeasured += s.Load
			}
		}
		if s.Method == MethodDurationDefault {
			dflt[k] += s.Load
		}
		timed[k] += s.timeLoad()
		days[k].Sessions++
		days[k].DurationS += s.DurationS
		if s.Sport.IsRun() {
			days[k].Runs++
			days[k].DistanceM += s.DistanceM
			days[k].LongestRunM = math.Max(days[k].LongestRunM, s.DistanceM)
		}
	}

	// Fitness and fatigue, seeded with the mean daily load of the first 28
	// days when the history is that long (science.md §2), else from 0.
	seed, walkSeed, guessSeed, dfltSeed, timeSeed := 0.0, 0.0, 0.0, 0.0, 0.0
	if nd >= 28 {
		seed = mean(loads[:28])
		dfltSeed, timeSeed = mean(dflt[:28]), mean(timed[:28])
		for _, d := range days[:28] {
			walkSeed += d.WalkLoad / 28
			guessSeed += d.guessLoad / 28
		}
	}
	kc, ka := sm.K(FitnessDays), sm.K(FatigueDays)
	all := ewma{seed, seed}
	walk, guess := ewma{walkSeed, walkSeed}, ewma{guessSeed, guessSeed}
	dfl, tim := ewma{dfltSeed, dfltSeed}, ewma{timeSeed, timeSeed}
	for i := range days {
		prevC, prevA := all.fit, all.fat
		all.add(kc, ka, loads[i])
		ctl, atl := all.fit, all.fat
		dd := &days[i]
		walk.add(kc, ka, dd.WalkLoad)
		dd.WalkFitness, dd.WalkFatigue = walk.fit, walk.fat
		guess.add(kc, ka, dd.guessLoad)
		dd.guessFitness, dd.guessFatigue = guess.fit, guess.fat
		dfl.add(kc, ka, dflt[i])
		tim.add(kc, ka, timed[i])
		dd.defaultFitness, dd.defaultFatigue = dfl.fit, dfl.fat
		dd.timeFitness, dd.timeFatigue = tim.fit, tim.fat
		dd.Load, dd.Fitness, dd.Fatigue = loads[i], ctl, atl
		dd.Form, dd.FormSameDay = prevC-prevA, ctl-atl
		if i >= 7 {
			dd.RampRate = ctl - days[i-7].Fitness
		} else {
			dd.RampRate = ctl - seed
		}
	}
	return days, loads
}

// weeksOf groups the days into classified weeks.
func weeksOf(days []Day, first, today int) []Week {
	weeks := buildWeeks(days, first, today)
	classifyWeeks(weeks)
	return weeks
}

func daysSinceLast(in []dated, today int) int {
	if len(in) == 0 {
		return 0
	}
	return today - in[len(in)-1].day
}

// habitOfDays is HabitOf over the daily series.
func habitOfDays(days []Day) Habit {
	load := make([]float64, len(days))
	est := make([]float64, len(days))
	dist := make([]float64, len(days))
	runs := make([]int, len(days))
	walk := make([]float64, len(days))
	for i, d := range days {
		load[i], est[i], dist[i], runs[i] = d.Load, d.EstimatedLoad, d.DistanceM, d.Runs
		walk[i] = d.walkMeasured
	}
	h := HabitOfWeak(load, est, walk, dist, runs)
	if n := len(days); n > 0 {
		d := days[n-1]
		h.WalkFitness, h.WalkFatigue = d.WalkFitness, d.WalkFatigue
		h.GuessFitness, h.GuessFatigue = d.guessFitness, d.guessFatigue
		if d.Fitness > 0 && d.Fatigue > 0 && math.Abs(d.defaultFitness/d.Fitness-d.defaultFatigue/d.Fatigue) >= ScaleChangeShare {
			h.ScaleChanged = true
			h.TimeFitness, h.TimeFatigue = d.timeFitness, d.timeFatigue
		}
	}
	return h
}

// compare is this week against the usual week of the past year (the median
// of the weeks the runner ran, see Habit); the acute:chronic ratios of the
// last 28 days are kept for reference.
func compare(last28 []float64, historyDays int, h Habit) Comparison {
	var c Comparison
	for _, l := range last28[21:] {
		c.ThisWeekLoad += l
	}
	c.UsualWeekLoad = h.UsualLoad
	if historyDays < 28 {
		c.Text = "not enough history yet to say what a usual week is"
		return c
	}
	if !h.Defined {
		c.Text = "no usual week to compare with yet: fewer than 4 weeks with a run in the past year"
		return c
	}
	c.Defined, c.Ratio = true, h.Ratio
	c.CoupledRatio, _ = ACWRCoupled(last28)
	_, _, c.EWMARatio, _ = ACWREWMA(last28)
	c.Text = comparisonText(h.Ratio)
	return c
}

func comparisonText(r float64) string {
	pct := math.Round((r-1)*100/5) * 5
	switch {
	case math.Abs(pct) < 10:
		return "about the same as your usual week"
	case pct > 0:
		return "about " + itoa(int(pct)) + "% more than your usual week"
	}
	return "about " + itoa(int(-pct)) + "% less than your usual week"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

func recent(days []Day, last7 []float64) Recent {
	var r Recent
	for i := max(0, len(days)-7); i < len(days); i++ {
		r.Load += days[i].Load
		r.DistanceM += days[i].DistanceM
		r.Runs += days[i].Runs
		r.Sessions += days[i].Sessions
	}
	r.Monotony, r.Strain, r.MonotonyCapped, r.Defined = Monotony(last7)
	if r.Defined {
		switch {
		case r.Monotony > 2:
			r.MonotonyBand = "high"
		case r.Monotony >= 1.5:
			r.MonotonyBand = "watch"
		default:
			r.MonotonyBand = "varied"
		}
	}
	return r
}

// runMonotony is Foster's monotony of the runs' load over the 7 days ending
// today (Recent.RunMonotony), 0 when none of those days holds a run with load.
func runMonotony(sessions []SessionLoad, today int) float64 {
	daily := make([]float64, 7)
	for _, s := range sessions {
		if k := s.day - (today - 6); k >= 0 && k < 7 && s.Sport.IsRun() {
			daily[k] += s.Load
		}
	}
	m, _, _, _ := Monotony(daily)
	return m
}

// buildWeeks groups the days into Monday-to-Sunday weeks.
func buildWeeks(days []Day, first, today int) []Week {
	if len(days) == 0 {
		return nil
	}
	// 1970-01-01 was a Thursday: Monday-based weekday = (n + 3) mod 7.
	monday := func(n int) int { return n - ((n%7 + 7 + 3) % 7) }
	var weeks []Week
	daily := make([]float64, 7)
	for ws := monday(first); ws <= today; ws += 7 {
		w := Week{Start: dayString(ws), Complete: ws+6 <= today}
		clear(daily)
		for k := range 7 {
			n := ws + k
			if n < first || n > today {
				continue
			}
			dd := days[n-first]
			w.Days++
			w.Load += dd.Load
			w.Sessions += dd.Sessions
			w.DistanceM += dd.DistanceM
			w.DurationS += dd.DurationS
			w.LongestRunM = math.Max(w.LongestRunM, dd.LongestRunM)
			w.Runs += dd.Runs
			daily[k] = dd.Load
		}
		if m, s, c, ok := Monotony(daily); ok {
			w.Monotony, w.Strain, w.MonotonyCapped = m, s, c
		}
		weeks = append(weeks, w)
	}
	return weeks
}

// explainPredictions notes each prediction slower than the runner's best
// at that distance: the best is older than the fitness the predictions
// come from, and the page says so rather than showing two numbers that
// seem to disagree.
func explainPredictions(f *Fitness, bests []BestEffort) {
	if f.From == nil {
		return
	}
	for i := range f.Predictions {
		p := &f.Predictions[i]
		for _, b := range bests {
			if b.Name != p.Name || b.ElapsedS <= 0 || b.ElapsedS >= p.VDOTS-0.5 {
				continue
			}
			p.BestS, p.BestDate = b.ElapsedS, b.Date
			p.Note = p.Explain(f, func(d string) string { return d })
		}
	}
}

// Explain is a prediction's note with its days written by day (a page or
// the terminal writes them as the athlete reads dates; JSON keeps Note,
// with ISO days): "slower than your best 5K (18:26 on …): …"; "" when the
// prediction is not slower than a best.
func (p Prediction) Explain(f *Fitness, day func(string) string) string {
	if p.BestS <= 0 || f == nil || f.From == nil {
		return ""
	}
	return fmt.Sprintf("slower than your best %s (%s on %s): predictions come from your best effort of the last %d days (on %s), so they follow your fitness now",
		predictionLabel(p.Name), units.Clock(p.BestS), day(p.BestDate), f.WindowDays, day(f.From.Date))
}

func predictionLabel(name string) string {
	switch name {
	case "5k", "10k":
		return strings.ToUpper(name)
	case "half":
		return "half marathon"
	}
	return name
}
