package training

import (
	"math"
	"slices"
	"testing"
	"time"

	"rekindle"
)

// guessRunner is a runner from an activity list with no heart rate at all
// (held-out real-52): 8 km every third day at 5:40/km, a weekly 5 km at
// 4:25-4:35/km, a Wednesday-evening 10 km in 51:35 (5:10/km, taken for a
// 10K by its pace alone) and a solo Sunday-afternoon marathon in 4:07:41
// (taken for one by its distance alone).
// With hr > 0 every run has a mean heart rate: the 8 km runs hr-25 to
// hr-15, the 5 km runs hr-10.
func guessRunner(asOf time.Time, tenK rekindle.Activity, marathon bool, hr float64) []rekindle.Activity {
	var acts []rekindle.Activity
	at := func(h float64) float64 {
		if hr <= 0 {
			return 0
		}
		return hr + h
	}
	for d := 300; d > 0; d -= 3 {
		acts = append(acts, listRun(asOf.AddDate(0, 0, -d).Add(16*time.Hour), 8, 340, at(float64(-25+d%11))))
	}
	for w := 0; w < 14; w++ { // Thursdays 13:00
		acts = append(acts, listRun(time.Date(2024, 7, 4, 13, 0, 0, 0, time.UTC).AddDate(0, 0, 7*w), 5, 265+float64(w%3)*5, at(-10)))
	}
	acts = append(acts, tenK)
	if marathon {
		acts = append(acts, listRun(time.Date(2024, 10, 20, 14, 20, 0, 0, time.UTC), 42.21, 14861/42.21, 0))
	}
	slices.SortStableFunc(acts, func(a, b rekindle.Activity) int { return a.Start.Compare(b.Start) })
	for i := range acts {
		acts[i].ID = int64(i + 1)
	}
	return acts
}

// A runner with no heart rate at all, whose every race of the year is a
// guess from pace or distance alone (no name, flag or mark, no heart rate,
// off a weekend morning: RaceCall.Guess), is not held to those guesses when
// the year's second best sustained run says more: it stands in (basis
// "sustained_over_guess", effortAgg.sustainedOverGuesses). Held-out real-52
// 2024-10-13 and 2024-10-27: 38.6 (a Wednesday-evening 10 km in 51:35) and
// 36.5 (a solo Sunday-afternoon 42.2 km) against his 5 km runs at
// 4:20-4:30/km (44.5). The same 10K on a Sunday morning, named, or run
// with a heart rate stays the race; so does a runner whose fast 5 km was a
// single run (no second run backs it).
func TestSustainedRunsOutweighRacesGuessedWithoutHeartRate(t *testing.T) {
	asOf := time.Date(2024, 10, 27, 0, 0, 0, 0, time.UTC)
	wed := time.Date(2024, 7, 10, 15, 47, 0, 0, time.UTC)
	sunMorning := time.Date(2024, 7, 14, 8, 0, 0, 0, time.UTC)
	sustained := VDOT(5000, 5*265) // the second best of the 5 km runs (five at 4:25/km)
	for _, tc := range []struct {
		name     string
		start    time.Time
		tenKName string
		hr       float64
		marathon bool
		single   bool // one fast 5 km only
		floored  bool
	}{
		{"weekday-evening 10K by pace", wed, "", 0, false, false, true},
		{"and a Sunday-afternoon marathon by distance", wed, "", 0, true, false, true},
		{"10K on a Sunday morning", sunMorning, "", 0, false, false, false},
		{"10K named", wed, "10k race", 0, false, false, false},
		{"a runner with heart rate", wed, "", 172, false, false, false},
		{"one fast 5 km only", wed, "", 0, false, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tenK := listRun(tc.start, 9.992, 3095/9.992, tc.hr)
			tenK.Name = tc.tenKName
			acts := guessRunner(asOf, tenK, tc.marathon, tc.hr-12)
			if tc.single {
				var kept []rekindle.Activity
				fast := false
				for _, a := range acts {
					if a.Summary.DistanceM == 5000 {
						if fast {
							a.Summary.MovingS, a.Summary.AvgSpeedMS = 5*345, 1000.0/345
						}
						fast = true
					}
					kept = append(kept, a)
				}
				acts = kept
			}
			r := Picture(acts, rekindle.Athlete{}, asOf, Options{})
			if !tc.floored {
				if r.Fitness.Basis != "race" {
					t.Errorf("VDOT %.1f (%s) from %+v, want the race's", r.Fitness.VDOT, r.Fitness.Basis, r.Fitness.From)
				}
				return
			}
			if r.Fitness.Basis != "sustained_over_guess" || math.Abs(r.Fitness.VDOT-sustained) > 0.05 {
				t.Fatalf("VDOT %.1f (%s) from %+v, want the second best sustained run's %.1f", r.Fitness.VDOT, r.Fitness.Basis, r.Fitness.From, sustained)
			}
			if w := r.Fitness.FoundWords(); w == "" {
				t.Errorf("no found words")
			}
		})
	}
}
