package streets

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"rekindle"
	"rekindle/internal/geo"
	"rekindle/internal/route"
	"rekindle/internal/units"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Route suggestions (routes.md §2): round trips of a target length through
// streets the runner has never run, and point-to-point runs to a place.
// Every leg is an A* search on a per-request edge cost; edges already used
// by the same suggestion are forbidden (a ×5 penalty only when a leg has no
// other way); the via points sit on a circle through the start (an ellipse
// for point to point) whose size is recalibrated from the measured length.

// SurfacePref is the surface a runner asks for.
type SurfacePref string

// Surface preferences.
const (
	PreferRoad  SurfacePref = "road"
	PreferMixed SurfacePref = "mixed"
	PreferTrail SurfacePref = "trail"
)

// ParseSurfacePref reads road|mixed|trail ("" is mixed).
func ParseSurfacePref(s string) (SurfacePref, error) {
	switch SurfacePref(s) {
	case "", PreferMixed:
		return PreferMixed, nil
	case PreferRoad, PreferTrail:
		return SurfacePref(s), nil
	}
	return "", fmt.Errorf("route: surface %q: want road, mixed or trail", s)
}

// Request asks for route suggestions.
type Request struct {
	Lat, Lon  float64 // the start (snapped to the nearest vertex)
	DistanceM float64 // the target length
	Surface   SurfacePref
	Count     int // how many suggestions (default 3)
	// Novelty is α in the edge cost: an edge the runner has run costs
	// (1+α) × its length. 0 means the default 2; negative turns it off.
	Novelty float64
	// HeadingDeg, when Heading is set, is the direction to head out in
	// (0 north, 90 east); loops then try ±45° around it.
	HeadingDeg float64
	Heading    bool

	Run     func(e int32) bool   // edges the runner has run (nil: none known)
	Avoid   func(e int32) bool   // edges to price up ×4 (on top of the avoid class)
	Exclude func(e int32) bool   // edges never to use
	Usual   []*route.Fingerprint // the runner's usual routes, to stay away from

	// To, when set, asks for a run to a place: a kind ("cafe", "bakery",
	// "park", "viewpoint") or a name. The run goes there and back by
	// another way, or ends there when OneWay is set.
	To     string
	OneWay bool
}

// Suggestion kinds.
const (
	SuggestLoop         = "loop"
	SuggestOutAndBack   = "out_and_back"
	SuggestPointToPoint = "point_to_point" // one way to a place
	SuggestThereAndBack = "there_and_back" // to a place and back by another way
)

// Suggestion is one suggested route.
type Suggestion struct {
	Kind      string  `json:"kind"`
	DistanceM float64 `json:"distance_m"`
	TargetM   float64 `json:"target_m"`
	// AscentM is the elevation gain when the graph knows heights; nil (JSON
	// null) when it does not, which ElevationKnown says explicitly: OSM
	// extracts rarely carry heights and rekindle has no elevation model, so
	// it is unknown, never 0.
	AscentM        *float64 `json:"ascent_m"`
	ElevationKnown bool     `json:"elevation_known"`
	// Tolerance is the share of the target the length may be off by: 0.05
	// for loops, 0.10 for trail loops and runs to a place.
	Tolerance     float64 `json:"tolerance"`
	NeverRunShare float64 `json:"never_run_share"` // share of the distance on edges never run
	ReusedM       float64 `json:"reused_m"`        // distance on edges used twice, stem included
	// StemM is the distance of the way from a start on a dead end to the
	// nearest street with a way round, run out and back (included in ReusedM
	// for half of it).
	StemM      float64 `json:"stem_m,omitempty"`
	AvoidShare float64 `json:"avoid_share"` // share on busy roads without sidewalk and the like
	// BusyShare is the share on busy roads by highway class (FlagBusy),
	// sidewalk or not.
	BusyShare float64 `json:"busy_share"`
	// BusyChecked is set when BusyShare is above MaxBusyShare and a second
	// search that prices busy roads far higher found no suggestion within
	// tolerance that keeps to quiet streets: the streets here have none for
	// this length (said in Note too).
	BusyChecked bool         `json:"busy_checked,omitempty"`
	Surface     SurfaceMix   `json:"surface"`
	Streets     []string     `json:"streets"` // in the order they are first run
	Cues        []Cue        `json:"cues"`
	Polyline    [][2]float64 `json:"polyline"` // [lat, lon]
	Destination *Place       `json:"destination,omitempty"`
	// SimilarityToUsual is the highest route similarity with the runner's
	// usual routes (0 none alike, 1 the same route).
	SimilarityToUsual float64 `json:"similarity_to_usual"`
	Compactness       float64 `json:"compactness"` // 4πA/P² of the outline, 1 for a circle
	Note              string  `json:"note,omitempty"`
	Score             float64 `json:"score"` // lower is better

	Nodes []int32 `json:"-"`
	Edges []int32 `json:"-"`
}

// TurnStreet is the street an out-and-back turns on (the last street it
// reaches, as Streets lists them in the order first run), "" for any other
// kind or when the way has no named street.
func TurnStreet(s Suggestion) string {
	if s.Kind != SuggestOutAndBack || len(s.Streets) == 0 {
		return ""
	}
	return s.Streets[len(s.Streets)-1]
}

// TurnText says where an out-and-back turns, "out to CS-420 and back the
// same way" (the CLI and the Routes page write it so), "" when it is no
// out-and-back or the turn has no name.
func TurnText(s Suggestion) string {
	if t := TurnStreet(s); t != "" {
		return "out to " + t + " and back the same way"
	}
	return ""
}

// AscentText is the elevation gain as a runner reads it: "120 m", or
// "unknown (the map has no heights)" — never 0 for unknown.
func AscentText(s Suggestion) string {
	if !s.ElevationKnown || s.AscentM == nil {
		return "unknown (the map has no heights)"
	}
	return fmt.Sprintf("%.0f m", *s.AscentM)
}

// SurfaceMix splits a route's length by class and surface.
type SurfaceMix struct {
	RoadM      float64 `json:"road_m"`
	PathM      float64 `json:"path_m"`
	TrailM     float64 `json:"trail_m"`
	AvoidM     float64 `json:"avoid_m"`
	PavedM     float64 `json:"paved_m"`
	UnpavedM   float64 `json:"unpaved_m"`
	UnknownM   float64 `json:"unknown_m"`
	TrailShare float64 `json:"trail_share"` // trail edges, plus half of paths of unknown surface (routes.md §4)
}

// Limits of a request.
const (
	MinSuggestM = 500.0
	MaxSuggestM = 100_000.0
)

// ErrNoSuggestion is returned when no route could be made.
var ErrNoSuggestion = errors.New("route: no route found")

// planner holds what every candidate of one request shares.
type planner struct {
	g     *Graph
	req   Request
	base  []float32 // cost per edge slot (layout.go; price reads it by edge); +Inf forbidden
	start int32
	core  []bool // Graph.Core

	// A start on a dead end reaches the core by a stem run out and back;
	// loops begin and end at origin, the stem's core end.
	origin    int32
	stemNodes []int32
	stemEdges []int32

	// probe only asks whether the start can give one suggestion within
	// tolerance: the workers stop at the first (the yes or no does not
	// depend on scheduling).
	probe  bool
	enough atomic.Bool

	// quiet marks the quiet round: busy roads farther than quietStartM
	// from the start are forbidden, a leg that cannot avoid them fails.
	quiet bool
	// hadLoops is set in a quiet round whose first round offered loops:
	// its out-and-back is left to the tree round, which builds one from
	// the quietest ways out at no extra search.
	hadLoops bool
	// tree marks the tree round (treeloop.go): busy roads cost
	// treeBusyFactor more, nowhere forbidden.
	tree bool
	// busyOnly prices edges by busy metres alone (placetree.go's second
	// pass): length, busy roads ×quietBusyFactor.
	busyOnly bool
	// lengthOnly prices edges by their length (sameway.go: the last resort).
	lengthOnly bool
}

// offer notes a candidate in probe mode.
func (p *planner) offer(c *candidate) {
	if p.probe && c != nil && p.withinTolerance(c) && (c.kind != SuggestLoop || !c.reuses()) {
		p.enough.Store(true)
	}
}

// Suggest makes route suggestions, best first. It is deterministic: the same
// graph and request give the same routes.
func (g *Graph) Suggest(ctx context.Context, req Request) ([]Suggestion, error) {
	if g.NumEdges() == 0 {
		return nil, ErrNoSuggestion
	}
	if !(req.DistanceM >= MinSuggestM && req.DistanceM <= MaxSuggestM) {
		return nil, fmt.Errorf("route: suggest: distance %.0f m out of range [%.0f, %.0f]", req.DistanceM, MinSuggestM, MaxSuggestM)
	}
	if !finiteLatLon(req.Lat, req.Lon) {
		return nil, fmt.Errorf("route: suggest: bad start %v,%v", req.Lat, req.Lon)
	}
	if req.Count <= 0 {
		req.Count = 3
	}
	req.Count = min(req.Count, 10)
	if req.Novelty == 0 {
		req.Novelty = 2
	}
	req.Novelty = max(0, req.Novelty)
	if req.Surface == "" {
		req.Surface = PreferMixed
	}
	start, d := g.Nearest(req.Lat, req.Lon)
	if d > 2000 {
		return nil, fmt.Errorf("route: suggest: no street within 2 km of %.5f,%.5f (nearest %.0f m)", req.Lat, req.Lon, d)
	}
	out, closest, err := g.plan(ctx, req, start, false)
	if len(out) > 0 {
		return out, nil
	}
	var ref *RefusalError
	switch {
	case errors.As(err, &ref):
		return nil, err // nothing of that kind in the map: no other start helps
	case err != nil && !errors.Is(err, ErrNoSuggestion):
		return nil, err
	}
	ref = &RefusalError{Kind: refusalKind(req), Surface: req.Surface, TargetM: req.DistanceM, Tolerance: tolerance(req, refusalKind(req)),
		Lat: g.lat[start], Lon: g.lon[start], ClosestM: round1(closest), To: req.To}
	if r, ok := g.mapEndsWithin(start, turnDistance(req)); ok {
		ref.MapEndsM, ref.MapStreetsM = round1(r), round1(g.streetLength())
	}
	if req.To != "" {
		ref.PlaceM, ref.PlaceWithinM = g.nearestPlaceBeyond(req, start)
	}
	if alt, ok := g.nearestStartThatCan(ctx, req, start); ok {
		ref.Alternative = &alt
	}
	ref.BestM = g.bestFromHere(ctx, req, start, closest)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return nil, ref
}

// plan makes the suggestions from one start vertex: only those within
// tolerance of the target. closest is the length of the candidate nearest
// to the target when none is within it (0 when no route was built).
func (g *Graph) plan(ctx context.Context, req Request, start int32, probe bool) (out []Suggestion, closest float64, err error) {
	if req.To == "" && !g.roomFor(start, req.DistanceM, tolerance(req, SuggestLoop)) {
		return nil, 0, ErrNoSuggestion
	}
	p := g.newPlanner(req, start, probe, false)
	defer p.releaseCosts()
	cands, err := p.build(ctx)
	if err != nil {
		return nil, 0, err
	}
	bestErr := math.Inf(1)
	for _, c := range cands {
		if c.kind == SuggestLoop && c.reuses() {
			continue // not offered whatever its length
		}
		if e := math.Abs(c.lengthM - req.DistanceM); e < bestErr {
			bestErr, closest = e, c.lengthM
		}
	}
	out = p.choose(cands)
	all, treeDone := cands, false
	if len(out) == 0 && !probe {
		// Nothing within tolerance from the circle or ellipse shapes: the
		// tree round looks for a route along the quietest ways out.
		all, treeDone = append(all, g.anyTreeRound(ctx, req, start, true)...), true
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		out = p.choose(all)
		if len(out) == 0 {
			// The last resort: out and back by the shortest ways
			// (sameway.go), which the priced searches may not reach.
			all = append(all, g.sameWayRound(ctx, req, start)...)
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
			out = p.choose(all)
		}
	}
	if len(out) == 0 {
		return nil, closest, ErrNoSuggestion
	}
	if !probe && out[0].BusyShare > MaxBusyShare {
		// Every suggestion within tolerance runs busy roads for more than
		// MaxBusyShare: check whether the graph has quiet streets for it
		// by a second round that forbids busy roads away from the start,
		// then by the tree round, which follows the
		// quietest ways out and back. What they build joins the first
		// round's candidates; if none of them keeps to quiet streets, the
		// suggestions say so.
		q := g.newPlanner(req, start, false, true)
		defer q.releaseCosts()
		q.hadLoops = out[0].Kind == SuggestLoop
		more, err := q.build(ctx)
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		if err == nil {
			all = append(all, more...)
			out = p.choose(all)
		}
		if out[0].BusyShare > MaxBusyShare && !treeDone {
			// Where every loop of the length is busy, a quiet out-and-back
			// is offered instead (choose drops the busy ones beside it).
			all = append(all, g.anyTreeRound(ctx, req, start, true)...)
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
			out = p.choose(all)
		}
		if out[0].BusyShare > MaxBusyShare && req.To != "" {
			// A run to a place still busy: the last resort's busy-metre
			// pass (sameway.go) may find a quiet way by a turn or the
			// same way back that the ellipse and tree shapes miss.
			all = append(all, g.sameWayRound(ctx, req, start)...)
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
			out = p.choose(all)
		}
		if out[0].BusyShare > MaxBusyShare {
			for i := range out {
				out[i].BusyChecked = true
				note := fmt.Sprintf("%.0f%% on busy roads: no %s of this length from here keeps to quiet streets", 100*out[i].BusyShare, kindWords(out[i].Kind))
				if out[i].Kind == SuggestLoop {
					note += ", nor does an out-and-back"
				}
				out[i].Note = joinNote(out[i].Note, note)
			}
		}
	}
	return out, 0, nil
}

// anyTreeRound is the tree round for the request's kind: round trips
// (treeloop.go) or runs to a place (placetree.go).
func (g *Graph) anyTreeRound(ctx context.Context, req Request, start int32, outAndBack bool) []*candidate {
	if req.To != "" {
		return g.placeTreeRound(ctx, req, start)
	}
	return g.treeRound(ctx, req, start, outAndBack)
}

// newPlanner prepares a request from a start vertex.
func (g *Graph) newPlanner(req Request, start int32, probe, quiet bool) *planner {
	p := &planner{g: g, req: req, probe: probe, quiet: quiet}
	p.start, p.origin = start, start
	p.base = p.edgeCosts()
	p.core = g.Core()
	if req.To == "" {
		p.findStem()
	}
	return p
}

// build makes the candidates: loops, or runs to a place.
func (p *planner) build(ctx context.Context) ([]*candidate, error) {
	if p.req.To != "" {
		return p.toPlace(ctx)
	}
	return p.loops(ctx)
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// kindWords names a suggestion kind in words.
func kindWords(kind string) string {
	switch kind {
	case SuggestOutAndBack:
		return "out-and-back"
	case SuggestPointToPoint, SuggestThereAndBack:
		return "run to that place"
	}
	return "loop"
}

// roomFor reports whether the streets within L/2 of a start could hold a
// round trip of L: a loop that reuses no edge needs L(1−tol) of streets
// within network distance L/2, an out-and-back a way L/2(1−tol) long. A
// quick necessary test that spares hopeless searches (a 20 km loop in
// Monaco).
func (g *Graph) roomFor(start int32, L, tol float64) bool {
	s, _ := g.pool.Get().(*Search)
	if s == nil {
		s = g.NewSearch()
	}
	defer g.pool.Put(s)
	half := L / 2
	sum, ok := 0.0, false
	s.Within(start, half, nil, func(u int32, d float64) bool {
		if d >= half*(1-tol) {
			ok = true
			return false
		}
		for a := g.off[u]; a < g.off[u+1]; a++ {
			if s.st[g.arcHead[a]].mark == s.gen+1 && g.arcHead[a] != u {
				sum += float64(g.elen[g.arcEdge[a]])
			}
		}
		if sum >= L*(1-tol) {
			ok = true
			return false
		}
		return true
	})
	return ok
}

// turnDistance is how far from the start by the streets a route of the
// request turns at most: half the target for a round trip or a run to a
// place and back, the whole target one way.
func turnDistance(req Request) float64 {
	if req.To != "" && req.OneWay {
		return req.DistanceM
	}
	return req.DistanceM / 2
}

// mapEndsWithin reports whether every vertex of the graph (one connected
// component) lies within network distance limit of the start, and the
// farthest one's distance.
func (g *Graph) mapEndsWithin(start int32, limit float64) (float64, bool) {
	s, _ := g.pool.Get().(*Search)
	if s == nil {
		s = g.NewSearch()
	}
	defer g.pool.Put(s)
	n, far := 0, 0.0
	s.Within(start, limit, nil, func(_ int32, d float64) bool {
		n++
		far = max(far, d)
		return true
	})
	return far, n == g.NumNodes() && far < limit
}

// nearestPlaceBeyond reports where the nearest place of the kind asked
// for lies when a run of the target cannot reach it: its distance by the
// streets (the shortest way), or, when none lies within placeLookM of the
// reach, that bound (within). Both 0 when a place lies within reach.
func (g *Graph) nearestPlaceBeyond(req Request, start int32) (at, within float64) {
	places := g.FindPlaces(req.To, g.lat[start], g.lon[start])
	want := make(map[int32]bool, len(places))
	for _, pl := range places {
		if pl.Node != start {
			want[pl.Node] = true
		}
	}
	if len(want) == 0 {
		return 0, 0
	}
	reach := turnDistance(req) * (1 + tolerance(req, refusalKind(req)))
	look := reach + placeLookM
	s, _ := g.pool.Get().(*Search)
	if s == nil {
		s = g.NewSearch()
	}
	defer g.pool.Put(s)
	found := -1.0
	s.Within(start, look, nil, func(n int32, d float64) bool {
		if want[n] {
			found = d
			return false
		}
		return true
	})
	switch {
	case found < 0:
		return 0, round1(look)
	case found > reach:
		return round1(found), 0
	}
	return 0, 0
}

// placeLookM is how far past a run's reach a refusal looks for the nearest
// place of the kind asked for.
const placeLookM = 20000.0

// streetLength is the length of every street of the graph.
func (g *Graph) streetLength() float64 {
	t := 0.0
	for _, l := range g.elen {
		t += float64(l)
	}
	return t
}

// tolerance is the share of the target a suggestion's length may be off by.
func tolerance(req Request, kind string) float64 {
	if kind == SuggestPointToPoint || kind == SuggestThereAndBack || req.To != "" || req.Surface == PreferTrail {
		return 0.10
	}
	return 0.05
}

func refusalKind(req Request) string {
	switch {
	case req.To != "" && req.OneWay:
		return SuggestPointToPoint
	case req.To != "":
		return SuggestThereAndBack
	}
	return SuggestLoop
}

// RefusalError says why no suggestion could keep its promise from a start,
// and where the nearest start that can is. It wraps ErrNoSuggestion. It is
// one value shown two ways: Sentence (the CLI, the Routes page, the API's
// message) and View (the API's structured fields), both from the same fields.
type RefusalError struct {
	Kind      string      // the kind asked for (loop, there_and_back, point_to_point)
	Surface   SurfacePref // the surface asked for
	TargetM   float64     // the length asked for
	Tolerance float64     // the share it may be off by
	Lat, Lon  float64     // the start vertex tried
	ClosestM  float64     // the length nearest to the target that was found (0: none)
	To        string      // the place asked for, if any
	// NoPlace is set when the map has no place matching To.
	NoPlace bool
	// MapEndsM is set (> 0) when every street of the map lies within this
	// network distance of the start and that is short of where the route
	// would turn (half the target; the whole target one way): the extract
	// ends first. MapStreetsM is then the length of all its streets.
	MapEndsM, MapStreetsM float64
	// PlaceM is set (> 0) when the nearest place of the kind asked for lies
	// farther by the streets than a run of the target can reach (the whole
	// target one way, half of it there and back, with the tolerance): its
	// distance by the streets. PlaceWithinM is set instead when no such
	// place lies within that many metres by the streets.
	PlaceM, PlaceWithinM float64
	// Alternative is the nearest start (a graph vertex) from which the same
	// request gives suggestions within tolerance; nil when none was found
	// within MaxAlternativeStartM.
	Alternative *AlternativeStart
	// BestM is a length (a whole 100 m) that the same request does give
	// from this start, checked by a search: the nearest found, rounded
	// (0: none checked).
	BestM float64
}

// AlternativeStart is a start that can give the requested route.
type AlternativeStart struct {
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	DistanceM float64 `json:"distance_m"`     // straight line from the requested start
	Name      string  `json:"name,omitempty"` // the street it is on ("" when unnamed)
}

// MaxAlternativeStartM bounds the search for another start.
const MaxAlternativeStartM = 2500.0

// Refusal reasons (RefusalError.Reason, the API's reason field).
const (
	ReasonNoPlace       = "no_place"        // the map has no place of the kind asked
	ReasonPlaceTooFar   = "place_too_far"   // the nearest such place is beyond the run's reach
	ReasonNoPlaceWithin = "no_place_within" // no such place within the run's reach
	ReasonMapEnds       = "map_ends"        // the map's streets end before the route could turn
	ReasonNoRoute       = "no_route"        // the streets around the start give no route of that length
)

// Reason is the refusal's cause, one of the Reason constants.
func (e *RefusalError) Reason() string {
	switch {
	case e.NoPlace:
		return ReasonNoPlace
	case e.MapEndsM > 0:
		return ReasonMapEnds
	case e.PlaceM > 0:
		return ReasonPlaceTooFar
	case e.PlaceWithinM > 0:
		return ReasonNoPlaceWithin
	}
	return ReasonNoRoute
}

// Asked is what was asked, as a runner says it: "a 10.0 km trail loop",
// "a 4.0 km run to a cafe and back".
func (e *RefusalError) Asked(u rekindle.Unit) string {
	return article(units.Show(e.TargetM, u)) + " " + e.what()
}

// what is the kind asked without its length: "trail loop", "run to a cafe and back".
func (e *RefusalError) what() string {
	surf := ""
	if e.Surface == PreferTrail || e.Surface == PreferRoad {
		surf = string(e.Surface) + " "
	}
	switch e.Kind {
	case SuggestThereAndBack:
		return surf + "run to " + e.place() + " and back"
	case SuggestPointToPoint:
		return surf + "run to " + e.place()
	}
	return surf + "loop"
}

// place names the place asked for: "a cafe" for a kind, a name as it is.
func (e *RefusalError) place() string {
	if _, ok := ParsePOIKind(e.To); ok {
		return article(e.To)
	}
	return e.To
}

// article puts "a" or "an" before a word or a length ("an 8.0 km", "a 10.0 km").
func article(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case 'a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U', '8':
		return "an " + s
	}
	if strings.HasPrefix(s, "11") || strings.HasPrefix(s, "18") && (len(s) < 3 || s[2] == '.' || s[2] == ' ') {
		return "an " + s // "an 11.0 km", "an 18.0 km"
	}
	return "a " + s
}

// shortDist writes a short way as a runner reads it: metres under 1 km
// for a km runner, else units.Show.
func shortDist(m float64, u rekindle.Unit) string {
	if units.Of(u) == rekindle.UnitKm && m < 1000 {
		return fmt.Sprintf("%.0f m", m)
	}
	return units.Show(m, u)
}

// Sentence is the refusal as a coach would say it to the runner, in the
// runner's unit: what was asked, what the streets allow from here and why,
// the nearest start that can (by its street, and how far), and what to try
// instead from here. The CLI, the Routes page and the API show it.
func (e *RefusalError) Sentence(u rekindle.Unit) string {
	if e.NoPlace {
		return fmt.Sprintf("you asked for %s, but the map has no %s: try another kind of place (cafe, bakery, park, viewpoint) or a loop", e.Asked(u), e.To)
	}
	msg := "you asked for " + e.Asked(u) + ", but "
	switch e.Reason() {
	case ReasonMapEnds:
		msg += fmt.Sprintf("the map ends %s from here by its streets (%s of streets in all), too soon for it", units.Show(e.MapEndsM, u), units.Show(e.MapStreetsM, u))
	case ReasonPlaceTooFar:
		msg += fmt.Sprintf("the nearest %s is %s away by the streets, beyond its reach", e.To, units.Show(e.PlaceM, u))
	case ReasonNoPlaceWithin:
		msg += fmt.Sprintf("there is no %s within %s by the streets", e.To, units.Show(e.PlaceWithinM, u))
	default:
		msg += fmt.Sprintf("the streets around this start have no %s of that length (within ±%.0f%%)", e.what(), 100*e.Tolerance)
	}
	if a := e.Alternative; a != nil {
		at := fmt.Sprintf("%.5f,%.5f", a.Lat, a.Lon)
		if a.Name != "" {
			at = a.Name + " (" + at + ")"
		}
		msg += fmt.Sprintf(". Start on %s, %s away, where it works", at, shortDist(a.DistanceM, u))
		if e.BestM > 0 {
			msg += fmt.Sprintf("; or from here run %s instead", units.Show(e.BestM, u))
		}
	} else {
		msg += fmt.Sprintf(". No start within %s can", units.Show(MaxAlternativeStartM, u))
		if e.BestM > 0 {
			msg += fmt.Sprintf("; from here run %s instead", units.Show(e.BestM, u))
		}
	}
	return msg + "."
}

func (e *RefusalError) Error() string {
	return "route: suggest: " + e.Sentence(rekindle.UnitKm)
}

// RefusalView is a refusal's structured fields as the API writes them,
// with the Sentence they make.
type RefusalView struct {
	Kind           string            `json:"kind"` // loop, there_and_back, point_to_point
	Surface        string            `json:"surface,omitempty"`
	To             string            `json:"to,omitempty"`
	AskedDistanceM float64           `json:"asked_distance_m"`
	Tolerance      float64           `json:"tolerance"`
	Lat            float64           `json:"lat"`
	Lon            float64           `json:"lon"`
	Reason         string            `json:"reason"`
	ClosestM       float64           `json:"closest_m,omitempty"`
	MapEndsM       float64           `json:"map_ends_m,omitempty"`
	MapStreetsM    float64           `json:"map_streets_m,omitempty"`
	PlaceM         float64           `json:"place_m,omitempty"`
	PlaceWithinM   float64           `json:"place_within_m,omitempty"`
	Alternative    *AlternativeStart `json:"alternative,omitempty"`
	BestDistanceM  float64           `json:"best_distance_m,omitempty"`
	Sentence       string            `json:"sentence"`
}

// View is the refusal's structured fields, its Sentence in unit u.
func (e *RefusalError) View(u rekindle.Unit) RefusalView {
	return RefusalView{Kind: e.Kind, Surface: string(e.Surface), To: e.To, AskedDistanceM: e.TargetM, Tolerance: e.Tolerance,
		Lat: e.Lat, Lon: e.Lon, Reason: e.Reason(), ClosestM: e.ClosestM, MapEndsM: e.MapEndsM, MapStreetsM: e.MapStreetsM,
		PlaceM: e.PlaceM, PlaceWithinM: e.PlaceWithinM, Alternative: e.Alternative, BestDistanceM: e.BestM, Sentence: e.Sentence(u)}
}

func (e *RefusalError) Unwrap() error { return ErrNoSuggestion }

// nearestStartThatCan tries vertices on rings around the start, nearest
// first, and returns the first from which the request gives a suggestion
// within tolerance. It tries at most maxAltTries starts.
func (g *Graph) nearestStartThatCan(ctx context.Context, req Request, start int32) (AlternativeStart, bool) {
	const maxAltTries = 3
	core := g.Core()
	slat, slon := g.lat[start], g.lon[start]
	seen := map[int32]bool{start: true}
	var tries []int32
	for _, r := range []float64{300, 700, 1500, MaxAlternativeStartM} {
		for k := range 6 {
			b := float64(k)*60 + r/10 // turn each ring a little
			la, lo := geo.Offset(slat, slon, b, r)
			n := g.nearestNode(la, lo, r/2)
			if n < 0 || seen[n] || !core[n] {
				continue
			}
			seen[n] = true
			tries = append(tries, n)
		}
	}
	// The nearest first; try at most maxAltTries, spread over the rings.
	slices.SortStableFunc(tries, func(a, b int32) int {
		return cmp.Compare(geo.FastDistance(slat, slon, g.lat[a], g.lon[a]), geo.FastDistance(slat, slon, g.lat[b], g.lon[b]))
	})
	if len(tries) > maxAltTries {
		step := float64(len(tries)) / maxAltTries
		picked := make([]int32, 0, maxAltTries)
		for i := range maxAltTries {
			picked = append(picked, tries[int(float64(i)*step)])
		}
		tries = picked
	}
	alt := req
	alt.Count = 1
	for _, n := range tries {
		if ctx.Err() != nil {
			break
		}
		if out, _, _ := g.plan(ctx, alt, n, true); len(out) > 0 {
			return AlternativeStart{Lat: g.lat[n], Lon: g.lon[n], DistanceM: round1(geo.Distance(slat, slon, g.lat[n], g.lon[n])), Name: g.vertexName(n)}, true
		}
	}
	return AlternativeStart{}, false
}

// bestFromHere is a length the request gives from start, the nearest found
// (closest) rounded to 100 m, when a search at that length finds a
// suggestion within its tolerance; 0 otherwise.
func (g *Graph) bestFromHere(ctx context.Context, req Request, start int32, closest float64) float64 {
	best := math.Round(closest/100) * 100
	if closest <= 0 || best < MinSuggestM || best > MaxSuggestM || best == req.DistanceM || ctx.Err() != nil {
		return 0
	}
	try := req
	try.Count, try.DistanceM = 1, best
	if out, _, _ := g.plan(ctx, try, start, true); len(out) > 0 {
		return best
	}
	return 0
}

// vertexName is the name of the street a vertex is on: its longest named
// edge's ("" when none is named).
func (g *Graph) vertexName(n int32) string {
	name, long := "", 0.0
	_, edges := g.Adj(n)
	for _, e := range edges {
		if s := g.EdgeName(e); s != "" && g.EdgeLength(e) > long {
			name, long = s, g.EdgeLength(e)
		}
	}
	return name
}

func finiteLatLon(lat, lon float64) bool {
	return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180
}

// findStem finds the shortest way from a start outside the core into it.
func (p *planner) findStem() {
	if p.core[p.start] {
		return
	}
	s, _ := p.g.pool.Get().(*Search)
	if s == nil {
		s = p.g.NewSearch()
	}
	defer p.g.pool.Put(s)
	found := int32(-1)
	s.Within(p.start, math.Inf(1), func(e int32) float64 { return float64(p.price(e)) }, func(n int32, _ float64) bool {
		if p.core[n] {
			found = n
			return false
		}
		return true
	})
	if found < 0 {
		return
	}
	path, ok := s.PathTo(found)
	if !ok {
		return
	}
	p.origin, p.stemNodes, p.stemEdges = found, path.Nodes, path.Edges
}

// withStem wraps a loop from origin into one from the start.
func (p *planner) withStem(wk walk) walk {
	if len(p.stemEdges) == 0 {
		return wk
	}
	out := walk{nodes: slices.Clone(p.stemNodes), edges: slices.Clone(p.stemEdges)}
	out.nodes = append(out.nodes, wk.nodes[1:]...)
	out.edges = append(out.edges, wk.edges...)
	for i := len(p.stemEdges) - 1; i >= 0; i-- {
		out.edges = append(out.edges, p.stemEdges[i])
		out.nodes = append(out.nodes, p.stemNodes[i])
	}
	return out
}

// edgeCosts prices every edge for this request: length × class and surface
// factor for the preference × (1+α) when run; avoid edges ×4; busy roads
// ×busyFactor (in the quiet round +Inf beyond quietStartM of the start);
// excluded +Inf.
// Every factor is ≥ 1, so the straight-line A* heuristic stays exact.
func (p *planner) edgeCosts() []float32 {
	g, r := p.g, p.req
	var out []float32
	if b, ok := g.costPool.Get().(*[]float32); ok && len(*b) == len(g.eu) {
		out = *b // every entry is written below
	} else {
		out = make([]float32, len(g.eu))
	}
	inf := float32(math.Inf(1))
	slat, slon, near := g.lat[p.start], g.lon[p.start], quietStartM(r.DistanceM)
	// Written in edge-slot order (out[es] is the price of edge l.edge[es]).
	l := g.layout()
	for es, e := range l.edge {
		k := l.ekind[es]
		if r.Exclude != nil && r.Exclude(e) {
			out[es] = inf
			continue
		}
		if p.lengthOnly {
			out[es] = l.elen[es]
			continue
		}
		if p.busyOnly {
			// The busy-metre price: length, busy roads ×quietBusyFactor,
			// whatever the surface or the runner's history.
			f := 1.0
			if k.flags&FlagBusy != 0 {
				f = quietBusyFactor
			}
			if r.Avoid != nil && r.Avoid(e) {
				f *= 4
			}
			out[es] = l.elen[es] * float32(f)
			continue
		}
		f := classFactor(r.Surface, k.class, k.surface)
		if k.flags&FlagSteps != 0 {
			f *= 1.3
		}
		if r.Avoid != nil && r.Avoid(e) {
			f *= 4
		}
		if k.flags&FlagBusy != 0 {
			if p.quiet && geo.FastDistance(slat, slon, g.lat[g.eu[e]], g.lon[g.eu[e]]) > near &&
				geo.FastDistance(slat, slon, g.lat[g.ev[e]], g.lon[g.ev[e]]) > near {
				out[es] = inf // the quiet round: a start on a busy road leaves by it, then quiet streets
				continue
			}
			if k.class != ClassAvoid {
				f *= busyFactor // quiet streets first, even where the busy one has a sidewalk
			}
			if p.tree {
				f *= treeBusyFactor
			}
		}
		if r.Run != nil && r.Run(e) {
			f *= 1 + r.Novelty
		}
		out[es] = l.elen[es] * float32(f)
	}
	return out
}

// price is the planner's price of graph edge e.
func (p *planner) price(e int32) float32 { return p.base[p.g.hot.eslot[e]] }

// releaseCosts gives the planner's edge prices back for the next planner
// (a slice of the graph's size, 1.4 MB on Delaware); p.base is nil after.
func (p *planner) releaseCosts() {
	if p.base != nil {
		b := p.base
		p.base = nil
		p.g.costPool.Put(&b)
	}
}

// busyFactor prices a busy road that has a sidewalk (one without is
// ClassAvoid, ×4).
const busyFactor = 2.5

// quietStartM is how far from the start the quiet round allows busy roads
// (at busyFactor): a start on an arterial must leave by it. An eighth of the
// target, at most 1 km.
func quietStartM(L float64) float64 { return min(1000, L/8) }

func classFactor(pref SurfacePref, c Class, s Surface) float64 {
	switch pref {
	case PreferRoad:
		switch c {
		case ClassAvoid:
			return 4
		case ClassTrail:
			return 2.5
		case ClassPath:
			if s == SurfaceUnpaved {
				return 2
			}
			if s == SurfaceUnknown {
				return 1.2
			}
		}
		return 1
	case PreferTrail:
		switch c {
		case ClassTrail:
			return 1
		case ClassPath:
			if s == SurfaceUnknown || s == SurfaceUnpaved {
				return 1.4
			}
			return 2
		case ClassAvoid:
			return 6
		}
		return 2.5
	}
	if c == ClassAvoid {
		return 4
	}
	return 1
}

// candidate is one built route before it is described.
type candidate struct {
	kind    string
	nodes   []int32
	edges   []int32
	lengthM float64
	reusedM float64
	stemM   float64
	dest    *Place
	heading float64
	note    string
	score   float64
	sugg    Suggestion
}

// worker builds candidates with its own search and edge marks.
type worker struct {
	p     *planner
	s     *Search
	lay   *searchLayout
	marks []edgeMark // by edge slot (layout.go); the Search's: pooled with it, stamped by generation
	gen   uint32     // marks[e].used == gen: used by the attempt in progress
	fgen  uint32     // marks[e].fixed == fgen: kept across attempts
	soft  Cost       // the base price, ×5 on marked edges (legSearch writes out the same)

	// While calibratedLoop runs: the legs routed so far (routeLeg) and the
	// vertices visited by the attempt in progress.
	memoOn bool
	memo   []legMemo
	seq    []int32
}

// edgeMark is a worker's marks of one edge (one cache line for both).
type edgeMark struct{ used, fixed uint32 }

func (p *planner) newWorker() *worker {
	g := p.g
	s, _ := g.pool.Get().(*Search)
	if s == nil {
		s = g.NewSearch()
	}
	s.Heuristic = 1
	if len(s.marks) != len(g.eu) {
		s.marks, s.ugen, s.fgen = make([]edgeMark, len(g.eu)), 0, 0
	}
	// Marks left by earlier workers hold older generations: no clearing.
	w := &worker{p: p, s: s, lay: g.layout(), marks: s.marks, gen: s.ugen, fgen: s.fgen}
	w.newAttempt()
	w.clearFixed()
	w.soft = func(e int32) float64 {
		es := w.lay.eslot[e]
		c := float64(p.base[es])
		if m := w.marks[es]; m.used == w.gen || m.fixed == w.fgen {
			c *= 5
		}
		return c
	}
	return w
}

func (w *worker) release() {
	w.s.ugen, w.s.fgen = w.gen, w.fgen
	w.p.g.pool.Put(w.s)
}

// newAttempt forgets the edges of the previous attempt.
func (w *worker) newAttempt() {
	if w.gen++; w.gen == 0 { // wrapped: clear once every 4 billion attempts
		for i := range w.marks {
			w.marks[i].used = 0
		}
		w.gen = 1
	}
}

// mark marks an edge as used by the attempt in progress.
func (w *worker) mark(e int32) { w.marks[w.lay.eslot[e]].used = w.gen }

// keep makes the given edges forbidden for every later attempt until clearFixed.
func (w *worker) keep(edges []int32) {
	for _, e := range edges {
		w.marks[w.lay.eslot[e]].fixed = w.fgen
	}
}

func (w *worker) clearFixed() {
	if w.fgen++; w.fgen == 0 {
		for i := range w.marks {
			w.marks[i].fixed = 0
		}
		w.fgen = 1
	}
}

// walk is a sequence of legs joined end to end.
type walk struct {
	nodes []int32
	edges []int32
}

// leg routes from a to b, forbidding edges marked so far and marking its
// own; when that fails it allows reuse at a ×5 price.
func (w *worker) leg(wk *walk, a, b int32) error {
	if a == b {
		if len(wk.nodes) == 0 {
			wk.nodes = append(wk.nodes, a)
		}
		return nil
	}
	p, ok := w.routeLeg(a, b)
	if !ok {
		return ErrNoPath
	}
	for _, e := range p.Edges {
		w.mark(e)
	}
	if len(wk.nodes) == 0 {
		wk.nodes = append(wk.nodes, p.Nodes...)
	} else {
		wk.nodes = append(wk.nodes, p.Nodes[1:]...)
	}
	wk.edges = append(wk.edges, p.Edges...)
	return nil
}

// routeLeg finds a leg's way: first with the edges marked so far
// forbidden, else with them priced ×5. While a loop shape is calibrated
// (memoOn), a leg reached by the same vertices as in an earlier attempt is
// not searched again: the edges marked before it are then the same (those
// of the same earlier legs, and the kept ones), so the search would find
// the same way.
func (w *worker) routeLeg(a, b int32) (Path, bool) {
	if w.memoOn {
		w.seq = append(w.seq, b)
		for _, m := range w.memo {
			if slices.Equal(m.seq, w.seq) {
				return m.path, m.ok
			}
		}
	}
	g := w.p.g
	// Generous for a leg yet far below the whole map: 8× the straight line
	// (costs run up to ~12× length on run busy roads), at least 5 km.
	bound := 8*geo.FastDistance(g.lat[a], g.lon[a], g.lat[b], g.lon[b]) + 5000
	p, ok := w.legSearch(a, b, false, bound)
	if !ok {
		p, ok = w.legSearch(a, b, true, 3*bound)
	}
	if w.memoOn {
		w.memo = append(w.memo, legMemo{seq: slices.Clone(w.seq), path: p, ok: ok})
	}
	return p, ok
}

// legMemo is a leg routed in an earlier attempt of the loop shape being
// calibrated: the vertices visited up to its end, from the origin on.
type legMemo struct {
	seq  []int32
	path Path
	ok   bool
}

// trimSpurs removes out-and-back stubs: an edge run and immediately run back.
func trimSpurs(wk walk) walk {
	if len(wk.edges) < 2 {
		return wk
	}
	nodes := []int32{wk.nodes[0]}
	edges := make([]int32, 0, len(wk.edges))
	for i, e := range wk.edges {
		if n := len(edges); n > 0 && edges[n-1] == e {
			edges = edges[:n-1]
			nodes = nodes[:len(nodes)-1]
			continue
		}
		edges = append(edges, e)
		nodes = append(nodes, wk.nodes[i+1])
	}
	return walk{nodes: nodes, edges: edges}
}

// stemLength is the length run twice on the stem (out and back).
func (p *planner) stemLength() float64 {
	l := 0.0
	for _, e := range p.stemEdges {
		l += 2 * float64(p.g.elen[e])
	}
	return l
}

// measure returns the length and the length of repeated edges.
func (p *planner) measure(edges []int32) (length, reused float64) {
	seen := make(map[int32]struct{}, len(edges))
	for _, e := range edges {
		l := float64(p.g.elen[e])
		length += l
		if _, ok := seen[e]; ok {
			reused += l
		}
		seen[e] = struct{}{}
	}
	return
}

// snapVia picks the vertex for a via point: the nearer end of the closest
// edge within reach that is usable, preferring edges never run and of the
// wanted kind; the nearest vertex when none is close.
func (p *planner) snapVia(lat, lon, reachM float64) int32 {
	g := p.g
	best, bestScore := int32(-1), math.Inf(1)
	g.EdgesNear(lat, lon, reachM, func(e int32) {
		price := float64(p.price(e))
		if math.IsInf(price, 1) || !p.core[g.eu[e]] || !p.core[g.ev[e]] {
			return
		}
		d, t := g.projectOnEdge(e, lat, lon)
		if d > reachM {
			return
		}
		// The edge's price per metre says how welcome it is (novelty, surface).
		score := (d + 30) * price / max(1, float64(g.elen[e]))
		n := g.eu[e]
		if t > 0.5 {
			n = g.ev[e]
		}
		if score < bestScore || (score == bestScore && n < best) {
			best, bestScore = n, score
		}
	})
	if best >= 0 {
		return best
	}
	if reachM < 1000 {
		return p.snapVia(lat, lon, reachM*3)
	}
	return g.nearestNode(lat, lon, math.Inf(1))
}

// loopSpec is one loop shape: a heading, the number of vias and the turning sense.
type loopSpec struct {
	heading float64
	vias    int
	cw      bool
}

// polygonFactor is the perimeter of a regular (n+1)-gon inscribed in a
// circle of radius 1.
func polygonFactor(n int) float64 {
	k := float64(n + 1)
	return k * 2 * math.Sin(math.Pi/k)
}

// buildLoop routes a loop through vias on a circle of radius r through the start.
func (w *worker) buildLoop(spec loopSpec, r float64) (walk, error) {
	p := w.p
	g := p.g
	slat, slon := g.lat[p.origin], g.lon[p.origin]
	clat, clon := geo.Offset(slat, slon, spec.heading, r)
	back := spec.heading + 180
	step := 360.0 / float64(spec.vias+1)
	if !spec.cw {
		step = -step
	}
	reach := math.Min(400, math.Max(80, 0.25*r))
	w.newAttempt()
	w.seq = append(w.seq[:0], p.origin)
	var wk walk
	prev := p.origin
	for k := 1; k <= spec.vias; k++ {
		vlat, vlon := geo.Offset(clat, clon, back+step*float64(k), r)
		v := p.snapVia(vlat, vlon, reach)
		if v == prev || v < 0 {
			continue
		}
		if err := w.leg(&wk, prev, v); err != nil {
			return walk{}, err
		}
		prev = v
	}
	if err := w.leg(&wk, prev, p.origin); err != nil {
		return walk{}, err
	}
	return p.withStem(trimSpurs(wk)), nil
}

const (
	lengthTol    = 0.03 // stop calibrating within ±3%
	maxCalibrate = 5
	firstDetour  = 1.3 // network ÷ straight-line distance before measuring
)

// calibratedLoop builds a loop and rescales its circle until its length is
// within 3% of the target (at most maxCalibrate tries), keeping the best.
func (w *worker) calibratedLoop(ctx context.Context, spec loopSpec, detour float64) *candidate {
	p := w.p
	L := p.req.DistanceM
	r := L / (detour * polygonFactor(spec.vias))
	rMin, rMax := r/4, L/polygonFactor(spec.vias) // a detour between 1 and ~5
	var best *candidate
	bestErr := math.Inf(1)
	lo, hi := 0.0, math.Inf(1) // radius bracket from under- and overshoots
	w.memoOn, w.memo = true, w.memo[:0]
	defer func() { w.memoOn = false }()
	for range maxCalibrate {
		if ctx.Err() != nil {
			break
		}
		wk, err := w.buildLoop(spec, r)
		if err != nil || len(wk.edges) < 3 {
			r = min(r*1.3, rMax)
			continue
		}
		length, reused := p.measure(wk.edges)
		e := (length - L) / L
		if math.Abs(e) < bestErr {
			bestErr = math.Abs(e)
			best = &candidate{kind: SuggestLoop, nodes: wk.nodes, edges: wk.edges, lengthM: length, reusedM: reused, heading: spec.heading, stemM: p.stemLength()}
		}
		if math.Abs(e) <= lengthTol {
			break
		}
		next := r * min(1.8, max(0.55, L/length))
		if length < L {
			lo = max(lo, r)
		} else {
			hi = min(hi, r)
		}
		if next <= lo || next >= hi { // the scale overshot what was seen: bisect
			if !math.IsInf(hi, 1) && lo > 0 {
				next = (lo + hi) / 2
			}
		}
		nr := min(rMax, max(rMin, next))
		if nr == r {
			break // pinned at a bound: the same circle again would give the same loop
		}
		r = nr
	}
	return best
}

// loops builds round-trip candidates over several headings in parallel.
func (p *planner) loops(ctx context.Context) ([]*candidate, error) {
	var specs []loopSpec
	if p.req.Heading {
		for i, d := range []float64{0, -30, 30, -60, 60} {
			specs = append(specs, loopSpec{heading: p.req.HeadingDeg + d, vias: 2 + i%2, cw: i%2 == 0})
		}
	} else {
		for i := range 8 {
			specs = append(specs, loopSpec{heading: float64(i) * 45, vias: 3 - i%2, cw: (i/2)%2 == 0})
		}
	}
	out, err := p.runLoops(ctx, specs)
	if err != nil {
		return nil, err
	}
	// Too few good loops (a small or awkward network): a second round of
	// shapes between the first ones.
	if p.goodLoops(out) < p.req.Count && !p.probe && !p.quiet && !p.allBusy(out) {
		more := make([]loopSpec, len(specs))
		for i, sp := range specs {
			more[i] = loopSpec{heading: sp.heading + 22.5, vias: 5 - sp.vias, cw: !sp.cw}
		}
		extra, err := p.runLoops(ctx, more)
		if err != nil {
			return nil, err
		}
		out = append(out, extra...)
	}
	// Tree-like networks (a valley, a peninsula): offer an out-and-back too
	// (choose offers it before loops only where they are all busy and it is
	// not; after a first round that made loops, the tree round builds it).
	if p.goodLoops(out) == 0 && !p.hadLoops {
		w := p.newWorker()
		out = append(out, w.outAndBack()...)
		w.release()
	}
	if len(out) == 0 {
		return nil, ErrNoSuggestion
	}
	return out, nil
}

// runLoops builds one calibrated loop per spec on up to two workers; the
// result does not depend on scheduling.
func (p *planner) runLoops(ctx context.Context, specs []loopSpec) ([]*candidate, error) {
	cands := make([]*candidate, len(specs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), 2, len(specs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := p.newWorker()
			defer w.release()
			w.keep(p.stemEdges)
			for i := range next {
				if p.enough.Load() {
					continue
				}
				cands[i] = w.calibratedLoop(ctx, specs[i], firstDetour)
				p.offer(cands[i])
			}
		}()
	}
	for i := range specs {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return slices.DeleteFunc(cands, func(c *candidate) bool { return c == nil }), nil
}

// allBusy reports whether there are good loops and every one runs busy
// roads for more than MaxBusyShare: more shapes of the same would be busy
// too, the quiet round comes next.
func (p *planner) allBusy(cands []*candidate) bool {
	good := false
	for _, c := range cands {
		if !p.withinTolerance(c) || c.reuses() {
			continue
		}
		good = true
		busy := 0.0
		for _, e := range c.edges {
			if p.g.eflags[e]&FlagBusy != 0 {
				busy += float64(p.g.elen[e])
			}
		}
		if busy <= MaxBusyShare*c.lengthM {
			return false
		}
	}
	return good
}

// goodLoops counts loops within tolerance of the target with no reuse beyond the stem.
func (p *planner) goodLoops(cands []*candidate) int {
	n := 0
	for _, c := range cands {
		if p.withinTolerance(c) && !c.reuses() {
			n++
		}
	}
	return n
}

// outAndBack runs to a vertex at half the target by the request's cost and
// back the same way: of the vertices within outAndBackTol of half the
// target, the one whose way there is the cheapest per metre by the
// request's price (novelty, surface, busy roads), busy roads past
// MaxBusyShare weighing as in the score; the nearest to half the target
// when none is that close. Where the graph has other ways out, up to
// Count−1 more turn in other headings (outAndBacks).
func (w *worker) outAndBack() []*candidate {
	p := w.p
	g := p.g
	half := p.req.DistanceM / 2
	// Search by cost, track the length and busy length of each settled
	// vertex's path.
	best, bestErr := int32(-1), math.Inf(1)
	quiet, quietKey := int32(-1), math.Inf(1)
	// Where no turn within outAndBackTol keeps busy roads to MaxBusyShare,
	// one farther out but still within the promised tolerance (less a
	// margin) may: the quietest there.
	wide, wideKey := int32(-1), math.Inf(1)
	wideTol := tolerance(p.req, SuggestOutAndBack) - 0.01
	type reach struct{ length, busy float64 }
	to := map[int32]reach{}
	var turns [16]turn // the best turn of each heading: more out-and-backs where the graph has other ways out
	slat, slon := g.lat[p.start], g.lon[p.start]
	w.s.Within(p.start, 4*half, w.soft, func(n int32, cost float64) bool {
		var r reach
		if e := w.s.st[n].pred; e >= 0 {
			u := g.eu[e]
			if u == n {
				u = g.ev[e]
			}
			r = to[u]
			r.length += float64(g.elen[e])
			if g.eflags[e]&FlagBusy != 0 {
				r.busy += float64(g.elen[e])
			}
		}
		to[n] = r
		d := math.Abs(r.length - half)
		if d < bestErr {
			best, bestErr = n, d
		}
		if r.length > 0 && d <= wideTol*half {
			key := cost/r.length + 4*max(0, r.busy/r.length-MaxBusyShare)
			if d <= outAndBackTol*half && key < quietKey {
				quiet, quietKey = n, key
			}
			if r.busy <= MaxBusyShare*r.length && key < wideKey {
				wide, wideKey = n, key
			}
			if quietHere := r.busy <= MaxBusyShare*r.length; quietHere || d <= outAndBackTol*half {
				turns[headingOf(slat, slon, g.lat[n], g.lon[n])].offer(n, key, quietHere)
			}
		}
		return len(to) < 2_000_000
	})
	if quiet >= 0 {
		best = quiet
		if to[quiet].busy > MaxBusyShare*to[quiet].length && wide >= 0 {
			best = wide
		}
	} else if wide >= 0 {
		best = wide
	}
	if best < 0 {
		return nil
	}
	b := to[best]
	if math.Abs(b.length-half) > wideTol*half {
		turns = [16]turn{} // the nearest to half the target, out of tolerance: no others
	}
	return w.outAndBacks(best, turns[:], b.busy <= MaxBusyShare*b.length, func(n int32) *candidate {
		path, ok := w.s.PathTo(n)
		if !ok || len(path.Edges) == 0 {
			return nil
		}
		nodes := slices.Clone(path.Nodes)
		edges := slices.Clone(path.Edges)
		for i := len(path.Edges) - 1; i >= 0; i-- {
			edges = append(edges, path.Edges[i])
			nodes = append(nodes, path.Nodes[i])
		}
		length, reused := p.measure(edges)
		return &candidate{kind: SuggestOutAndBack, nodes: nodes, edges: edges, lengthM: length, reusedM: reused,
			note: "the streets here allow no loop of this length: out and back the same way"}
	})
}

// outAndBackTol is how far from half the target an out-and-back may turn
// when that keeps it off busy roads (well inside the ±5% promised).
const outAndBackTol = 0.03
