package race

import (
	"math"
	"testing"
)

func FuzzParseDistance(f *testing.F) {
	for _, s := range []string{"5K", "10 km", "Half Marathon", "Semi-Marathon de Cannes", "Promenade Parkrun", "Turkey Trot 5k",
		"Villefranche Bay 10 Mile", "21,1 km", "Medio Maratón de Madrid", "Marathon Relay 10K", "5k,10k,half"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, ok := ParseDistance(s)
		if ok != (m > 0) || (ok && (m < 400 || m > 250000 || math.IsNaN(m))) {
			t.Fatalf("ParseDistance(%q) = %v, %v", s, m, ok)
		}
		if ok && DistanceName(m) == "" {
			t.Fatal("no name")
		}
		ParseDistanceList(s)
	})
}
