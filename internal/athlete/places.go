package athlete

import (
	"context"
	"log/slog"
	"sync"

	"rekindle/internal/ingest"
	"rekindle/internal/place"
	"rekindle/internal/store"
)

// Places infers athletes' time zones, homes and countries after their
// uploads, in the background and one athlete at a time: the look-up decodes
// time zone tables (seconds of CPU and up to ~150 MB, see package place),
// which no request waits for. The tables are shared by the athletes queued
// together and dropped when the queue is empty, so an idle server holds
// none of it.
type Places struct {
	Store *store.Store
	Log   *slog.Logger
	// OnDone, when set, is called after an athlete's place was inferred
	// (the application forgets its cached analyses: day buckets moved).
	OnDone func(athleteID int64)

	mu      sync.Mutex
	queue   []int64
	queued  map[int64]bool
	running bool
	idle    *sync.Cond
	// infer is ingest.InferPlaceWith; tests wrap it to hold it back.
	infer func(ctx context.Context, st *store.Store, athleteID int64, zones *place.Zones) (string, error)
}

// NewPlaces makes a background place inferrer over a store.
func NewPlaces(st *store.Store, log *slog.Logger) *Places {
	if log == nil {
		log = slog.Default()
	}
	p := &Places{Store: st, Log: log, queued: map[int64]bool{}, infer: ingest.InferPlaceWith}
	p.idle = sync.NewCond(&p.mu)
	return p
}

// Enqueue asks for the athlete's place to be inferred soon; it returns at
// once. An athlete already waiting is not queued twice.
func (p *Places) Enqueue(athleteID int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.queued[athleteID] {
		p.queued[athleteID] = true
		p.queue = append(p.queue, athleteID)
	}
	if !p.running {
		p.running = true
		go p.run()
	}
}

// Wait blocks until the queue is empty and nothing runs (tests, shutdown).
func (p *Places) Wait() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for p.running {
		p.idle.Wait()
	}
}

func (p *Places) run() {
	zones := place.NewZones() // shared by this batch, garbage after it
	ctx := context.Background()
	for {
		p.mu.Lock()
		if len(p.queue) == 0 {
			p.running = false
			p.idle.Broadcast()
			p.mu.Unlock()
			return
		}
		id := p.queue[0]
		p.queue = p.queue[1:]
		delete(p.queued, id)
		p.mu.Unlock()
		msg, err := p.infer(ctx, p.Store, id, zones)
		switch {
		case err != nil:
			p.Log.Warn("infer place", "athlete", id, "err", err)
		case msg != "":
			p.Log.Info("infer place", "athlete", id, "result", msg, "polygons", zones.UsedPolygons())
			if p.OnDone != nil {
				p.OnDone(id)
			}
		}
	}
}
