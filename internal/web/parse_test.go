package web

import (
	"math"
	"strings"
	"testing"

	"rekindle"
)

func TestParsePace(t *testing.T) {
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
