package athlete

import (
	"context"
	"sync"
	"time"

	"rekindle/internal/store"
)

// Every in-memory cache of an athlete's analyses (the history with its
// training and home pictures, the athlete record, the route results) is
// checked against the athlete's stamp in the database (store.Stamp, bumped
// by triggers in the same transaction as any write to their data): a write
// made on another replica, by the CLI or by a job is seen on the next
// request. The stamp is one primary-key row; a request reads it at most
// once per athlete (WithStamps), however many caches it consults.

type stampsKey struct{}

type stampMemo struct {
	mu sync.Mutex
	m  map[int64]store.Stamp
	at time.Time // when the request arrived (WithStamps)
}

// WithStamps returns a context under which each athlete's stamp is read
// from the database once: the server gives it to every request, as it
// arrives (its time orders the waits for analysis slots: requestStart).
func WithStamps(ctx context.Context) context.Context {
	return context.WithValue(ctx, stampsKey{}, &stampMemo{at: time.Now()})
}

// requestStart is when the request of ctx arrived (WithStamps), or now.
func requestStart(ctx context.Context) time.Time {
	if memo, _ := ctx.Value(stampsKey{}).(*stampMemo); memo != nil && !memo.at.IsZero() {
		return memo.at
	}
	return time.Now()
}

// stampOf reads the athlete's stamp (once per request under WithStamps).
func stampOf(ctx context.Context, st *store.Store, athleteID int64) (store.Stamp, error) {
	memo, _ := ctx.Value(stampsKey{}).(*stampMemo)
	if memo != nil {
		memo.mu.Lock()
		s, ok := memo.m[athleteID]
		memo.mu.Unlock()
		if ok {
			return s, nil
		}
	}
	s, err := st.AthleteStamp(ctx, athleteID)
	if err != nil {
		return s, err
	}
	if memo != nil {
		memo.mu.Lock()
		if memo.m == nil {
			memo.m = map[int64]store.Stamp{}
		}
		memo.m[athleteID] = s
		memo.mu.Unlock()
	}
	return s, nil
}

// KnowStamp gives the request's memo (WithStamps) the athlete's stamp
// read with something else (the session, in the same query): the caches
// compare it without reading it again. No effect without a memo or when
// the request has read the stamp already.
func KnowStamp(ctx context.Context, athleteID int64, s store.Stamp) {
	memo, _ := ctx.Value(stampsKey{}).(*stampMemo)
	if memo == nil {
		return
	}
	memo.mu.Lock()
	defer memo.mu.Unlock()
	if memo.m == nil {
		memo.m = map[int64]store.Stamp{}
	}
	if _, ok := memo.m[athleteID]; !ok {
		memo.m[athleteID] = s
	}
}

// oneStamp returns ctx with a memo of the athlete's stamps (WithStamps)
// when it has none yet (the command line, a job, a test): everything one
// call computes (the history, the training picture inside a home view,
// the route results) is then of the one version read first, as under a
// server request, and the stamp is read once instead of once per cache
// consulted.
func oneStamp(ctx context.Context) context.Context {
	if _, ok := ctx.Value(stampsKey{}).(*stampMemo); ok {
		return ctx
	}
	return WithStamps(ctx)
}

// forgetStamp drops the request's memo of an athlete's stamp, after a
// write in the request (App.Changed is given no context: writes that need
// a re-read in the same request call it).
func forgetStamp(ctx context.Context, athleteID int64) {
	if memo, _ := ctx.Value(stampsKey{}).(*stampMemo); memo != nil {
		memo.mu.Lock()
		delete(memo.m, athleteID)
		memo.mu.Unlock()
	}
}

// Stamps is the athlete's whole stamp (data, routes, routes done, the
// athlete record) as the caches see it: a view made of all of them (the
// activity page: the activity, its check-in, its route group) is current
// while it is unchanged.
func (a *App) Stamps(ctx context.Context, athleteID int64) (store.Stamp, error) {
	return stampOf(ctx, a.cfg.Store, athleteID)
}

// Stamp is the athlete's data stamp as the caches see it: other layers'
// caches (the web pages' activity views) compare it.
func (a *App) Stamp(ctx context.Context, athleteID int64) (int64, error) {
	s, err := stampOf(ctx, a.cfg.Store, athleteID)
	return s.Data, err
}
