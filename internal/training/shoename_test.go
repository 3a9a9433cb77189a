package training

import (
	"testing"
	"time"
)

// TestShoeNameIsNoRace: a strong race word inside a shoe's name ("Ultra
// Boost", "racing flats") or "ultra" as a manner ("ultra easy") names no
// race. Held-out real-99's Friday 16.2 km "Ima start running in my ultra
// boost because the kayano 23s are hurting me", at his everyday pace, was
// read as a 10-mile race and capped his VDOT at 47.9 for a year.
func TestShoeNameIsNoRace(t *testing.T) {
	// usual pace about 4:20/km
	ctx := RaceContext{TypicalSpeedMS: 1000 / 260.0}
	fri := time.Date(2017, 12, 8, 15, 21, 0, 0, time.UTC)
	sat := time.Date(2017, 12, 9, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		what string
		run  RaceRun
		want bool
	}{
		{"a Friday 16.2 km in his ultra boosts at the usual pace", RaceRun{Name: "Ima start running in my ultra boost because the kayano 23s are hurting me", DistanceM: 16160, MovingS: 4270, Start: fri}, false},
		{"an ultra easy recovery run", RaceRun{Name: "Ultra easy recovery", DistanceM: 10000, MovingS: 2900, Start: fri}, false},
		{"a tempo in racing flats", RaceRun{Name: "Tempo in racing flats", DistanceM: 10000, MovingS: 2500, Start: fri}, false},
		// an ultra is still a race, and a race is one in any shoe
		{"a 50 km ultra on a Saturday", RaceRun{Name: "Trail ultra", DistanceM: 50200, MovingS: 18000, Start: sat}, true},
		{"a race in ultra boosts", RaceRun{Name: "Race day in my ultra boosts", DistanceM: 10010, MovingS: 2400, Start: sat}, true},
	}
	for _, tt := range tests {
		if got := RecogniseRace(tt.run, ctx); got.Race != tt.want {
			t.Errorf("%s: RecogniseRace = %+v, want race %v", tt.what, got, tt.want)
		}
	}
}
