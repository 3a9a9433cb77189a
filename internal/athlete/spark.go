package athlete

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"rekindle"
	"rekindle/internal/spark"
	"rekindle/internal/store"
	"rekindle/internal/streets"
	"rekindle/internal/training"
	"slices"
	"strconv"
	"time"
)

// sparkExtras adds what the other domains tell the spark engine, for the
// CLI and the web alike: gear mileage, the reward Ledger and gratitude facts
// (reward.go), races and classes from the calendars (races.go), and the
// Runner's streets.
//
// The new loops come from src.suggest, the server's route suggester (its
// route source, whose answers the Routes page shows); nil: the streets as
// of asOf from the store (the CLI, any day replayed).
func sparkExtras(ctx context.Context, s *store.Store, ath *rekindle.Athlete, asOf time.Time, src *sparkSources, in *spark.Input) error {
	if err := ledgerInput(ctx, s, ath, asOf, src.acts, in); err != nil {
		return fmt.Errorf("spark: %w", err)
	}
	if err := calendarInput(ctx, s, ath, asOf, src.acts, in); err != nil {
		return fmt.Errorf("spark: calendars: %w", err)
	}
	if err := routeInput(ctx, s, ath, asOf, &preread{history: src.acts, fps: src.fps, state: src.state}, in, src.suggest); err != nil {
		return fmt.Errorf("spark: streets: %w", err)
	}
	if err := shownInput(ctx, s, ath, asOf, in); err != nil {
		return fmt.Errorf("spark: shown ideas: %w", err)
	}
	return nil
}

// shownLookback is how many days of shown ideas the engine is given.
const shownLookback = 28

// shownInput gives the engine the ideas shown on the days before asOf.
func shownInput(ctx context.Context, s *store.Store, ath *rekindle.Athlete, asOf time.Time, in *spark.Input) error {
	loc := ath.Location()
	y, m, d := asOf.In(loc).Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, loc)
	list, err := s.ListShown(ctx, ath.ID, day.AddDate(0, 0, -shownLookback).Format(time.DateOnly), day.Format(time.DateOnly))
	if err != nil {
		return err
	}
	for _, x := range list {
		t, err := time.ParseInLocation(time.DateOnly, x.Day, loc)
		if err != nil {
			continue
		}
		in.Shown = append(in.Shown, spark.Shown{Day: t, RecID: x.RecID, Items: x.Items})
	}
	return nil
}

// recordShown records the ideas of a report as shown to the runner on
// asOf's day (call it only for the real today, never for a replayed day).
func recordShown(ctx context.Context, s *store.Store, ath *rekindle.Athlete, rep *spark.Report, asOf time.Time) error {
	day := asOf.In(ath.Location()).Format(time.DateOnly)
	var shown []store.ShownIdea
	for _, r := range rep.Recommendations {
		shown = append(shown, store.ShownIdea{Day: day, RecID: r.ID, Items: r.Actions})
	}
	return s.RecordShown(ctx, ath.ID, shown)
}

// routeInput tells spark about the Runner's streets when a street graph is
// stored: route groups get street names ("the Avenue de la Costa – Quai
// Antoine 1er loop") and the variety idea gets real new loops of the
// Runner's usual distance through streets they have never run: the
// suggestions of one query (ideaLoops), which the Routes page shows at
// the loops' links. Without a graph it does nothing.
func routeInput(ctx context.Context, s *store.Store, ath *rekindle.Athlete, asOf time.Time, pre *preread, in *spark.Input, sg RouteSuggester) error {
	rs := pre.routesAsOf(ath, asOf)
	if rs == nil {
		g, gv, err := loadGraphVersion(ctx, s, ath.ID)
		if err != nil || g == nil {
			return err
		}
		if rs, err = loadRoutesOn(ctx, s, ath, asOf, false, g, gv, pre); err != nil {
			return err
		}
	}
	names := map[string]string{}
	medoidStreets := rs.medoidStreets()
	for _, g := range rs.Groups {
		if streets := medoidStreets[g.Medoid]; len(streets) > 0 {
			names[strconv.FormatInt(g.ID, 10)] = "the " + RouteName(g, streets, "", 0, ath.Unit)
		}
	}
	for i := range in.Sessions {
		if n, ok := names[in.Sessions[i].RouteKey]; ok {
			in.Sessions[i].RouteName = n
		}
	}
	if sg == nil {
		sg = stateSuggester{rs}
	}
	in.Routes = append(in.Routes, ideaLoops(ctx, sg, ath, typicalRunM(in.Sessions, asOf))...)
	return nil
}

// ideaLoops are the variety idea's new loops of about target metres: the
// suggestions of one query, each with the link of the Routes page that
// shows it (the page asks sg the same query). When no loop of that length
// keeps its promise here, the length the streets allow is asked instead
// and shown at that length. None when no loop fits (a tiny map, a start
// off the network, the routes still being read): the idea falls back to
// the Runner's own rarely run routes.
func ideaLoops(ctx context.Context, sg RouteSuggester, ath *rekindle.Athlete, target float64) []spark.RouteOption {
	q, v, err := ideaQuery(ctx, sg, ath, target, sparkSuggestTimeout)
	if err != nil || v == nil || v.Pending {
		return nil
	}
	var out []spark.RouteOption
	names := SuggestionNames(v.Suggestions)
	for i, x := range v.Suggestions {
		out = append(out, spark.RouteOption{Name: names[i], DistanceM: x.DistanceM, Kind: "new_loop", NewShare: x.NeverRunShare,
			Points: x.Polyline, Link: q.Link(i + 1)})
	}
	return out
}

// ideaQuery is the variety idea's query for a runner whose usual run is
// target metres, and its answer: a mixed loop of that length or, when no
// loop of that length keeps its promise here, of the length the streets
// allow (down to 60% of it). The Routes page opens on the same query.
// timeout bounds each search (0: none).
func ideaQuery(ctx context.Context, sg RouteSuggester, ath *rekindle.Athlete, target float64, timeout time.Duration) (SuggestQuery, *SuggestView, error) {
	q := SuggestQuery{DistanceM: math.Round(target), Surface: "mixed", Count: 3, Timeout: timeout}
	if target < 1000 {
		return q, nil, errNoTarget
	}
	v, err := sg.Suggest(ctx, ath, q)
	for try := 0; try < 3; try++ {
		// A loop of at least 60% of the usual length is offered at its own
		// length (a 10.6 km runner in Monaco gets the 7.4 km loops there are).
		var ref *streets.RefusalError
		if !errors.As(err, &ref) || ref.ClosestM < 0.6*target || math.Round(ref.ClosestM) == q.DistanceM {
			break
		}
		q.DistanceM = math.Round(ref.ClosestM)
		v, err = sg.Suggest(ctx, ath, q)
	}
	return q, v, err
}

var errNoTarget = errors.New("no usual run to go by")

// stateSuggester suggests routes from a route state loaded as of a day
// (the CLI's), with the same search as the server's route source.
type stateSuggester struct{ rs *RouteState }

func (s stateSuggester) Suggest(ctx context.Context, ath *rekindle.Athlete, q SuggestQuery) (*SuggestView, error) {
	v := &SuggestView{Available: true, TargetM: q.DistanceM, Surface: q.Surface, To: q.To, Suggestions: []streets.Suggestion{}}
	v.Lat, v.Lon, v.StartFrom = SuggestStart(ath, s.rs)
	cov, _ := s.rs.Coverage()
	if _, err := suggestOn(ctx, s.rs.Graph, cov.EdgeRun, UsualRoutes(s.rs, 5), q, ath.Unit, v); err != nil {
		return nil, err
	}
	return v, nil
}

// typicalRunM is the median distance of the runs in the 28 days up to asOf.
func typicalRunM(sessions []spark.Session, asOf time.Time) float64 {
	var ds []float64
	from := asOf.AddDate(0, 0, -28)
	for _, x := range sessions {
		if x.Sport.IsRun() && x.Start.After(from) && !x.Start.After(asOf.AddDate(0, 0, 1)) && x.DistanceM > 0 {
			ds = append(ds, x.DistanceM)
		}
	}
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// sparkSources is what a spark input is built from: the history (oldest
// first), the moment the training picture is taken, the runner's check-ins,
// spark checks and decisions, and each run's route.
type sparkSources struct {
	acts       []rekindle.Activity
	trainingAt time.Time
	checkIns   []rekindle.CheckIn
	checks     []rekindle.SparkCheck
	exps       []spark.Experiment
	routes     map[int64]spark.RouteRef
	fps        []store.RouteFingerprint // the stored route fingerprints when already read (nil: not read)
	// state is the route source's grouping with street matches, when it
	// has one (StoreRoutes with a street graph); nil: routeInput computes it.
	state *RouteState
	// suggest is the server's route suggester (nil: the store as of the day).
	suggest RouteSuggester
}

// buildSparkInput assembles a spark input (App.sparkInput, from the cached
// history, for the pages, the API and the command line alike): session loads from a training picture over the whole
// history, the runner's RPE as a check-in where none was given, and the
// gear, reward, gratitude, calendar and street facts (sparkExtras).
func buildSparkInput(ctx context.Context, st *store.Store, ath *rekindle.Athlete, asOf time.Time, src sparkSources) (*spark.Input, error) {
	in := &spark.Input{AsOf: asOf, Location: ath.Location(), Unit: ath.Unit, Locale: Dates(ath), Country: ath.Country,
		CheckIns: src.checkIns, SparkChecks: src.checks, Experiments: src.exps}
	if in.Unit == "" {
		in.Unit = rekindle.UnitKm
	}
	var loads map[int64]float64
	if len(src.acts) > 0 {
		span := int(asOf.Sub(src.acts[0].Start).Hours()/24) + 2
		tr := training.Picture(src.acts, *ath, src.trainingAt, training.Options{SeriesDays: max(90, span)})
		in.Training, loads = spark.FromTraining(&tr)
	}
	in.AddHistory(src.acts, loads, src.routes)
	if err := sparkExtras(ctx, st, ath, asOf, &src, in); err != nil {
		return nil, err
	}
	return in, nil
}

// sparkExperiment converts a stored decision into spark's form.
func sparkExperiment(e store.Experiment) spark.Experiment {
	x := spark.Experiment{ID: e.ID, RecID: e.RecID, Strategy: e.Strategy, Title: e.Title, State: spark.State(e.State),
		At: e.At, WindowDays: e.WindowDays, Until: e.Until}
	if e.Outcome == string(spark.OutcomeAbandoned) {
		x.Abandoned = e.JudgedAt
	}
	return x
}

// saveOutcomes records the judgement of experiments whose window has ended.
func saveOutcomes(ctx context.Context, s *store.Store, athleteID int64, rep *spark.Report, stored []store.Experiment, now time.Time) error {
	byID := map[int64]store.Experiment{}
	for _, e := range stored {
		byID[e.ID] = e
	}
	for _, st := range rep.Experiments {
		e, ok := byID[st.ID]
		if !ok || st.Outcome == spark.OutcomeWatching || e.Outcome == string(st.Outcome) || e.Outcome == string(spark.OutcomeAbandoned) {
			continue
		}
		ev, _ := json.Marshal(st.Evidence)
		if err := s.SetExperimentOutcome(ctx, athleteID, st.ID, string(st.Outcome), string(ev), now); err != nil {
			return err
		}
	}
	return nil
}

// sparkSuggestTimeout keeps the spark call fast on long histories: the
// suggestion search has a deadline.
const sparkSuggestTimeout = 3 * time.Second

// ExperimentRecords lists the athlete's spark experiments as stored (every
// state), oldest first.
func (a *App) ExperimentRecords(ctx context.Context, athleteID int64) ([]store.Experiment, error) {
	return a.cfg.Store.ListExperiments(ctx, athleteID)
}

// SaveExperiment stores a decision on an idea as the terminal makes it
// (its own window and snooze days); e.ID is set.
func (a *App) SaveExperiment(ctx context.Context, e *store.Experiment) error {
	if err := a.cfg.Store.SaveExperiment(ctx, e); err != nil {
		return err
	}
	a.Changed(e.AthleteID)
	return nil
}

// SparkCheckRecords lists the athlete's spark checks as stored.
func (a *App) SparkCheckRecords(ctx context.Context, athleteID int64) ([]store.SparkCheck, error) {
	return a.cfg.Store.ListSparkChecks(ctx, athleteID)
}

// RecordSparkCheck stores a spark check as the terminal takes it (scores
// already computed from the answers); c.ID is set.
func (a *App) RecordSparkCheck(ctx context.Context, c *store.SparkCheck) error {
	if err := a.cfg.Store.SaveSparkCheck(ctx, c); err != nil {
		return err
	}
	a.Changed(c.AthleteID)
	return nil
}
