package training

// Progression flags bigger jumps than the runner's recent pattern
// (science.md §7). They are descriptive: no progression rule has been shown
// to prevent injury (Buist 2008, Fredette 2022), so rekindle words them as
// "bigger than usual", never as a risk.
type Progression struct {
	// The longest run of the last 7 days against the longest of the 30 days
	// before it (Frandsen et al. 2025 looked at single-session spikes).
	LongestRunM         float64 `json:"longest_run_m"`
	PreviousLongestRunM float64 `json:"previous_longest_run_m"` // 0: no run in those 30 days
	LongestRunChangePct float64 `json:"longest_run_change_pct"`
	LongestRunSpike     string  `json:"longest_run_spike"` // SpikeBand
	// Running distance of the last 7 days against the 7 days two weeks
	// earlier (Nielsen et al. 2014: > 30 % over two weeks).
	DistanceM            float64 `json:"distance_m"`
	DistanceTwoWeeksAgoM float64 `json:"distance_two_weeks_ago_m"`
	TwoWeekChangePct     float64 `json:"two_week_change_pct"`
	TwoWeekJump          bool    `json:"two_week_jump"` // more than TwoWeekJumpPct
}

// Progression thresholds.
const (
	TwoWeekJumpPct = 30.0
)

// SpikeBand names a single run's length against the longest of the previous
// 30 days, after Frandsen et al.'s bands: "none" (up to +10 %), "small"
// (+10–30 %), "large" (+30–100 %), "very_large" (over +100 %).
func SpikeBand(changePct float64) string {
	switch {
	case changePct > 100:
		return "very_large"
	case changePct > 30:
		return "large"
	case changePct > 10+1e-9:
		return "small"
	}
	return "none"
}

// ChangePct is the percentage change from a to b; 0 when a is 0.
func ChangePct(a, b float64) float64 {
	if a <= 0 {
		return 0
	}
	return (b/a - 1) * 100
}

// progression computes the flags on the last day of days.
func progression(days []Day) Progression {
	var p Progression
	n := len(days)
	at := -1
	for i := max(0, n-7); i < n; i++ {
		if days[i].LongestRunM > 0 && (at < 0 || days[i].LongestRunM >= days[at].LongestRunM) {
			at = i
		}
	}
	if at >= 0 {
		p.LongestRunM = days[at].LongestRunM
		for j := max(0, at-30); j < at; j++ {
			p.PreviousLongestRunM = max(p.PreviousLongestRunM, days[j].LongestRunM)
		}
		p.LongestRunChangePct = ChangePct(p.PreviousLongestRunM, p.LongestRunM)
	}
	p.LongestRunSpike = SpikeBand(p.LongestRunChangePct)
	for i := max(0, n-7); i < n; i++ {
		p.DistanceM += days[i].DistanceM
	}
	for i := max(0, n-21); i < max(0, n-14); i++ {
		p.DistanceTwoWeeksAgoM += days[i].DistanceM
	}
	p.TwoWeekChangePct = ChangePct(p.DistanceTwoWeeksAgoM, p.DistanceM)
	p.TwoWeekJump = p.TwoWeekChangePct > TwoWeekJumpPct
	return p
}
