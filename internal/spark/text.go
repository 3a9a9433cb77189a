package spark

import (
	"fmt"
	"math"
	"rekindle/internal/training"
	"rekindle/internal/units"
	"strconv"
	"time"

	"rekindle"
)

// dist formats metres in the runner's unit: "8.0 km", "5.0 mi".
func (h *history) dist(m float64) string { return units.Show(m, h.unit) }

// one formats a number with one decimal, halves rounded up (3.25 → "3.3"),
// as a person checking by hand would round.
func one(x float64) string { return strconv.FormatFloat(math.Round(x*10)/10, 'f', 1, 64) }

// thousands formats 3409 as "3,409".
func thousands(n int) string { return units.Thousands(int64(n)) }

// step is the challenge increment: 1 mile or 1.5 km.
func (h *history) step() float64 {
	if h.unit == rekindle.UnitMi {
		return units.MetresPerMile
	}
	return 1500
}

// thresholdSpeed is the runner's threshold pace as a speed: their own
// when they set one (the value Settings and the Training page show), else
// the one of their VDOT.
func (h *history) thresholdSpeed(vdot float64) float64 {
	if tr := h.in.Training; tr != nil && tr.ThresholdSpeedMS > 0 {
		return tr.ThresholdSpeedMS
	}
	return training.SpeedAtVO2Fraction(vdot, training.ThresholdFraction)
}

// warmUpM is a warm-up or cool-down in the runner's unit: 2 km, or 1 mile
// (a miles runner is never told "2 km warm-up" beside a pace per mile).
func (h *history) warmUpM() float64 {
	if h.unit == rekindle.UnitMi {
		return units.MetresPerMile
	}
	return 2000
}

// warmUp says warmUpM: "2 km" or "1 mi".
func (h *history) warmUp() string {
	if h.unit == rekindle.UnitMi {
		return "1 mi"
	}
	return "2 km"
}

// roundDist rounds metres to a tenth of the runner's unit.
func (h *history) roundDist(m float64) float64 {
	u := 1000.0
	if h.unit == rekindle.UnitMi {
		u = units.MetresPerMile
	}
	return math.Round(m/u*10) / 10 * u
}

// pace formats a speed as a pace in the runner's unit: "4:40/km".
func (h *history) pace(ms float64) string {
	if ms <= 0 {
		return "?"
	}
	s := int(math.Round(units.Metres(h.unit) / ms))
	return fmt.Sprintf("%d:%02d%s", s/60, s%60, units.PerName(h.unit))
}

// day writes a day of the coming or recent weeks as the athlete reads
// dates, "Mon 10 Mar" in en-GB: the plan page writes its days with the same
// formatter (locale), so a card's action and the plan say one date.
func (h *history) day(t time.Time) string { return h.lc.DayShort(t) }

// pct formats a share as a percentage.
func pct(x float64) string { return fmt.Sprintf("%.0f%%", x*100) }

// signed formats a whole number with its sign, "0" for what rounds to zero.
func signed(v float64) string {
	r := math.Round(v)
	if r == 0 {
		return "0"
	}
	return fmt.Sprintf("%+.0f", r)
}
