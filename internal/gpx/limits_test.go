package gpx

import (
	"errors"
	"io"
	"strings"
	"testing"

	"rekindle/internal/xmlscan"
)

// pointStream generates a GPX with n points without holding it in memory.
func pointStream(n int) io.Reader {
	const pt = `<trkpt lat="1.5" lon="2.5"><time>2020-01-01T00:00:00Z</time></trkpt>`
	return io.MultiReader(
		strings.NewReader(`<gpx><trk><trkseg>`),
		io.LimitReader(&repeatReader{s: pt}, int64(n*len(pt))),
		strings.NewReader(`</trkseg></trk></gpx>`))
}

// repeatReader repeats s forever.
type repeatReader struct {
	s   string
	off int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], r.s[r.off:])
		n += c
		r.off = (r.off + c) % len(r.s)
	}
	return n, nil
}

func TestCaps(t *testing.T) {
	acts, err := decode(pointStream(1000), limits{samples: 1000, token: xmlscan.MaxToken})
	if err != nil || acts[0].Track.Len() != 1000 {
		t.Fatalf("at the cap: %v", err)
	}
	if _, err := decode(pointStream(1001), limits{samples: 1000, token: xmlscan.MaxToken}); !errors.Is(err, xmlscan.ErrTooLarge) {
		t.Fatalf("over the sample cap: err = %v", err)
	}
	// Two tracks, each under the cap, together over it.
	two := `<gpx><trk><trkseg>` + strings.Repeat(`<trkpt lat="1" lon="2"><time>2020-01-01T00:00:00Z</time></trkpt>`, 6) + `</trkseg></trk><trk><trkseg>` +
		strings.Repeat(`<trkpt lat="1" lon="2"><time>2020-01-01T00:00:00Z</time></trkpt>`, 6) + `</trkseg></trk></gpx>`
	if _, err := decode(strings.NewReader(two), limits{samples: 10, token: xmlscan.MaxToken}); !errors.Is(err, xmlscan.ErrTooLarge) {
		t.Fatalf("over the cap across tracks: err = %v", err)
	}
	long := `<gpx><trk><name>` + strings.Repeat("x", 10000) + `</name></trk></gpx>`
	if _, err := decode(strings.NewReader(long), limits{samples: 10, token: 4096}); !errors.Is(err, xmlscan.ErrTooLarge) {
		t.Fatalf("over the token cap: err = %v", err)
	}
}

func TestCapFullSize(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes 5,000,001 points (~350 MB of XML); skipped with -short")
	}
	if _, err := Decode(pointStream(xmlscan.MaxSamples + 1)); !errors.Is(err, xmlscan.ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

func TestTextCapAcrossSections(t *testing.T) {
	// Many CDATA sections, each under the token cap, in one captured element.
	in := `<gpx><trk><name>` + strings.Repeat(`<![CDATA[`+strings.Repeat("x", 1000)+`]]>`, 10) + `</name></trk></gpx>`
	if _, err := decode(strings.NewReader(in), limits{samples: 10, token: 4096}); !errors.Is(err, xmlscan.ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}
