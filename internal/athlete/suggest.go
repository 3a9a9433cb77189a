package athlete

import (
	"context"
	"fmt"
	"rekindle"
	"rekindle/internal/streets"
	"strings"
	"sync"
	"time"
)

// RouteSuggester suggests new routes from the athlete's street graph
// (StoreRoutes does, when the athlete has loaded one).
type RouteSuggester interface {
	Suggest(ctx context.Context, ath *rekindle.Athlete, q SuggestQuery) (*SuggestView, error)
}

// SuggestQuery asks for new routes.
type SuggestQuery struct {
	DistanceM float64 // target length
	Surface   string  // road, mixed (default) or trail
	To        string  // a place kind ("cafe") or name: a run there and back
	Count     int     // default 3
}

// SuggestView is a set of suggestions and where they start.
type SuggestView struct {
	Available   bool                 `json:"available"` // a street graph is loaded
	Lat         float64              `json:"lat,omitempty"`
	Lon         float64              `json:"lon,omitempty"`
	StartFrom   string               `json:"start_from,omitempty"` // "home" or "last_run"
	TargetM     float64              `json:"target_m,omitempty"`
	Surface     string               `json:"surface,omitempty"`
	To          string               `json:"to,omitempty"`
	Suggestions []streets.Suggestion `json:"suggestions"`
	Message     string               `json:"message,omitempty"`
	// Pending is true while the runner's routes are still being read after
	// start: no suggestions are made without their history (they would
	// call every street new).
	Pending bool `json:"pending,omitempty"`
}

// StillReading is what pages say while the routes are being read.
const StillReading = "Still reading your routes: suggestions and route names in a moment."

// Key identifies the query for the download links.
func (q SuggestQuery) Key() string {
	return fmt.Sprintf("%.0f|%s|%s|%d", q.DistanceM, q.Surface, strings.ToLower(q.To), q.Count)
}

// suggestCache keeps the last suggestions per athlete so the download links
// serve exactly what the page showed.
type suggestCache struct {
	mu sync.Mutex
	m  map[int64]suggestEntry
}

type suggestEntry struct {
	key string
	v   *SuggestView
	at  time.Time
}

// Suggest suggests new routes from the athlete's street graph: loops and
// out-and-backs through streets never run, away from the usual routes,
// starting from home or else the start of the latest run.
func (r *StoreRoutes) Suggest(ctx context.Context, ath *rekindle.Athlete, q SuggestQuery) (*SuggestView, error) {
	key := q.Key()
	r.sugg.mu.Lock()
	if e, ok := r.sugg.m[ath.ID]; ok && e.key == key && time.Since(e.at) < 10*time.Minute {
		r.sugg.mu.Unlock()
		return e.v, nil
	}
	r.sugg.mu.Unlock()
	res, err := r.result(ctx, ath.ID)
	if err != nil {
		return nil, err
	}
	if !res.graphSeen && r.Pending(ath.ID) {
		// The first grouping is still running: never answer (or cache)
		// suggestions computed without the runner's history.
		g, _, err := loadGraphVersion(ctx, r.Store, ath.ID)
		if err != nil {
			return nil, err
		}
		return &SuggestView{Available: g != nil, TargetM: q.DistanceM, Surface: q.Surface, To: q.To, Suggestions: []streets.Suggestion{},
			Pending: true, Message: StillReading}, nil
	}
	if res.graph == nil && !res.graphSeen {
		// Grouping may still be running in the background: the graph alone is enough.
		if res.graph, _, err = loadGraphVersion(ctx, r.Store, ath.ID); err != nil {
			return nil, err
		}
	}
	v := &SuggestView{Available: res.graph != nil, TargetM: q.DistanceM, Surface: q.Surface, To: q.To, Suggestions: []streets.Suggestion{}}
	if res.graph == nil {
		v.Message = "No street map loaded yet: load an OpenStreetMap extract (.osm.pbf) of where you run."
		return v, nil
	}
	switch {
	case ath.HomeLat != 0 || ath.HomeLon != 0:
		v.Lat, v.Lon, v.StartFrom = ath.HomeLat, ath.HomeLon, "home"
	case res.hasLast:
		v.Lat, v.Lon, v.StartFrom = res.lastLat, res.lastLon, "last_run"
	default:
		v.Message = "No start point: set your home in the settings, or upload a run with GPS."
		return v, nil
	}
	pref, _ := streets.ParseSurfacePref(q.Surface)
	req := streets.Request{Lat: v.Lat, Lon: v.Lon, DistanceM: q.DistanceM, Surface: pref, Count: q.Count, To: q.To, Run: res.run, Usual: res.usual}
	sugg, err := res.graph.Suggest(ctx, req)
	if err != nil {
		return nil, &rekindle.Error{Code: rekindle.CodeInvalid, Message: "no route found: " + err.Error(), Err: err}
	}
	v.Suggestions = sugg
	r.sugg.mu.Lock()
	if r.sugg.m == nil || len(r.sugg.m) > 1000 {
		r.sugg.m = map[int64]suggestEntry{}
	}
	r.sugg.m[ath.ID] = suggestEntry{key, v, time.Now()}
	r.sugg.mu.Unlock()
	return v, nil
}

// RoutesPending reports whether the athlete's routes are still being read
// (the first grouping after start runs in the background).
func (a *App) RoutesPending(athleteID int64) bool {
	p, ok := a.cfg.Routes.(interface{ Pending(int64) bool })
	return ok && p.Pending(athleteID)
}

// SuggestRoutes suggests new routes, or says why it cannot.
func (a *App) SuggestRoutes(ctx context.Context, ath *rekindle.Athlete, q SuggestQuery) (*SuggestView, error) {
	sg, ok := a.cfg.Routes.(RouteSuggester)
	if !ok {
		return &SuggestView{Suggestions: []streets.Suggestion{}, Message: "Route suggestions are not available on this server."}, nil
	}
	return sg.Suggest(ctx, ath, q)
}
