package streets

import (
	"context"
	"math/rand/v2"
	"rekindle/internal/geo"
	"slices"
	"testing"
	"time"

	"rekindle/internal/testkit"
)

// BenchmarkSuggestLoop10kDelaware asks for three 10 km loops from random
// starts around Delaware's towns; it reports the median and p95 latency.
func BenchmarkSuggestLoop10kDelaware(b *testing.B) {
	g := delaware(b)
	g.Nearest(39.7447, -75.5484) // builds the node and edge indexes
	g.EdgesNear(39.7447, -75.5484, 1, func(int32) {})
	g.Core()
	g.layout() // the searches' layout, made once per graph
	rng := rand.New(rand.NewPCG(11, 7))
	var starts [][2]float64
	for len(starts) < 64 {
		la, lo := g.Node(int32(rng.IntN(g.NumNodes())))
		c := delawareTowns[len(starts)%len(delawareTowns)]
		if geo.FastDistance(la, lo, c[0], c[1]) <= 5000 {
			starts = append(starts, [2]float64{la, lo})
		}
	}
	var times []time.Duration
	i := 0
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := testkit.ProcessCPU()
	for b.Loop() {
		st := starts[i%len(starts)]
		i++
		t0 := time.Now()
		if _, err := g.Suggest(context.Background(), Request{Lat: st[0], Lon: st[1], DistanceM: 10000}); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(t0))
	}
	// CPU time per request (both workers): a figure that holds on a busy machine.
	b.ReportMetric(float64((testkit.ProcessCPU()-cpu0).Microseconds())/1000/float64(len(times)), "cpu-ms/op")
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(times[min(len(times)-1, len(times)*95/100)].Microseconds())/1000, "ms-p95")
}
