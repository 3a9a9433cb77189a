package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"rekindle"
	"rekindle/internal/route"
	"rekindle/internal/store"
)

// routesSubcommands are dispatched by 'rekindle routes NAME …'. Other files
// register theirs in init(), e.g. routesSubcommands["suggest"] = command{…}.
var routesSubcommands = map[string]command{}

func init() {
	commands["routes"] = command{"your routes: the usual loop, route groups and routine signals", runRoutes}
}

func runRoutes(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, ok := routesSubcommands[args[0]]
		if !ok {
			fmt.Fprintf(env.Stderr, "rekindle routes: unknown subcommand %q\n", args[0])
			return errUsage
		}
		return sub.run(ctx, env, args[1:])
	}
	argsUsage := ""
	if len(routesSubcommands) > 0 {
		names := make([]string, 0, len(routesSubcommands))
		for n := range routesSubcommands {
			names = append(names, n)
		}
		sort.Strings(names)
		argsUsage = "\n       rekindle routes {" + strings.Join(names, "|") + "} [flags]"
	}
	fs := newFlagSet("routes", argsUsage, env)
	db := dbFlag(fs, env)
	asOfFlag := fs.String("as-of", "", "the day to look from, YYYY-MM-DD (default: today in the athlete's time zone)")
	asJSON := fs.Bool("json", false, "print groups and routine signals as JSON")
	lastN := fs.Int("last", route.RoutineLastN, "how many recent runs the routine signals look at")
	limit := fs.Int("limit", 10, "at most this many route groups (0: all)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return errUsage
	}
	asOf, err := parseAsOf(env, "routes", *asOfFlag)
	if err != nil {
		return err
	}
	s, ath, err := openAthlete(ctx, env, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	rs, err := loadRoutes(ctx, s, ath, asOf, true)
	if err != nil {
		return err
	}
	out := rs.summary(ath, *lastN, *limit)
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", " ")
		return enc.Encode(out)
	}
	return writeRoutes(env.Stdout, out, ath.Unit)
}

// parseAsOf reads --as-of; zero means today.
func parseAsOf(env *Env, cmd, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		fmt.Fprintf(env.Stderr, "%s: --as-of wants YYYY-MM-DD, got %q\n", cmd, v)
		return time.Time{}, errUsage
	}
	return t, nil
}

// recentRouteRuns is how many of a route group's latest runs give its
// typical distance.
const recentRouteRuns = 10

// routeState is an athlete's runs with fingerprints and groups as of a day,
// plus the saved graph when there is one.
type routeState struct {
	asOf   time.Time // the day, in the athlete's zone
	loc    *time.Location
	runs   []route.Run
	acts   map[int64]*rekindle.Activity
	assign map[int64]int64
	groups []route.Group
	graph  *route.Graph
}

// loadRoutes fingerprints every run up to asOf (using the cache), regroups
// them with stable ids and saves the assignment when save is set; the
// athlete's saved street graph comes along when there is one.
func loadRoutes(ctx context.Context, s *store.Store, ath *rekindle.Athlete, asOf time.Time, save bool) (*routeState, error) {
	g, err := loadGraph(ctx, s, ath.ID)
	if err != nil && !errors.Is(err, rekindle.ErrNotFound) {
		slog.Warn("routes: saved street graph unusable; run 'rekindle map load' again", "err", err)
	}
	return loadRoutesOn(ctx, s, ath, asOf, save, g)
}

// loadRoutesOn is loadRoutes with the street graph already read (nil for none).
func loadRoutesOn(ctx context.Context, s *store.Store, ath *rekindle.Athlete, asOf time.Time, save bool, g *route.Graph) (*routeState, error) {
	loc := ath.Location()
	if asOf.IsZero() {
		asOf = time.Now().In(loc)
	}
	y, m, d := asOf.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, loc)
	acts, err := s.ListActivities(ctx, ath.ID, store.ActivityFilter{To: day.AddDate(0, 0, 1)})
	if err != nil {
		return nil, err
	}
	cached, err := s.ListRouteFingerprints(ctx, ath.ID)
	if err != nil {
		return nil, err
	}
	byAct := map[int64]store.RouteFingerprint{}
	maxGroup := int64(0)
	for _, f := range cached {
		byAct[f.ActivityID] = f
		maxGroup = max(maxGroup, f.GroupID)
	}
	rs := &routeState{asOf: day, loc: loc, acts: map[int64]*rekindle.Activity{}}
	previous := map[int64]int64{}
	for _, a := range acts {
		if !a.Sport.IsRun() {
			continue
		}
		rs.acts[a.ID] = a
		var fp route.Fingerprint
		c, ok := byAct[a.ID]
		if ok && c.Version == route.FingerprintVersion && fp.UnmarshalBinary(c.Data) == nil {
			if c.GroupID > 0 {
				previous[a.ID] = c.GroupID
			}
		} else {
			full, err := s.GetActivity(ctx, ath.ID, a.ID)
			if err != nil {
				return nil, err
			}
			fp = route.FingerprintActivity(full)
			if fp.Kind == route.KindTreadmill && fp.DistanceM == 0 {
				fp.DistanceM = a.Summary.DistanceM
			}
			data, _ := fp.MarshalBinary()
			rec := store.RouteFingerprint{ActivityID: a.ID, Version: route.FingerprintVersion, StartMs: a.Start.UnixMilli(),
				Kind: string(fp.Kind), DistanceM: fp.DistanceM, Data: data, GroupID: c.GroupID}
			if err := s.SaveRouteFingerprint(ctx, ath.ID, &rec); err != nil {
				return nil, err
			}
			if c.GroupID > 0 {
				previous[a.ID] = c.GroupID
			}
		}
		rs.runs = append(rs.runs, route.Run{ID: a.ID, Start: a.Start, FP: &fp})
	}
	grouper, assign := route.Regroup(rs.runs, previous, maxGroup+1)
	rs.assign, rs.groups = assign, grouper.Groups()
	if save {
		changed := map[int64]int64{}
		for id, g := range assign {
			if previous[id] != g {
				changed[id] = g
			}
		}
		if len(changed) > 0 {
			if err := s.SetRouteGroups(ctx, ath.ID, changed); err != nil {
				return nil, err
			}
		}
	}
	rs.graph = g
	return rs, nil
}

// loadGraph reads the athlete's saved graph (an error wrapping
// rekindle.ErrNotFound when there is none).
func loadGraph(ctx context.Context, s *store.Store, athleteID int64) (*route.Graph, error) {
	_, data, err := s.LoadRouteGraph(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	return route.ReadGraph(bytes.NewReader(data))
}

type routeGroupJSON struct {
	ID        int64        `json:"id"`
	Name      string       `json:"name"`
	Kind      route.Kind   `json:"kind"`
	Runs      int          `json:"runs"`
	LastRun   string       `json:"last_run"`
	FirstRun  string       `json:"first_run"`
	DistanceM float64      `json:"typical_distance_m"`
	Streets   []string     `json:"streets,omitempty"`
	Polyline  [][2]float64 `json:"polyline,omitempty"` // [lat, lon] of the representative run
	Medoid    int64        `json:"representative_activity_id"`
}

type routesJSON struct {
	AsOf     string           `json:"as_of"`
	Runs     int              `json:"runs"`
	Graph    bool             `json:"graph_loaded"`
	Groups   []routeGroupJSON `json:"groups"`
	Routine  route.Routine    `json:"routine"`
	Coverage *coverageBrief   `json:"coverage,omitempty"`
}

type coverageBrief struct {
	CoveredM float64 `json:"covered_m"`
	TotalM   float64 `json:"total_m"`
	Share    float64 `json:"share"`
}

// coverage matches every run (oldest first) onto the graph: the athlete's
// coverage and each run's novelty.
func (rs *routeState) coverage() (*route.Coverage, map[int64][2]float64) {
	if rs.graph == nil {
		return nil, nil
	}
	cov := route.NewCoverage(rs.graph)
	nov := map[int64][2]float64{}
	runs := slices.Clone(rs.runs)
	slices.SortFunc(runs, func(a, b route.Run) int { return a.Start.Compare(b.Start) })
	for _, r := range runs {
		if len(r.FP.Clean) < 2 {
			continue
		}
		m, n := cov.Add(rs.graph.MatchPolyline(r.FP.Clean))
		nov[r.ID] = [2]float64{m, n}
	}
	return cov, nov
}

func (rs *routeState) summary(ath *rekindle.Athlete, lastN, limit int) routesJSON {
	out := routesJSON{AsOf: rs.asOf.Format(time.DateOnly), Runs: len(rs.runs), Graph: rs.graph != nil, Groups: []routeGroupJSON{}}
	fps := map[int64]*route.Fingerprint{}
	for _, r := range rs.runs {
		fps[r.ID] = r.FP
	}
	for _, g := range rs.groups {
		if limit > 0 && len(out.Groups) >= limit {
			break
		}
		j := routeGroupJSON{ID: g.ID, Kind: g.Kind, Runs: len(g.Members), Medoid: g.Medoid}
		// The typical distance of the route as it is run now (its most
		// recent runs): a loop that grew over the months shows its length today.
		var dists []float64
		for _, id := range g.Members[max(0, len(g.Members)-recentRouteRuns):] {
			if a := rs.acts[id]; a != nil {
				dists = append(dists, a.Summary.DistanceM)
			}
		}
		if len(dists) > 0 {
			slices.Sort(dists)
			j.DistanceM = math.Round(dists[len(dists)/2])
		}
		j.FirstRun = rs.acts[g.Members[0]].Start.In(rs.loc).Format(time.DateOnly)
		j.LastRun = rs.acts[g.Members[len(g.Members)-1]].Start.In(rs.loc).Format(time.DateOnly)
		med := fps[g.Medoid]
		j.Polyline = med.Clean
		if rs.graph != nil && len(med.Clean) >= 2 {
			j.Streets = rs.graph.StreetNames(rs.graph.MatchPolyline(med.Clean), 3)
		}
		j.Name = routeName(g, j)
		out.Groups = append(out.Groups, j)
	}
	rr := make([]route.RoutineRun, 0, len(rs.runs))
	cov, nov := rs.coverage()
	for _, r := range rs.runs {
		a := rs.acts[r.ID]
		x := route.RoutineRun{ID: r.ID, Start: a.Start, DistanceM: a.Summary.DistanceM, GroupID: rs.assign[r.ID]}
		if v, ok := nov[r.ID]; ok {
			x.MatchedM, x.NoveltyM = v[0], v[1]
		}
		rr = append(rr, x)
	}
	out.Routine = route.Signals(rr, rs.asOf, rs.loc, lastN)
	if cov != nil {
		rep := cov.Report(ath.HomeLat, ath.HomeLon, 0, 0)
		out.Coverage = &coverageBrief{CoveredM: math.Round(rep.CoveredM), TotalM: math.Round(rep.TotalM), Share: rep.Share}
	}
	return out
}

// routeName makes a readable name: the main streets when a graph is loaded,
// else the shape, distance and id.
func routeName(g route.Group, j routeGroupJSON) string {
	kind := strings.ReplaceAll(string(g.Kind), "_", "-")
	switch {
	case g.Kind == route.KindTreadmill:
		return "treadmill"
	case len(j.Streets) >= 2:
		return j.Streets[0] + " – " + j.Streets[1] + " " + kind
	case len(j.Streets) == 1:
		return j.Streets[0] + " " + kind
	}
	return fmt.Sprintf("%.1f km %s #%d", j.DistanceM/1000, kind, g.ID)
}

func writeRoutes(w io.Writer, r routesJSON, unit rekindle.Unit) error {
	per, name := 1000.0, "km"
	if unit == rekindle.UnitMi {
		per, name = 1609.344, "mi"
	}
	fmt.Fprintf(w, "Routes as of %s: %d runs, %d route groups shown", r.AsOf, r.Runs, len(r.Groups))
	if !r.Graph {
		fmt.Fprint(w, " (no street graph: 'rekindle map load FILE.osm.pbf' adds street names and novelty)")
	}
	fmt.Fprintln(w)
	width := 20
	for _, g := range r.Groups {
		width = max(width, utf8.RuneCountInString(g.Name))
	}
	for _, g := range r.Groups {
		pad := strings.Repeat(" ", width-utf8.RuneCountInString(g.Name))
		fmt.Fprintf(w, "  #%-4d %s%s %4d runs  %5.1f %s  last %s\n", g.ID, g.Name, pad, g.Runs, g.DistanceM/per, name, g.LastRun)
	}
	rt := r.Routine
	fmt.Fprintf(w, "\nRoutine (last %d runs):\n", rt.LastN)
	pct := func(v float64) string {
		if v < 0 {
			return "–"
		}
		return fmt.Sprintf("%.0f%%", v*100)
	}
	fmt.Fprintf(w, "  most-run route #%d: %s of the last %d runs, %s of %d runs in 28 days\n", rt.TopRouteID, pct(rt.TopRouteShareN), rt.LastN, pct(rt.TopRouteShare28d), rt.Runs28d)
	fmt.Fprintf(w, "  distinct routes: %d (last %d), %d (28 days)\n", rt.DistinctRoutesN, rt.LastN, rt.DistinctRoutes28)
	fmt.Fprintf(w, "  same distance %s, same weekday %s (%s), same time of day %s (around %s)\n", pct(rt.SameDistanceShare), pct(rt.SameWeekdayShare), rt.TopWeekday, pct(rt.SameTimeOfDayShare), rt.TypicalStart)
	fmt.Fprintf(w, "  distance on never-run streets: %s\n", pct(rt.NoveltyShare))
	if rt.Stale {
		fmt.Fprintln(w, "  → the same loop again and again: time for a new route")
	}
	return nil
}
