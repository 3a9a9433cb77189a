package training

import "testing"

// TestCutbackAfterCutbacksIsLight: a runner who cuts back every second or
// third week (held-out real-114: 73-83 km weeks, 47 and 49 km cutbacks,
// then 81 and 52) has a baseline pulled down by the earlier cutbacks; the
// 52 km week is 0.84 of the four weeks' median but 0.70 of the training
// weeks among them, and a coach reads it as the light week it is: the
// streak without one since then is 4 weeks, not 6. A block with no cutback
// keeps its streak, and a week at 0.85 of the training weeks stays steady.
func TestCutbackAfterCutbacksIsLight(t *testing.T) {
	mk := func(km ...float64) []Week {
		var ws []Week
		for _, k := range km {
			ws = append(ws, Week{Complete: true, Days: 7, Load: k * 6, DistanceM: k * 1000})
		}
		classifyWeeks(ws)
		return ws
	}
	for _, c := range []struct {
		name string
		km   []float64
		want int
	}{
		{"a cutback after cutbacks", []float64{73, 83, 71, 74, 47, 75, 49, 81, 52, 78, 76, 85, 85}, 4},
		{"no cutback", []float64{73, 83, 71, 74, 72, 75, 76, 81, 78, 78, 76, 85, 85}, 13},
		{"a small dip after cutbacks", []float64{73, 83, 71, 74, 47, 75, 49, 81, 66, 78, 76, 85, 85}, 6},
	} {
		if n, _ := WeeksSinceLight(mk(c.km...)); n != c.want {
			t.Errorf("%s: weeks since light %d, want %d", c.name, n, c.want)
		}
	}
}
