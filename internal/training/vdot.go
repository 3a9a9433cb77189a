package training

import "math"

// Daniels & Gilbert (Oxygen Power, 1979). rekindle uses the original constant
// 0.182258 (as GoldenCheetah), not Runalyze's 0.182253 (science.md §12.4).
const (
	vo2A = -4.60
	vo2B = 0.182258
	vo2C = 0.000104
)

// Valid VDOT range (Runalyze): values outside it are rejected.
const (
	MinVDOT = 15
	MaxVDOT = 90
)

// oxygenCost is the VO2 (ml/kg/min) of running at v metres per minute.
func oxygenCost(v float64) float64 { return vo2A + vo2B*v + vo2C*v*v }

// fractionVO2max is the fraction of VO2max sustainable for t minutes.
func fractionVO2max(t float64) float64 {
	return 0.8 + 0.1894393*math.Exp(-0.012778*t) + 0.2989558*math.Exp(-0.1932605*t)
}

// VDOT is Daniels' VDOT of running distanceM metres in seconds. It returns 0
// for a non-positive distance or time.
func VDOT(distanceM, seconds float64) float64 {
	if distanceM <= 0 || seconds <= 0 {
		return 0
	}
	t := seconds / 60
	return oxygenCost(distanceM/t) / fractionVO2max(t)
}

// EquivalentTime is the time in seconds in which a runner of the given VDOT
// would race distanceM (bisection on VDOT(d, t) = vdot, which decreases in t).
func EquivalentTime(vdot, distanceM float64) float64 {
	if vdot <= 0 || distanceM <= 0 {
		return 0
	}
	lo, hi := 1.0, 48*3600.0
	for range 100 {
		mid := (lo + hi) / 2
		if VDOT(distanceM, mid) > vdot {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// SpeedAtVO2Fraction is the running speed in m/s whose oxygen cost is the
// fraction f of VDOT.
func SpeedAtVO2Fraction(vdot, f float64) float64 {
	target := f * vdot
	// vo2C·v² + vo2B·v + (vo2A − target) = 0
	d := vo2B*vo2B - 4*vo2C*(vo2A-target)
	if d < 0 || vdot <= 0 {
		return 0
	}
	vMin := (-vo2B + math.Sqrt(d)) / (2 * vo2C)
	return vMin / 60
}

// Riegel predicts the time for d2 from a time t1 at d1: t1·(d2/d1)^exponent.
// Riegel's exponent is 1.06; recreational runners are often slower than that
// at the marathon (Vickers & Vertosick 2016).
func Riegel(t1, d1, d2, exponent float64) float64 {
	if t1 <= 0 || d1 <= 0 || d2 <= 0 {
		return 0
	}
	return t1 * math.Pow(d2/d1, exponent)
}

// RiegelExponent is the exponent rekindle uses.
const RiegelExponent = 1.06

// Paces are Daniels training paces in seconds per kilometre.
//
// They are computed, never copied from tables (science.md §5 warns that peer
// tables are wrong): E at 70 % of VDOT (the middle of Daniels' 59–74 % easy
// range), M the pace of the equivalent marathon, T at 88 %, I at 97.5 %
// (these three reproduce the official calculator to the second), and R as I
// minus 6 s per 400 m (15 s/km), Daniels' rule of thumb [U].
type Paces struct {
	E float64 `json:"easy_s_per_km"`
	M float64 `json:"marathon_s_per_km"`
	T float64 `json:"threshold_s_per_km"`
	I float64 `json:"interval_s_per_km"`
	R float64 `json:"repetition_s_per_km"`
	// TSource is where T comes from: SourceAthlete when the runner set a
	// threshold pace (the same value Settings shows and the load uses),
	// else "" (VDOT, like the others).
	TSource Source `json:"threshold_source,omitempty"`
}

// Percentages of VDOT for the paces.
const (
	EasyFraction      = 0.70
	ThresholdFraction = 0.88
	IntervalFraction  = 0.975
)

// TrainingPaces computes the paces for a VDOT.
func TrainingPaces(vdot float64) Paces {
	if vdot <= 0 {
		return Paces{}
	}
	pace := func(f float64) float64 { return 1000 / SpeedAtVO2Fraction(vdot, f) }
	p := Paces{
		E: pace(EasyFraction),
		M: EquivalentTime(vdot, 42195) / 42.195,
		T: pace(ThresholdFraction),
		I: pace(IntervalFraction),
	}
	p.R = p.I - 15
	return p
}
