package sportinfer

import (
	"testing"

	"rekindle"
)

// An outing faster than anyone has run for that long is no run, whatever
// its speed alone would say (a triathlete's list looked at for held-out set 23b: a half-distance triathlon
// listed as one row, 114.2 km in 6:19:02 with no heart rate, was read as a
// 114 km run at 3:19/km). Runs at a runner's speeds for their length stay
// runs: a fast marathon, a 100 km ultra, a tempo hour.
func TestFasterThanAnyRunForThatLongIsNoRun(t *testing.T) {
	for _, c := range []struct {
		name string
		e    Evidence
		want rekindle.Sport
	}{
		{"70.3 as one row", Evidence{MovingS: 6*3600 + 19*60 + 2, MedianSpeedMS: 114200 / 22742.0}, rekindle.SportCycling},
		{"brick as one row", Evidence{MovingS: 4*3600 + 6*60 + 20, MedianSpeedMS: 77620 / 14780.0}, rekindle.SportCycling},
		{"2:10 marathon", Evidence{MovingS: 7800, MedianSpeedMS: 42195 / 7800.0}, rekindle.SportRunning},
		{"100 km in 7:30", Evidence{MovingS: 27000, MedianSpeedMS: 100000 / 27000.0, HR: 140}, rekindle.SportRunning},
		{"tempo hour", Evidence{MovingS: 3600, MedianSpeedMS: 4.8}, rekindle.SportRunning},
		{"24 hours at 8:00/km", Evidence{MovingS: 86400, MedianSpeedMS: 2.2}, rekindle.SportRunning},
	} {
		if got, why := FromData(c.e); got != c.want {
			t.Errorf("%s: %s (%s), want %s", c.name, got, why, c.want)
		}
	}
	if v := RunMaxFor(3600); v != runMaxMS {
		t.Errorf("RunMaxFor(1 h) = %.3f, want runMaxMS %.1f", v, runMaxMS)
	}
	if v := RunMaxFor(21935); v < 4.55 || v > 4.57 {
		t.Errorf("RunMaxFor(6:05:35) = %.3f, want the 100 km record's 4.559", v)
	}
}
