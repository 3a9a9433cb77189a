package streets

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"rekindle"
	"rekindle/internal/geo"
	"rekindle/internal/units"

	"github.com/paulmach/osm"
)

// A loop longer than the map allows is refused with a RefusalError, not
// offered at the wrong length.
func TestSuggestRefusesWhatTheMapCannotDo(t *testing.T) {
	g := cachedGraph(t, "berlin-siegessaeule.osm.pbf")
	la, lo := g.Node(0)
	_, err := g.Suggest(context.Background(), Request{Lat: la, Lon: lo, DistanceM: 21000})
	var ref *RefusalError
	if !errors.As(err, &ref) || !errors.Is(err, ErrNoSuggestion) {
		t.Fatalf("21 km in a 0.9 × 2.3 km extract: %v", err)
	}
	if ref.TargetM != 21000 || ref.Tolerance != 0.05 || ref.Kind != SuggestLoop {
		t.Errorf("refusal %+v", ref)
	}
	if !strings.Contains(err.Error(), "you asked for a 21.0 km loop, but ") || ref.Reason() != ReasonMapEnds {
		t.Errorf("message %q", err)
	}
	// The cause is said: the extract ends before the loop could turn.
	total := 0.0
	for _, l := range g.TotalLength() {
		total += l
	}
	if ref.MapEndsM <= 0 || ref.MapEndsM >= 10500 || math.Abs(ref.MapStreetsM-total) > 1 {
		t.Errorf("map ends %v m, streets %v m (want within 10.5 km; %.0f m)", ref.MapEndsM, ref.MapStreetsM, total)
	}
	if want := fmt.Sprintf("the map ends %.1f km from here by its streets (%.1f km of streets in all)", ref.MapEndsM/1000, total/1000); !strings.Contains(err.Error(), want) {
		t.Errorf("message %q does not say %q", err, want)
	}
	// Where the map reaches past half the target, no such cause is given.
	if _, ok := g.mapEndsWithin(0, 1000); ok {
		t.Errorf("the Berlin extract said to end within 1 km of vertex 0")
	}
	t.Log(err)
}

// From a start that cannot, the refusal names a start that can — its
// position and its distance from the start asked, in the message a runner
// reads — and that start does give suggestions, every one within tolerance.
func TestSuggestOffersTheNearestStartThatCan(t *testing.T) {
	g := cachedGraph(t, "monaco.osm.pbf")
	found := 0
	for n := int32(0); n < int32(g.NumNodes()) && found < 2; n += 97 {
		la, lo := g.Node(n)
		req := Request{Lat: la, Lon: lo, DistanceM: 9000}
		_, err := g.Suggest(context.Background(), req)
		var ref *RefusalError
		if !errors.As(err, &ref) || ref.Alternative == nil {
			continue
		}
		found++
		a := ref.Alternative
		if a.DistanceM <= 0 || a.DistanceM > MaxAlternativeStartM*1.3 {
			t.Errorf("alternative %+v", a)
		}
		if d := geo.Distance(ref.Lat, ref.Lon, a.Lat, a.Lon); math.Abs(d-a.DistanceM) > 0.1 {
			t.Errorf("alternative said %.1f m away, is %.1f m", a.DistanceM, d)
		}
		if want := altWords(a); !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal %q does not name the start that can (%q)", err, want)
		}
		if ref.BestM > 0 {
			// The length offered from here does give a suggestion from here.
			best := req
			best.DistanceM = ref.BestM
			if s, err := g.Suggest(context.Background(), best); err != nil || len(s) == 0 {
				t.Errorf("the refusal offers %.0f m from here, which is refused: %v", ref.BestM, err)
			}
		}
		alt := req
		alt.Lat, alt.Lon = a.Lat, a.Lon
		s, err := g.Suggest(context.Background(), alt)
		if err != nil {
			t.Fatalf("the start offered (%v) cannot: %v", ref, err)
		}
		for _, x := range s {
			checkPromise(t, g, Request{DistanceM: 9000, Surface: PreferMixed}, x)
		}
		t.Logf("%v → %d suggestions, first %.0f m %s", ref, len(s), s[0].DistanceM, s[0].Kind)
	}
	if found == 0 {
		t.Fatal("no Monaco start refused 9 km with an alternative: the test checks nothing")
	}
}

// Bakeries: Monaco maps three (shop=bakery nodes); Andorra none, and that is
// said, not papered over.
func TestSuggestToBakery(t *testing.T) {
	g := cachedGraph(t, "monaco.osm.pbf")
	if n := len(g.FindPlaces("bakery", monacoLat, monacoLon)); n != 3 {
		t.Errorf("%d bakeries in Monaco, want 3", n)
	}
	s, err := g.Suggest(context.Background(), Request{Lat: monacoLat, Lon: monacoLon, DistanceM: 4000, To: "bakery"})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range s {
		if x.Destination == nil || x.Destination.Kind != "bakery" {
			t.Errorf("destination %+v", x.Destination)
		}
		checkPromise(t, g, Request{DistanceM: 4000, To: "bakery"}, x)
	}
	a := cachedGraph(t, "andorra.osm.pbf")
	la, lo := a.Node(0)
	_, err = a.Suggest(context.Background(), Request{Lat: la, Lon: lo, DistanceM: 4000, To: "bakery"})
	var ref *RefusalError
	if !errors.As(err, &ref) || !ref.NoPlace || !strings.Contains(err.Error(), `a 4.0 km run to a bakery and back, but the map has no bakery`) {
		t.Errorf("Andorra bakery: %v", err)
	}
}

// Busy is by highway class, sidewalk or not.
func TestBusyFlag(t *testing.T) {
	cases := []struct {
		tags osm.Tags
		busy bool
	}{
		{osm.Tags{{Key: "highway", Value: "primary"}, {Key: "sidewalk", Value: "both"}}, true},
		{osm.Tags{{Key: "highway", Value: "tertiary_link"}}, true},
		{osm.Tags{{Key: "highway", Value: "residential"}, {Key: "maxspeed", Value: "70"}}, true},
		{osm.Tags{{Key: "highway", Value: "residential"}}, false},
		{osm.Tags{{Key: "highway", Value: "footway"}, {Key: "maxspeed", Value: "70"}}, false},
	}
	for _, c := range cases {
		if got := classifyWay(c.tags).flags&FlagBusy != 0; got != c.busy {
			t.Errorf("%v: busy %v, want %v", c.tags, got, c.busy)
		}
	}
}

// The JSON says elevation is unknown (null and false), not 0, and carries
// the busy share and tolerance.
func TestSuggestionJSONElevationUnknown(t *testing.T) {
	g := cachedGraph(t, "monaco.osm.pbf")
	s, err := g.Suggest(context.Background(), Request{Lat: monacoLat, Lon: monacoLon, DistanceM: 5000, Count: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(s[0])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if v, ok := m["ascent_m"]; !ok || v != nil {
		t.Errorf("ascent_m %v (present %v), want null", v, ok)
	}
	if m["elevation_known"] != false {
		t.Errorf("elevation_known %v", m["elevation_known"])
	}
	if _, ok := m["busy_share"].(float64); !ok {
		t.Errorf("busy_share missing: %s", b)
	}
	if m["tolerance"] != 0.05 {
		t.Errorf("tolerance %v", m["tolerance"])
	}
}

// TestSuggestToPlaceQuietWhereTheOracleFinds pins the one-way runs to a
// place that main offered over 25% busy, "checked", while placeWitness
// found a quiet one (TestSuggestKeepsPromise, 2026-12-05): each now keeps
// busy roads to MaxBusyShare.
func TestSuggestToPlaceQuietWhereTheOracleFinds(t *testing.T) {
	cases := []struct {
		graph func(t *testing.T) *Graph
		req   Request
	}{
		{func(t *testing.T) *Graph { return cachedGraph(t, "monaco.osm.pbf") },
			Request{Lat: 43.7344516, Lon: 7.4181468, DistanceM: 6468.94360975898, Surface: PreferMixed, To: "cafe", OneWay: true}},
		{func(t *testing.T) *Graph { return cachedGraph(t, "monaco.osm.pbf") },
			Request{Lat: 43.7367529, Lon: 7.4184079999999994, DistanceM: 5433.927824375128, Surface: PreferTrail, To: "viewpoint", OneWay: true}},
		{func(t *testing.T) *Graph { return delaware(t) },
			Request{Lat: 39.186979799999996, Lon: -75.508374, DistanceM: 9291.680197090614, Surface: PreferRoad, To: "bakery", OneWay: true}},
		{func(t *testing.T) *Graph { return delaware(t) },
			Request{Lat: 39.1571786, Lon: -75.5227735, DistanceM: 12168.001137488222, Surface: PreferTrail, To: "bakery", OneWay: true}},
	}
	for _, c := range cases {
		g := c.graph(t)
		sugg, err := g.Suggest(context.Background(), c.req)
		if err != nil {
			t.Fatalf("%+v: %v", c.req, err)
		}
		for _, s := range sugg {
			checkPromise(t, g, c.req, s)
			if s.BusyShare > MaxBusyShare || s.BusyChecked {
				t.Errorf("%+v: %s of %.0f m %.0f%% busy (checked %v)", c.req, s.Kind, s.DistanceM, 100*s.BusyShare, s.BusyChecked)
			}
		}
		t.Logf("%s %.1f km to %s: %s %.0f m, busy %.3f", c.req.To, c.req.DistanceM/1000, c.req.Surface, sugg[0].Kind, sugg[0].DistanceM, sugg[0].BusyShare)
	}
}

// Where the priced searches find nothing of the length but the shortest way
// out and back the same way fits, it is offered, labelled, not refused
// (issue 15: "where a route within tolerance exists, the search finds it").
// The requests: Andorra refusals of TestSuggestKeepsPromise (seed 23) for
// which sameWayWitness holds a route: four runs to a place and back whose
// only way back is the way there, and a trail loop whose only reach of the
// length is a busy road up a valley.
func TestSuggestSameWayWhereOnlyItFits(t *testing.T) {
	if testing.Short() {
		t.Skip("Andorra; skipped in -short")
	}
	g := cachedGraph(t, "andorra.osm.pbf")
	for _, req := range []Request{
		{Lat: 42.4961238, Lon: 1.4960451, DistanceM: 6599.6222493411115, Surface: PreferTrail, To: "park"},
		{Lat: 42.558027599999996, Lon: 1.6018366, DistanceM: 9795.536085225911, Surface: PreferTrail},
		{Lat: 42.5026802, Lon: 1.5345593, DistanceM: 18404.08996709573, Surface: PreferRoad, To: "viewpoint"},
		{Lat: 42.5001855, Lon: 1.5083993, DistanceM: 11594.11746426531, Surface: PreferTrail, To: "viewpoint"},
		{Lat: 42.4969975, Lon: 1.5132046, DistanceM: 17450.90628222791, Surface: PreferMixed, To: "park"},
	} {
		sv, _ := g.Nearest(req.Lat, req.Lon)
		what, ok := sameWayWitness(g, sv, req)
		if !ok {
			t.Errorf("%+v: no same-way witness: not the class this test is about", req)
			continue
		}
		sugg, err := g.Suggest(context.Background(), req)
		if err != nil {
			t.Errorf("%+v: refused (%v), yet the shortest way %s fits", req, err, what)
			continue
		}
		for _, s := range sugg {
			checkPromise(t, g, req, s)
			if req.To != "" && (s.Destination == nil || s.Destination.Kind != req.To) {
				t.Errorf("%+v: destination %+v", req, s.Destination)
			}
		}
		t.Logf("%.0f m %s %q: %d offered, first %s %.0f m %.0f%% busy: %s", req.DistanceM, req.Surface, req.To, len(sugg), sugg[0].Kind, sugg[0].DistanceM, 100*sugg[0].BusyShare, sugg[0].Note)
	}
}

// A run to a place refused because every place of the kind lies beyond the
// run's reach says so, with the distance by the streets an independent
// Dijkstra gives (Andorra: the nearest park is farther than 4.1 km one way
// from this start).
func TestSuggestRefusalSaysThePlaceIsTooFar(t *testing.T) {
	g := cachedGraph(t, "andorra.osm.pbf")
	req := Request{Lat: 42.471965, Lon: 1.5442996999999998, DistanceM: 4089.9589141205697, Surface: PreferTrail, To: "park", OneWay: true}
	_, err := g.Suggest(context.Background(), req)
	var ref *RefusalError
	if !errors.As(err, &ref) {
		t.Fatalf("%+v: %v, want a refusal", req, err)
	}
	sv, _ := g.Nearest(req.Lat, req.Lon)
	reach := req.DistanceM * 1.10
	d := shortestLengths(g, sv, reach+placeLookM)
	nearest := math.Inf(1)
	for _, pl := range g.FindPlaces("park", req.Lat, req.Lon) {
		if x, ok := d[pl.Node]; ok {
			nearest = min(nearest, x)
		}
	}
	switch {
	case math.IsInf(nearest, 1):
		if want := fmt.Sprintf("no park within %.1f km by the streets", (reach+placeLookM)/1000); !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not say %q", err, want)
		}
	case nearest > reach:
		if math.Abs(ref.PlaceM-nearest) > 1 {
			t.Errorf("PlaceM %.0f, the shortest way %.0f", ref.PlaceM, nearest)
		}
		if want := fmt.Sprintf("the nearest park is %.1f km away by the streets", nearest/1000); !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not say %q", err, want)
		}
	default:
		t.Fatalf("a park %.0f m away by the streets: not the class this test is about", nearest)
	}
	t.Log(err)
}

// A run to a place nearer than the target, where the shapes find no way of
// the length, goes by a turn on the way rather than being refused, when the
// shortest ways out to a turn and on to the place (and home) fit
// (detourWitness). The requests: every Andorra refusal of
// TestSuggestKeepsPromise (seed 23) left after the same-way round whose
// place lies within reach, and Delaware's three (seed 24).
func TestSuggestPlaceNearerThanTheTargetByATurn(t *testing.T) {
	if testing.Short() {
		t.Skip("Andorra and Delaware; skipped in -short")
	}
	cases := []struct {
		graph func(t *testing.T) *Graph
		req   Request
	}{}
	andorra := func(t *testing.T) *Graph { return cachedGraph(t, "andorra.osm.pbf") }
	dela := func(t *testing.T) *Graph { return delaware(t) }
	for _, r := range []Request{
		{Lat: 42.6205955, Lon: 1.4709526, DistanceM: 3814.797483048425, Surface: PreferMixed, To: "cafe", OneWay: true},
		{Lat: 42.5142053, Lon: 1.5350937999999998, DistanceM: 7714.456714530074, Surface: PreferTrail, To: "viewpoint"},
		{Lat: 42.5265805, Lon: 1.6869642999999999, DistanceM: 17511.187018516008, Surface: PreferMixed, To: "cafe", OneWay: true},
		{Lat: 42.6373707, Lon: 1.4697472, DistanceM: 12006.281919248004, Surface: PreferTrail, To: "cafe", OneWay: true},
		{Lat: 42.490414799999996, Lon: 1.6478247, DistanceM: 20293.04338467723, Surface: PreferMixed, To: "cafe"},
		{Lat: 42.5301289, Lon: 1.5536649, DistanceM: 11753.040992127248, Surface: PreferTrail, To: "cafe"},
	} {
		cases = append(cases, struct {
			graph func(t *testing.T) *Graph
			req   Request
		}{andorra, r})
	}
	for _, r := range []Request{
		{Lat: 38.658589, Lon: -75.173042, DistanceM: 15937.348015878759, Surface: PreferRoad, To: "park"},
		{Lat: 39.5681012, Lon: -75.6529539, DistanceM: 17065.21771503392, Surface: PreferRoad, To: "park"},
		{Lat: 39.7780967, Lon: -75.602308, DistanceM: 16269.730363178702, Surface: PreferMixed, To: "cafe"},
	} {
		cases = append(cases, struct {
			graph func(t *testing.T) *Graph
			req   Request
		}{dela, r})
	}
	for _, c := range cases {
		g, req := c.graph(t), c.req
		sv, _ := g.Nearest(req.Lat, req.Lon)
		if !detourWitness(g, sv, req) {
			t.Logf("%+v: no detour witness", req)
			continue
		}
		sugg, err := g.Suggest(context.Background(), req)
		if err != nil {
			t.Errorf("%+v: refused (%v), yet a turn on the way fits", req, err)
			continue
		}
		for _, s := range sugg {
			checkPromise(t, g, req, s)
			if s.Destination == nil || s.Destination.Kind != req.To {
				t.Errorf("%+v: destination %+v", req, s.Destination)
			}
		}
		t.Logf("%.0f m %s %q one way %v: %s %.0f m, %.0f m twice, %.0f%% busy: %s", req.DistanceM, req.Surface, req.To, req.OneWay, sugg[0].Kind, sugg[0].DistanceM, sugg[0].ReusedM, 100*sugg[0].BusyShare, sugg[0].Note)
	}
}

// detourWitness: a vertex x and a place t of the kind with d(s,x) + d(x,t)
// (+ d(t,s) there and back) within tolerance of the target, by the oracle's
// own shortest ways: a walk of that length exists.
func detourWitness(g *Graph, start int32, req Request) bool {
	L := req.DistanceM
	tol := tolerance(req, refusalKind(req))
	ds := shortestLengths(g, start, L*(1+tol))
	for _, pl := range g.FindPlaces(req.To, g.lat[start], g.lon[start]) {
		st, ok := ds[pl.Node]
		if !ok || pl.Node == start {
			continue
		}
		back := 0.0
		if !req.OneWay {
			back = st
		}
		dt := shortestLengths(g, pl.Node, L*(1+tol))
		for x, a := range ds {
			if b, ok := dt[x]; ok && math.Abs(a+b+back-L) <= tol*L {
				return true
			}
		}
	}
	return false
}

// altWords is how a refusal names its alternative start: by its street
// when it has one, its position, and how far it is.
func altWords(a *AlternativeStart) string {
	at := fmt.Sprintf("%.5f,%.5f", a.Lat, a.Lon)
	if a.Name != "" {
		at = a.Name + " (" + at + ")"
	}
	return fmt.Sprintf("Start on %s, %s away, where it works", at, shortDist(a.DistanceM, rekindle.UnitKm))
}

// A refusal is one value shown two ways: its sentence says what was asked,
// why not, the nearest start that can (by its street) and the length that
// works from here, in the runner's unit; its view carries the same fields.
func TestRefusalSentence(t *testing.T) {
	ref := &RefusalError{Kind: SuggestLoop, Surface: PreferTrail, TargetM: 10000, Tolerance: 0.10, Lat: 42.5, Lon: 1.5,
		ClosestM: 52480, BestM: 7400, Alternative: &AlternativeStart{Lat: 42.51, Lon: 1.51, DistanceM: 640, Name: "Carrer Major"}}
	km := ref.Sentence(rekindle.UnitKm)
	for _, want := range []string{"you asked for a 10.0 km trail loop", "the streets around this start have no trail loop of that length (within ±10%)",
		"Start on Carrer Major (42.51000,1.51000), 640 m away, where it works", "or from here run 7.4 km instead"} {
		if !strings.Contains(km, want) {
			t.Errorf("%q does not say %q", km, want)
		}
	}
	if strings.Contains(km, "52.5") {
		t.Errorf("%q offers a length that does not keep the promise", km)
	}
	mi := ref.Sentence(rekindle.UnitMi)
	for _, want := range []string{"a 6.2 mi trail loop", "0.4 mi away", "run 4.6 mi instead"} {
		if !strings.Contains(mi, want) {
			t.Errorf("%q does not say %q", mi, want)
		}
	}
	if ref.Error() != "route: suggest: "+km {
		t.Errorf("Error() %q is not the sentence %q", ref.Error(), km)
	}
	v := ref.View(rekindle.UnitMi)
	if v.Reason != ReasonNoRoute || v.Sentence != mi || v.BestDistanceM != 7400 || v.Alternative.Name != "Carrer Major" || v.AskedDistanceM != 10000 {
		t.Errorf("view %+v", v)
	}
	far := &RefusalError{Kind: SuggestThereAndBack, TargetM: 4090, Tolerance: 0.10, To: "park", PlaceM: 13300}
	if got, want := far.Sentence(rekindle.UnitKm), "you asked for a 4.1 km run to a park and back, but the nearest park is 13.3 km away by the streets, beyond its reach. No start within 2.5 km can."; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if got := article(units.Show(8000, rekindle.UnitKm)); got != "an 8.0 km" {
		t.Errorf("article: %q", got)
	}
	if got := article(units.Show(11000, rekindle.UnitKm)); got != "an 11.0 km" {
		t.Errorf("article: %q", got)
	}
	if got := article(units.Show(1800, rekindle.UnitKm)); got != "a 1.8 km" {
		t.Errorf("article: %q", got)
	}
}
