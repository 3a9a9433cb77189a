package store

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"fmt"
	"hash"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rekindle"
	"rekindle/internal/testkit"
)

var updateBlobs = flag.Bool("update", false, "rewrite testdata/trackblob-sha256.txt from the encoder as it is")

// blobGolden is the golden file of TestEncodeTrackGolden: the SHA-256 of
// the blob EncodeTrack writes for every real track of testdata/activities,
// for damaged copies of every eighth of them and for random tracks.
const blobGolden = "testdata/trackblob-sha256.txt"

// hardValues are values whose quantising is easy to get wrong: halves
// (rounded away from zero), the float just below a half, the edges of the
// quantised range (±2^53 after scaling) and what is past them, zeros of
// both signs, infinities and NaN.
func hardValues(scale float64) []float64 {
	var out []float64
	for _, q := range []float64{0.5, 1.5, 2.5, 1e6 + 0.5, 0.49999999999999994, 1.4999999999999998, 0, 1, 123456789.5} {
		out = append(out, q/scale, -q/scale, math.Nextafter(q/scale, 0), math.Nextafter(q/scale, 1e300))
	}
	for _, v := range []float64{maxQuant, maxQuant - 1, maxQuant + 2, maxQuant * 4, 1 << 62, 1 << 63, 1 << 64} {
		out = append(out, v/scale, -v/scale, math.Nextafter(v/scale, 0), math.Nextafter(v/scale, math.Inf(1)))
	}
	return append(out, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, math.SmallestNonzeroFloat64)
}

// TestEncodeTrackGolden: EncodeTrack writes, byte for byte, the blobs it
// wrote when the golden file was made (go test -run TestEncodeTrackGolden
// -update rewrites it): for every real track of testdata/activities, one
// line each; for copies of every eighth of them (of at most 2,000 samples)
// with a hard value (see hardValues) put into each channel at the first, a
// middle and the last sample, one line per track over all its copies; and
// for 300 random tracks of hard and ordinary values, one line. A change of
// the blob format or of its quantising shows as a changed digest, whatever
// the encoder's code: stored blobs must go on decoding, so such a change is
// a new blobVersion, never a silent one. (The tracks are the decoders' and
// measure's output: a change there shows here too, and the file says which.)
func TestEncodeTrackGolden(t *testing.T) {
	var got []string
	encode := func(what string, tr *rekindle.Track) []byte {
		t.Helper()
		b, err := EncodeTrack(tr)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return b
	}
	digest := func(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }
	// add hashes a blob with its length in front, so that the blobs of a
	// group cannot run into one another.
	add := func(h hash.Hash, b []byte) {
		h.Write(binary.AppendUvarint(nil, uint64(len(b))))
		h.Write(b)
	}
	k := 0 // real tracks so far
	for _, g := range []string{"fit/*.fit", "gpx/*.gpx", "tcx/*.tcx"} {
		for _, p := range testkit.Glob(t, g) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			acts, _ := decodeRealFile(p, data)
			name := filepath.ToSlash(filepath.Join(filepath.Base(filepath.Dir(p)), filepath.Base(p)))
			for ai, a := range acts {
				tr := &a.Track
				n := tr.Len()
				if n == 0 {
					continue
				}
				what := fmt.Sprintf("%s#%d", name, ai)
				b := encode(what, tr)
				sum := sha256.Sum256(b)
				got = append(got, fmt.Sprintf("%s %d samples %d bytes %x", what, n, len(b), sum))
				k++
				if (k-1)%8 != 0 || n > 2000 {
					continue // damaged copies of every eighth track of at most 2,000 samples
				}
				h, copies := sha256.New(), 0
				for c := chLat; c < numChannels; c++ {
					if !present(tr, c) {
						continue
					}
					for _, v := range hardValues(channelScale[c]) {
						for _, at := range []int{0, n / 2, n - 1} {
							cp := copyTrack(tr)
							setValue(&cp, c, at, v)
							add(h, encode(what+" damaged", &cp))
							copies++
						}
					}
				}
				got = append(got, fmt.Sprintf("%s damaged %d copies %s", what, copies, digest(h)))
			}
		}
	}
	if k < 30 {
		t.Fatalf("only %d real tracks decoded", k)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	h := sha256.New()
	for range 300 {
		n := 1 + rng.IntN(300)
		var tr rekindle.Track
		for i := range n {
			tr.Time = append(tr.Time, int64(i)*1000+rng.Int64N(1000)-500)
		}
		pick := func(scale float64) float64 {
			if hv := hardValues(scale); rng.IntN(4) == 0 {
				return hv[rng.IntN(len(hv))]
			}
			return (rng.Float64()*2000 - 1000) / scale * float64(rng.IntN(1000))
		}
		tr.Lat, tr.Lon, tr.Dist = make([]float64, n), make([]float64, n), make([]float64, n)
		tr.Ele, tr.HR, tr.Speed = make([]float32, n), make([]float32, n), make([]float32, n)
		for i := range n {
			tr.Lat[i], tr.Lon[i], tr.Dist[i] = pick(1e7), pick(1e7), pick(100)
			tr.Ele[i], tr.HR[i], tr.Speed[i] = float32(pick(10)), float32(pick(1)), float32(pick(1000))
		}
		add(h, encode("random track", &tr))
	}
	got = append(got, "random 300 tracks "+digest(h))

	if *updateBlobs {
		text := "# SHA-256 of EncodeTrack's blobs (TestEncodeTrackGolden; go test ./internal/store -run TestEncodeTrackGolden -update)\n" + strings.Join(got, "\n") + "\n"
		if err := os.WriteFile(blobGolden, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := readBlobGolden(t)
	if len(want) != len(got) {
		t.Errorf("%d lines, the golden file %d (tracks added or lost?)", len(got), len(want))
	}
	bad := 0
	for i := range min(len(want), len(got)) {
		if want[i] != got[i] {
			if bad++; bad <= 5 {
				t.Errorf("blob changed:\n got %s\nwant %s", got[i], want[i])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d lines differ from %s: a change of the blob format needs a new blobVersion (and -update once decided)", bad, len(got), blobGolden)
	}
}

// readBlobGolden reads the golden file's lines, comments left out.
func readBlobGolden(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(blobGolden)
	if err != nil {
		t.Fatalf("%v (make it with -update)", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func copyTrack(tr *rekindle.Track) rekindle.Track {
	c := *tr
	c.Time = append([]int64(nil), tr.Time...)
	for _, p := range []*[]float64{&c.Lat, &c.Lon, &c.Dist} {
		if *p != nil {
			*p = append([]float64(nil), (*p)...)
		}
	}
	for _, p := range []*[]float32{&c.Ele, &c.HR, &c.Cadence, &c.Power, &c.Speed, &c.Temp} {
		if *p != nil {
			*p = append([]float32(nil), (*p)...)
		}
	}
	return c
}

func setValue(tr *rekindle.Track, c, i int, v float64) {
	switch c {
	case chLat:
		tr.Lat[i] = v
	case chLon:
		tr.Lon[i] = v
	case chDist:
		tr.Dist[i] = v
	default:
		f32(c, tr)[i] = float32(v)
	}
}
