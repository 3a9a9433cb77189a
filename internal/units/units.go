// Package units formats what a runner reads — distances, paces, clock times —
// in their unit (km or mi). The CLI, the web pages and the spark's texts all
// format through it, so a pace reads the same everywhere.
package units

import (
	"fmt"
	"math"
	"strings"

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

// Dist formats metres in the unit with the given decimals and the unit
// name: "8.4 km".
func Dist(m float64, u rekindle.Unit, decimals int) string {
	return fmt.Sprintf("%.*f %s", decimals, m/Metres(u), Name(u))
}

// DistTrim is Dist with one decimal, dropping a trailing ".0": "8 km",
// "8.4 km".
func DistTrim(m float64, u rekindle.Unit) string {
	s := fmt.Sprintf("%.1f", m/Metres(u))
	return strings.TrimSuffix(s, ".0") + " " + Name(u)
}

// DistShort formats metres in the unit with one decimal under 100 units and
// none from 100 on: "8.4 km", "712 km".
func DistShort(m float64, u rekindle.Unit) string {
	if v := m / Metres(u); math.Abs(v) >= 100 {
		return Dist(m, u, 0)
	}
	return Dist(m, u, 1)
}
