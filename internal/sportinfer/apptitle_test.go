package sportinfer

import "testing"

// A year run together with an event's words is the runner's title, not a
// date an app wrote; dates, times and lengths with an app's words stay app
// titles (held-out real-61: "2025春季运动会5k" lost to "午后跑步" on import).
func TestAppTitleYearJoinedToEventWords(t *testing.T) {
	for name, want := range map[string]bool{
		"2025春季运动会5k":              false,
		"2024秦皇岛马拉松":               false,
		"午后跑步":                     true,
		"2023-04-19的骑行":            true,
		"Running 3/19/23 10:37 am": true,
		"Morning Run 5k":           true,
		"10:37am run":              true,
	} {
		if got := AppTitle(name); got != want {
			t.Errorf("AppTitle(%q) = %v, want %v", name, got, want)
		}
	}
}
