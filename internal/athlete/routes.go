package athlete

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"rekindle"
	"rekindle/internal/route"
	"rekindle/internal/store"
	"rekindle/internal/streets"
	"rekindle/internal/units"
	"slices"
	"strings"
	"time"
)

// recentRouteRuns is how many of a route group's latest runs give its
// typical distance.
const recentRouteRuns = 10

// RouteState is an athlete's runs with fingerprints and groups as of a day,
// plus the saved graph when there is one.
type RouteState struct {
	AsOf   time.Time // the day, in the athlete's zone
	Loc    *time.Location
	Runs   []route.Run
	Acts   map[int64]*rekindle.Activity
	Assign map[int64]int64
	Groups []route.Group
	Graph  *streets.Graph
	// Matches are the runs' matched street edges on Graph (none without it).
	Matches map[int64][]streets.EdgeCover
	// Streets, when set, are the three most run streets of each group's
	// representative run (by its activity id; none for a run without a
	// polyline or matched streets). The server's route source keeps these
	// for the spark instead of Runs and Matches, which it leaves nil: such a
	// state has no Coverage or Summary.
	Streets map[int64][]string
}

// medoidStreets are the three most run streets of each group's
// representative run, by its activity id (Streets, or made from Runs and
// Matches).
func (rs *RouteState) medoidStreets() map[int64][]string {
	if rs.Streets != nil || rs.Graph == nil {
		return rs.Streets
	}
	fps := make(map[int64]*route.Fingerprint, len(rs.Runs))
	for _, r := range rs.Runs {
		fps[r.ID] = r.FP
	}
	out := map[int64][]string{}
	for _, g := range rs.Groups {
		if med := fps[g.Medoid]; med != nil && len(med.Clean) >= 2 {
			if names := rs.Graph.StreetNames(rs.Matches[g.Medoid], 3); len(names) > 0 {
				out[g.Medoid] = names
			}
		}
	}
	return out
}

// loadRoutes fingerprints every run up to asOf (using the cache), regroups
// them with stable ids (or restores the stored grouping) and saves the
// grouping when save is set; with the athlete's saved street graph, every
// run's matched streets come along (stored per graph version; runs not yet
// matched are matched and stored now).
func loadRoutes(ctx context.Context, s *store.Store, ath *rekindle.Athlete, asOf time.Time, save bool) (*RouteState, error) {
	g, gv, err := loadGraphVersion(ctx, s, ath.ID)
	if err != nil {
		return nil, err
	}
	return loadRoutesOn(ctx, s, ath, asOf, save, g, gv, nil)
}

// preread is what a caller has already read from the store, so that one
// call reads each thing once: the athlete's activities (oldest first) and
// the stored route fingerprints. A nil field is read when needed.
type preread struct {
	history []rekindle.Activity
	fps     []store.RouteFingerprint
	state   *RouteState // the route source's grouping of every run (nil: none)
}

// routesAsOf is pre.state when it is the grouping loadRoutesOn would make
// on asOf's day: it was made from the activities pre.history holds (the
// same runs as the history the spark reads), none of which starts after
// that day.
// nil otherwise (a past day, a grouping older than the history).
func (pre *preread) routesAsOf(ath *rekindle.Athlete, asOf time.Time) *RouteState {
	if pre == nil || pre.state == nil || pre.state.Graph == nil || pre.history == nil {
		return nil
	}
	loc := ath.Location() // the day as loadRoutesOn takes it
	y, m, d := asOf.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, loc)
	runs := 0
	for i := range pre.history {
		a := &pre.history[i]
		if !a.Sport.IsRun() {
			continue
		}
		runs++
		if pre.state.Acts[a.ID] == nil || !a.Start.Before(day.AddDate(0, 0, 1)) {
			return nil
		}
	}
	if runs != len(pre.state.Acts) {
		return nil
	}
	rs := *pre.state
	rs.AsOf, rs.Loc = day, loc
	return &rs
}

// loadRoutesOn is LoadRoutes with the street graph and its version already
// read (nil for none) and what the caller has already read (pre, or nil).
func loadRoutesOn(ctx context.Context, s *store.Store, ath *rekindle.Athlete, asOf time.Time, save bool, g *streets.Graph, gv string, pre *preread) (*RouteState, error) {
	if pre == nil {
		pre = &preread{}
	}
	loc := ath.Location()
	y, m, d := asOf.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, loc)
	var acts []*rekindle.Activity
	if pre.history != nil {
		acts = headsOf(pre.history, day.AddDate(0, 0, 1))
	} else {
		var err error
		if acts, err = s.ListActivityHeads(ctx, ath.ID, day.AddDate(0, 0, 1)); err != nil {
			return nil, err
		}
	}
	gr, err := groupRuns(ctx, s, ath.ID, acts, save, pre.fps)
	if err != nil {
		return nil, err
	}
	rs := &RouteState{AsOf: day, Loc: loc, Acts: gr.acts, Runs: gr.runs, Assign: gr.assign, Groups: gr.groups}
	if g != nil {
		rs.Graph = g
		if rs.Matches, err = matchRuns(ctx, s, ath.ID, gr.runs, g, gv, nil); err != nil {
			return nil, err
		}
	}
	return rs, nil
}

// headsOf is what ListActivityHeads reads (id, start, sport, name,
// distance) of the activities of history that start before to.
func headsOf(history []rekindle.Activity, to time.Time) []*rekindle.Activity {
	out := make([]*rekindle.Activity, 0, len(history))
	for i := range history {
		a := &history[i]
		if !a.Start.Before(to) {
			continue
		}
		h := &rekindle.Activity{ID: a.ID, AthleteID: a.AthleteID, Start: a.Start, Sport: a.Sport, Name: a.Name}
		h.Summary.DistanceM = a.Summary.DistanceM
		out = append(out, h)
	}
	return out
}

// loadGraph reads the athlete's saved graph (an error wrapping
// rekindle.ErrNotFound when there is none).
func loadGraph(ctx context.Context, s *store.Store, athleteID int64) (*streets.Graph, error) {
	_, data, err := s.LoadRouteGraph(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	return streets.ReadGraph(bytes.NewReader(data))
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

type RoutesJSON struct {
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

// Coverage adds every run's stored match (oldest first): the athlete's
// coverage and each run's novelty.
func (rs *RouteState) Coverage() (*streets.Coverage, map[int64][2]float64) {
	if rs.Graph == nil {
		return nil, nil
	}
	cov := streets.NewCoverage(rs.Graph)
	nov := map[int64][2]float64{}
	runs := slices.Clone(rs.Runs)
	slices.SortFunc(runs, func(a, b route.Run) int { return a.Start.Compare(b.Start) })
	for _, r := range runs {
		if len(r.FP.Clean) < 2 {
			continue
		}
		m, n := cov.Add(rs.Matches[r.ID])
		nov[r.ID] = [2]float64{m, n}
	}
	return cov, nov
}

func (rs *RouteState) Summary(ath *rekindle.Athlete, lastN, limit int) RoutesJSON {
	out := RoutesJSON{AsOf: rs.AsOf.Format(time.DateOnly), Runs: len(rs.Runs), Graph: rs.Graph != nil, Groups: []routeGroupJSON{}}
	fps := map[int64]*route.Fingerprint{}
	for _, r := range rs.Runs {
		fps[r.ID] = r.FP
	}
	for _, g := range rs.Groups {
		if limit > 0 && len(out.Groups) >= limit {
			break
		}
		j := routeGroupJSON{ID: g.ID, Kind: g.Kind, Runs: len(g.Members), Medoid: g.Medoid}
		// The typical distance of the route as it is run now (its most
		// recent runs): a loop that grew over the months shows its length today.
		var dists []float64
		for _, id := range g.Members[max(0, len(g.Members)-recentRouteRuns):] {
			if a := rs.Acts[id]; a != nil {
				dists = append(dists, a.Summary.DistanceM)
			}
		}
		if len(dists) > 0 {
			slices.Sort(dists)
			j.DistanceM = math.Round(dists[len(dists)/2])
		}
		j.FirstRun = rs.Acts[g.Members[0]].Start.In(rs.Loc).Format(time.DateOnly)
		j.LastRun = rs.Acts[g.Members[len(g.Members)-1]].Start.In(rs.Loc).Format(time.DateOnly)
		med := fps[g.Medoid]
		j.Polyline = med.Clean
		if rs.Graph != nil && len(med.Clean) >= 2 {
			j.Streets = rs.Graph.StreetNames(rs.Matches[g.Medoid], 3)
		}
		j.Name = RouteName(g, j.Streets, rs.Acts[g.Medoid].Name, j.DistanceM, ath.Unit)
		out.Groups = append(out.Groups, j)
	}
	rr := make([]route.RoutineRun, 0, len(rs.Runs))
	cov, nov := rs.Coverage()
	for _, r := range rs.Runs {
		a := rs.Acts[r.ID]
		x := route.RoutineRun{ID: r.ID, Start: a.Start, DistanceM: a.Summary.DistanceM, GroupID: rs.Assign[r.ID]}
		if v, ok := nov[r.ID]; ok {
			x.MatchedM, x.NoveltyM = v[0], v[1]
		}
		rr = append(rr, x)
	}
	out.Routine = route.Signals(rr, rs.AsOf, rs.Loc, lastN)
	if cov != nil {
		rep := cov.Report(ath.HomeLat, ath.HomeLon, 0, 0)
		out.Coverage = &coverageBrief{CoveredM: math.Round(rep.CoveredM), TotalM: math.Round(rep.TotalM), Share: rep.Share}
	}
	return out
}

// SuggestStart is home when set, else the start of the most recent run with
// positions.
func SuggestStart(ath *rekindle.Athlete, rs *RouteState) (lat, lon float64, source string) {
	if ath.HomeLat != 0 || ath.HomeLon != 0 {
		return ath.HomeLat, ath.HomeLon, "home"
	}
	runs := slices.Clone(rs.Runs)
	slices.SortFunc(runs, func(a, b route.Run) int { return b.Start.Compare(a.Start) })
	for _, r := range runs {
		if r.FP != nil && r.FP.Kind != route.KindTreadmill && len(r.FP.Clean) > 0 {
			return r.FP.StartLat, r.FP.StartLon, "last_run"
		}
	}
	return 0, 0, ""
}

// UsualRoutes are the representative runs of the biggest route groups with
// at least two runs.
func UsualRoutes(rs *RouteState, n int) []*route.Fingerprint {
	fps := map[int64]*route.Fingerprint{}
	for _, r := range rs.Runs {
		fps[r.ID] = r.FP
	}
	return usualOf(rs.Groups, fps, n)
}

// usualOf is the representative runs (fps by run) of the n biggest groups
// of two or more runs (treadmill groups left out): what a suggestion keeps
// away from, for the CLI's route state and the server's route source alike.
func usualOf(groups []route.Group, fps map[int64]*route.Fingerprint, n int) []*route.Fingerprint {
	groups = slices.Clone(groups)
	slices.SortStableFunc(groups, func(a, b route.Group) int { return len(b.Members) - len(a.Members) })
	var out []*route.Fingerprint
	for _, g := range groups {
		if len(out) >= n || len(g.Members) < 2 {
			break
		}
		if fp := fps[g.Medoid]; fp != nil && fp.Kind != route.KindTreadmill {
			out = append(out, fp)
		}
	}
	return out
}

// saveGraph stores g as the athlete's street graph and returns what was
// recorded and the saved size in bytes.
func saveGraph(ctx context.Context, s *store.Store, athleteID int64, g *streets.Graph, source, sha string, now time.Time) (store.RouteGraphInfo, int, error) {
	var buf bytes.Buffer
	if _, err := g.WriteTo(&buf); err != nil {
		return store.RouteGraphInfo{}, 0, fmt.Errorf("map: save graph: %w", err)
	}
	info := store.RouteGraphInfo{SourceName: source, SourceSHA: sha,
		Nodes: int64(g.NumNodes()), Edges: int64(g.NumEdges()), BuiltAt: now.UTC()}
	if err := s.SaveRouteGraph(ctx, athleteID, info, buf.Bytes()); err != nil {
		return store.RouteGraphInfo{}, 0, err
	}
	return info, buf.Len(), nil
}

// SaveStreetGraph stores the athlete's street graph as 'rekindle map load'
// does and forgets their route grouping; every run is matched onto the new
// streets by a route_refresh job (RefreshRoutes; at once without a queue).
func (a *App) SaveStreetGraph(ctx context.Context, athleteID int64, g *streets.Graph, source, sha string) error {
	if _, _, err := saveGraph(ctx, a.cfg.Store, athleteID, g, source, sha, a.cfg.Now()); err != nil {
		return err
	}
	if f, ok := a.cfg.Routes.(interface{ Forget(int64) }); ok {
		f.Forget(athleteID)
	}
	a.refreshAfterWrite(ctx, athleteID)
	return nil
}

// grouping is the athlete's runs fingerprinted and grouped by route.
type grouping struct {
	runs   []route.Run
	acts   map[int64]*rekindle.Activity // the runs by id
	assign map[int64]int64              // run → group id
	groups []route.Group
	// changed: fingerprints or a grouping were stored (not all restored).
	changed bool
}

// groupRuns is the one route-grouping engine of the CLI and the server: it
// fingerprints the runs of acts that have no stored fingerprint (saved in
// one transaction), and restores the stored grouping when it was made over
// exactly these runs, else regroups them keeping the group ids they had
// and, when save is set, stores the new grouping. cached is the stored
// fingerprints when the caller has read them (nil: read here).
func groupRuns(ctx context.Context, s *store.Store, athleteID int64, acts []*rekindle.Activity, save bool, cached []store.RouteFingerprint) (*grouping, error) {
	if cached == nil {
		var err error
		if cached, err = s.ListRouteFingerprints(ctx, athleteID); err != nil {
			return nil, err
		}
	}
	byAct := map[int64]store.RouteFingerprint{}
	maxGroup := int64(0)
	for _, f := range cached {
		byAct[f.ActivityID] = f
		maxGroup = max(maxGroup, f.GroupID)
	}
	gr := &grouping{acts: map[int64]*rekindle.Activity{}}
	previous := map[int64]int64{}
	var fresh []store.RouteFingerprint
	for _, a := range acts {
		if !a.Sport.IsRun() {
			continue
		}
		gr.acts[a.ID] = a
		fp := new(route.Fingerprint)
		c, ok := byAct[a.ID]
		if !(ok && c.Version == route.FingerprintVersion && fp.UnmarshalBinary(c.Data) == nil) {
			full, err := s.GetActivity(ctx, athleteID, a.ID)
			if err != nil {
				return nil, err
			}
			f := route.FingerprintActivity(full)
			if f.Kind == route.KindTreadmill && f.DistanceM == 0 {
				f.DistanceM = a.Summary.DistanceM
			}
			data, _ := f.MarshalBinary()
			// The stored form is the value: a fresh fingerprint is used as
			// it will be read back, so cold and warm calls agree.
			*fp = route.Fingerprint{}
			if err := fp.UnmarshalBinary(data); err != nil {
				return nil, fmt.Errorf("routes: fingerprint of activity %d: %w", a.ID, err)
			}
			fresh = append(fresh, store.RouteFingerprint{ActivityID: a.ID, Version: route.FingerprintVersion, StartMs: a.Start.UnixMilli(),
				Kind: string(fp.Kind), DistanceM: fp.DistanceM, Data: data, GroupID: c.GroupID})
		}
		if c.GroupID > 0 {
			previous[a.ID] = c.GroupID
		}
		gr.runs = append(gr.runs, route.Run{ID: a.ID, Start: a.Start, FP: fp})
	}
	if err := s.SaveRouteFingerprints(ctx, athleteID, fresh); err != nil {
		return nil, err
	}
	gr.changed = len(fresh) > 0
	key := runsKey(gr.runs)
	stored, err := s.LoadRouteGrouping(ctx, athleteID)
	if err != nil && !errors.Is(err, rekindle.ErrNotFound) {
		return nil, err
	}
	if grouper, ok := restoreGrouping(gr.runs, previous, stored, key); ok {
		gr.assign, gr.groups = previous, grouper.Groups()
		return gr, nil
	}
	grouper, assign := route.Regroup(gr.runs, previous, maxGroup+1)
	gr.assign, gr.groups, gr.changed = assign, grouper.Groups(), true
	if save {
		changed := map[int64]int64{}
		for id, g := range assign {
			if previous[id] != g {
				changed[id] = g
			}
		}
		if err := s.SaveRouteGrouping(ctx, athleteID, changed, store.RouteGrouping{RunsKey: key, Medoids: encodeMedoids(gr.groups)}); err != nil {
			return nil, err
		}
	}
	return gr, nil
}

// RouteName names a route group for every interface: its main streets when
// a street graph is loaded, else the name of its representative run, else
// its typical distance (in the athlete's unit), shape and id.
func RouteName(g route.Group, streets []string, runName string, distanceM float64, u rekindle.Unit) string {
	kind := strings.ReplaceAll(string(g.Kind), "_", "-")
	switch {
	case g.Kind == route.KindTreadmill:
		return "treadmill"
	case len(streets) >= 2:
		return streets[0] + " – " + streets[1] + " " + kind
	case len(streets) == 1:
		return streets[0] + " " + kind
	case runName != "":
		return runName
	}
	return fmt.Sprintf("%s %s #%d", units.Show(distanceM, u), kind, g.ID)
}
