package xmlscan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// tokens renders every token of the input, for comparisons.
func tokens(r io.Reader, maxTok int) (string, error) {
	s := newScanner(r, maxTok)
	var b strings.Builder
	for {
		k, err := s.Next()
		if err == io.EOF {
			return b.String(), nil
		}
		if err != nil {
			return b.String(), err
		}
		switch k {
		case StartTag:
			fmt.Fprintf(&b, "<%s", s.Name())
			for _, a := range s.attrs {
				v, _ := s.Attr(string(a.name))
				fmt.Fprintf(&b, " %s=%q", a.name, v)
			}
			b.WriteString(">")
		case EndTag:
			fmt.Fprintf(&b, "</%s>", s.Name())
		case Text:
			fmt.Fprintf(&b, "%q", s.Text())
		}
	}
}

func TestScanner(t *testing.T) {
	tests := []struct {
		name, in, want string
		wantErr        bool
	}{
		{"basic", `<?xml version="1.0"?><a x="1" y='2'><b>t</b><c/></a>`, `<a x="1" y="2"><b>"t"</b><c></c></a>`, false},
		{"prefixes dropped", `<g:gpx xmlns:g="u"><g:trkpt g:lat="3"/></g:gpx>`, `<gpx g="u"><trkpt lat="3"></trkpt></gpx>`, false},
		{"comments, doctype, PI", "<!DOCTYPE a [<!ENTITY x \"y\">]>\n<!-- c -->\n<a><!-- <b> --><?pi x?>t</a>", `<a>"t"</a>`, false},
		{"cdata", `<a><![CDATA[x < y & z]]></a>`, `<a>"x < y & z"</a>`, false},
		{"entities", `<a v="&lt;&#65;&#x42;&amp;">&quot;&apos;&gt;&eacute; &bogus; & x</a>`, `<a v="<AB&">"\"'>é &bogus; & x"</a>`, false},
		{"quoted >", `<a v="x>y"/>`, `<a v="x>y"></a>`, false},
		{"unquoted attribute", `<a v=3 w="4">x</a>`, `<a v="3" w="4">"x"</a>`, false},
		{"whitespace around root", "\n  <a/>\n  ", `<a></a>`, false},
		{"text outside root", "junk<a/>", ``, true},
		{"tag without name", "<a><<b></a>", `<a>`, true},
		{"unterminated tag", `<a><b x="1"`, `<a>`, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tokens(strings.NewReader(tc.in), MaxToken)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tc.wantErr)
			}
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			// A reader that hands out one byte at a time gives the same tokens.
			got1, err1 := tokens(iotest.OneByteReader(strings.NewReader(tc.in)), MaxToken)
			if got1 != got || (err1 == nil) != (err == nil) {
				t.Errorf("one byte at a time: %s (%v)", got1, err1)
			}
		})
	}
}

func TestSyntaxErrorPosition(t *testing.T) {
	_, err := tokens(strings.NewReader("<a>\n<b>\n<<c>"), MaxToken)
	var se *SyntaxError
	if !errors.As(err, &se) || se.Line != 3 || se.Offset != 8 {
		t.Fatalf("err = %#v", err)
	}
}

func TestTokenCap(t *testing.T) {
	in := "<a>" + strings.Repeat("x", 5000) + "</a>"
	if _, err := tokens(strings.NewReader(in), 1000); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("long text: err = %v, want ErrTooLarge", err)
	}
	in = `<a v="` + strings.Repeat("x", 5000) + `"/>`
	if _, err := tokens(strings.NewReader(in), 1000); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("long attribute: err = %v, want ErrTooLarge", err)
	}
	// Many small tokens are fine however large the file.
	in = "<a>" + strings.Repeat("<b>1</b>", 2000) + "</a>"
	if _, err := tokens(strings.NewReader(in), 1000); err != nil {
		t.Fatalf("many small tokens: %v", err)
	}
}

func TestCharsets(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"latin1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xe9</a>", `<a>"café"</a>`},
		{"windows-1252", "<?xml version='1.0' encoding='windows-1252'?><a>\x80</a>", `<a>"€"</a>`},
		{"utf-8 BOM", "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>é</a>", `<a>"é"</a>`},
		{"utf-16be BOM", "\xfe\xff\x00<\x00a\x00>\x00\xe9\x00<\x00/\x00a\x00>", `<a>"é"</a>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tokens(strings.NewReader(tc.in), MaxToken)
			if err != nil || got != tc.want {
				t.Errorf("got %s (%v), want %s", got, err, tc.want)
			}
		})
	}
}

func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339 in UTC, "" for a parse failure
	}{
		{"2019-09-20T14:10:03Z", "2019-09-20T14:10:03Z"},
		{"2019-09-20T14:10:03.000Z", "2019-09-20T14:10:03Z"},
		{" 2021-01-07T21:51:59.179+01:15\n", "2021-01-07T20:36:59.179Z"},
		{"2015-12-11T15:43:13.994+01:00", "2015-12-11T14:43:13.994Z"},
		{"1901-12-13T20:45:52.2073437Z", "1901-12-13T20:45:52.207Z"},
		{"2013-07-06 17:26:26", "2013-07-06T17:26:26Z"},
		{"2020-02-02T03:02:03-0530", "2020-02-02T08:32:03Z"},
		{"2020-02-29T23:59:59Z", "2020-02-29T23:59:59Z"},
		{"2000-03-01T00:00:00Z", "2000-03-01T00:00:00Z"},
		{"2020-02-02T03:02Z", "2020-02-02T03:02:00Z"},
		{"2020-02-02", "2020-02-02T00:00:00Z"},
		{"2019-02-29T00:00:00Z", ""},
		{"2019-13-01T00:00:00Z", ""},
		{"garbage", ""},
		{"", ""},
	}
	for _, tc := range tests {
		ms, ok := ParseTime([]byte(tc.in))
		got := ""
		if ok {
			got = time.UnixMilli(ms).UTC().Format(time.RFC3339Nano)
		}
		if got != tc.want {
			t.Errorf("ParseTime(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseFloat(t *testing.T) {
	for _, s := range []string{"0", "-0.5", "473.79998779296875", "50.39256806485354900360107421875", "1e3", " 12.5\n", "+3", ".5", "5.", "0.000001234", "123456789012345678901234567890"} {
		got, ok := ParseFloat([]byte(s))
		want, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if !ok || err != nil || got != want {
			t.Errorf("ParseFloat(%q) = %v %v, want %v %v", s, got, ok, want, err)
		}
	}
	for _, s := range []string{"", "-", ".", "NaN", "Inf", "1,5", "1.2.3", "abc"} {
		if f, ok := ParseFloat([]byte(s)); ok {
			t.Errorf("ParseFloat(%q) = %v, want failure", s, f)
		}
	}
}

func FuzzParseFloat(f *testing.F) {
	for _, s := range []string{"1.5", "-0.000123", "473.79998779296875", "50.392568"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseFloat([]byte(s))
		want, err := strconv.ParseFloat(string(TrimSpace([]byte(s))), 64)
		if ok && (err != nil || got != want) && !(math.IsNaN(want) || math.IsInf(want, 0)) {
			t.Fatalf("ParseFloat(%q) = %v, strconv %v (%v)", s, got, want, err)
		}
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2019-09-20T14:10:03Z", "2021-01-07T21:51:59.179+01:15", "2013-07-06 17:26:26"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ms, ok := ParseTime([]byte(s))
		tm, err := time.Parse(time.RFC3339Nano, s)
		if err == nil && tm.Year() >= 0 && tm.Year() <= 9999 && (!ok || ms != tm.UnixMilli()) {
			// time.Parse accepts it: ParseTime must agree (to the millisecond, rounding down).
			if !ok || ms != tm.Truncate(time.Millisecond).UnixMilli() && ms != tm.UnixMilli() {
				t.Fatalf("ParseTime(%q) = %d %v, time.Parse %d", s, ms, ok, tm.UnixMilli())
			}
		}
	})
}

// FuzzScanner checks that tokenizing never panics and does not depend on how
// the reader splits the input.
func FuzzScanner(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><a x="1"><b>t&amp;</b><![CDATA[c]]><!-- x --></a>`))
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xe9</a>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		whole, err1 := tokens(bytes.NewReader(data), 4096)
		split, err2 := tokens(iotest.HalfReader(bytes.NewReader(data)), 4096)
		if whole != split || (err1 == nil) != (err2 == nil) {
			t.Fatalf("whole %s (%v)\nsplit %s (%v)", whole, err1, split, err2)
		}
	})
}

func BenchmarkParseTime(b *testing.B) {
	in := []byte("2019-09-20T14:10:03.000Z")
	for b.Loop() {
		ParseTime(in)
	}
}

// bigAttr is a GPX-like document whose one attribute value is n bytes long.
func bigAttr(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0"?><gpx><trk><trkseg><trkpt lat="`)
	b.Write(bytes.Repeat([]byte{'7'}, n))
	b.WriteString(`" lon="1"/></trkseg></trk></gpx>`)
	return b.Bytes()
}

// TestLargeAttributeLinear: the start-tag reader looks at each byte of a
// long attribute value a bounded number of times (it once rescanned the
// buffer for every byte read: 1 MB cost 3.6 s, 2 MB 14 s).
func TestLargeAttributeLinear(t *testing.T) {
	for _, n := range []int{1 << 20, 4 << 20} {
		in := bigAttr(n)
		s := NewScanner(iotest.HalfReader(bytes.NewReader(in)))
		var lat []byte
		for {
			k, err := s.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%d bytes: %v", n, err)
			}
			if k == StartTag && string(s.Name()) == "trkpt" {
				v, _ := s.Attr("lat")
				lat = append(lat[:0], v...)
			}
		}
		if len(lat) != n {
			t.Fatalf("%d bytes: lat has %d bytes", n, len(lat))
		}
		if s.scanned > 2*int64(len(in)) {
			t.Errorf("%d-byte attribute: start-tag reader looked at %d bytes, want at most %d", n, s.scanned, 2*len(in))
		}
	}
}

// BenchmarkLargeAttribute reads a document with a 1 MB and a 4 MB attribute
// value; ns/op grows about 4× (linear), not 16×.
func BenchmarkLargeAttribute(b *testing.B) {
	for _, mb := range []int{1, 4} {
		in := bigAttr(mb << 20)
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				s := NewScanner(bytes.NewReader(in))
				for {
					if _, err := s.Next(); err != nil {
						if err != io.EOF {
							b.Fatal(err)
						}
						break
					}
				}
			}
		})
	}
}
