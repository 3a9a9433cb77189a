package api

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"sync"
	"time"

	"rekindle"
	routepkg "rekindle/internal/route"
	"rekindle/internal/store"
)

// StoreRoutes groups an athlete's runs by route with package route, using
// and filling the store's fingerprint cache (as "rekindle routes" does).
// Grouping a long history for the first time takes a while, so it runs in
// the background: until it is done, Groups returns none.
type StoreRoutes struct {
	Store *store.Store
	Log   *slog.Logger

	mu    sync.Mutex
	done  map[int64]routeResult
	busy  map[int64]bool
	async bool // compute in the background (true in serve; tests may wait)
}

type routeResult struct {
	stamp   string
	checked time.Time // when the stamp was last compared
	groups  []RouteGroup
}

// NewStoreRoutes makes a route source; background says whether a first
// grouping runs in the background (pages stay fast) or inline.
func NewStoreRoutes(st *store.Store, log *slog.Logger, background bool) *StoreRoutes {
	if log == nil {
		log = slog.Default()
	}
	return &StoreRoutes{Store: st, Log: log, done: map[int64]routeResult{}, busy: map[int64]bool{}, async: background}
}

// Groups returns the athlete's route groups of two or more runs, most run first.
func (r *StoreRoutes) Groups(ctx context.Context, athleteID int64) ([]RouteGroup, error) {
	r.mu.Lock()
	if res, ok := r.done[athleteID]; ok && time.Since(res.checked) < freshFor {
		r.mu.Unlock()
		return res.groups, nil
	}
	r.mu.Unlock()
	stamp, err := r.Store.ActivityStamp(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	res, ok := r.done[athleteID]
	fresh := ok && res.stamp == stamp
	start := !fresh && !r.busy[athleteID]
	if start {
		r.busy[athleteID] = true
	}
	r.mu.Unlock()
	if fresh {
		r.mu.Lock()
		res.checked = time.Now()
		r.done[athleteID] = res
		r.mu.Unlock()
		return res.groups, nil
	}
	if start {
		run := func(ctx context.Context) {
			g, err := r.compute(ctx, athleteID)
			r.mu.Lock()
			delete(r.busy, athleteID)
			if err == nil {
				r.done[athleteID] = routeResult{stamp, time.Now(), g}
			}
			r.mu.Unlock()
			if err != nil {
				r.Log.Warn("route groups", "athlete", athleteID, "err", err)
			}
		}
		if !r.async {
			run(ctx)
			r.mu.Lock()
			res = r.done[athleteID]
			r.mu.Unlock()
			return res.groups, nil
		}
		go run(context.WithoutCancel(ctx))
	}
	return res.groups, nil // the previous grouping while a new one runs
}

func (r *StoreRoutes) compute(ctx context.Context, athleteID int64) ([]RouteGroup, error) {
	s := r.Store
	acts, err := s.ListActivities(ctx, athleteID, store.ActivityFilter{})
	if err != nil {
		return nil, err
	}
	cached, err := s.ListRouteFingerprints(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	byAct := map[int64]store.RouteFingerprint{}
	maxGroup := int64(0)
	for _, f := range cached {
		byAct[f.ActivityID] = f
		maxGroup = max(maxGroup, f.GroupID)
	}
	previous := map[int64]int64{}
	byID := map[int64]*rekindle.Activity{}
	var runs []routepkg.Run
	for _, a := range acts {
		if !a.Sport.IsRun() {
			continue
		}
		byID[a.ID] = a
		var fp routepkg.Fingerprint
		c, ok := byAct[a.ID]
		if !(ok && c.Version == routepkg.FingerprintVersion && fp.UnmarshalBinary(c.Data) == nil) {
			full, err := s.GetActivity(ctx, athleteID, a.ID)
			if err != nil {
				return nil, err
			}
			fp = routepkg.FingerprintActivity(full)
			if fp.Kind == routepkg.KindTreadmill && fp.DistanceM == 0 {
				fp.DistanceM = a.Summary.DistanceM
			}
			data, _ := fp.MarshalBinary()
			rec := store.RouteFingerprint{ActivityID: a.ID, Version: routepkg.FingerprintVersion, StartMs: a.Start.UnixMilli(),
				Kind: string(fp.Kind), DistanceM: fp.DistanceM, Data: data, GroupID: c.GroupID}
			if err := s.SaveRouteFingerprint(ctx, athleteID, &rec); err != nil {
				return nil, err
			}
		}
		if c.GroupID > 0 {
			previous[a.ID] = c.GroupID
		}
		runs = append(runs, routepkg.Run{ID: a.ID, Start: a.Start, FP: &fp})
	}
	grouper, assign := routepkg.Regroup(runs, previous, maxGroup+1)
	changed := map[int64]int64{}
	for id, g := range assign {
		if previous[id] != g {
			changed[id] = g
		}
	}
	if len(changed) > 0 {
		if err := s.SetRouteGroups(ctx, athleteID, changed); err != nil {
			return nil, err
		}
	}
	var out []RouteGroup
	for _, g := range grouper.Groups() {
		if len(g.Members) < 2 {
			continue
		}
		med := byID[g.Medoid]
		rg := RouteGroup{Key: strconv.FormatInt(g.ID, 10), Count: len(g.Members), Activities: g.Members}
		if med != nil {
			rg.DistanceM = fin(med.Summary.DistanceM)
			rg.Name = med.Name
		}
		if rg.Name == "" {
			rg.Name = fmt.Sprintf("Route %d (%.1f km)", g.ID, rg.DistanceM/1000)
		}
		out = append(out, rg)
	}
	slices.SortStableFunc(out, func(a, b RouteGroup) int { return b.Count - a.Count })
	return out, nil
}
