package route

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

// corpus makes n runs over k base loops (positives of each), with the base
// index as truth.
func corpus(seed uint64, k, n int) ([]Run, map[int64]int) {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	bases := make([][]xy, k)
	var cases [][]fxCase
	for i := range bases {
		bases[i] = makeBase(rng, i)
		var pos []fxCase
		for _, c := range fixtures(rng, bases[i], []float64{5, 10}) {
			if c.positive {
				pos = append(pos, c)
			}
		}
		cases = append(cases, pos)
	}
	runs := make([]Run, 0, n)
	truth := map[int64]int{}
	for i := range n {
		b := rng.IntN(k)
		c := cases[b][rng.IntN(len(cases[b]))]
		runs = append(runs, Run{ID: int64(i + 1), Start: day(i), FP: fpOf(rng, c)})
		truth[int64(i+1)] = b
	}
	return runs, truth
}

func TestRegroupQualityAndOrder(t *testing.T) {
	runs, truth := corpus(11, 10, 300)
	_, assign := Regroup(runs, nil, 1)
	// Purity: each group holds one base loop; recall: runs of a base sit
	// in that base's biggest group.
	byGroup := map[int64]map[int]int{}
	for id, g := range assign {
		if byGroup[g] == nil {
			byGroup[g] = map[int]int{}
		}
		byGroup[g][truth[id]]++
	}
	impure := 0
	for _, m := range byGroup {
		if len(m) > 1 {
			impure++
		}
	}
	main := map[int]int{}
	for b := range 10 {
		best := 0
		for _, m := range byGroup {
			best = max(best, m[b])
		}
		main[b] = best
	}
	together := 0
	for _, v := range main {
		together += v
	}
	t.Logf("%d groups, %d impure; %d/%d runs in their route's main group", len(byGroup), impure, together, len(runs))
	if impure > 0 {
		t.Errorf("%d groups mix routes", impure)
	}
	if float64(together) < 0.95*float64(len(runs)) {
		t.Errorf("only %d/%d runs grouped with their route", together, len(runs))
	}

	// Shuffled input gives the same grouping (and ids).
	rng := rand.New(rand.NewPCG(99, 1))
	for range 3 {
		sh := slices.Clone(runs)
		rng.Shuffle(len(sh), func(i, j int) { sh[i], sh[j] = sh[j], sh[i] })
		_, again := Regroup(sh, nil, 1)
		if !reflect.DeepEqual(again, assign) {
			t.Fatal("grouping changed when the input was shuffled")
		}
	}
}

func TestRegroupStableIDs(t *testing.T) {
	runs, _ := corpus(21, 6, 120)
	g1, a1 := Regroup(runs[:100], nil, 1)
	// Later: more runs, regroup with the previous assignment: every old run
	// keeps its group id.
	for _, r := range runs[100:] {
		g1.Add(r)
	}
	prev := map[int64]int64{}
	for _, r := range runs {
		prev[r.ID] = g1.GroupOf(r.ID)
	}
	_, a2 := Regroup(runs, prev, g1.NextID())
	changed := 0
	for id, g := range a1 {
		if a2[id] != g {
			changed++
		}
	}
	if changed > 2 {
		t.Errorf("%d/%d runs changed group id after regroup", changed, len(a1))
	}
}

func TestIncrementalMatchesRegroup(t *testing.T) {
	runs, truth := corpus(31, 8, 200)
	g := NewGrouper(1)
	for _, r := range runs {
		g.Add(r)
	}
	first := map[int]int64{}
	bad := 0
	for _, r := range runs {
		gid := g.GroupOf(r.ID)
		if f, ok := first[truth[r.ID]]; !ok {
			first[truth[r.ID]] = gid
		} else if f != gid {
			bad++
		}
	}
	if bad > len(runs)/20 {
		t.Errorf("incremental grouping split %d/%d runs from their route", bad, len(runs))
	}
}

func TestTreadmillAndTrackGroups(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 1))
	var runs []Run
	for i := range 5 {
		fp := NewFingerprint(nil, nil, nil, 5000+float64(i)*100)
		runs = append(runs, Run{ID: int64(i + 1), Start: day(i), FP: &fp})
	}
	track := []xy{}
	for range 8 {
		track = append(track, densify([]xy{{0, 0}, {100, 0}, {100, 60}, {0, 60}, {0, 0}}, 2)...)
	}
	for i := range 4 {
		runs = append(runs, Run{ID: int64(10 + i), Start: day(10 + i), FP: fpOf(rng, fxCase{path: track, sigma: 4, spacing: 3})})
	}
	gr, _ := Regroup(runs, nil, 1)
	gs := gr.Groups()
	if len(gs) != 2 || len(gs[0].Members) != 5 || gs[0].Kind != KindTreadmill || gs[1].Kind != KindTrack {
		t.Fatalf("groups %+v", gs)
	}
}

func benchCorpus(b *testing.B, n int) []Run {
	b.Helper()
	runs, _ := corpus(51, 400, n)
	return runs
}

var benchRuns []Run

func BenchmarkAddVs10k(b *testing.B) {
	if benchRuns == nil {
		benchRuns = benchCorpus(b, 10_100)
	}
	g, _ := Regroup(benchRuns[:10_000], nil, 1)
	extra := benchRuns[10_000:]
	var lat []time.Duration
	i := 0
	for b.Loop() {
		r := extra[i%len(extra)]
		r.ID = int64(1_000_000 + i)
		t0 := time.Now()
		g.Add(r)
		lat = append(lat, time.Since(t0))
		i++
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
}

func BenchmarkRegroup10k(b *testing.B) {
	if benchRuns == nil {
		benchRuns = benchCorpus(b, 10_100)
	}
	for b.Loop() {
		Regroup(benchRuns[:10_000], nil, 1)
	}
}
