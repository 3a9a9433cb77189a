package athlete

import (
	"context"
	"slices"
	"sync"
	"time"
)

// slots is a counting semaphore whose waiting pages go before waiting
// background work: when a slot frees, the page whose request arrived
// first gets it (requestStart), and background work (inBackground) only
// when no page waits. A cold page takes a slot several times (its
// training picture, its spark, its trend): served by request rather than
// by turn, the requests that started first finish first instead of every
// cold page going to the back of the queue at each step.
type slots struct {
	mu     sync.Mutex
	free   int
	pages  []waiter        // waiting pages, earliest request first
	behind []chan struct{} // waiting background work, first come first
}

type waiter struct {
	at time.Time // when its request arrived
	ch chan struct{}
}

func newSlots(n int) *slots { return &slots{free: n} }

// acquire waits for a slot (or ctx's end); background says the caller is
// background work.
func (s *slots) acquire(ctx context.Context, background bool) error {
	s.mu.Lock()
	if s.free > 0 && len(s.pages) == 0 && (!background || len(s.behind) == 0) {
		s.free--
		s.mu.Unlock()
		return nil
	}
	ch := make(chan struct{})
	if background {
		s.behind = append(s.behind, ch)
	} else {
		at := requestStart(ctx)
		i, _ := slices.BinarySearchFunc(s.pages, at, func(w waiter, t time.Time) int {
			if w.at.After(t) {
				return 1
			}
			return -1 // equal times: behind those already waiting
		})
		s.pages = slices.Insert(s.pages, i, waiter{at, ch})
	}
	s.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		s.mu.Lock()
		defer s.mu.Unlock()
		select {
		case <-ch: // granted meanwhile: hand it on
			s.releaseLocked()
		default:
			s.pages = slices.DeleteFunc(s.pages, func(w waiter) bool { return w.ch == ch })
			s.behind = slices.DeleteFunc(s.behind, func(c chan struct{}) bool { return c == ch })
		}
		return ctx.Err()
	}
}

// release gives a slot back: to the first waiting page, else to the
// first waiting background work, else it is free.
func (s *slots) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.releaseLocked()
}

func (s *slots) releaseLocked() {
	switch {
	case len(s.pages) > 0:
		close(s.pages[0].ch)
		s.pages = s.pages[1:]
	case len(s.behind) > 0:
		close(s.behind[0])
		s.behind = s.behind[1:]
	default:
		s.free++
	}
}

// waiting is the number of pages and of background works waiting.
func (s *slots) waiting() (pages, background int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pages), len(s.behind)
}
