package fit

import (
	"encoding/binary"
	"io"
	"math"
	"rekindle/internal/geo"

	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/proto"
)

// Resynchronisation after a fault in the middle of a FIT file.
//
// A real Strava Android file has messages that lost a byte: the decoder
// reads the next message's header one byte early, finds a local message type
// that was never defined and stops, although everything after the damage is
// intact. After such a fault the decoder scans forward from inside the last
// message for a byte position where resyncRun consecutive messages parse
// consistently with the definitions in force — known local types, sane
// definitions, timestamps close to and after the last good ones, positions
// near the last good ones — and resumes there, with a warning naming the
// bytes skipped. A position is accepted only on that evidence; without it
// decoding stops as before.
//
// Resynchronisation needs to read the file again at an offset, so it only
// happens when the reader is an io.ReaderAt of known size (bytes.Reader,
// strings.Reader, os.File), which is what ingest passes.
const (
	resyncRun    = 8        // consecutive consistent messages needed
	resyncWindow = 64 << 10 // how far past a fault to look
	maxResyncs   = 256      // per file
	resyncBudget = 4 << 20  // candidate positions tried per file, in all (and at most 4 per byte)
	// resyncBackS, resyncAheadS: how far before and after the last good
	// time a resumed message's timestamp may lie.
	resyncBackS  = 3600
	resyncAheadS = 12 * 3600
	// resyncNearM, resyncSpeedMS: a resumed position must lie within
	// resyncNearM plus resyncSpeedMS per second elapsed of a recent one.
	resyncNearM   = 2000
	resyncSpeedMS = 100
)

// recentSamples is how many of the last samples tell where and when a
// resynchronisation may resume.
const recentSamples = 8

// fix is a recent record's time and position (NaN when none).
type fix struct {
	ts       uint32
	lat, lon float64
}

// scanDef is what the scanner needs of a local definition.
type scanDef struct {
	ok             bool
	big            bool // big-endian
	size           int  // data bytes
	tsOff          int  // offset of a 4-byte timestamp (field 253), -1 when none
	latOff, lonOff int  // record position fields, -1 when none
}

func scanDefOf(d *proto.MessageDefinition) scanDef {
	s := scanDef{ok: true, big: d.Architecture == 1, tsOff: -1, latOff: -1, lonOff: -1}
	for _, f := range d.FieldDefinitions {
		s.noteField(uint16(d.MesgNum), f.Num, int(f.Size))
	}
	for _, f := range d.DeveloperFieldDefinitions {
		s.size += int(f.Size)
	}
	return s
}

func (s *scanDef) noteField(mesg uint16, num byte, size int) {
	switch {
	case num == proto.FieldNumTimestamp && size == 4:
		s.tsOff = s.size
	case mesg == 20 && num == 0 && size == 4:
		s.latOff = s.size
	case mesg == 20 && num == 1 && size == 4:
		s.lonOff = s.size
	}
	s.size += size
}

// scanner tries candidate resynchronisation positions over a window of the file.
type scanner struct {
	data  []byte // file bytes from offset base
	base  int64
	end   int // index in data where the FIT segment's data ends (or the file)
	defs  [16]scanDef
	refTS uint32 // median of the recent record times
	hasTS bool
	fixes []fix // recent fixes with a position
}

// newScanner prepares a scanner from what the builder has seen so far.
func (b *builder) newScanner(data []byte, base int64, end int) *scanner {
	s := &scanner{data: data, base: base, end: end}
	for i := range b.defs {
		if b.haveDef[i] {
			s.defs[i] = scanDefOf(&b.defs[i])
		}
	}
	// The last few samples' times and positions, from the columns.
	n := min(b.n, recentSamples)
	var ts []int64
	for i := b.n - n; i < b.n; i++ {
		t := uint32(b.t[i]/1000 - fitEpoch)
		ts = append(ts, int64(t))
		if b.lat != nil && b.lon != nil && !math.IsNaN(b.lat[i]) && !math.IsNaN(b.lon[i]) {
			s.fixes = append(s.fixes, fix{ts: t, lat: b.lat[i], lon: b.lon[i]})
		}
	}
	if n > 0 {
		s.refTS, s.hasTS = uint32(median(ts)), true
	}
	return s
}

// find returns the first index in [from, to) where a consistent run of
// messages starts; tried counts the candidates examined.
func (s *scanner) find(from, to int) (at int, tried int, ok bool) {
	for p := max(from, 0); p < to && p < s.end; p++ {
		tried++
		if s.run(p) {
			return p, tried, true
		}
	}
	return 0, tried, false
}

// run reports whether resyncRun messages (or all up to the end of the
// segment's data, at least two) parse consistently from index p.
func (s *scanner) run(p int) bool {
	defs := s.defs
	cur, hasTS := s.refTS, s.hasTS
	fullTS := false // a full timestamp seen in this run (for compressed headers)
	checked := 0    // timestamps or positions checked
	d := s.data
	for count := 0; count < resyncRun; count++ {
		if p == s.end {
			return count >= 2
		}
		if p > s.end {
			return false
		}
		h := d[p]
		switch {
		case h&0x80 != 0: // compressed timestamp header
			def := &defs[(h>>5)&0x03]
			if !def.ok || !fullTS {
				return false
			}
			if p+1+def.size > s.end {
				return p+1+def.size > len(d) && count >= 3 // truncated file
			}
			ts := cur + uint32((h&0x1F-byte(cur&0x1F))&0x1F)
			cur = ts
			checked++
			p += 1 + def.size
		case h&0x40 != 0: // definition
			if h&0x10 != 0 || p+6 > s.end {
				return false
			}
			arch := d[p+2]
			if d[p+1] != 0 || arch > 1 {
				return false
			}
			mesg := binary.LittleEndian.Uint16(d[p+3:])
			if arch == 1 {
				mesg = binary.BigEndian.Uint16(d[p+3:])
			}
			if mesg >= 0x400 && (mesg < 0xFF00 || mesg == 0xFFFF) {
				return false
			}
			nf := int(d[p+5])
			q := p + 6 + 3*nf
			if nf == 0 || q > s.end {
				return false
			}
			def := scanDef{ok: true, big: arch == 1, tsOff: -1, latOff: -1, lonOff: -1}
			for i := p + 6; i < q; i += 3 {
				if d[i+1] == 0 || !basetype.BaseType(d[i+2]).Valid() {
					return false
				}
				def.noteField(mesg, d[i], int(d[i+1]))
			}
			if h&0x20 != 0 {
				if q >= s.end {
					return false
				}
				nd := int(d[q])
				r := q + 1 + 3*nd
				if r > s.end {
					return false
				}
				for i := q + 1; i < r; i += 3 {
					def.size += int(d[i+1])
				}
				q = r
			}
			defs[h&0x0F] = def
			p = q
		default: // data message
			if h&0x30 != 0 {
				return false
			}
			def := &defs[h&0x0F]
			if !def.ok {
				return false
			}
			if p+1+def.size > s.end {
				return p+1+def.size > len(d) && count >= 3
			}
			body := d[p+1 : p+1+def.size]
			if def.tsOff >= 0 {
				ts := u32At(body[def.tsOff:], def.big)
				if hasTS && !plausibleStep(cur, ts) {
					return false
				}
				if !hasTS || ts > cur {
					cur = ts
				}
				hasTS, fullTS = true, true
				checked++
			}
			if def.latOff >= 0 && def.lonOff >= 0 {
				lat := int32(u32At(body[def.latOff:], def.big))
				lon := int32(u32At(body[def.lonOff:], def.big))
				if lat != math.MaxInt32 && lon != math.MaxInt32 {
					if !s.near(float64(lat)*semicircle, float64(lon)*semicircle, cur) {
						return false
					}
					checked++
				}
			}
			p += 1 + def.size
		}
	}
	return checked >= 2
}

// plausibleStep reports whether a message stamped ts can follow one
// stamped cur, both absolute or both device-relative.
func plausibleStep(cur, ts uint32) bool {
	if (cur < relativeLimit) != (ts < relativeLimit) {
		return false
	}
	return int64(ts) >= int64(cur)-resyncBackS && int64(ts) <= int64(cur)+resyncAheadS
}

// near reports whether a position at time ts lies close to a recent one
// (true when there is none to compare with).
func (s *scanner) near(lat, lon float64, ts uint32) bool {
	if math.Abs(lat) > 90 || math.Abs(lon) > 180 {
		return false
	}
	if len(s.fixes) == 0 {
		return true
	}
	for _, f := range s.fixes {
		dt := math.Abs(float64(int64(ts) - int64(f.ts)))
		if geo.Distance(lat, lon, f.lat, f.lon) <= resyncNearM+resyncSpeedMS*dt {
			return true
		}
	}
	return false
}

func u32At(b []byte, big bool) uint32 {
	if big {
		return binary.BigEndian.Uint32(b)
	}
	return binary.LittleEndian.Uint32(b)
}

// resumeStream is what the decoder reads after a resynchronisation: a FIT
// header, the local definitions in force (re-encoded), then the file from
// the resumption point on, so that the rest of a chained file follows. The
// header announces the original segment's remaining data, so a truncated
// file still ends the same way. head is the length before the file bytes.
func (b *builder) resumeStream(ra io.ReaderAt, size, at, segEnd int64) (r io.Reader, head int64) {
	var defs []byte
	for i := range b.defs {
		if b.haveDef[i] {
			defs = appendDef(defs, &b.defs[i])
		}
	}
	var hdr [12]byte
	hdr[0], hdr[1] = 12, 0x20
	binary.LittleEndian.PutUint16(hdr[2:], 2132)
	binary.LittleEndian.PutUint32(hdr[4:], uint32(int64(len(defs))+segEnd-at))
	copy(hdr[8:], ".FIT")
	head = int64(len(hdr) + len(defs))
	buf := make([]byte, 0, head)
	buf = append(append(buf, hdr[:]...), defs...)
	return io.MultiReader(&byteReader{b: buf}, io.NewSectionReader(ra, at, size-at)), head
}

// appendDef encodes a definition message.
func appendDef(out []byte, d *proto.MessageDefinition) []byte {
	h := 0x40 | d.Header&0x0F
	if len(d.DeveloperFieldDefinitions) > 0 {
		h |= 0x20
	}
	out = append(out, h, 0, d.Architecture)
	if d.Architecture == 1 {
		out = binary.BigEndian.AppendUint16(out, uint16(d.MesgNum))
	} else {
		out = binary.LittleEndian.AppendUint16(out, uint16(d.MesgNum))
	}
	out = append(out, byte(len(d.FieldDefinitions)))
	for _, f := range d.FieldDefinitions {
		out = append(out, f.Num, f.Size, byte(f.BaseType))
	}
	if len(d.DeveloperFieldDefinitions) > 0 {
		out = append(out, byte(len(d.DeveloperFieldDefinitions)))
		for _, f := range d.DeveloperFieldDefinitions {
			out = append(out, f.Num, f.Size, f.DeveloperDataIndex)
		}
	}
	return out
}

// byteReader is a minimal reader over a byte slice (no Len method, so the
// decoder's size hint is not misled by it).
type byteReader struct{ b []byte }

func (r *byteReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.b)
	r.b = r.b[n:]
	return n, nil
}

// dropLast removes the last sample (a record decoded from a damaged message).
func (b *builder) dropLast() {
	if b.n == 0 {
		return
	}
	n := b.n - 1
	b.n = n
	b.t = b.t[:n]
	b.lat, b.lon, b.dist = cutLen64(b.lat, n), cutLen64(b.lon, n), cutLen64(b.dist, n)
	b.ele, b.hr, b.cad = cutLen32(b.ele, n), cutLen32(b.hr, n), cutLen32(b.cad, n)
	b.power, b.speed, b.temp = cutLen32(b.power, n), cutLen32(b.speed, n), cutLen32(b.temp, n)
	b.lastNew = false
	if n > 0 {
		b.lastTS = uint32(b.t[n-1]/1000 - fitEpoch)
	}
}
