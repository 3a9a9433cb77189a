package streets

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"google.golang.org/protobuf/encoding/protowire"
)

// Limits of the OSM PBF format (wiki.openstreetmap.org/wiki/PBF_Format):
// a BlobHeader is under 64 KiB, a Blob's uncompressed data at most 32 MiB.
const (
	pbfMaxHeader = 64 << 10
	pbfMaxBlob   = 32 << 20
)

// errPBFLimit reports a blob beyond the format's limits.
var errPBFLimit = errors.New("blob beyond the PBF format's limits")

// pbfGuard checks each block of an OSM PBF stream before the decoder sees
// it: the header and blob sizes within the format's limits, and a zlib
// blob's declared raw size within them too and inflating to no more than
// it says (the decoder sizes its buffer by that figure and then reads the
// zlib stream to its end, so a small hostile blob could make it allocate
// gigabytes). Memory is one block at a time.
type pbfGuard struct {
	src   io.Reader
	block bytes.Buffer // the checked block being handed out
	off   int64        // stream offset of the next block
	err   error
	// inflated counts the bytes the guard inflated to check blobs (tests).
	inflated int64
}

func newPBFGuard(r io.Reader) *pbfGuard { return &pbfGuard{src: r} }

func (g *pbfGuard) Read(p []byte) (int, error) {
	for g.block.Len() == 0 {
		if g.err != nil {
			return 0, g.err
		}
		if g.err = g.next(); g.err != nil {
			g.block.Reset() // no byte of a block that failed its checks
		}
	}
	return g.block.Read(p)
}

// next reads and checks one block into g.block.
func (g *pbfGuard) next() error {
	g.block.Reset()
	var size [4]byte
	if n, err := io.ReadFull(g.src, size[:]); err != nil {
		if n == 0 && err == io.EOF {
			return io.EOF
		}
		return fmt.Errorf("pbf: block at byte %d: %w", g.off, io.ErrUnexpectedEOF)
	}
	hlen := binary.BigEndian.Uint32(size[:])
	if hlen >= pbfMaxHeader {
		return fmt.Errorf("pbf: block at byte %d: header of %d bytes: %w", g.off, hlen, errPBFLimit)
	}
	g.block.Grow(4 + int(hlen))
	g.block.Write(size[:])
	if _, err := io.CopyN(&g.block, g.src, int64(hlen)); err != nil {
		return fmt.Errorf("pbf: block at byte %d: header: %w", g.off, io.ErrUnexpectedEOF)
	}
	dataSize, ok := protoInt(g.block.Bytes()[4:], 3) // BlobHeader.datasize
	if !ok || dataSize < 0 || dataSize > pbfMaxBlob {
		return fmt.Errorf("pbf: block at byte %d: blob of %d bytes: %w", g.off, dataSize, errPBFLimit)
	}
	start := g.block.Len()
	g.block.Grow(int(dataSize))
	if _, err := io.CopyN(&g.block, g.src, dataSize); err != nil {
		return fmt.Errorf("pbf: block at byte %d: blob: %w", g.off, io.ErrUnexpectedEOF)
	}
	if err := g.checkBlob(g.block.Bytes()[start:]); err != nil {
		return fmt.Errorf("pbf: block at byte %d: %w", g.off, err)
	}
	g.off += int64(g.block.Len())
	return nil
}

// checkBlob checks a Blob message: raw_size (field 2) within the limit and
// zlib_data (field 3) inflating to exactly raw_size bytes.
func (g *pbfGuard) checkBlob(b []byte) error {
	rawSize, hasRaw := protoInt(b, 2)
	if hasRaw && (rawSize < 0 || rawSize > pbfMaxBlob) {
		return fmt.Errorf("raw size %d: %w", rawSize, errPBFLimit)
	}
	z, ok := protoBytes(b, 3)
	if !ok {
		return nil
	}
	if !hasRaw {
		return errors.New("zlib blob without a raw size")
	}
	zr, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		return fmt.Errorf("zlib: %w", err)
	}
	n, err := io.Copy(io.Discard, io.LimitReader(zr, rawSize+1))
	g.inflated += n
	if err != nil {
		return fmt.Errorf("zlib: %w", err)
	}
	if n != rawSize {
		if n > rawSize {
			return fmt.Errorf("zlib data inflates past its raw size %d: %w", rawSize, errPBFLimit)
		}
		return fmt.Errorf("zlib data inflates to %d bytes, raw size says %d", n, rawSize)
	}
	return nil
}

// protoInt returns the last varint field num of a protobuf message.
func protoInt(b []byte, num protowire.Number) (int64, bool) {
	var v int64
	found := false
	walkProto(b, func(n protowire.Number, t protowire.Type, val []byte, x uint64) {
		if n == num && t == protowire.VarintType {
			v, found = int64(int32(x)), true
		}
	})
	return v, found
}

// protoBytes returns the last length-delimited field num of a message.
func protoBytes(b []byte, num protowire.Number) ([]byte, bool) {
	var v []byte
	found := false
	walkProto(b, func(n protowire.Number, t protowire.Type, val []byte, x uint64) {
		if n == num && t == protowire.BytesType {
			v, found = val, true
		}
	})
	return v, found
}

// walkProto calls fn for each field of a message, stopping at the first
// malformed one (the decoder reports those).
func walkProto(b []byte, fn func(protowire.Number, protowire.Type, []byte, uint64)) {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return
		}
		b = b[n:]
		switch typ {
		case protowire.VarintType:
			x, m := protowire.ConsumeVarint(b)
			if m < 0 {
				return
			}
			fn(num, typ, nil, x)
			b = b[m:]
		case protowire.BytesType:
			v, m := protowire.ConsumeBytes(b)
			if m < 0 {
				return
			}
			fn(num, typ, v, 0)
			b = b[m:]
		default:
			m := protowire.ConsumeFieldValue(num, typ, b)
			if m < 0 {
				return
			}
			b = b[m:]
		}
	}
}
