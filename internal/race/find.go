package race

import (
	"cmp"
	"math"
	"rekindle/internal/geo"
	"slices"
	"strings"
	"time"
	"unicode"

	"rekindle/internal/calendar"
	"rekindle/internal/training"
)

// Default finder window: races two to four weeks out.
const (
	DefaultFromDays = 14
	DefaultToDays   = 28
)

// distanceTolerance is how close a race must be to a wanted distance.
const distanceTolerance = 0.03

// Race is one race day found in a calendar.
type Race struct {
	Name      string    `json:"name"`
	Start     time.Time `json:"start"`
	AllDay    bool      `json:"all_day"`
	DistanceM float64   `json:"distance_m"` // 0 when unknown
	Distance  string    `json:"distance"`   // for display: "5K", "half marathon"
	Place     string    `json:"place,omitempty"`
	URL       string    `json:"url,omitempty"`
	HasGeo    bool      `json:"has_geo"`
	Lat       float64   `json:"lat,omitempty"`
	Lon       float64   `json:"lon,omitempty"`
	// FromHomeM is the straight-line distance from home to the start, -1
	// when the race or the runner has no position.
	FromHomeM float64 `json:"from_home_m"`
	// Recurring marks a race held every week (a parkrun): a fine run, but
	// a one-off race makes the better goal.
	Recurring bool `json:"recurring"`
	// Predicted finish times in seconds (0 when the runner has no fitness
	// estimate or the distance is unknown): Daniels' VDOT equivalent and
	// Riegel from the runner's best recent effort.
	PredictedS float64 `json:"predicted_s"`
	RiegelS    float64 `json:"riegel_s"`
	Feed       string  `json:"feed,omitempty"` // set by the caller
}

// Query selects races.
type Query struct {
	// AsOf is today; with From and To zero the window is 2–4 weeks after it.
	AsOf     time.Time
	From, To time.Time // [From, To)
	// Distances wanted in metres (3 % tolerance); empty means any, races
	// of unknown distance included.
	Distances []float64
	// RadiusM keeps races within this distance of home (0: any). Races
	// without a position are kept but ranked after those with one.
	RadiusM          float64
	HasHome          bool
	HomeLat, HomeLon float64
	Fitness          Fitness
}

// Window returns the query's window: From/To, or AsOf+14 to AsOf+28 days
// (whole days in AsOf's zone).
func (q *Query) Window() (from, to time.Time) {
	from, to = q.From, q.To
	y, m, d := q.AsOf.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, q.AsOf.Location())
	if from.IsZero() {
		from = day.AddDate(0, 0, DefaultFromDays)
	}
	if to.IsZero() {
		to = day.AddDate(0, 0, DefaultToDays+1)
	}
	return from, to
}

// Fitness is what predictions are made from.
type Fitness struct {
	VDOT float64
	// The effort behind it, for Riegel (0 when unknown).
	EffortM, EffortS float64
}

// Predict returns the VDOT-equivalent and Riegel finish times in seconds
// for distanceM (0 when unknown).
func (f Fitness) Predict(distanceM float64) (vdotS, riegelS float64) {
	if distanceM <= 0 {
		return 0, 0
	}
	if f.VDOT > 0 {
		vdotS = training.EquivalentTime(f.VDOT, distanceM)
	}
	if f.EffortM > 0 && f.EffortS > 0 {
		riegelS = training.Riegel(f.EffortS, f.EffortM, distanceM, training.RiegelExponent)
	}
	return vdotS, riegelS
}

// Find lists the race days in the query's window that match its distances
// and radius: those with a position (nearest first within a day) before
// those without, each group by date.
func Find(events []calendar.Event, q Query) []Race {
	from, to := q.Window()
	var out []Race
	type times struct{ vdot, riegel float64 }
	predicted := map[float64]times{}
	for i := range events {
		e := &events[i]
		dist := DistanceOf(e)
		if len(q.Distances) > 0 && !matches(dist, q.Distances) {
			continue
		}
		fromHome := -1.0
		if e.HasGeo && q.HasHome {
			fromHome = geo.Distance(q.HomeLat, q.HomeLon, e.Lat, e.Lon)
			if q.RadiusM > 0 && fromHome > q.RadiusM {
				continue
			}
		}
		for _, o := range e.Occurrences(from, to) {
			r := Race{Name: e.Summary, Start: o.Start, AllDay: e.AllDay, DistanceM: dist, Distance: DistanceName(dist),
				Place: e.Location, URL: e.URL, HasGeo: e.HasGeo, Lat: e.Lat, Lon: e.Lon, FromHomeM: fromHome, Recurring: e.Rule != nil}
			p, ok := predicted[dist]
			if !ok {
				p.vdot, p.riegel = q.Fitness.Predict(dist)
				predicted[dist] = p
			}
			r.PredictedS, r.RiegelS = p.vdot, p.riegel
			out = append(out, r)
			if len(out) >= 10000 {
				break
			}
		}
	}
	out = dedupe(out)
	slices.SortStableFunc(out, func(a, b Race) int {
		if a.HasGeo != b.HasGeo {
			if a.HasGeo {
				return -1
			}
			return 1
		}
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(a.FromHomeM, b.FromHomeM); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// dedupe merges the same race listed in several calendars (an iCalendar
// feed and a CSV list): same day, same or unknown distance, and one name
// starting with the other. The entry with a start time and a position wins.
func dedupe(rs []Race) []Race {
	var out []Race
	for _, r := range rs {
		dup := -1
		for i, o := range out {
			if sameRace(&r, &o) {
				dup = i
				break
			}
		}
		switch {
		case dup < 0:
			out = append(out, r)
		case richness(&r) > richness(&out[dup]):
			out[dup] = r
		}
	}
	return out
}

func sameRace(a, b *Race) bool {
	// Compare calendar days in the zone of an all-day entry, if any.
	loc := a.Start.Location()
	if b.AllDay {
		loc = b.Start.Location()
	}
	ay, am, ad := a.Start.In(loc).Date()
	by, bm, bd := b.Start.In(loc).Date()
	if ay != by || am != bm || ad != bd {
		return false
	}
	if a.DistanceM > 0 && b.DistanceM > 0 && a.DistanceM != b.DistanceM {
		return false
	}
	na, nb := normName(a.Name), normName(b.Name)
	return na != "" && nb != "" && (strings.HasPrefix(na, nb) || strings.HasPrefix(nb, na))
}

func normName(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

func richness(r *Race) int {
	n := 0
	if !r.AllDay {
		n += 2
	}
	if r.HasGeo {
		n += 2
	}
	if r.URL != "" {
		n++
	}
	if r.Place != "" {
		n++
	}
	return n
}

func matches(d float64, want []float64) bool {
	for _, w := range want {
		if d > 0 && math.Abs(d-w) <= distanceTolerance*w {
			return true
		}
	}
	return false
}

// Pick chooses the race to suggest: a 5K–10K first, then other races up to
// the half marathon, then longer ones; among those, one within 20 km of
// home, then within 50 km; a one-off race before a weekly one; ties go to
// the finder's order (the earliest).
func Pick(races []Race) *Race {
	if len(races) == 0 {
		return nil
	}
	best, bestScore := 0, math.Inf(-1)
	for i, r := range races {
		s := 0.0
		switch {
		case r.DistanceM >= 4900 && r.DistanceM <= 10100:
			s += 3
		case r.DistanceM > 0 && r.DistanceM <= HalfMarathon:
			s += 2
		case r.DistanceM > 0:
			s++
		}
		if !r.Recurring {
			s += 0.5
		}
		switch {
		case r.FromHomeM >= 0 && r.FromHomeM <= 20_000:
			s++
		case r.FromHomeM >= 0 && r.FromHomeM <= 50_000:
			s += 0.5
		}
		if s > bestScore {
			best, bestScore = i, s
		}
	}
	return &races[best]
}
