package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"sync"

	kgzip "github.com/klauspost/compress/gzip"

	"rekindle"
	"rekindle/internal/store"
)

// streamDecodeAbove is the size (on disk, declared by a zip member or a
// gzip trailer) above which a GPX or TCX file is decoded as it is read
// rather than read whole first: hashed and compressed for its original on
// the way into the decoder, so the file is never held in memory, whatever
// its size (a 70 MB GPX imported in 232 MB of RSS when held whole). A FIT
// file above it streams the same way, from disk, gzipped or a zip member
// (see work and reopenAt). Smaller
// files are read whole, as before: their digest is then known before they
// are decoded, so a file already stored is not decoded again.
var streamDecodeAbove int64 = 4 << 20

// streamsDecoding reports whether a file of kind k, expected to be hint
// bytes long, is decoded as it streams (see streamDecodeAbove): the XML
// decoders read a stream token by token and need nothing else.
func streamsDecoding(k Kind, hint int64, opt *Options) bool {
	return (k == KindGPX || k == KindTCX) && hint > streamDecodeAbove && opt.Decoders[k] != nil
}

var streamGzipPool = sync.Pool{New: func() any {
	w, _ := kgzip.NewWriterLevel(nil, store.OriginalLevel) // as store.CompressOriginal
	return w
}}

// teeReader passes a file to its decoder while hashing it, compressing it
// for its original (zw, nil when the original is kept otherwise or not at
// all) and counting it; it fails past max bytes. The first read error is
// kept: the file then fails as it would have when read whole, rather than
// import what came before the damage.
type teeReader struct {
	r   io.Reader
	h   hash.Hash
	zw  *kgzip.Writer
	n   int64
	max int64
	err error
}

func (t *teeReader) Read(p []byte) (int, error) {
	if t.err != nil {
		return 0, t.err
	}
	if rest := t.max + 1 - t.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := t.r.Read(p)
	if n > 0 {
		t.h.Write(p[:n])
		if t.zw != nil {
			t.zw.Write(p[:n]) // into a bytes.Buffer: cannot fail
		}
		t.n += int64(n)
	}
	if t.n > t.max {
		t.err = fmt.Errorf("larger than the %d byte limit", t.max)
		return n, t.err
	}
	if err != nil && err != io.EOF {
		t.err = err
	}
	return n, err
}

// teeAt is a teeReader over a file on disk that also reads the file at
// offsets (io.ReaderAt, Size), as the FIT decoder does to resynchronise
// after damage, and tells how much is left to read (Len, as a
// bytes.Reader), from which it sizes its columns once.
type teeAt struct {
	*teeReader
	ra   io.ReaderAt
	size int64
}

func (t *teeAt) ReadAt(p []byte, off int64) (int, error) { return t.ra.ReadAt(p, off) }
func (t *teeAt) Size() int64                             { return t.size }
func (t *teeAt) Len() int                                { return int(max(t.size-t.n, 0)) }

// streamDecode decodes a GPX, TCX or FIT file from r as it is read (see
// streamDecodeAbove), then finishes d as work does. hint is the size
// expected. ra, when set, reads the same file at offsets (the file on
// disk, or a reopenAt inflating it again), for the FIT decoder's
// resynchronisation. gz, when
// set, is the file's compressed original already (the gzip stream r
// inflates); else the bytes are compressed as they pass.
func streamDecode(ctx context.Context, d decoded, known map[string]bool, j job, r io.Reader, ra io.ReaderAt, kind Kind, gz []byte, hint int64, opt *Options) decoded {
	d.kind = kind
	t := &teeReader{r: r, h: sha256.New(), max: opt.Limits.MaxFileBytes}
	var comp bytes.Buffer
	// A FIT file read at offsets is compressed for its original after it
	// is measured, read again (or a zip member's own deflate stream kept
	// as it is): the compressed bytes are then not held at the same time
	// as the track's columns and the measuring's work (a 20 MB FIT: 14 MB).
	later := gz == nil && !opt.DiscardOriginals && ra != nil && kind == KindFIT
	if gz == nil && !opt.DiscardOriginals && !later {
		t.zw = streamGzipPool.Get().(*kgzip.Writer)
		// Activity XML compresses about 15:1 at this level, FIT files to
		// 0.43–0.76 of their size (the real files of the test data; a
		// generated long run 0.58): room for that, so that the buffer
		// rarely doubles.
		room := min(hint, opt.Limits.MaxFileBytes) / 12
		if kind == KindFIT {
			room = min(hint, opt.Limits.MaxFileBytes) * 3 / 4
		}
		comp.Grow(int(room) + 64<<10)
		t.zw.Reset(&comp)
		defer streamGzipPool.Put(t.zw)
	}
	var src io.Reader = t
	if ra != nil {
		src = &teeAt{teeReader: t, ra: ra, size: hint}
	}
	acts, err := opt.Decoders[kind](src)
	// The digest is of the whole file: what the decoder left unread (after
	// its root element, or past damage it stopped at) is read too.
	if t.err == nil {
		if _, rerr := io.Copy(io.Discard, t); rerr != nil && t.err == nil {
			t.err = rerr
		}
	}
	if t.err != nil {
		d.err = t.err
		if gz != nil {
			d.err = describeInflateErr("gzip", t.err)
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			d.err = ctxErr
		}
		return d
	}
	d.sha = hex.EncodeToString(t.h.Sum(nil))
	if known[d.sha] {
		d.known = true
		return d
	}
	var measured []*rekindle.Activity
	measured, d.courses, d.warnings, d.err = measureDecoded(ctx, kind, acts, err, j.name, j.strava, opt.Limits)
	d.prepare(measured)
	if !opt.DiscardOriginals && keepOriginal(d.kind, d.err) && (d.err == nil || t.n <= opt.Limits.MaxFailedOriginal) {
		data := gz
		switch {
		case data == nil && later:
			var err error
			if data, err = compressAgain(ra, t.n, d.sha); err != nil {
				d.err = err
				d.acts = nil
				return d
			}
		case data == nil:
			t.zw.Close() // into a bytes.Buffer: cannot fail
			data = comp.Bytes()
			if cap(data) > len(data)+len(data)/8+4096 {
				data = bytes.Clone(data) // kept until the batch is written: not the buffer's slack
			}
		}
		d.original = &store.Original{SHA256: d.sha, Name: j.name, Kind: string(kind), Size: t.n, Data: data}
	}
	return d
}

// compressAgain reads the n bytes of a file at offsets again and returns
// them compressed as store.CompressOriginal does (a zip member's own
// deflate stream made gzip when it was kept), after checking that they are
// the bytes decoded (digest sha): a file changed on disk meanwhile fails,
// to be imported again, rather than keep an original that is not what was
// imported.
func compressAgain(ra io.ReaderAt, n int64, sha string) ([]byte, error) {
	if m, ok := ra.(*reopenAt); ok && m.gzipped != nil {
		if gz := m.gzipped(); gz != nil {
			return gz, nil
		}
	}
	zw := streamGzipPool.Get().(*kgzip.Writer)
	defer streamGzipPool.Put(zw)
	var comp bytes.Buffer
	comp.Grow(int(n*3/4) + 64<<10) // FIT files compress to 0.43–0.76 of their size
	zw.Reset(&comp)
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(h, zw), io.NewSectionReader(ra, 0, n)); err != nil {
		return nil, fmt.Errorf("reading the file again for its original: %w", err)
	}
	zw.Close() // into a bytes.Buffer: cannot fail
	if hex.EncodeToString(h.Sum(nil)) != sha {
		return nil, errors.New("the file changed while it was imported")
	}
	data := comp.Bytes()
	if cap(data) > len(data)+len(data)/8+4096 {
		data = bytes.Clone(data) // kept until the batch is written: not the buffer's slack
	}
	return data, nil
}

// reopenAt reads a compressed file at offsets (io.ReaderAt) by inflating
// it again from its start, as the FIT decoder needs to resynchronise after
// damage in a gzipped FIT file or a FIT zip member, which it otherwise
// reads as a stream, never held whole. Reads going forward continue the
// same inflater, and the last range read is kept: the decoder resumes
// inside the window it has just scanned, and scans the next window from
// where it stopped, so a damaged file is inflated about twice, not once per
// damaged spot. Nothing past max is inflated (the import's limits: a
// hostile stream costs no more than when it was read).
type reopenAt struct {
	ctx     context.Context
	open    func() (io.ReadCloser, error)
	gzipped func() []byte // a zip member's own deflate stream made gzip, nil when not kept
	max     int64
	rc      io.ReadCloser // the inflater, at pos
	pos     int64
	last    []byte // the bytes at lastOff, read last
	lastOff int64
}

func (r *reopenAt) ReadAt(p []byte, off int64) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	if off < 0 {
		return 0, errors.New("negative offset")
	}
	lastEnd := r.lastOff + int64(len(r.last))
	if off >= r.lastOff && off+int64(len(p)) <= lastEnd {
		return copy(p, r.last[off-r.lastOff:]), nil
	}
	if off >= r.max {
		return 0, io.EOF
	}
	short := false
	if rest := r.max - off; int64(len(p)) > rest {
		p, short = p[:rest], true
	}
	n := 0
	if off >= r.lastOff && off < lastEnd && r.pos == lastEnd && r.rc != nil {
		n = copy(p, r.last[off-r.lastOff:]) // the head from what was read last
	} else if r.rc == nil || off < r.pos {
		if r.rc != nil {
			r.rc.Close()
		}
		rc, err := r.open()
		if err != nil {
			r.rc = nil
			return 0, err
		}
		r.rc, r.pos = rc, 0
	}
	if at := off + int64(n); at > r.pos {
		k, err := io.CopyN(io.Discard, ctxReader{r.ctx, r.rc}, at-r.pos)
		r.pos += k
		if err != nil {
			return 0, eofAt(err)
		}
	}
	k, err := io.ReadFull(ctxReader{r.ctx, r.rc}, p[n:])
	r.pos += int64(k)
	n += k
	r.last, r.lastOff = append(r.last[:0], p[:n]...), off
	switch {
	case err != nil:
		return n, eofAt(err)
	case short:
		return n, io.EOF
	}
	return n, nil
}

// eofAt maps a stream ending early to the io.EOF of a read past the end.
func eofAt(err error) error {
	if err == io.ErrUnexpectedEOF {
		return io.EOF
	}
	return err
}

// Close lets go of the inflater.
func (r *reopenAt) Close() error {
	if r.rc == nil {
		return nil
	}
	err := r.rc.Close()
	r.rc = nil
	return err
}

// gzipAt reads a gzip stream held in memory at offsets of what it inflates to.
func gzipAt(ctx context.Context, gz []byte, lim Limits) *reopenAt {
	maxOut := lim.MaxFileBytes
	if ratioCap := max(int64(float64(len(gz))*lim.MaxRatio), memberFloor); ratioCap < maxOut {
		maxOut = ratioCap
	}
	open := func() (io.ReadCloser, error) {
		zr, err := kgzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			return nil, err
		}
		zr.Multistream(true)
		return zr, nil
	}
	return &reopenAt{ctx: ctx, open: open, max: maxOut}
}
