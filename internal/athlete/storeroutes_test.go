package athlete

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"rekindle/internal/store"
	"rekindle/internal/streets"
)

// A grouping computed in the background reports when it has landed, so the
// views computed without it are redone (serve wires OnReady to API.Changed).
func TestStoreRoutesBackgroundReportsReady(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ath, err := st.DefaultAthlete(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := NewStoreRoutes(st, nil, true)
	ready := make(chan int64, 1)
	r.OnReady = func(id int64) { ready <- id }
	if _, err := r.Groups(ctx, ath.ID); err != nil {
		t.Fatal(err)
	}
	select {
	case id := <-ready:
		if id != ath.ID {
			t.Errorf("OnReady(%d), want athlete %d", id, ath.ID)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("background grouping never reported ready")
	}
	// Inline groupings (tests, RoutesInline) never call it.
	inline := NewStoreRoutes(st, nil, false)
	inline.OnReady = func(int64) { t.Error("OnReady called for an inline grouping") }
	if _, err := inline.Groups(ctx, ath.ID); err != nil {
		t.Fatal(err)
	}
}

// While the first grouping runs, suggestions are not made (nor cached)
// without the runner's history: the view says the routes are being read.
func TestSuggestWaitsForTheRoutes(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ath, err := st.DefaultAthlete(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := NewStoreRoutes(st, nil, true)
	// A grouping in progress (as after start, before its first result).
	r.busy[ath.ID] = true
	r.done = map[int64]routeResult{}
	if !r.Pending(ath.ID) {
		t.Fatal("not pending while the first grouping runs")
	}
	v, err := r.Suggest(ctx, ath, SuggestQuery{DistanceM: 5000, Count: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !v.Pending || v.Message != StillReading || len(v.Suggestions) != 0 {
		t.Errorf("suggestions while reading the routes: %+v", v)
	}
	if len(r.sugg.m[ath.ID]) != 0 {
		t.Error("a pending answer was cached")
	}
	app := New(Config{Store: st, Routes: r})
	if !app.RoutesPending(ath.ID) {
		t.Error("the app does not say the routes are pending")
	}
}

// The server's route grouping and App.RefreshRoutes (after an upload, a new
// street graph) take the same per-athlete lock: while one computes and
// stores an athlete's route results the other waits and then reads them,
// so no run is fingerprinted or matched twice.
func TestStoreRoutesShareTheRefreshLock(t *testing.T) {
	r := NewStoreRoutes(nil, nil, false)
	a := New(Config{Routes: r})
	unlock := a.routeLocks.lock(7) // a refresh of athlete 7 under way
	r.locks.mu.Lock()
	m := r.locks.m[7]
	r.locks.mu.Unlock()
	if m == nil || m.TryLock() {
		t.Fatal("the server's route grouping could run beside a refresh of the same athlete")
	}
	unlock()
	if !m.TryLock() {
		t.Fatal("the lock stayed held after the refresh")
	}
	m.Unlock()
}

// The suggestion cache keeps a few queries per athlete, refusals included
// (the variety idea asks its length, is refused, asks the length the
// streets allow; the Routes page then asks again: each is searched once).
func TestSuggestCacheKeepsRefusals(t *testing.T) {
	var c suggestCache
	now := time.Date(2026, 12, 5, 6, 0, 0, 0, time.UTC)
	refused := &streets.RefusalError{Kind: "loop", TargetM: 10000, ClosestM: 7400}
	c.put(1, suggestEntry{key: "10000", err: refused, at: now})
	ok := &SuggestView{Available: true}
	c.put(1, suggestEntry{key: "7400", v: ok, at: now})
	if e, hit := c.get(1, "10000", now.Add(time.Minute)); !hit || e.err != error(refused) {
		t.Errorf("the refusal was not kept beside the next query: %+v %v", e, hit)
	}
	if e, hit := c.get(1, "7400", now.Add(time.Minute)); !hit || e.v != ok {
		t.Errorf("the answer was not kept: %+v %v", e, hit)
	}
	if _, hit := c.get(2, "7400", now); hit {
		t.Error("another athlete's answer was served")
	}
	if _, hit := c.get(1, "7400", now.Add(11*time.Minute)); hit {
		t.Error("an answer older than 10 minutes was served")
	}
	for i := range suggestPerAthlete {
		c.put(1, suggestEntry{key: fmt.Sprint("q", i), at: now})
	}
	if _, hit := c.get(1, "10000", now); hit {
		t.Errorf("more than %d answers kept for one athlete", suggestPerAthlete)
	}
}
