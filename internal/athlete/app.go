package athlete

import (
	"context"
	"errors"
	"log/slog"
	"rekindle"
	"rekindle/internal/cache"
	"rekindle/internal/ingest"
	"rekindle/internal/spark"
	"rekindle/internal/store"
	"runtime"
	"sync"
	"time"
)

// SparkStore keeps check-ins and decisions on recommendations. It is
// satisfied by an adapter over the store's spark methods (see cli serve);
// when nil, the API keeps nothing and says so.
type SparkStore interface {
	CheckIns(ctx context.Context, athleteID int64) ([]rekindle.CheckIn, error)
	AddCheckIn(ctx context.Context, c rekindle.CheckIn) error
	SparkChecks(ctx context.Context, athleteID int64) ([]rekindle.SparkCheck, error)
	Experiments(ctx context.Context, athleteID int64) ([]spark.Experiment, error)
	AddExperiment(ctx context.Context, athleteID int64, e spark.Experiment) (int64, error)
}

// ImportEvent is one step of an upload's import, streamed to the client.
type ImportEvent struct {
	File       string  `json:"file"`
	Status     string  `json:"status"` // "received", "progress", "imported", "replaced", "partial", "duplicate", "failed", "done"
	Activities []int64 `json:"activities,omitempty"`
	// Links name the file's activities for a page to link them by name
	// (the first few; Activities has them all).
	Links   []ActivityLink `json:"links,omitempty"`
	Message string         `json:"message,omitempty"` // why a file failed or was imported only partly; what it replaced
	// Replaced names the earlier records of the same sessions (other
	// files, less data) the file's records took the place of.
	Replaced   []ingest.Replaced `json:"replaced,omitempty"`
	Warnings   []string          `json:"warnings,omitempty"`
	Done       int               `json:"done"`                  // files finished so far
	Total      int               `json:"total"`                 // files uploaded (archives count once)
	Bytes      int64             `json:"bytes,omitempty"`       // input bytes processed ("progress")
	TotalBytes int64             `json:"total_bytes,omitempty"` // input bytes known so far ("progress")
}

// ActivityLink is an activity as an upload outcome names it.
type ActivityLink struct {
	ID   int64  `json:"id"`
	Name string `json:"name"` // the activity's name and day: "Morning Run, Mon 3 Mar 2025"
}

// maxLinks is how many of a file's activities an upload outcome names.
const maxLinks = 3

// UploadFile is one uploaded file, spooled to a temporary path.
type UploadFile struct {
	Name string // as the client named it (a relative path for folders)
	Path string // where it was spooled
	Size int64
}

// Importer imports uploaded files for an athlete, reporting each file's
// progress and outcome through emit. Archives (zip) are expanded by it.
// emit may be called from several goroutines at once. Import stops, with
// ctx's error, when ctx is cancelled (the client went away).
type Importer interface {
	Import(ctx context.Context, athleteID int64, files []UploadFile, emit func(ImportEvent)) error
}

// RouteSource gives the route group of activities (package route, once wired).
type RouteSource interface {
	Groups(ctx context.Context, athleteID int64) ([]RouteGroup, error)
}

// RouteSource returns the route groups source, nil when routes are not wired.
func (a *App) RouteSource() RouteSource { return a.cfg.Routes }

// RouteGroups returns the athlete's route groups; available is false when
// routes are not wired.
func (a *App) RouteGroups(ctx context.Context, athleteID int64) (groups []RouteGroup, available bool, err error) {
	if a.cfg.Routes == nil {
		return nil, false, nil
	}
	groups, err = a.cfg.Routes.Groups(ctx, athleteID)
	return groups, true, err
}

// Changed forgets cached analyses of an athlete after a write.
func (a *App) Changed(athleteID int64) {
	a.mu.Lock()
	a.gen[athleteID]++
	delete(a.cache, athleteID)
	delete(a.athletes, athleteID)
	a.mu.Unlock()
	a.responses.Forget(athleteID)
}

// Responses is the one bounded cache of what the interfaces make from the
// App's views (rendered pages, JSON responses, page data, chart series,
// drawn maps), per athlete, valid for one stamp of the athlete's data
// (Stamps): a write anywhere moves the stamp in the database, and the
// next request on any replica misses. The view key is the interface's own
// comparable type (a distinct type per kind of value, so kinds never
// collide); values are immutable once kept.
type Responses = cache.Cache[any, store.Stamp, any]

// The bound of Responses. 1,024 entries hold the 7–8 cached views (pages,
// JSON, the activity page's data) of ~130 runners browsing one replica at
// once, and keep alive no more of the App's views than its own cache of
// maxCachedUsers athletes mostly holds anyway (page keys name the views
// they were made of). 8 MiB of values (gzipped pages and JSON of 2–10 KB,
// page data of a few KB, chart series ≤ 40 KB) is 4% of a replica's
// 200 MB RSS target and less than the four caches it replaced could hold
// together (3 MiB of pages, 256 activity pages' data, 64 chart series,
// 32 maps: ~15 MB at worst).
const (
	MaxResponseEntries = 1024
	MaxResponseBytes   = 8 << 20
)

// Responses returns the App's response cache (shared by the web pages and
// the API).
func (a *App) Responses() *Responses { return a.responses }

// Page is one page of a list.
type Page[T any] struct {
	Items    []T `json:"items"`
	Page     int `json:"page"`
	PerPage  int `json:"per_page"`
	Total    int `json:"total"`
	NextPage int `json:"next_page,omitempty"` // 0 on the last page
}

// Config is what the application layer needs.
type Config struct {
	Store    *store.Store
	Log      *slog.Logger
	Spark    SparkStore // optional
	Importer Importer   // optional
	Routes   RouteSource
	Now      func() time.Time
	// Queue runs background work as durable jobs (package jobs); nil: it
	// runs at once, in the caller (the CLI, tests).
	Queue Queue
	// Strava is the instance's Strava application (nil: not configured).
	Strava *StravaSetup
	// VAPIDKey is the Web Push application key configured by the operator
	// (base64url P-256 scalar, env REKINDLE_VAPID_PRIVATE_KEY); "" = the
	// key made once and kept in the store.
	VAPIDKey string
}

// App answers every interface's use cases over the store, with per-athlete
// caches of the analysed history. The JSON API and the HTML pages share one.
type App struct {
	cfg Config
	log *slog.Logger

	mu    sync.Mutex
	cache map[int64]*cached // per athlete: the analysis of their history
	tick  uint64            // counts the uses of cache entries (cached.used)
	// maxLoaded and maxCached bound the cache (maxLoadedUsers,
	// maxCachedUsers; tests make them small).
	maxLoaded, maxCached int
	gen                  map[int64]uint64 // per athlete: bumped on every write made here
	// loading serialises the loading of one athlete's history.
	loading map[int64]*sync.Mutex
	// athletes remembers athlete records for a few seconds.
	athletes map[int64]athleteEntry
	// routeLocks serialise the route refreshes of one athlete (in this
	// process; a refresh is idempotent, so two replicas may overlap).
	routeLocks *athleteLocks
	// graphs keeps the street graphs drawn under maps (StreetsUnder).
	graphs graphCache
	// responses are the pages, JSON responses and page data the web and
	// the API made from this App's views (Responses).
	responses *Responses
	// closeStore closes the store the App opened (Open); nil otherwise.
	closeStore func() error
	// heavy holds a slot per cold analysis running (admit), reads one
	// per history read from the store (admitRead).
	heavy, reads *slots
	// coldHomes holds a slot per home view being built (Home).
	coldHomes *slots
	// background and backgroundReads hold the one slot of each kind that
	// background work takes first (admit, admitRead).
	background, backgroundReads chan struct{}
}

// New makes the application layer.
func New(cfg Config) *App {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	a := &App{cfg: cfg, log: cfg.Log, cache: map[int64]*cached{}, gen: map[int64]uint64{}, loading: map[int64]*sync.Mutex{}, athletes: map[int64]athleteEntry{}, routeLocks: &athleteLocks{},
		heavy: newSlots(max(2, runtime.GOMAXPROCS(0))), maxLoaded: maxLoadedUsers, maxCached: maxCachedUsers,
		background: make(chan struct{}, 1), backgroundReads: make(chan struct{}, 1),
		responses: cache.New[any, store.Stamp, any](MaxResponseEntries, MaxResponseBytes)}
	// History reads are sized against the store's connections, not the
	// CPUs: a quarter of them at once, the others left to the small reads
	// and writes of every request (the session with the stamp: all a
	// cached page reads) and to the jobs.
	reads := 2
	if cfg.Store != nil {
		reads = max(2, cfg.Store.MaxConns()/4)
	}
	a.reads = newSlots(reads)
	// A home view being built uses one connection at a time: half the
	// pool at most, the rest for the cached pages' sessions.
	a.coldHomes = newSlots(max(2, reads*2))
	if sr, ok := cfg.Routes.(*StoreRoutes); ok {
		// The server's route source computes under the same locks as
		// RefreshRoutes: after an upload one of them matches the new runs.
		a.routeLocks = sr.locks
	}
	return a
}

// Now is the application's clock.
func (a *App) Now() time.Time { return a.cfg.Now() }

// Log is the application's logger.
func (a *App) Log() *slog.Logger { return a.log }

func invalid(msg string) error { return &rekindle.Error{Code: rekindle.CodeInvalid, Message: msg} }

func notFound(what string) error {
	return &rekindle.Error{Code: rekindle.CodeNotFound, Message: what + " not found"}
}

// isNotFound reports a not-found error from the store.
func isNotFound(err error) bool { return errors.Is(err, rekindle.ErrNotFound) }

// CanImport reports whether importing is wired.
func (a *App) CanImport() bool { return a.cfg.Importer != nil }

// Import imports uploaded files for an athlete (see Importer).
func (a *App) Import(ctx context.Context, athleteID int64, files []UploadFile, emit func(ImportEvent)) error {
	if a.cfg.Importer == nil {
		return &rekindle.Error{Code: rekindle.CodeUnavailable, Message: "importing is not available on this server yet"}
	}
	err := a.cfg.Importer.Import(ctx, athleteID, files, emit)
	// The new runs are fingerprinted, grouped and matched right after, by
	// a job (only they are: the others' results are stored).
	a.refreshAfterWrite(ctx, athleteID)
	return err
}
