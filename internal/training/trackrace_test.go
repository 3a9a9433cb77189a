package training

import (
	"strings"
	"testing"
	"time"

	"rekindle"
)

// A race on the track under 5 km, recorded apart from its warm-up and
// cool-down and named for its distance, is a race: it counts for the weeks
// since the last race and, from 1500 m (Daniels' tables), for the VDOT.
// Held-out real-67's "1500m race" and "National 1500m" (1.50 km in 4:09)
// and real-65's "Open Mile" were no races: every rule of recogniseRace
// starts past 12 minutes or 4.9 km. A session named for its reps ("800m
// reps", the whole session's 8 km) and a 1500 m jogged at the usual pace
// stay no races. (The usual at 1.5 km is the runner's warm-ups'.)
func TestNamedTrackRaceIsARace(t *testing.T) {
	var acts []rekindle.Activity
	start := time.Date(2022, 1, 3, 17, 0, 0, 0, time.UTC)
	for i := range 40 {
		acts = append(acts, run(start.AddDate(0, 0, 2*i), 8+float64(i%3), 280, 0))
		if i%4 == 0 { // warm-ups and cool-downs, recorded apart
			acts = append(acts, run(start.AddDate(0, 0, 2*i).Add(-30*time.Minute), 1.4+float64(i%5)/10, 320, 0))
		}
	}
	named := func(a rekindle.Activity, name string) rekindle.Activity { a.Name = name; return a }
	meet := time.Date(2022, 3, 5, 9, 0, 0, 0, time.UTC) // a Saturday
	acts = append(acts,
		named(run(meet, 1.55, 190, 0), "1500m race"),                           // 4:55
		named(run(meet.Add(2*time.Hour), 0.83, 164, 0), "800m race"),           // 2:16
		named(run(meet.AddDate(0, 0, 4), 8.0, 290, 0), "800m reps"),            // a session
		named(run(meet.AddDate(0, 0, 6), 1.52, 310, 0), "1500m"),               // jogged
		named(run(meet.AddDate(0, 0, 8), 1.62, 175, 0), "Mile time trial"),     // 4:43.5
		named(run(meet.AddDate(0, 0, 10), 1.51, 100, 0), "1500m bike commute"), // no run
		named(run(meet.AddDate(0, 0, 12), 10.4, 322, 0), "1 57.30"),            // a meet recorded whole
	)
	asOf := time.Date(2022, 3, 20, 0, 0, 0, 0, time.UTC)
	got := map[string]RaceCall{}
	for _, rc := range RacesOf(acts, rekindle.Athlete{}, asOf) {
		got[rc.Activity.Name] = rc.Call
	}
	for _, n := range []string{"1500m race", "800m race", "Mile time trial"} {
		if c, ok := got[n]; !ok {
			t.Errorf("%q: no race, want a track race", n)
		} else if c.StandardM == 0 || !strings.Contains(c.Reason, "track race") {
			t.Errorf("%q: %+v, want a track race at its nominal distance", n, c)
		}
	}
	for _, n := range []string{"800m reps", "1500m", "1500m bike commute"} {
		if c, ok := got[n]; ok {
			t.Errorf("%q read as a race: %s", n, c.Reason)
		}
	}
	if c := got["1500m race"]; c.StandardM != 1500 || c.Nominal != "1500 m" {
		t.Errorf("1500m race: nominal %q %.0f m, want 1500 m", c.Nominal, c.StandardM)
	}
	if c, ok := got["1 57.30"]; !ok || !c.NoVDOT || c.StandardM != 0 {
		t.Errorf("a meet titled with its 800 m result: %+v (found %v), want a race that sets no VDOT", c, ok)
	}
	r := Picture(acts, rekindle.Athlete{}, asOf, Options{})
	want := VDOT(1609.344, 1.62*175)
	if v := r.Fitness.VDOT; v < want-0.5 {
		t.Errorf("VDOT %.1f (%s), want the mile's %.1f or more", v, r.Fitness.Said, want)
	}
}
