// Package geo is distances and bearings on the Earth for every package that
// needs them: one sphere, one haversine. The radius is the IUGG mean radius
// R₁ = 6,371,008.8 m; the difference from GoldenCheetah's 6,371 km sphere
// (science.md §11) is 0.14 ppm, far below GPS error.
package geo

import "math"

// EarthRadiusM is the mean Earth radius (IUGG R₁) in metres.
const EarthRadiusM = 6_371_008.8

// Rad converts degrees to radians.
const Rad = math.Pi / 180

// MetresPerDegree is the length of one degree of latitude on the sphere.
const MetresPerDegree = EarthRadiusM * Rad

// Distance is the great-circle (haversine) distance in metres between two
// positions given in degrees.
func Distance(lat1, lon1, lat2, lon2 float64) float64 {
	dlat := (lat2 - lat1) * Rad
	dlon := (lon2 - lon1) * Rad
	s1, s2 := math.Sin(dlat/2), math.Sin(dlon/2)
	h := s1*s1 + math.Cos(lat1*Rad)*math.Cos(lat2*Rad)*s2*s2
	return 2 * EarthRadiusM * math.Asin(math.Sqrt(min(1, h)))
}

// FastDistance is the equirectangular distance in metres: within a small
// fraction of a percent of Distance over the few kilometres it is meant for,
// and much cheaper.
func FastDistance(lat1, lon1, lat2, lon2 float64) float64 {
	x := (lon2 - lon1) * Rad * math.Cos((lat1+lat2)*0.5*Rad)
	y := (lat2 - lat1) * Rad
	return EarthRadiusM * math.Sqrt(x*x+y*y)
}

// Bearing is the initial bearing from one position to another, in degrees
// clockwise from north, in [0, 360).
func Bearing(lat1, lon1, lat2, lon2 float64) float64 {
	y := math.Sin((lon2-lon1)*Rad) * math.Cos(lat2*Rad)
	x := math.Cos(lat1*Rad)*math.Sin(lat2*Rad) - math.Sin(lat1*Rad)*math.Cos(lat2*Rad)*math.Cos((lon2-lon1)*Rad)
	return math.Mod(math.Atan2(y, x)/Rad+360, 360)
}

// Offset moves a position by distM metres along a bearing in degrees, on the
// local flat approximation (for the short distances of a run).
func Offset(lat, lon, bearingDeg, distM float64) (float64, float64) {
	b := bearingDeg * Rad
	dLat := distM * math.Cos(b) / EarthRadiusM / Rad
	dLon := distM * math.Sin(b) / (EarthRadiusM * math.Cos(lat*Rad)) / Rad
	return lat + dLat, lon + dLon
}

// Cumulative fills dst[i] with the path length in metres from the first
// position to position i, skipping positions with a NaN coordinate (they
// keep the length so far). dst, lat and lon have the same length.
func Cumulative(dst, lat, lon []float64) {
	pl, po := math.NaN(), math.NaN()
	for i := range dst {
		if i > 0 {
			dst[i] = dst[i-1]
		} else {
			dst[i] = 0
		}
		la, lo := lat[i], lon[i]
		if math.IsNaN(la) || math.IsNaN(lo) {
			continue
		}
		if !math.IsNaN(pl) {
			dst[i] += Distance(pl, po, la, lo)
		}
		pl, po = la, lo
	}
}

// Resample walks the polyline and emits a point every step metres.
func Resample(lat, lon []float64, step float64, emit func(la, lo float64)) float64 {
	if len(lat) == 0 {
		return 0
	}
	emit(lat[0], lon[0])
	total, carry := 0.0, 0.0
	for i := 1; i < len(lat); i++ {
		d := FastDistance(lat[i-1], lon[i-1], lat[i], lon[i])
		if d == 0 {
			continue
		}
		total += d
		pos := step - carry
		for pos <= d {
			f := pos / d
			emit(lat[i-1]+f*(lat[i]-lat[i-1]), lon[i-1]+f*(lon[i]-lon[i-1]))
			pos += step
		}
		carry = d - (pos - step)
	}
	emit(lat[len(lat)-1], lon[len(lon)-1])
	return total
}
