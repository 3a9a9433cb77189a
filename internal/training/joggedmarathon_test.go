package training

import (
	"math"
	"slices"
	"testing"
	"time"

	"rekindle"
)

// A first marathon run at the runner's everyday heart rate caps no shorter
// race that its heart rate and pace show was raced (joggedFirstMarathon):
// the marathon sets what endurance decides (Fitness.Endurance), the race
// keeps its VDOT. Held-out real-89: a Saturday-afternoon 10 km in 39:37 at
// heart rate 172 (52.5), then his first marathon, named, in 4:07:15 at 138
// — his median heart rate — (36.5); the engine said 44.4 from a half where
// his listed races say 52.5. A marathon he had run before, a first marathon
// at a race heart rate, one within a fifth of the 10K, and a 10K not run
// at a race's pace still cap.
func TestJoggedFirstMarathonCapsNoRacedShortRace(t *testing.T) {
	asOf := time.Date(2025, 10, 26, 0, 0, 0, 0, time.UTC)
	tenKDay := time.Date(2025, 5, 3, 13, 0, 0, 0, time.UTC)       // a Saturday afternoon
	marathonDay := time.Date(2025, 10, 12, 10, 0, 0, 0, time.UTC) // a Sunday
	marathon := func(s, hr float64) rekindle.Activity {
		a := listRun(marathonDay, 42.2, s/42.2, hr)
		a.Name = "marathon 2025"
		return a
	}
	jogged := marathon(14835, 138) // 4:07:15 at the runner's median heart rate
	earlierLong := listRun(time.Date(2025, 3, 9, 9, 0, 0, 0, time.UTC), 40.0, 390, 136)
	for _, tc := range []struct {
		name   string
		tenK   rekindle.Activity
		others []rekindle.Activity
		caps   bool
	}{
		{"first marathon at the everyday heart rate", listRun(tenKDay, 10.24, 2377/10.24, 172), []rekindle.Activity{jogged}, false},
		{"a marathon's length run before", listRun(tenKDay, 10.24, 2377/10.24, 172), []rekindle.Activity{earlierLong, jogged}, true},
		{"first marathon at a race heart rate", listRun(tenKDay, 10.24, 2377/10.24, 172), []rekindle.Activity{marathon(14835, 160)}, true},
		{"first marathon within a fifth of the 10K", listRun(tenKDay, 10.24, 2377/10.24, 172), []rekindle.Activity{marathon(11400, 138)}, true},
		{"10K at an everyday heart rate", listRun(tenKDay, 10.24, 2377/10.24, 139), []rekindle.Activity{jogged}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var acts []rekindle.Activity
			// 8 km every other day at 5:30/km, mean heart rates 130-146.
			for d := 400; d > 0; d -= 2 {
				acts = append(acts, listRun(asOf.AddDate(0, 0, -d).Add(17*time.Hour), 8, 330, float64(130+(d/2)%17)))
			}
			acts = append(acts, tc.tenK)
			acts = append(acts, tc.others...)
			slices.SortStableFunc(acts, func(a, b rekindle.Activity) int { return a.Start.Compare(b.Start) })
			for i := range acts {
				acts[i].ID = int64(i + 1)
			}
			r := Picture(acts, rekindle.Athlete{}, asOf, Options{})
			if r.Fitness.Basis != "race" {
				t.Fatalf("basis %q, want race", r.Fitness.Basis)
			}
			short := VDOT(10000, tc.tenK.Summary.MovingS)
			if capped := r.Fitness.VDOT < short-0.01; capped != tc.caps {
				t.Fatalf("VDOT %.1f from %+v (the 10K says %.1f): capped %v, want %v", r.Fitness.VDOT, r.Fitness.From, short, capped, tc.caps)
			}
			if tc.caps {
				return
			}
			// The marathon still says what endurance decides.
			m := VDOT(marathonM, 14835)
			if r.Fitness.Endurance == nil || math.Abs(r.Fitness.Endurance.VDOT-m) > 0.01 {
				t.Fatalf("endurance %+v, want the marathon's %.1f", r.Fitness.Endurance, m)
			}
			for _, p := range r.Fitness.Predictions {
				if p.Name == "marathon" && math.Abs(p.VDOTS-EquivalentTime(m, marathonM)) > 1 {
					t.Errorf("marathon prediction %.0f s, want the marathon's VDOT's %.0f s", p.VDOTS, EquivalentTime(m, marathonM))
				}
				if p.Name == "5k" && math.Abs(p.VDOTS-EquivalentTime(short, 5000)) > 1 {
					t.Errorf("5K prediction %.0f s, want the 10K's VDOT's %.0f s", p.VDOTS, EquivalentTime(short, 5000))
				}
			}
		})
	}
}
