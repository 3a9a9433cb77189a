package fit

import (
	"math/rand/v2"
	"os"
	"testing"

	"github.com/muktihari/fit/kit/hash/crc16"

	"rekindle/internal/testkit"
)

// TestCRCUpdate checks the sliced CRC against muktihari's nibble-wise
// implementation (an independent one) on random data of every length up
// to 64 bytes, split at every point, and on a real file whose CRC is known.
func TestCRCUpdate(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n <= 64; n++ {
		p := make([]byte, n)
		for i := range p {
			p[i] = byte(rng.UintN(256))
		}
		h := crc16.New()
		h.Write(p)
		want := h.Sum16()
		for cut := 0; cut <= n; cut++ {
			if got := crcUpdate(crcUpdate(0, p[:cut]), p[cut:]); got != want {
				t.Fatalf("len %d cut %d: crc %#04x, want %#04x", n, cut, got, want)
			}
		}
	}
	data, err := os.ReadFile(testkit.Activities(t, "fit", "activity-small-fenix2-run.fit"))
	if err != nil {
		t.Fatal(err)
	}
	// A whole FIT file followed by its CRC checks to zero.
	if got := crcUpdate(0, data); got != 0 {
		t.Errorf("CRC over a whole valid file and its CRC = %#04x, want 0", got)
	}
}
