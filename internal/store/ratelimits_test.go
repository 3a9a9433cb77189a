package store

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestTakeTokenAcrossReplicas: a bucket of 5 in the database gives exactly
// 5 tokens to 24 concurrent takers on two handles of one database (two
// replicas), refills at its rate, keeps buckets apart and is swept when
// full again.
func TestTakeTokenAcrossReplicas(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			other, err := Open(ctx, s.dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
			var granted atomic.Int32
			var wg sync.WaitGroup
			for i := range 24 {
				st := s
				if i%2 == 1 {
					st = other
				}
				wg.Add(1)
				go func() {
					defer wg.Done()
					ok, wait, err := st.TakeToken(ctx, "login", "10.0.0.1", 5, time.Minute, now)
					if err != nil {
						t.Error(err)
						return
					}
					if ok {
						granted.Add(1)
					} else if wait <= 0 || wait > time.Minute {
						t.Errorf("wait %v", wait)
					}
				}()
			}
			wg.Wait()
			if g := granted.Load(); g != 5 {
				t.Fatalf("%d tokens granted, want 5", g)
			}
			if ok, _, _ := other.TakeToken(ctx, "login", "10.0.0.2", 5, time.Minute, now); !ok {
				t.Fatal("another key shares the bucket")
			}
			if ok, _, _ := other.TakeToken(ctx, "signup", "10.0.0.1", 5, time.Minute, now); !ok {
				t.Fatal("another limit shares the bucket")
			}
			if ok, _, _ := s.TakeToken(ctx, "login", "10.0.0.1", 5, time.Minute, now.Add(59*time.Second)); ok {
				t.Fatal("refilled early")
			}
			if ok, _, _ := s.TakeToken(ctx, "login", "10.0.0.1", 5, time.Minute, now.Add(61*time.Second)); !ok {
				t.Fatal("not refilled after a minute")
			}
			if n, err := s.SweepRateLimits(ctx, now.Add(time.Minute)); err != nil || n != 0 {
				t.Fatalf("swept %d early, %v", n, err)
			}
			if n, err := s.SweepRateLimits(ctx, now.Add(10*time.Minute)); err != nil || n != 3 {
				t.Fatalf("swept %d, %v", n, err)
			}
		})
	}
}
