package streets

import (
	"strconv"
	"strings"

	"github.com/paulmach/osm"
)

// Class is how runnable an edge is (routes.md §4). Excluded ways get no edge
// at all; the other classes are kept and priced by the caller's cost.
type Class uint8

// Runnability classes.
const (
	ClassExcluded Class = iota // never in the graph
	ClassAvoid                 // busy road without sidewalk, ford, mud, driveway: cost ×3–5
	ClassRoad                  // a street
	ClassPath                  // footway, cycleway, pedestrian, steps, paved or unknown path/track
	ClassTrail                 // unpaved path, track, footway or bridleway; any sac_scale
)

var classNames = [...]string{"excluded", "avoid", "road", "path", "trail"}

func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return "class(" + strconv.Itoa(int(c)) + ")"
}

// Surface is the coarse surface of an edge.
type Surface uint8

// Surfaces.
const (
	SurfaceUnknown Surface = iota
	SurfacePaved
	SurfaceUnpaved
)

var surfaceNames = [...]string{"unknown", "paved", "unpaved"}

func (s Surface) String() string {
	if int(s) < len(surfaceNames) {
		return surfaceNames[s]
	}
	return "surface(" + strconv.Itoa(int(s)) + ")"
}

// Edge flags.
const (
	FlagBridge     uint8 = 1 << iota // bridge=*
	FlagTunnel                       // tunnel=*
	FlagSteps                        // highway=steps
	FlagSidewalk                     // a carriageway with a mapped sidewalk, or a sidewalk footway
	FlagArea                         // area=yes (walked along its outline)
	FlagDesignated                   // foot=designated
	// FlagBusy marks a busy road by its highway class (routes.md §4 avoid
	// list): trunk, primary, secondary, tertiary and their links, or a
	// street with maxspeed > 50, with or without a sidewalk.
	FlagBusy
)

var pavedSurfaces = set("paved", "asphalt", "concrete", "concrete:plates", "concrete:lanes", "paving_stones",
	"sett", "cobblestone", "unhewn_cobblestone", "metal", "wood", "paving_stones:30", "chipseal")

var unpavedSurfaces = set("unpaved", "compacted", "fine_gravel", "gravel", "pebblestone", "dirt", "earth",
	"ground", "grass", "mud", "sand", "woodchips", "rock", "ice", "snow", "grass_paver")

var avoidSurfaces = set("mud", "sand", "ice", "snow")

var excludedHighways = set("motorway", "motorway_link", "construction", "proposed", "abandoned", "raceway",
	"bus_guideway", "via_ferrata")

var busyHighways = set("trunk", "trunk_link", "primary", "primary_link", "secondary", "secondary_link",
	"tertiary", "tertiary_link")

var streetHighways = set("trunk", "trunk_link", "primary", "primary_link", "secondary", "secondary_link",
	"tertiary", "tertiary_link", "unclassified", "residential", "living_street", "service", "road", "busway")

var pathHighways = set("footway", "pedestrian", "path", "track", "cycleway", "steps", "bridleway", "corridor",
	"platform")

var trailCandidates = set("path", "track", "footway", "bridleway")

var allowedFoot = set("yes", "designated", "permissive")

func set(v ...string) map[string]bool {
	m := make(map[string]bool, len(v))
	for _, s := range v {
		m[s] = true
	}
	return m
}

// wayAttrs is what the tag rules make of a way.
type wayAttrs struct {
	class   Class
	surface Surface
	flags   uint8
	name    string
}

// classifyWay applies the tag rules of routes.md §4. One-way tags are
// ignored on purpose: runners may go both ways.
func classifyWay(tags osm.Tags) wayAttrs {
	var a wayAttrs
	hw := tags.Find("highway")
	if hw == "" && (tags.Find("man_made") == "pier" || tags.Find("railway") == "platform" ||
		tags.Find("public_transport") == "platform") {
		hw = "footway" // walkable although not a highway (as GraphHopper's foot profile)
	}
	if hw == "" || excludedHighways[hw] {
		return a
	}
	street, path := streetHighways[hw], pathHighways[hw]
	if !street && !path {
		return a
	}
	foot := tags.Find("foot")
	if foot == "no" || foot == "use_sidepath" || tags.Find("motorroad") == "yes" {
		return a
	}
	if acc := tags.Find("access"); (acc == "no" || acc == "private") && !allowedFoot[foot] {
		return a
	}
	if foot == "private" {
		return a
	}
	sac := tags.Find("sac_scale")
	switch sac {
	case "demanding_alpine_hiking", "difficult_alpine_hiking":
		return a
	}

	surf := tags.Find("surface")
	switch {
	case pavedSurfaces[surf]:
		a.surface = SurfacePaved
	case unpavedSurfaces[surf]:
		a.surface = SurfaceUnpaved
	}
	tt := tags.Find("tracktype")
	gradeUnpaved := tt == "grade2" || tt == "grade3" || tt == "grade4" || tt == "grade5"
	if a.surface == SurfaceUnknown && gradeUnpaved {
		a.surface = SurfaceUnpaved
	}
	if a.surface == SurfaceUnknown && (street || tt == "grade1") && hw != "track" {
		a.surface = SurfacePaved
	}

	switch {
	case street:
		a.class = ClassRoad
	case trailCandidates[hw] && (a.surface == SurfaceUnpaved || gradeUnpaved || sac != ""):
		a.class = ClassTrail
	default:
		a.class = ClassPath
	}

	sidewalk := hasSidewalk(tags)
	if sidewalk || tags.Find("footway") == "sidewalk" {
		a.flags |= FlagSidewalk
	}
	busy := busyHighways[hw] || maxspeedOver(tags.Find("maxspeed"), 50)
	if street && busy {
		a.flags |= FlagBusy
	}
	switch {
	case street && busy && !sidewalk && foot != "designated" && foot != "yes":
		a.class = ClassAvoid
	case tags.Find("ford") == "yes", avoidSurfaces[surf]:
		a.class = ClassAvoid
	case hw == "service" && (tags.Find("service") == "driveway" || tags.Find("service") == "parking_aisle"):
		a.class = ClassAvoid
	}

	if b := tags.Find("bridge"); b != "" && b != "no" {
		a.flags |= FlagBridge
	}
	if t := tags.Find("tunnel"); t != "" && t != "no" {
		a.flags |= FlagTunnel
	}
	if hw == "steps" {
		a.flags |= FlagSteps
	}
	if tags.Find("area") == "yes" {
		a.flags |= FlagArea
	}
	if foot == "designated" {
		a.flags |= FlagDesignated
	}
	a.name = tags.Find("name")
	if a.name == "" {
		a.name = tags.Find("ref")
	}
	return a
}

// hasSidewalk reports a sidewalk on the carriageway itself; sidewalk=separate
// counts as none (the sidewalk is its own way).
func hasSidewalk(tags osm.Tags) bool {
	switch tags.Find("sidewalk") {
	case "yes", "both", "left", "right":
		return true
	}
	for _, k := range []string{"sidewalk:both", "sidewalk:left", "sidewalk:right"} {
		if tags.Find(k) == "yes" {
			return true
		}
	}
	return false
}

// maxspeedOver parses "50", "30 mph", "RU:urban" loosely.
func maxspeedOver(v string, limit float64) bool {
	if v == "" {
		return false
	}
	mph := strings.HasSuffix(v, "mph")
	v = strings.TrimSpace(strings.TrimSuffix(v, "mph"))
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return false
	}
	if mph {
		f *= 1.609344
	}
	return f > limit
}

// barrierBlocks reports whether a barrier node cuts the ways through it.
func barrierBlocks(tags osm.Tags) bool {
	switch tags.Find("barrier") {
	case "fence", "wall", "city_wall", "retaining_wall":
		f := tags.Find("foot")
		return !allowedFoot[f]
	}
	return false
}

// POIKind is a kind of point of interest kept at import.
type POIKind uint8

// POI kinds.
const (
	POICafe POIKind = iota + 1
	POIDrinkingWater
	POIToilets
	POIBakery    // shop=bakery
	POIPark      // leisure=park (a node, or the centre of an area)
	POIViewpoint // tourism=viewpoint
)

func poiKind(tags osm.Tags) POIKind {
	switch tags.Find("amenity") {
	case "cafe":
		return POICafe
	case "drinking_water":
		return POIDrinkingWater
	case "toilets":
		return POIToilets
	}
	switch {
	case tags.Find("shop") == "bakery":
		return POIBakery
	case tags.Find("tourism") == "viewpoint":
		return POIViewpoint
	case tags.Find("leisure") == "park":
		return POIPark
	}
	return 0
}
