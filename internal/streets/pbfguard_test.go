package streets

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
)

// pbfBlock frames one PBF block: BlobHeader{type, datasize} then the blob.
func pbfBlock(typ string, blob []byte) []byte {
	var h []byte
	h = protowire.AppendTag(h, 1, protowire.BytesType)
	h = protowire.AppendString(h, typ)
	h = protowire.AppendTag(h, 3, protowire.VarintType)
	h = protowire.AppendVarint(h, uint64(len(blob)))
	out := binary.BigEndian.AppendUint32(nil, uint32(len(h)))
	out = append(out, h...)
	return append(out, blob...)
}

// zlibBlob is a Blob{raw_size, zlib_data} of n zero bytes declaring rawSize.
func zlibBlob(t testing.TB, n int64, rawSize uint64) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	if _, err := io.CopyN(zw, zeroReader{}, n); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	var b []byte
	b = protowire.AppendTag(b, 2, protowire.VarintType)
	b = protowire.AppendVarint(b, rawSize)
	b = protowire.AppendTag(b, 3, protowire.BytesType)
	b = protowire.AppendBytes(b, z.Bytes())
	return b
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// TestPBFBomb: extracts whose blobs claim or inflate past the format's
// limits are refused before the decoder inflates them (a 510 KB extract
// once reached 1.6 GB RSS), and the guard itself inflates no more than the
// limit.
func TestPBFBomb(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
	}{
		// 48 MiB of zeros (about 48 KB of zlib), declaring the maximum raw size.
		{"inflates past raw size", pbfBlock("OSMHeader", zlibBlob(t, 48<<20, pbfMaxBlob))},
		{"raw size past the limit", pbfBlock("OSMData", zlibBlob(t, 1<<10, 1<<31-1))},
		{"blob past the limit", func() []byte {
			var h []byte
			h = protowire.AppendTag(h, 3, protowire.VarintType)
			h = protowire.AppendVarint(h, 1<<30)
			return append(binary.BigEndian.AppendUint32(nil, uint32(len(h))), h...)
		}()},
		{"header past the limit", binary.BigEndian.AppendUint32(nil, 1<<20)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := newPBFGuard(bytes.NewReader(tc.in))
			n, err := io.Copy(io.Discard, g)
			if !errors.Is(err, errPBFLimit) {
				t.Fatalf("guard: %v, want a limit error", err)
			}
			if n != 0 {
				t.Errorf("guard handed out %d bytes of a bad block", n)
			}
			if g.inflated > pbfMaxBlob+1 {
				t.Errorf("guard inflated %d bytes, want at most %d", g.inflated, pbfMaxBlob+1)
			}
			if _, err := BuildGraph(context.Background(), bytes.NewReader(tc.in)); err == nil {
				t.Fatal("BuildGraph accepted a bomb")
			}
		})
	}
}

// TestPBFGuardPassesRealExtract: the guard hands a real extract through
// unchanged.
func TestPBFGuardPassesRealExtract(t *testing.T) {
	in := append(pbfBlock("OSMHeader", zlibBlob(t, 100, 100)), pbfBlock("OSMData", zlibBlob(t, 5000, 5000))...)
	var out bytes.Buffer
	if _, err := io.Copy(&out, newPBFGuard(iotestOneByte(bytes.NewReader(in)))); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), in) {
		t.Fatal("guard changed the stream")
	}
}

func iotestOneByte(r io.Reader) io.Reader { return &oneByte{r} }

type oneByte struct{ r io.Reader }

func (o *oneByte) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1]
	}
	return o.r.Read(p)
}

func FuzzPBFGuard(f *testing.F) {
	f.Add(pbfBlock("OSMHeader", zlibBlob(f, 100, 100)))
	f.Add(pbfBlock("OSMData", zlibBlob(f, 100, 50)))
	f.Add([]byte{0, 0, 0, 1, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		g := newPBFGuard(bytes.NewReader(data))
		var out bytes.Buffer
		err := func() error { _, err := io.Copy(&out, g); return err }()
		if err == nil && !bytes.Equal(out.Bytes(), data) {
			t.Fatal("guard changed an accepted stream")
		}
		if g.inflated > int64(len(data))*1100+pbfMaxBlob+1 {
			t.Fatalf("inflated %d from %d bytes", g.inflated, len(data))
		}
	})
}
