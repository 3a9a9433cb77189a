package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/route"
	"rekindle/internal/spark"
	"rekindle/internal/store"
)

// Limits that keep the spark call fast on long histories: coverage (which
// streets were ever run) is matched from at most this many polylines, and
// the suggestion search has a deadline.
const (
	sparkCoverageRuns   = 800
	sparkSuggestTimeout = 3 * time.Second
)

// sparkExtras adds what the other domains tell the spark engine, for the
// CLI and the web alike: gear mileage, the reward ledger and gratitude facts
// (reward.go), races and classes from the calendars (races.go), and the
// runner's streets.
func sparkExtras(ctx context.Context, s *store.Store, ath *rekindle.Athlete, asOf time.Time, in *spark.Input) error {
	if err := ledgerInput(ctx, s, ath, asOf, in); err != nil {
		return fmt.Errorf("spark: %w", err)
	}
	if err := calendarInput(ctx, s, ath, asOf, in); err != nil {
		return fmt.Errorf("spark: calendars: %w", err)
	}
	if err := routeInput(ctx, s, ath, asOf, in); err != nil {
		return fmt.Errorf("spark: streets: %w", err)
	}
	return nil
}

// routeInput tells spark about the runner's streets when a street graph is
// stored: route groups get street names ("the Avenue de la Costa – Quai
// Antoine 1er loop") and the variety idea gets real new loops of the
// runner's usual distance through streets they have never run. Without a
// graph it does nothing.
func routeInput(ctx context.Context, s *store.Store, ath *rekindle.Athlete, asOf time.Time, in *spark.Input) error {
	g, err := loadGraph(ctx, s, ath.ID)
	if errors.Is(err, rekindle.ErrNotFound) {
		return nil
	}
	if err != nil {
		slog.Warn("spark: saved street graph unusable; run 'rekindle map load' again", "err", err)
		return nil
	}
	rs, err := loadRoutesOn(ctx, s, ath, asOf, false, g)
	if err != nil {
		return err
	}
	fps := make(map[int64]*route.Fingerprint, len(rs.runs))
	for _, r := range rs.runs {
		fps[r.ID] = r.FP
	}
	names := map[string]string{}
	for _, g := range rs.groups {
		med := fps[g.Medoid]
		if med == nil || len(med.Clean) < 2 {
			continue
		}
		j := routeGroupJSON{ID: g.ID, Streets: rs.graph.StreetNames(rs.graph.MatchPolyline(med.Clean), 3)}
		if len(j.Streets) > 0 {
			names[strconv.FormatInt(g.ID, 10)] = "the " + routeName(g, j)
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
	lat, lon, from := suggestStart(ath, rs)
	if from == "" {
		return nil
	}
	req := route.Request{Lat: lat, Lon: lon, DistanceM: target, Surface: route.PreferMixed, Count: 2, Usual: usualRoutes(rs, 5)}
	req.Run = streetsRun(rs, fps).EdgeRun
	sctx, cancel := context.WithTimeout(ctx, sparkSuggestTimeout)
	defer cancel()
	sugg, err := rs.graph.Suggest(sctx, req)
	// No loop of the usual length keeps its promise here: offer one of the
	// length the streets allow, shown at that length.
	for try := 0; try < 3; try++ {
		var ref *route.RefusalError
		if !errors.As(err, &ref) || ref.ClosestM < 0.7*target {
			break
		}
		req.DistanceM = ref.ClosestM
		sugg, err = rs.graph.Suggest(sctx, req)
	}
	if err != nil {
		// No loop fits here (a tiny map, a start off the network): the
		// variety idea falls back to the runner's own rarely run routes.
		return nil
	}
	for _, sg := range sugg {
		in.Routes = append(in.Routes, spark.RouteOption{Name: suggestionName(sg), DistanceM: sg.DistanceM, Kind: "new_loop", NewShare: sg.NeverRunShare})
	}
	return nil
}

// streetsRun is the coverage of the runner's streets, matched cheaply: one
// representative run per route group (its runs share their streets) plus
// every run that belongs to no group, the most recent first, at most
// sparkCoverageRuns polylines.
func streetsRun(rs *routeState, fps map[int64]*route.Fingerprint) *route.Coverage {
	var lines [][][2]float64
	grouped := map[int64]bool{}
	for _, g := range rs.groups {
		if len(g.Members) < 2 {
			continue
		}
		for _, id := range g.Members {
			grouped[id] = true
		}
		if med := fps[g.Medoid]; med != nil {
			lines = append(lines, med.Clean)
		}
	}
	runs := slices.Clone(rs.runs)
	slices.SortFunc(runs, func(a, b route.Run) int { return b.Start.Compare(a.Start) })
	for _, r := range runs {
		if !grouped[r.ID] {
			lines = append(lines, r.FP.Clean)
		}
	}
	cov := route.NewCoverage(rs.graph)
	for _, l := range lines[:min(len(lines), sparkCoverageRuns)] {
		if len(l) >= 2 {
			cov.Add(rs.graph.MatchPolyline(l))
		}
	}
	return cov
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
func suggestionName(sg route.Suggestion) string {
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
