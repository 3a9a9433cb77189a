package athlete

import (
	"context"
	"sync"
)

// slots is a counting semaphore whose waiting pages go before waiting
// background work: when a slot frees, the longest waiting page gets it,
// and background work (inBackground) only when no page waits. Each kind
// waits in order of arrival.
type slots struct {
	mu     sync.Mutex
	free   int
	pages  []chan struct{} // waiting pages, first come first
	behind []chan struct{} // waiting background work
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
		s.pages = append(s.pages, ch)
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
			s.pages = remove(s.pages, ch)
			s.behind = remove(s.behind, ch)
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
		close(s.pages[0])
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

func remove(q []chan struct{}, ch chan struct{}) []chan struct{} {
	for i, c := range q {
		if c == ch {
			return append(q[:i:i], q[i+1:]...)
		}
	}
	return q
}
