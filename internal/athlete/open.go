package athlete

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"rekindle"
	"rekindle/internal/calendar"
	"rekindle/internal/coach"
	"rekindle/internal/gear"
	"rekindle/internal/ingest"
	"rekindle/internal/plan"
	"rekindle/internal/reward"
	"rekindle/internal/spark"
	"rekindle/internal/store"
	"rekindle/internal/strava"
	"rekindle/internal/streets"
)

// Options configure an App opened over a store (Open, Wire).
type Options struct {
	Log *slog.Logger
	// Now is the clock ("today" for the views); nil is the wall clock.
	Now func() time.Time
	// RoutesInBackground groups a long history's routes off the request
	// path (the server); otherwise the first view that needs them waits.
	RoutesInBackground bool
	// NoRoutes leaves the route groups out (a what-if: no route repetition).
	NoRoutes bool
	// Queue runs background work (route refreshes, and time zone inference
	// when it can) as durable jobs (package jobs, rekindle serve); nil: at
	// once, or in this process's background for the time zone.
	Queue Queue
	// Strava is the instance's Strava application (nil: none).
	Strava *StravaOptions
	// VAPIDKey is the configured Web Push key (see Config.VAPIDKey).
	VAPIDKey string
}

// StravaOptions configure the instance's Strava application: its client
// (the rate limit and tokens are kept in the store Wire is given), the
// webhook's verify token and subscription.
type StravaOptions struct {
	Config         strava.Config
	VerifyToken    string
	SubscriptionID int64
}

// Wire makes the application over a store with every part the server and
// the command line share: check-ins and decisions, route groups (named by
// their streets), the importer and the time-zone inference after uploads.
// It is the one wiring: 'rekindle serve' and every CLI command use it.
func Wire(st *store.Store, o Options) *App {
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.Now != nil {
		st.SetClock(o.Now) // the rows' stamps on the application's day
	}
	routes := NewStoreRoutes(st, o.Log, o.RoutesInBackground)
	routes.queue = o.Queue // route refreshes are jobs in serve
	places := NewPlaces(st, o.Log)
	importer := IngestImporter{Store: st, Places: places}
	if q, ok := o.Queue.(interface {
		EnqueuePlace(context.Context, int64) error
	}); ok {
		importer = IngestImporter{Store: st, Queue: q} // an infer_place job
	}
	cfg := Config{Store: st, Log: o.Log, Spark: StoreSpark{Store: st}, Importer: importer, Routes: routes, Now: o.Now, Queue: o.Queue, VAPIDKey: o.VAPIDKey}
	if o.NoRoutes {
		cfg.Routes = nil
	}
	if so := o.Strava; so != nil {
		sc := so.Config
		sc.Rate = st
		if sc.Log == nil {
			sc.Log = o.Log
		}
		if c, err := strava.New(sc, st); err != nil {
			o.Log.Error("strava: not configured", "err", err) // StravaOptions are checked before (CheckStrava)
		} else {
			cfg.Strava = &StravaSetup{Client: c, VerifyToken: so.VerifyToken, SubscriptionID: so.SubscriptionID}
		}
	}
	app := New(cfg)
	places.OnDone = app.Changed
	// A first grouping in the background: when it lands, the views computed
	// without it (the spark's route repetition) are redone.
	routes.OnReady = app.Changed
	return app
}

// Open opens the database named by dsn (an SQLite path, created with its
// directory when missing, or a postgres:// URL), migrates it and returns the
// application over it (Wire, routes grouped inline). Close closes both.
func Open(ctx context.Context, dsn string, o Options) (*App, error) {
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	app := Wire(st, o)
	app.closeStore = st.Close
	return app, nil
}

// Close closes the store when the App opened it (Open). Background work
// runs as jobs (or at once), so nothing is left to wait for.
func (a *App) Close() error {
	if a.closeStore == nil {
		return nil
	}
	return a.closeStore()
}

// DefaultAthlete is the installation's own athlete (the command line's),
// created on first use.
func (a *App) DefaultAthlete(ctx context.Context) (*rekindle.Athlete, error) {
	ath, err := a.cfg.Store.DefaultAthlete(ctx)
	if err != nil {
		return nil, fmt.Errorf("athlete: %w", err)
	}
	return ath, nil
}

// Migrate brings the schema up to date and returns its version.
func (a *App) Migrate(ctx context.Context) (int64, error) { return a.cfg.Store.Migrate(ctx) }

// MigrationStatus lists every migration and whether it is applied.
func (a *App) MigrationStatus(ctx context.Context) ([]string, error) {
	return a.cfg.Store.MigrationStatus(ctx)
}

// Dialect names the database ("sqlite" or "postgres").
func (a *App) Dialect() string { return string(a.cfg.Store.Dialect()) }

// AccountByEmail finds an account by its e-mail (normalised here).
func (a *App) AccountByEmail(ctx context.Context, email string) (store.Account, error) {
	return a.cfg.Store.AccountByEmail(ctx, store.NormalizeEmail(email))
}

// CreateAccount makes a web account (the first one is the admin and takes
// over the command line's athlete).
func (a *App) CreateAccount(ctx context.Context, email, name, passwordHash string) (store.Account, error) {
	return a.cfg.Store.CreateAccount(ctx, store.NormalizeEmail(email), name, passwordHash, "", a.cfg.Now())
}

// CountActivities counts an athlete's stored activities.
func (a *App) CountActivities(ctx context.Context, athleteID int64) (int, error) {
	return a.cfg.Store.CountActivities(ctx, athleteID)
}

// CoachCan reports whether coachID has an active link to athleteID with scope.
func (a *App) CoachCan(ctx context.Context, athleteID, coachID int64, scope coach.Scope) (bool, error) {
	return a.cfg.Store.CoachCan(ctx, athleteID, coachID, scope)
}

// GearMileage is each piece of gear with its distance up to end (zero: all).
func (a *App) GearMileage(ctx context.Context, athleteID int64, end time.Time) ([]gear.Mileage, error) {
	return a.cfg.Store.GearMileage(ctx, athleteID, end)
}

// AssignGear records that these activities were done in gearID (0: forget
// their manual assignment).
func (a *App) AssignGear(ctx context.Context, athleteID, gearID int64, activityIDs []int64) error {
	if err := a.cfg.Store.AssignGear(ctx, athleteID, gearID, activityIDs); err != nil {
		return err
	}
	a.Changed(athleteID)
	return nil
}

// RewardFacts are the facts the reward conditions are judged on at at.
func (a *App) RewardFacts(ctx context.Context, athleteID int64, at time.Time) (*reward.Facts, error) {
	return a.cfg.Store.RewardFacts(ctx, athleteID, at)
}

// SaveCalendar stores parsed calendar events as the athlete's feed name
// (re-importing a name replaces it).
func (a *App) SaveCalendar(ctx context.Context, athleteID int64, kind, name, file string, events []calendar.Event) (*store.CalendarFeed, error) {
	feed, err := a.cfg.Store.ImportCalendar(ctx, athleteID, kind, name, file, events, a.cfg.Now())
	if err != nil {
		return nil, err
	}
	a.Changed(athleteID)
	return &feed, nil
}

// ImportFiles imports activity files, folders and archives for an athlete
// through the import path (dedupe, measure, store).
func (a *App) ImportFiles(ctx context.Context, athleteID int64, paths []string, opt ingest.Options) (ingest.Stats, error) {
	st, err := ingest.Import(ctx, a.cfg.Store, athleteID, paths, opt)
	a.Changed(athleteID)
	return st, err
}

// Reprocess decodes every stored original file of an athlete again and
// updates its activities in place.
func (a *App) Reprocess(ctx context.Context, athleteID int64, opt ingest.ReprocessOptions) (ingest.ReprocessStats, error) {
	st, err := ingest.Reprocess(ctx, a.cfg.Store, athleteID, opt)
	a.Changed(athleteID)
	return st, err
}

// InferPlace infers an athlete's time zone and country from their runs'
// positions (unless they set them) and says what it found.
func (a *App) InferPlace(ctx context.Context, athleteID int64) (string, error) {
	msg, err := ingest.InferPlace(ctx, a.cfg.Store, athleteID)
	a.Changed(athleteID)
	return msg, err
}

// CheckStrava checks the instance's Strava configuration (Wire logs, and
// leaves Strava out, when it is incomplete).
func CheckStrava(o *StravaOptions) error {
	_, err := strava.New(o.Config, nil)
	return err
}

// LoadRoutes fingerprints and groups the athlete's runs up to asOf (saving
// the grouping when save is set) and loads the street graph when there is
// one.
func (a *App) LoadRoutes(ctx context.Context, ath *rekindle.Athlete, asOf time.Time, save bool) (*RouteState, error) {
	if asOf.IsZero() {
		asOf = a.cfg.Now().In(ath.Location())
	}
	return loadRoutes(ctx, a.cfg.Store, ath, asOf, save)
}

// LoadRunner is the athlete as the race and class finders see them on asOf
// (zero: today).
func (a *App) LoadRunner(ctx context.Context, ath *rekindle.Athlete, asOf time.Time) (*Runner, error) {
	if asOf.IsZero() {
		asOf = a.cfg.Now().In(ath.Location())
	}
	return loadRunner(ctx, a.cfg.Store, ath, asOf)
}

// SaveGraph stores g as the athlete's street graph and returns what was
// recorded and the saved size in bytes (the runs are matched onto it by
// RefreshRoutes).
func (a *App) SaveGraph(ctx context.Context, athleteID int64, g *streets.Graph, source, sha string) (store.RouteGraphInfo, int, error) {
	info, size, err := saveGraph(ctx, a.cfg.Store, athleteID, g, source, sha, a.cfg.Now())
	if err == nil {
		a.Changed(athleteID)
	}
	return info, size, err
}

// Ledger lists the rewards with their facts at at; when record is set the
// rewards earned by now are recorded as such.
func (a *App) Ledger(ctx context.Context, athleteID int64, at time.Time, record bool) ([]reward.Reward, *reward.Facts, error) {
	return ledger(ctx, a.cfg.Store, athleteID, at, record)
}

// AbandonExperiment gives up an accepted idea at at (Abandon, on a chosen
// day).
func (a *App) AbandonExperiment(ctx context.Context, ath *rekindle.Athlete, id int64, at time.Time) (*AbandonResult, error) {
	res, err := abandonExperiment(ctx, a.cfg.Store, ath, id, at)
	if err == nil {
		a.Changed(ath.ID)
	}
	return res, err
}

// WriteIdeaPlan writes an accepted idea's day-by-day sessions into the plan.
func (a *App) WriteIdeaPlan(ctx context.Context, athleteID int64, e store.Experiment, rec *spark.Recommendation) ([]plan.Session, error) {
	ss, err := writeIdeaPlan(ctx, a.cfg.Store, athleteID, e, rec)
	if err == nil {
		a.Changed(athleteID)
	}
	return ss, err
}

// SaveOutcomes records the judgement of experiments whose window has ended.
func (a *App) SaveOutcomes(ctx context.Context, athleteID int64, rep *spark.Report, stored []store.Experiment, now time.Time) error {
	return saveOutcomes(ctx, a.cfg.Store, athleteID, rep, stored, now)
}

// Spark is the spark report on asOf, the one the home page shows (Home):
// the command line and the pages say the same thing for the same day.
func (a *App) Spark(ctx context.Context, ath *rekindle.Athlete, asOf time.Time) (*spark.Report, error) {
	hv, err := a.Home(ctx, ath, asOf)
	if err != nil {
		return nil, err
	}
	return hv.Report, nil
}

// NormalizeEmail is an e-mail address as accounts are keyed by it.
func NormalizeEmail(email string) string { return store.NormalizeEmail(email) }

// DayAsOf is the moment a view of t's calendar day (in loc) is computed at:
// its noon, for the pages, the API and the command line alike.
func DayAsOf(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 12, 0, 0, 0, loc)
}
