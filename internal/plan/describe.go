package plan

import (
	"fmt"
	"math"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/locale"
	"rekindle/internal/units"
)

// validClock reports whether s is a time of day "HH:MM".
func validClock(s string) bool {
	_, err := time.Parse("15:04", s)
	return err == nil && len(s) == 5
}

// DayLabel names a session's day as the athlete reads dates: "Wed 16 Dec"
// (en-GB), "Mi., 16. Dezember" (de).
func (s *Session) DayLabel(lc locale.Locale) string {
	d, err := s.Date()
	if err != nil {
		return s.Day
	}
	return lc.DayShort(d)
}

// Describe says one session in a line, named by its day, with its distance
// or duration and pace, its time and place, its route and its note:
// "Wed 16 Dec: 8.0 km easy at about 5:40/km on the Quai loop — light week".
// An idea's card and the plan page both show sessions through it.
func Describe(s Session, u rekindle.Unit, lc locale.Locale) string {
	day := s.DayLabel(lc)
	if s.Time != "" {
		return day + " " + Line(s, u)
	}
	return day + ": " + Line(s, u)
}

// Line is Describe without the day, for a list under the day's heading (the
// command line's plan): "18:30: barre, 50 min at Studio Azur — Barre
// Sculpt", "8.0 km easy — light week".
func Line(s Session, u rekindle.Unit) string {
	line := What(s, u)
	if s.Note != "" && s.Kind != KindStep {
		line += " — " + s.Note
	}
	if s.Time != "" {
		return s.Time + ": " + line
	}
	return line
}

// What says a session without its day: "8.0 km easy at about 5:40/km".
func What(s Session, u rekindle.Unit) string {
	switch s.Kind {
	case KindRest:
		return "rest"
	case KindStep:
		return s.Note
	}
	var parts []string
	amount := ""
	switch {
	case s.DistanceM > 0:
		amount = units.Show(s.DistanceM, u)
	case s.DurationS > 0:
		amount = fmt.Sprintf("%.0f min", math.Round(s.DurationS/60))
	}
	what := string(s.Kind)
	switch s.Kind {
	case KindLong:
		what = "long run"
	case KindQuality:
		what = "quality session"
	case KindRace:
		what = "race"
	case KindCross:
		what = strings.ReplaceAll(string(s.Sport), "_", " ")
	case KindEasy:
		what = "easy"
		if !s.Sport.IsRun() && s.Sport != "" {
			what = "easy " + strings.ReplaceAll(string(s.Sport), "_", " ")
		}
	}
	switch {
	case amount != "" && (s.Kind == KindCross || s.Kind == KindRace):
		parts = append(parts, what+", "+amount)
	case amount != "":
		parts = append(parts, amount+" "+what)
	default:
		parts = append(parts, what)
	}
	if s.PaceMS > 0 {
		parts = append(parts, "at about "+units.Pace(1/s.PaceMS, 1, u, "?")+units.PerName(u))
	}
	if s.Place != "" {
		parts = append(parts, "at "+s.Place)
	}
	if s.Route != nil && s.Route.Name != "" {
		r := "on " + s.Route.Name
		if s.Route.NewShare > 0 {
			r += fmt.Sprintf(" (%.0f%% on streets you have never run)", s.Route.NewShare*100)
		}
		parts = append(parts, r)
	}
	return strings.Join(parts, " ")
}

// Describes says every session in a line (Describe), in order.
func Describes(ss []Session, u rekindle.Unit, lc locale.Locale) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = Describe(s, u, lc)
	}
	return out
}

// Last returns the last day of the sessions ("" for none).
func Last(ss []Session) string {
	last := ""
	for _, s := range ss {
		last = max(last, s.Day)
	}
	return last
}
