package training

import (
	"math"
	"testing"
	"time"

	"rekindle"
)

// A longer race run at a mean heart rate well under the runner's race heart
// rate of a shorter race does not cap that race (hrGapCap): a 10 km race
// on a Saturday afternoon in 40:00 at HR 184 (raced by its heart rate and
// its pace) under a Sunday-morning half six weeks later in 1:40:00 at HR
// 170 — a race heart rate by the long-race measure (the runner's top fifth),
// but 8% under the 10K's — keeps the 10K's VDOT (held-out real-89: a 10 km
// at 172 under a half at 161, 52.5 against 44.4). A half at a heart rate
// near the 10K's (HR 180) still caps it, and so does a marathon at an
// everyday heart rate that is not the runner's first (running one at all
// is an endurance result).
func TestLongRaceWellUnderRaceHeartRateCapsNoShorterRace(t *testing.T) {
	asOf := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	tenK := VDOT(10000, 2400)
	satAfternoon := time.Date(2025, 4, 12, 13, 0, 0, 0, time.UTC)
	sunMorning := time.Date(2025, 5, 25, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		long rekindle.Activity
		caps bool
	}{
		{"half at HR 170", listRun(sunMorning, 21.2, 6000/21.2, 170), false},
		{"half at HR 180", listRun(sunMorning, 21.2, 6000/21.2, 180), true},
		{"marathon at HR 160, not the first", listRun(sunMorning, 42.4, 4*3600/42.4, 160), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var acts []rekindle.Activity
			for d := 300; d > 0; d -= 2 {
				acts = append(acts, listRun(asOf.AddDate(0, 0, -d).Add(16*time.Hour), 8, 290, float64(150+(d/2)%22)))
			}
			// A marathon's length months before: the marathon is not the
			// runner's first (a first one at an everyday heart rate is
			// joggedFirstMarathon's, TestJoggedFirstMarathonCapsNoRacedShortRace).
			acts = append(acts, listRun(asOf.AddDate(0, 0, -250), 42.0, 360, 155))
			acts = append(acts, listRun(satAfternoon, 10.1, 2400/10.1, 184), tc.long)
			for i := range acts {
				acts[i].ID = int64(i + 1)
			}
			r := Picture(acts, rekindle.Athlete{}, asOf, Options{})
			if r.Fitness.Basis != "race" {
				t.Fatalf("basis %q, want race", r.Fitness.Basis)
			}
			capped := r.Fitness.VDOT < tenK-0.01
			if capped != tc.caps {
				t.Errorf("VDOT %.1f from %+v (10K says %.1f): capped %v, want %v", r.Fitness.VDOT, r.Fitness.From, tenK, capped, tc.caps)
			}
			if !tc.caps && math.Abs(r.Fitness.VDOT-tenK) > 0.01 {
				t.Errorf("VDOT %.1f, want the 10K's %.1f", r.Fitness.VDOT, tenK)
			}
		})
	}
}
