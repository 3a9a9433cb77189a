package athlete

import (
	"context"
	"runtime"
	"testing"
)

// A freed slot goes to the waiting page before the background work that
// waited longer, and a waiter whose context ends leaves the queue.
func TestSlotsPagesFirst(t *testing.T) {
	ctx := context.Background()
	s := newSlots(1)
	if err := s.acquire(ctx, false); err != nil {
		t.Fatal(err)
	}
	waitFor := func(pages, bg int) {
		for {
			if p, b := s.waiting(); p == pages && b == bg {
				return
			}
			runtime.Gosched()
		}
	}
	got := make(chan string, 3)
	go func() { s.acquire(ctx, true); got <- "background"; s.release() }()
	waitFor(0, 1)
	cctx, cancel := context.WithCancel(ctx)
	gone := make(chan error)
	go func() { gone <- s.acquire(cctx, false) }()
	waitFor(1, 1)
	cancel()
	if err := <-gone; err == nil {
		t.Fatal("a cancelled waiter got a slot")
	}
	waitFor(0, 1)
	go func() { s.acquire(ctx, false); got <- "page"; s.release() }()
	waitFor(1, 1)
	s.release()
	if first, second := <-got, <-got; first != "page" || second != "background" {
		t.Fatalf("order %s, %s; want page, background", first, second)
	}
	if err := s.acquire(ctx, true); err != nil { // free again once all released
		t.Fatal(err)
	}
}
