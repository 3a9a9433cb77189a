package fit

import (
	"encoding/binary"
	"errors"
	"io"
	"strings"
)

// maxBaseTypeFixBytes bounds the copy made to repair a file's base types.
const maxBaseTypeFixBytes = 64 << 20

// canonicalBaseType maps a base type number (the low five bits of a field
// definition's base type byte) to its full byte, with the endian-ability
// bit the FIT profile sets for multi-byte types.
var canonicalBaseType = [...]byte{0x00, 0x01, 0x02, 0x83, 0x84, 0x85, 0x86, 0x07, 0x88, 0x89, 0x0A, 0x8B, 0x8C, 0x0D, 0x8E, 0x8F, 0x90}

// baseTypeFault reports whether decoding stopped at a field definition
// whose base type byte muktihari does not accept.
func baseTypeFault(err error) bool {
	return err != nil && strings.Contains(err.Error(), "invalid basetype")
}

// fixBaseTypes rewrites, in place, every field definition whose base type
// byte is not one of the profile's but whose base type number (the low five
// bits) is: some writers (Strava's exports of 2018-2020, for one) write
// uint32z as 0x0C, without the endian-ability bit 0x80. The FIT SDK reads
// base types by their number (masking 0x1F), so such a file is sound; the
// decoder used here refuses it. A segment whose CRC was right gets its CRC
// recomputed over the repaired bytes. It returns the number of definitions
// repaired; it stops at anything it cannot frame.
func fixBaseTypes(data []byte) (fixed int) {
	off := 0
	for off+12 <= len(data) {
		h := int(data[off])
		if (h != 12 && h != 14) || off+h > len(data) || string(data[off+8:off+12]) != ".FIT" {
			return fixed
		}
		size := int(binary.LittleEndian.Uint32(data[off+4 : off+8]))
		start, end := off+h, off+h+size
		if end > len(data) {
			end = len(data)
		}
		crcOK := end+2 <= len(data) && end == off+h+size &&
			crcUpdate(0, data[off:end]) == binary.LittleEndian.Uint16(data[end:end+2])
		n := fixSegmentBaseTypes(data[start:end])
		if n > 0 && crcOK {
			binary.LittleEndian.PutUint16(data[end:end+2], crcUpdate(0, data[off:end]))
		}
		fixed += n
		off = end + 2
	}
	return fixed
}

func fixSegmentBaseTypes(p []byte) (fixed int) {
	var sizes [16]int
	for i := range sizes {
		sizes[i] = -1
	}
	for i := 0; i < len(p); {
		hdr := p[i]
		i++
		switch {
		case hdr&0x80 != 0: // compressed timestamp data message
			n := sizes[hdr>>5&3]
			if n < 0 {
				return fixed
			}
			i += n
		case hdr&0x40 != 0: // definition
			if i+5 > len(p) {
				return fixed
			}
			nf := int(p[i+4])
			i += 5
			if i+3*nf > len(p) {
				return fixed
			}
			total := 0
			for k := 0; k < nf; k++ {
				f := p[i+3*k : i+3*k+3]
				total += int(f[1])
				if num := int(f[2] & 0x1F); num < len(canonicalBaseType) && f[2] != canonicalBaseType[num] && !validBaseType(f[2]) {
					f[2] = canonicalBaseType[num]
					fixed++
				}
			}
			i += 3 * nf
			if hdr&0x20 != 0 { // developer fields
				if i >= len(p) {
					return fixed
				}
				nd := int(p[i])
				i++
				if i+3*nd > len(p) {
					return fixed
				}
				for k := 0; k < nd; k++ {
					total += int(p[i+3*k+1])
				}
				i += 3 * nd
			}
			sizes[hdr&0x0F] = total
		default: // data message
			n := sizes[hdr&0x0F]
			if n < 0 {
				return fixed
			}
			i += n
		}
	}
	return fixed
}

func validBaseType(b byte) bool {
	num := int(b & 0x1F)
	return num < len(canonicalBaseType) && canonicalBaseType[num] == b
}

// retryFixedBaseTypes decodes again, from a repaired copy, a file whose
// decoding stopped at an invalid base type; ok is false when the reader
// cannot be re-read or nothing was repaired.
func retryFixedBaseTypes(r io.Reader, fault error) (data []byte, ok bool) {
	if !baseTypeFault(fault) {
		return nil, false
	}
	ra, size := readerAt(r)
	if ra == nil || size <= 0 || size > maxBaseTypeFixBytes {
		return nil, false
	}
	data = make([]byte, size)
	if n, err := ra.ReadAt(data, 0); int64(n) != size || (err != nil && !errors.Is(err, io.EOF)) {
		return nil, false
	}
	if fixBaseTypes(data) == 0 {
		return nil, false
	}
	return data, true
}
