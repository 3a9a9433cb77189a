// Package spark works out why running has gone stale and what to try next.
//
// It is pure: Evaluate takes a plain Input (sessions, check-ins, spark
// checks, past experiments and, when available, values from the training
// and route packages) and returns a Report: signals for the day, each a
// number with its source; diagnoses with a confidence and the evidence that
// led to them; ranked recommendations, one strategy each, whose why quotes
// the runner's own numbers and whose actions are built from the data; and
// the outcome of experiments whose watch window has ended.
//
// Nothing in the report depends on data after Input.AsOf, so any past day
// can be replayed.
package spark

import (
	"time"

	"rekindle"
	"rekindle/internal/locale"
	"rekindle/internal/plan"
	"rekindle/internal/training"
)

// Session is one activity as the spark engine sees it: the summary numbers
// plus what other packages know about it (its route group, its load).
type Session struct {
	ID          int64
	Start       time.Time
	Sport       rekindle.Sport
	Name        string
	DistanceM   float64
	MovingS     float64
	AvgSpeedMS  float64
	BestEfforts []rekindle.Effort
	Gear        string

	// Load is the session's training load from package training; 0 means
	// unknown and spark uses moving minutes instead.
	Load float64
	// RouteKey groups sessions run on the same route (package route's
	// group id); "" when unknown. RouteName is its display name.
	RouteKey  string
	RouteName string
	// Race is the source's race flag (a Strava workout type, a race
	// template). Spark also recognises races by name, distance, effort and
	// day (training.RecogniseRace).
	Race bool
	// RaceMark is the runner's own call, which overrides everything: true
	// for a race, false for not one, nil when they did not say.
	RaceMark *bool
	// AvgHR is the session's mean heart rate, 0 when unknown.
	AvgHR float64
	// AscentM is the session's climbing, 0 when unknown
	// (training.RaceRun.ClimbHeavy).
	AscentM float64
}

// Training carries optional values computed by package training for AsOf.
// Zero fields are computed by spark itself from the sessions.
type Training struct {
	Fitness         float64 // chronic load (CTL)
	Fatigue         float64 // acute load (ATL)
	Form            float64 // TSB
	FitnessTrendPct float64 // fitness change over 4 weeks, percent
	Monotony        float64
	// RunMonotony is the monotony of the runs' load alone
	// (training.Recent.RunMonotony).
	RunMonotony         float64
	WeeksSinceLightWeek float64
	VDOT                float64
	// VDOTFound says in words how VDOT was found (training.Fitness.FoundWords).
	VDOTFound string
	// RaceMaxHR is the maximum the training picture judged races against
	// (training.Report.RaceMaxHR): the runner's own or observed, 0 when
	// only a default is known. RaceShareMaxHR is the one it judged a heart
	// rate's share against (training.Report.RaceShareMaxHR: RaceMaxHR,
	// else the population's). Spark judges races with the same two: one
	// rule for what a race is.
	RaceMaxHR, RaceShareMaxHR float64
	// ThresholdSpeedMS is the runner's own threshold pace (m/s) when they
	// set one; 0: threshold pace comes from VDOT.
	ThresholdSpeedMS float64
	// Habit is the usual week of the past year and the comeback state, as
	// the training status judged them; nil: spark computes it from the
	// sessions with the same function.
	Habit     *training.Habit
	HasValues bool // set when the fields above are filled
}

// RouteOption is a route the runner could try: a suggested new loop or a
// known route run rarely.
type RouteOption struct {
	Name      string
	DistanceM float64
	Kind      string  // "new_loop", "trail", "point_to_point", "known"
	NewShare  float64 // share of its length on streets never run, 0–1
	// Points is the route as lat, lon pairs when it came from the street
	// graph: accepting the idea attaches it to the planned run.
	Points [][2]float64
	// Link is where the caller shows the route (the web's Routes page with
	// its map, cues and downloads); spark passes it through to Loop.
	Link string
}

// Loop is a route an idea offers, as its card names it: the first is the
// one the idea plans, the others are alternatives.
type Loop struct {
	Name      string  `json:"name"`
	DistanceM float64 `json:"distance_m"`
	NewShare  float64 `json:"new_share"` // share on streets never run, 0–1
	Link      string  `json:"link,omitempty"`
}

// RaceOption is a race from a calendar.
type RaceOption struct {
	Name      string
	Date      time.Time
	DistanceM float64
	Place     string
	// Optional, from package race: the predicted finish time in seconds
	// (spark predicts from its VDOT when 0), the race's page, and the taper
	// of the days before as planned sessions ending with the race itself
	// (the same the races page shows); when empty spark makes it with the
	// same generator (race.PlanTaper) from the runner's usual week.
	PredictedS float64
	URL        string
	Taper      []plan.Session
}

// ClassOption is a class from a gym schedule that fits the runner's week
// (package race picks them): spark names the first of a sport the runner
// has never logged in its cross-training idea.
type ClassOption struct {
	Name  string
	Sport rekindle.Sport
	Start time.Time // in the runner's zone
	End   time.Time // zero when unknown (an hour is planned)
	Place string
	URL   string
	Why   string // why it fits, one sentence
}

// Input is everything Evaluate needs for one day.
type Input struct {
	AsOf     time.Time      // the day evaluated; data after the end of this day is ignored
	Location *time.Location // the athlete's time zone for day buckets; nil means UTC
	Unit     rekindle.Unit  // display unit for distances in text
	Locale   locale.Locale  // how dates are written in text; "" is en-GB

	Sessions    []Session
	CheckIns    []rekindle.CheckIn
	SparkChecks []rekindle.SparkCheck
	Experiments []Experiment

	Training *Training     // optional
	Routes   []RouteOption // optional route suggestions
	Races    []RaceOption  // optional race calendar
	// Country is the runner's country (ISO 3166-1 alpha-2, "CN", "GB"), ""
	// when unknown: ideas name country-specific things (parkrun) only where
	// they exist.
	Country string
	Classes []ClassOption // optional classes that fit the week (package race)

	Gear           []GearInfo   // optional: shoes and bikes with their mileage
	Rewards        []RewardInfo // optional: the reward ledger with progress
	GratitudeFacts []string     // optional: facts from the runner's own data (package gratitude)
	// Shown are the ideas the runner was shown on earlier days (optional):
	// stock ideas shown often step back, stock lists rotate by them.
	Shown []Shown
}

// Signal is one number describing the runner's recent history.
type Signal struct {
	Value  float64 `json:"value"`
	Unit   string  `json:"unit,omitempty"`
	Source string  `json:"source"`
}

// Evidence is one fact behind a diagnosis or a recommendation.
type Evidence struct {
	Signal string  `json:"signal,omitempty"`
	Value  float64 `json:"value"`
	Text   string  `json:"text"`
}

// DiagnosisResult is one diagnosis with its confidence (0–1) and evidence.
type DiagnosisResult struct {
	Key        rekindle.Diagnosis `json:"key"`
	Confidence float64            `json:"confidence"`
	// Sureness is the confidence in a coach's words (see Sureness).
	Sureness string     `json:"sureness"`
	Evidence []Evidence `json:"evidence"`
}

// Sureness says a confidence as a coach would: "sure" (0.8 and over),
// "fairly sure" (0.6), "likely" (0.45), "a hunch" below.
func Sureness(c float64) string {
	switch {
	case c >= 0.8:
		return "sure"
	case c >= 0.6:
		return "fairly sure"
	case c >= 0.45:
		return "likely"
	}
	return "a hunch"
}

// Recommendation is one idea to try, belonging to one strategy.
type Recommendation struct {
	ID       string            `json:"id"`
	Strategy rekindle.Strategy `json:"strategy"`
	Title    string            `json:"title"`
	Why      string            `json:"why"`
	Actions  []string          `json:"actions"`
	Evidence []Evidence        `json:"evidence"`
	Score    float64           `json:"score"`
	Urgent   bool              `json:"urgent"`
	// Plan is the idea's day-by-day sessions, written into the plan when
	// the runner accepts it; empty for ideas that are not day by day.
	Plan []plan.Session `json:"plan,omitempty"`
	// Loops are the new routes the idea offers, in the order its card
	// names them (the variety idea with a street graph), each with its link.
	Loops []Loop `json:"loops,omitempty"`
}

// Report is the result of Evaluate.
type Report struct {
	AsOf       string `json:"as_of"` // YYYY-MM-DD
	SparkScore int    `json:"spark_score"`
	// Scored is false while there are too few runs to judge (fewer than
	// six): the score is then no score, and pages say "no score yet".
	Scored          bool               `json:"scored"`
	Signals         map[string]Signal  `json:"signals"`
	Diagnoses       []DiagnosisResult  `json:"diagnoses"`
	Recommendations []Recommendation   `json:"recommendations"`
	Experiments     []ExperimentStatus `json:"experiments,omitempty"`
}

// Top returns the best recommendation, or nil.
func (r *Report) Top() *Recommendation {
	if len(r.Recommendations) == 0 {
		return nil
	}
	return &r.Recommendations[0]
}

// Diagnosis returns the diagnosis with the key, or nil.
func (r *Report) Diagnosis(k rekindle.Diagnosis) *DiagnosisResult {
	for i := range r.Diagnoses {
		if r.Diagnoses[i].Key == k {
			return &r.Diagnoses[i]
		}
	}
	return nil
}

// DayScore is the spark score on one day (Report.AsOf and
// Report.SparkScore of the evaluation on that day).
type DayScore struct {
	AsOf  string
	Score int
}

// Trend is the spark score of the input on each of days, what Evaluate
// with AsOf set to that day says in Report.AsOf and Report.SparkScore: the
// input is cleaned and ordered once for all the days, and each day computes
// only the signals and diagnoses the score is made of (no ideas, no
// experiments, which do not change it).
func Trend(in *Input, days []time.Time) []DayScore {
	b := newBase(in)
	out := make([]DayScore, 0, len(days))
	for _, d := range days {
		h := b.at(d)
		sig := h.signals()
		out = append(out, DayScore{AsOf: h.asOfDay.Format("2006-01-02"), Score: sparkScore(sig, diagnose(h, sig))})
	}
	return out
}

// Evaluate computes the report for in.AsOf.
func Evaluate(in *Input) *Report {
	h := newHistory(in)
	sig := h.signals()
	diags := diagnose(h, sig)
	exps := judgeAll(h)
	recs := recommend(h, sig, diags, exps)
	return &Report{
		AsOf:            h.asOfDay.Format("2006-01-02"),
		SparkScore:      sparkScore(sig, diags),
		Scored:          len(h.runs) >= minRuns,
		Signals:         sig.export(),
		Diagnoses:       diags,
		Recommendations: recs,
		Experiments:     exps,
	}
}
