// Package privacy keeps a runner's private places out of what they share:
// privacy zones (a point and a radius, "home", "work") and the masking of
// tracks shown or sent to anyone else. It is pure: values in, values out.
package privacy

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"rekindle"
	"rekindle/internal/geo"
)

// Radius limits of a zone, metres.
const (
	MinRadiusM = 200
	MaxRadiusM = 1000
)

// Zone is a circle whose track points are cut from shared views and files.
type Zone struct {
	ID      int64   `json:"id"`
	Name    string  `json:"name"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	RadiusM float64 `json:"radius_m"`
}

// Validate checks a zone: a name of at most 60 characters, a position on
// Earth and a radius of 200 m to 1 km. Errors are rekindle.CodeInvalid.
func (z *Zone) Validate() error {
	z.Name = strings.TrimSpace(z.Name)
	bad := func(msg string) error {
		return &rekindle.Error{Code: rekindle.CodeInvalid, Message: "privacy zone: " + msg}
	}
	switch {
	case z.Name == "":
		return bad("give it a name (home, work)")
	case utf8.RuneCountInString(z.Name) > 60:
		return bad("the name is longer than 60 characters")
	case math.IsNaN(z.Lat) || math.IsNaN(z.Lon) || z.Lat < -90 || z.Lat > 90 || z.Lon < -180 || z.Lon > 180:
		return bad(fmt.Sprintf("%v,%v is not a latitude,longitude", z.Lat, z.Lon))
	case math.IsNaN(z.RadiusM) || z.RadiusM < MinRadiusM || z.RadiusM > MaxRadiusM:
		return bad(fmt.Sprintf("the radius must be %d–%d m, not %v", MinRadiusM, MaxRadiusM, z.RadiusM))
	}
	return nil
}

// Contains reports whether a position lies inside the zone (its edge
// included). A NaN position is in no zone.
func (z Zone) Contains(lat, lon float64) bool {
	if math.IsNaN(lat) || math.IsNaN(lon) {
		return false
	}
	return geo.Distance(z.Lat, z.Lon, lat, lon) <= z.RadiusM
}

// Inside reports whether a position lies inside any of the zones.
func Inside(zones []Zone, lat, lon float64) bool {
	for _, z := range zones {
		if z.Contains(lat, lon) {
			return true
		}
	}
	return false
}

// Mask returns a copy of the track with every sample inside a zone cut:
// the sample is removed from all channels (time, heart rate and the rest
// with it, so no channel pins down where the runner was), and the track
// breaks where a cut was made. With no zones, or a track without
// positions, it returns a copy unchanged. The input is never modified.
// Lap sample indices refer to the unmasked track; use KeptIndex to map.
func Mask(t *rekindle.Track, zones []Zone) rekindle.Track {
	keep := Kept(t, zones)
	if keep == nil {
		return copyTrack(t)
	}
	var out rekindle.Track
	n := t.Len()
	idx := make([]int, 0, n)
	for i := range n {
		if keep[i] {
			idx = append(idx, i)
		}
	}
	out.Time = pick(t.Time, idx)
	out.Lat = pick(t.Lat, idx)
	out.Lon = pick(t.Lon, idx)
	out.Dist = pick(t.Dist, idx)
	out.Ele = pick(t.Ele, idx)
	out.HR = pick(t.HR, idx)
	out.Cadence = pick(t.Cadence, idx)
	out.Power = pick(t.Power, idx)
	out.Speed = pick(t.Speed, idx)
	out.Temp = pick(t.Temp, idx)
	brk := map[int]bool{}
	for _, b := range t.Breaks {
		brk[b] = true
	}
	for j := 1; j < len(idx); j++ {
		// A break before kept sample j when samples were cut between it and
		// the previous kept one, or the original had a break in that span.
		cut := idx[j] != idx[j-1]+1
		had := false
		for k := idx[j-1] + 1; k <= idx[j] && !had; k++ {
			had = brk[k]
		}
		if cut || had {
			out.Breaks = append(out.Breaks, j)
		}
	}
	return out
}

// Kept returns, for each sample of t, whether it lies outside every zone
// (NaN positions are kept: they place nothing). It returns nil when
// nothing is cut.
func Kept(t *rekindle.Track, zones []Zone) []bool {
	if len(zones) == 0 || !t.HasPosition() {
		return nil
	}
	n := min(t.Len(), len(t.Lat))
	keep := make([]bool, t.Len())
	cut := false
	for i := range keep {
		keep[i] = true
		if i < n && Inside(zones, t.Lat[i], t.Lon[i]) {
			keep[i] = false
			cut = true
		}
	}
	if !cut {
		return nil
	}
	return keep
}

// Leaks returns the positions of t inside any zone (for tests and checks).
func Leaks(zones []Zone, lat, lon []float64) int {
	n := 0
	for i := range min(len(lat), len(lon)) {
		if Inside(zones, lat[i], lon[i]) {
			n++
		}
	}
	return n
}

func copyTrack(t *rekindle.Track) rekindle.Track {
	c := rekindle.Track{
		Time: clone(t.Time), Lat: clone(t.Lat), Lon: clone(t.Lon), Ele: clone(t.Ele), Dist: clone(t.Dist),
		HR: clone(t.HR), Cadence: clone(t.Cadence), Power: clone(t.Power), Speed: clone(t.Speed), Temp: clone(t.Temp),
		Breaks: clone(t.Breaks),
	}
	return c
}

func clone[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}

func pick[T any](s []T, idx []int) []T {
	if s == nil {
		return nil
	}
	out := make([]T, 0, len(idx))
	for _, i := range idx {
		if i < len(s) {
			out = append(out, s[i])
		}
	}
	return out
}
