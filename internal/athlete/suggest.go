package athlete

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"net/url"
	"rekindle"
	"rekindle/internal/route"
	"rekindle/internal/spark"
	"rekindle/internal/streets"
	"slices"
	"sort"
	"strconv"
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
	// Timeout bounds the search when set (the spark's idea keeps Home
	// fast); it is not part of the query: a search cut short answers nothing.
	Timeout time.Duration
}

// Link is the Routes page showing suggestion n (1-based) of the query: the
// page computes the same query, so it shows the same route (the Home idea
// links its loops so). The distance is in metres, as the query holds it.
func (q SuggestQuery) Link(n int) string {
	return fmt.Sprintf("/routes?%s#suggestion-%d", q.Values().Encode(), n)
}

// Values is the query as URL parameters (distance_m, surface, to, count).
func (q SuggestQuery) Values() url.Values {
	v := url.Values{}
	v.Set("distance_m", strconv.FormatFloat(q.DistanceM, 'f', -1, 64))
	v.Set("surface", cmp.Or(q.Surface, "mixed"))
	if q.To != "" {
		v.Set("to", q.To)
	}
	if q.Count != 0 && q.Count != 3 {
		v.Set("count", strconv.Itoa(q.Count))
	}
	return v
}

// RoutesDefault is the query the Routes page opens on before the runner
// chooses: the variety idea's (ideaQuery) — the runner's usual run (the
// median of the runs of the 28 days up to asOf, as Home's idea takes it) as
// a mixed loop from their start, or the length their streets allow — so
// the page shows the loops Home's idea names. ok is false when there is no
// usual run to go by (fewer than a run of 1 km in 28 days).
func (a *App) RoutesDefault(ctx context.Context, ath *rekindle.Athlete, asOf time.Time) (q SuggestQuery, ok bool, err error) {
	c, err := a.history(ctx, ath.ID)
	if err != nil {
		return q, false, err
	}
	// Only the runs of typicalRunM's 28 days matter: the whole history as
	// sessions was ~0.5 MB of garbage per request.
	// The history is oldest first: the window's runs are found by bisection
	// (the scan of the whole history was most of the Routes page's own CPU).
	from := asOf.AddDate(0, 0, -29)
	first := sort.Search(len(c.acts), func(i int) bool { return c.acts[i].Start.After(from) })
	ss := make([]spark.Session, 0, len(c.acts)-first)
	for _, x := range c.acts[first:] {
		ss = append(ss, spark.Session{Start: x.Start, Sport: x.Sport, DistanceM: x.Summary.DistanceM})
	}
	target := typicalRunM(ss, asOf)
	if target < 1000 {
		return q, false, nil
	}
	q = SuggestQuery{DistanceM: math.Round(target), Surface: "mixed", Count: 3}
	if sg, isSg := a.cfg.Routes.(RouteSuggester); isSg {
		// No time limit: the page then asks the same query and finds its
		// answer (loops or a refusal) in the suggester's cache.
		q, _, _ = ideaQuery(ctx, sg, ath, target, 0)
	}
	return q, true, nil
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

// suggestCache keeps the last answers per athlete (a few queries each: the
// variety idea asks its length and then the length the streets allow, the
// page asks again) so the download links serve exactly what the page
// showed and the same query on the same grouping is searched once. A
// refusal is an answer too: it is kept like suggestions.
type suggestCache struct {
	mu sync.Mutex
	m  map[int64][]suggestEntry // most recent first
}

type suggestEntry struct {
	key string
	v   *SuggestView
	err error // a refusal (*streets.RefusalError inside)
	at  time.Time
}

// suggestPerAthlete is how many queries' answers are kept per athlete.
const suggestPerAthlete = 4

func (c *suggestCache) get(athleteID int64, key string, now time.Time) (suggestEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.m[athleteID] {
		if e.key == key && now.Sub(e.at) < 10*time.Minute {
			return e, true
		}
	}
	return suggestEntry{}, false
}

func (c *suggestCache) put(athleteID int64, e suggestEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) > 1000 {
		c.m = map[int64][]suggestEntry{}
	}
	list := []suggestEntry{e}
	for _, x := range c.m[athleteID] {
		if x.key != e.key && len(list) < suggestPerAthlete {
			list = append(list, x)
		}
	}
	c.m[athleteID] = list
}

// Suggest suggests new routes from the athlete's street graph: loops and
// out-and-backs through streets never run, away from the usual routes,
// starting from home or else the start of the latest run.
func (r *StoreRoutes) Suggest(ctx context.Context, ath *rekindle.Athlete, q SuggestQuery) (*SuggestView, error) {
	res, err := r.result(ctx, ath.ID)
	if err != nil {
		return nil, err
	}
	// The same query on the same grouping (runs, street graph) and the same
	// start is the same answer.
	key := fmt.Sprintf("%s|%s|%d|%v,%v|%s", q.Key(), res.stamp, res.built.UnixNano(), ath.HomeLat, ath.HomeLon, ath.Unit)
	if e, ok := r.sugg.get(ath.ID, key, time.Now()); ok {
		return e.v, e.err
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
	}
	if !r.async {
		// Inline (the command line, the tests) waits for every search: the answer
		// never depends on the machine's speed.
		q.Timeout = 0
	}
	cut, err := suggestOn(ctx, res.graph, res.run, res.usual, q, ath.Unit, v)
	var ref *streets.RefusalError
	switch {
	case cut || ctx.Err() != nil:
		// A search cut short answers nothing, and nothing is kept.
		if err != nil {
			return nil, err
		}
		return v, nil
	case err != nil && !errors.As(err, &ref):
		return nil, err
	case err != nil:
		r.sugg.put(ath.ID, suggestEntry{key: key, err: err, at: time.Now()})
		return nil, err
	case v.StartFrom == "":
		return v, nil
	}
	r.sugg.put(ath.ID, suggestEntry{key: key, v: v, at: time.Now()})
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

// suggestOn fills v (its start set, or none) with the suggestions of q on
// graph g: the one search behind the Routes page, the API and the variety
// idea, from the server's route source and from the CLI's route state.
// cut reports that q's time limit ended the search (its answer is
// incomplete: never keep it).
func suggestOn(ctx context.Context, g *streets.Graph, run func(e int32) bool, usual []*route.Fingerprint, q SuggestQuery, unit rekindle.Unit, v *SuggestView) (cut bool, err error) {
	if v.StartFrom == "" {
		v.Message = "No start point: set your home in the settings, or upload a run with GPS."
		return false, nil
	}
	pref, _ := streets.ParseSurfacePref(q.Surface)
	req := streets.Request{Lat: v.Lat, Lon: v.Lon, DistanceM: q.DistanceM, Surface: pref, Count: q.Count, To: q.To, Run: run, Usual: usual}
	if q.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, q.Timeout)
		defer cancel()
	}
	sugg, err := g.Suggest(ctx, req)
	cut = q.Timeout > 0 && ctx.Err() != nil
	if err != nil {
		// The engine's sentence as a runner reads it (the Routes page, the
		// API and the CLI alike), without the package's error prefix.
		// A refusal is said in the runner's unit (RefusalError.Sentence).
		msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "route: "), "suggest: ")
		if ref := (*streets.RefusalError)(nil); errors.As(err, &ref) {
			msg = ref.Sentence(unit)
		}
		return cut, &rekindle.Error{Code: rekindle.CodeInvalid, Message: "No route found: " + msg, Err: err}
	}
	v.Suggestions = sugg
	return cut, nil
}

// SuggestionName names a suggested route by the streets it follows: the
// Home idea and the Routes page name it so (SuggestionNames for one
// answer's list). An out-and-back is named by its first street and where it
// turns (streets.TurnStreet): out-and-backs offered in several directions
// from one start share their way out, not their turn.
func SuggestionName(sg streets.Suggestion) string {
	kind := strings.ReplaceAll(sg.Kind, "_", "-")
	if kind == "" {
		kind = "loop"
	}
	switch len(sg.Streets) {
	case 0:
		return "A new " + kind
	case 1:
		return fmt.Sprintf("A new %s along %s", kind, sg.Streets[0])
	}
	if turn := streets.TurnStreet(sg); turn != "" {
		return fmt.Sprintf("A new %s by %s to %s", kind, sg.Streets[0], turn)
	}
	return fmt.Sprintf("A new %s by %s and %s", kind, sg.Streets[0], sg.Streets[len(sg.Streets)/2])
}

// SuggestionNames names the suggestions of one answer as SuggestionName
// does, and apart: where two read alike (out-and-backs turning on the same
// street), each is told by a street only it runs, else by its number. Home's
// idea and the Routes page name one answer's suggestions so.
func SuggestionNames(list []streets.Suggestion) []string {
	names := make([]string, len(list))
	same := map[string][]int{}
	for i, s := range list {
		names[i] = SuggestionName(s)
		same[names[i]] = append(same[names[i]], i)
	}
	for _, idx := range same {
		if len(idx) < 2 {
			continue
		}
		for _, i := range idx {
			by := ""
			for _, st := range list[i].Streets {
				if !runByOther(list, idx, i, st) {
					by = st
					break
				}
			}
			if by != "" {
				names[i] += " via " + by
			} else {
				names[i] += fmt.Sprintf(" (no. %d)", i+1)
			}
		}
	}
	return names
}

// runByOther reports whether a suggestion of idx other than i runs street st.
func runByOther(list []streets.Suggestion, idx []int, i int, st string) bool {
	for _, j := range idx {
		if j != i && slices.Contains(list[j].Streets, st) {
			return true
		}
	}
	return false
}
