package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"sync"

	"rekindle"
	"rekindle/internal/store"
)

// streamDecodeAbove is the size (on disk, declared by a zip member or a
// gzip trailer) above which a GPX or TCX file is decoded as it is read
// rather than read whole first: hashed and compressed for its original on
// the way into the decoder, so the file is never held in memory, whatever
// its size (a 70 MB GPX imported in 232 MB of RSS when held whole). Smaller
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
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed) // as store.CompressOriginal
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
	zw  *gzip.Writer
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

// streamDecode decodes a GPX or TCX file from r as it is read (see
// streamDecodeAbove), then finishes d as work does. hint is the size
// expected. gz, when set, is the
// file's compressed original already (the gzip stream r inflates); else
// the bytes are compressed as they pass.
func streamDecode(ctx context.Context, d decoded, known map[string]bool, j job, r io.Reader, kind Kind, gz []byte, hint int64, opt *Options) decoded {
	d.kind = kind
	t := &teeReader{r: r, h: sha256.New(), max: opt.Limits.MaxFileBytes}
	var comp bytes.Buffer
	if gz == nil && !opt.DiscardOriginals {
		t.zw = streamGzipPool.Get().(*gzip.Writer)
		// Activity XML compresses about 15:1 at this level: room for that,
		// so that the buffer rarely doubles.
		comp.Grow(int(min(hint, opt.Limits.MaxFileBytes)/12) + 64<<10)
		t.zw.Reset(&comp)
		defer streamGzipPool.Put(t.zw)
	}
	acts, err := opt.Decoders[kind](t)
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
		if data == nil {
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
