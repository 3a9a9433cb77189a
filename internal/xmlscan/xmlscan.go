// Package xmlscan reads activity XML (GPX, TCX) as a stream of tags and
// text, fast and without allocating per token: a small pull tokenizer over
// a sliding buffer, so memory is bounded by the largest token, never by the
// size of the file. It sniffs byte-order marks, converts legacy character
// sets (ISO-8859-1, windows-1252, UTF-16, …) to UTF-8, caps the size of any
// one token against hostile input, and parses the numbers and timestamps
// such files carry.
//
// It is not a validating XML parser: it is lenient where real activity files
// are sloppy (bare ampersands, unknown entities, unquoted attribute values,
// mismatched end tags) and strict only where the input cannot be XML at all.
//
// encoding/xml was measured first: its RawToken loop alone, doing nothing
// with the tokens, reads a 3.4 MB Garmin GPX at 27–30 MB/s on the 2-core
// build machine and allocates about 1.7 kB per track point, short of the
// 40 MB/s and 64 bytes per sample the decoders must reach.
package xmlscan

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

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
	// its attributes, a comment) may span: far above any real activity
	// file's, and low enough that a hostile one cannot hold much memory.
	MaxToken = 16 << 20
)

// ErrTooLarge reports input beyond a cap (MaxSamples or MaxToken).
var ErrTooLarge = &rekindle.Error{Code: rekindle.CodeTooLarge, Message: "input too large"}

// IsTooLarge reports whether err is a cap violation.
func IsTooLarge(err error) bool { return errors.Is(err, ErrTooLarge) }

// SyntaxError is input that cannot be read as XML, with where.
type SyntaxError struct {
	Offset int64 // byte offset (of the UTF-8 text) where the bad token starts
	Line   int   // 1-based
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("byte %d (line %d): %s", e.Offset, e.Line, e.Msg)
}

// Kind is the kind of token.
type Kind uint8

// Token kinds.
const (
	StartTag Kind = iota + 1 // <name attr="v"> (a self-closing tag is a StartTag then an EndTag)
	EndTag                   // </name>
	Text                     // character data or CDATA
)

type attr struct {
	name       []byte // local name
	val        []byte // raw value
	needsUnesc bool
}

// Scanner reads tokens from a stream.
type Scanner struct {
	src    io.Reader
	buf    []byte
	pos    int   // start of unread data in buf
	end    int   // end of valid data in buf
	base   int64 // stream offset of buf[0]
	eof    bool
	rerr   error
	maxTok int

	line   int // newlines counted in buf[:lineAt]
	lineAt int

	utf16      bool
	sawContent bool // a tag or text has been returned (the declaration may no longer switch encodings)
	depth      int

	kind       Kind
	tokStart   int64
	name       []byte
	attrs      []attr
	text       []byte
	scratch    []byte
	pendingEnd bool

	scanned int64 // bytes the start-tag reader looked at (tests check it stays linear)
}

// NewScanner returns a Scanner over r. A UTF-8 byte-order mark is dropped, a
// UTF-16 one switches to UTF-16 decoding, and a declared non-UTF-8 encoding
// is converted to UTF-8.
func NewScanner(r io.Reader) *Scanner { return newScanner(r, MaxToken) }

// NewScannerLimit is NewScanner with a smaller token cap (for tests of the
// caps); limits above MaxToken are lowered to it.
func NewScannerLimit(r io.Reader, maxToken int) *Scanner {
	return newScanner(r, max(1, min(maxToken, MaxToken)))
}

func newScanner(r io.Reader, maxTok int) *Scanner {
	s := &Scanner{maxTok: maxTok, buf: make([]byte, min(64<<10, maxTok+1)), line: 1}
	var head [4]byte
	n, _ := io.ReadFull(r, head[:])
	h := head[:n]
	switch {
	case bytes.HasPrefix(h, []byte{0xEF, 0xBB, 0xBF}):
		s.src = io.MultiReader(bytes.NewReader(h[3:]), r)
	case bytes.HasPrefix(h, []byte{0xFE, 0xFF}):
		s.utf16 = true
		s.src = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder().Reader(io.MultiReader(bytes.NewReader(h[2:]), r))
	case bytes.HasPrefix(h, []byte{0xFF, 0xFE}):
		s.utf16 = true
		s.src = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder().Reader(io.MultiReader(bytes.NewReader(h[2:]), r))
	default:
		s.src = io.MultiReader(bytes.NewReader(h), r)
	}
	return s
}

// fill reads more input, compacting or growing the buffer. It reports
// whether any bytes were added.
func (s *Scanner) fill() (bool, error) {
	if s.eof {
		return false, nil
	}
	if s.pos > 0 {
		s.countLines(s.pos)
		copy(s.buf, s.buf[s.pos:s.end])
		s.base += int64(s.pos)
		s.end -= s.pos
		s.lineAt -= s.pos
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if s.end >= s.maxTok {
			return false, fmt.Errorf("xml token at byte %d longer than %d bytes: %w", s.base, s.maxTok, ErrTooLarge)
		}
		nb := make([]byte, min(2*len(s.buf), s.maxTok+1))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for range 100 {
		n, err := s.src.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.rerr = err
			}
			return n > 0, nil
		}
		if n > 0 {
			return true, nil
		}
	}
	s.eof = true
	s.rerr = io.ErrNoProgress
	return false, nil
}

func (s *Scanner) countLines(upto int) {
	if upto > s.lineAt {
		s.line += bytes.Count(s.buf[s.lineAt:upto], []byte{'\n'})
		s.lineAt = upto
	}
}

// Offset is the byte offset of the start of the current token.
func (s *Scanner) Offset() int64 { return s.tokStart }

// Line is the line the scanner has reached.
func (s *Scanner) Line() int {
	s.countLines(s.pos)
	return s.line
}

func (s *Scanner) syntax(at int, format string, args ...any) error {
	s.countLines(min(at, s.end))
	return &SyntaxError{Offset: s.base + int64(at), Line: s.line, Msg: fmt.Sprintf(format, args...)}
}

// Depth is the number of open elements, counting the current StartTag.
func (s *Scanner) Depth() int { return s.depth }

// Name is the local name (prefix removed) of the current StartTag or
// EndTag. It is valid until the next call to Next.
func (s *Scanner) Name() []byte { return s.name }

// Text is the character data of the current Text token, entities decoded.
// It is valid until the next call to Next.
func (s *Scanner) Text() []byte { return s.text }

// Attr returns the value of the current StartTag's attribute with the given
// local name, entities decoded. It is valid until the next call to Next or Attr.
func (s *Scanner) Attr(local string) ([]byte, bool) {
	for i := range s.attrs {
		a := &s.attrs[i]
		if string(a.name) == local {
			if !a.needsUnesc {
				return a.val, true
			}
			s.scratch = unescape(s.scratch[:0], a.val)
			return s.scratch, true
		}
	}
	return nil, false
}

// Next advances to the next token. It returns io.EOF at the end of input,
// a *SyntaxError for input that is not XML, or an error wrapping
// ErrTooLarge.
func (s *Scanner) Next() (Kind, error) {
	if s.pendingEnd {
		s.pendingEnd = false
		s.kind = EndTag
		s.depth--
		return EndTag, nil
	}
	for {
		if s.pos >= s.end {
			ok, err := s.fill()
			if err != nil {
				return 0, err
			}
			if !ok {
				if s.rerr != nil {
					return 0, fmt.Errorf("read at byte %d: %w", s.base+int64(s.pos), s.rerr)
				}
				return 0, io.EOF
			}
		}
		s.tokStart = s.base + int64(s.pos)
		if s.buf[s.pos] != '<' {
			k, err := s.readText()
			if err != nil || k != 0 {
				return k, err
			}
			continue // white space outside the root
		}
		k, err := s.readMarkup()
		if err != nil || k != 0 {
			return k, err
		}
	}
}

// need makes sure buf[pos:pos+n] is available; false at the end of input.
func (s *Scanner) need(n int) (bool, error) {
	for s.end-s.pos < n {
		ok, err := s.fill()
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

// find returns the offset, relative to pos, of the first occurrence of sep
// at or after relative offset from; -1 at the end of input.
func (s *Scanner) find(from int, sep []byte) (int, error) {
	for {
		if i := bytes.Index(s.buf[s.pos+from:s.end], sep); i >= 0 {
			return from + i, nil
		}
		from = max(from, s.end-s.pos-len(sep)+1)
		ok, err := s.fill()
		if err != nil {
			return -1, err
		}
		if !ok {
			return -1, nil
		}
	}
}

func (s *Scanner) readText() (Kind, error) {
	i, err := s.find(0, []byte{'<'})
	if err != nil {
		return 0, err
	}
	if i < 0 {
		i = s.end - s.pos
	}
	raw := s.buf[s.pos : s.pos+i]
	s.pos += i
	if s.depth == 0 {
		if len(TrimSpace(raw)) > 0 {
			return 0, s.syntax(s.pos-i, "text outside the root element")
		}
		return 0, nil
	}
	if bytes.IndexByte(raw, '&') >= 0 {
		s.scratch = unescape(s.scratch[:0], raw)
		raw = s.scratch
	}
	s.text = raw
	s.kind = Text
	s.sawContent = true
	return Text, nil
}

var (
	endComment = []byte("-->")
	endCDATA   = []byte("]]>")
	endPI      = []byte("?>")
)

func (s *Scanner) readMarkup() (Kind, error) {
	if ok, err := s.need(2); err != nil || !ok {
		if err != nil {
			return 0, err
		}
		return 0, s.syntax(s.pos, "unexpected end of input after '<'")
	}
	switch s.buf[s.pos+1] {
	case '/':
		return s.readEndTag()
	case '?':
		i, err := s.find(2, endPI)
		if err != nil {
			return 0, err
		}
		if i < 0 {
			return 0, s.syntax(s.pos, "unterminated processing instruction")
		}
		pi := s.buf[s.pos+2 : s.pos+i]
		s.pos += i + 2
		if !s.sawContent && bytes.HasPrefix(pi, []byte("xml")) {
			return 0, s.declaration(pi)
		}
		return 0, nil
	case '!':
		if ok, _ := s.need(9); ok && bytes.HasPrefix(s.buf[s.pos:], []byte("<![CDATA[")) {
			i, err := s.find(9, endCDATA)
			if err != nil {
				return 0, err
			}
			if i < 0 {
				return 0, s.syntax(s.pos, "unterminated CDATA section")
			}
			s.text = s.buf[s.pos+9 : s.pos+i]
			s.pos += i + 3
			s.kind = Text
			s.sawContent = true
			return Text, nil
		}
		if ok, _ := s.need(4); ok && bytes.HasPrefix(s.buf[s.pos:], []byte("<!--")) {
			i, err := s.find(4, endComment)
			if err != nil {
				return 0, err
			}
			if i < 0 {
				return 0, s.syntax(s.pos, "unterminated comment")
			}
			s.pos += i + 3
			return 0, nil
		}
		return 0, s.skipDecl()
	}
	return s.readStartTag()
}

// skipDecl skips <!DOCTYPE …> and the like, with an internal subset.
func (s *Scanner) skipDecl() error {
	depth := 0
	for i := 2; ; i++ {
		if s.pos+i >= s.end {
			ok, err := s.fill()
			if err != nil {
				return err
			}
			if !ok {
				return s.syntax(s.pos, "unterminated declaration")
			}
		}
		switch s.buf[s.pos+i] {
		case '[':
			depth++
		case ']':
			depth--
		case '>':
			if depth <= 0 {
				s.pos += i + 1
				return nil
			}
		}
	}
}

// declaration handles <?xml … encoding="…"?>.
func (s *Scanner) declaration(pi []byte) error {
	i := bytes.Index(pi, []byte("encoding"))
	if i < 0 {
		return nil
	}
	rest := TrimSpace(pi[i+len("encoding"):])
	if len(rest) < 2 || rest[0] != '=' {
		return nil
	}
	rest = TrimSpace(rest[1:])
	if len(rest) < 2 || (rest[0] != '"' && rest[0] != '\'') {
		return nil
	}
	j := bytes.IndexByte(rest[1:], rest[0])
	if j < 0 {
		return nil
	}
	label := strings.ToLower(strings.TrimSpace(string(rest[1 : 1+j])))
	switch {
	case label == "utf-8" || label == "utf8" || label == "us-ascii" || label == "ascii" || label == "":
		return nil
	case strings.HasPrefix(label, "utf-16") || label == "ucs-2":
		if s.utf16 {
			return nil // already converted from the byte-order mark
		}
		// Declared UTF-16 but written as bytes we could read: the
		// declaration is wrong; read on as UTF-8.
		return nil
	}
	var enc encoding.Encoding
	if e, err := ianaindex.IANA.Encoding(label); err == nil && e != nil {
		enc = e
	} else if e, err := htmlindex.Get(label); err == nil && e != nil {
		enc = e
	}
	if enc == nil {
		return s.syntax(s.pos, "unsupported encoding %q", label)
	}
	rest2 := append([]byte(nil), s.buf[s.pos:s.end]...)
	s.src = enc.NewDecoder().Reader(io.MultiReader(bytes.NewReader(rest2), s.src))
	s.base += int64(s.pos)
	s.countLines(s.pos)
	s.pos, s.end, s.lineAt = 0, 0, 0
	s.eof = false
	return nil
}

func isNameEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '>' || c == '/' || c == '='
}

// localName drops a namespace prefix.
func localName(n []byte) []byte {
	if i := bytes.LastIndexByte(n, ':'); i >= 0 {
		return n[i+1:]
	}
	return n
}

func (s *Scanner) readEndTag() (Kind, error) {
	i, err := s.find(2, []byte{'>'})
	if err != nil {
		return 0, err
	}
	if i < 0 {
		return 0, s.syntax(s.pos, "unterminated end tag")
	}
	n := TrimSpace(s.buf[s.pos+2 : s.pos+i])
	bad := len(n) == 0
	for _, c := range n {
		if isSpace(c) || c == '<' {
			bad = true
			break
		}
	}
	if bad {
		return 0, s.syntax(s.pos, "malformed end tag")
	}
	s.name = localName(n)
	s.pos += i + 1
	s.kind = EndTag
	if s.depth > 0 {
		s.depth--
	}
	return EndTag, nil
}

func (s *Scanner) readStartTag() (Kind, error) {
	// Find the closing '>' outside quotes.
	var quote byte
	i := 1
	for {
		if s.pos+i >= s.end {
			ok, err := s.fill()
			if err != nil {
				return 0, err
			}
			if !ok {
				return 0, s.syntax(s.pos, "unterminated start tag")
			}
		}
		c := s.buf[s.pos+i]
		s.scanned++
		if quote != 0 {
			if c == quote {
				quote = 0
			} else if j := bytes.IndexByte(s.buf[s.pos+i+1:s.end], quote); j >= 0 {
				s.scanned += int64(j + 1)
				i += j + 1 // jump to the closing quote
				quote = 0
			} else {
				// No closing quote in what is buffered: skip all of it, so
				// that each byte of a long value is looked at once (not
				// once per byte read after it).
				s.scanned += int64(s.end - (s.pos + i + 1))
				i = s.end - s.pos
				continue
			}
		} else if c == '"' || c == '\'' {
			quote = c
		} else if c == '>' {
			break
		} else if c == '<' {
			return 0, s.syntax(s.pos, "'<' inside a tag")
		}
		i++
	}
	tag := s.buf[s.pos+1 : s.pos+i]
	at := s.pos
	s.pos += i + 1
	selfClose := len(tag) > 0 && tag[len(tag)-1] == '/'
	if selfClose {
		tag = tag[:len(tag)-1]
	}
	j := 0
	for j < len(tag) && !isNameEnd(tag[j]) {
		j++
	}
	if j == 0 {
		return 0, s.syntax(at, "tag without a name")
	}
	if c := tag[0]; c == '-' || c == '.' || (c >= '0' && c <= '9') {
		return 0, s.syntax(at, "invalid tag name")
	}
	s.name = localName(tag[:j])
	s.attrs = s.attrs[:0]
	rest := tag[j:]
	for {
		rest = TrimSpace(rest)
		if len(rest) == 0 {
			break
		}
		k := 0
		for k < len(rest) && !isNameEnd(rest[k]) {
			k++
		}
		if k == 0 {
			return 0, s.syntax(at, "malformed attribute")
		}
		a := attr{name: localName(rest[:k])}
		rest = TrimSpace(rest[k:])
		if len(rest) > 0 && rest[0] == '=' {
			rest = TrimSpace(rest[1:])
			if len(rest) > 0 && (rest[0] == '"' || rest[0] == '\'') {
				e := bytes.IndexByte(rest[1:], rest[0])
				if e < 0 {
					return 0, s.syntax(at, "unterminated attribute value")
				}
				a.val = rest[1 : 1+e]
				rest = rest[2+e:]
			} else { // unquoted value, tolerated
				e := 0
				for e < len(rest) && !isSpace(rest[e]) {
					e++
				}
				a.val = rest[:e]
				rest = rest[e:]
			}
			a.needsUnesc = bytes.IndexByte(a.val, '&') >= 0
		}
		s.attrs = append(s.attrs, a)
	}
	s.kind = StartTag
	s.depth++
	s.sawContent = true
	if selfClose {
		s.pendingEnd = true
	}
	return StartTag, nil
}

// unescape appends src to dst with XML character and entity references
// decoded; unknown or malformed references are kept as written.
func unescape(dst, src []byte) []byte {
	for {
		i := bytes.IndexByte(src, '&')
		if i < 0 {
			return append(dst, src...)
		}
		dst = append(dst, src[:i]...)
		src = src[i:]
		j := bytes.IndexByte(src, ';')
		if j < 2 || j > 12 {
			dst = append(dst, '&')
			src = src[1:]
			continue
		}
		ent := src[1:j]
		switch {
		case ent[0] == '#':
			var r rune
			if len(ent) > 1 && (ent[1] == 'x' || ent[1] == 'X') {
				r = parseRune(ent[2:], 16)
			} else {
				r = parseRune(ent[1:], 10)
			}
			if r < 0 {
				dst = append(dst, src[:j+1]...)
			} else {
				dst = utf8.AppendRune(dst, r)
			}
		default:
			switch string(ent) {
			case "lt":
				dst = append(dst, '<')
			case "gt":
				dst = append(dst, '>')
			case "amp":
				dst = append(dst, '&')
			case "quot":
				dst = append(dst, '"')
			case "apos":
				dst = append(dst, '\'')
			default:
				if v, ok := xml.HTMLEntity[string(ent)]; ok {
					dst = append(dst, v...)
				} else {
					dst = append(dst, src[:j+1]...)
				}
			}
		}
		src = src[j+1:]
	}
}

func parseRune(b []byte, base int) rune {
	if len(b) == 0 {
		return -1
	}
	var r rune
	for _, c := range b {
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = rune(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = rune(c-'A') + 10
		default:
			return -1
		}
		r = r*rune(base) + d
		if r > 0x10FFFF {
			return -1
		}
	}
	if r == 0 || (r >= 0xD800 && r <= 0xDFFF) {
		return -1
	}
	return r
}
