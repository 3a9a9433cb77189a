package streets

import (
	"bytes"
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/filedef"
	"github.com/muktihari/fit/profile/typedef"

	"rekindle/internal/gpx"
	"rekindle/internal/measure"
	"rekindle/internal/route"
)

// Monaco: the Place du Casino area, dense streets and stairs.
const monacoLat, monacoLon = 43.7384, 7.4246

func TestSuggestExportRoundTrip(t *testing.T) {
	g := cachedGraph(t, "monaco.osm.pbf")
	sugg, err := g.Suggest(context.Background(), Request{Lat: monacoLat, Lon: monacoLon, DistanceM: 6000})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range sugg {
		var buf bytes.Buffer
		if err := s.WriteGPX(&buf, "Monaco <loop> & co"); err != nil {
			t.Fatal(err)
		}
		acts, err := gpx.Decode(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("suggestion %d: re-import: %v", i, err)
		}
		if len(acts) != 1 || acts[0].Track.Len() != len(s.Polyline) {
			t.Fatalf("suggestion %d: %d activities, want 1 with %d points", i, len(acts), len(s.Polyline))
		}
		measure.Activity(acts[0])
		got := acts[0].Summary.DistanceM
		t.Logf("suggestion %d: %.1f m, GPX re-imported %.1f m, %d cues", i, s.DistanceM, got, len(s.Cues))
		if math.Abs(got-s.DistanceM) > 0.005*s.DistanceM {
			t.Errorf("suggestion %d: GPX re-imports at %.1f m, suggested %.1f m", i, got, s.DistanceM)
		}

		buf.Reset()
		if err := s.WriteFIT(&buf, "Monaco loop", time.Date(2026, 5, 1, 7, 0, 0, 0, time.UTC), 3); err != nil {
			t.Fatal(err)
		}
		fit, err := decoder.New(bytes.NewReader(buf.Bytes())).Decode()
		if err != nil {
			t.Fatalf("suggestion %d: FIT course does not decode: %v", i, err)
		}
		course := filedef.NewCourse(fit.Messages...)
		if course.FileId.Type != typedef.FileCourse || course.Course == nil || len(course.Records) != len(s.Polyline) {
			t.Fatalf("suggestion %d: FIT course type %v, %d records (want %d)", i, course.FileId.Type, len(course.Records), len(s.Polyline))
		}
		last := course.Records[len(course.Records)-1].DistanceScaled()
		if math.Abs(last-s.DistanceM) > 0.005*s.DistanceM+1 {
			t.Errorf("suggestion %d: FIT course ends at %.1f m, want %.1f", i, last, s.DistanceM)
		}
		if len(course.CoursePoints) == 0 {
			t.Errorf("suggestion %d: FIT course without course points", i)
		}
	}
}

func TestSuggestToPlace(t *testing.T) {
	g := cachedGraph(t, "monaco.osm.pbf")
	ctx := context.Background()
	for _, oneWay := range []bool{true, false} {
		for _, to := range []string{"cafe", "park", "Boulevard de Suisse"} {
			sugg, err := g.Suggest(ctx, Request{Lat: monacoLat, Lon: monacoLon, DistanceM: 4000, To: to, OneWay: oneWay, Count: 2})
			if err != nil {
				t.Fatalf("to %s (one way %v): %v", to, oneWay, err)
			}
			for _, s := range sugg {
				checkSuggestion(t, g, s)
				if s.Destination == nil {
					t.Fatalf("to %s: no destination", to)
				}
				t.Logf("to %s one-way %v: %s %.0f m to %s %q, note %q", to, oneWay, s.Kind, s.DistanceM, s.Destination.Kind, s.Destination.Name, s.Note)
				if oneWay {
					if last := s.Nodes[len(s.Nodes)-1]; last != s.Destination.Node {
						t.Errorf("to %s: ends at vertex %d, destination %d", to, last, s.Destination.Node)
					}
					if c := s.Cues[len(s.Cues)-1]; c.Text == "Arrive" || c.Text == "Arrive back at the start" {
						t.Errorf("to %s: last cue %q does not name the place", to, c.Text)
					}
				} else {
					found := false
					for _, n := range s.Nodes {
						found = found || n == s.Destination.Node
					}
					if !found {
						t.Errorf("to %s: there and back never reaches the destination", to)
					}
				}
				if math.Abs(s.DistanceM-4000) > 0.1*4000 {
					t.Errorf("to %s: %.0f m offered for 4000 m (tolerance ±10%%)", to, s.DistanceM)
				}
			}
		}
	}
	if _, err := g.Suggest(ctx, Request{Lat: monacoLat, Lon: monacoLon, DistanceM: 4000, To: "no such place anywhere"}); !errors.Is(err, ErrNoSuggestion) {
		t.Errorf("unknown place: %v", err)
	}
}

func TestSuggestTrailAndorra(t *testing.T) {
	g := cachedGraph(t, "andorra.osm.pbf")
	ctx := context.Background()
	const lat, lon = 42.5886, 1.5247 // above Encamp: tracks and paths around
	trail, err := g.Suggest(ctx, Request{Lat: lat, Lon: lon, DistanceM: 6000, Surface: PreferTrail})
	if err != nil {
		t.Fatal(err)
	}
	road, err := g.Suggest(ctx, Request{Lat: lat, Lon: lon, DistanceM: 6000, Surface: PreferRoad})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range trail {
		checkSuggestion(t, g, s)
		t.Logf("trail: %s %.0f m, trail share %.2f (trail %.0f m, path %.0f m, road %.0f m)", s.Kind, s.DistanceM, s.Surface.TrailShare, s.Surface.TrailM, s.Surface.PathM, s.Surface.RoadM)
	}
	for _, s := range road {
		t.Logf("road: %s %.0f m, trail share %.2f, unpaved %.0f m", s.Kind, s.DistanceM, s.Surface.TrailShare, s.Surface.UnpavedM)
	}
	if trail[0].Surface.TrailShare <= 0.5 {
		t.Errorf("a trail request gives a %.0f%% trail loop", trail[0].Surface.TrailShare*100)
	}
	if road[0].Surface.TrailShare > trail[0].Surface.TrailShare+0.05 {
		t.Errorf("road preference %.2f trail share, trail preference %.2f", road[0].Surface.TrailShare, trail[0].Surface.TrailShare)
	}
}

// A runner who has run three loops from home gets new ones on other streets,
// unlike the usual ones, and never on excluded edges.
func TestSuggestNoveltyAndExclusion(t *testing.T) {
	g := cachedGraph(t, "monaco.osm.pbf")
	ctx := context.Background()
	history, err := g.Suggest(ctx, Request{Lat: monacoLat, Lon: monacoLon, DistanceM: 5000, Count: 3})
	if err != nil {
		t.Fatal(err)
	}
	run := map[int32]bool{}
	var usual []*route.Fingerprint
	for _, h := range history {
		for _, e := range h.Edges {
			run[e] = true
		}
		lat, lon := make([]float64, len(h.Polyline)), make([]float64, len(h.Polyline))
		for i, p := range h.Polyline {
			lat[i], lon[i] = p[0], p[1]
		}
		fp := route.NewFingerprint(lat, lon, nil, h.DistanceM)
		usual = append(usual, &fp)
	}
	// Exclude two streets near the start (as if closed for works).
	excluded := func(e int32) bool {
		n := g.EdgeName(e)
		return n == "Boulevard de Suisse" || n == "Avenue de la Costa"
	}
	sugg, err := g.Suggest(ctx, Request{Lat: monacoLat, Lon: monacoLon, DistanceM: 5000, Count: 3,
		Run: func(e int32) bool { return run[e] }, Usual: usual, Exclude: excluded})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sugg {
		checkSuggestion(t, g, s)
		t.Logf("%s %.0f m: never run %.2f, like usual %.2f, reused %.0f m", s.Kind, s.DistanceM, s.NeverRunShare, s.SimilarityToUsual, s.ReusedM)
		if s.NeverRunShare < 0.7 {
			t.Errorf("never-run share %.2f", s.NeverRunShare)
		}
		if s.SimilarityToUsual >= route.SameRoute {
			t.Errorf("suggests a usual route (similarity %.2f)", s.SimilarityToUsual)
		}
		for _, e := range s.Edges {
			if excluded(e) {
				t.Fatalf("uses excluded edge %d (%s)", e, g.EdgeName(e))
			}
		}
	}
	// Suggestions differ from each other.
	for i := range sugg {
		for j := range i {
			if jac := jaccard(edgeSet(g, sugg[i].Edges), edgeSet(g, sugg[j].Edges)); jac > 0.5 {
				t.Errorf("suggestions %d and %d share %.0f%% of their length", j, i, 100*jac)
			}
		}
	}
}

func TestSuggestDeterministic(t *testing.T) {
	g := cachedGraph(t, "monaco.osm.pbf")
	req := Request{Lat: monacoLat, Lon: monacoLon, DistanceM: 7000}
	a, err := g.Suggest(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, _ := g.Suggest(context.Background(), req)
		if len(a) != len(b) {
			t.Fatalf("%d then %d suggestions", len(a), len(b))
		}
		for i := range a {
			if a[i].DistanceM != b[i].DistanceM || len(a[i].Edges) != len(b[i].Edges) {
				t.Fatalf("suggestion %d differs between runs", i)
			}
		}
	}
}

func TestSuggestBadRequests(t *testing.T) {
	g := cachedGraph(t, "monaco.osm.pbf")
	ctx := context.Background()
	for _, r := range []Request{
		{Lat: monacoLat, Lon: monacoLon, DistanceM: 0},
		{Lat: monacoLat, Lon: monacoLon, DistanceM: math.NaN()},
		{Lat: monacoLat, Lon: monacoLon, DistanceM: 1e9},
		{Lat: 91, Lon: monacoLon, DistanceM: 5000},
		{Lat: 48.85, Lon: 2.35, DistanceM: 5000}, // Paris: no street of this map near
	} {
		if _, err := g.Suggest(ctx, r); err == nil {
			t.Errorf("%+v: no error", r)
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := g.Suggest(cctx, Request{Lat: monacoLat, Lon: monacoLon, DistanceM: 5000}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
