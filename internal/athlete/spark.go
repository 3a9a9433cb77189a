package athlete

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"rekindle"
	"rekindle/internal/route"
	"rekindle/internal/spark"
	"rekindle/internal/store"
	"rekindle/internal/streets"
	"rekindle/internal/training"
	"slices"
	"strconv"
	"strings"
	"time"
)

// sparkExtras adds what the other domains tell the spark engine, for the
// CLI and the web alike: gear mileage, the reward Ledger and gratitude facts
// (reward.go), races and classes from the calendars (races.go), and the
// Runner's streets.
func sparkExtras(ctx context.Context, s *store.Store, ath *rekindle.Athlete, asOf time.Time, src *sparkSources, in *spark.Input) error {
	if err := ledgerInput(ctx, s, ath, asOf, src.acts, in); err != nil {
		return fmt.Errorf("spark: %w", err)
	}
	if err := calendarInput(ctx, s, ath, asOf, src.acts, in); err != nil {
		return fmt.Errorf("spark: calendars: %w", err)
	}
	if err := routeInput(ctx, s, ath, asOf, &preread{history: src.acts, fps: src.fps}, in); err != nil {
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
// Runner's usual distance through streets they have never run. Without a
// graph it does nothing.
func routeInput(ctx context.Context, s *store.Store, ath *rekindle.Athlete, asOf time.Time, pre *preread, in *spark.Input) error {
	g, gv, err := loadGraphVersion(ctx, s, ath.ID)
	if err != nil || g == nil {
		return err
	}
	rs, err := loadRoutesOn(ctx, s, ath, asOf, false, g, gv, pre)
	if err != nil {
		return err
	}
	fps := make(map[int64]*route.Fingerprint, len(rs.Runs))
	for _, r := range rs.Runs {
		fps[r.ID] = r.FP
	}
	names := map[string]string{}
	for _, g := range rs.Groups {
		med := fps[g.Medoid]
		if med == nil || len(med.Clean) < 2 {
			continue
		}
		if streets := rs.Graph.StreetNames(rs.Matches[g.Medoid], 3); len(streets) > 0 {
			names[strconv.FormatInt(g.ID, 10)] = "the " + RouteName(g, streets, "", 0, ath.Unit)
		}
	}
	for i := range in.Sessions {
		if n, ok := names[in.Sessions[i].RouteKey]; ok {
			in.Sessions[i].RouteName = n
		}
	}

	target := typicalRunM(in.Sessions, asOf)
	if target < 1000 {
		return nil
	}
	lat, lon, from := SuggestStart(ath, rs)
	if from == "" {
		return nil
	}
	req := streets.Request{Lat: lat, Lon: lon, DistanceM: target, Surface: streets.PreferMixed, Count: 2, Usual: UsualRoutes(rs, 5)}
	cov, _ := rs.Coverage()
	req.Run = cov.EdgeRun
	sctx, cancel := context.WithTimeout(ctx, sparkSuggestTimeout)
	defer cancel()
	sugg, err := rs.Graph.Suggest(sctx, req)
	// No loop of the usual length keeps its promise here: offer one of the
	// length the streets allow, shown at that length.
	for try := 0; try < 3; try++ {
		var ref *streets.RefusalError
		if !errors.As(err, &ref) || ref.ClosestM < 0.7*target {
			break
		}
		req.DistanceM = ref.ClosestM
		sugg, err = rs.Graph.Suggest(sctx, req)
	}
	if err != nil {
		// No loop fits here (a tiny map, a start off the network): the
		// variety idea falls back to the Runner's own rarely run routes.
		return nil
	}
	for _, sg := range sugg {
		in.Routes = append(in.Routes, spark.RouteOption{Name: suggestionName(sg), DistanceM: sg.DistanceM, Kind: "new_loop", NewShare: sg.NeverRunShare, Points: sg.Polyline})
	}
	return nil
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

// suggestionName names a suggested route by the streets it follows.
func suggestionName(sg streets.Suggestion) string {
	kind := strings.ReplaceAll(sg.Kind, "_", "-")
	if kind == "" {
		kind = "loop"
	}
	switch len(sg.Streets) {
	case 0:
		return "A new " + kind
	case 1:
		return fmt.Sprintf("A new %s along %s", kind, sg.Streets[0])
	}
	return fmt.Sprintf("A new %s by %s and %s", kind, sg.Streets[0], sg.Streets[len(sg.Streets)/2])
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
}

// buildSparkInput assembles a spark input (App.sparkInput, from the cached
// history, for the pages, the API and the command line alike): session loads from a training picture over the whole
// history, the runner's RPE as a check-in where none was given, and the
// gear, reward, gratitude, calendar and street facts (sparkExtras).
func buildSparkInput(ctx context.Context, st *store.Store, ath *rekindle.Athlete, asOf time.Time, src sparkSources) (*spark.Input, error) {
	in := &spark.Input{AsOf: asOf, Location: ath.Location(), Unit: ath.Unit, Country: ath.Country,
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
