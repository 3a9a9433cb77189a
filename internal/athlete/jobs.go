package athlete

import (
	"context"
	"fmt"
	"time"

	"rekindle"
	"rekindle/internal/store"
)

// Background work (issue 19) runs as durable jobs in the database (package
// jobs): claimed exactly once across replicas, retried with backoff, handed
// back on shutdown. The application enqueues through Queue and lists the
// jobs for the admin through it; the jobs call back into the App
// (RefreshRoutes, RoutesRefreshed, Nightly, EmailNotification).

// Queue is where the application puts its background work (package jobs).
type Queue interface {
	// EnqueueRouteRefresh asks for the athlete's route results to be
	// brought up to date (RefreshRoutes) after an import or a street map.
	EnqueueRouteRefresh(ctx context.Context, athleteID int64) error
	// Jobs lists jobs, newest first.
	Jobs(ctx context.Context, f JobFilter) ([]JobView, error)
	// RetryJob makes a job available to run again now.
	RetryJob(ctx context.Context, id int64) (*JobView, error)
}

// JobFilter narrows a job list.
type JobFilter struct {
	States []string // available, running, retryable, scheduled, completed, discarded, cancelled; none: all
	Kind   string   // "": all
	Limit  int      // 0: 100
}

// JobView is one job as the admin page, the API and 'rekindle jobs' show it.
type JobView struct {
	ID          int64     `json:"id"`
	Kind        string    `json:"kind"`
	State       string    `json:"state"`
	AthleteID   int64     `json:"athlete_id,omitempty"`
	Attempt     int       `json:"attempt"`
	MaxAttempts int       `json:"max_attempts"`
	Error       string    `json:"error,omitempty"` // the last attempt's error
	CreatedAt   time.Time `json:"created_at"`
	ScheduledAt time.Time `json:"scheduled_at"`
	AttemptedAt time.Time `json:"attempted_at,omitzero"`
	FinalizedAt time.Time `json:"finalized_at,omitzero"`
	AttemptedBy []string  `json:"attempted_by,omitempty"` // the worker processes, in order
}

func noQueue() error {
	return &rekindle.Error{Code: rekindle.CodeUnavailable, Message: "background jobs are not running in this process"}
}

// Jobs lists the background jobs (admin).
func (a *App) Jobs(ctx context.Context, f JobFilter) ([]JobView, error) {
	if a.cfg.Queue == nil {
		return nil, noQueue()
	}
	return a.cfg.Queue.Jobs(ctx, f)
}

// RetryJob runs a job again now (admin).
func (a *App) RetryJob(ctx context.Context, id int64) (*JobView, error) {
	if a.cfg.Queue == nil {
		return nil, noQueue()
	}
	return a.cfg.Queue.RetryJob(ctx, id)
}

// refreshAfterWrite brings the athlete's route results up to date after an
// import or a new street graph: as a durable job when a queue is wired
// (rekindle serve), else at once (the CLI and tests).
func (a *App) refreshAfterWrite(ctx context.Context, athleteID int64) {
	if a.cfg.Queue != nil {
		err := a.cfg.Queue.EnqueueRouteRefresh(context.WithoutCancel(ctx), athleteID)
		if err == nil {
			return
		}
		a.log.Warn("routes: enqueue refresh; refreshing now", "athlete", athleteID, "err", err)
	}
	if err := a.RefreshRoutes(context.WithoutCancel(ctx), athleteID, nil); err != nil {
		a.log.Warn("routes: refresh", "athlete", athleteID, "err", err)
	}
	a.RoutesRefreshed(athleteID)
}

// RoutesRefreshed forgets what this process computed from the athlete's
// route results before a refresh (the route job calls it when done).
func (a *App) RoutesRefreshed(athleteID int64) {
	if f, ok := a.cfg.Routes.(interface{ Forget(int64) }); ok {
		f.Forget(athleteID)
	}
	a.Changed(athleteID)
}

// Nightly is the nightly evaluation of one athlete (a job per athlete and
// day): route results brought up to date, the day's moments stored (the
// in-app list and the e-mail round find them without a visit) and the
// spark evaluated for today.
func (a *App) Nightly(ctx context.Context, athleteID int64) error {
	// Its analyses (the spark trend it keeps in the database for every
	// replica, the moments) must not push the runners browsing now out of
	// the caches, nor take all the slots their pages wait for.
	ctx = inBackground(ctx)
	changed, err := a.refreshRoutesChanged(ctx, athleteID)
	if err != nil {
		return fmt.Errorf("nightly %d: %w", athleteID, err)
	}
	if changed {
		// Else the server's grouping and views still hold: forgetting
		// them would regroup, decode every match and evaluate the spark
		// again for nothing (a memory high-water mark at start-up).
		a.RoutesRefreshed(athleteID)
	}
	if _, err := a.RefreshNotifications(ctx, athleteID); err != nil {
		return fmt.Errorf("nightly %d: %w", athleteID, err)
	}
	ath, err := a.Athlete(ctx, athleteID)
	if err != nil {
		return fmt.Errorf("nightly %d: %w", athleteID, err)
	}
	if _, err := a.Home(ctx, ath, a.cfg.Now()); err != nil {
		return fmt.Errorf("nightly %d: spark: %w", athleteID, err)
	}
	return nil
}

// Backup writes a consistent copy of the SQLite database to path while it
// is in use (store.Backup); PostgreSQL says to use pg_dump.
func (a *App) Backup(ctx context.Context, path string) error { return a.cfg.Store.Backup(ctx, path) }

// Restore checks an SQLite backup and makes it the database named by dsn
// (store.Restore); replace allows replacing an existing one.
func Restore(ctx context.Context, backup, dsn string, replace bool) error {
	target := store.SQLitePath(dsn)
	if target == "" {
		return store.ErrBackupPostgres
	}
	return store.Restore(ctx, backup, target, replace)
}

// Wait returns at once: the application starts no background work of its
// own (route refreshes are jobs, or done at once without a queue). Kept
// for callers that waited for it.
func (a *App) Wait() {}
