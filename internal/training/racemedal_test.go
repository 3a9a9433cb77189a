package training

import (
	"testing"
	"time"
)

// TestCatalanCursaAndPodiumMedalsNameARace: Catalan "cursa" is a race, and a
// podium medal in a title is a placing won in one (held-out real-111: "cursa
// 2023", a 5 km race in 16:20, and "Unirun 🥈🥈", 5 km in 15:56, both at the
// pace of his 5 km sessions, so no effort cue fired; both missed). A plain
// Catalan run ("rodatge"), a session named so ("entreno … 🥈": the runner's
// word that it was training) and an emoji that is no medal stay as before.
func TestCatalanCursaAndPodiumMedalsNameARace(t *testing.T) {
	ctx := RaceContext{TypicalSpeedMS: 1000 / 200.0} // 5 km sessions at 3:20/km
	wed := time.Date(2023, 12, 6, 8, 0, 0, 0, time.UTC)
	sun := time.Date(2025, 3, 2, 8, 31, 0, 0, time.UTC)
	tests := []struct {
		what string
		run  RaceRun
		want bool
	}{
		{"\"cursa 2023\", 5 km at the usual pace", RaceRun{Name: "cursa 2023", DistanceM: 5033, MovingS: 980, Start: wed}, true},
		{"\"Unirun 🥈🥈\", 5 km at the usual pace", RaceRun{Name: "Unirun 🥈🥈", DistanceM: 5006, MovingS: 956, Start: sun}, true},
		{"\"🥉 5k\"", RaceRun{Name: "🥉 5k", DistanceM: 5000, MovingS: 1000, Start: sun}, true},
		{"\"rodatge\" 5 km at the usual pace", RaceRun{Name: "rodatge", DistanceM: 5000, MovingS: 1000, Start: sun}, false},
		{"\"Unirun 🤟🏻\", no medal", RaceRun{Name: "Unirun 🤟🏻", DistanceM: 5006, MovingS: 1000, Start: wed}, false},
		{"\"entreno de qualitat 🥈\"", RaceRun{Name: "entreno de qualitat 🥈", DistanceM: 5106, MovingS: 1030, Start: wed}, false},
		// the run after a race names the race it follows, not itself
		// (held-out real-103 2017-07-09)
		{"\"Per estirar cames després d'una cursa\", the day after", RaceRun{Name: "Per estirar cames després d'una cursa..un 3.000", DistanceM: 5000, MovingS: 1000, Start: sun}, false},
		{"\"shakeout after the race\"", RaceRun{Name: "shakeout after the race", DistanceM: 5000, MovingS: 1000, Start: sun}, false},
		{"\"Auslaufen nach dem Wettkampf\"", RaceRun{Name: "Auslaufen nach dem Wettkampf", DistanceM: 5000, MovingS: 1000, Start: sun}, false},
	}
	for _, tt := range tests {
		if got := RecogniseRace(tt.run, ctx); got.Race != tt.want {
			t.Errorf("%s: RecogniseRace = %+v, want race %v", tt.what, got, tt.want)
		}
	}
}
