package rekindle

import (
	"fmt"
	"math"
)

// worldRecord is a men's world record on the road or track (World
// Athletics): distance in metres, time in seconds.
type worldRecord struct{ m, s float64 }

// menWorldRecords are the fastest times on record for the distances
// (docs/science.md, "Runs no runner could have done"): 1500 m 3:26.00
// (El Guerrouj, 1998), 5000 m 12:35.36 and 10,000 m 26:11.00 (Cheptegei,
// 2020), half marathon 56:42 (Kiplimo, 2025), marathon 2:00:35 (Kiptum,
// 2023).
var menWorldRecords = []worldRecord{{1500, 206.00}, {5000, 755.36}, {10000, 1571.00}, {21097.5, 3402}, {42195, 7235}}

// WorldRecordSpeedMS returns the world record's mean speed (m/s) for a run
// of distM metres: interpolated between the records on log–log axes (the
// power law of Riegel's formula), the marathon's beyond it (longer records
// are slower still, so this is generous).
func WorldRecordSpeedMS(distM float64) float64 {
	r := menWorldRecords
	switch {
	case distM <= r[0].m:
		return r[0].m / r[0].s
	case distM >= r[len(r)-1].m:
		last := r[len(r)-1]
		return last.m / last.s
	}
	for i := 1; i < len(r); i++ {
		if distM <= r[i].m {
			a, b := r[i-1], r[i]
			k := math.Log(b.s/a.s) / math.Log(b.m/a.m)
			t := a.s * math.Pow(distM/a.m, k)
			return distM / t
		}
	}
	return r[len(r)-1].m / r[len(r)-1].s
}

// timeImpossibleMinM is the shortest run TimeImpossible reads (as the
// import's speed rule: below 1500 m a sprint or a GPS glitch).
const timeImpossibleMinM = 1500

// TimeImpossible reports whether a counted run's time cannot be its own:
// over at least 1500 m, faster (on its moving time, or elapsed when there
// is none) than the world record at its distance. Its distance and its
// place in the runner's weeks stand (a source whose clock is wrong, kept
// counted by the import); its pace, best efforts, race reading and VDOT
// are read by no analysis.
func (a *Activity) TimeImpossible() bool {
	if !a.Sport.IsRun() || a.Summary.DistanceM < timeImpossibleMinM {
		return false
	}
	t := a.Summary.MovingS
	if !(t > 0) {
		t = max(a.Summary.ElapsedS, a.Totals.ElapsedS)
	}
	return t > 0 && a.Summary.DistanceM/t > WorldRecordSpeedMS(a.Summary.DistanceM)
}

// TimeUnknown says, in words every view shows, why a counted run's time is
// not its own (TimeImpossible), or is empty: its pace, splits and best
// efforts are then read by no analysis, and the list, the activity page,
// the CLI and the API say so instead of showing a pace no runner holds.
func (a *Activity) TimeUnknown() string {
	if !a.TimeImpossible() {
		return ""
	}
	t := a.Summary.MovingS
	if !(t > 0) {
		t = max(a.Summary.ElapsedS, a.Totals.ElapsedS)
	}
	return fmt.Sprintf("%.1f km/h over %.1f km, faster than the world record: the time its source wrote is not the run's; its distance counts, its pace does not", a.Summary.DistanceM/t*3.6, a.Summary.DistanceM/1000)
}
