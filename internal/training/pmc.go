package training

import "math"

// Smoothing selects the daily recursion X_d = X_{d−1} + k·(L_d − X_{d−1})
// used for fitness and fatigue (science.md §2).
type Smoothing string

// The three variants in use. rekindle uses SmoothingExp: it is the exact
// discretisation of Banister's exponential decay and what GoldenCheetah uses;
// 1/T (TrainingPeaks) is close to it, while 2/(N+1) (Runalyze) shows a
// fitness about 37 % higher on the same history.
const (
	SmoothingExp      Smoothing = "exp"        // k = 1 − e^(−1/T)
	SmoothingOneOverT Smoothing = "one_over_t" // k = 1/T
	SmoothingEWMA     Smoothing = "ewma"       // k = 2/(T+1)
)

// Time constants of the fitness (chronic) and fatigue (acute) series, days.
const (
	FitnessDays = 42
	FatigueDays = 7
)

// K returns the smoothing factor for a time constant of days.
func (s Smoothing) K(days float64) float64 {
	switch s {
	case SmoothingOneOverT:
		return 1 / days
	case SmoothingEWMA:
		return 2 / (days + 1)
	}
	return 1 - math.Exp(-1/days)
}

// Smooth runs the recursion over daily loads from a seed and returns the
// value after each day.
func Smooth(loads []float64, days float64, seed float64, s Smoothing) []float64 {
	k := s.K(days)
	out := make([]float64, len(loads))
	x := seed
	for i, l := range loads {
		x += k * (l - x)
		out[i] = x
	}
	return out
}

// DaysUntilFresh is how many days of rest bring form (fitness − fatigue) back
// to zero or above, given today's fitness and fatigue; 0 when already fresh.
// It generalises Runalyze's restDays to any smoothing variant.
func DaysUntilFresh(fitness, fatigue float64, s Smoothing) float64 {
	if fatigue <= 0 || fitness >= fatigue {
		return 0
	}
	ka, kc := s.K(FatigueDays), s.K(FitnessDays)
	return math.Log(math.Max(1, fitness)/fatigue) / math.Log((1-ka)/(1-kc))
}

// ACWRCoupled is mean(last 7 days) / mean(last 28 days), the acute week
// inside the chronic window. daily must hold at least 28 values, the last
// one being today; ok is false when the chronic mean is 0.
func ACWRCoupled(daily []float64) (ratio float64, ok bool) {
	if len(daily) < 28 {
		return 0, false
	}
	a := mean(daily[len(daily)-7:])
	c := mean(daily[len(daily)-28:])
	if c <= 0 {
		return 0, false
	}
	return a / c, true
}

// ACWRUncoupled is mean(last 7 days) / mean(the 21 days before them): this
// week against the three weeks before it. rekindle words it as "this week vs
// usual", never as an injury risk (science.md §3).
func ACWRUncoupled(daily []float64) (ratio float64, ok bool) {
	if len(daily) < 28 {
		return 0, false
	}
	n := len(daily)
	a := mean(daily[n-7:])
	c := mean(daily[n-28 : n-7])
	if c <= 0 {
		return 0, false
	}
	return a / c, true
}

// ACWREWMA is Williams et al.'s EWMA ratio (λ = 2/(N+1), N = 7 and 28),
// both seeded with the first day's load. It returns acute, chronic and ratio.
func ACWREWMA(daily []float64) (acute, chronic, ratio float64, ok bool) {
	if len(daily) == 0 {
		return 0, 0, 0, false
	}
	acute, chronic = daily[0], daily[0]
	la, lc := SmoothingEWMA.K(7), SmoothingEWMA.K(28)
	for _, l := range daily[1:] {
		acute += la * (l - acute)
		chronic += lc * (l - chronic)
	}
	if chronic <= 0 {
		return acute, chronic, 0, false
	}
	return acute, chronic, acute / chronic, true
}

// MonotonyCap is the monotony reported when every day had the same non-zero
// load (SD = 0): Runalyze's cap, also applied to any larger value.
const MonotonyCap = 10

// Monotony is Foster's training monotony of a run of days (7 for a week; rest
// days count as 0): mean / SD, with the population SD (÷n, as Runalyze; Foster
// did not say which). Strain is the total load × monotony. When every day is
// identical and non-zero the SD is 0: monotony is MonotonyCap and capped is
// true. When there was no load at all, ok is false (undefined, "no training").
func Monotony(daily []float64) (monotony, strain float64, capped, ok bool) {
	if len(daily) == 0 {
		return 0, 0, false, false
	}
	m := mean(daily)
	if m <= 0 {
		return 0, 0, false, false
	}
	var v float64
	for _, x := range daily {
		v += (x - m) * (x - m)
	}
	sd := math.Sqrt(v / float64(len(daily)))
	monotony = MonotonyCap
	if sd > 1e-9*m {
		monotony = m / sd
	}
	if monotony >= MonotonyCap {
		monotony, capped = MonotonyCap, true
	}
	return monotony, m * float64(len(daily)) * monotony, capped, true
}

func mean(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	var s float64
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}
