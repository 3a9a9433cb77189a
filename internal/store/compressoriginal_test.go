package store

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"math/rand/v2"
	"os"
	"testing"

	"rekindle/internal/testkit"
)

// TestCompressOriginalReadsBack checks the originals an import compresses
// itself (klauspost/compress at OriginalLevel since branch importperf29,
// compress/gzip's fastest level before): every real activity file, and
// edge cases, comes back byte for byte through the standard library's gzip
// reader and through Original.Bytes (which checks the digest); the whole
// is not stored larger than compress/gzip's fastest level would store it
// by more than a tenth, nor any one file by more than a quarter (some FIT
// files take ~19% more, the large XML files less).
func TestCompressOriginalReadsBack(t *testing.T) {
	var inputs [][]byte
	for _, g := range []string{"fit/*.fit", "gpx/*.gpx", "tcx/*.tcx"} {
		for _, p := range testkit.Glob(t, g) {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, b)
		}
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, 3<<20) // incompressible
	for i := range noise {
		noise[i] = byte(rnd.Uint32())
	}
	same := bytes.Repeat([]byte("<trkpt lat=\"46.1\" lon=\"14.5\"></trkpt>\n"), 300_000) // ~11 MB, very compressible
	inputs = append(inputs, nil, []byte{0}, noise, same)
	var got, old int
	for i, in := range inputs {
		z := CompressOriginal(in)
		zr, err := gzip.NewReader(bytes.NewReader(z))
		if err != nil {
			t.Fatalf("input %d: %v", i, err)
		}
		back, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(back, in) {
			t.Fatalf("input %d (%d bytes): read back %d bytes, %v", i, len(in), len(back), err)
		}
		sum := sha256.Sum256(in)
		o := &Original{SHA256: hex.EncodeToString(sum[:]), Size: int64(len(in)), Data: z}
		if b, err := o.Bytes(); err != nil || !bytes.Equal(b, in) {
			t.Fatalf("input %d: Original.Bytes: %v", i, err)
		}
		var std bytes.Buffer
		w, _ := gzip.NewWriterLevel(&std, gzip.BestSpeed)
		w.Write(in)
		w.Close()
		got += len(z)
		old += std.Len()
		if len(in) > 4096 && len(z) > std.Len()+std.Len()/4+64 {
			t.Errorf("input %d (%d bytes): %d bytes compressed, compress/gzip's fastest %d", i, len(in), len(z), std.Len())
		}
	}
	if got > old+old/10 {
		t.Errorf("%d bytes compressed, compress/gzip's fastest %d", got, old)
	}
	t.Logf("%d inputs: %d bytes compressed (compress/gzip BestSpeed: %d)", len(inputs), got, old)
}

// BenchmarkCompressOriginal compresses the real activity files (each at
// most 1 MB, as the import benchmarks take them) as an import keeps a loose
// file's original, and reports the process's CPU time per pass.
//
//	go test ./internal/store -run XXX -bench CompressOriginal -benchtime 20x
func BenchmarkCompressOriginal(b *testing.B) {
	var inputs [][]byte
	var raw int64
	for _, g := range []string{"fit/*.fit", "gpx/*.gpx", "tcx/*.tcx"} {
		for _, p := range testkit.Glob(b, g) {
			d, err := os.ReadFile(p)
			if err != nil || len(d) > 1<<20 {
				continue
			}
			inputs = append(inputs, d)
			raw += int64(len(d))
		}
	}
	b.SetBytes(raw)
	var out int
	c0 := testkit.ProcessCPU()
	for b.Loop() {
		out = 0
		for _, in := range inputs {
			out += len(CompressOriginal(in))
		}
	}
	b.ReportMetric((testkit.ProcessCPU()-c0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(out), "compressed-bytes")
}
