// Package gear keeps count of what the runner's shoes (and bikes) have
// carried them: which activities each piece of gear was used for and its
// mileage against the distance at which to retire it.
//
// It is pure. An activity is assigned to gear, in order of precedence, by
// hand (a manual assignment), by the gear name the activity's source gave
// (Strava's gear column, matched to the gear's name or brand and name), or
// by the gear that is the default for its sport on the activity's day.
package gear

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"rekindle"
)

// Kind is what sort of gear it is.
type Kind string

// Kinds of gear.
const (
	KindShoes Kind = "shoes"
	KindBike  Kind = "bike"
)

// DefaultShoeRetireM is the distance after which shoes are due for
// replacement when the runner does not say: 700 km, inside the 500–800 km
// range running-shoe makers and retailers usually give.
const DefaultShoeRetireM = 700_000

// Gear is one pair of shoes or one bike.
type Gear struct {
	ID         int64
	Kind       Kind
	Name       string
	Brand      string
	RetireAtM  float64          // the distance at which to retire it; 0 means never
	StartM     float64          // distance already on it when it was added
	DefaultFor []rekindle.Sport // sports for which it is the default
	Added      time.Time        // first day it may be used as a default; zero means always
	Retired    time.Time        // zero while in use
}

// Label is the gear's display name: "Nike Pegasus 40", or the name alone.
func (g *Gear) Label() string {
	if g.Brand != "" && !strings.HasPrefix(norm(g.Name), norm(g.Brand)) {
		return g.Brand + " " + g.Name
	}
	return g.Name
}

// ActiveOn reports whether the gear was in use at t.
func (g *Gear) ActiveOn(t time.Time) bool {
	return (g.Added.IsZero() || !t.Before(g.Added)) && (g.Retired.IsZero() || t.Before(g.Retired))
}

// Validate checks a gear record before it is stored.
func (g *Gear) Validate() error {
	switch {
	case g.Kind != KindShoes && g.Kind != KindBike:
		return rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("gear kind %q: want shoes or bike", g.Kind))
	case strings.TrimSpace(g.Name) == "" || len(g.Name) > 200:
		return rekindle.Errorf(rekindle.CodeInvalid, "gear needs a name (at most 200 bytes)")
	case len(g.Brand) > 200:
		return rekindle.Errorf(rekindle.CodeInvalid, "gear brand longer than 200 bytes")
	case !(g.RetireAtM >= 0 && g.RetireAtM < 1e8) || !(g.StartM >= 0 && g.StartM < 1e8):
		return rekindle.Errorf(rekindle.CodeInvalid, "gear distances must be between 0 and 100,000 km")
	case !g.Retired.IsZero() && !g.Added.IsZero() && g.Retired.Before(g.Added):
		return rekindle.Errorf(rekindle.CodeInvalid, "gear retired before it was added")
	}
	for _, sp := range g.DefaultFor {
		if !suits(g.Kind, sp) {
			return rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("%s cannot be the default for %q (shoes: running, trail_running, treadmill, track_running, walking, hiking; bikes: cycling, virtual_cycling, indoor_cycling, spin)", g.Kind, sp))
		}
	}
	return nil
}

// Use is an activity as gear counting sees it.
type Use struct {
	ActivityID int64
	Start      time.Time
	Sport      rekindle.Sport
	DistanceM  float64
	GearName   string // the gear named by the activity's source, "" when none
}

// How says why an activity was assigned to a piece of gear.
type How string

// Ways an activity is assigned.
const (
	ByHand    How = "manual"
	ByName    How = "name"
	ByDefault How = "default"
)

// Assignment is an activity's gear.
type Assignment struct {
	ActivityID int64
	GearID     int64
	How        How
}

// norm folds a name for matching: lower case, single spaces.
func norm(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// suits reports whether gear of kind k may be the default for sport s.
func suits(k Kind, s rekindle.Sport) bool {
	switch k {
	case KindShoes:
		return s.IsRun() || s == rekindle.SportWalking || s == rekindle.SportHiking
	case KindBike:
		return s == rekindle.SportCycling || s == rekindle.SportVirtualRide || s == rekindle.SportIndoorCycling || s == rekindle.SportSpin
	}
	return false
}

// matcher finds gear by the name an activity carries.
type matcher struct {
	exact map[string]int64 // folded name or brand+name → id (-1 when ambiguous)
	names []string         // " folded name " of each gear, for word matches
	ids   []int64
}

func newMatcher(gear []Gear) *matcher {
	m := &matcher{exact: map[string]int64{}}
	add := func(k string, id int64) {
		if k == "" {
			return
		}
		if old, ok := m.exact[k]; ok && old != id {
			m.exact[k] = -1
			return
		}
		m.exact[k] = id
	}
	for _, g := range gear {
		add(norm(g.Name), g.ID)
		add(norm(g.Brand+" "+g.Name), g.ID)
		if n := norm(g.Name); len(n) >= 3 {
			m.names, m.ids = append(m.names, " "+n+" "), append(m.ids, g.ID)
		}
	}
	return m
}

// match returns the gear an activity's gear name means, or 0: an exact
// (folded) match of name or brand and name first, else the one gear whose
// name appears as whole words inside it ("Pegasus 40" in "Nike Pegasus 40 blue").
func (m *matcher) match(name string) int64 {
	n := norm(name)
	if n == "" {
		return 0
	}
	if id, ok := m.exact[n]; ok {
		return max(id, 0)
	}
	var found int64
	padded := " " + n + " "
	for i, gn := range m.names {
		if !strings.Contains(padded, gn) {
			continue
		}
		if found != 0 && found != m.ids[i] {
			return 0 // ambiguous
		}
		found = m.ids[i]
	}
	return found
}

// defaultFor returns the default gear for sport at t: a gear naming the sport
// itself, else for any run a gear that is the default for running; the most
// recently added wins.
func defaultFor(gear []Gear, sport rekindle.Sport, t time.Time) int64 {
	var best *Gear
	bestExact := false
	for i := range gear {
		g := &gear[i]
		if !g.ActiveOn(t) || !suits(g.Kind, sport) {
			continue
		}
		exact, viaRun := false, false
		for _, s := range g.DefaultFor {
			exact = exact || s == sport
			viaRun = viaRun || (s == rekindle.SportRunning && sport.IsRun())
		}
		if !exact && !viaRun {
			continue
		}
		if best == nil || (exact && !bestExact) || (exact == bestExact && g.Added.After(best.Added)) {
			best, bestExact = g, exact
		}
	}
	if best == nil {
		return 0
	}
	return best.ID
}

// Assign assigns each activity to gear: by hand (manual maps activity id to
// gear id), by its gear name, or by the default for its sport. Activities
// with no gear are left out.
func Assign(gear []Gear, uses []Use, manual map[int64]int64) []Assignment {
	known := map[int64]bool{}
	for _, g := range gear {
		known[g.ID] = true
	}
	m := newMatcher(gear)
	var out []Assignment
	for _, u := range uses {
		if id, ok := manual[u.ActivityID]; ok && known[id] {
			out = append(out, Assignment{u.ActivityID, id, ByHand})
			continue
		}
		if id := m.match(u.GearName); id != 0 {
			out = append(out, Assignment{u.ActivityID, id, ByName})
			continue
		}
		if u.GearName == "" {
			if id := defaultFor(gear, u.Sport, u.Start); id != 0 {
				out = append(out, Assignment{u.ActivityID, id, ByDefault})
			}
		}
	}
	return out
}

// Mileage is what a piece of gear has carried the runner by a day.
type Mileage struct {
	Gear       Gear
	DistanceM  float64 // StartM plus the distance of its activities
	Activities int
	First      time.Time // first activity, zero when none
	Last       time.Time // last activity
	// ReachedAt is when the distance first reached RetireAtM (the start of
	// the activity that took it there); zero when not reached, or when the
	// gear has no retire distance.
	ReachedAt time.Time
}

// Due reports whether the gear has reached its retire distance.
func (m *Mileage) Due() bool { return m.Gear.RetireAtM > 0 && m.DistanceM >= m.Gear.RetireAtM }

// Share is the distance as a share of the retire distance (0 when none).
func (m *Mileage) Share() float64 {
	if m.Gear.RetireAtM <= 0 {
		return 0
	}
	return m.DistanceM / m.Gear.RetireAtM
}

// Tally adds up each piece of gear's activities started before asOf (zero:
// all), in gear order.
func Tally(gear []Gear, uses []Use, manual map[int64]int64, asOf time.Time) []Mileage {
	uses = slices.Clone(uses)
	slices.SortStableFunc(uses, func(a, b Use) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.ActivityID, b.ActivityID)
	})
	if !asOf.IsZero() {
		uses = slices.DeleteFunc(uses, func(u Use) bool { return !u.Start.Before(asOf) })
	}
	byID := map[int64]int{}
	out := make([]Mileage, len(gear))
	for i, g := range gear {
		out[i] = Mileage{Gear: g, DistanceM: g.StartM}
		byID[g.ID] = i
		if g.RetireAtM > 0 && g.StartM >= g.RetireAtM {
			out[i].ReachedAt = g.Added
		}
	}
	start := map[int64]Use{}
	for _, u := range uses {
		start[u.ActivityID] = u
	}
	for _, a := range Assign(gear, uses, manual) {
		m := &out[byID[a.GearID]]
		u := start[a.ActivityID]
		if d := u.DistanceM; d > 0 && d < 1e7 {
			m.DistanceM += d
		}
		m.Activities++
		if m.First.IsZero() {
			m.First = u.Start
		}
		m.Last = u.Start
		if m.ReachedAt.IsZero() && m.Due() {
			m.ReachedAt = u.Start
		}
	}
	return out
}
