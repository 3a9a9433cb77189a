package streets

import (
	"cmp"
	"rekindle/internal/geo"
	"slices"
	"strconv"
	"strings"
)

var poiKindNames = map[POIKind]string{
	POICafe: "cafe", POIDrinkingWater: "drinking_water", POIToilets: "toilets",
	POIBakery: "bakery", POIPark: "park", POIViewpoint: "viewpoint",
}

func (k POIKind) String() string {
	if s, ok := poiKindNames[k]; ok {
		return s
	}
	return "poi(" + strconv.Itoa(int(k)) + ")"
}

// ParsePOIKind reads a kind of place as a runner writes it ("cafe", "café",
// "coffee", "bakery", "park", "viewpoint", "water", "toilets").
func ParsePOIKind(s string) (POIKind, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "cafe", "café", "coffee", "cafes", "cafés":
		return POICafe, true
	case "bakery", "bakeries", "boulangerie", "bäckerei":
		return POIBakery, true
	case "park", "parks":
		return POIPark, true
	case "viewpoint", "view", "viewpoints":
		return POIViewpoint, true
	case "water", "drinking_water", "fountain":
		return POIDrinkingWater, true
	case "toilets", "toilet", "wc":
		return POIToilets, true
	}
	return 0, false
}

// Place is a destination a suggestion runs to.
type Place struct {
	Kind string  `json:"kind"` // a POI kind, or "street"
	Name string  `json:"name,omitempty"`
	Lat  float64 `json:"lat"`
	Lon  float64 `json:"lon"`
	Node int32   `json:"-"`
}

// FindPlaces resolves "cafe" (a kind) or a name to the graph's places,
// nearest to (lat, lon) first. A name matches POI names (case-insensitive,
// whole name first, then a substring) and, when no POI matches, streets of
// that name (their vertex nearest to the position).
func (g *Graph) FindPlaces(to string, lat, lon float64) []Place {
	var out []Place
	if k, ok := ParsePOIKind(to); ok {
		for _, p := range g.pois {
			if p.Kind == k && p.Node >= 0 {
				out = append(out, Place{Kind: k.String(), Name: p.Name, Lat: p.Lat, Lon: p.Lon, Node: p.Node})
			}
		}
	} else if want := strings.ToLower(strings.TrimSpace(to)); want != "" {
		var exact, partial []Place
		for _, p := range g.pois {
			name := strings.ToLower(p.Name)
			if p.Node < 0 || name == "" {
				continue
			}
			pl := Place{Kind: p.Kind.String(), Name: p.Name, Lat: p.Lat, Lon: p.Lon, Node: p.Node}
			switch {
			case name == want:
				exact = append(exact, pl)
			case strings.Contains(name, want):
				partial = append(partial, pl)
			}
		}
		out = exact
		if len(out) == 0 {
			out = partial
		}
		if len(out) == 0 {
			out = g.streetPlaces(want, lat, lon)
		}
	}
	slices.SortStableFunc(out, func(a, b Place) int {
		return cmp.Compare(geo.FastDistance(lat, lon, a.Lat, a.Lon), geo.FastDistance(lat, lon, b.Lat, b.Lon))
	})
	return out
}

// streetPlaces finds the vertex nearest to (lat, lon) of every street whose
// name matches (exact names first).
func (g *Graph) streetPlaces(want string, lat, lon float64) []Place {
	ids := map[int32]bool{}
	for i, n := range g.names {
		if i > 0 && strings.ToLower(n) == want {
			ids[int32(i)] = true
		}
	}
	if len(ids) == 0 {
		for i, n := range g.names {
			if i > 0 && strings.Contains(strings.ToLower(n), want) {
				ids[int32(i)] = true
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	best := map[int32]int32{}
	bestD := map[int32]float64{}
	for e := range int32(len(g.eu)) {
		id := g.ename[e]
		if !ids[id] {
			continue
		}
		for _, n := range [2]int32{g.eu[e], g.ev[e]} {
			d := geo.FastDistance(lat, lon, g.lat[n], g.lon[n])
			if old, ok := bestD[id]; !ok || d < old {
				bestD[id], best[id] = d, n
			}
		}
	}
	var out []Place
	for id, n := range best {
		out = append(out, Place{Kind: "street", Name: g.names[id], Lat: g.lat[n], Lon: g.lon[n], Node: n})
	}
	slices.SortFunc(out, func(a, b Place) int { return cmp.Compare(a.Name, b.Name) })
	return out
}
