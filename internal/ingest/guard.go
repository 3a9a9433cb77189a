package ingest

// Guards against hostile input: real inflated bytes counted (never the
// sizes an archive declares), a budget per archive and per import, and a
// reader that stops as soon as the import's context is done.

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"

	kflate "github.com/klauspost/compress/flate"

	"rekindle"
	"rekindle/internal/fit"
)

// errBomb marks a decompression that went past a limit.
var errBomb = errors.New("zip bomb")

// budget is a count of real inflated bytes with a limit, shared by the
// readers it guards (concurrently: workers inflate members in parallel).
type budget struct {
	what  string // "archive x.zip", "import"
	limit int64
	used  atomic.Int64
}

func newBudget(what string, limit int64) *budget { return &budget{what: what, limit: limit} }

// take counts n bytes, failing once the limit is passed.
func (b *budget) take(n int) error {
	if b == nil {
		return nil
	}
	if used := b.used.Add(int64(n)); used > b.limit {
		return fmt.Errorf("%w: %s inflates to more than %d bytes", errBomb, b.what, b.limit)
	}
	return nil
}

// inflated is a reader of decompressed bytes that charges every byte to its
// budgets and fails past max bytes of its own.
type inflated struct {
	r       io.Reader
	max     int64
	n       int64
	budgets []*budget
	what    string
	bomb    bool // past max is a bomb (a ratio cap), not just too large
}

func (l *inflated) over() error {
	if l.bomb {
		return fmt.Errorf("%w: %s inflates to more than %d bytes", errBomb, l.what, l.max)
	}
	return fmt.Errorf("%s unpacks to more than the %d byte limit", l.what, l.max)
}

func (l *inflated) Read(p []byte) (int, error) {
	if l.n > l.max {
		return 0, l.over()
	}
	if rest := l.max + 1 - l.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := l.r.Read(p)
	l.n += int64(n)
	for _, b := range l.budgets {
		if berr := b.take(n); berr != nil {
			return n, berr
		}
	}
	if l.n > l.max {
		return n, l.over()
	}
	return n, err
}

// ctxReader stops reading once ctx is done: decoders read through it, so
// an import stops within one buffer of its client going away.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// ctxBytes is a ctxReader over bytes that also offers what lets a decoder
// size its buffers once and seek past damage (ReadAt, Len, Size), as it
// has when decoding the same bytes outside an import.
type ctxBytes struct {
	ctx  context.Context
	r    *bytes.Reader
	cols *fit.Columns // offered to the FIT decoder; nil for none
}

// FITColumns implements fit.ColumnSource.
func (c *ctxBytes) FITColumns() *fit.Columns { return c.cols }

func (c *ctxBytes) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

func (c *ctxBytes) ReadAt(p []byte, off int64) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.ReadAt(p, off)
}

func (c *ctxBytes) Len() int    { return c.r.Len() }
func (c *ctxBytes) Size() int64 { return c.r.Size() }

// describeInflateErr names what went wrong reading a compressed stream: a
// bomb, a truncated stream, a checksum mismatch or corrupt data.
func describeInflateErr(format string, err error) error {
	var ce flate.CorruptInputError // klauspost/compress returns the standard library's errors (TestCorruptDeflateNamed)
	switch {
	case errors.Is(err, errBomb), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%s: %w", format, err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%s: truncated (the stream ends early): %w", format, errCorrupt(err))
	case errors.Is(err, gzip.ErrChecksum):
		return fmt.Errorf("%s: checksum mismatch (the data is damaged): %w", format, errCorrupt(err))
	case errors.As(err, &ce), errors.Is(err, gzip.ErrHeader):
		return fmt.Errorf("%s: corrupt data: %w", format, errCorrupt(err))
	}
	return fmt.Errorf("%s: %w", format, err)
}

// errCorrupt marks err as corrupt input.
func errCorrupt(err error) error { return fmt.Errorf("%w: %w", rekindle.ErrCorrupt, err) }

// byteCounter counts the compressed bytes a decompressor consumes (it is an
// io.ByteReader, so flate reads exactly what it needs and no more).
// With keep set, it reads its source into kept instead of a bufio buffer
// and serves bytes from there: what flate consumed, kept[:pos], is then the
// member's deflate stream, stored as the original without compressing it
// again and without a second copy.
type byteCounter struct {
	br *bufio.Reader // when not keeping a deflate stream
	n  int64
	// direct (a stored member): reads go straight to src, so a caller
	// reading into a large buffer gets the member in one read at an offset
	// rather than 16 KiB at a time through br (and a copy).
	direct bool
	keep   bool
	src    io.Reader // when keeping
	kept   []byte    // a gzip header, then the bytes read from src
	pos    int       // next byte of kept to serve
	err    error     // from src, once kept is exhausted
}

func (c *byteCounter) fill() bool {
	for c.pos == len(c.kept) && c.err == nil {
		if len(c.kept) == cap(c.kept) {
			c.kept = slices.Grow(c.kept, 16<<10)
		}
		// The first read is 16 KiB (a sniff of the head reads no more);
		// a member read on is then read to its end at once: kept has room
		// for its whole compressed size, and one read at an offset costs
		// one system call where 16 KiB reads cost one each.
		end := cap(c.kept)
		if len(c.kept) == len(gzipHeader) {
			end = min(end, len(c.kept)+16<<10)
		}
		k, err := c.src.Read(c.kept[len(c.kept):end])
		c.kept = c.kept[:len(c.kept)+k]
		c.err = err
	}
	return c.pos < len(c.kept)
}

func (c *byteCounter) Read(p []byte) (int, error) {
	if c.direct {
		n, err := c.src.Read(p)
		c.n += int64(n)
		return n, err
	}
	if !c.keep {
		n, err := c.br.Read(p)
		c.n += int64(n)
		return n, err
	}
	if !c.fill() {
		return 0, c.err
	}
	n := copy(p, c.kept[c.pos:])
	c.pos += n
	c.n += int64(n)
	return n, nil
}

func (c *byteCounter) ReadByte() (byte, error) {
	if c.direct { // a stored member is read, not inflated: never byte by byte
		var b [1]byte
		if _, err := io.ReadFull(c, b[:]); err != nil {
			return 0, err
		}
		return b[0], nil
	}
	if !c.keep {
		b, err := c.br.ReadByte()
		if err == nil {
			c.n++
		}
		return b, err
	}
	if c.pos == len(c.kept) && !c.fill() {
		return 0, c.err
	}
	b := c.kept[c.pos]
	c.pos++
	c.n++
	return b, nil
}

// maxKeptDeflate is the largest deflate stream of a member kept as it is
// for the original; larger members are compressed again if kept.
const maxKeptDeflate = 32 << 20

// memberFloor is what any member may inflate to whatever its ratio.
const memberFloor = 1 << 20

// member reads one zip member from its raw bytes, counting what it really
// consumes and produces: it fails as soon as the member inflates past
// max(memberFloor, ratio × bytes consumed), past its declared size, past
// max, or past a budget, and checks the size and CRC-32 at its end.
type member struct {
	f   *zip.File
	raw *byteCounter
	dec io.Reader
	// whole, when set, is the member's deflate stream read whole into
	// raw.kept, which the inflater reads instead of raw (syncWhole).
	whole   *bytes.Reader
	closer  io.Closer
	n       int64
	max     int64
	ratio   float64
	crc     hash.Hash32
	budgets []*budget
	err     error
	done    bool // read to its end, size and CRC-32 checked
}

// openMember opens a zip member for reading with the guards of member.
func openMember(f *zip.File, lim Limits, budgets ...*budget) (io.ReadCloser, error) {
	raw, err := f.OpenRaw()
	if err != nil {
		return nil, errCorrupt(err)
	}
	m := &member{f: f, raw: &byteCounter{}, crc: crc32.NewIEEE(),
		max: lim.MaxFileBytes, ratio: lim.MaxRatio, budgets: budgets}
	if f.Method == zip.Deflate && f.CompressedSize64 <= maxKeptDeflate {
		m.raw.keep, m.raw.src, m.raw.pos = true, raw, len(gzipHeader)
		m.raw.kept = append(make([]byte, 0, uint64(len(gzipHeader))+f.CompressedSize64+8), gzipHeader...)
		// Its deflate stream is read whole at once (one read at an
		// offset) and inflated from a bytes.Reader, which the inflater
		// reads faster than any other byte reader; what it consumed is
		// then the original (syncWhole). A stream that cannot be read
		// whole is served by byteCounter as far as it goes, then its
		// error, as before.
		k, err := io.ReadFull(raw, m.raw.kept[len(gzipHeader):len(gzipHeader)+int(f.CompressedSize64)])
		m.raw.kept = m.raw.kept[:len(gzipHeader)+k]
		switch {
		case err == nil:
			m.whole = bytes.NewReader(m.raw.kept[len(gzipHeader):])
		case err == io.ErrUnexpectedEOF:
			m.raw.err = io.EOF
		default:
			m.raw.err = err
		}
	} else if f.Method == zip.Store {
		m.raw.direct, m.raw.src = true, raw
	} else {
		m.raw.br = getBufReader(raw)
	}
	switch f.Method {
	case zip.Store:
		m.dec = m.raw
	case zip.Deflate:
		var src io.Reader = m.raw
		if m.whole != nil {
			src = m.whole
		}
		fr := getFlate(src)
		m.dec, m.closer = fr, fr
	default:
		m.release()
		return nil, fmt.Errorf("zip: member %q: compression method %d is not supported", f.Name, f.Method)
	}
	return m, nil
}

// Inflating a member needs a flate reader (its 32 KiB window and Huffman
// tables, ~40 KiB) and, when its deflate bytes are not kept, a 16 KiB read
// buffer: both are used again by the next member rather than allocated for
// each (a Strava export has thousands, each also opened once by the
// walker's sniff).
var (
	flatePool   sync.Pool // of io.ReadCloser implementing kflate.Resetter
	bufReadPool sync.Pool // of *bufio.Reader, 16 KiB
)

// noInput is what a pooled flate reader reads until it is used again (an
// io.ByteReader, so that Reset wraps nothing in a new buffer).
var noInput = bytes.NewReader(nil)

// getFlate returns a flate reader of r, from the pool when it has one.
func getFlate(r io.Reader) io.ReadCloser {
	if fr, ok := flatePool.Get().(io.ReadCloser); ok {
		if err := fr.(kflate.Resetter).Reset(r, nil); err == nil {
			return fr
		}
	}
	return kflate.NewReader(r)
}

// putFlate gives a flate reader back; nothing may use it afterwards.
func putFlate(fr io.ReadCloser) {
	fr.Close()
	fr.(kflate.Resetter).Reset(noInput, nil) // let go of its source
	flatePool.Put(fr)
}

// getBufReader returns a 16 KiB buffered reader of r, from the pool when
// it has one.
func getBufReader(r io.Reader) *bufio.Reader {
	if br, ok := bufReadPool.Get().(*bufio.Reader); ok {
		br.Reset(r)
		return br
	}
	return bufio.NewReaderSize(r, 16<<10)
}

// putBufReader gives a buffered reader back; nothing may use it afterwards.
func putBufReader(br *bufio.Reader) {
	br.Reset(nil)
	bufReadPool.Put(br)
}

// release gives the member's pooled readers back (once).
func (m *member) release() {
	if fr, ok := m.closer.(io.ReadCloser); ok && fr != nil {
		putFlate(fr)
	}
	if m.raw.br != nil {
		putBufReader(m.raw.br)
	}
	m.closer, m.raw.br, m.dec, m.whole = nil, nil, nil, nil
	if m.err == nil {
		m.err = errMemberClosed
	}
}

// errMemberClosed is what a member read after Close returns.
var errMemberClosed = errors.New("zip: member read after close")

// sniffMember returns up to n leading bytes of a zip member (its kind), as
// openMember would read them but without what reading it whole needs: no
// kept copy of its deflate bytes, pooled readers. The bytes read count
// against the budgets. A member that cannot be read gives what was read.
func sniffMember(f *zip.File, n int, budgets ...*budget) []byte {
	raw, err := f.OpenRaw()
	if err != nil {
		return nil
	}
	head := make([]byte, n)
	var got int
	switch f.Method {
	case zip.Store:
		got, _ = io.ReadFull(raw, head)
	case zip.Deflate:
		br := getBufReader(raw)
		fr := getFlate(br)
		got, _ = io.ReadFull(fr, head)
		putFlate(fr)
		putBufReader(br)
	default:
		return nil
	}
	for _, b := range budgets {
		if b.take(got) != nil {
			break
		}
	}
	return head[:got]
}

func (m *member) Read(p []byte) (int, error) {
	if m.err != nil {
		return 0, m.err
	}
	n, err := m.dec.Read(p)
	m.syncWhole()
	m.n += int64(n)
	m.crc.Write(p[:n])
	switch {
	case uint64(m.n) > m.f.UncompressedSize64:
		m.err = errCorrupt(fmt.Errorf("zip: member %q is larger than its declared %d bytes", m.f.Name, m.f.UncompressedSize64))
	case m.n > m.max:
		m.err = fmt.Errorf("zip: member %q unpacks to more than the %d byte limit", m.f.Name, m.max)
	case m.n > memberFloor && float64(m.n) > m.ratio*float64(max(m.raw.n, 1)):
		m.err = fmt.Errorf("%w: member %q inflates more than %.0f:1 (%d bytes from %d)", errBomb, m.f.Name, m.ratio, m.n, m.raw.n)
	}
	if m.err == nil {
		for _, b := range m.budgets {
			if berr := b.take(n); berr != nil {
				m.err = berr
				break
			}
		}
	}
	if m.err != nil {
		return n, m.err
	}
	if err == io.EOF {
		if uint64(m.n) != m.f.UncompressedSize64 {
			m.err = errCorrupt(fmt.Errorf("zip: member %q is %d bytes, its header says %d", m.f.Name, m.n, m.f.UncompressedSize64))
		} else if m.crc.Sum32() != m.f.CRC32 {
			m.err = errCorrupt(fmt.Errorf("zip: member %q: %w (the data is damaged)", m.f.Name, zip.ErrChecksum))
		}
		if m.err != nil {
			return n, m.err
		}
		m.done = true
	} else if err != nil {
		m.err = describeInflateErr("zip: member "+strconv.Quote(m.f.Name), err)
		return n, m.err
	}
	return n, err
}

// syncWhole counts what the inflater consumed of a stream read whole, as
// byteCounter counts what it serves: the bytes consumed (for the ratio)
// and the end of the original in kept.
func (m *member) syncWhole() {
	if m.whole != nil {
		c := m.whole.Size() - int64(m.whole.Len())
		m.raw.n, m.raw.pos = c, len(gzipHeader)+int(c)
	}
}

// gzipped returns the member as a gzip stream made of its own deflate
// data (RFC 1952: a header, the deflate stream, CRC-32 and size), nil when
// its deflate bytes were not kept or it was not read to a clean, checked
// end. It is the file's compressed original at no compression cost.
func (m *member) gzipped() []byte {
	if !m.raw.keep || !m.done || m.n > math.MaxUint32 {
		return nil
	}
	out := binary.LittleEndian.AppendUint32(m.raw.kept[:m.raw.pos], m.f.CRC32)
	out = binary.LittleEndian.AppendUint32(out, uint32(m.n))
	m.raw.keep, m.raw.kept = false, nil
	return out
}

// sizeHint is how many bytes the member should unpack to, to size the
// buffer it is read into: its declared size, within a plausible ratio of
// its compressed size (a hostile header only sizes a buffer, never more).
func (m *member) sizeHint() int64 {
	return int64(min(m.f.UncompressedSize64, 32*m.f.CompressedSize64+memberFloor, uint64(m.max)))
}

// gzipHeader opens a gzip member: deflate, no flags, no time, unknown OS.
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

func (m *member) Close() error {
	m.release()
	return nil
}

// at reads the member at offsets by unpacking it again (see reopenAt), no
// further than it may unpack to.
func (m *member) at(ctx context.Context) *reopenAt {
	limit := min(int64(min(m.f.UncompressedSize64, uint64(m.max))), max(int64(m.ratio*float64(m.f.CompressedSize64)), memberFloor))
	if m.f.Method == zip.Store {
		limit = int64(min(m.f.UncompressedSize64, uint64(m.max)))
	}
	return &reopenAt{ctx: ctx, open: m.f.Open, gzipped: m.gzipped, max: limit}
}
