package api

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"rekindle"
	routepkg "rekindle/internal/route"
	"rekindle/internal/server"
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
	Available   bool                  `json:"available"` // a street graph is loaded
	Lat         float64               `json:"lat,omitempty"`
	Lon         float64               `json:"lon,omitempty"`
	StartFrom   string                `json:"start_from,omitempty"` // "home" or "last_run"
	TargetM     float64               `json:"target_m,omitempty"`
	Surface     string                `json:"surface,omitempty"`
	To          string                `json:"to,omitempty"`
	Suggestions []routepkg.Suggestion `json:"suggestions"`
	Message     string                `json:"message,omitempty"`
}

// Key identifies the query for the download links.
func (q SuggestQuery) Key() string {
	return fmt.Sprintf("%.0f|%s|%s|%d", q.DistanceM, q.Surface, strings.ToLower(q.To), q.Count)
}

// ParseSuggestQuery reads ?distance= (in unit, or distance_m=), ?surface=, ?to=.
func ParseSuggestQuery(r *http.Request, unit rekindle.Unit) (SuggestQuery, bool, error) {
	v := r.URL.Query()
	q := SuggestQuery{Surface: v.Get("surface"), To: strings.TrimSpace(v.Get("to")), Count: 3}
	per := 1000.0
	if unit == rekindle.UnitMi {
		per = 1609.344
	}
	switch {
	case v.Get("distance_m") != "":
		f, err := strconv.ParseFloat(v.Get("distance_m"), 64)
		if err != nil {
			return q, true, invalid("distance_m must be a number")
		}
		q.DistanceM = f
	case v.Get("distance") != "":
		f, err := strconv.ParseFloat(strings.TrimSpace(v.Get("distance")), 64)
		if err != nil {
			return q, true, invalid("distance must be a number")
		}
		q.DistanceM = f * per
	default:
		return q, false, nil
	}
	if q.Surface == "" {
		q.Surface = "mixed"
	}
	if _, err := routepkg.ParseSurfacePref(q.Surface); err != nil {
		return q, true, invalid("surface must be road, mixed or trail")
	}
	if !(q.DistanceM >= routepkg.MinSuggestM && q.DistanceM <= routepkg.MaxSuggestM) {
		return q, true, invalid(fmt.Sprintf("distance must be %.1f–%.0f km", routepkg.MinSuggestM/1000, routepkg.MaxSuggestM/1000))
	}
	if len(q.To) > 100 {
		return q, true, invalid("the place is too long")
	}
	if n := v.Get("count"); n != "" {
		c, err := strconv.Atoi(n)
		if err != nil || c < 1 || c > 5 {
			return q, true, invalid("count must be 1–5")
		}
		q.Count = c
	}
	return q, true, nil
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
	if res.graph == nil && !res.graphSeen {
		// Grouping may still be running in the background: the graph alone is enough.
		if res.graph, err = r.loadGraph(ctx, ath.ID); err != nil {
			return nil, err
		}
	}
	v := &SuggestView{Available: res.graph != nil, TargetM: q.DistanceM, Surface: q.Surface, To: q.To, Suggestions: []routepkg.Suggestion{}}
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
	pref, _ := routepkg.ParseSurfacePref(q.Surface)
	req := routepkg.Request{Lat: v.Lat, Lon: v.Lon, DistanceM: q.DistanceM, Surface: pref, Count: q.Count, To: q.To, Run: res.run, Usual: res.usual}
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

// SuggestRoutes suggests new routes, or says why it cannot.
func (a *API) SuggestRoutes(ctx context.Context, ath *rekindle.Athlete, q SuggestQuery) (*SuggestView, error) {
	sg, ok := a.cfg.Routes.(RouteSuggester)
	if !ok {
		return &SuggestView{Suggestions: []routepkg.Suggestion{}, Message: "Route suggestions are not available on this server."}, nil
	}
	return sg.Suggest(ctx, ath, q)
}

// WriteSuggestion writes suggestion n (1-based) of a query as GPX or FIT.
func (a *API) WriteSuggestion(ctx context.Context, w http.ResponseWriter, ath *rekindle.Athlete, q SuggestQuery, n int, format string) error {
	v, err := a.SuggestRoutes(ctx, ath, q)
	if err != nil {
		return err
	}
	if n < 1 || n > len(v.Suggestions) {
		return notFound("route suggestion")
	}
	sg := &v.Suggestions[n-1]
	name := fmt.Sprintf("rekindle %s %.1f km", strings.ReplaceAll(sg.Kind, "_", " "), sg.DistanceM/1000)
	if sg.Destination != nil && sg.Destination.Name != "" {
		name = fmt.Sprintf("to %s %.1f km", sg.Destination.Name, sg.DistanceM/1000)
	}
	file := fmt.Sprintf("rekindle-route-%d-%.0fm", n, math.Round(sg.DistanceM))
	var write func(io.Writer) error
	switch format {
	case "gpx":
		w.Header().Set("Content-Type", "application/gpx+xml")
		write = func(out io.Writer) error { return sg.WriteGPX(out, name) }
	case "fit":
		w.Header().Set("Content-Type", "application/vnd.ant.fit")
		paceMS := 0.0
		if ath.ThresholdPaceMS > 0 {
			paceMS = ath.ThresholdPaceMS * 0.8 // an easy pace for the virtual partner
		}
		write = func(out io.Writer) error {
			return sg.WriteFIT(out, fmt.Sprintf("rekindle %d", n), a.cfg.Now(), paceMS)
		}
	default:
		return notFound("format")
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, file, format))
	w.Header().Set("Cache-Control", "private, no-store")
	return write(w)
}

func (a *API) routeSuggestions(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	q, ok, err := ParseSuggestQuery(r, ath.Unit)
	if err != nil {
		return err
	}
	if !ok {
		return invalid("give distance_m (metres) or distance (in your unit)")
	}
	v, err := a.SuggestRoutes(r.Context(), ath, q)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, v)
	return nil
}

func (a *API) routeSuggestionFile(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	q, ok, err := ParseSuggestQuery(r, ath.Unit)
	if err != nil {
		return err
	}
	if !ok {
		return invalid("give distance_m (metres) or distance (in your unit)")
	}
	base, format, _ := strings.Cut(r.PathValue("file"), ".")
	n, err := strconv.Atoi(base)
	if err != nil {
		return notFound("route suggestion")
	}
	return a.WriteSuggestion(r.Context(), w, ath, q, n, format)
}
