// Package cache is a small in-process cache of per-athlete views, bounded in
// entries and in bytes, whose entries are valid for one version stamp of
// the athlete's data: an entry asked for with another stamp is a miss and
// is dropped, so a value made before a write (on this replica or another:
// the stamp lives in the database) is never served after it.
package cache

import (
	"container/list"
	"sync"
	"sync/atomic"
)

// Cache maps (athlete, view) to the value made for one stamp S of the
// athlete's data. V names the view (a page, a JSON response, a query); T is
// the value. The least recently used entries go first when a bound is
// passed. Safe for concurrent use.
type Cache[V comparable, S comparable, T any] struct {
	maxEntries, maxBytes int

	mu     sync.Mutex
	m      map[key[V]]*list.Element // of *entry
	lru    list.List                // front: most recently used
	bytes  int
	making map[key[V]]*call[T]

	hits, misses, evictions, stale atomic.Int64
}

type key[V comparable] struct {
	athlete int64
	view    V
}

type entry[V comparable, S comparable, T any] struct {
	k     key[V]
	stamp S
	v     T
	size  int
}

type call[T any] struct {
	done chan struct{}
	err  error
}

// New makes a cache of at most maxEntries entries and maxBytes bytes (the
// sizes given to Put). A value larger than an eighth of maxBytes is not
// kept.
func New[V comparable, S comparable, T any](maxEntries, maxBytes int) *Cache[V, S, T] {
	return &Cache[V, S, T]{maxEntries: max(1, maxEntries), maxBytes: max(1, maxBytes), m: map[key[V]]*list.Element{}, making: map[key[V]]*call[T]{}}
}

// Get returns the athlete's view made at stamp. An entry made at another
// stamp is a miss and is dropped.
func (c *Cache[V, S, T]) Get(athlete int64, view V, stamp S) (T, bool) {
	k := key[V]{athlete, view}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.m[k]; ok {
		e := el.Value.(*entry[V, S, T])
		if e.stamp == stamp {
			c.lru.MoveToFront(el)
			c.hits.Add(1)
			return e.v, true
		}
		c.remove(el)
		c.stale.Add(1)
	}
	c.misses.Add(1)
	var zero T
	return zero, false
}

// Put keeps v as the athlete's view made at stamp, size bytes, replacing
// any other stamp's, and forgets the least recently used entries past the
// bounds.
func (c *Cache[V, S, T]) Put(athlete int64, view V, stamp S, v T, size int) {
	if size > c.maxBytes/8 {
		return
	}
	size = max(size, 0)
	k := key[V]{athlete, view}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.m[k]; ok {
		c.remove(el)
	}
	for c.lru.Len() > 0 && (c.lru.Len() >= c.maxEntries || c.bytes+size > c.maxBytes) {
		c.remove(c.lru.Back())
		c.evictions.Add(1)
	}
	c.m[k] = c.lru.PushFront(&entry[V, S, T]{k: k, stamp: stamp, v: v, size: size})
	c.bytes += size
}

// GetOrMake is Get, or else the value build returns (with its size), kept
// with Put. One caller makes a missing view; the others asking for the
// same view and stamp meanwhile wait for it and take it (or make it
// themselves if it failed).
func (c *Cache[V, S, T]) GetOrMake(athlete int64, view V, stamp S, build func() (T, int, error)) (T, error) {
	if v, ok := c.Get(athlete, view, stamp); ok {
		return v, nil
	}
	k := key[V]{athlete, view}
	c.mu.Lock()
	cl, busy := c.making[k]
	if !busy {
		cl = &call[T]{done: make(chan struct{})}
		c.making[k] = cl
	}
	c.mu.Unlock()
	if busy {
		<-cl.done
		if cl.err == nil {
			if v, ok := c.Get(athlete, view, stamp); ok {
				return v, nil
			}
		}
		v, _, err := build()
		return v, err
	}
	v, size, err := build()
	if err == nil {
		c.Put(athlete, view, stamp, v, size)
	}
	cl.err = err
	c.mu.Lock()
	delete(c.making, k)
	c.mu.Unlock()
	close(cl.done)
	return v, err
}

// Forget drops every entry of the athlete.
func (c *Cache[V, S, T]) Forget(athlete int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, el := range c.m {
		if k.athlete == athlete {
			c.remove(el)
		}
	}
}

// remove drops el; c.mu is held.
func (c *Cache[V, S, T]) remove(el *list.Element) {
	e := c.lru.Remove(el).(*entry[V, S, T])
	delete(c.m, e.k)
	c.bytes -= e.size
}

// Stats are a cache's counters and sizes.
type Stats struct {
	Hits, Misses int64
	// Evictions are entries dropped to keep the bounds; Stale, entries
	// dropped because their stamp was not the one asked for.
	Evictions, Stale int64
	Entries, Bytes   int
	MaxEntries       int
	MaxBytes         int
}

// Stats returns the counters since New and the current sizes.
func (c *Cache[V, S, T]) Stats() Stats {
	c.mu.Lock()
	n, b := c.lru.Len(), c.bytes
	c.mu.Unlock()
	return Stats{Hits: c.hits.Load(), Misses: c.misses.Load(), Evictions: c.evictions.Load(), Stale: c.stale.Load(),
		Entries: n, Bytes: b, MaxEntries: c.maxEntries, MaxBytes: c.maxBytes}
}
