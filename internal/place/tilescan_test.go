package place

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	tzfrellite "github.com/ringsaturn/tzf-rel-lite"
	"google.golang.org/protobuf/encoding/protowire"
)

// BenchmarkScanFuzzy is one pass over the tile table for a position and
// the four around it, as a first look-up of a Zones does (At).
func BenchmarkScanFuzzy(b *testing.B) {
	pts := []orb.Point{{13.35, 52.51}, {13.35, 52.53}, {13.35, 52.49}, {13.37, 52.51}, {13.33, 52.51}}
	for b.Loop() {
		if _, err := scanFuzzy(pts); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTileKeyFast: on every key of the embedded tile table the fast reader
// reads what tileKey reads, and on damaged or reordered copies of them it
// either declines (tileKey then reads them, or refuses them) or reads what
// tileKey reads — it never answers differently.
func TestTileKeyFast(t *testing.T) {
	var keys [][]byte
	for b := tzfrellite.PreindexData; len(b) > 0; {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			t.Fatal("bad tag")
		}
		b = b[n:]
		if num == 3 && typ == protowire.BytesType {
			msg, n := protowire.ConsumeBytes(b)
			if n < 0 {
				t.Fatal("bad key")
			}
			keys, b = append(keys, msg), b[n:]
			continue
		}
		n = protowire.ConsumeFieldValue(num, typ, b)
		if n < 0 {
			t.Fatal("bad field")
		}
		b = b[n:]
	}
	if len(keys) < 50_000 {
		t.Fatalf("%d keys", len(keys))
	}
	same := func(msg []byte, mustRead bool) {
		t.Helper()
		fn, fx, fy, fz, ok := tileKeyFast(msg)
		n, x, y, z, err := tileKey(msg)
		if !ok {
			if mustRead {
				t.Fatalf("%x: declined", msg)
			}
			return
		}
		if err != nil || !bytes.Equal(fn, n) || fx != x || fy != y || fz != z {
			t.Fatalf("%x: fast %q %d %d %d, tileKey %q %d %d %d %v", msg, fn, fx, fy, fz, n, x, y, z, err)
		}
	}
	rnd := rand.New(rand.NewPCG(3, 4))
	for i, k := range keys {
		same(k, true)
		if i%7 != 0 {
			continue
		}
		c := bytes.Clone(k)
		c[rnd.IntN(len(c))] ^= byte(1 << rnd.IntN(8))
		same(c, false)
		same(c[:rnd.IntN(len(c))], false)
		same(append(bytes.Clone(k), 0x20, 0x05), false) // z twice: tileKey keeps the last
		same(append([]byte{0x20, 0x05}, k...), false)   // z first
	}
	// Varints at their limits.
	for _, v := range [][]byte{
		{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01},
		{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02},
		{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00},
		{0x80, 0x00},
	} {
		msg := append([]byte{0x0a, 0x01, 'A', 0x10}, v...)
		msg = append(msg, 0x18, 0x01, 0x20, 0x03)
		same(msg, false)
	}
}
