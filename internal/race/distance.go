// Package race finds races and classes for a runner: it reads distances
// from race titles, finds races by date window, distance and radius from
// home, predicts finish times from the runner's fitness, writes a short
// taper for the week before, and picks classes from gym schedules that fit
// the runner's week and are new to them.
//
// It is pure: it takes calendar events and the runner's history as values
// and returns values.
package race

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"rekindle/internal/calendar"
)

// Standard distances in metres.
const (
	Marathon     = 42195.0
	HalfMarathon = 21097.5
	Mile         = 1609.344
)

var (
	reHalf     = regexp.MustCompile(`\b(half|semi|halb|1/2|mezza|media|medio)[\s-]*mara`)
	reMarathon = regexp.MustCompile(`\bmara(thon|ton|tona|tón)`)
	reNumber   = regexp.MustCompile(`(\d+(?:[.,]\d+)?)\s*(kilometers|kilometres|kilometer|kilometre|kms|km|k|miles|mile|mi|meters|metres|meter|metre|m)\b`)
	reParkrun  = regexp.MustCompile(`\bparkrun\b|\bpark run\b`)
	reJunior   = regexp.MustCompile(`\bjunior\s+park\s?run\b`)
	reHalfOnly = regexp.MustCompile(`^(half|semi|hm|21k)$`)
)

// ParseDistance reads a race distance from a distance column or a title:
// "5K", "10 km", "10 mi", "21.1 km", "half", "Half Marathon",
// "Semi-Marathon de Cannes", "Parkrun" (5 km), "Turkey Trot 5k". ok is
// false when it names no distance between 400 m and 250 km.
func ParseDistance(s string) (metres float64, ok bool) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return 0, false
	}
	if reHalfOnly.MatchString(t) {
		return HalfMarathon, true
	}
	if t == "marathon" || t == "full" || t == "fm" {
		return Marathon, true
	}
	// A number with a unit wins over words: "Marathon Relay 10K" is 10 km.
	if m := reNumber.FindStringSubmatch(t); m != nil {
		v, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", "."), 64)
		if err == nil {
			switch m[2] {
			case "mi", "mile", "miles":
				v *= Mile
			case "m", "meter", "metre", "meters", "metres":
			default:
				v *= 1000
			}
			if v >= 400 && v <= 250000 {
				return snap(v), true
			}
		}
	}
	switch {
	case reJunior.MatchString(t):
		return 2000, true
	case reParkrun.MatchString(t):
		return 5000, true
	case reHalf.MatchString(t):
		return HalfMarathon, true
	case reMarathon.MatchString(t) && !strings.Contains(t, "ultra"):
		return Marathon, true
	}
	return 0, false
}

// snap rounds a written distance to the standard one it abbreviates
// (21.1 km is a half marathon, 42.2 km a marathon).
func snap(m float64) float64 {
	for _, d := range []float64{HalfMarathon, Marathon} {
		if math.Abs(m-d) < 0.005*d {
			return d
		}
	}
	return m
}

// DistanceOf is the distance of a calendar event: its distance column,
// else its title, else a category such as "10K". 0 when unknown.
func DistanceOf(e *calendar.Event) float64 {
	if m, ok := ParseDistance(e.Distance); ok {
		return m
	}
	if m, ok := ParseDistance(e.Summary); ok {
		return m
	}
	for _, c := range e.Categories {
		if m, ok := ParseDistance(c); ok {
			return m
		}
	}
	return 0
}

// DistanceName is a distance for display: "5K", "10K", "half marathon",
// "marathon", "10 mi", else kilometres.
func DistanceName(m float64) string {
	switch {
	case m <= 0:
		return "distance unknown"
	case m == HalfMarathon:
		return "half marathon"
	case m == Marathon:
		return "marathon"
	}
	if mi := m / Mile; math.Abs(mi-math.Round(mi)) < 0.001 {
		return fmt.Sprintf("%.0f mi", mi)
	}
	if km := m / 1000; km == math.Trunc(km) {
		return fmt.Sprintf("%.0fK", km)
	}
	return fmt.Sprintf("%.1f km", m/1000)
}

// ParseDistanceList reads a list such as "5k,10k,half" for a finder.
func ParseDistanceList(s string) ([]float64, error) {
	var out []float64
	for p := range strings.SplitSeq(s, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		m, ok := ParseDistance(p)
		if !ok {
			return nil, fmt.Errorf("distance %q: want 5k, 10k, 10mi, half, marathon or a number with km/mi", p)
		}
		out = append(out, m)
	}
	return out, nil
}
