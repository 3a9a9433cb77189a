package athlete

import (
	"context"
	"fmt"
	"log/slog"
	"math"
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
	// computed is closed when an athlete's background grouping ends (the
	// spark waits for it: see shared).
	computed map[int64]chan struct{}
	sugg     suggestCache
	async    bool // compute in the background (true in serve; tests may wait)
	// locks serialise the computing and storing of an athlete's route
	// results with App.RefreshRoutes (shared by athlete.New).
	locks *athleteLocks
	// building serialises the builds of one athlete's in-memory result.
	building athleteLocks
	// queue, when set (rekindle serve), takes the route refreshes as
	// durable jobs; queued remembers the Routes stamp last enqueued for.
	queue  Queue
	queued map[int64]int64

	// OnReady, when set, is called after a background grouping finished, so
	// views computed without it (the spark's route repetition) are redone.
	OnReady func(athleteID int64)
}

type routeResult struct {
	stamp  string // the route stamp it was built at ("routes/athlete")
	built  time.Time
	groups []RouteGroup
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

// maxRouteResults bounds the athletes whose route results a process keeps
// in memory (the others are read from the store again when asked for).
const maxRouteResults = 256

// NewStoreRoutes makes a route source; background says whether a first
// grouping runs in the background (pages stay fast) or inline.
func NewStoreRoutes(st *store.Store, log *slog.Logger, background bool) *StoreRoutes {
	if log == nil {
		log = slog.Default()
	}
	return &StoreRoutes{Store: st, Log: log, done: map[int64]routeResult{}, busy: map[int64]bool{}, queued: map[int64]int64{}, computed: map[int64]chan struct{}{}, async: background, locks: &athleteLocks{}}
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
//
// The in-memory result is kept while the athlete's route stamp (store.Stamp
// Routes and Athlete, read once per request) is unchanged: an upload, a
// street map or a new unit on any replica is seen on the next request. With
// a queue (rekindle serve) the fingerprinting, grouping and matching are a
// route_refresh job, claimed by one replica of all: until it has completed
// (RoutesDone caught up with Routes) the previous result is served, and
// once it has, each replica reads the stored results here.
func (r *StoreRoutes) result(ctx context.Context, athleteID int64) (routeResult, error) {
	st, err := stampOf(ctx, r.Store, athleteID)
	if err != nil {
		return routeResult{}, err
	}
	stamp := fmt.Sprintf("%d/%d", st.Routes, st.Athlete)
	r.mu.Lock()
	res, ok := r.done[athleteID]
	r.mu.Unlock()
	if ok && res.stamp == stamp {
		return res, nil
	}
	if r.async && r.queue != nil && st.RoutesDone < st.Routes {
		// The stored results lack something: one job (unique across the
		// replicas while it is waiting or running) brings them up to date.
		r.mu.Lock()
		enqueue := r.queued[athleteID] != st.Routes
		if enqueue {
			r.queued[athleteID] = st.Routes
		}
		r.busy[athleteID] = true
		r.mu.Unlock()
		if enqueue {
			enq := r.queue.EnqueueRouteRefresh
			if c, ok := r.queue.(interface {
				EnqueueRouteCheck(context.Context, int64) error
			}); ok {
				enq = c.EnqueueRouteCheck // shortly: the writer's own request comes first
			}
			if err := enq(context.WithoutCancel(ctx), athleteID); err != nil {
				r.mu.Lock()
				delete(r.queued, athleteID)
				r.mu.Unlock()
				r.Log.Warn("routes: enqueue refresh", "athlete", athleteID, "err", err)
			}
		}
		return res, nil // the previous grouping while the job runs
	}
	if r.async && r.queue == nil {
		// No queue (tests of the handler alone): in this process's
		// background.
		r.mu.Lock()
		start := !r.busy[athleteID]
		r.busy[athleteID] = true
		var computed chan struct{}
		if start {
			computed = make(chan struct{})
			r.computed[athleteID] = computed
		}
		r.mu.Unlock()
		if start {
			go func() {
				defer func() {
					r.mu.Lock()
					delete(r.computed, athleteID)
					r.mu.Unlock()
					close(computed) // after OnReady: who waited computes on the new grouping
				}()
				ctx := context.WithoutCancel(ctx)
				if _, err := r.build(ctx, athleteID, stamp); err != nil {
					r.Log.Warn("route groups", "athlete", athleteID, "err", err)
				} else if r.OnReady != nil {
					r.OnReady(athleteID)
				}
			}()
		}
		return res, nil
	}
	// Read (or, without a queue, compute) here: one caller per athlete,
	// the others wait for it.
	wasBusy := r.Pending(athleteID)
	res, err = r.build(ctx, athleteID, stamp)
	if err != nil {
		return res, err
	}
	if wasBusy && r.OnReady != nil {
		r.OnReady(athleteID) // views computed while the routes were pending
	}
	return res, nil
}

// build computes the athlete's result at stamp (reading what is stored,
// filling what is missing) and keeps it, one build per athlete at a time.
func (r *StoreRoutes) build(ctx context.Context, athleteID int64, stamp string) (routeResult, error) {
	unlock := r.building.lock(athleteID)
	defer unlock()
	r.mu.Lock()
	res, ok := r.done[athleteID]
	r.mu.Unlock()
	if ok && res.stamp == stamp {
		return res, nil // built by the caller before us
	}
	res, err := r.compute(ctx, athleteID)
	r.mu.Lock()
	delete(r.busy, athleteID)
	if err == nil {
		res.stamp, res.built = stamp, time.Now()
		if len(r.done) >= maxRouteResults {
			for k := range r.done { // drop one at random
				delete(r.done, k)
				break
			}
		}
		r.done[athleteID] = res
	}
	r.mu.Unlock()
	return res, err
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

// historyKey carries the history an App has read for the request
// (withHistory), so that a route result built under it takes the runs'
// heads from it instead of reading them again.
type historyKey struct{}

// withHistory returns ctx carrying the athlete's history entry c: the
// route source builds on its activities when c is of the request's data
// stamp (the same rows a read would return).
func withHistory(ctx context.Context, c *cached) context.Context {
	if c == nil || !c.loaded {
		return ctx
	}
	return context.WithValue(ctx, historyKey{}, c)
}

// headsIn are the heads of the activities (oldest first, as
// ListActivityHeads returns them) of the history ctx carries when it is
// of the athlete's data stamp; ok false otherwise.
func headsIn(ctx context.Context, athleteID int64, data int64) ([]*rekindle.Activity, bool) {
	c, _ := ctx.Value(historyKey{}).(*cached)
	if c == nil || !c.loaded || c.data != data || (len(c.acts) > 0 && c.acts[0].AthleteID != athleteID) {
		return nil, false
	}
	return headsOf(c.acts, time.UnixMilli(math.MaxInt64)), true
}

func (r *StoreRoutes) compute(ctx context.Context, athleteID int64) (routeResult, error) {
	var res routeResult
	s := r.Store
	st, err := stampOf(ctx, s, athleteID)
	if err != nil {
		return res, err
	}
	var acts []*rekindle.Activity
	heads := func() ([]*rekindle.Activity, error) {
		if acts != nil {
			return acts, nil
		}
		if h, ok := headsIn(ctx, athleteID, st.Data); ok {
			acts = h
			return acts, nil
		}
		h, err := s.ListActivityHeads(ctx, athleteID, time.Time{})
		acts = h
		return h, err
	}
	g, gv, err := loadGraphVersion(ctx, s, athleteID)
	if err != nil {
		return res, err
	}
	key := routeResultKey(st, gv)
	// Kept by whichever replica built it first (routeresult.go).
	if data, ok, err := s.RouteResult(ctx, athleteID, key); err != nil {
		r.Log.WarnContext(ctx, "routes: stored result", "athlete", athleteID, "err", err) // built instead
	} else if ok {
		kept, ok, err := decodeRouteResult(data, g, heads)
		if err != nil {
			return res, err
		}
		if ok {
			return kept, nil
		}
	}
	if acts, err = heads(); err != nil {
		return res, err
	}
	res.graph, res.graphSeen = g, true
	unit := rekindle.UnitKm
	if ath, err := s.GetAthlete(ctx, athleteID); err == nil {
		unit = ath.Unit
	}
	// Under the athlete's route lock: a background refresh after an upload
	// and this grouping never fingerprint or match the same runs twice
	// (the one that comes second reads what the first stored).
	unlock := r.locks.lock(athleteID)
	gr, err := groupRuns(ctx, s, athleteID, acts, true, nil)
	// With a street graph, every run's match is folded as it is read —
	// into the streets the runner has run and the street names of each
	// group's representative run — rather than kept: the decoded matches
	// of a long history are ~20 MB, their names a few KB.
	var cov *streets.Coverage
	medoidStreets := map[int64][]string{}
	if err == nil && res.graph != nil {
		medoids := map[int64]bool{}
		for _, g := range gr.groups {
			medoids[g.Medoid] = true
		}
		// Oldest run first, as the coverage has always been added.
		sorted := slices.Clone(gr.runs)
		slices.SortFunc(sorted, func(a, b routepkg.Run) int { return a.Start.Compare(b.Start) })
		cov = streets.NewCoverage(res.graph)
		err = eachMatch(ctx, s, athleteID, sorted, res.graph, gv, nil, func(id int64, ec []streets.EdgeCover) {
			cov.Add(ec)
			if medoids[id] {
				if names := res.graph.StreetNames(ec, 3); len(names) > 0 {
					medoidStreets[id] = names
				}
			}
		})
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
		if fp := fps[g.Medoid]; res.graph != nil && fp != nil && len(fp.Clean) >= 2 {
			rg.Streets = medoidStreets[g.Medoid]
		}
		rg.Name = RouteName(g, rg.Streets, runName, rg.DistanceM, unit)
		out = append(out, rg)
	}
	res.usual = usualOf(gr.groups, fps, 5)
	slices.SortStableFunc(out, func(a, b RouteGroup) int { return b.Count - a.Count })
	res.groups = out
	if res.graph != nil {
		// What the spark reads of the grouping (routeInput): the groups,
		// the runs' activities and the representative runs' street names;
		// not every run's fingerprint and match.
		res.state = &RouteState{Acts: gr.acts, Assign: gr.assign, Groups: gr.groups, Graph: res.graph, Streets: medoidStreets}
		res.run = cov.EdgeRun // which streets the runner has run
	}
	if data, ok := encodeRouteResult(res); ok {
		if err := s.PutRouteResult(ctx, athleteID, key, data); err != nil {
			r.Log.WarnContext(ctx, "routes: keep result", "athlete", athleteID, "err", err)
		}
	}
	return res, nil
}
