// Package fit decodes FIT activity files (Garmin's Flexible and
// Interoperable data Transfer protocol) into rekindle activities.
//
// It rides on github.com/muktihari/fit's streaming decoder, listening to
// messages as they are decoded and keeping only what rekindle needs, in
// columns sized once. It copes with the files real devices write: chained
// FIT files, multisport sessions, compressed timestamps, device-relative
// timestamps, developer fields carrying running power, pool lengths, and
// damaged files (truncated, unterminated, undefined local messages,
// misaligned field sizes), from which it keeps everything decoded before
// the fault and says what went wrong and where. After a fault in the middle
// of a file it resynchronises when the evidence allows (see resync.go) and
// reads on; records whose times are impossible (outside the sessions' span,
// or going backwards) never reach a track.
package fit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/typedef"

	"rekindle"
)

// state is the reusable part of a decode: muktihari's decoder keeps
// sizeable buffers, the field factory its cache, and the builder its
// message lists; the decoder's options, which name the factory and the
// builder, are made once.
type state struct {
	dec  *decoder.Decoder
	fac  *fieldFactory
	b    builder
	opts []decoder.Option
}

var states = sync.Pool{New: func() any {
	st := &state{dec: decoder.New(nil), fac: newFieldFactory()}
	st.opts = decodeOptions(st.fac, &st.b)
	return st
}}

// Decode reads a FIT file, chained or not, and returns one activity per
// session (a multisport file's legs share a Multisport key), or one built
// from the records when the file has no session. Summary, Source.File and
// Source.SHA256 are left for the caller.
//
// A damaged file yields what was decoded before the fault, and what could
// be decoded after it once resynchronised (only when r is an io.ReaderAt of
// known size, such as a *bytes.Reader), with warnings naming the faults and
// the bytes skipped, and a nil error. A file with no
// activity in it gives an error wrapping rekindle.ErrNotActivity (settings,
// monitoring, course, empty) or rekindle.ErrCorrupt (not FIT, or nothing
// usable before the damage).
//
// When r is a ColumnSource offering a Columns, the tracks are cut from its
// memory and alias it until the caller calls its Release (see Columns).
func Decode(r io.Reader) (acts []*rekindle.Activity, err error) {
	st := states.Get().(*state)
	w := &walker{r: r}
	b := &st.b
	b.reset(sizeOf(r), w, columnsOf(r))
	st.dec.Reset(w, st.opts...)
	defer func() {
		if p := recover(); p != nil {
			// A decoder bug must not take the importer down; the state is
			// not reused.
			acts, err = nil, fmt.Errorf("fit: decode: internal error %v: %w", p, rekindle.ErrCorrupt)
			return
		}
		// The pooled state must hold on to nothing of this file: the
		// decoder keeps the walker, which lets go of the reader, and the
		// builder lets go of the columns handed out (muktihari's Decode
		// already released its per-file objects).
		w.r = nil
		b.pool.keep(b)
		b.release()
		states.Put(st)
	}()

	fault := decodeStream(st.dec, b)
	if data, ok := retryFixedBaseTypes(r, fault); ok {
		// A field definition with a base type the decoder refuses but the
		// FIT SDK reads (its number without the endian bit): decode the
		// repaired bytes instead, from the start.
		return Decode(bytes.NewReader(data))
	}
	// After a fault in the middle of the file, try to resume past the damage.
	var skips []string
	delta, head := int64(0), int64(0) // file offset = stream position + delta, past head
	ra, size := readerAt(r)
	budget, lastP := int(min(resyncBudget, 4*size)), int64(-1)
	for fault != nil && !b.tooMany && ra != nil && len(skips) < maxResyncs && budget > 0 {
		pos := bytePos(fault)
		if pos < head || errors.Is(fault, io.EOF) || errors.Is(fault, io.ErrUnexpectedEOF) || errors.Is(fault, decoder.ErrNotFITFile) {
			break
		}
		at := pos + delta
		if errors.Is(fault, decoder.ErrMesgDefMissing) {
			at-- // the header byte of the message that could not be read
		}
		if len(skips) == 0 {
			w.noCheck = true // the walker sees the rest now, to know the segments
			_, _ = io.CopyN(io.Discard, w, 1<<40)
		}
		segEnd := int64(-1)
		for _, s := range w.segs {
			if data := s.Offset + int64(s.Header); at >= data && at < data+int64(s.DataSize) {
				segEnd = data + int64(s.DataSize)
			}
		}
		if segEnd < 0 {
			break
		}
		p, tried, ok := b.findResync(ra, size, at, segEnd)
		budget -= tried
		if !ok || p <= lastP {
			break // nothing consistent ahead, or no progress
		}
		lastP = p
		desc := describeFault(fault, at, ra)
		from := at
		if p < at && b.lastNew {
			from = at - int64(b.lastLen) // the last message was damaged: its sample goes
			b.dropLast()
		}
		skipped := "the damage lies in what was read before it"
		if from = min(from, p); p > from {
			skipped = fmt.Sprintf("bytes %d–%d skipped as damaged", from, p-1)
		}
		skips = append(skips, fmt.Sprintf("%s; %s, decoding resumed at byte %d", desc, skipped, p))
		src, h := b.resumeStream(ra, size, p, segEnd)
		delta, head = p-h, h
		st.dec.Reset(src, st.opts...)
		b.w = nil // progress projections no longer follow the walker
		fault = decodeStream(st.dec, b)
	}
	if b.tooMany {
		return nil, &rekindle.Error{Code: rekindle.CodeTooLarge,
			Message: fmt.Sprintf("fit: more than %d samples in one file", MaxSamples)}
	}

	warn, last := b.faultWarnings(w, r, fault, delta)
	warn = append(skipWarnings(skips), warn...)
	acts = b.activities(warn)
	if len(acts) > 0 {
		for _, a := range acts {
			if err := a.Track.Validate(); err != nil {
				return nil, fmt.Errorf("fit: activity %d: %w", a.Source.Index, err)
			}
		}
		return acts, nil
	}
	switch {
	case w.off == 0 || (fault != nil && errors.Is(fault, io.EOF) && w.off == 0):
		return nil, fmt.Errorf("fit: empty file: %w", rekindle.ErrNotActivity)
	case fault != nil && b.messages == 0:
		return nil, fmt.Errorf("fit: %s: %w", last, rekindle.ErrCorrupt)
	case b.haveFileID && b.fileType != typedef.FileActivity && b.fileType != typedef.FileInvalid:
		return nil, fmt.Errorf("fit: a %s file holds no activity: %w", b.fileType, rekindle.ErrNotActivity)
	case fault != nil && !b.haveFileID:
		return nil, fmt.Errorf("fit: %s: %w", last, rekindle.ErrCorrupt)
	}
	return nil, fmt.Errorf("fit: no session and no records: %w", rekindle.ErrNotActivity)
}

func decodeOptions(fac *fieldFactory, b *builder) []decoder.Option {
	return []decoder.Option{
		decoder.WithFactory(fac),
		decoder.WithMesgListener(b),
		decoder.WithMesgDefListener(b),
		decoder.WithBroadcastOnly(),
		decoder.WithIgnoreChecksum(), // the walker checks CRCs, also for 12-byte headers
		// No component expansion: what rekindle reads of expanded fields
		// (enhanced altitude and speed, compressed speed and distance,
		// cadence256) it reads from the fields themselves, exactly.
		decoder.WithNoComponentExpansion(),
	}
}

// decodeStream decodes the FIT files chained in the decoder's reader, and
// returns the fault that stopped it, nil at a clean end.
func decodeStream(dec *decoder.Decoder, b *builder) error {
	for seg := 0; ; seg++ {
		if !dec.Next() {
			return nil
		}
		hdr, err := dec.PeekFileHeader()
		if err != nil {
			if seg > 0 {
				return nil // bytes after the last FIT file: reported by the walker
			}
			return err
		}
		if b != nil {
			b.segData, b.segRead = hdr.DataSize, 0
		}
		if _, err := dec.Decode(); err != nil {
			return err
		}
		if b != nil && b.tooMany {
			return nil
		}
	}
}

// findResync looks for where decoding can resume after a fault at byte at,
// inside the segment whose data ends at segEnd: first close to the fault,
// then over the whole window.
func (b *builder) findResync(ra io.ReaderAt, size, at, segEnd int64) (p int64, tried int, ok bool) {
	for _, window := range []int64{4 << 10, resyncWindow} {
		p, n, ok := b.findResyncIn(ra, size, at, segEnd, window)
		tried += n
		if ok || at+window >= min(size, segEnd) {
			return p, tried, ok
		}
	}
	return 0, tried, false
}

func (b *builder) findResyncIn(ra io.ReaderAt, size, at, segEnd, window int64) (p int64, tried int, ok bool) {
	lo := at - int64(b.lastLen) + 1 // from inside the last message read
	lo = max(lo, 0)
	hi := min(size, segEnd, at+2*window)
	if hi <= lo {
		return 0, 0, false
	}
	if int64(cap(b.scanBuf)) < hi-lo {
		b.scanBuf = make([]byte, hi-lo)
	}
	data := b.scanBuf[:hi-lo]
	n, err := ra.ReadAt(data, lo)
	if n < len(data) && err != nil && err != io.EOF {
		return 0, 0, false
	}
	data = data[:n]
	end := int(min(segEnd, lo+int64(n)) - lo)
	sc := b.newScanner(data, lo, end)
	i, tried, ok := sc.find(0, int(min(at+window, hi)-lo))
	return lo + int64(i), tried, ok
}

// describeFault names a decoding fault at byte at.
func describeFault(fault error, at int64, ra io.ReaderAt) string {
	if errors.Is(fault, decoder.ErrMesgDefMissing) {
		var h [1]byte
		if n, _ := ra.ReadAt(h[:], at); n == 1 {
			return fmt.Sprintf("byte %d: undefined local message %d", at, localNum(h[0]))
		}
	}
	msg := fault.Error()
	if i := strings.LastIndex(msg, "]: "); i >= 0 {
		msg = msg[i+3:]
	}
	return fmt.Sprintf("byte %d: %s", at, msg)
}

// skipWarnings lists the first few resynchronisations one by one and
// summarises the rest.
func skipWarnings(skips []string) []string {
	const shown = 4
	if len(skips) <= shown+1 {
		return skips
	}
	out := append([]string(nil), skips[:shown]...)
	return append(out, fmt.Sprintf("%d more damaged spots skipped in the same way; the last: %s", len(skips)-shown, skips[len(skips)-1]))
}

// readerAt returns r as an io.ReaderAt with its size, or nil.
func readerAt(r io.Reader) (io.ReaderAt, int64) {
	ra, ok := r.(io.ReaderAt)
	if !ok {
		return nil, 0
	}
	size := sizeOf(r)
	if s, ok := r.(interface{ Size() int64 }); ok {
		size = s.Size()
	}
	if size < 0 {
		return nil, 0
	}
	return ra, size
}

// faultWarnings describes what went wrong, with byte offsets, from the
// decoder's error and the walker's view of the segments. last is the
// description of the fault that stopped decoding, if any.
func (b *builder) faultWarnings(w *walker, r io.Reader, fault error, delta int64) (warn []string, last string) {
	if fault != nil {
		pos := bytePos(fault)
		if pos >= 0 {
			pos += delta // after a resynchronisation, stream positions are shifted
		}
		// Let the walker see the rest of the file, to say how it ends.
		w.noCheck = true
		_, _ = io.CopyN(io.Discard, w, 1<<30)
		switch {
		case errors.Is(fault, decoder.ErrMesgDefMissing) && pos > 0:
			at := pos - 1
			last = fmt.Sprintf("byte %d: data message uses a local message type that was never defined", at)
			if ra, ok := r.(io.ReaderAt); ok {
				var h [1]byte
				if n, _ := ra.ReadAt(h[:], at); n == 1 {
					last = fmt.Sprintf("byte %d: undefined local message %d", at, localNum(h[0]))
				}
			}
		case errors.Is(fault, io.EOF) || errors.Is(fault, io.ErrUnexpectedEOF):
			last = fmt.Sprintf("byte %d: file ends in the middle of a message (truncated or unterminated recording)", w.off)
		case errors.Is(fault, decoder.ErrNotFITFile):
			last = fmt.Sprintf("byte %d: not a FIT file header", max(pos-1, 0))
		default:
			msg := fault.Error()
			if i := strings.LastIndex(msg, "]: "); i >= 0 {
				msg = msg[i+3:]
			}
			last = fmt.Sprintf("byte %d: %s", max(pos, 0), msg)
		}
		if b.messages > 0 {
			warn = append(warn, last+"; kept what was decoded before it")
		}
	}
	for i, s := range w.segs {
		switch {
		case s.End < s.Offset+int64(s.Header)+int64(s.DataSize):
			warn = append(warn, fmt.Sprintf("byte %d: FIT file %d is truncated: its header announces %d data bytes, the file ends at byte %d", s.Offset, i+1, s.DataSize, s.End))
		case s.CRC == "missing" && fault == nil:
			warn = append(warn, fmt.Sprintf("byte %d: FIT file %d has no final CRC (unterminated recording)", s.End, i+1))
		case s.CRC == "bad":
			warn = append(warn, fmt.Sprintf("byte %d: CRC of FIT file %d does not match: its data may be damaged", s.End-2, i+1))
		}
	}
	if w.state == 3 && fault == nil && len(w.segs) > 0 {
		warn = append(warn, fmt.Sprintf("byte %d: bytes after the last FIT file ignored", w.segs[len(w.segs)-1].End))
	}
	return warn, last
}

// bytePos extracts the byte position muktihari's errors carry
// ("decode message [byte pos: 7472]: ..."), -1 when absent.
func bytePos(err error) int64 {
	msg := err.Error()
	const key = "byte pos: "
	i := strings.LastIndex(msg, key)
	if i < 0 {
		return -1
	}
	rest := msg[i+len(key):]
	j := strings.IndexByte(rest, ']')
	if j < 0 {
		return -1
	}
	n, perr := strconv.ParseInt(rest[:j], 10, 64)
	if perr != nil {
		return -1
	}
	return n
}

func localNum(h byte) byte {
	if h&0x80 != 0 {
		return (h >> 5) & 0x03
	}
	return h & 0x0F
}

// sizeOf returns how many bytes r holds when it can tell cheaply, else -1.
func sizeOf(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Len() int }:
		return int64(v.Len())
	case *os.File:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			return fi.Size()
		}
	}
	return -1
}
