package streets

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rekindle/internal/geo"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/suggest-golden.txt and suggest-promise-golden.txt")

// TestSuggestSameAnswers pins the suggestions of a fixed set of requests
// (Delaware, Monaco and Andorra; loops, trail loops, runs to a place, one
// way or back; the 10 km loops of the benchmark): one line per request with
// the lengths and a digest of every suggestion in full (vertices, edges,
// cues, shares, score) or of the refusal. A change of speed must leave it
// identical; a deliberate change of behaviour rewrites it with -update and
// says so in its commit.
func TestSuggestSameAnswers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the Delaware graph; skipped in -short")
	}
	var lines []string
	for _, c := range goldenQueries(t) {
		sugg, err := c.g.Suggest(context.Background(), c.req)
		lines = append(lines, c.name+" "+answerDigest(sugg, err))
	}
	got := strings.Join(lines, "\n") + "\n"
	path := filepath.Join("testdata", "suggest-golden.txt")
	if *updateGolden {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (make it with -update)", err)
	}
	wl, gl := strings.Split(string(want), "\n"), strings.Split(got, "\n")
	if len(wl) != len(gl) {
		t.Fatalf("%s: %d lines, got %d", path, len(wl), len(gl))
	}
	for i := range wl {
		if wl[i] != gl[i] {
			t.Errorf("%s line %d:\nwant %s\n got %s", path, i+1, wl[i], gl[i])
		}
	}
}

type goldenQuery struct {
	name string
	g    *Graph
	req  Request
}

// goldenQueries is the fixed set: seeded, so the same on every run.
func goldenQueries(t *testing.T) []goldenQuery {
	var out []goldenQuery
	kinds := []string{"", "", "", "cafe", "bakery", "park"}
	surfaces := []SurfacePref{PreferRoad, PreferMixed, PreferTrail}
	add := func(name string, g *Graph, towns [][2]float64, n int, seed uint64) {
		rng := rand.New(rand.NewPCG(seed, 99))
		for q := 0; q < n; {
			la, lo := g.Node(int32(rng.IntN(g.NumNodes())))
			if len(towns) > 0 {
				c := towns[q%len(towns)]
				if geo.FastDistance(la, lo, c[0], c[1]) > 5000 {
					continue
				}
			}
			req := Request{Lat: la, Lon: lo, DistanceM: 3000 + rng.Float64()*18000, Surface: surfaces[rng.IntN(3)],
				To: kinds[rng.IntN(len(kinds))]}
			if req.To != "" {
				req.OneWay = rng.IntN(2) == 0
			}
			out = append(out, goldenQuery{fmt.Sprintf("%s-%02d", name, q), g, req})
			q++
		}
	}
	dw := delaware(t)
	// The benchmark's 10 km loops.
	rng := rand.New(rand.NewPCG(11, 7))
	for q := 0; q < 12; {
		la, lo := dw.Node(int32(rng.IntN(dw.NumNodes())))
		c := delawareTowns[q%len(delawareTowns)]
		if geo.FastDistance(la, lo, c[0], c[1]) <= 5000 {
			out = append(out, goldenQuery{fmt.Sprintf("delaware10k-%02d", q), dw, Request{Lat: la, Lon: lo, DistanceM: 10000}})
			q++
		}
	}
	add("delaware", dw, delawareTowns, 24, 5)
	add("monaco", cachedGraph(t, "monaco.osm.pbf"), nil, 12, 6)
	add("andorra", cachedGraph(t, "andorra.osm.pbf"), nil, 12, 7)
	return out
}

// answerDigest is the lengths and a SHA-256 of everything a request answers.
func answerDigest(sugg []Suggestion, err error) string {
	h := sha256.New()
	if err != nil {
		var ref *RefusalError
		if errors.As(err, &ref) {
			// The alternative by value: inside the struct %+v would
			// print its address, which differs from run to run.
			r := *ref
			r.Alternative = nil
			fmt.Fprintf(h, "%+v %+v", r, ref.Alternative)
		}
		fmt.Fprint(h, err.Error())
		return "refused " + hex.EncodeToString(h.Sum(nil))[:16]
	}
	var km []string
	for _, s := range sugg {
		b, _ := json.Marshal(s)
		h.Write(b)
		fmt.Fprint(h, s.Nodes, s.Edges)
		km = append(km, fmt.Sprintf("%.0f", s.DistanceM))
	}
	return strings.Join(km, ",") + " " + hex.EncodeToString(h.Sum(nil))[:16]
}

// checkGolden compares lines with a golden file, or writes it with -update.
func checkGolden(t *testing.T, path string, lines []string) {
	t.Helper()
	got := strings.Join(lines, "\n") + "\n"
	if *updateGolden {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (make it with -update)", err)
	}
	wl, gl := strings.Split(string(want), "\n"), strings.Split(got, "\n")
	if len(wl) != len(gl) {
		t.Fatalf("%s: %d lines, got %d", path, len(wl), len(gl))
	}
	bad := 0
	for i := range wl {
		if wl[i] != gl[i] {
			if bad++; bad <= 20 {
				t.Errorf("%s line %d:\nwant %s\n got %s", path, i+1, wl[i], gl[i])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d of %d answers differ", path, bad, len(wl)-1)
	}
}
