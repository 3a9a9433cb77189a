package server

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"rekindle/internal/store"
)

// Limiter is a keyed token bucket: each key (a client address, an email)
// may spend Burst attempts at once and regains one every Every. With a
// store (NewStoreLimiter) the buckets live in the database, so a limit
// holds across every replica on it; without one, or when the database
// fails, they live in this process. It forgets idle keys.
type Limiter struct {
	Burst int
	Every time.Duration
	Name  string       // the limit's name in the store
	Store *store.Store // nil: in memory only
	Log   *slog.Logger

	mu      sync.Mutex
	buckets map[string]*bucket
	sweep   time.Time
	dbSweep time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

// NewLimiter makes an in-memory limiter.
func NewLimiter(burst int, every time.Duration) *Limiter {
	return &Limiter{Burst: burst, Every: every, buckets: map[string]*bucket{}}
}

// NewStoreLimiter makes a limiter whose buckets, named name, live in st.
func NewStoreLimiter(st *store.Store, log *slog.Logger, name string, burst int, every time.Duration) *Limiter {
	l := NewLimiter(burst, every)
	l.Name, l.Store, l.Log = name, st, log
	return l
}

// Take spends a token for key at now: from the store's bucket when the
// limiter has a store (falling back to this process's bucket, logged, when
// the database fails), else from memory.
func (l *Limiter) Take(ctx context.Context, key string, now time.Time) (bool, time.Duration) {
	if l.Store == nil {
		return l.Allow(key, now)
	}
	l.mu.Lock()
	sweep := now.Sub(l.dbSweep) > 10*time.Minute
	if sweep {
		l.dbSweep = now
	}
	l.mu.Unlock()
	if sweep {
		if _, err := l.Store.SweepRateLimits(ctx, now); err != nil && l.Log != nil {
			l.Log.Warn("rate limit sweep", "err", err)
		}
	}
	ok, wait, err := l.Store.TakeToken(ctx, l.Name, key, l.Burst, l.Every, now)
	if err != nil {
		if l.Log != nil {
			l.Log.Warn("rate limit in the database failed; limiting in this process", "limit", l.Name, "err", err)
		}
		return l.Allow(key, now)
	}
	return ok, wait
}

// Allow spends a token for key at now from this process's bucket and
// reports whether one was available, and when not how long until one is.
func (l *Limiter) Allow(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.sweep) > 10*time.Minute {
		for k, b := range l.buckets {
			if now.Sub(b.last) > time.Duration(l.Burst)*l.Every {
				delete(l.buckets, k)
			}
		}
		l.sweep = now
	}
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: float64(l.Burst), last: now}
		l.buckets[key] = b
	}
	b.tokens += float64(now.Sub(b.last)) / float64(l.Every)
	if b.tokens > float64(l.Burst) {
		b.tokens = float64(l.Burst)
	}
	b.last = now
	if b.tokens < 1 {
		return false, time.Duration((1 - b.tokens) * float64(l.Every))
	}
	b.tokens--
	return true, 0
}
