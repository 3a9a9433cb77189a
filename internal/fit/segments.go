package fit

import (
	"encoding/binary"
	"io"
)

// crcTables are the slicing-by-8 tables of the FIT CRC (CRC-16/ARC:
// reflected polynomial 0xA001, initial value 0), computed once: table 0 is
// the byte-wise table, table k advances a byte's effect by k more bytes.
// The walker checks every file's CRC as the bytes pass (the decoder's own
// check is off), so this is the only CRC pass over a file.
var crcTables = func() (t [8][256]uint16) {
	for i := range t[0] {
		c := uint16(i)
		for range 8 {
			if c&1 != 0 {
				c = c>>1 ^ 0xA001
			} else {
				c >>= 1
			}
		}
		t[0][i] = c
	}
	for k := 1; k < len(t); k++ {
		for i := range t[k] {
			c := t[k-1][i]
			t[k][i] = c>>8 ^ t[0][byte(c)]
		}
	}
	return t
}()

// crcUpdate extends crc over p, eight bytes at a time.
func crcUpdate(crc uint16, p []byte) uint16 {
	t := &crcTables
	for len(p) >= 8 {
		crc ^= uint16(p[0]) | uint16(p[1])<<8
		crc = t[7][byte(crc)] ^ t[6][crc>>8] ^ t[5][p[2]] ^ t[4][p[3]] ^
			t[3][p[4]] ^ t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]]
		p = p[8:]
	}
	for _, b := range p {
		crc = crc>>8 ^ t[0][byte(crc)^b]
	}
	return crc
}

// segment is one FIT file of a (possibly chained) file, as seen by the walker.
type segment struct {
	Offset   int64  // byte offset of its header
	Header   int    // header size, 12 or 14
	DataSize uint32 // as the header declares
	CRC      string // "ok", "bad", "missing" (file ended before it)
	End      int64  // offset just past its CRC, or where the file ended
}

// walker passes bytes through from r to the muktihari decoder and, on the
// side, follows the chain of FIT headers: it checks every segment's file CRC
// itself (over header and data, as the FIT protocol defines it, which also
// holds for 12-byte headers and 14-byte headers with a zero CRC) and notes
// where each segment starts and ends.
type walker struct {
	r    io.Reader
	off  int64 // bytes passed through
	segs []segment

	state   int // 0 header, 1 data, 2 crc, 3 stopped (not a header)
	hdr     [14]byte
	hdrN    int
	left    int64 // data bytes left in the current segment
	crc     uint16
	crcBuf  [2]byte
	crcN    int
	noCheck bool // stop checking (after a fault), only count bytes
}

func (w *walker) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	if n > 0 {
		w.scan(p[:n])
	}
	return n, err
}

func (w *walker) scan(p []byte) {
	for len(p) > 0 {
		switch w.state {
		case 0: // header
			size := int(w.hdr[0])
			if w.hdrN == 0 {
				if p[0] != 12 && p[0] != 14 {
					w.state = 3
					continue
				}
				size = int(p[0])
			}
			k := copy(w.hdr[w.hdrN:size], p)
			w.hdrN += k
			w.off += int64(k)
			p = p[k:]
			if w.hdrN == size {
				if string(w.hdr[8:12]) != ".FIT" {
					w.state = 3
					continue
				}
				ds := binary.LittleEndian.Uint32(w.hdr[4:8])
				w.segs = append(w.segs, segment{Offset: w.off - int64(size), Header: size, DataSize: ds, CRC: "missing", End: w.off})
				w.crc = crcUpdate(0, w.hdr[:size])
				w.left = int64(ds)
				w.state = 1
			}
		case 1: // data
			k := int64(len(p))
			if k > w.left {
				k = w.left
			}
			if !w.noCheck {
				w.crc = crcUpdate(w.crc, p[:k])
			}
			w.left -= k
			w.off += k
			p = p[k:]
			w.segs[len(w.segs)-1].End = w.off
			if w.left == 0 {
				w.state = 2
				w.crcN = 0
			}
		case 2: // file CRC
			k := copy(w.crcBuf[w.crcN:], p)
			w.crcN += k
			w.off += int64(k)
			p = p[k:]
			s := &w.segs[len(w.segs)-1]
			s.End = w.off
			if w.crcN == 2 {
				s.CRC = "ok"
				if !w.noCheck && binary.LittleEndian.Uint16(w.crcBuf[:]) != w.crc {
					s.CRC = "bad"
				}
				w.state = 0
				w.hdrN = 0
			}
		default: // not (or no longer) FIT framing: just count
			w.off += int64(len(p))
			return
		}
	}
}
