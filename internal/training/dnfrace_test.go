package training

import (
	"testing"
	"time"
)

// TestDNFNamesARaceWithoutVDOT: a run titled "DNF" (did not finish) was a
// race the runner stopped in (held-out real-115's "HK100 DNF", 40.8 km in
// 7:10 on a Saturday morning of a 100 km trail race, at his trail pace: read
// as a long run, so the eight days without a run after it were "fading"). It
// is a race, with no VDOT: the distance is where they stopped. A run with
// no such word stays as before.
func TestDNFNamesARaceWithoutVDOT(t *testing.T) {
	ctx := RaceContext{TypicalSpeedMS: 1000 / 360.0}
	sat := time.Date(2022, 1, 22, 6, 57, 0, 0, time.UTC)
	tests := []struct {
		what     string
		run      RaceRun
		race, no bool
	}{
		{"\"HK100 DNF\", 40.8 km at a trail pace", RaceRun{Name: "HK100 DNF", DistanceM: 40780, MovingS: 25794, Start: sat}, true, true},
		{"\"Did not finish - calf\", 21.0 km", RaceRun{Name: "Did not finish - calf", DistanceM: 21050, MovingS: 7600, Start: sat}, true, true},
		{"\"Morning Trail Run\", the same run", RaceRun{Name: "Morning Trail Run", DistanceM: 40780, MovingS: 25794, Start: sat}, false, false},
		{"\"Half marathon\" still sets a VDOT", RaceRun{Name: "Half marathon", DistanceM: 21150, MovingS: 6300, Start: sat}, true, false},
	}
	for _, tt := range tests {
		got := RecogniseRace(tt.run, ctx)
		if got.Race != tt.race || got.Race && got.NoVDOT != tt.no {
			t.Errorf("%s: RecogniseRace = %+v, want race %v, no VDOT %v", tt.what, got, tt.race, tt.no)
		}
	}
}
