package athlete

import (
	"context"
	"log/slog"
	"slices"
	"strconv"
	"sync"
	"time"

	"rekindle"
	routepkg "rekindle/internal/route"
	"rekindle/internal/store"
	"rekindle/internal/streets"
)

// StoreRoutes groups an athlete's runs by route with package route, using
// and filling the store's fingerprint cache (as "rekindle routes" does).
// Grouping a long history for the first time takes a while, so it runs in
// the background: until it is done, Groups returns none.
type StoreRoutes struct {
	Store *store.Store
	Log   *slog.Logger

	mu   sync.Mutex
	done map[int64]routeResult
	busy map[int64]bool
	// checking: one request at a time compares an athlete's stamp with
	// the store; the others answer with the grouping they have meanwhile.
	checking map[int64]bool
	// computed is closed when an athlete's running computation ends.
	computed map[int64]chan struct{}
	sugg     suggestCache
	async    bool // compute in the background (true in serve; tests may wait)
	// locks serialise the computing and storing of an athlete's route
	// results with App.RefreshRoutes (shared by athlete.New).
	locks *athleteLocks

	// OnReady, when set, is called after a background grouping finished, so
	// views computed without it (the spark's route repetition) are redone.
	OnReady func(athleteID int64)
}

type routeResult struct {
	stamp   string
	checked time.Time // when the stamp was last compared
	built   time.Time
	groups  []RouteGroup
	// With a street graph: the graph, the edges the runner has run, the
	// usual routes' fingerprints and the start of the latest run (for
	// suggestions).
	graph              *streets.Graph
	run                func(e int32) bool
	usual              []*routepkg.Fingerprint
	lastLat, lastLon   float64
	hasLast, graphSeen bool
	// state is the grouping and the matches as RouteState (with a street
	// graph only): the spark reads it instead of regrouping the runs and
	// decoding every stored match again (one value for the spark and the
	// Routes page).
	state *RouteState
}

// graphRecheck is how long a grouping is kept before the street graph (which
// 'rekindle map load' may have replaced) is read again.
const graphRecheck = 5 * time.Minute

// NewStoreRoutes makes a route source; background says whether a first
// grouping runs in the background (pages stay fast) or inline.
func NewStoreRoutes(st *store.Store, log *slog.Logger, background bool) *StoreRoutes {
	if log == nil {
		log = slog.Default()
	}
	return &StoreRoutes{Store: st, Log: log, done: map[int64]routeResult{}, busy: map[int64]bool{}, checking: map[int64]bool{}, computed: map[int64]chan struct{}{}, async: background, locks: &athleteLocks{}}
}

// Groups returns the athlete's route groups of two or more runs, most run first.
func (r *StoreRoutes) Groups(ctx context.Context, athleteID int64) ([]RouteGroup, error) {
	res, err := r.result(ctx, athleteID)
	return res.groups, err
}

// Pending reports whether the athlete's first route grouping is still
// running in the background: pages say "still reading your routes" rather
// than answer without them.
func (r *StoreRoutes) Pending(athleteID int64) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, done := r.done[athleteID]
	return r.busy[athleteID] && !done
}

// Forget drops an athlete's grouping (after a new street graph is loaded).
func (r *StoreRoutes) Forget(athleteID int64) {
	r.mu.Lock()
	delete(r.done, athleteID)
	r.mu.Unlock()
}

// result returns the athlete's current grouping (the previous one while a
// new one is computed in the background).
func (r *StoreRoutes) result(ctx context.Context, athleteID int64) (routeResult, error) {
	r.mu.Lock()
	if res, ok := r.done[athleteID]; ok && (time.Since(res.checked) < freshFor || r.checking[athleteID]) {
		r.mu.Unlock()
		return res, nil
	}
	r.checking[athleteID] = true
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		delete(r.checking, athleteID)
		r.mu.Unlock()
	}()
	stamp, err := r.Store.ActivityStamp(ctx, athleteID)
	if err != nil {
		return routeResult{}, err
	}
	r.mu.Lock()
	res, ok := r.done[athleteID]
	fresh := ok && res.stamp == stamp && time.Since(res.built) < graphRecheck
	start := !fresh && !r.busy[athleteID]
	var computed chan struct{}
	if start {
		r.busy[athleteID] = true
		computed = make(chan struct{})
		r.computed[athleteID] = computed
	}
	r.mu.Unlock()
	if fresh {
		r.mu.Lock()
		res.checked = time.Now()
		r.done[athleteID] = res
		r.mu.Unlock()
		return res, nil
	}
	if start {
		run := func(ctx context.Context) {
			defer close(computed) // after OnReady: who waited computes on the new grouping
			res, err := r.compute(ctx, athleteID)
			r.mu.Lock()
			delete(r.busy, athleteID)
			delete(r.computed, athleteID)
			prev, had := r.done[athleteID]
			if err == nil {
				res.stamp, res.checked, res.built = stamp, time.Now(), time.Now()
				r.done[athleteID] = res
			}
			r.mu.Unlock()
			// Views computed without this grouping are redone; a
			// recheck that found the same runs and street graph
			// changes nothing they used.
			same := had && prev.stamp == stamp && (prev.graph == nil) == (res.graph == nil)
			if err != nil {
				r.Log.Warn("route groups", "athlete", athleteID, "err", err)
			} else if r.async && r.OnReady != nil && !same {
				r.OnReady(athleteID)
			}
		}
		if !r.async {
			run(ctx)
			r.mu.Lock()
			res = r.done[athleteID]
			r.mu.Unlock()
			return res, nil
		}
		go run(context.WithoutCancel(ctx))
	}
	return res, nil // the previous grouping while a new one runs
}

// shared is result, except that while the first grouping of an athlete
// is being computed it waits for it (or for ctx) rather than answer
// without one: the spark then reads that grouping instead of grouping the
// runs and decoding every stored match on its own beside it.
func (r *StoreRoutes) shared(ctx context.Context, athleteID int64) (routeResult, error) {
	res, err := r.result(ctx, athleteID)
	if err != nil {
		return res, err
	}
	r.mu.Lock()
	_, done := r.done[athleteID]
	ch := r.computed[athleteID]
	r.mu.Unlock()
	if done || ch == nil {
		return res, nil
	}
	select {
	case <-ch:
	case <-ctx.Done():
		return res, nil
	}
	r.mu.Lock()
	res = r.done[athleteID]
	r.mu.Unlock()
	return res, nil
}

func (r *StoreRoutes) compute(ctx context.Context, athleteID int64) (routeResult, error) {
	var res routeResult
	s := r.Store
	acts, err := s.ListActivityHeads(ctx, athleteID, time.Time{})
	if err != nil {
		return res, err
	}
	var gv string
	if res.graph, gv, err = loadGraphVersion(ctx, s, athleteID); err != nil {
		return res, err
	}
	res.graphSeen = true
	unit := rekindle.UnitKm
	if ath, err := s.GetAthlete(ctx, athleteID); err == nil {
		unit = ath.Unit
	}
	// Under the athlete's route lock: a background refresh after an upload
	// and this grouping never fingerprint or match the same runs twice
	// (the one that comes second reads what the first stored).
	unlock := r.locks.lock(athleteID)
	gr, err := groupRuns(ctx, s, athleteID, acts, true, nil)
	var matches map[int64][]streets.EdgeCover
	if err == nil && res.graph != nil {
		matches, err = matchRuns(ctx, s, athleteID, gr.runs, res.graph, gv, nil)
	}
	unlock()
	if err != nil {
		return res, err
	}
	runs, byID := gr.runs, gr.acts
	for _, run := range runs {
		if fp := run.FP; fp.Kind != routepkg.KindTreadmill && len(fp.Clean) > 0 {
			res.lastLat, res.lastLon, res.hasLast = fp.StartLat, fp.StartLon, true // acts are oldest first
		}
	}
	fps := map[int64]*routepkg.Fingerprint{}
	for _, run := range runs {
		fps[run.ID] = run.FP
	}
	var out []RouteGroup
	for _, g := range gr.groups {
		if len(g.Members) < 2 {
			continue
		}
		med := byID[g.Medoid]
		rg := RouteGroup{Key: strconv.FormatInt(g.ID, 10), Kind: string(g.Kind), Count: len(g.Members), Activities: g.Members}
		runName := ""
		if med != nil {
			runName = med.Name
		}
		// The group's distance is its runs' distance (their median), not
		// one run's, which a GPS glitch can make half of the others.
		var ds []float64
		for _, id := range g.Members {
			if a := byID[id]; a != nil && fin(a.Summary.DistanceM) > 0 {
				ds = append(ds, a.Summary.DistanceM)
			}
		}
		if len(ds) > 0 {
			slices.Sort(ds)
			rg.DistanceM = ds[len(ds)/2]
		}
		fp := fps[g.Medoid]
		if res.graph != nil && fp != nil && len(fp.Clean) >= 2 {
			rg.Streets = res.graph.StreetNames(matches[g.Medoid], 3)
		}
		rg.Name = RouteName(g, rg.Streets, runName, rg.DistanceM, unit)
		out = append(out, rg)
	}
	res.usual = usualOf(gr.groups, fps, 5)
	slices.SortStableFunc(out, func(a, b RouteGroup) int { return b.Count - a.Count })
	res.groups = out
	if res.graph != nil {
		res.state = &RouteState{Acts: gr.acts, Runs: runs, Assign: gr.assign, Groups: gr.groups, Graph: res.graph, Matches: matches}
		// Which streets the runner has run, oldest run first.
		cov := streets.NewCoverage(res.graph)
		sorted := slices.Clone(runs)
		slices.SortFunc(sorted, func(a, b routepkg.Run) int { return a.Start.Compare(b.Start) })
		for _, run := range sorted {
			cov.Add(matches[run.ID])
		}
		res.run = cov.EdgeRun
	}
	return res, nil
}
