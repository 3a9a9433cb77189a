package training

import (
	"testing"
	"time"

	"rekindle"
)

// A longer race named a race that shows nothing of a race's effort but its
// name (no heart rate, not found by its pace) and says less than two
// endurance gaps of what a shorter named race says was not raced: it caps
// nothing. Held-out real-67's Tuesday "Marathon" (a 72-hour charity event,
// 43.3 km at 5:26/km, no heart rate) capped his "National 1500m" of
// 2:46/km: VDOT 38.9 against a 5 km time trial's 63.7. The same marathon
// run fast enough to be within that gap, or at a heart rate, still caps,
// and the marathon stays a race day.
func TestUnracedNamedLongRaceCapsNothing(t *testing.T) {
	start := time.Date(2021, 9, 1, 17, 0, 0, 0, time.UTC)
	history := func() []rekindle.Activity {
		var acts []rekindle.Activity
		for i := range 80 {
			acts = append(acts, run(start.AddDate(0, 0, 2*i), 7+float64(i%4), 300+float64(i%5)*6, 0))
		}
		return acts
	}
	named := func(a rekindle.Activity, name string) rekindle.Activity { a.Name = name; return a }
	charity := time.Date(2021, 10, 5, 3, 11, 0, 0, time.UTC) // a Tuesday
	meet := time.Date(2022, 3, 6, 9, 0, 0, 0, time.UTC)      // a Sunday
	asOf := time.Date(2022, 4, 10, 0, 0, 0, 0, time.UTC)
	mile := VDOT(1500, 1.5*166)

	for _, tc := range []struct {
		name     string
		pace, hr float64
		caps     bool
	}{
		{"no heart rate, far under the 1500 m", 326, 0, false},
		{"no heart rate, within two gaps", 262, 0, true},
		{"at a heart rate", 326, 178, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			acts := append(history(),
				named(run(charity, 43.3, tc.pace, tc.hr), "Marathon"),
				named(run(meet, 1.5, 166, 0), "National 1500m"))
			found := false
			for _, rc := range RacesOf(acts, rekindle.Athlete{}, asOf) {
				found = found || rc.Activity.Name == "Marathon"
			}
			if !found {
				t.Fatal("the named marathon is no race; want a race day either way")
			}
			v := Picture(acts, rekindle.Athlete{}, asOf, Options{}).Fitness.VDOT
			if capped := v < mile-0.5; capped != tc.caps {
				t.Errorf("VDOT %.1f (the 1500 m says %.1f): capped %v, want %v", v, mile, capped, tc.caps)
			}
		})
	}
}

// A longer run taken for a race by its pace alone, off a weekend morning
// and with no heart rate (a guess: as likely a hard long run), caps a
// named shorter race only within one endurance gap (held-out real-67's
// Sunday-afternoon 21.3 km "Back" at 4:11/km, 51.6, capped his "National
// 1500m", 67.2). The same half on a Sunday morning, or within the gap,
// still caps.
func TestGuessedLongRaceCapsANamedRaceWithinAGap(t *testing.T) {
	start := time.Date(2021, 9, 1, 17, 0, 0, 0, time.UTC)
	meet := time.Date(2022, 3, 6, 9, 0, 0, 0, time.UTC) // a Sunday
	asOf := time.Date(2022, 4, 10, 0, 0, 0, 0, time.UTC)
	mile := VDOT(1500, 1.5*166)
	for _, tc := range []struct {
		name  string
		start time.Time
		pace  float64
		caps  bool
	}{
		{"Sunday afternoon, far under the 1500 m", time.Date(2021, 11, 28, 15, 34, 0, 0, time.UTC), 251, false},
		{"Sunday morning", time.Date(2021, 11, 28, 8, 30, 0, 0, time.UTC), 251, true},
		{"Sunday afternoon, within a gap", time.Date(2021, 11, 28, 15, 34, 0, 0, time.UTC), 215, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var acts []rekindle.Activity
			for i := range 80 {
				acts = append(acts, run(start.AddDate(0, 0, 2*i), 7+float64(i%4), 300+float64(i%5)*6, 0))
			}
			half := run(tc.start, 21.3, tc.pace, 0)
			half.Name = "Back"
			nat := run(meet, 1.5, 166, 0)
			nat.Name = "National 1500m"
			acts = append(acts, half, nat)
			found := false
			for _, rc := range RacesOf(acts, rekindle.Athlete{}, asOf) {
				found = found || rc.Activity.Name == "Back"
			}
			if !found {
				t.Fatal("the half is no race; the case needs it taken for one by its pace")
			}
			v := Picture(acts, rekindle.Athlete{}, asOf, Options{}).Fitness.VDOT
			if capped := v < mile-0.5; capped != tc.caps {
				t.Errorf("VDOT %.1f (the 1500 m says %.1f): capped %v, want %v", v, mile, capped, tc.caps)
			}
		})
	}
}

// A meet's title in a college or club runner's log ("Invitational",
// "Regionals", "Canterbury Champs") names a race (held-out real-65's
// cross-country season of 8 km races was no race to the engine); a title
// naming a session beside it ("Invitational warm up") does not.
func TestMeetTitleIsARace(t *testing.T) {
	sat := time.Date(2009, 9, 12, 10, 0, 0, 0, time.UTC)
	ctx := RaceContext{TypicalSpeedMS: 1000 / 270.0}
	for _, tc := range []struct {
		name string
		race bool
	}{
		{"Invitational", true}, {"Regionals", true}, {"NCAA Nationals", true}, {"Canterbury Champs", true},
		{"Invitational warm up", false}, {"National park loop", false},
	} {
		c := RecogniseRace(RaceRun{Name: tc.name, DistanceM: 8000, MovingS: 8 * 194, Start: sat}, ctx)
		if c.Race != tc.race || c.Race && c.Cue != CueName {
			t.Errorf("%q: race %v cue %q (%s), want race %v by its name", tc.name, c.Race, c.Cue, c.Reason, tc.race)
		}
	}
}

// The track's 5000 m and 10,000 m, named in metres as a track runner's log
// names them ("5000", "10000"), are races at their nominal distance by
// their name (held-out real-65's 10,000 m of Friday 23 Apr 2010 in 31:43
// was a race by its pace alone, off a weekend morning, and any long run
// taken for a race capped it: VDOT 51.1 against his 70.0). A 5000 at the
// usual pace, or on a treadmill, is not.
func TestTrackRaceInMetres(t *testing.T) {
	fri := time.Date(2010, 4, 23, 19, 0, 0, 0, time.UTC)
	ctx := RaceContext{TypicalSpeedMS: 1000 / 270.0}
	for _, tc := range []struct {
		name      string
		km, pace  float64
		treadmill bool
		want      float64
	}{
		{"10000", 10, 190, false, 10000},
		{"5000", 5, 185, false, 5000},
		{"5000m", 5.1, 186, false, 5000},
		{"5000", 5, 268, false, 0},
		{"5000", 5, 185, true, 0},
	} {
		c := RecogniseRace(RaceRun{Name: tc.name, DistanceM: tc.km * 1000, MovingS: tc.km * tc.pace, Start: fri, Treadmill: tc.treadmill}, ctx)
		got := 0.0
		if c.Race && c.Named() {
			got = c.StandardM
		}
		if got != tc.want {
			t.Errorf("%q %.1f km at %.0f s/km (treadmill %v): named race at %.0f m (%s), want %.0f", tc.name, tc.km, tc.pace, tc.treadmill, got, c.Reason, tc.want)
		}
	}
}
