package training

import (
	"testing"
	"time"
)

// TestPolishBiegIsAPlainRun: "Bieg" is Polish for a run (Strava's "Poranny
// bieg", "Morning Run"), as "Lauf" is German: a weak race word, a race only
// with a race distance or a race effort behind it. Held-out real-83 titled
// 106 runs of every length "Bieg"; his Monday 7.6 km of 23 Aug 2021 at his
// usual pace, no heart rate, was read as a race by its name alone.
func TestPolishBiegIsAPlainRun(t *testing.T) {
	// usual pace about 4:55/km
	ctx := RaceContext{TypicalSpeedMS: 1000 / 295.0}
	mon := time.Date(2021, 8, 23, 16, 48, 0, 0, time.UTC)
	sun := time.Date(2021, 8, 29, 8, 30, 0, 0, time.UTC)
	tests := []struct {
		what string
		run  RaceRun
		want bool
	}{
		{"a Monday 7.6 km \"Bieg\" at the usual pace", RaceRun{Name: "Bieg", DistanceM: 7630, MovingS: 2239, Start: mon}, false},
		{"a Monday 11.5 km \"Bieg\" far slower than usual", RaceRun{Name: "Bieg", DistanceM: 11530, MovingS: 4459, Start: mon}, false},
		{"\"Poranny bieg\" on a Monday", RaceRun{Name: "Poranny bieg", DistanceM: 6100, MovingS: 1800, Start: mon}, false},
		{"\"Biegi\" at the usual pace", RaceRun{Name: "Biegi", DistanceM: 6710, MovingS: 1980, Start: mon}, false},
		// a race's name with a race distance still reads a race, on a
		// weekend morning at the usual pace too
		{"\"Bieg Niepodległości\" 10 km on a Sunday morning, 6% faster", RaceRun{Name: "Bieg Niepodległości", DistanceM: 10050, MovingS: 2795, Start: sun}, true},
		// and at a race's pace on a weekday
		{"a Monday 10 km \"Bieg\" 12% faster than usual", RaceRun{Name: "Bieg", DistanceM: 10000, MovingS: 2600, Start: mon}, true},
		// a strong word beside it still names a race on its own
		{"a marathon named with \"bieg\"", RaceRun{Name: "Maraton Warszawski bieg", DistanceM: 42300, MovingS: 14000, Start: sun}, true},
	}
	for _, tt := range tests {
		if got := RecogniseRace(tt.run, ctx); got.Race != tt.want {
			t.Errorf("%s: RecogniseRace = %+v, want race %v", tt.what, got, tt.want)
		}
	}
}
