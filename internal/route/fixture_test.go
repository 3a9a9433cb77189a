package route

import (
	"math"
	"math/rand/v2"
	"time"
)

// The fixture generator: base loops on a street-like grid, then positive
// variants (noise, resampling, rotation, reversal, detour, dropout, two
// laps) and negatives (parallel street, half shared, same start with a
// different loop, out-and-back over half the loop).

const fxLat0, fxLon0 = 52.50, 13.40

type xy struct{ x, y float64 }

func toLatLon(p xy) (float64, float64) {
	lat := fxLat0 + p.y/111195.0
	lon := fxLon0 + p.x/(111195.0*math.Cos(fxLat0*math.Pi/180))
	return lat, lon
}

// rectLoop is a loop along streets: a rectangle with a jog on one side.
func rectLoop(ox, oy, w, h, jog float64) []xy {
	return []xy{{ox, oy}, {ox + w/2, oy}, {ox + w/2, oy - jog}, {ox + w, oy - jog}, {ox + w, oy + h},
		{ox, oy + h}, {ox, oy}}
}

// densify walks a polyline and emits points every step metres.
func densify(poly []xy, step float64) []xy {
	var out []xy
	for i := 1; i < len(poly); i++ {
		a, b := poly[i-1], poly[i]
		d := math.Hypot(b.x-a.x, b.y-a.y)
		n := max(1, int(d/step))
		for k := range n {
			f := float64(k) / float64(n)
			out = append(out, xy{a.x + f*(b.x-a.x), a.y + f*(b.y-a.y)})
		}
	}
	return append(out, poly[len(poly)-1])
}

func polyLen(p []xy) float64 {
	s := 0.0
	for i := 1; i < len(p); i++ {
		s += math.Hypot(p[i].x-p[i-1].x, p[i].y-p[i-1].y)
	}
	return s
}

// rotate starts a closed loop at fraction f of its points.
func rotate(p []xy, f float64) []xy {
	closed := p[:len(p)-1]
	k := int(f * float64(len(closed)))
	out := append(append([]xy{}, closed[k:]...), closed[:k]...)
	return append(out, out[0])
}

func reverse(p []xy) []xy {
	out := make([]xy, len(p))
	for i := range p {
		out[len(p)-1-i] = p[i]
	}
	return out
}

// detour inserts an out-and-back spur of the given length (metres) sideways
// at fraction f of the loop.
func detour(p []xy, f, length float64) []xy {
	k := int(f * float64(len(p)-1))
	a := p[k]
	spur := densify([]xy{a, {a.x + length/2*0.6, a.y + length/2*0.8}}, 3)
	out := append([]xy{}, p[:k+1]...)
	out = append(out, spur...)
	out = append(out, reverse(spur)...)
	return append(out, p[k+1:]...)
}

// dropout removes a stretch of about length metres (a GPS gap).
func dropout(p []xy, f, length, step float64) []xy {
	k := int(f * float64(len(p)))
	n := int(length / step)
	if k+n >= len(p) {
		return p
	}
	return append(append([]xy{}, p[:k]...), p[k+n:]...)
}

// sampleRun turns a dense (1 m) path into a run: sampled at spacing metres,
// with Gaussian noise of sigma metres, and times at 3 m/s.
func sampleRun(rng *rand.Rand, dense []xy, spacing, sigma float64) (lat, lon []float64, tms []int64) {
	pts := densify(dense, spacing)
	t0 := int64(1_700_000_000_000)
	acc := 0.0
	for i, p := range pts {
		if i > 0 {
			acc += math.Hypot(p.x-pts[i-1].x, p.y-pts[i-1].y)
		}
		q := xy{p.x + rng.NormFloat64()*sigma, p.y + rng.NormFloat64()*sigma}
		la, lo := toLatLon(q)
		lat = append(lat, la)
		lon = append(lon, lo)
		tms = append(tms, t0+int64(acc/3*1000))
	}
	return
}

type fxCase struct {
	name     string
	positive bool
	path     []xy
	sigma    float64
	spacing  float64
}

// fixtures makes, for one base loop, the positive and negative variants.
func fixtures(rng *rand.Rand, base []xy, sigmas []float64) []fxCase {
	var out []fxCase
	spacing := func() float64 {
		if rng.IntN(2) == 0 {
			return 3 // 1 s at 3 m/s
		}
		return 9 + rng.Float64()*12 // 3–7 s
	}
	L := polyLen(base)
	for _, s := range sigmas {
		out = append(out,
			fxCase{"noisy", true, base, s, spacing()},
			fxCase{"rotated", true, rotate(densify(base, 5), rng.Float64()*0.5), s, spacing()},
			fxCase{"reversed", true, reverse(densify(base, 5)), s, spacing()},
			fxCase{"reversed-rotated", true, reverse(rotate(densify(base, 5), rng.Float64())), s, spacing()},
			fxCase{"detour", true, detour(densify(base, 5), 0.2+0.6*rng.Float64(), 500+rng.Float64()*1500), s, spacing()},
			fxCase{"dropout", true, dropout(densify(base, 5), rng.Float64()*0.8, 200, 5), s, spacing()},
			fxCase{"two-laps", true, append(densify(base, 5), densify(base, 5)[1:]...), s, spacing()},
		)
	}
	o := base[0]
	w, h := base[4].x-o.x, base[4].y-o.y
	shift := 60 + rng.Float64()*40
	for _, s := range sigmas {
		out = append(out,
			fxCase{"parallel-street", false, rectLoop(o.x+shift, o.y+shift, w, h, 0), s, spacing()},
			// Shares the first half (bottom and right side), then goes on a
			// different, as long, way back.
			fxCase{"half-shared", false, append(densify(base[:5], 5), densify([]xy{base[4], {o.x + w + h*0.6, o.y + h*1.4}, {o.x + w*0.2, o.y + h*2.0}, {o.x - w, o.y + h}, o}, 5)...), s, spacing()},
			fxCase{"same-start-other-loop", false, rectLoop(o.x, o.y, -w, -h, 0), s, spacing()},
			fxCase{"out-and-back-half", false, func() []xy {
				d := densify(base, 5)
				half := d[:len(d)/2]
				return append(append([]xy{}, half...), reverse(half)...)
			}(), s, spacing()},
		)
	}
	_ = L
	return out
}

// makeBase returns the n-th base loop, spread over a city so that loops
// mostly do not overlap, 6–12 km long.
func makeBase(rng *rand.Rand, n int) []xy {
	ox := float64(n%8)*4000 + rng.Float64()*500
	oy := float64(n/8)*4000 + rng.Float64()*500
	w := 1500 + rng.Float64()*1500
	h := 1200 + rng.Float64()*1500
	return rectLoop(ox, oy, w, h, 200+rng.Float64()*300)
}

func fpOf(rng *rand.Rand, c fxCase) *Fingerprint {
	lat, lon, tms := sampleRun(rng, c.path, c.spacing, c.sigma)
	fp := NewFingerprint(lat, lon, tms, 0)
	return &fp
}

func day(i int) time.Time {
	return time.Date(2025, 1, 1, 7, 0, 0, 0, time.UTC).Add(time.Duration(i) * 24 * time.Hour)
}
