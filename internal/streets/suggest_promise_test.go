package streets

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"path/filepath"
	"rekindle/internal/geo"
	"slices"
	"strings"
	"testing"
	"time"

	"rekindle/internal/testkit"
)

// TestSuggestKeepsPromise asks ≥ 200 seeded random queries of every extract
// (start vertex, 3–21 km, road|mixed|trail, a kind of place or none, one way
// or not) and checks that every suggestion offered, the first and every
// alternative, is within its tolerance (±5% loops, ±10% trail loops and runs
// to a place), or that the answer is a RefusalError. It prints the refusal
// rate per extract.
//
// An urban loop is a loop suggested from Monaco, the Berlin extract or
// within 5 km of a Delaware town centre; "no edge reused" means no edge run
// twice beyond the stem a start on a dead end must come back by
// (ReusedM − StemM/2 < 0.5 m). At least 95% of urban loops reuse no edge.
// Busy roads (FlagBusy) stay ≤ 25% of every suggestion when the graph has
// quiet streets for it: a suggestion over 25% must say it was checked
// (BusyChecked, in its note too), and the same request with every busy road
// excluded must then find nothing within tolerance (checkNoQuietLoop).
// Independent oracles fail the test where an answer said checked has a
// quiet witness: quietOracle for round trips, placeWitness for runs to a
// place. The busy share is logged by kind and by what the oracles say.
func TestSuggestKeepsPromise(t *testing.T) {
	n := 200
	if testing.Short() {
		n = 40
	}
	cases := []struct {
		name  string
		graph func(t *testing.T) *Graph
		towns [][2]float64 // starts alternate between these and anywhere
		urban bool
		seed  uint64
	}{
		{"monaco", func(t *testing.T) *Graph { return cachedGraph(t, "monaco.osm.pbf") }, nil, true, 21},
		{"berlin", func(t *testing.T) *Graph { return cachedGraph(t, "berlin-siegessaeule.osm.pbf") }, nil, true, 22},
		{"andorra", func(t *testing.T) *Graph { return cachedGraph(t, "andorra.osm.pbf") }, nil, false, 23},
		{"delaware", func(t *testing.T) *Graph { return delaware(t) }, delawareTowns, false, 24},
	}
	kinds := []string{"", "", "", "", "cafe", "bakery", "park", "viewpoint"}
	surfaces := []SurfacePref{PreferRoad, PreferMixed, PreferTrail}
	// Every answer's digest (answerDigest), compared at the end with
	// testdata/suggest-promise-golden.txt: a change of speed must leave
	// all of them as they were.
	var digests []string
	ran := 0
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ran++
			g := c.graph(t)
			g.Core()
			cpu0 := testkit.ProcessCPU()
			rng := rand.New(rand.NewPCG(c.seed, 15))
			var refused, offered, noPlace, urbanLoops, urbanNoReuse, quietOK, quietAsked, altChecked, busyAnswers, busyChecked, withAlt int
			var placeFar int              // refusals where every place of the kind lies beyond reach
			var mapEnds, mapEndsNoAlt int // refusals where the map ends within the turn distance; of them naming no other start
			var overQuieter int           // suggestions over MaxBusyShare where an oracle has a quiet witness
			var busy, roundBusy []float64 // every suggestion; the first of each road/mixed round trip
			byKind := map[string][]float64{}
			overBy := map[string]int{}
			// The independent oracle (quietOracle) over round trips: every
			// suggestion of the queries where it finds a quiet loop or
			// out-and-back, and of those where it finds a quiet loop.
			var oracleBusy, oracleLoopBusy, promisedBusy []float64
			var oracleAsked, oracleYes, oracleLoop, oraclePromised, oracleMissed, promisedMissed, contradicted, refusedWitness, placeChecked, placeContradicted int
			for q := 0; q < n; {
				v := int32(rng.IntN(g.NumNodes()))
				la, lo := g.Node(v)
				inTown := false
				if len(c.towns) > 0 && q%2 == 0 {
					ctr := c.towns[(q/2)%len(c.towns)]
					if geo.FastDistance(la, lo, ctr[0], ctr[1]) > 5000 {
						continue
					}
					inTown = true
				}
				q++
				req := Request{Lat: la, Lon: lo, DistanceM: 3000 + rng.Float64()*18000, Surface: surfaces[rng.IntN(3)],
					To: kinds[rng.IntN(len(kinds))]}
				if req.To != "" {
					req.OneWay = rng.IntN(2) == 0
				}
				sugg, err := g.Suggest(context.Background(), req)
				digests = append(digests, fmt.Sprintf("%s-%03d %s", c.name, q, answerDigest(sugg, err)))
				var wit quietWitness
				if req.To == "" {
					oracleAsked++
					tol := 0.05
					if req.Surface == PreferTrail {
						tol = 0.10
					}
					sv, _ := g.Nearest(req.Lat, req.Lon)
					wit = quietOracle(g, sv, req.DistanceM, tol)
					if wit.Loop || wit.OutAndBack {
						oracleYes++
					}
					if wit.Loop {
						oracleLoop++
					}
				}
				if err != nil {
					var ref *RefusalError
					if !errors.As(err, &ref) || !errors.Is(err, ErrNoSuggestion) {
						t.Fatalf("%+v: not a refusal: %v", req, err)
					}
					if ref.NoPlace {
						noPlace++
						continue
					}
					refused++
					if ref.MapEndsM > 0 {
						// The extract ends before the route could turn:
						// every street within MapEndsM of the start.
						mapEnds++
						if ref.Alternative == nil {
							mapEndsNoAlt++
						}
						if ref.MapEndsM >= turnDistance(req) || !strings.Contains(err.Error(), "the map ends") {
							t.Errorf("%+v: map said to end %.0f m away: %v", req, ref.MapEndsM, err)
						}
					}
					if ref.MapEndsM == 0 && (ref.PlaceM > 0 || ref.PlaceWithinM > 0) {
						placeFar++ // every place of the kind beyond the run's reach: said
					}
					// Out and back the same way by the shortest ways fits:
					// the search must find it (session 22).
					sv, _ := g.Nearest(req.Lat, req.Lon)
					if what, ok := sameWayWitness(g, sv, req); ok {
						refusedWitness++
						t.Errorf("%+v: refused (%v) yet the shortest way %s fits", req, err, what)
					}
					if wit.Loop || wit.OutAndBack {
						// "The streets here allow no round trip" while the
						// oracle holds one within tolerance.
						refusedWitness++
						t.Errorf("%+v: refused (%v) yet the oracle finds a quiet %s", req, err, map[bool]string{true: "loop", false: "out-and-back"}[wit.Loop])
					}
					if a := ref.Alternative; a != nil {
						withAlt++
						if want := altWords(a); !strings.Contains(err.Error(), want) {
							t.Errorf("the refusal %q does not name the start offered", err)
						}
					}
					if ref.Alternative != nil && altChecked < 3 { // the start offered does keep the promise
						altChecked++
						alt := req
						alt.Lat, alt.Lon = ref.Alternative.Lat, ref.Alternative.Lon
						if _, err := g.Suggest(context.Background(), alt); err != nil {
							t.Errorf("%v: the start offered fails: %v", ref, err)
						}
					}
					continue
				}
				urbanQuery := c.urban || inTown
				if req.To == "" && req.Surface != PreferTrail {
					roundBusy = append(roundBusy, sugg[0].BusyShare)
				}
				if sugg[0].BusyShare > MaxBusyShare {
					busyAnswers++
					checkNoQuietLoop(t, g, req, sugg)
				}
				// Quiet streets when the graph has them: one quiet suggestion
				// means every one offered is quiet.
				if slices.ContainsFunc(sugg, func(s Suggestion) bool { return s.BusyShare <= MaxBusyShare }) &&
					slices.ContainsFunc(sugg, func(s Suggestion) bool { return s.BusyShare > MaxBusyShare }) {
					t.Errorf("%+v: a quiet suggestion offered beside a busy one", req)
				}
				if (wit.Loop || wit.OutAndBack) && sugg[0].BusyShare > MaxBusyShare {
					oracleMissed++
				}
				// A loop offered, busy or not, is a loop of this length: the
				// engine offers it before an out-and-back.
				if slices.ContainsFunc(sugg, func(s Suggestion) bool { return s.Kind == SuggestLoop }) {
					wit.AnyLoop = true
				}
				if wit.Promised() {
					oraclePromised++
				}
				// The engine's "no loop of this length keeps to quiet streets"
				// contradicted by the oracle's witness: a failure.
				if wit.Promised() && sugg[0].BusyChecked {
					contradicted++
					t.Errorf("%+v: %s %.0f%% busy said to be the quietest, yet the oracle finds a quiet %s",
						req, sugg[0].Kind, 100*sugg[0].BusyShare, map[bool]string{true: "loop", false: "out-and-back"}[wit.Loop])
				}
				// Runs to a place: "no run to that place of this length
				// keeps to quiet streets" contradicted by placeWitness: a
				// failure, as for round trips.
				placeWit := false
				if req.To != "" && sugg[0].BusyChecked && sugg[0].Destination != nil {
					placeChecked++
					sv, _ := g.Nearest(req.Lat, req.Lon)
					if ok, l, b := placeWitness(g, sv, sugg[0].Destination.Node, req.DistanceM, 0.10, req.OneWay); ok {
						placeContradicted++
						placeWit = true
						t.Errorf("%+v: %s %.0f%% busy said to be the quietest to %q, yet the oracle finds %.0f m %.0f%% busy",
							req, sugg[0].Kind, 100*sugg[0].BusyShare, sugg[0].Destination.Name, l, 100*b)
					}
				}
				// Where the busy share comes from: every suggestion by its
				// kind, and those over MaxBusyShare by what the oracles say.
				for _, s := range sugg {
					byKind[s.Kind] = append(byKind[s.Kind], s.BusyShare)
					if s.BusyShare <= MaxBusyShare {
						continue
					}
					why := "no witness"
					switch {
					case req.To != "" && placeWit:
						why = "a quiet run to the place exists"
					case req.To != "":
					case wit.Loop:
						why = "a quiet loop exists"
					case wit.OutAndBack && wit.AnyLoop:
						why = "only a quiet out-and-back (a busy loop offered)"
					case wit.OutAndBack:
						why = "a quiet out-and-back, no loop"
					}
					overBy[fmt.Sprintf("%s checked=%v: %s", s.Kind, s.BusyChecked, why)]++
					if why != "no witness" {
						overQuieter++
					}
				}
				if wit.Promised() && sugg[0].BusyShare > MaxBusyShare {
					promisedMissed++
					if promisedMissed <= 8 {
						t.Logf("quiet route exists (loop %v %.0f m %.2f busy, out-and-back %v) yet %s %.0f m %.2f busy (checked %v): %+v",
							wit.Loop, wit.LoopM, wit.LoopBusy, wit.OutAndBack, sugg[0].Kind, sugg[0].DistanceM, sugg[0].BusyShare, sugg[0].BusyChecked, req)
					}
				}
				for _, s := range sugg {
					if wit.Loop || wit.OutAndBack {
						oracleBusy = append(oracleBusy, s.BusyShare)
					}
					if wit.Loop {
						oracleLoopBusy = append(oracleLoopBusy, s.BusyShare)
					}
					if wit.Promised() {
						promisedBusy = append(promisedBusy, s.BusyShare)
					}
					offered++
					checkPromise(t, g, req, s)
					busy = append(busy, s.BusyShare)
					if s.Kind == SuggestLoop && urbanQuery {
						urbanLoops++
						if s.ReusedM-s.StemM/2 < 0.5 {
							urbanNoReuse++
						}
					}
					if (s.Kind == SuggestLoop || s.Kind == SuggestOutAndBack) && urbanQuery && req.Surface != PreferTrail {
						if s.BusyChecked {
							busyChecked++ // the streets here have no quiet loop: checked below
						} else {
							quietAsked++
							if s.BusyShare <= MaxBusyShare {
								quietOK++
							}
						}
					}
				}
			}
			cpu := testkit.ProcessCPU() - cpu0
			asked := n - noPlace
			slices.Sort(busy)
			slices.Sort(roundBusy)
			slices.Sort(oracleBusy)
			slices.Sort(oracleLoopBusy)
			slices.Sort(promisedBusy)
			t.Logf("%s: oracle over %d round trips: a quiet route exists for %d (a quiet loop for %d); of the answered ones, promised (a quiet loop, or no loop and a quiet out-and-back): %d; busy share of the suggestions where a quiet route exists median %.3f p90 %.3f (%d; first over %.0f%%: %d), where a quiet loop exists median %.3f p90 %.3f (%d), where promised median %.3f p90 %.3f (%d; first over %.0f%%: %d, said checked: %d); refused where a quiet route exists: %d; runs to a place said checked: %d, of them with a quiet witness: %d",
				c.name, oracleAsked, oracleYes, oracleLoop, oraclePromised, pct(oracleBusy, 0.5), pct(oracleBusy, 0.9), len(oracleBusy), 100*MaxBusyShare, oracleMissed,
				pct(oracleLoopBusy, 0.5), pct(oracleLoopBusy, 0.9), len(oracleLoopBusy), pct(promisedBusy, 0.5), pct(promisedBusy, 0.9), len(promisedBusy), 100*MaxBusyShare, promisedMissed, contradicted, refusedWitness, placeChecked, placeContradicted)
			t.Logf("%s: %d queries (%d asked for a kind of place the map lacks), %d refused (%d naming a start within %.1f km that can): refusal rate %.1f%%; %d suggestions offered, all within tolerance; busy share median %.3f p90 %.3f (first of %d road/mixed round trips: median %.3f p90 %.3f); urban loops %d, %d reuse no edge; urban road/mixed loops and out-and-backs ≤ %.0f%% busy: %d of %d, and %d more where the streets have no quiet loop (checked); answers over %.0f%% busy (any kind): %d; CPU %v",
				c.name, n, noPlace, refused, withAlt, MaxAlternativeStartM/1000, 100*float64(refused)/float64(max(1, asked)), offered,
				pct(busy, 0.5), pct(busy, 0.9), len(roundBusy), pct(roundBusy, 0.5), pct(roundBusy, 0.9), urbanLoops, urbanNoReuse, 100*MaxBusyShare, quietOK, quietAsked, busyChecked, 100*MaxBusyShare, busyAnswers, cpu.Round(time.Millisecond))
			for _, k := range slices.Sorted(maps.Keys(byKind)) {
				v := byKind[k]
				slices.Sort(v)
				over := len(v) - len(slices.DeleteFunc(slices.Clone(v), func(x float64) bool { return x > MaxBusyShare }))
				t.Logf("%s: %s: %d suggestions, busy share median %.3f p90 %.3f, %d over %.0f%%", c.name, k, len(v), pct(v, 0.5), pct(v, 0.9), over, 100*MaxBusyShare)
			}
			t.Logf("%s: suggestions over %.0f%% busy where an oracle finds a quieter route: %d", c.name, 100*MaxBusyShare, overQuieter)
			t.Logf("%s: refusals by cause: %d where the map ends before the route could turn (every street within half the target, the whole one way; %d of them naming no start that can), %d where every place of the kind lies beyond the run's reach, %d other; refusal rate over the queries the map is not too small for (not map-ends-and-no-start) %.1f%%",
				c.name, mapEnds, mapEndsNoAlt, placeFar, refused-mapEnds-placeFar, 100*float64(refused-mapEndsNoAlt)/float64(max(1, asked-mapEndsNoAlt)))
			for _, k := range slices.Sorted(maps.Keys(overBy)) {
				t.Logf("%s: over %.0f%% busy: %s: %d", c.name, 100*MaxBusyShare, k, overBy[k])
			}
			// Every urban road or mixed loop keeps busy roads to
			// MaxBusyShare unless the engine checked that the streets there
			// have no quiet loop of that length (BusyChecked, itself
			// checked by checkNoQuietLoop).
			if quietOK < quietAsked {
				t.Errorf("%d of %d urban road/mixed round trips on busy roads for more than %.0f%%", quietAsked-quietOK, quietAsked, 100*MaxBusyShare)
			}
			if urbanLoops > 0 && float64(urbanNoReuse) < 0.95*float64(urbanLoops) {
				t.Errorf("only %d of %d urban loops reuse no edge (want ≥ 95%%)", urbanNoReuse, urbanLoops)
			}
			if offered == 0 {
				t.Errorf("nothing offered in %d queries", n)
			}
		})
	}
	if n == 200 && ran == len(cases) {
		checkGolden(t, filepath.Join("testdata", "suggest-promise-golden.txt"), digests)
	}
}

func pct(sorted []float64, f float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	return sorted[min(len(sorted)-1, int(f*float64(len(sorted))))]
}

// checkPromise checks one suggestion against its request.
func checkPromise(t *testing.T, g *Graph, req Request, s Suggestion) {
	t.Helper()
	tol := 0.05
	if req.To != "" || req.Surface == PreferTrail {
		tol = 0.10
	}
	if e := math.Abs(s.DistanceM-req.DistanceM) / req.DistanceM; e > tol+1e-9 {
		t.Errorf("%+v: %s of %.0f m is %.1f%% off the target (tolerance %.0f%%)", req, s.Kind, s.DistanceM, 100*e, 100*tol)
	}
	if s.Tolerance != tol {
		t.Errorf("tolerance %v, want %v", s.Tolerance, tol)
	}
	if s.AscentM != nil || s.ElevationKnown {
		t.Errorf("elevation reported as known (%v) without heights in the graph", s.AscentM)
	}
	if !(s.BusyShare >= 0 && s.BusyShare <= 1) {
		t.Errorf("busy share %v", s.BusyShare)
	}
	checkSuggestion(t, g, s)
	checkCues(t, s.Cues)
}

// checkCues asserts that consecutive cues never repeat a street, the
// departure included: a cue on the street the runner is already on says
// "to stay on" (or "turn around on").
func checkCues(t *testing.T, cues []Cue) {
	t.Helper()
	for i := 1; i < len(cues)-1; i++ {
		a, b := cues[i-1], cues[i]
		if b.Street != "" && a.Street == b.Street && !strings.Contains(b.Text, "stay on") && !strings.Contains(b.Text, "around on") {
			t.Errorf("repeated cue: %q at %.0f m, then %q at %.0f m", a.Text, a.AtM, b.Text, b.AtM)
		}
	}
}

// checkNoQuietLoop checks an answer whose suggestions all run busy roads for
// more than MaxBusyShare: each must say so (BusyChecked and its note), and
// the graph must really have no quiet way to do it — the same request with
// every busy road excluded but those within quietStartM of the start (what
// the claim means: a start on an arterial leaves by it) finds nothing within
// tolerance and ≤ MaxBusyShare busy. Another search than the engine's own
// quiet round: the whole first round (every shape, reuse as a last resort)
// on the graph without those roads.
func checkNoQuietLoop(t *testing.T, g *Graph, req Request, sugg []Suggestion) {
	t.Helper()
	for _, s := range sugg {
		if s.BusyShare <= MaxBusyShare {
			t.Errorf("%+v: a quiet suggestion offered beside a busy one", req)
		}
		if !s.BusyChecked || !strings.Contains(s.Note, "no "+kindWords(s.Kind)+" of this length from here keeps to quiet streets") {
			t.Errorf("%+v: %.0f%% busy and not said: checked %v, note %q", req, 100*s.BusyShare, s.BusyChecked, s.Note)
		}
	}
	quiet := req
	near := quietStartM(req.DistanceM)
	quiet.Exclude = func(e int32) bool {
		return g.eflags[e]&FlagBusy != 0 && geo.FastDistance(req.Lat, req.Lon, g.lat[g.eu[e]], g.lon[g.eu[e]]) > near &&
			geo.FastDistance(req.Lat, req.Lon, g.lat[g.ev[e]], g.lon[g.ev[e]]) > near
	}
	q, err := g.Suggest(context.Background(), quiet)
	for _, x := range q {
		if err != nil || x.BusyShare > MaxBusyShare {
			continue
		}
		t.Errorf("%+v: %s of %.0f m offered %.0f%% busy, yet without busy roads beyond %.0f m of the start there is a %s of %.0f m %.0f%% busy",
			req, sugg[0].Kind, sugg[0].DistanceM, 100*sugg[0].BusyShare, near, x.Kind, x.DistanceM, 100*x.BusyShare)
		break
	}
}
