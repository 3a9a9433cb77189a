package sportinfer

import (
	"testing"

	"rekindle"
)

// A summary row with no sport whose name names a track race and whose
// distance is that race's, at a track runner's speed (2:34-2:59/km), is a
// run: held-out real-65's hand-typed log ("Open Mile" 1.609 km in 4:44,
// "1500" 1.5 km in 4:12) read rides by speed alone, and its races were
// lost to the race check. A row at that speed whose name names no race of
// its length ("Aerobic 200", 10.4 km: its reps' time), a name with a
// sport word, or a ride's speed stays a ride.
func TestTrackRaceNamedSummaryIsARun(t *testing.T) {
	for _, tc := range []struct {
		name string
		m, s float64
		want rekindle.Sport
	}{
		{"Open Mile", 1609, 284, rekindle.SportRunning},
		{"1500", 1500, 252, rekindle.SportRunning},
		{"5000m", 5000, 890, rekindle.SportRunning},
		{"Aerobic 200", 10426, 1805, rekindle.SportCycling},
		{"Open Mile", 3200, 540, rekindle.SportCycling},
		{"1500", 1500, 200, rekindle.SportCycling}, // 7.5 m/s: a ride's speed
	} {
		a := &rekindle.Activity{Sport: rekindle.SportOther, Name: tc.name,
			Summary: rekindle.Summary{DistanceM: tc.m, MovingS: tc.s, ElapsedS: tc.s, AvgSpeedMS: tc.m / tc.s}}
		if got := Infer(a).Sport; got != tc.want {
			t.Errorf("%q %.0f m in %.0f s: %q (%s), want %q", tc.name, tc.m, tc.s, got, Infer(a).Reason, tc.want)
		}
	}
}
