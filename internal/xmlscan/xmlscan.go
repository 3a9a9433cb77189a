// Package xmlscan sets up streaming reads of activity XML (GPX, TCX): it
// sniffs byte-order marks, converts legacy character sets to UTF-8, caps the
// size of any one token against hostile input, and parses the numbers and
// timestamps such files carry without allocating.
package xmlscan

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"

	"rekindle"
)

// Caps on hostile input, shared by the XML decoders.
const (
	// MaxSamples is the most track samples one activity may hold.
	MaxSamples = 5_000_000
	// MaxToken is the most bytes of XML one token (element text, a tag with
	// its attributes, a comment) may span.
	MaxToken = 64 << 20
)

// ErrTooLarge reports input beyond a cap (MaxSamples or MaxToken).
var ErrTooLarge = &rekindle.Error{Code: rekindle.CodeTooLarge, Message: "input too large"}

// Scanner reads raw XML tokens from a stream. Memory use is bounded by the
// largest token, never by the size of the file.
type Scanner struct {
	dec    *xml.Decoder
	lim    *limitReader
	utf16  bool
	maxTok int64
}

// NewScanner returns a Scanner over r. A UTF-8 byte-order mark is dropped, a
// UTF-16 one switches to UTF-16 decoding, and a declared non-UTF-8 encoding
// (ISO-8859-1, windows-1252, …) is converted to UTF-8. The decoder is
// lenient about unknown entities and unescaped ampersands.
func NewScanner(r io.Reader) *Scanner {
	return newScanner(r, MaxToken)
}

func newScanner(r io.Reader, maxTok int64) *Scanner {
	s := &Scanner{maxTok: maxTok}
	var head [4]byte
	n, _ := io.ReadFull(r, head[:])
	h := head[:n]
	var src io.Reader
	switch {
	case bytes.HasPrefix(h, []byte{0xEF, 0xBB, 0xBF}):
		src = io.MultiReader(bytes.NewReader(h[3:]), r)
	case bytes.HasPrefix(h, []byte{0xFE, 0xFF}):
		s.utf16 = true
		src = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder().Reader(io.MultiReader(bytes.NewReader(h[2:]), r))
	case bytes.HasPrefix(h, []byte{0xFF, 0xFE}):
		s.utf16 = true
		src = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder().Reader(io.MultiReader(bytes.NewReader(h[2:]), r))
	default:
		src = io.MultiReader(bytes.NewReader(h), r)
	}
	s.lim = &limitReader{r: src, max: maxTok}
	s.dec = xml.NewDecoder(s.lim)
	s.dec.Strict = false
	s.dec.Entity = xml.HTMLEntity
	s.dec.CharsetReader = s.charsetReader
	return s
}

// charsetReader converts a declared encoding to UTF-8.
func (s *Scanner) charsetReader(label string, input io.Reader) (io.Reader, error) {
	l := strings.ToLower(strings.TrimSpace(label))
	if strings.HasPrefix(l, "utf-16") || l == "ucs-2" {
		if s.utf16 {
			return input, nil // already converted from the byte-order mark
		}
		return nil, fmt.Errorf("encoding %q without a byte-order mark", label)
	}
	if l == "utf8" || l == "us-ascii" || l == "ascii" {
		return input, nil
	}
	var enc encoding.Encoding
	if e, err := ianaindex.IANA.Encoding(label); err == nil && e != nil {
		enc = e
	} else if e, err := htmlindex.Get(label); err == nil && e != nil {
		enc = e
	}
	if enc == nil {
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	return enc.NewDecoder().Reader(input), nil
}

// Token returns the next raw token (names are not namespace-resolved;
// Name.Space holds the prefix). Its byte slices are valid until the next
// call. At the end of input it returns io.EOF.
func (s *Scanner) Token() (xml.Token, error) {
	s.lim.mark = s.dec.InputOffset()
	t, err := s.dec.RawToken()
	if err != nil && s.lim.err != nil {
		return nil, s.lim.err
	}
	return t, err
}

// Offset is the byte offset just after the last token returned.
func (s *Scanner) Offset() int64 { return s.dec.InputOffset() }

// Line is the line of the input the scanner has reached.
func (s *Scanner) Line() int {
	line, _ := s.dec.InputPos()
	return line
}

// limitReader fails once the decoder has read more than max bytes past the
// start of the current token.
type limitReader struct {
	r    io.Reader
	read int64 // bytes handed out
	mark int64 // decoder offset at the start of the current token
	max  int64
	err  error
}

// bufSlack is what the decoder may read ahead of its offset.
const bufSlack = 64 << 10

func (l *limitReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	if l.read-l.mark > l.max+bufSlack {
		l.err = fmt.Errorf("xml token at byte %d longer than %d bytes: %w", l.mark, l.max, ErrTooLarge)
		return 0, l.err
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}

// IsTooLarge reports whether err is a cap violation.
func IsTooLarge(err error) bool { return errors.Is(err, ErrTooLarge) }
