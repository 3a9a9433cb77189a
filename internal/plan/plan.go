// Package plan is the runner's training plan: sessions planned per calendar
// day, written by hand or from an accepted spark idea (a light week, a taper,
// a longer long run, an interval session). It is pure: it validates
// sessions, lays them out as days and adds them up.
package plan

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"rekindle"
)

// Kind is what sort of session is planned. The values are stable keys.
type Kind string

// Kinds of planned session.
const (
	KindEasy    Kind = "easy"
	KindLong    Kind = "long"
	KindQuality Kind = "quality"
	KindRest    Kind = "rest"
	KindRace    Kind = "race"
	KindCross   Kind = "cross"
	// KindStep is a dated step of an idea that is not training: book the
	// reward, write the gratitude list, send the coach the weeks.
	KindStep Kind = "step"
)

// Kinds lists every kind in a fixed order.
var Kinds = []Kind{KindEasy, KindLong, KindQuality, KindRest, KindRace, KindCross, KindStep}

// Route is a suggested route attached to a planned run: its name, length,
// the share on streets never run and, when it came from the street graph,
// its points (lat, lon) for a GPX or FIT download from the plan day.
type Route struct {
	Name      string       `json:"name"`
	DistanceM float64      `json:"distance_m"`
	NewShare  float64      `json:"new_share,omitempty"`
	Points    [][2]float64 `json:"points,omitempty"`
}

// Session is one planned session on one calendar day of the athlete.
type Session struct {
	ID           int64          `json:"id,omitempty"`
	Day          string         `json:"day"` // YYYY-MM-DD in the athlete's time zone
	Sport        rekindle.Sport `json:"sport"`
	Kind         Kind           `json:"kind"`
	DistanceM    float64        `json:"distance_m,omitempty"`
	DurationS    float64        `json:"duration_s,omitempty"`
	Note         string         `json:"note,omitempty"`
	ExperimentID int64          `json:"experiment_id,omitempty"` // the accepted spark idea it came from; 0 by hand
	// PaceMS is the target pace as a speed (m/s), 0 when the session has none.
	PaceMS float64 `json:"pace_ms,omitempty"`
	// Time is the start time of a session with a fixed hour (a class), "HH:MM".
	Time string `json:"time,omitempty"`
	// Place is where a class or race is.
	Place string `json:"place,omitempty"`
	// Route is the route to run, when the idea suggested one.
	Route *Route `json:"route,omitempty"`
}

// Date returns the session's day as midnight UTC.
func (s *Session) Date() (time.Time, error) { return time.Parse(time.DateOnly, s.Day) }

// Validate checks a session before it is stored.
func (s *Session) Validate() error {
	if _, err := s.Date(); err != nil {
		return rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("planned day %q: want YYYY-MM-DD", s.Day))
	}
	if !slices.Contains(Kinds, s.Kind) {
		return rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("session kind %q: want one of easy, long, quality, rest, race, cross, step", s.Kind))
	}
	switch {
	case s.Kind != KindRest && s.Kind != KindStep && s.Sport == "":
		return rekindle.Errorf(rekindle.CodeInvalid, "planned session without a sport")
	case s.Kind == KindCross && s.Sport.IsRun():
		return rekindle.Errorf(rekindle.CodeInvalid, "a cross-training session cannot be a run")
	case !(s.DistanceM >= 0 && s.DistanceM <= 1e6):
		return rekindle.Errorf(rekindle.CodeInvalid, "planned distance must be 0–1,000 km")
	case !(s.DurationS >= 0 && s.DurationS <= 7*86400):
		return rekindle.Errorf(rekindle.CodeInvalid, "planned duration must be 0–7 days")
	case s.Kind == KindRest && (s.DistanceM > 0 || s.DurationS > 0):
		return rekindle.Errorf(rekindle.CodeInvalid, "a rest day has no distance or duration")
	case s.Kind == KindStep && (s.DistanceM > 0 || s.DurationS > 0 || s.Sport != ""):
		return rekindle.Errorf(rekindle.CodeInvalid, "a step is not a training session: no sport, distance or duration")
	case s.Kind == KindStep && strings.TrimSpace(s.Note) == "":
		return rekindle.Errorf(rekindle.CodeInvalid, "a step needs a note saying what to do")
	case len(s.Note) > 2000:
		return rekindle.Errorf(rekindle.CodeInvalid, "note longer than 2000 bytes")
	case !(s.PaceMS >= 0 && s.PaceMS <= 15):
		return rekindle.Errorf(rekindle.CodeInvalid, "planned pace out of range")
	case s.Time != "" && !validClock(s.Time):
		return rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("planned time %q: want HH:MM", s.Time))
	case len(s.Place) > 500:
		return rekindle.Errorf(rekindle.CodeInvalid, "place longer than 500 bytes")
	case s.Route != nil && (len(s.Route.Name) > 500 || len(s.Route.Points) > 100000 || !(s.Route.DistanceM >= 0 && s.Route.DistanceM <= 1e6)):
		return rekindle.Errorf(rekindle.CodeInvalid, "planned route too long or unnamed")
	}
	return nil
}

// Sort orders sessions by day, then id.
func Sort(ss []Session) {
	slices.SortStableFunc(ss, func(a, b Session) int {
		if c := strings.Compare(a.Day, b.Day); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// Day is one calendar day of the plan.
type Day struct {
	Day      string    `json:"day"`
	Weekday  string    `json:"weekday"`
	Sessions []Session `json:"sessions"`
}

// Days lays sessions out over n calendar days from the day from (YYYY-MM-DD
// or any time: its calendar date counts), empty days included.
func Days(ss []Session, from time.Time, n int) []Day {
	by := map[string][]Session{}
	for _, s := range ss {
		by[s.Day] = append(by[s.Day], s)
	}
	start := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	out := make([]Day, 0, max(n, 0))
	for i := range max(n, 0) {
		d := start.AddDate(0, 0, i)
		key := d.Format(time.DateOnly)
		got := by[key]
		if got == nil {
			got = []Session{}
		}
		Sort(got)
		out = append(out, Day{Day: key, Weekday: d.Weekday().String()[:3], Sessions: got})
	}
	return out
}

// Totals adds up the running distance and the duration of sessions.
type Totals struct {
	RunDistanceM float64 `json:"run_distance_m"`
	DurationS    float64 `json:"duration_s"`
	Sessions     int     `json:"sessions"` // sessions that are neither rest nor steps
	RestDays     int     `json:"rest_days"`
	Steps        int     `json:"steps"` // dated steps that are not training
}

// Sum returns the totals of sessions.
func Sum(ss []Session) Totals {
	var t Totals
	for _, s := range ss {
		if s.Kind == KindRest {
			t.RestDays++
			continue
		}
		if s.Kind == KindStep {
			t.Steps++
			continue
		}
		t.Sessions++
		t.DurationS += s.DurationS
		if s.Sport.IsRun() {
			t.RunDistanceM += s.DistanceM
		}
	}
	return t
}

// Replace returns which of the existing sessions give way to incoming ones:
// an incoming session replaces every session on its day that also came from
// a spark idea (the newest idea wins); sessions written by hand stay.
func Replace(existing, incoming []Session) (drop []int64) {
	days := map[string]bool{}
	for _, s := range incoming {
		days[s.Day] = true
	}
	for _, s := range existing {
		if days[s.Day] && s.ExperimentID != 0 {
			drop = append(drop, s.ID)
		}
	}
	return drop
}

// FromIdea returns the sessions an accepted spark idea writes into the plan:
// the idea's day-by-day sessions, each tied to the experiment that accepted
// it and noted with the idea's title when it has no note of its own. Both
// the CLI (spark accept) and the web app (accepting on the home page) store
// exactly these; an idea without day-by-day sessions gives none.
func FromIdea(experimentID int64, title string, sessions []Session) []Session {
	out := make([]Session, len(sessions))
	for i, s := range sessions {
		s.ID = 0
		s.ExperimentID = experimentID
		if s.Note == "" {
			s.Note = title
		}
		out[i] = s
	}
	return out
}
