package training

import (
	"testing"
	"time"

	"rekindle"
)

// A weekend run of about 30 km with nothing but its length to say it was an
// event (no name, no heart rate, no race's pace) is the long run of a
// marathon build, not a 30K race (held-out real-123's Sunday 30.7 km of
// 15 Oct 2023 at 5:22/km, a week before his marathon, read as "30K
// distance on a weekend, 3× your usual run": his race was "today", rest
// asked where the coach saw a long run in a build). The same day's half
// marathon or marathon, far longer than the runner's usual run and long
// runs, stays an event by its distance, and a 30 km with a race's name
// stays a race.
func TestThirtyKilometreLongRunIsNoRaceByItsDistance(t *testing.T) {
	sun := time.Date(2023, 10, 15, 7, 9, 0, 0, time.UTC) // a Sunday
	ctx := RaceContext{TypicalSpeedMS: 1000 / 345.0, TypicalDistanceM: 8000, LongestBeforeM: 16000, SecondLongestBeforeM: 15000}
	for _, tc := range []struct {
		what string
		km   float64
		name string
		race bool
	}{
		{"an unnamed 30.7 km", 30.7, "", false},
		{"an unnamed 29.6 km", 29.6, "", false},
		{"a half marathon's distance", 21.2, "", true},
		{"a marathon's distance", 42.4, "", true},
		{"a 30 km named a race", 30.4, "Lidingöloppet 30 km", true},
	} {
		r := RaceRun{DistanceM: tc.km * 1000, MovingS: tc.km * 350, Start: sun, Name: tc.name} // 5:50/km, the usual pace
		if got := RecogniseRace(r, ctx); got.Race != tc.race {
			t.Errorf("%s on a Sunday at the usual pace: race %v (%s), want %v", tc.what, got.Race, got.Reason, tc.race)
		}
	}

	// The same through RacesOf: a year of 8 km runs at 5:45/km with no
	// heart rate, three a week, and Sunday long runs of 14-16 km in the
	// four weeks before: a Sunday 30.5 km at 6:10/km is the long
	// run, a Sunday 21.2 km in its place an event.
	for _, tc := range []struct {
		km   float64
		race bool
	}{{30.5, false}, {21.2, true}} {
		var acts []rekindle.Activity
		mon := time.Date(2022, 10, 3, 6, 30, 0, 0, time.UTC) // a Monday
		for w := range 56 {
			for _, d := range []int{1, 3, 5} {
				acts = append(acts, run(mon.AddDate(0, 0, 7*w+d), 8, 345, 0))
			}
			if w >= 52 {
				acts = append(acts, run(mon.AddDate(0, 0, 7*w+6), 14+float64(w-52)*0.6, 360, 0))
			}
		}
		long := mon.AddDate(0, 0, 7*56+6) // the Sunday of week 56
		acts = append(acts, run(long, tc.km, 370, 0))
		sortByStart(acts)
		found, why := false, ""
		for _, rc := range RacesOf(acts, rekindle.Athlete{}, long.AddDate(0, 0, 1)) {
			if rc.Activity.Start.Equal(long) {
				found, why = true, rc.Call.Reason
			}
		}
		if found != tc.race {
			t.Errorf("a Sunday %.1f km at 6:10/km after 14-16 km Sundays: race %v (%s), want %v", tc.km, found, why, tc.race)
		}
	}
}

// A race distance's bare name on a run well short of that distance, with
// no race heart rate, names the goal or the pace the run trains for, not an
// event (held-out real-53's marathon build: runs of 31.3, 17.5, 32.0 and
// 12.3 km titled "marathon" at 4:48-4:56/km, his race "🏁 Marathon" of
// 42.8 km, each read as a race). The same name on a run of the distance,
// at a race heart rate, or an event's own name still names a race.
func TestBareDistanceNameOnAShortRunIsNoRace(t *testing.T) {
	sun := time.Date(2023, 3, 19, 16, 41, 0, 0, time.UTC) // a Sunday
	ctx := RaceContext{TypicalSpeedMS: 1000 / 300.0, TypicalDistanceM: 11000, LongestBeforeM: 32000, SecondLongestBeforeM: 21100}
	for _, tc := range []struct {
		name string
		km   float64
		race bool
	}{
		{"marathon", 24.1, false},
		{"marathon", 12.3, false},
		{"半马", 12.6, false},
		{"marathon", 42.8, true},
		{"🏁 Marathon", 42.8, true},
		{"Marathon de Paris", 24.1, true},
	} {
		r := RaceRun{Name: tc.name, DistanceM: tc.km * 1000, MovingS: tc.km * 268, Start: sun} // 4:28/km
		if got := RecogniseRace(r, ctx); got.Race != tc.race {
			t.Errorf("%q, %.1f km on a Sunday: race %v (%s), want %v", tc.name, tc.km, got.Race, got.Reason, tc.race)
		}
		// At a race heart rate (94% of a measured 180) the name may be
		// the event's, run over a shorter course: a race either way.
		r.AvgHR = 170
		hr := ctx
		hr.MaxHR, hr.MeasuredMaxHR, hr.TypicalHR, hr.HighHR = 180, 180, 145, 160
		if got := RecogniseRace(r, hr); !got.Race {
			t.Errorf("%q, %.1f km on a Sunday at heart rate 170 of 180: race %v (%s), want a race", tc.name, tc.km, got.Race, got.Reason)
		}
	}
}
