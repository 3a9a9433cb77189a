// Package jobs runs rekindle's background work as durable jobs in the
// database, with River (github.com/riverqueue/river): its database/sql
// driver over the store's PostgreSQL pool and its SQLite driver over the
// store's SQLite writer, so both stores have one client type and one code
// path. A job is claimed by exactly one worker across all the replicas on
// one database, retried with exponential backoff when it fails, rescued
// from a process that died mid-job (after RescueAfter) and handed back
// (snoozed, not failed) when its process shuts down gracefully.
//
// Kinds (stable keys, shown by 'rekindle jobs' and the admin API):
//
//	route_refresh   an athlete's route results after an import or a street map (App.RefreshRoutes)
//	infer_place     an athlete's time zone, home and country after an import (ingest.InferPlaceWith)
//	notify_email    one notification e-mail (App.EmailNotification)
//	notify_round    periodic: makes a notify_email job per unsent notification
//	nightly         one athlete's nightly evaluation for one local day (App.Nightly)
//	nightly_round   periodic (hourly): makes the nightly jobs of athletes past 03:00 local time,
//	                spread over the round's hour (NightlyAt)
//	strava_round    periodic (every 20 s, with Strava configured): webhook events, and a
//	                strava_backfill job per queued backfill (App.StravaRound)
//	strava_backfill one athlete's Strava history backfill (App.StravaBackfill)
//
// River's tables are created and upgraded by River's own migrator (Migrate),
// not by a goose migration: they are River's schema, versioned with the
// library, and copying its SQL into the repository would copy another
// project's code.
package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/ingest"
	"rekindle/internal/place"
	"rekindle/internal/store"
)

// Job kinds.
const (
	KindRouteRefresh = "route_refresh"
	KindInferPlace   = "infer_place"
	KindNotifyEmail  = "notify_email"
	KindNotifyRound  = "notify_round"
	KindNightly      = "nightly"
	KindNightlyRound = "nightly_round"
	KindStravaRound  = "strava_round"
	KindStrava       = "strava_backfill"
)

// NightlyHour is the local hour from which an athlete's nightly
// evaluation of the day runs.
const NightlyHour = 3

// Defaults.
const (
	DefaultRescueAfter = time.Hour
	DefaultPoll        = time.Second
	DefaultWorkers     = 4
	DefaultStopWait    = 10 * time.Second
)

// Config configures the jobs of one process.
type Config struct {
	Store *store.Store
	Log   *slog.Logger
	// RescueAfter is a job's time limit: a job running longer is stopped
	// and retried, and one whose process died is run again elsewhere
	// after it. Longer than the longest job (route refreshes resume from
	// what they stored). 0: DefaultRescueAfter.
	RescueAfter time.Duration
	// Poll is how often an idle worker looks for new jobs. 0: DefaultPoll.
	Poll time.Duration
	// Workers is how many jobs this process runs at once. 0: DefaultWorkers.
	Workers int
	// StopWait is how long a graceful stop lets running jobs finish before
	// handing them back. 0: DefaultStopWait.
	StopWait time.Duration
	// Mail, when set, turns on the notification e-mails: a notify_round
	// every MailEvery.
	Mail      *athlete.MailConfig
	MailEvery time.Duration
	// Now is the clock of the nightly round; nil: the wall clock.
	Now func() time.Time
	// Strava turns on the strava_round (the instance has a Strava
	// application).
	Strava bool
}

// Queue is the jobs client of one process: it enqueues (athlete.Queue),
// lists and retries jobs, and, once started, works them.
type Queue struct {
	cfg    Config
	log    *slog.Logger
	client *river.Client[*sql.Tx]
	app    *athlete.App

	// The time zone tables (seconds of CPU and up to ~150 MB to decode)
	// are shared by the infer_place jobs of this process that follow one
	// another, one at a time, and dropped when none is left.
	placeMu sync.Mutex
	zones   *place.Zones
	placeN  atomic.Int32 // infer_place jobs running or waiting here
}

// driver is River's driver over the store's write pool.
func driver(st *store.Store) riverdriver.Driver[*sql.Tx] {
	if st.Dialect() == store.Postgres {
		return riverdatabasesql.New(st.DB())
	}
	return riversqlite.New(st.DB())
}

// DBNow is the database's current time. A job's ScheduledAt is set from
// it, never from this process's clock: River makes a scheduled job
// available when the database's clock passes its scheduled_at, so a delay
// computed on a replica whose clock is ahead of the database's would hold
// the job back by the skew (and one behind would run it early).
func DBNow(ctx context.Context, st *store.Store) (time.Time, error) {
	if st.Dialect() == store.Postgres {
		var now time.Time
		if err := st.DB().QueryRowContext(ctx, `SELECT now()`).Scan(&now); err != nil {
			return time.Time{}, fmt.Errorf("jobs: database time: %w", err)
		}
		return now.UTC(), nil
	}
	// River's SQLite driver compares scheduled_at with datetime('now', 'subsec').
	var s string
	if err := st.DB().QueryRowContext(ctx, `SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')`).Scan(&s); err != nil {
		return time.Time{}, fmt.Errorf("jobs: database time: %w", err)
	}
	now, err := time.ParseInLocation("2006-01-02 15:04:05.000", s, time.UTC)
	if err != nil {
		return time.Time{}, fmt.Errorf("jobs: database time %q: %w", s, err)
	}
	return now, nil
}

// dbClock is a periodic job's constructor: the job is scheduled at the
// database's now. River's periodic enqueuer otherwise schedules it at this
// process's now, which on a replica ahead of the database holds every
// round (nightly, e-mail, Strava) back by the skew. Without the database
// time (a brief outage) River's own is used.
func dbClock(cfg Config, args river.JobArgs) func() (river.JobArgs, *river.InsertOpts) {
	return func() (river.JobArgs, *river.InsertOpts) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		now, err := DBNow(ctx, cfg.Store)
		if err != nil {
			cfg.Log.Warn("jobs: periodic job on this process's clock", "kind", args.Kind(), "err", err)
			return args, nil
		}
		return args, &river.InsertOpts{ScheduledAt: now}
	}
}

// migrateLock is the PostgreSQL advisory lock key that serialises River's
// migrations between replicas starting at once ("rekindle jobs").
const migrateLock = 0x72656b6a6f6273

// Migrate creates or upgrades River's tables in the store's database. Two
// processes migrating at once on PostgreSQL take turns (an advisory lock);
// on SQLite the single writer serialises them.
func Migrate(ctx context.Context, st *store.Store) error {
	m, err := rivermigrate.New(driver(st), &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return fmt.Errorf("jobs: migrate: %w", err)
	}
	if st.Dialect() == store.Postgres {
		// Each of River's versions commits on its own (one adds an enum
		// value that the next uses), so the lock is a session lock held
		// on a connection of its own.
		conn, err := st.DB().Conn(ctx)
		if err != nil {
			return fmt.Errorf("jobs: migrate: %w", err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, int64(migrateLock)); err != nil {
			return fmt.Errorf("jobs: migrate: lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(migrateLock))
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("jobs: migrate: %w", err)
	}
	return nil
}

// New migrates River's tables and makes the jobs client. Bind an App
// before Start.
func New(ctx context.Context, cfg Config) (*Queue, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.RescueAfter <= 0 {
		cfg.RescueAfter = DefaultRescueAfter
	}
	if cfg.Poll <= 0 {
		cfg.Poll = DefaultPoll
	}
	if cfg.Workers <= 0 {
		cfg.Workers = DefaultWorkers
	}
	if cfg.StopWait <= 0 {
		cfg.StopWait = DefaultStopWait
	}
	if err := Migrate(ctx, cfg.Store); err != nil {
		return nil, err
	}
	q := &Queue{cfg: cfg, log: cfg.Log}
	workers := river.NewWorkers()
	river.AddWorker(workers, &routeWorker{q: q})
	river.AddWorker(workers, &placeWorker{q: q})
	river.AddWorker(workers, &nightlyWorker{q: q})
	river.AddWorker(workers, &nightlyRoundWorker{q: q})
	river.AddWorker(workers, &notifyEmailWorker{q: q})
	river.AddWorker(workers, &notifyRoundWorker{q: q})
	river.AddWorker(workers, &stravaRoundWorker{q: q})
	river.AddWorker(workers, &stravaWorker{q: q})
	periodic := []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(time.Hour), dbClock(cfg, nightlyRoundArgs{}), &river.PeriodicJobOpts{ID: KindNightlyRound, RunOnStart: true}),
	}
	if cfg.Mail != nil {
		every := max(cfg.MailEvery, time.Minute)
		periodic = append(periodic, river.NewPeriodicJob(river.PeriodicInterval(every), dbClock(cfg, notifyRoundArgs{}), &river.PeriodicJobOpts{ID: KindNotifyRound, RunOnStart: true}))
	}
	if cfg.Strava {
		periodic = append(periodic, river.NewPeriodicJob(river.PeriodicInterval(athlete.StravaEvery), dbClock(cfg, stravaRoundArgs{}), &river.PeriodicJobOpts{ID: KindStravaRound, RunOnStart: true}))
	}
	client, err := river.NewClient(driver(cfg.Store), &river.Config{
		Logger:            cfg.Log.With("component", "jobs"),
		Workers:           workers,
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Workers}},
		FetchPollInterval: cfg.Poll,
		FetchCooldown:     min(cfg.Poll, 100*time.Millisecond),
		PollOnly:          true, // database/sql and SQLite have no LISTEN
		// A job gets RescueAfter: past it, it is stopped (and retried)
		// in a live process, and rescued from a dead one.
		JobTimeout:           cfg.RescueAfter,
		RescueStuckJobsAfter: cfg.RescueAfter,
		SoftStopTimeout:      cfg.StopWait,
		PeriodicJobs:         periodic,
		MaxAttempts:          10,
	})
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	q.client = client
	return q, nil
}

// Bind gives the queue the application its jobs call (the App is made
// with the queue, so it comes after).
func (q *Queue) Bind(app *athlete.App) { q.app = app }

// Start starts working jobs until Stop.
func (q *Queue) Start(ctx context.Context) error {
	if q.app == nil {
		return errors.New("jobs: start: no application bound")
	}
	if err := q.client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	return nil
}

// Stop stops working: running jobs get StopWait to finish, then their
// contexts are cancelled and they are handed back (snoozed) for another
// process to run.
func (q *Queue) Stop(ctx context.Context) error {
	if err := q.client.Stop(ctx); err != nil {
		return fmt.Errorf("jobs: stop: %w", err)
	}
	return nil
}

// handBack turns a job's error into what River records: a job whose
// context was cancelled by the process stopping is snoozed (scheduled
// again at once, the attempt not counted) rather than failed; one that ran
// out of time fails (and is retried with backoff).
func handBack(ctx context.Context, err error) error {
	if err != nil && errors.Is(ctx.Err(), context.Canceled) {
		return river.JobSnooze(time.Millisecond)
	}
	return err
}

// testGate, set in test builds only (gate.go, build tag rekindletest),
// holds a route refresh back until the test lets it go.
var testGate func(ctx context.Context, kind string, athleteID int64) error

// ---- route_refresh

type routeArgs struct {
	AthleteID int64 `json:"athlete_id"`
}

func (routeArgs) Kind() string { return KindRouteRefresh }

// One waiting or running refresh per athlete across the replicas: an
// upload and the replicas that notice the stored results lag behind ask
// for it together. A refresh that started before a change records what it
// started from (store.SetRoutesDone), so the change is refreshed by the
// next job, asked for by the next request that sees it missing.
func (routeArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled}}}
}

type routeWorker struct {
	river.WorkerDefaults[routeArgs]
	q *Queue
}

func (w *routeWorker) Work(ctx context.Context, job *river.Job[routeArgs]) error {
	id := job.Args.AthleteID
	if testGate != nil {
		if err := testGate(ctx, KindRouteRefresh, id); err != nil {
			return handBack(ctx, err)
		}
	}
	err := w.q.app.RefreshRoutes(ctx, id, nil)
	if errors.Is(err, rekindle.ErrNotFound) {
		return river.JobCancel(err) // the athlete is gone: nothing to retry
	}
	if err != nil {
		return handBack(ctx, err)
	}
	w.q.app.RoutesRefreshed(id)
	return nil
}

// EnqueueRouteRefresh enqueues a route_refresh job for the athlete, to run
// now (athlete.Queue): after a write. One already waiting for later (a
// replica's EnqueueRouteCheck) is run now instead.
func (q *Queue) EnqueueRouteRefresh(ctx context.Context, athleteID int64) error {
	res, err := q.client.Insert(ctx, routeArgs{AthleteID: athleteID}, nil)
	if err == nil && res.UniqueSkippedAsDuplicate && res.Job != nil && res.Job.State == rivertype.JobStateScheduled {
		_, err = q.client.JobRetry(ctx, res.Job.ID)
	}
	if err != nil {
		return fmt.Errorf("jobs: enqueue route refresh %d: %w", athleteID, err)
	}
	return nil
}

// routeCheckDelay is how much later a replica that finds an athlete's
// stored route results behind their runs asks for a refresh: the writer's
// own request, made when its write commits, takes the same job and runs it
// at once, and a burst of writes is refreshed once.
const routeCheckDelay = 2 * time.Second

// EnqueueRouteCheck enqueues a route_refresh job for the athlete, to run
// shortly (athlete.StoreRoutes, when a replica finds the stored results
// behind: a write made without one, or a refresh that raced a write).
func (q *Queue) EnqueueRouteCheck(ctx context.Context, athleteID int64) error {
	now, err := DBNow(ctx, q.cfg.Store)
	if err != nil {
		return fmt.Errorf("jobs: enqueue route check %d: %w", athleteID, err)
	}
	if _, err := q.client.Insert(ctx, routeArgs{AthleteID: athleteID}, &river.InsertOpts{ScheduledAt: now.Add(routeCheckDelay)}); err != nil {
		return fmt.Errorf("jobs: enqueue route check %d: %w", athleteID, err)
	}
	return nil
}

// ---- infer_place

type placeArgs struct {
	AthleteID int64 `json:"athlete_id"`
}

func (placeArgs) Kind() string { return KindInferPlace }

func (placeArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 5} }

type placeWorker struct {
	river.WorkerDefaults[placeArgs]
	q *Queue
}

func (w *placeWorker) Work(ctx context.Context, job *river.Job[placeArgs]) error {
	q, id := w.q, job.Args.AthleteID
	q.placeN.Add(1)
	q.placeMu.Lock()
	defer q.placeMu.Unlock()
	defer func() {
		if q.placeN.Add(-1) == 0 {
			q.zones = nil // an idle process holds none of it
		}
	}()
	if q.zones == nil {
		q.zones = place.NewZones()
	}
	msg, err := ingest.InferPlaceWith(ctx, q.cfg.Store, id, q.zones)
	if errors.Is(err, rekindle.ErrNotFound) {
		return river.JobCancel(err)
	}
	if err != nil {
		return handBack(ctx, err)
	}
	if msg != "" {
		q.log.Info("infer place", "athlete", id, "result", msg)
		q.app.Changed(id) // day buckets moved
	}
	return nil
}

// EnqueuePlace enqueues an infer_place job for the athlete
// (athlete.IngestImporter's queue).
func (q *Queue) EnqueuePlace(ctx context.Context, athleteID int64) error {
	if _, err := q.client.Insert(ctx, placeArgs{AthleteID: athleteID}, nil); err != nil {
		return fmt.Errorf("jobs: enqueue infer place %d: %w", athleteID, err)
	}
	return nil
}

// ---- nightly

type nightlyArgs struct {
	AthleteID int64  `json:"athlete_id"`
	Day       string `json:"day"` // the athlete's local day, YYYY-MM-DD
}

func (nightlyArgs) Kind() string { return KindNightly }

// One per athlete and day, across replicas and rounds.
func (nightlyArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

type nightlyWorker struct {
	river.WorkerDefaults[nightlyArgs]
	q *Queue
}

func (w *nightlyWorker) Work(ctx context.Context, job *river.Job[nightlyArgs]) error {
	err := w.q.app.Nightly(ctx, job.Args.AthleteID)
	if errors.Is(err, rekindle.ErrNotFound) {
		return river.JobCancel(err)
	}
	return handBack(ctx, err)
}

type nightlyRoundArgs struct{}

func (nightlyRoundArgs) Kind() string { return KindNightlyRound }

func (nightlyRoundArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByPeriod: 30 * time.Minute}}
}

type nightlyRoundWorker struct {
	river.WorkerDefaults[nightlyRoundArgs]
	q *Queue
}

// The nightly jobs of a round wait NightlyWait and are then spread over
// NightlySpread (within the hour to the next round): the round runs when
// a replica starts, and thousands of nightly evaluations at once would take
// the CPU from the first minute's requests.
const (
	NightlyWait   = time.Minute
	NightlySpread = 45 * time.Minute
)

// NightlyAt is when the i-th of a round's n nightly jobs made at now runs.
func NightlyAt(now time.Time, n int) func(i int) time.Time {
	return func(i int) time.Time {
		return now.Add(NightlyWait + time.Duration(int64(NightlySpread)*int64(i)/int64(max(n, 1))))
	}
}

// NightlyDue returns the nightly jobs due at now: one per athlete whose
// local time is past NightlyHour, for their local day.
func NightlyDue(zones []store.AthleteZone, now time.Time) []nightlyArgs {
	var out []nightlyArgs
	for _, z := range zones {
		ath := rekindle.Athlete{TimeZone: z.TimeZone}
		local := now.In(ath.Location())
		if local.Hour() < NightlyHour {
			continue
		}
		out = append(out, nightlyArgs{AthleteID: z.ID, Day: local.Format(time.DateOnly)})
	}
	return out
}

func (w *nightlyRoundWorker) Work(ctx context.Context, job *river.Job[nightlyRoundArgs]) error {
	zones, err := w.q.cfg.Store.ListAthleteZones(ctx)
	if err != nil {
		return handBack(ctx, err)
	}
	due := NightlyDue(zones, w.q.cfg.Now())
	params := make([]river.InsertManyParams, len(due))
	dbNow, err := DBNow(ctx, w.q.cfg.Store)
	if err != nil {
		return handBack(ctx, fmt.Errorf("jobs: nightly round: %w", err))
	}
	at := NightlyAt(dbNow, len(due))
	for i, a := range due {
		params[i] = river.InsertManyParams{Args: a, InsertOpts: &river.InsertOpts{ScheduledAt: at(i)}}
	}
	if len(params) == 0 {
		return nil
	}
	if _, err := w.q.client.InsertMany(ctx, params); err != nil {
		return handBack(ctx, fmt.Errorf("jobs: nightly round: %w", err))
	}
	return nil
}

// ---- notification e-mails

type notifyEmailArgs struct {
	AthleteID      int64  `json:"athlete_id"`
	NotificationID int64  `json:"notification_id"`
	To             string `json:"to"`
}

func (notifyEmailArgs) Kind() string { return KindNotifyEmail }

// One job per notification (while it is queued, running, retried or done).
func (notifyEmailArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 8, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

type notifyEmailWorker struct {
	river.WorkerDefaults[notifyEmailArgs]
	q *Queue
}

func (w *notifyEmailWorker) Work(ctx context.Context, job *river.Job[notifyEmailArgs]) error {
	mc := w.q.cfg.Mail
	if mc == nil {
		return river.JobSnooze(time.Hour) // e-mail is off in this process
	}
	a := job.Args
	_, err := w.q.app.EmailNotification(ctx, a.AthleteID, a.NotificationID, mc.Mailer, mc.From, a.To, mc.Base)
	if errors.Is(err, rekindle.ErrNotFound) {
		return river.JobCancel(err)
	}
	return handBack(ctx, err)
}

type notifyRoundArgs struct{}

func (notifyRoundArgs) Kind() string { return KindNotifyRound }

func (notifyRoundArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3}
}

type notifyRoundWorker struct {
	river.WorkerDefaults[notifyRoundArgs]
	q *Queue
}

func (w *notifyRoundWorker) Work(ctx context.Context, job *river.Job[notifyRoundArgs]) error {
	accs, err := w.q.cfg.Store.ListAccountEmails(ctx)
	if err != nil {
		return handBack(ctx, err)
	}
	var params []river.InsertManyParams
	for _, acc := range accs {
		ids, err := w.q.app.NotificationsToEmail(ctx, acc.AthleteID)
		if err != nil {
			w.q.log.Warn("notification round", "athlete", acc.AthleteID, "err", err)
			continue
		}
		for _, id := range ids {
			params = append(params, river.InsertManyParams{Args: notifyEmailArgs{AthleteID: acc.AthleteID, NotificationID: id, To: acc.Email}})
		}
	}
	if len(params) == 0 {
		return nil
	}
	if _, err := w.q.client.InsertMany(ctx, params); err != nil {
		return handBack(ctx, fmt.Errorf("jobs: notification round: %w", err))
	}
	return nil
}

// ---- Strava

type stravaRoundArgs struct{}

func (stravaRoundArgs) Kind() string { return KindStravaRound }

func (stravaRoundArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByPeriod: athlete.StravaEvery}}
}

type stravaRoundWorker struct {
	river.WorkerDefaults[stravaRoundArgs]
	q *Queue
}

func (w *stravaRoundWorker) Work(ctx context.Context, job *river.Job[stravaRoundArgs]) error {
	ids, err := w.q.app.StravaRound(ctx)
	if len(ids) > 0 {
		params := make([]river.InsertManyParams, len(ids))
		for i, id := range ids {
			params[i] = river.InsertManyParams{Args: stravaArgs{AthleteID: id}}
		}
		if _, ierr := w.q.client.InsertMany(ctx, params); ierr != nil {
			err = errors.Join(err, fmt.Errorf("jobs: strava round: %w", ierr))
		}
	}
	return handBack(ctx, err)
}

type stravaArgs struct {
	AthleteID int64 `json:"athlete_id"`
}

func (stravaArgs) Kind() string { return KindStrava }

// One waiting or running backfill per athlete; a backfill that stops (the
// rate limit, an error) is retried, and resumes where it stopped.
func (stravaArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled}}}
}

type stravaWorker struct {
	river.WorkerDefaults[stravaArgs]
	q *Queue
}

func (w *stravaWorker) Work(ctx context.Context, job *river.Job[stravaArgs]) error {
	id := job.Args.AthleteID
	s, err := w.q.app.StravaBackfill(ctx, id, nil)
	if errors.Is(err, rekindle.ErrNotFound) {
		return river.JobCancel(err)
	}
	if err != nil {
		return handBack(ctx, err)
	}
	w.q.log.Info("strava: backfill done", "athlete", id, "stored", s.Stored, "known", s.Known, "failed", s.Failed)
	return nil
}

// ---- listing

// Jobs lists jobs, newest first (athlete.Queue).
func (q *Queue) Jobs(ctx context.Context, f athlete.JobFilter) ([]athlete.JobView, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	p := river.NewJobListParams().First(min(limit, 10000)).OrderBy(river.JobListOrderByID, river.SortOrderDesc)
	if len(f.States) > 0 {
		states := make([]rivertype.JobState, 0, len(f.States))
		for _, s := range f.States {
			st := rivertype.JobState(s)
			if !validState(st) {
				return nil, &rekindle.Error{Code: rekindle.CodeInvalid, Message: fmt.Sprintf("unknown job state %q", s)}
			}
			states = append(states, st)
		}
		p = p.States(states...)
	}
	if f.Kind != "" {
		p = p.Kinds(f.Kind)
	}
	res, err := q.client.JobList(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("jobs: list: %w", err)
	}
	out := make([]athlete.JobView, 0, len(res.Jobs))
	for _, j := range res.Jobs {
		out = append(out, view(j))
	}
	return out, nil
}

func validState(s rivertype.JobState) bool {
	for _, x := range rivertype.JobStates() {
		if x == s {
			return true
		}
	}
	return false
}

// RetryJob makes a job available to run again now (athlete.Queue).
func (q *Queue) RetryJob(ctx context.Context, id int64) (*athlete.JobView, error) {
	j, err := q.client.JobRetry(ctx, id)
	if errors.Is(err, river.ErrNotFound) {
		return nil, &rekindle.Error{Code: rekindle.CodeNotFound, Message: fmt.Sprintf("job %d not found", id)}
	}
	if err != nil {
		return nil, fmt.Errorf("jobs: retry %d: %w", id, err)
	}
	v := view(j)
	return &v, nil
}

func view(j *rivertype.JobRow) athlete.JobView {
	v := athlete.JobView{ID: j.ID, Kind: j.Kind, State: string(j.State), Attempt: j.Attempt, MaxAttempts: j.MaxAttempts,
		CreatedAt: j.CreatedAt.UTC(), ScheduledAt: j.ScheduledAt.UTC(), AttemptedBy: j.AttemptedBy}
	var args struct {
		AthleteID int64 `json:"athlete_id"`
	}
	if json.Unmarshal(j.EncodedArgs, &args) == nil {
		v.AthleteID = args.AthleteID
	}
	if n := len(j.Errors); n > 0 {
		v.Error = j.Errors[n-1].Error
	}
	if j.AttemptedAt != nil {
		v.AttemptedAt = j.AttemptedAt.UTC()
	}
	if j.FinalizedAt != nil {
		v.FinalizedAt = j.FinalizedAt.UTC()
	}
	return v
}

// Open opens the database named by dsn with a queue over it, not started,
// and the application wired with that queue: for commands that list and
// retry jobs ('rekindle jobs'). close closes the database.
func Open(ctx context.Context, dsn string, log *slog.Logger) (app *athlete.App, close func() error, err error) {
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, nil, fmt.Errorf("open database: %w", err)
	}
	q, err := New(ctx, Config{Store: st, Log: log})
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	app = athlete.Wire(st, athlete.Options{Log: log, Queue: q})
	q.Bind(app)
	return app, st.Close, nil
}

// MigrateDSN is Migrate on the database named by dsn ('rekindle migrate').
func MigrateDSN(ctx context.Context, dsn string) error {
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer st.Close()
	return Migrate(ctx, st)
}
