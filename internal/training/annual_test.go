package training

import (
	"slices"
	"testing"
	"time"

	"rekindle"
)

// An annual marathon (held-out real-21's class: a road marathon on the
// last Sunday of November each year, started before dawn) run slower
// than a faster 42 km of the months before is still the year's race: the
// runner ran one on the same weekend of earlier years. A marathon-length
// Sunday run at that pace on another date stays a long run.
func TestAnnualMarathonIsARace(t *testing.T) {
	loc := time.FixedZone("UTC-5", -5*3600)
	var acts []rekindle.Activity
	add := func(a rekindle.Activity) {
		a.ID = int64(len(acts) + 1)
		acts = append(acts, a)
	}
	start := time.Date(2019, 1, 1, 5, 30, 0, 0, loc)
	for d := 0; d < 3*365; d += 2 {
		add(run(start.AddDate(0, 0, d), 10, 360, 0))
	}
	add(run(time.Date(2019, 11, 24, 4, 30, 0, 0, loc), 43.1, 445, 0)) // Sun: the first one
	add(run(time.Date(2020, 3, 1, 7, 0, 0, 0, loc), 42.9, 371, 0))    // Sun: a fast 42 km
	annual := run(time.Date(2021, 11, 28, 4, 30, 0, 0, loc), 42.2, 520, 0)
	add(annual)
	// long runs of the weeks before: the marathon is no longer than them by
	// a quarter, so it is no event by its length alone
	add(run(time.Date(2021, 11, 14, 5, 0, 0, 0, loc), 35, 450, 0))
	add(run(time.Date(2021, 11, 21, 5, 0, 0, 0, loc), 36, 450, 0))
	slices.SortFunc(acts, func(a, b rekindle.Activity) int { return a.Start.Compare(b.Start) })
	var in []dated
	for i := range acts {
		in = append(in, dated{a: &acts[i], day: dayNum(acts[i].Start, loc), year: acts[i].Start.In(loc).Year()})
	}
	today := dayNum(time.Date(2021, 12, 31, 12, 0, 0, 0, loc), loc)
	gotAnnual := false
	for _, r := range recogniseRaces(in, loc, today, 0) {
		if r.a.Start.Equal(annual.Start) {
			gotAnnual = true
			if r.call.StandardM != marathonM {
				t.Errorf("the annual marathon: standard %.0f m", r.call.StandardM)
			}
		}
	}
	if !gotAnnual {
		t.Error("a marathon on the weekend of an earlier year's marathon, slower than the fast 42 km of the spring: no race")
	}

	// The same run and context on a weekend of no earlier event: no race.
	r := RaceRun{DistanceM: 42200, MovingS: 42.2 * 520, Start: annual.Start}
	ctx := RaceContext{TypicalSpeedMS: 1000 / 420.0, TypicalDistanceM: 10000, LongestBeforeM: 36000, SecondLongestBeforeM: 35000}
	if c := RecogniseRace(r, ctx); c.Race {
		t.Errorf("a slow marathon-length Sunday run on a date of no earlier event: a race (%s)", c.Reason)
	}
	ctx.Annual = true
	if c := RecogniseRace(r, ctx); !c.Race || c.Cue != CueDistance {
		t.Errorf("the same run on an earlier event's weekend: %+v", c)
	}
}

func TestAnnualRepeat(t *testing.T) {
	sun := time.Date(2024, 11, 24, 4, 29, 0, 0, time.UTC)
	for _, c := range []struct {
		d    float64
		prev time.Time
		want bool
	}{
		{42900, time.Date(2023, 11, 26, 4, 17, 0, 0, time.UTC), true},  // a year before, Sunday
		{43100, time.Date(2021, 11, 28, 4, 33, 0, 0, time.UTC), true},  // three years before
		{42900, time.Date(2020, 11, 29, 4, 33, 0, 0, time.UTC), false}, // four years before
		{42900, time.Date(2023, 10, 29, 4, 17, 0, 0, time.UTC), false}, // a month off
		{42900, time.Date(2023, 11, 22, 4, 17, 0, 0, time.UTC), false}, // a Wednesday
		{21100, time.Date(2023, 11, 26, 4, 17, 0, 0, time.UTC), false}, // a half
	} {
		if got := AnnualRepeat(42186, sun, c.d, c.prev); got != c.want {
			t.Errorf("AnnualRepeat(%v, %.0f m) = %v, want %v", c.prev, c.d, got, c.want)
		}
	}
}
