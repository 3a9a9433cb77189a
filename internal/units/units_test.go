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
		// One rounding rule (issue 15: a route shown as 7.6 km on one card
		// and 7.55 km on another): halves up, though 7.55 is 7.5499… in
		// binary and %.1f prints 7.5.
		{Show(7550, km), "7.6 km"},
		{Dist(7550, km, 1), "7.6 km"},
		{Show(8000, km), "8.0 km"},
		{Show(999949, km), "999.9 km"},
		{Show(3409300, km), "3,409 km"},
		{Show(MetresPerMile*1234567, mi), "1,234,567 mi"},
		{Show(MetresPerMile*5, mi), "5.0 mi"},
		// Totals (gratitude, all run since…) are whole from 100 units on.
		{Total(1234500, km), "1,235 km"},
		{Total(1234400, km), "1,234 km"},
		{Total(344400, km), "344 km"},
		{Total(99950, km), "100 km"},
		{Total(87540, km), "87.5 km"},
		{Total(MetresPerMile*150.4, mi), "150 mi"},
		// Averages that count things: "4 runs a week", "about 4", never "4.0".
		{Count(4, "run", "runs"), "4 runs"},
		{Count(4.0000001, "run", "runs"), "4 runs"},
		{Count(4.25, "run", "runs"), "about 4 runs"},
		{Count(4.5, "", ""), "about 5"},
		{Count(1, "run", "runs"), "1 run"},
		{Count(1.25, "run", "runs"), "about 1 run"},
		{Count(0.25, "run", "runs"), "under 1 run"},
		{Count(0, "run", "runs"), "0 runs"},
		{Thousands(1234567), "1,234,567"},
		{PerName(mi), "/mi"},
		{Name(""), "km"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
