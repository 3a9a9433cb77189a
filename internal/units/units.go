// Package units formats what a runner reads — distances, paces, clock times —
// in their unit (km or mi). The CLI, the web pages and the spark's texts all
// format through it, so a pace reads the same everywhere.
package units

import (
	"fmt"
	"math"
	"strconv"

	"rekindle"
)

// MetresPerMile is one statute mile.
const MetresPerMile = 1609.344

// Of is the unit to show: km when unset.
func Of(u rekindle.Unit) rekindle.Unit {
	if u == rekindle.UnitMi {
		return rekindle.UnitMi
	}
	return rekindle.UnitKm
}

// Metres is the length of one unit in metres (1000 or 1609.344).
func Metres(u rekindle.Unit) float64 {
	if u == rekindle.UnitMi {
		return MetresPerMile
	}
	return 1000
}

// Name is the unit's short name, "km" or "mi".
func Name(u rekindle.Unit) string { return string(Of(u)) }

// PerName is the pace suffix, "/km" or "/mi".
func PerName(u rekindle.Unit) string { return "/" + Name(u) }

// valid reports a positive, finite number of seconds.
func valid(s float64) bool { return s > 0 && !math.IsInf(s, 0) }

// Clock formats seconds as m:ss, or h:mm:ss from an hour on (rounded to the
// second).
func Clock(sec float64) string {
	s := int(math.Round(sec))
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// ClockOr is Clock, or none when sec is not a positive finite number.
func ClockOr(sec float64, none string) string {
	if !valid(sec) {
		return none
	}
	return Clock(sec)
}

// HMS formats seconds as h:mm:ss always, or none when sec is not a positive
// finite number.
func HMS(sec float64, none string) string {
	if !valid(sec) {
		return none
	}
	s := int(math.Round(sec))
	return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
}

// Pace formats a time over a distance as the clock time per unit, without
// the suffix ("4:52"); none when either is not positive.
func Pace(seconds, metres float64, u rekindle.Unit, none string) string {
	if !valid(seconds) || !(metres > 0) {
		return none
	}
	return Clock(seconds / metres * Metres(u))
}

// Show is the one way a distance a runner reads is written, on every page,
// card, plan line, route name and CLI text about routes: one decimal with
// halves rounded up (7.55 → "7.6 km"), as a person checking by hand would
// round, under 1,000 units; whole units with thousands separated from 1,000
// on ("3,409 km").
func Show(m float64, u rekindle.Unit) string {
	v := m / Metres(u)
	if math.Abs(v) >= 1000 {
		return thousands(int64(math.Round(v))) + " " + Name(u)
	}
	return strconv.FormatFloat(Round(v, 1), 'f', 1, 64) + " " + Name(u)
}

// Round rounds v to the given decimals, halves away from zero on the value
// as a person reads it (7.55 → 7.6, where %.1f would print 7.5: 7.55 is
// 7.5499… in binary).
func Round(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(v*p) / p
}

// thousands formats 3409 as "3,409".
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Dist formats metres in the unit with the given decimals and the unit
// name: "8.4 km". Halves round up, as in Show.
func Dist(m float64, u rekindle.Unit, decimals int) string {
	return strconv.FormatFloat(Round(m/Metres(u), decimals), 'f', decimals, 64) + " " + Name(u)
}

// Thousands formats a whole number with its thousands separated: 3409 as
// "3,409".
func Thousands(n int64) string { return thousands(n) }

// Total is the one way a total a runner reads is written (all they have
// run, a year, a journey it compares with): as Show, and whole units from
// 100 on ("1,234 km", "344 km", never "1,234.5 km"); under 100 units one
// decimal ("87.5 km").
func Total(m float64, u rekindle.Unit) string {
	if v := m / Metres(u); math.Abs(Round(v, 1)) >= 100 {
		return thousands(int64(math.Round(v))) + " " + Name(u)
	}
	return Show(m, u)
}

// Count is the one way a count that is an average is written ("runs a
// week"): a whole number as it is ("4 runs"), another as "about" the
// nearest whole one ("about 4 runs" for 4.25, never "4.0" or "4.25"),
// and under one as "under 1". one and many are the noun ("run", "runs");
// "" writes the number alone.
func Count(x float64, one, many string) string {
	var n string
	noun := many
	switch r := Round(x, 2); {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return "–"
	case r == math.Trunc(r):
		n = strconv.FormatFloat(r, 'f', 0, 64)
		if r == 1 {
			noun = one
		}
	case r < 1 && r > 0:
		n, noun = "under 1", one
	default:
		w := math.Round(r)
		n = "about " + strconv.FormatFloat(w, 'f', 0, 64)
		if w == 1 {
			noun = one
		}
	}
	if noun == "" {
		return n
	}
	return n + " " + noun
}
