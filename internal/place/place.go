// Package place works out where a runner lives from their own data, offline:
// home as the most common start of their recent activities, the time zone
// at a position (github.com/ringsaturn/tzf with its lite boundary data,
// built from timezone-boundary-builder, ODbL), and the country of a time
// zone (a table generated from the IANA tz database, zonecountry.go).
//
// It does no I/O: the boundary data is embedded in the binary (about 7 MB)
// and decoded on first use by a Zones, so only callers that need a zone pay
// for it, and only while they hold the Zones.
package place

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/paulmach/orb"
	"github.com/ringsaturn/tzf"
	tzfrellite "github.com/ringsaturn/tzf-rel-lite"
	pb "github.com/ringsaturn/tzf/gen/go/tzf/v1"
	"google.golang.org/protobuf/proto"
)

// Start is where and when one activity began.
type Start struct {
	At       time.Time
	Lat, Lon float64
}

// Home is the runner's home area.
type Home struct {
	Lat, Lon float64
	Starts   int // activities that began within cellM of it
	Of       int // activities with a start position considered
}

// cellDeg is the size of the grid cells starts are counted in (about 1.1 km
// north–south); a home is the busiest cell with its eight neighbours.
const cellDeg = 0.01

// RecentN is how many of the newest starts HomeOf considers, and RecentDays
// how far back from the newest one: a runner who moved lives where they
// run now.
const (
	RecentN    = 200
	RecentDays = 365
)

// MinHomeStarts is how many starts a home needs, and at least a third of
// those considered: two runs on a trip are not a home.
const MinHomeStarts = 3

// HomeOf returns the most common start area of the newest RecentN starts
// within RecentDays of the newest:
// the busiest 3×3 block of cells, its position the mean of the starts in
// it. ok is false without a clear home (MinHomeStarts).
func HomeOf(starts []Start) (h Home, ok bool) {
	var s []Start
	for _, st := range starts {
		if valid(st.Lat, st.Lon) {
			s = append(s, st)
		}
	}
	if len(s) == 0 {
		return Home{}, false
	}
	sort.SliceStable(s, func(i, j int) bool { return s[i].At.After(s[j].At) })
	if len(s) > RecentN {
		s = s[:RecentN]
	}
	for i, st := range s {
		if s[0].At.Sub(st.At) > RecentDays*24*time.Hour {
			s = s[:i]
			break
		}
	}
	type cell struct{ x, y int }
	cellOf := func(st Start) cell {
		return cell{int(math.Floor(st.Lat / cellDeg)), int(math.Floor(st.Lon / cellDeg))}
	}
	count := map[cell]int{}
	for _, st := range s {
		count[cellOf(st)]++
	}
	block := func(c cell) int {
		n := 0
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				n += count[cell{c.x + dx, c.y + dy}]
			}
		}
		return n
	}
	// Busiest block; ties go to the cell of the newer start (s is newest first).
	best, bestN := cell{}, -1
	for _, st := range s {
		c := cellOf(st)
		if n := block(c); n > bestN {
			best, bestN = c, n
		}
	}
	if bestN < MinHomeStarts || bestN*3 < len(s) {
		return Home{}, false
	}
	var sl, so float64
	for _, st := range s {
		c := cellOf(st)
		if abs(c.x-best.x) <= 1 && abs(c.y-best.y) <= 1 {
			sl += st.Lat
			so += st.Lon
		}
	}
	return Home{Lat: sl / float64(bestN), Lon: so / float64(bestN), Starts: bestN, Of: len(s)}, true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func valid(lat, lon float64) bool {
	return !math.IsNaN(lat) && !math.IsNaN(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 && (lat != 0 || lon != 0)
}

// Zones looks up the time zone at a position from the embedded boundary
// data, decoding it on first use. Two tables, each decoded only when
// needed: the fuzzy one answers from pre-indexed map tiles that lie wholly
// in one zone (about 0.5–1 s and 20 MB); the full one holds the zone
// polygons (several seconds and about 100–150 MB on a busy 2-core machine)
// and is decoded only for a position the tiles around it cannot settle.
// The memory is held as long as the Zones is: a long-lived process makes
// one for a batch of look-ups and drops it (BenchmarkZonesFirstUse and
// README "Time zone inference" give the measured cost).
// A Zones is safe for concurrent use.
type Zones struct {
	mu          sync.Mutex
	fuzzy, full tzf.F
	fuzzyErr    error
	fullErr     error
	fuzzyDone   bool
	fullDone    bool
	fullLoads   int // decodings of the full table
	fullAsked   int // look-ups the tiles could not settle
	scans       int // look-ups answered by a pass over the tile table (scanTiles)
}

// scansBeforeDecode: the first look-ups of a Zones pass over the tile
// table (tens of milliseconds each, nothing held); one asked more often
// decodes it (0.5–1 s once, then microseconds).
const scansBeforeDecode = 4

// NewZones returns a Zones that has decoded nothing yet.
func NewZones() *Zones { return &Zones{} }

func (z *Zones) fuzzyF() (tzf.F, error) {
	if !z.fuzzyDone {
		z.fuzzyDone = true
		in := &pb.PreindexTimezones{}
		if z.fuzzyErr = proto.Unmarshal(tzfrellite.PreindexData, in); z.fuzzyErr == nil {
			z.fuzzy, z.fuzzyErr = tzf.NewFuzzyFinderFromPB(in)
		}
	}
	return z.fuzzy, z.fuzzyErr
}

func (z *Zones) fullF() (tzf.F, error) {
	if !z.fullDone {
		z.fullDone = true
		z.fullLoads++
		in := &pb.CompressedTimezones{}
		if z.fullErr = proto.Unmarshal(tzfrellite.LiteCompressData, in); z.fullErr == nil {
			z.full, z.fullErr = tzf.NewFinderFromCompressed(in, tzf.SetDropPBTZ)
		}
	}
	return z.full, z.fullErr
}

// UsedPolygons reports whether the full polygon table was decoded.
func (z *Zones) UsedPolygons() bool {
	z.mu.Lock()
	defer z.mu.Unlock()
	return z.fullLoads > 0
}

// probeDeg is how far around a position the tiles are asked when its own
// tile straddles a border (about 2 km): when every answer around agrees,
// that is the zone, without decoding the polygons.
const probeDeg = 0.02

// At returns the IANA time zone at a position, "" when unknown (the open
// sea maps to "Etc/GMT±N", which is returned as it is).
func (z *Zones) At(lat, lon float64) string {
	if !valid(lat, lon) {
		return ""
	}
	z.mu.Lock()
	defer z.mu.Unlock()
	around := [][2]float64{{probeDeg, 0}, {-probeDeg, 0}, {0, probeDeg}, {0, -probeDeg}}
	if !z.fuzzyDone && z.scans < scansBeforeDecode {
		z.scans++
		pts := []orb.Point{{lon, lat}}
		for _, d := range around {
			pts = append(pts, orb.Point{lon + d[1], lat + d[0]})
		}
		if names, err := scanFuzzy(pts); err == nil {
			if names[0] != "" {
				return names[0]
			}
			if agree := names[1]; agree != "" && names[2] == agree && names[3] == agree && names[4] == agree {
				return agree
			}
			return z.polygonsAt(lat, lon, around)
		}
	}
	if f, err := z.fuzzyF(); err == nil {
		if zone := f.GetTimezoneName(lon, lat); zone != "" {
			return zone
		}
		// A tile on a border: when the tiles all around lie in one and the
		// same zone, the position does too (a border would show between).
		agree, n := "", 0
		for _, d := range around {
			zone := f.GetTimezoneName(lon+d[1], lat+d[0])
			if zone == "" || (agree != "" && zone != agree) {
				break
			}
			agree, n = zone, n+1
		}
		if n == len(around) {
			return agree
		}
	}
	return z.polygonsAt(lat, lon, around)
}

// polygonsAt is At from the zone polygons (z.mu held).
func (z *Zones) polygonsAt(lat, lon float64, around [][2]float64) string {
	z.fullAsked++
	f, err := z.fullF()
	if err != nil {
		return ""
	}
	if zone := f.GetTimezoneName(lon, lat); zone != "" {
		return zone
	}
	// A start on a shore or a border: look a little around.
	for _, d := range around {
		if zone := f.GetTimezoneName(lon+d[1], lat+d[0]); zone != "" {
			return zone
		}
	}
	return ""
}

// ZoneAt returns the IANA time zone at a position, "" when unknown: a
// one-off look-up that decodes what it needs and keeps nothing (use a
// Zones for several).
func ZoneAt(lat, lon float64) string { return NewZones().At(lat, lon) }

// CountryOfZone returns the ISO 3166-1 alpha-2 code of a time zone's
// country ("Europe/Berlin" → "DE"), "" when it has none (UTC, Etc/…).
func CountryOfZone(zone string) string { return zoneCountry[zone] }

// ParseLatLon parses "LAT,LON" in decimal degrees.
func ParseLatLon(s string) (lat, lon float64, err error) {
	a, b, ok := strings.Cut(s, ",")
	if !ok {
		return 0, 0, fmt.Errorf("want LAT,LON in degrees, got %q", s)
	}
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil || !valid(lat, lon) {
		return 0, 0, fmt.Errorf("want LAT,LON in degrees (-90..90, -180..180), got %q", s)
	}
	return lat, lon, nil
}

// ValidCountry reports whether cc looks like an ISO 3166-1 alpha-2 code
// of a country with a time zone.
func ValidCountry(cc string) bool {
	for _, c := range zoneCountry {
		if c == cc {
			return true
		}
	}
	return false
}
