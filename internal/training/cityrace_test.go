package training

import (
	"testing"
	"time"
)

// TestCityRaceName: a French (Spanish, Italian) runner names a road race as
// the event is called, its distance "of" a city ("20km de Paris", "10 km de
// Lyon"), with no race word in it; the same words with a common noun after
// the distance ("10 km de footing") name a training run. A simulated runner
// of 5:20/km whose Sunday-evening 20 km and 10 km, no heart rate, 1-2%
// faster than usual (no race by their pace), carry a city's name.
func TestCityRaceName(t *testing.T) {
	ctx := RaceContext{TypicalSpeedMS: 1000 / 320.0} // usual 5:20/km
	sun := time.Date(2010, 10, 10, 21, 0, 0, 0, time.UTC)
	tue := time.Date(2010, 10, 12, 19, 0, 0, 0, time.UTC)
	tests := []struct {
		what string
		run  RaceRun
		want bool
	}{
		{"\"20km de Paris\" at 5:15/km on a Sunday evening", RaceRun{Name: "20km de Paris", DistanceM: 20000, MovingS: 6300, Start: sun}, true},
		{"\"10 km de Lyon\" at 5:15/km", RaceRun{Name: "10 km de Lyon", DistanceM: 10000, MovingS: 3150, Start: sun}, true},
		{"\"10K de Madrid\" at 5:05/km", RaceRun{Name: "10K de Madrid", DistanceM: 10050, MovingS: 3070, Start: sun}, true},
		// a common noun after the distance: a session named for its length
		{"\"10 km de footing\" at the usual pace", RaceRun{Name: "10 km de footing", DistanceM: 10000, MovingS: 3200, Start: tue}, false},
		{"\"20 km de sortie longue\" on a Sunday evening", RaceRun{Name: "20 km de sortie longue", DistanceM: 20000, MovingS: 6400, Start: sun}, false},
		// a place named but no standard distance in the name
		{"\"Tour de Paris\" of 12 km", RaceRun{Name: "Tour de Paris", DistanceM: 12000, MovingS: 3800, Start: tue}, false},
	}
	for _, tt := range tests {
		if got := RecogniseRace(tt.run, ctx); got.Race != tt.want {
			t.Errorf("%s: RecogniseRace = %+v, want race %v", tt.what, got, tt.want)
		}
	}
}
