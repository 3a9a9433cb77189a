package training

import (
	"testing"
	"time"
)

// TestPlanCodeAndSegmentsTitleIsNoRace: a plan's week-day code ("8w7":
// week 8, day 7) and a session written as its parts ("3K+26K/445",
// "E5K+T21K") name a training session, not a race. Held-out real-120's
// ten-week marathon plan: Sunday long runs titled "8w7 3K+26K/445(LSD15th)"
// and "5w7 E5K+T21K(LSD13th)", 13-16% faster than his usual at 30 km, were
// read as 30K races by their pace ("your race was today", rest).
func TestPlanCodeAndSegmentsTitleIsNoRace(t *testing.T) {
	// usual pace about 5:30/km
	ctx := RaceContext{TypicalSpeedMS: 1000 / 330.0}
	sun := time.Date(2019, 11, 24, 6, 57, 0, 0, time.UTC)
	fast := func(name string, km float64) RaceRun {
		// 13% faster than the usual pace, no heart rate
		return RaceRun{Name: name, DistanceM: km * 1000, MovingS: km * 330 / 1.13, Start: sun}
	}
	tests := []struct {
		what string
		run  RaceRun
		want bool
	}{
		{"\"8w7 3K+26K/445(LSD15th)\"", fast("8w7 3K+26K/445(LSD15th)", 30.0), false},
		{"\"5w7 E5K+T21K(LSD13th)\"", fast("5w7 E5K+T21K(LSD13th)", 30.3), false},
		{"\"3w7E5K+T60min\"", fast("3w7E5K+T60min", 22.0), false},
		{"\"1w1渐快跑4-2-1-1\"", fast("1w1渐快跑4-2-1-1", 10.8), false},
		{"\"9w7 4K+M21K\"", fast("9w7 4K+M21K", 25.0), false},
		{"\"E5K+T21K\" alone", fast("E5K+T21K", 30.3), false},
		// the same runs untitled, or titled with a distance only, still race by pace
		{"untitled 30 km, 13% faster", fast("", 30.0), true},
		{"\"30K\", 13% faster", fast("30K", 30.0), true},
		// no plan's code: a year, a race number, "5 wins"
		{"\"2019 30K\"", fast("2019 30K", 30.0), true},
		// a strong race word still names a race
		{"\"8w7 marathon\"", fast("8w7 marathon", 42.2), true},
	}
	for _, tt := range tests {
		if got := RecogniseRace(tt.run, ctx); got.Race != tt.want {
			t.Errorf("%s: RecogniseRace = %+v, want race %v", tt.what, got, tt.want)
		}
	}
}
