package web

import (
	"io"
	"math"
	"net/http"
	"net/url"
	"rekindle/internal/httpio"
	"strings"
	"testing"

	"rekindle"
)

func TestParsePace(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		unit rekindle.Unit
		want float64
		bad  bool
	}{
		{"4:00", rekindle.UnitKm, 1000.0 / 240, false},
		{"8:00", rekindle.UnitMi, 1609.344 / 480, false},
		{"", rekindle.UnitKm, 0, false},
		{"4:75", rekindle.UnitKm, 0, true},
		{"fast", rekindle.UnitKm, 0, true},
		{"-1:00", rekindle.UnitKm, 0, true},
	} {
		got, err := parsePace(tc.in, tc.unit)
		if (err != nil) != tc.bad || math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("parsePace(%q, %s) = %v, %v", tc.in, tc.unit, got, err)
		}
	}
}

func FuzzParsePace(f *testing.F) {
	for _, s := range []string{"4:30", "12", ":", "0:00", "99999999999:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parsePace(s, rekindle.UnitKm)
		if err == nil && (v < 0 || math.IsNaN(v) || math.IsInf(v, 0)) {
			t.Fatalf("parsePace(%q) = %v", s, v)
		}
	})
}

func FuzzLocalNext(f *testing.F) {
	for _, s := range []string{"/", "/activities?page=2", "//evil.example", "/\\evil", "https://evil.example", "/a\r\nSet-Cookie: x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := localNext(s)
		if !strings.HasPrefix(n, "/") || strings.HasPrefix(n, "//") || strings.HasPrefix(n, "/\\") || strings.ContainsAny(n, "\r\n") {
			t.Fatalf("localNext(%q) = %q: not a local path", s, n)
		}
	})
}

// FuzzForms: the plan form and the route suggestion query never panic and
// only ever accept finite, in-range numbers.
func FuzzForms(f *testing.F) {
	for _, s := range []string{"day=2025-03-14&kind=easy&distance=8&minutes=45", "distance=1e309", "distance=-3&minutes=NaN", "distance=8&surface=trail&to=cafe&count=3", "distance_m=0x10", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		r := &http.Request{Method: "POST", URL: &url.URL{Path: "/plan", RawQuery: q}, Header: http.Header{},
			Body: io.NopCloser(strings.NewReader(q))}
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if pf, err := planForm(r, rekindle.UnitMi); err == nil {
			if !(pf.DistanceM >= 0) || !(pf.DurationS >= 0) {
				t.Fatalf("planForm(%q) accepted %+v", q, pf)
			}
		}
		sq, ok, err := httpio.ParseSuggestQuery(r, rekindle.UnitKm)
		if ok && err == nil && !(sq.DistanceM >= 500 && sq.DistanceM <= 100_000 && sq.Count >= 1 && sq.Count <= 5) {
			t.Fatalf("ParseSuggestQuery(%q) accepted %+v", q, sq)
		}
	})
}
