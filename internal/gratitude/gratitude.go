// Package gratitude seeds the runner's gratitude journal with facts from
// their own data — how far they have run and since when, their longest run,
// their fastest times, early starts, streaks, favourite route — and lays the
// journal out as a printable A4 poster (SVG or print-styled HTML).
//
// It is pure: every fact is computed from the runs it is given, nothing is
// claimed that is not counted.
package gratitude

import (
	"cmp"
	"fmt"
	"math"
	"rekindle/internal/geo"
	"rekindle/internal/units"
	"slices"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/locale"
)

// Run is one run as the journal sees it.
type Run struct {
	Start       time.Time
	Name        string
	DistanceM   float64
	MovingS     float64
	BestEfforts []rekindle.Effort
	RouteKey    string // route group; "" when unknown
	RouteName   string
}

// Entry is one journal entry in the runner's words.
type Entry struct {
	ID   int64  `json:"id"`
	Day  string `json:"day"` // YYYY-MM-DD
	Text string `json:"text"`
}

// Validate checks an entry before it is stored.
func (e *Entry) Validate() error {
	if _, err := time.Parse(time.DateOnly, e.Day); err != nil {
		return rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("entry day %q: want YYYY-MM-DD", e.Day))
	}
	if t := strings.TrimSpace(e.Text); t == "" || len(t) > 4000 {
		return rekindle.Errorf(rekindle.CodeInvalid, "an entry needs text (at most 4000 bytes)")
	}
	return nil
}

// Fact is one thing the runner's data says, as a sentence.
type Fact struct {
	Key   string  `json:"key"` // total_distance, years, runs, longest_run, pr_5k …, early_starts, streak, favourite_route, routes, best_year
	Text  string  `json:"text"`
	Value float64 `json:"value"` // the number behind it, SI units (metres, seconds, count)
}

// Options are how facts are worded.
type Options struct {
	AsOf     time.Time      // only runs started before this count; zero: all
	Location *time.Location // day buckets and clock hours; nil: UTC
	Unit     rekindle.Unit  // km or mi
	Locale   locale.Locale  // how dates are written; "" is en-GB
	// Country (ISO 3166-1 alpha-2) and home of the runner, when known:
	// distances are compared with journeys near them (Beijing to Shanghai
	// for a runner in China), the world's well-known ones otherwise.
	Country          string
	HomeLat, HomeLon float64
}

// EarlyHour is the local hour before which a start counts as early.
const EarlyHour = 7

// place is a city with its coordinates (WGS84, city centres) and its
// country (ISO 3166-1 alpha-2).
type place struct {
	name     string
	lat, lon float64
	cc       string
}

var (
	london     = place{"London", 51.5074, -0.1278, "GB"}
	paris      = place{"Paris", 48.8566, 2.3522, "FR"}
	newYork    = place{"New York", 40.7128, -74.0060, "US"}
	losAngeles = place{"Los Angeles", 34.0522, -118.2437, "US"}
	sydney     = place{"Sydney", -33.8688, 151.2093, "AU"}
	beijing    = place{"Beijing", 39.9042, 116.4074, "CN"}
	shanghai   = place{"Shanghai", 31.2304, 121.4737, "CN"}
	berlin     = place{"Berlin", 52.5200, 13.4050, "DE"}
	tokyo      = place{"Tokyo", 35.6762, 139.6503, "JP"}
)

// journeys are pairs of cities to compare the total with, the world's
// well-known ones; their great-circle distance is computed, not stored.
var journeys = [][2]place{
	{london, paris},
	{{"Amsterdam", 52.3676, 4.9041, "NL"}, berlin},
	{newYork, {"Chicago", 41.8781, -87.6298, "US"}},
	{{"Madrid", 40.4168, -3.7038, "ES"}, {"Rome", 41.9028, 12.4964, "IT"}},
	{paris, {"Istanbul", 41.0082, 28.9784, "TR"}},
	{{"Lisbon", 38.7223, -9.1393, "PT"}, {"Moscow", 55.7558, 37.6173, "RU"}},
	{newYork, losAngeles},
	{london, newYork},
	{{"Cairo", 30.0444, 31.2357, "EG"}, {"Cape Town", -33.9249, 18.4241, "ZA"}},
	{london, sydney},
}

// localJourneys are journeys within and from some countries, from a short
// hop to across the world, so a runner hears of places they know.
var localJourneys = [][2]place{
	// China
	{{"Guangzhou", 23.1291, 113.2644, "CN"}, {"Shenzhen", 22.5431, 114.0579, "CN"}},
	{shanghai, {"Hangzhou", 30.2741, 120.1551, "CN"}},
	{{"Chengdu", 30.5728, 104.0668, "CN"}, {"Chongqing", 29.5630, 106.5516, "CN"}},
	{beijing, {"Xi'an", 34.3416, 108.9398, "CN"}},
	{beijing, shanghai},
	{beijing, {"Guangzhou", 23.1291, 113.2644, "CN"}},
	{{"Harbin", 45.8038, 126.5350, "CN"}, {"Sanya", 18.2528, 109.5119, "CN"}},
	{shanghai, {"Ürümqi", 43.8256, 87.6168, "CN"}},
	{shanghai, sydney},
	{beijing, london},
	// United States
	{newYork, {"Philadelphia", 39.9526, -75.1652, "US"}},
	{{"Boston", 42.3601, -71.0589, "US"}, newYork},
	{{"San Francisco", 37.7749, -122.4194, "US"}, losAngeles},
	{{"Miami", 25.7617, -80.1918, "US"}, newYork},
	{{"Seattle", 47.6062, -122.3321, "US"}, {"Miami", 25.7617, -80.1918, "US"}},
	{losAngeles, {"Honolulu", 21.3069, -157.8583, "US"}},
	{losAngeles, tokyo},
	// United Kingdom
	{london, {"Brighton", 50.8225, -0.1372, "GB"}},
	{london, {"Birmingham", 52.4862, -1.8904, "GB"}},
	{london, {"Manchester", 53.4808, -2.2426, "GB"}},
	{london, {"Edinburgh", 55.9533, -3.1883, "GB"}},
	{{"Land's End", 50.0660, -5.7132, "GB"}, {"John o' Groats", 58.6373, -3.0689, "GB"}},
	{london, {"Rome", 41.9028, 12.4964, "IT"}},
	// Germany
	{berlin, {"Hamburg", 53.5511, 9.9937, "DE"}},
	{{"Munich", 48.1351, 11.5820, "DE"}, berlin},
	// Japan
	{tokyo, {"Osaka", 34.6937, 135.5023, "JP"}},
	{{"Sapporo", 43.0618, 141.3545, "JP"}, {"Fukuoka", 33.5904, 130.4017, "JP"}},
	// Australia
	{sydney, {"Melbourne", -37.8136, 144.9631, "AU"}},
	{sydney, {"Perth", -31.9523, 115.8613, "AU"}},
}

// nearKm is how far from a runner's home a city may be for a journey to
// count as near them when their country has too few journeys of its own.
const nearKm = 1500

// minNear is how many journeys a runner's country or surroundings need
// before they replace the world's.
const minNear = 3

// journeysFor picks the journeys to compare a runner's total with: those
// with a city in their country, else those with a city near their home,
// else the world's well-known ones.
func journeysFor(country string, homeLat, homeLon float64) [][2]place {
	all := append(slices.Clone(journeys), localJourneys...)
	var in [][2]place
	if country != "" {
		for _, j := range all {
			if j[0].cc == country || j[1].cc == country {
				in = append(in, j)
			}
		}
		if len(in) >= minNear {
			return in
		}
	}
	if homeLat != 0 || homeLon != 0 {
		in = in[:0]
		home := place{lat: homeLat, lon: homeLon}
		for _, j := range all {
			if min(greatCircle(home, j[0]), greatCircle(home, j[1])) <= nearKm*1000 {
				in = append(in, j)
			}
		}
		if len(in) >= minNear {
			return in
		}
	}
	return journeys
}

const (
	earthAroundM  = 40_075_017  // equatorial circumference (WGS84)
	moonDistanceM = 384_400_000 // mean Earth–Moon distance
	marathonM     = 42_195
	minStreakDays = 3
	minRouteRuns  = 3
)

// greatCircle is the haversine distance between two places in metres.
func greatCircle(a, b place) float64 { return geo.Distance(a.lat, a.lon, b.lat, b.lon) }

type words struct {
	unit     rekindle.Unit
	loc      *time.Location
	lc       locale.Locale
	journeys [][2]place // nil: the world's
}

// dist writes a distance as a total (units.Total: whole from 100 units
// on): the journeys and totals it is compared with are approximate ("344
// km as the crow flies").
func (w words) dist(m float64) string { return units.Total(m, w.unit) }

func (w words) date(t time.Time) string { return w.lc.Date(t.In(w.loc)) }

func thousands(n int) string { return units.Thousands(int64(n)) }

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

// comparison says what a distance is further than, or "" when under the shortest journey.
func comparison(m float64, w words) string {
	switch {
	case m >= moonDistanceM:
		return fmt.Sprintf(" — %.1f times the way to the Moon", m/moonDistanceM)
	case m >= earthAroundM:
		return fmt.Sprintf(" — %.1f times around the Earth", m/earthAroundM)
	case m >= 0.4*earthAroundM:
		return fmt.Sprintf(" — %.0f%% of the way around the Earth", 100*m/earthAroundM)
	}
	best := -1.0
	var pick [2]place
	js := w.journeys
	if js == nil {
		js = journeys
	}
	for _, j := range js {
		if d := greatCircle(j[0], j[1]); d <= m && d > best {
			best, pick = d, j
		}
	}
	if best > 0 {
		return fmt.Sprintf(" — further than %s to %s (%s as the crow flies)", pick[0].name, pick[1].name, w.dist(best))
	}
	if n := int(m / marathonM); n >= 2 {
		return fmt.Sprintf(" — the distance of %d marathons", n)
	}
	return ""
}

// Facts computes the facts of a running history.
func Facts(runs []Run, o Options) []Fact {
	w := words{unit: o.Unit, loc: o.Location, lc: o.Locale, journeys: journeysFor(o.Country, o.HomeLat, o.HomeLon)}
	if w.loc == nil {
		w.loc = time.UTC
	}
	var rs []Run
	for _, r := range runs {
		if (o.AsOf.IsZero() || r.Start.Before(o.AsOf)) && realRun(r) {
			rs = append(rs, r)
		}
	}
	if len(rs) == 0 {
		return []Fact{}
	}
	slices.SortStableFunc(rs, func(a, b Run) int { return a.Start.Compare(b.Start) })
	var facts []Fact
	add := func(key string, v float64, format string, args ...any) {
		facts = append(facts, Fact{Key: key, Text: fmt.Sprintf(format, args...), Value: v})
	}

	var total, moving float64
	longest := rs[0]
	byYear := map[int]float64{}
	early := 0
	for _, r := range rs {
		total += r.DistanceM
		if r.MovingS > 0 && !math.IsInf(r.MovingS, 0) {
			moving += r.MovingS
		}
		if r.DistanceM > longest.DistanceM {
			longest = r
		}
		local := r.Start.In(w.loc)
		byYear[local.Year()] += r.DistanceM
		if local.Hour() < EarlyHour {
			early++
		}
	}
	first := rs[0].Start.In(w.loc)
	add("total_distance", total, "You have run %s since %d%s", w.dist(total), first.Year(), comparison(total, w))
	end := o.AsOf
	if end.IsZero() {
		end = rs[len(rs)-1].Start
	}
	if years := end.Sub(rs[0].Start).Hours() / 24 / 365.2425; years >= 0.75 {
		add("years", math.Round(years*10)/10, "%s of running: your first recorded run was on %s", yearWords(years), w.date(rs[0].Start))
	}
	hours := int(math.Round(moving / 3600))
	if hours > 0 {
		add("runs", float64(len(rs)), "%s and %s on your feet", plural(len(rs), "run", "runs"), plural(hours, "hour", "hours"))
	} else {
		add("runs", float64(len(rs)), "%s", plural(len(rs), "run", "runs"))
	}
	lf := fmt.Sprintf("Your longest run: %s on %s", w.dist(longest.DistanceM), w.date(longest.Start))
	if longest.Name != "" {
		lf += " (" + longest.Name + ")"
	}
	add("longest_run", longest.DistanceM, "%s", lf)

	for _, ed := range []struct{ name, label string }{{"5k", "5K"}, {"10k", "10K"}, {"half", "half marathon"}, {"marathon", "marathon"}} {
		var best rekindle.Effort
		var when time.Time
		for _, r := range rs {
			for _, e := range r.BestEfforts {
				if e.Name == ed.name && e.ElapsedS > 0 && e.DistanceM/e.ElapsedS < 12 && (best.ElapsedS == 0 || e.ElapsedS < best.ElapsedS) {
					best, when = e, r.Start
				}
			}
		}
		if best.ElapsedS > 0 {
			add("pr_"+ed.name, best.ElapsedS, "Your fastest %s: %s, on %s", ed.label, units.Clock(best.ElapsedS), w.date(when))
		}
	}
	if early > 0 {
		add("early_starts", float64(early), "%s started before %d am", plural(early, "run", "runs"), EarlyHour)
	}
	if n, last := longestStreak(rs, w.loc); n >= minStreakDays {
		add("streak", float64(n), "Your longest streak: %d days in a row, up to %s", n, w.date(last))
	}
	counts := map[string]int{}
	names := map[string]string{}
	for _, r := range rs {
		if r.RouteKey != "" {
			counts[r.RouteKey]++
			if r.RouteName != "" {
				names[r.RouteKey] = r.RouteName
			}
		}
	}
	if len(counts) > 0 {
		keys := make([]string, 0, len(counts))
		for k := range counts {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b string) int {
			if c := cmp.Compare(counts[b], counts[a]); c != 0 {
				return c
			}
			return strings.Compare(a, b)
		})
		if top := keys[0]; counts[top] >= minRouteRuns && names[top] != "" {
			add("favourite_route", float64(counts[top]), "Your favourite route, %s, has carried you %d times", names[top], counts[top])
		}
		if len(counts) >= 2 {
			add("routes", float64(len(counts)), "You have run %s", plural(len(counts), "route", "different routes"))
		}
	}
	if len(byYear) >= 2 {
		by, bm := 0, 0.0
		for y, m := range byYear {
			if m > bm || (m == bm && y < by) {
				by, bm = y, m
			}
		}
		add("best_year", bm, "Your biggest year: %d, with %s", by, w.dist(bm))
	}
	return facts
}

// MinRunM is the shortest distance that counts as a run for the facts: a
// 0 km "run" (a summary row with no distance, a watch started by mistake)
// neither starts a history nor adds to it.
const MinRunM = 400

// realRun reports whether a run is one the facts may count: a real
// distance, a date after 1970 (not a zero time), and, when its moving
// time is known, a speed a runner can hold (under 12 m/s, over 0.5 m/s).
func realRun(r Run) bool {
	if math.IsNaN(r.DistanceM) || r.DistanceM < MinRunM || r.DistanceM >= 1e6 || r.Start.Year() < 1970 {
		return false
	}
	if r.MovingS > 0 && !math.IsInf(r.MovingS, 0) {
		v := r.DistanceM / r.MovingS
		return v < 12 && v > 0.5
	}
	return true
}

// yearWords says a span of years honestly: 1.9 years is "almost 2
// years", 1.5 "1½ years", 1.1 "a year": the nearest half year, and
// "almost" when the next whole year is less than a quarter away.
func yearWords(y float64) string {
	n := math.Floor(y)
	switch f := y - n; {
	case f >= 0.75 && n == 0:
		return "almost a year"
	case f >= 0.75:
		return fmt.Sprintf("almost %s", plural(int(n)+1, "year", "years"))
	case f >= 0.25 && n >= 1:
		return fmt.Sprintf("%s½ years", thousands(int(n)))
	case n < 1:
		return "almost a year"
	case n == 1:
		return "a year"
	}
	return plural(int(n), "year", "years")
}

// longestStreak is the longest run of consecutive local days with a run and its last day.
func longestStreak(rs []Run, loc *time.Location) (int, time.Time) {
	best, cur := 0, 0
	var bestEnd time.Time
	prev := math.MinInt
	for _, r := range rs {
		y, m, d := r.Start.In(loc).Date()
		day := int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
		switch {
		case day == prev:
			continue
		case day == prev+1:
			cur++
		default:
			cur = 1
		}
		prev = day
		if cur > best {
			best, bestEnd = cur, r.Start
		}
	}
	return best, bestEnd
}

// Texts returns the facts' sentences.
func Texts(facts []Fact) []string {
	out := make([]string, len(facts))
	for i, f := range facts {
		out[i] = f.Text
	}
	return out
}
