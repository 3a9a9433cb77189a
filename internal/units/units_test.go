package units

import (
	"math"
	"testing"

	"rekindle"
)

func TestFormats(t *testing.T) {
	mi, km := rekindle.UnitMi, rekindle.UnitKm
	for _, c := range []struct{ got, want string }{
		{Clock(59.6), "1:00"},
		{Clock(3599.4), "59:59"},
		{Clock(3600), "1:00:00"},
		{Clock(11477), "3:11:17"},
		{ClockOr(0, "–"), "–"},
		{ClockOr(math.Inf(1), "-"), "-"},
		{ClockOr(math.NaN(), "-"), "-"},
		{HMS(125, "-"), "0:02:05"},
		{HMS(-1, "-"), "-"},
		{Pace(1500, 5000, km, "-"), "5:00"},
		{Pace(1500, 5000, mi, "-"), "8:03"},
		{Pace(1500, 0, km, "-"), "-"},
		{Dist(8400, km, 1), "8.4 km"},
		{Dist(8046.72, mi, 1), "5.0 mi"},
		{Dist(8400, "", 0), "8 km"},
		{DistTrim(8000, km), "8 km"},
		{DistTrim(8400, km), "8.4 km"},
		{DistTrim(MetresPerMile*3, mi), "3 mi"},
		{PerName(mi), "/mi"},
		{Name(""), "km"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
