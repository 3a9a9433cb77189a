package athlete

import (
	"context"
	"runtime"
	"testing"
	"time"
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

// Waiting pages are served by their request's arrival, not by when they
// asked: a cold page asking for its second slot goes before a page that
// arrived after it but asked first.
func TestSlotsEarliestRequestFirst(t *testing.T) {
	t0 := time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC)
	arrived := func(at time.Time) context.Context {
		return context.WithValue(context.Background(), stampsKey{}, &stampMemo{at: at})
	}
	s := newSlots(1)
	if err := s.acquire(arrived(t0), false); err != nil {
		t.Fatal(err)
	}
	waitFor := func(pages int) {
		for {
			if p, _ := s.waiting(); p == pages {
				return
			}
			runtime.Gosched()
		}
	}
	got := make(chan string, 2)
	go func() { s.acquire(arrived(t0.Add(2*time.Second)), false); got <- "later"; s.release() }()
	waitFor(1)
	go func() { s.acquire(arrived(t0.Add(time.Second)), false); got <- "earlier"; s.release() }()
	waitFor(2)
	s.release()
	if first, second := <-got, <-got; first != "earlier" || second != "later" {
		t.Fatalf("order %s, %s; want earlier, later", first, second)
	}
}
