package spark

import "math"

// Daniels & Gilbert (1979), as in docs/science.md §5. Speeds in m/min, times in minutes.

func vo2(vMperMin float64) float64 {
	return -4.60 + 0.182258*vMperMin + 0.000104*vMperMin*vMperMin
}

func sustainable(tMin float64) float64 {
	return 0.8 + 0.1894393*math.Exp(-0.012778*tMin) + 0.2989558*math.Exp(-0.1932605*tMin)
}

// vdot is the VDOT of running metres in seconds.
func vdot(metres, seconds float64) float64 {
	if metres <= 0 || seconds <= 0 {
		return 0
	}
	t := seconds / 60
	return vo2(metres/t) / sustainable(t)
}

// equivalentTime is the race time in seconds over metres for a VDOT (bisection).
func equivalentTime(v, metres float64) float64 {
	lo, hi := metres/1000*60*1.5, metres/1000*60*20 // 1:30 to 20:00 per km
	for range 60 {
		mid := (lo + hi) / 2
		if vdot(metres, mid) > v {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// speedAtFraction is the speed in m/s whose oxygen cost is frac of VDOT
// (T pace 0.88, I pace 0.975).
func speedAtFraction(v, frac float64) float64 {
	target := v * frac
	// Solve 0.000104 v² + 0.182258 v − 4.60 − target = 0 for v (m/min).
	a, b, c := 0.000104, 0.182258, -4.60-target
	vm := (-b + math.Sqrt(b*b-4*a*c)) / (2 * a)
	return vm / 60
}
