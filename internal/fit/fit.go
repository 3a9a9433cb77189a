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
// the fault and says what went wrong and where.
package fit

import (
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
// sizeable buffers, and the field factory its cache.
type state struct {
	dec *decoder.Decoder
	fac *fieldFactory
}

var states = sync.Pool{New: func() any {
	return &state{dec: decoder.New(nil), fac: newFieldFactory()}
}}

// Decode reads a FIT file, chained or not, and returns one activity per
// session (a multisport file's legs share a Multisport key), or one built
// from the records when the file has no session. Summary, Source.File and
// Source.SHA256 are left for the caller.
//
// A damaged file yields what was decoded before the fault, with a warning
// naming the fault and its byte offset, and a nil error. A file with no
// activity in it gives an error wrapping rekindle.ErrNotActivity (settings,
// monitoring, course, empty) or rekindle.ErrCorrupt (not FIT, or nothing
// usable before the damage).
func Decode(r io.Reader) (acts []*rekindle.Activity, err error) {
	st := states.Get().(*state)
	w := &walker{r: r}
	b := &builder{sizeHint: sizeOf(r), w: w}
	st.dec.Reset(w,
		decoder.WithFactory(st.fac),
		decoder.WithMesgListener(b),
		decoder.WithMesgDefListener(b),
		decoder.WithBroadcastOnly(),
		decoder.WithIgnoreChecksum(), // the walker checks CRCs, also for 12-byte headers
	)
	defer func() {
		if p := recover(); p != nil {
			// A decoder bug must not take the importer down; the state is
			// not reused.
			acts, err = nil, fmt.Errorf("fit: decode: internal error %v: %w", p, rekindle.ErrCorrupt)
			return
		}
		st.dec.Reset(nil)
		states.Put(st)
	}()

	var fault error
	for seg := 0; ; seg++ {
		if !st.dec.Next() {
			break
		}
		hdr, err := st.dec.PeekFileHeader()
		if err != nil {
			if seg > 0 {
				break // bytes after the last FIT file: reported below
			}
			fault = err
			break
		}
		b.segData = hdr.DataSize
		if _, err := st.dec.Decode(); err != nil {
			fault = err
			break
		}
		if b.tooMany {
			break
		}
	}
	if b.tooMany {
		return nil, &rekindle.Error{Code: rekindle.CodeTooLarge,
			Message: fmt.Sprintf("fit: more than %d samples in one file", MaxSamples)}
	}

	warn, last := b.faultWarnings(w, r, fault)
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

// faultWarnings describes what went wrong, with byte offsets, from the
// decoder's error and the walker's view of the segments. last is the
// description of the fault that stopped decoding, if any.
func (b *builder) faultWarnings(w *walker, r io.Reader, fault error) (warn []string, last string) {
	if fault != nil {
		pos := bytePos(fault)
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
