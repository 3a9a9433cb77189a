package streets

import (
	"math/rand/v2"
	"testing"
)

// TestNodeHeapOrder pushes and pops at random and checks every pop is the
// least key left.
func TestNodeHeapOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var h nodeHeap
	var keys []float64 // a plain copy of what the heap holds
	for step := range 20000 {
		if len(h) == 0 || rng.IntN(3) > 0 {
			k := float64(rng.IntN(500)) // ties too
			h.push(heapItem{node: int32(step), key: k})
			keys = append(keys, k)
			continue
		}
		it := h.pop()
		mi := 0
		for i, k := range keys {
			if k < keys[mi] {
				mi = i
			}
		}
		if it.key != keys[mi] {
			t.Fatalf("step %d: popped %v, least left %v", step, it.key, keys[mi])
		}
		keys = append(keys[:mi], keys[mi+1:]...)
		if len(h) != len(keys) {
			t.Fatalf("step %d: heap holds %d, want %d", step, len(h), len(keys))
		}
	}
}
