package athlete

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"rekindle/internal/store"
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
	if _, cached := r.sugg.m[ath.ID]; cached {
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
