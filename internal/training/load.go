package training

import (
	"math"

	"rekindle"
)

// TRIMPConstants are the a and b of Banister's exponential TRIMP,
// TRIMP = Σ Δt_min · x · a·e^(b·x) with x the heart-rate-reserve fraction.
type TRIMPConstants struct {
	A, B float64
}

// Banister TRIMP constants (Morton, Fitz-Clarke & Banister 1990).
//
// Peers disagree on the female constant (science.md §12.1): GoldenCheetah
// keeps a = 0.64 for women, Runalyze normalises it to 0.821776. rekindle uses
// the published 0.86. For an unknown sex it uses the midpoint of the two
// published sets, so the number sits between what either sex would get.
var (
	TRIMPMale    = TRIMPConstants{A: 0.64, B: 1.92}
	TRIMPFemale  = TRIMPConstants{A: 0.86, B: 1.67}
	TRIMPUnknown = TRIMPConstants{A: (0.64 + 0.86) / 2, B: (1.92 + 1.67) / 2}
)

// TRIMPConstantsFor returns the constants for a sex.
func TRIMPConstantsFor(s rekindle.Sex) TRIMPConstants {
	switch s {
	case rekindle.SexMale:
		return TRIMPMale
	case rekindle.SexFemale:
		return TRIMPFemale
	}
	return TRIMPUnknown
}

// HRReserveFraction is x = (hr − rest)/(max − rest), clamped to [0, 1].
// It returns 0 when max ≤ rest.
func HRReserveFraction(hr, rest, max float64) float64 {
	if max <= rest || math.IsNaN(hr) {
		return 0
	}
	x := (hr - rest) / (max - rest)
	return math.Min(1, math.Max(0, x))
}

// TRIMP is Banister's TRIMP for minutes spent at heart-rate-reserve fraction x
// (clamped to [0, 1]).
func TRIMP(minutes, x float64, c TRIMPConstants) float64 {
	x = math.Min(1, math.Max(0, x))
	return minutes * x * c.A * math.Exp(c.B*x)
}

// trimpTable holds the TRIMP per minute at every whole bpm, so that a
// histogram sums with one multiply-add per bin.
type trimpTable []float64

func newTRIMPTable(rest, max float64, c TRIMPConstants) trimpTable {
	t := make(trimpTable, 256)
	for b := 1; b < len(t); b++ { // bin 0 is a sensor dropout: never counted
		t[b] = TRIMP(1, HRReserveFraction(float64(b), rest, max), c)
	}
	return t
}

// sum returns the TRIMP of a histogram (seconds per bpm) and the seconds it covers.
func (t trimpTable) sum(hrSeconds []float32) (trimp, seconds float64) {
	for b, s := range hrSeconds {
		if b == 0 || !plausible(float64(s), maxSessionS) {
			continue
		}
		seconds += float64(s)
		if b < len(t) {
			trimp += float64(s) / 60 * t[b]
		} else {
			trimp += float64(s) / 60 * t[len(t)-1]
		}
	}
	return trimp, seconds
}

// TRIMPFromHistogram sums Banister TRIMP over a histogram of seconds per bpm
// (rekindle.Summary.HRSeconds): the per-sample sum, which unlike GoldenCheetah's
// average-HR form does not under-count intervals (science.md §12.2).
// The 0 bpm bin (dropouts) is ignored.
func TRIMPFromHistogram(hrSeconds []float32, rest, max float64, c TRIMPConstants) float64 {
	trimp, _ := newTRIMPTable(rest, max, c).sum(hrSeconds)
	return trimp
}

// EdwardsWeights are Edwards' zone weights for 50–60 … 90–100 % of HRmax.
var EdwardsWeights = [5]float64{1, 2, 3, 4, 5}

// EdwardsTRIMP is Σ minutes_in_zone × weight (Edwards 1993). Edwards' weights
// are arbitrary and jump at zone boundaries; rekindle reports it for
// comparison only and does not use it for load.
func EdwardsTRIMP(minutesPerZone, weights [5]float64) float64 {
	var s float64
	for i := range minutesPerZone {
		s += minutesPerZone[i] * weights[i]
	}
	return s
}

// EdwardsZoneMinutes bins a heart-rate histogram into Edwards' five zones of
// %HRmax (50–60, 60–70, 70–80, 80–90, 90–100+); time below 50 % is not counted.
func EdwardsZoneMinutes(hrSeconds []float32, max float64) [5]float64 {
	var z [5]float64
	if max <= 0 {
		return z
	}
	for b, s := range hrSeconds {
		if b == 0 || s <= 0 || s != s {
			continue
		}
		p := float64(b) / max
		if p < 0.5 {
			continue
		}
		i := min(int((p-0.5)*10), 4)
		z[i] += float64(s) / 60
	}
	return z
}

// LuciaTRIMP is minutes below VT1 × 1 + between VT1 and VT2 × 2 + above VT2 × 3
// (Lucia et al. 2003; the 1/2/3 multipliers are the commonly reproduced ones).
func LuciaTRIMP(minutes [3]float64) float64 {
	return minutes[0] + 2*minutes[1] + 3*minutes[2]
}

// MaxIntensityFactor caps rTSS's intensity factor (GPS spikes).
const MaxIntensityFactor = 1.5

// RTSS is pace-based running TSS (TrainingPeaks): IF = normalised speed /
// threshold speed (a ratio of speeds, capped at MaxIntensityFactor) and
// rTSS = hours × IF² × 100, so an hour at threshold is 100. It returns 0 when
// either speed is unknown.
func RTSS(seconds, normalizedSpeedMS, thresholdSpeedMS float64) float64 {
	if seconds <= 0 || normalizedSpeedMS <= 0 || thresholdSpeedMS <= 0 {
		return 0
	}
	f := math.Min(normalizedSpeedMS/thresholdSpeedMS, MaxIntensityFactor)
	return seconds / 3600 * f * f * 100
}

// SessionRPE is Foster's session-RPE load, RPE (CR-10, clamped to 0..10) ×
// minutes, in arbitrary units.
func SessionRPE(rpe, minutes float64) float64 {
	return math.Min(10, math.Max(0, rpe)) * minutes
}

// TanakaMaxHR is Tanaka, Monahan & Seals (2001): 208 − 0.7·age.
func TanakaMaxHR(age float64) float64 { return 208 - 0.7*age }
