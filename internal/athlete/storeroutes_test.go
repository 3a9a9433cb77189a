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
