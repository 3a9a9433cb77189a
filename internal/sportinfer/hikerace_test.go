package sportinfer

import (
	"testing"

	"rekindle"
)

// TestRaceTypedAsHike: an outing typed a hike whose title names a running
// race, 10 km or longer, is a mountain race run at a hiker's pace (held-out
// real-115's "The 12 Peaks race", 41.9 km in 9:36, typed a hike: the race
// unseen, the week of rest after it read as fading). A hike or walk named
// for walking, a short one, a race walk and the runner's own choice stay.
func TestRaceTypedAsHike(t *testing.T) {
	act := func(sport rekindle.Sport, name string, km float64) *rekindle.Activity {
		a := &rekindle.Activity{Sport: sport, Name: name, SportSource: rekindle.SportFromFile}
		a.Summary.DistanceM = km * 1000
		return a
	}
	byUser := act(rekindle.SportHiking, "The 12 Peaks race", 41.9)
	byUser.SportSource = rekindle.SportByUser
	tests := []struct {
		what string
		a    *rekindle.Activity
		want rekindle.Sport
	}{
		{"the 12 Peaks race, typed a hike", act(rekindle.SportHiking, "The 12 Peaks race", 41.9), rekindle.SportTrailRunning},
		{"a skyrace typed a walk", act(rekindle.SportWalking, "Zegama Skyrace", 42.2), rekindle.SportTrailRunning},
		{"越野赛 typed a hike", act(rekindle.SportHiking, "麦理浩径越野赛", 50), rekindle.SportTrailRunning},
		{"a hike named for a peak", act(rekindle.SportHiking, "Lantau Peak", 12), ""},
		{"a race walk", act(rekindle.SportWalking, "Race walk 20 km", 20), ""},
		{"a charity hike race", act(rekindle.SportHiking, "Oxfam hike race", 100), ""},
		{"a short 'race to the top'", act(rekindle.SportHiking, "race to the top", 3), ""},
		{"set by the runner", byUser, ""},
		{"a run already", act(rekindle.SportRunning, "Trail race", 30), ""},
	}
	for _, tt := range tests {
		if got := RaceTypedAsHike(tt.a); got.Sport != tt.want {
			t.Errorf("%s: RaceTypedAsHike = %+v, want %q", tt.what, got, tt.want)
		}
	}
}
