package athlete

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"rekindle"
	"rekindle/internal/ingest"
	"rekindle/internal/route"
	"rekindle/internal/spark"
	"rekindle/internal/store"
	"rekindle/internal/training"
)

// cached is the analysis of one athlete's history, valid while the data
// version (the athlete's stamp in the database and this process's write
// generation) matches, and for at most cacheTTL.
//
// An entry is loaded (it holds the history, acts) or slim: when more
// athletes are cached than maxLoadedUsers, the least recently used entries
// give up their history and keep only their computed views (a home view, a
// training picture, a list page: small), which answer the athlete's next
// requests while the stamp is unchanged (peek); a view not yet computed
// loads the history again. So a replica serving a few hundred runners at
// once keeps all their pages cached in bounded memory.
type cached struct {
	version string
	data    int64 // the stamp's Data counter in version
	built   time.Time
	loaded  bool                // acts is the history (else a slim entry: views only)
	acts    []rekindle.Activity // summary rows, oldest first: the ones the analyses count
	aside   []rekindle.Activity // the ones set aside (overlapping others), oldest first: listed, never analysed
	used    uint64              // App.tick at the last use, under App.mu (least recently used goes first)
	home    map[string]*HomeView
	train   map[string]*training.Report
	views   map[string]any // other pages' views (gear, races, the week's plan), by kind and day

	homeMu, trainMu, viewMu sync.Mutex // one computation at a time per athlete
	// prev is the entry this one replaced when it had only grown older
	// than cacheTTL (same data version): while this entry computes a view
	// for the first time, other requests answer with prev's (stale by at
	// most cacheTTL, as any cached view) instead of all waiting.
	prev *cached // under App.mu
}

// prevOf returns c.prev (set and cleared under a.mu).
func (a *App) prevOf(c *cached) *cached {
	a.mu.Lock()
	defer a.mu.Unlock()
	return c.prev
}

// cachedView returns c's view under key, computing it once (memo over
// c.views).
func cachedView[T any](a *App, c *cached, key string, compute func() (T, error)) (T, error) {
	v, err := memo(a, c, viewsOf, key, func() (any, error) { return compute() })
	if err != nil {
		var zero T
		return zero, err
	}
	return v.(T), nil
}

// The maps of computed views in an entry, with the lock that makes each
// computed once.
func homesOf(c *cached) (map[string]*HomeView, *sync.Mutex)         { return c.home, &c.homeMu }
func trainsOf(c *cached) (map[string]*training.Report, *sync.Mutex) { return c.train, &c.trainMu }
func viewsOf(c *cached) (map[string]any, *sync.Mutex)               { return c.views, &c.viewMu }

// memo returns the value under key in c's map m, computing it once: one
// computation at a time per athlete and map; meanwhile other requests take
// the previous entry's value for key when there is one (see cached.prev).
func memo[V any](a *App, c *cached, m func(*cached) (map[string]V, *sync.Mutex), key string, compute func() (V, error)) (V, error) {
	get := func(c *cached) (V, bool) {
		vs, _ := m(c)
		a.mu.Lock()
		defer a.mu.Unlock()
		v, ok := vs[key]
		return v, ok
	}
	if v, ok := get(c); ok {
		return v, nil
	}
	vs, mu := m(c)
	if !mu.TryLock() {
		if p := a.prevOf(c); p != nil {
			if v, ok := get(p); ok {
				return v, nil
			}
		}
		mu.Lock()
	}
	defer mu.Unlock()
	if v, ok := get(c); ok {
		return v, nil
	}
	x, err := compute()
	if err != nil {
		return x, err
	}
	a.mu.Lock()
	vs[key] = x
	a.mu.Unlock()
	return x, nil
}

const (
	cacheTTL = time.Minute
	// maxLoadedUsers bounds the entries holding a history (about half a
	// megabyte for a year of runs), maxCachedUsers all entries (a slim one
	// holds only its views: some tens of kilobytes).
	maxLoadedUsers = 48
	maxCachedUsers = 256
)

// version is the athlete's data stamp in the database (any replica's
// writes) and this process's write generation.
func (a *App) version(ctx context.Context, athleteID int64) (string, error) {
	v, _, err := a.versionData(ctx, athleteID)
	return v, err
}

// versionData is version and the stamp's Data counter it was made of.
func (a *App) versionData(ctx context.Context, athleteID int64) (string, int64, error) {
	st, err := stampOf(ctx, a.cfg.Store, athleteID)
	if err != nil {
		return "", 0, err
	}
	a.mu.Lock()
	g := a.gen[athleteID]
	a.mu.Unlock()
	return fmt.Sprintf("%d/%d", st.Data, g), st.Data, nil
}

// peek returns the athlete's entry when it is current (built at the
// athlete's version, younger than cacheTTL), loaded or slim, without
// reading the history: its views answer the request. nil otherwise.
func (a *App) peek(ctx context.Context, athleteID int64) *cached {
	v, err := a.version(ctx, athleteID)
	if err != nil {
		return nil // history reports it
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	c := a.cache[athleteID]
	if c == nil || c.version != v || time.Since(c.built) >= cacheTTL {
		return nil
	}
	if !isBackground(ctx) {
		a.tick++
		c.used = a.tick
	}
	return c
}

// peekView returns the view under key of the athlete's current entry
// (see peek), if it was computed.
func peekView[T any](a *App, ctx context.Context, athleteID int64, key string) (T, bool) {
	v, ok := peekIn(a, ctx, athleteID, viewsOf, key)
	x, isT := v.(T)
	return x, ok && isT
}

// peekIn returns the value under key in map m of the athlete's current
// entry (see peek), if it was computed: the history need not be read.
func peekIn[V any](a *App, ctx context.Context, athleteID int64, m func(*cached) (map[string]V, *sync.Mutex), key string) (V, bool) {
	var zero V
	c := a.peek(ctx, athleteID)
	if c == nil {
		return zero, false
	}
	vs, _ := m(c)
	a.mu.Lock()
	defer a.mu.Unlock()
	v, ok := vs[key]
	return v, ok
}

// history returns the athlete's cached analysis with its history loaded,
// reloading it when stale.
func (a *App) history(ctx context.Context, athleteID int64) (*cached, error) {
	// The stamp is read on every call (once per request: one primary-key
	// row): a write on another replica is seen on the next request.
	v, data, err := a.versionData(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	current := func(c *cached) bool { return c != nil && c.version == v && time.Since(c.built) < cacheTTL }
	a.mu.Lock()
	c := a.cache[athleteID]
	if current(c) && c.loaded {
		if !isBackground(ctx) {
			a.tick++
			c.used = a.tick
		}
		a.mu.Unlock()
		return c, nil
	}
	a.mu.Unlock()
	// One load per athlete at a time: concurrent requests wait for it.
	lock := a.loadLock(athleteID)
	lock.Lock()
	defer lock.Unlock()
	a.mu.Lock()
	c = a.cache[athleteID]
	a.mu.Unlock()
	if current(c) && c.loaded {
		return c, nil
	}
	done, err := a.admitRead(ctx)
	if err != nil {
		return nil, err
	}
	list, err := a.cfg.Store.ListActivities(ctx, athleteID, store.ActivityFilter{SetAside: store.WithSetAside})
	if err != nil {
		done()
		return nil, err
	}
	acts := make([]rekindle.Activity, 0, len(list))
	var aside []rekindle.Activity
	for _, x := range list {
		// The history feeds the analyses and the lists, which read no
		// splits, laps, lengths or warnings (the activity page reads its
		// activity from the store): not kept, a third of an entry.
		x.Summary.Splits, x.Laps, x.Lengths, x.Warnings = nil, nil, nil, nil
		if x.SetAside {
			// Listed for the runner, never analysed.
			aside = append(aside, *x)
			continue
		}
		acts = append(acts, *x)
	}
	slices.SortStableFunc(acts, func(x, y rekindle.Activity) int { return x.Start.Compare(y.Start) })
	slices.SortStableFunc(aside, func(x, y rekindle.Activity) int { return x.Start.Compare(y.Start) })
	done()
	old := c
	a.mu.Lock()
	if current(old) {
		// A slim entry of the same version: its views hold (the maps
		// are shared, under a.mu), the history comes back.
		c = &cached{version: v, data: data, built: old.built, loaded: true, acts: acts, aside: aside, home: old.home, train: old.train, views: old.views}
	} else {
		c = &cached{version: v, data: data, built: time.Now(), loaded: true, acts: acts, aside: aside, home: map[string]*HomeView{}, train: map[string]*training.Report{}, views: map[string]any{}}
		if old != nil && old.version == v {
			// Only older than cacheTTL: its views may stand in while this
			// entry computes its own (see cached.prev); no longer chain.
			old.prev = nil
			c.prev = old
		}
	}
	a.tick++
	c.used = a.tick
	if isBackground(ctx) && old == nil {
		c.used = 0 // made for a job: the first to give way (trimCache)
	}
	a.cache[athleteID] = c
	a.trimCache()
	a.mu.Unlock()
	return c, nil
}

// trimCache keeps at most a.maxLoaded entries with their history and
// a.maxCached entries in all, dropping the least recently used first:
// a loaded entry past the first bound becomes slim (a copy without the
// history: whoever holds the loaded one keeps using it), an entry past the
// second is forgotten. Under a.mu.
func (a *App) trimCache() {
	for {
		loaded := 0
		var lruLoaded, lru int64 = -1, -1
		for id, c := range a.cache {
			if c.loaded {
				loaded++
				if lruLoaded < 0 || c.used < a.cache[lruLoaded].used {
					lruLoaded = id
				}
			}
			if lru < 0 || c.used < a.cache[lru].used {
				lru = id
			}
		}
		switch {
		case len(a.cache) > a.maxCached:
			delete(a.cache, lru)
		case loaded > a.maxLoaded:
			c := a.cache[lruLoaded]
			a.cache[lruLoaded] = &cached{version: c.version, data: c.data, built: c.built, used: c.used, home: c.home, train: c.train, views: c.views}
		default:
			return
		}
	}
}

type backgroundKey struct{}

// inBackground marks ctx as background work (the nightly job): the cache
// entries it makes are the first to give way (see trimCache), and its cold
// analyses run one at a time (admit).
func inBackground(ctx context.Context) context.Context {
	return context.WithValue(ctx, backgroundKey{}, true)
}

func isBackground(ctx context.Context) bool { b, _ := ctx.Value(backgroundKey{}).(bool); return b }

// admit waits for one of the process's slots for a cold analysis (a
// training picture, a spark evaluation: pure computations): as many as
// there are CPUs (at least two) run at once. Requests served from the
// caches never wait for one, so a crowd of runners new to this replica
// neither holds their transient memory all at once nor starves the cached
// pages. (One CPU fewer, to keep one for the cached pages, made first
// visits time out at 30 s on the loaded 2-core machine.) Only pure
// computations run under a slot: a holder never waits for anything else,
// so slots cannot deadlock.
//
// Background work (inBackground) first takes the one background slot:
// however many jobs run, they hold at most one of the slots, so a page
// never waits for more than one job's analysis.
func (a *App) admit(ctx context.Context) (done func(), err error) {
	return acquire(ctx, a.heavy, a.background)
}

// admitRead waits for one of the process's slots for a history read from
// the store (about a megabyte of rows read and decoded): sized against the
// store's connections, not the CPUs, since a read mostly waits on the
// database (see New). A holder waits for nothing but the database. As with
// admit, background work holds at most one of them.
func (a *App) admitRead(ctx context.Context) (done func(), err error) {
	return acquire(ctx, a.reads, a.backgroundReads)
}

// acquire takes a slot of slots (and first the one of background for
// background work, see admit); waiting pages go before waiting background
// work (slots).
func acquire(ctx context.Context, s *slots, background chan struct{}) (done func(), err error) {
	bg := isBackground(ctx)
	if bg {
		select {
		case background <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if err := s.acquire(ctx, bg); err != nil {
		if bg {
			<-background
		}
		return nil, err
	}
	return func() {
		s.release()
		if bg {
			<-background
		}
	}, nil
}

func (a *App) loadLock(athleteID int64) *sync.Mutex {
	a.mu.Lock()
	defer a.mu.Unlock()
	l := a.loading[athleteID]
	if l == nil {
		l = &sync.Mutex{}
		a.loading[athleteID] = l
	}
	return l
}

// Athlete returns the athlete record of a principal (remembered while the
// athlete's stamp is unchanged: changes made anywhere are seen at once).
func (a *App) Athlete(ctx context.Context, athleteID int64) (*rekindle.Athlete, error) {
	v, err := a.version(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	a.mu.Lock()
	e, ok := a.athletes[athleteID]
	a.mu.Unlock()
	if ok && e.version == v {
		cp := *e.a
		return &cp, nil
	}
	ath, err := a.cfg.Store.GetAthlete(ctx, athleteID)
	if err != nil {
		if isNotFound(err) {
			return nil, notFound("athlete")
		}
		return nil, err
	}
	if ath.Unit == "" {
		ath.Unit = rekindle.UnitKm
	}
	a.mu.Lock()
	if len(a.athletes) > 10000 {
		clear(a.athletes)
	}
	cp := *ath
	a.athletes[athleteID] = athleteEntry{&cp, v}
	a.mu.Unlock()
	return ath, nil
}

type athleteEntry struct {
	a       *rekindle.Athlete
	version string // App.version when read
}

// Training returns the training picture on asOf.
func (a *App) Training(ctx context.Context, ath *rekindle.Athlete, asOf time.Time) (*training.Report, error) {
	ctx = oneStamp(ctx) // peek and history read one stamp
	key := asOf.Format(time.DateOnly) + "|" + ath.TimeZone + fmt.Sprint(ath.RestingHR, ath.MaxHR, ath.ThresholdPaceMS, ath.BirthYear, ath.Sex)
	if rep, ok := peekIn(a, ctx, ath.ID, trainsOf, key); ok {
		return rep, nil // computed before, the history need not be read
	}
	c, err := a.history(ctx, ath.ID)
	if err != nil {
		return nil, err
	}
	return memo(a, c, trainsOf, key, func() (*training.Report, error) {
		done, err := a.admit(ctx)
		if err != nil {
			return nil, err
		}
		r := training.Picture(c.acts, *ath, asOf, training.Options{})
		done()
		return &r, nil
	})
}

// DiagnosisView is a diagnosis in plain words.
type DiagnosisView struct {
	Key        rekindle.Diagnosis `json:"key"`
	Title      string             `json:"title"`
	Text       string             `json:"text"`
	Confidence float64            `json:"confidence"`
	Sureness   string             `json:"sureness"` // the confidence in words
	Evidence   []spark.Evidence   `json:"evidence"`
}

// diagnosisWords says what each diagnosis means, plainly.
var diagnosisWords = map[rekindle.Diagnosis][2]string{
	rekindle.DiagnosisOverreached:     {"Running on empty", "You have been piling on load without a lighter week to absorb it."},
	rekindle.DiagnosisStaleRoutine:    {"Same run, again", "Your runs have settled into one route, one distance, one time of day — little is new."},
	rekindle.DiagnosisUnderstimulated: {"Fresh but flat", "You are rested, but your training has been flat and easy: nothing to rise to."},
	rekindle.DiagnosisGoalless:        {"Nothing on the horizon", "There is no race or goal ahead of you to aim at."},
	rekindle.DiagnosisFading:          {"Fading away", "You are running less than you used to: fewer runs, shorter ones, or both."},
	rekindle.DiagnosisLowEnjoyment:    {"Less fun", "Your check-ins say runs have been feeling worse lately."},
	rekindle.DiagnosisReturning:       {"Coming back", "You are running again after a break: build gently towards your usual week."},
	rekindle.DiagnosisSparked:         {"Spark is on", "All is well: keep doing what you are doing."},
}

// StrategyTitle names a strategy for people.
func StrategyTitle(s rekindle.Strategy) string {
	switch s {
	case rekindle.StrategyRest:
		return "Rest"
	case rekindle.StrategyChallenge:
		return "Challenge"
	case rekindle.StrategyVariety:
		return "Variety"
	case rekindle.StrategyReward:
		return "Reward"
	case rekindle.StrategyRace:
		return "Race"
	case rekindle.StrategyCrossTraining:
		return "Cross-training"
	case rekindle.StrategyGratitude:
		return "Gratitude"
	case rekindle.StrategyCoach:
		return "Coach"
	}
	return string(s)
}

// TrendPoint is the spark score on one day.
type TrendPoint struct {
	Date  string `json:"date"`
	Score int    `json:"score"`
}

// HomeView is what the home page shows.
type HomeView struct {
	AsOf        string                  `json:"as_of"`
	Activities  int                     `json:"activities"`
	SparkScore  int                     `json:"spark_score"`
	Trend       []TrendPoint            `json:"trend"` // weekly, oldest first, ending on as_of
	Diagnoses   []DiagnosisView         `json:"diagnoses"`
	Top         *spark.Recommendation   `json:"top_recommendation,omitempty"`
	Others      []spark.Recommendation  `json:"other_recommendations"`
	Experiment  *spark.ExperimentStatus `json:"experiment,omitempty"` // the latest accepted idea
	Report      *spark.Report           `json:"report"`
	LastRun     *ActivityRow            `json:"last_activity,omitempty"`
	CanCheckIn  bool                    `json:"check_ins_enabled"`
	SparkCheck  bool                    `json:"spark_check_due"` // no spark check in the last four weeks
	TrainingKey string                  `json:"training_status,omitempty"`
	// RoutesPending is true while the routes are still being read after
	// start: the ideas are redone once they are (pages say so).
	RoutesPending bool `json:"routes_pending,omitempty"`
}

// sparkInput assembles spark's input from the cached history, the spark
// store and the route source (buildSparkInput, as for 'rekindle spark').
func (a *App) sparkInput(ctx context.Context, ath *rekindle.Athlete, c *cached, asOf time.Time) (*spark.Input, error) {
	src := sparkSources{acts: c.acts, trainingAt: asOf, routes: map[int64]spark.RouteRef{}}
	if a.cfg.Spark != nil {
		var err error
		if src.checkIns, err = a.cfg.Spark.CheckIns(ctx, ath.ID); err != nil {
			return nil, err
		}
		if src.checks, err = a.cfg.Spark.SparkChecks(ctx, ath.ID); err != nil {
			return nil, err
		}
		if src.exps, err = a.cfg.Spark.Experiments(ctx, ath.ID); err != nil {
			return nil, err
		}
	}
	if sg, ok := a.cfg.Routes.(RouteSuggester); ok {
		src.suggest = sg
	}
	if a.cfg.Routes != nil {
		var gs []RouteGroup
		var err error
		if sr, ok := a.cfg.Routes.(*StoreRoutes); ok {
			// The groups and the street matches the Routes page shows:
			// routeInput reads them rather than regrouping the runs.
			var res routeResult
			res, err = sr.shared(withHistory(ctx, c), ath.ID) // its runs are c's
			gs, src.state = res.groups, res.state
		} else {
			gs, err = a.cfg.Routes.Groups(ctx, ath.ID)
		}
		if err != nil {
			a.log.WarnContext(ctx, "spark: route groups", "err", err)
		}
		for _, g := range gs {
			ref := spark.RouteRef{Key: g.Key, Name: sentenceRouteName(g, ath.Unit), Kind: g.Kind}
			for _, id := range g.Activities {
				src.routes[id] = ref
			}
		}
	}
	return buildSparkInput(ctx, a.cfg.Store, ath, asOf, src)
}

// SparkReport evaluates the spark on asOf from the cached history: the
// report Home shows (Spark), without recording its ideas as shown.
func (a *App) SparkReport(ctx context.Context, ath *rekindle.Athlete, asOf time.Time) (*spark.Report, error) {
	in, err := a.SparkInput(ctx, ath, asOf)
	if err != nil {
		return nil, err
	}
	return spark.Evaluate(in), nil
}

// SparkInput is what the spark on asOf is computed from (Home, Spark).
func (a *App) SparkInput(ctx context.Context, ath *rekindle.Athlete, asOf time.Time) (*spark.Input, error) {
	ctx = oneStamp(ctx) // the history and the route results of one version
	c, err := a.history(ctx, ath.ID)
	if err != nil {
		return nil, err
	}
	return a.sparkInput(ctx, ath, c, asOf)
}

// sentenceRouteName names a route group inside the spark's sentences ("28 of
// your last 28 runs were on the 7.8 km loop #1"): by its distance, shape
// and id, as a run's own name ("Morning Run") does not say which route it
// is. With a street graph the streets name it (routeInput).
func sentenceRouteName(g RouteGroup, u rekindle.Unit) string {
	id, err := strconv.ParseInt(g.Key, 10, 64)
	if err != nil || g.Kind == string(route.KindTreadmill) {
		return g.Name
	}
	return "the " + RouteName(route.Group{ID: id, Kind: route.Kind(g.Kind)}, nil, "", g.DistanceM, u)
}

// Home builds the home view on asOf.
func (a *App) Home(ctx context.Context, ath *rekindle.Athlete, asOf time.Time) (*HomeView, error) {
	// One stamp for the whole view: peek, history, and the training
	// picture and route results inside it, all of one version.
	ctx = oneStamp(ctx)
	key := asOf.Format(time.DateOnly)
	if hv, ok := peekIn(a, ctx, ath.ID, homesOf, key); ok {
		return hv, nil // computed before, the history need not be read
	}
	// A cold home view is a dozen store round trips (the history, the
	// spark's inputs, the route results, the trend, the shown ideas) around
	// its analyses: only a few are built at once (earliest request first),
	// so the others' round trips do not take every connection of the pool
	// from the cached pages, whose one read (the session) must not wait.
	// Taken before any of the athlete's locks: its holders never wait for
	// a request that waits for it.
	if !isBackground(ctx) {
		if err := a.coldHomes.acquire(ctx, false); err != nil {
			return nil, err
		}
		defer a.coldHomes.release()
		if hv, ok := peekIn(a, ctx, ath.ID, homesOf, key); ok {
			return hv, nil
		}
	}
	c, err := a.history(ctx, ath.ID)
	if err != nil {
		return nil, err
	}
	return memo(a, c, homesOf, key, func() (*HomeView, error) { return a.buildHome(ctx, ath, c, asOf) })
}

// buildHome computes the home view on asOf from the athlete's entry c.
func (a *App) buildHome(ctx context.Context, ath *rekindle.Athlete, c *cached, asOf time.Time) (*HomeView, error) {
	tr, err := a.Training(ctx, ath, asOf)
	if err != nil {
		return nil, err
	}
	in, err := a.sparkInput(ctx, ath, c, asOf)
	if err != nil {
		return nil, err
	}
	done, err := a.admit(ctx)
	if err != nil {
		return nil, err
	}
	rep := spark.Evaluate(in)
	done()
	if now := a.cfg.Now().In(ath.Location()); asOf.In(ath.Location()).Format(time.DateOnly) == now.Format(time.DateOnly) {
		// Today's ideas are what the runner is shown: recorded, so that
		// stock ideas rotate by what they saw (once a day: the view is cached).
		if err := recordShown(ctx, a.cfg.Store, ath, rep, asOf); err != nil {
			a.log.WarnContext(ctx, "record shown ideas", "err", err)
		}
	}
	hv := &HomeView{AsOf: rep.AsOf, SparkScore: rep.SparkScore, Report: rep, CanCheckIn: a.cfg.Spark != nil, TrainingKey: string(tr.Status.Key), SparkCheck: true,
		RoutesPending: a.RoutesPending(ath.ID)}
	for _, sc := range in.SparkChecks {
		if !sc.At.After(asOf.AddDate(0, 0, 1)) && asOf.Sub(sc.At) < SparkCheckDueDays*24*time.Hour {
			hv.SparkCheck = false
		}
	}
	for i := range c.acts {
		if !c.acts[i].Start.After(asOf.AddDate(0, 0, 1)) {
			hv.Activities++
		}
	}
	for _, d := range rep.Diagnoses {
		w := diagnosisWords[d.Key]
		if !rep.Scored {
			// Too few runs: no score, and never "all is well".
			w = [2]string{"Too early to say", "A few more runs and rekindle can say how your running is going."}
		}
		hv.Diagnoses = append(hv.Diagnoses, DiagnosisView{Key: d.Key, Title: w[0], Text: w[1], Confidence: d.Confidence, Sureness: d.Sureness, Evidence: d.Evidence})
	}
	if top := rep.Top(); top != nil {
		hv.Top = top
		hv.Others = rep.Recommendations[1:min(len(rep.Recommendations), 7)]
	}
	if n := len(rep.Experiments); n > 0 {
		e := rep.Experiments[n-1]
		hv.Experiment = &e
	}
	// The weekly trend of the score over the last 8 weeks.
	if hv.Trend, err = a.trend(ctx, ath.ID, c, in, asOf, !hv.RoutesPending); err != nil {
		return nil, err
	}
	hv.Trend = append(hv.Trend, TrendPoint{Date: rep.AsOf, Score: rep.SparkScore})
	for i := len(c.acts) - 1; i >= 0; i-- {
		if !c.acts[i].Start.After(asOf.AddDate(0, 0, 1)) {
			row := RowOf(&c.acts[i], ath.Location())
			hv.LastRun = &row
			break
		}
	}
	return hv, nil
}

// trend is the spark score on the 7 weeks' days before asOf, oldest
// first: seven scores of the spark (spark.Trend), the most of a cold Home. They are
// kept in the database for the day and the athlete's data stamp the entry
// c was built at (store.SparkTrend): the replica, or the nightly job, that
// evaluated them first spares every other replica and every restart the
// work. keep says whether the computed ones may be kept (not while the
// route groups are still being read: the stamp does not see them).
func (a *App) trend(ctx context.Context, athleteID int64, c *cached, in *spark.Input, asOf time.Time, keep bool) ([]TrendPoint, error) {
	day := asOf.Format(time.DateOnly)
	stored, ok, err := a.cfg.Store.SparkTrend(ctx, athleteID, day, c.data)
	if err != nil {
		a.log.WarnContext(ctx, "stored spark trend", "err", err) // computed instead
	}
	var out []TrendPoint
	if ok && len(stored) == 7 {
		for _, p := range stored {
			out = append(out, TrendPoint{Date: p.Day, Score: p.Score})
		}
		return out, nil
	}
	done, err := a.admit(ctx)
	if err != nil {
		return nil, err
	}
	var days []time.Time
	for k := 7; k >= 1; k-- {
		days = append(days, asOf.AddDate(0, 0, -7*k))
	}
	var points []store.TrendPoint
	for _, r := range spark.Trend(in, days) {
		out = append(out, TrendPoint{Date: r.AsOf, Score: r.Score})
		points = append(points, store.TrendPoint{Day: r.AsOf, Score: r.Score})
	}
	done()
	if keep {
		if err := a.cfg.Store.PutSparkTrend(ctx, athleteID, day, c.data, points); err != nil {
			a.log.WarnContext(ctx, "keep spark trend", "err", err)
		}
	}
	return out, nil
}

// ActivityRow is an activity in a list.
type ActivityRow struct {
	ID         int64          `json:"id"`
	Start      time.Time      `json:"start"`
	Sport      rekindle.Sport `json:"sport"`
	Name       string         `json:"name"`
	DistanceM  float64        `json:"distance_m"`
	MovingS    float64        `json:"moving_s"`
	ElapsedS   float64        `json:"elapsed_s"`
	AscentM    float64        `json:"ascent_m"`
	AvgHR      float64        `json:"avg_hr,omitempty"`
	AvgSpeedMS float64        `json:"avg_speed_ms"`
	Source     string         `json:"source"`
	// SportSource says how Sport was decided: file, inferred:speed,
	// inferred:name or user (rekindle.Activity.SportSourceKey).
	SportSource string `json:"sport_source"`
	// RaceOverride is the runner's own mark: true (a race), false (not a
	// race), null when not marked (race recognition decides).
	RaceOverride *bool `json:"race_override"`
	// SetAside: the analyses leave it out, as it overlaps in time the
	// activity SetAsideFor, kept as the real one (0: the runner set it
	// aside). CountOverride is the runner's word: true (it counts), false
	// (set aside), null (the overlap rule decides).
	SetAside      bool  `json:"set_aside"`
	SetAsideFor   int64 `json:"set_aside_for,omitempty"`
	CountOverride *bool `json:"count_override"`
	// NotRun says why a run the rule set aside is no run ("42.0 km/h,
	// faster than any runner for its distance"), or is empty.
	NotRun string `json:"not_run,omitempty"`
	// TimeUnknown says why a counted run's time is not its own (its
	// source's clock is wrong; rekindle.Activity.TimeUnknown), or is
	// empty. Its distance counts; its pace is no pace.
	TimeUnknown string `json:"time_unknown,omitempty"`
}

// RowOf makes a list row of an activity; an unnamed activity gets its
// default name ("Morning run") from its start in loc.
func RowOf(x *rekindle.Activity, loc *time.Location) ActivityRow {
	return ActivityRow{ID: x.ID, Start: x.Start, Sport: x.Sport, Name: x.DisplayName(loc), DistanceM: fin(x.Summary.DistanceM),
		MovingS: fin(x.Summary.MovingS), ElapsedS: fin(x.Summary.ElapsedS), AscentM: fin(x.Summary.AscentM),
		AvgHR: fin(x.Summary.AvgHR), AvgSpeedMS: fin(x.Summary.AvgSpeedMS), Source: string(x.Source.Format),
		SportSource: x.SportSourceKey(), RaceOverride: x.RaceOverride, SetAside: x.SetAside, SetAsideFor: x.SetAsideFor,
		CountOverride: x.CountOverride, NotRun: ingest.NoRunSpeed(x), TimeUnknown: x.TimeUnknown()}
}

func fin(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// ListQuery filters the activity list.
type ListQuery struct {
	Sport    string // a sport key, or "run" for any running
	From, To time.Time
	Search   string // in the name, case-insensitive
	Route    string // a route group key
	Page     int
	PerPage  int
}

// Activities lists activities newest first.
func (a *App) Activities(ctx context.Context, ath *rekindle.Athlete, q ListQuery) (*Page[ActivityRow], error) {
	ctx = oneStamp(ctx) // peek and history read one stamp
	if q.Route != "" {
		return a.activities(ctx, ath, q) // route groups have their own stamp
	}
	// The list pages are views of the entry: a page asked for again
	// answers without the history (its rows are copied: callers may
	// change them).
	key := fmt.Sprintf("list|%s|%d|%d|%q|%s|%s|%q", ath.TimeZone, q.Page, q.PerPage, q.Sport, q.From.Format(time.RFC3339Nano), q.To.Format(time.RFC3339Nano), q.Search)
	p, ok := peekView[*Page[ActivityRow]](a, ctx, ath.ID, key)
	if !ok {
		c, err := a.history(ctx, ath.ID)
		if err != nil {
			return nil, err
		}
		if p, err = cachedView(a, c, key, func() (*Page[ActivityRow], error) { return a.activities(ctx, ath, q) }); err != nil {
			return nil, err
		}
	}
	cp := *p
	cp.Items = slices.Clone(p.Items)
	return &cp, nil
}

// activities lists activities newest first (Activities).
func (a *App) activities(ctx context.Context, ath *rekindle.Athlete, q ListQuery) (*Page[ActivityRow], error) {
	c, err := a.history(ctx, ath.ID)
	if err != nil {
		return nil, err
	}
	var routeIDs map[int64]bool
	if q.Route != "" && a.cfg.Routes != nil {
		groups, err := a.cfg.Routes.Groups(ctx, ath.ID)
		if err != nil {
			return nil, err
		}
		routeIDs = map[int64]bool{}
		for _, g := range groups {
			if g.Key == q.Route {
				for _, id := range g.Activities {
					routeIDs[id] = true
				}
			}
		}
	}
	search := strings.ToLower(strings.TrimSpace(q.Search))
	loc := ath.Location()
	p := &Page[ActivityRow]{Page: q.Page, PerPage: q.PerPage, Items: []ActivityRow{}}
	skip := (q.Page - 1) * q.PerPage
	// The list holds every stored activity: those set aside too (marked),
	// so the runner sees them and can restore one.
	all := c.acts
	if len(c.aside) > 0 {
		all = make([]rekindle.Activity, 0, len(c.acts)+len(c.aside))
		all = append(append(all, c.acts...), c.aside...)
		slices.SortStableFunc(all, func(x, y rekindle.Activity) int {
			if d := x.Start.Compare(y.Start); d != 0 {
				return d
			}
			return cmp.Compare(x.ID, y.ID)
		})
	}
	for i := len(all) - 1; i >= 0; i-- {
		x := &all[i]
		switch {
		case q.Sport == "run" && !x.Sport.IsRun(),
			q.Sport != "" && q.Sport != "run" && string(x.Sport) != q.Sport,
			!q.From.IsZero() && x.Start.Before(q.From),
			!q.To.IsZero() && !x.Start.Before(q.To),
			search != "" && !strings.Contains(strings.ToLower(x.DisplayName(loc)), search),
			routeIDs != nil && !routeIDs[x.ID]:
			continue
		}
		p.Total++
		if p.Total > skip && len(p.Items) < q.PerPage {
			p.Items = append(p.Items, RowOf(x, loc))
		}
	}
	if skip+len(p.Items) < p.Total {
		p.NextPage = q.Page + 1
	}
	return p, nil
}

// RouteGroup is a set of activities on the same route.
type RouteGroup struct {
	Key        string   `json:"key"`
	Kind       string   `json:"kind,omitempty"` // loop, out_and_back, point_to_point, track, treadmill (no positions)
	Name       string   `json:"name"`
	Count      int      `json:"count"`
	DistanceM  float64  `json:"distance_m"`
	Streets    []string `json:"streets,omitempty"` // main streets, when a street graph is loaded
	Activities []int64  `json:"activity_ids"`
}
