package cache

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// TestStaleNeverServed: once asked for with a new stamp, an entry made at
// the old one is gone; asked for with the old stamp again (a replica that
// read the stamp before the write) it is not served either.
func TestStaleNeverServed(t *testing.T) {
	c := New[string, int64, string](10, 1<<20)
	c.Put(1, "home", 5, "before", 10)
	if v, ok := c.Get(1, "home", 5); !ok || v != "before" {
		t.Fatalf("same stamp: %q %v", v, ok)
	}
	if v, ok := c.Get(1, "home", 6); ok {
		t.Fatalf("new stamp served %q", v)
	}
	if v, ok := c.Get(1, "home", 5); ok {
		t.Fatalf("dropped entry served %q", v)
	}
	c.Put(1, "home", 6, "after", 10)
	if v, ok := c.Get(1, "home", 6); !ok || v != "after" {
		t.Fatalf("after: %q %v", v, ok)
	}
	// Another athlete's view under the same name and stamp is another entry.
	if _, ok := c.Get(2, "home", 6); ok {
		t.Fatal("athlete 2 got athlete 1's view")
	}
	s := c.Stats()
	if s.Hits != 2 || s.Misses != 3 || s.Stale != 1 || s.Entries != 1 || s.Bytes != 10 {
		t.Fatalf("stats %+v", s)
	}
}

func TestBounds(t *testing.T) {
	c := New[int, int, []byte](3, 100)
	for i := range 5 {
		c.Put(1, i, 0, nil, 10)
	}
	if s := c.Stats(); s.Entries != 3 || s.Bytes != 30 || s.Evictions != 2 {
		t.Fatalf("entry bound: %+v", s)
	}
	// The least recently used goes first: 2 is used, 3 goes.
	c.Get(1, 2, 0)
	c.Put(1, 9, 0, nil, 10)
	if _, ok := c.Get(1, 3, 0); ok {
		t.Fatal("3 kept, the least recently used")
	}
	if _, ok := c.Get(1, 2, 0); !ok {
		t.Fatal("2 evicted though used")
	}
	// Bytes: a value over an eighth of the bound is not kept; others push
	// out the oldest until they fit.
	c = New[int, int, []byte](100, 100)
	c.Put(1, 0, 0, nil, 13)
	if s := c.Stats(); s.Entries != 0 {
		t.Fatalf("oversized value kept: %+v", s)
	}
	for i := range 10 {
		c.Put(1, i, 0, nil, 12)
	}
	if s := c.Stats(); s.Bytes > 100 || s.Entries != 8 {
		t.Fatalf("byte bound: %+v", s)
	}
	c.Forget(1)
	if s := c.Stats(); s.Bytes != 0 || s.Entries != 0 {
		t.Fatalf("after Forget: %+v", s)
	}
}

// TestGetOrMakeOnce: concurrent askers of one missing view make it once;
// a failure is not kept.
func TestGetOrMakeOnce(t *testing.T) {
	c := New[string, int, int](10, 1000)
	var made atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := c.GetOrMake(1, "v", 1, func() (int, int, error) {
				made.Add(1)
				<-release
				return 42, 1, nil
			})
			if err != nil || v != 42 {
				t.Errorf("got %d %v", v, err)
			}
		}()
	}
	for c.Stats().Misses < 8 && made.Load() == 0 {
		runtime.Gosched() // until one of them is making it
	}
	close(release)
	wg.Wait()
	if n := made.Load(); n < 1 || n > 8 {
		t.Fatalf("made %d times", n)
	}
	boom := errors.New("boom")
	if _, err := c.GetOrMake(1, "w", 1, func() (int, int, error) { return 0, 1, boom }); !errors.Is(err, boom) {
		t.Fatalf("err %v", err)
	}
	if _, ok := c.Get(1, "w", 1); ok {
		t.Fatal("failed value kept")
	}
}

// TestConcurrent exercises the cache from many goroutines (go test -race).
func TestConcurrent(t *testing.T) {
	c := New[int, int, int](16, 1000)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2000 {
				k, st := i%32, i%3
				if v, ok := c.Get(int64(g%2), k, st); ok && v != k*10+st {
					t.Errorf("view %d stamp %d: got %d", k, st, v)
					return
				}
				c.Put(int64(g%2), k, st, k*10+st, 7)
				if i%500 == 0 {
					c.Forget(int64(g % 2))
				}
			}
		}()
	}
	wg.Wait()
	if s := c.Stats(); s.Entries > 16 || s.Bytes > 1000 || s.Bytes != 7*s.Entries {
		t.Fatalf("stats %+v", s)
	}
}
