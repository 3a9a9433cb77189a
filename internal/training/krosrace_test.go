package training

import (
	"testing"
	"time"
)

// TestSlavicKrosNamesARace: "kros" is the Slovak, Czech and Polish word for
// a cross-country race ("Račiansky kros", "Kros Niepodległości"); a run over
// fields is a "beh", "běh" or "bieg". A cross-country race has no standard
// distance, so only its name says it was a race (held-out real-192
// 2024-02-04: a 16 km "Raciansky kros" at heart rate 173 read as a training
// run, a marathon four months before stayed "your last race").
func TestSlavicKrosNamesARace(t *testing.T) {
	// usual pace about 5:30/km
	ctx := RaceContext{TypicalSpeedMS: 1000 / 330.0}
	sun := time.Date(2024, 2, 4, 10, 3, 0, 0, time.UTC)
	tests := []struct {
		what string
		run  RaceRun
		want bool
	}{
		{"a 16 km \"Raciansky kros\" on a Sunday morning", RaceRun{Name: "Raciansky kros", DistanceM: 16064, MovingS: 5250, Start: sun}, true},
		{"\"Kros Niepodległości\" 6 km", RaceRun{Name: "Kros Niepodległości", DistanceM: 6000, MovingS: 1700, Start: sun}, true},
		// the same run untitled, at the usual pace, is a long run
		{"the same 16 km untitled", RaceRun{Name: "Trail Running", DistanceM: 16064, MovingS: 5250, Start: sun}, false},
		// "kros" inside another word is no race ("krosno", a town)
		{"a run titled by a town", RaceRun{Name: "Krosno Running", DistanceM: 16064, MovingS: 5250, Start: sun}, false},
	}
	for _, tt := range tests {
		if got := RecogniseRace(tt.run, ctx); got.Race != tt.want {
			t.Errorf("%s: RecogniseRace = %+v, want race %v", tt.what, got, tt.want)
		}
	}
}
