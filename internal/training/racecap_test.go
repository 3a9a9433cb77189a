package training

import (
	"math"
	"slices"
	"testing"
	"time"

	"rekindle"
)

// listRun is a run as a Garmin Connect list gives it: totals and a mean
// heart rate, no samples (so no maximum is observed).
func listRun(start time.Time, km, pace, avgHR float64) rekindle.Activity {
	a := run(start, km, pace, avgHR)
	a.Summary.HRSeconds, a.Summary.MaxHR, a.Summary.BestEfforts = nil, 0, nil
	return a
}

// capRunner is a simulated college runner from an activity list: 8 km
// every other day at 4:50/km, mean heart rates 150-171 (a top fifth of
// about 168), and a 5K race on a Saturday morning in 18:20 at HR 182.
func capRunner(asOf time.Time) []rekindle.Activity {
	var acts []rekindle.Activity
	add := func(a rekindle.Activity) {
		a.ID = int64(len(acts) + 1)
		acts = append(acts, a)
	}
	for d := 300; d > 0; d -= 2 {
		add(listRun(asOf.AddDate(0, 0, -d).Add(16*time.Hour), 8, 290, float64(150+(d/2)%22)))
	}
	add(listRun(time.Date(2025, 3, 1, 8, 30, 0, 0, time.UTC), 5.0, 1100/5.0, 182)) // Saturday morning
	return acts
}

// A 15K-10 mile effort recognised as a race by its pace alone (no name, no
// flag), or at an everyday heart rate, or outside a weekend morning, does
// not cap a shorter race backed by its heart rate on a weekend morning: it
// may have been a tempo run (held-out real-49: a Saturday-night 16.1 km at
// 4:11/km capped his 5K races, 50.8 against 55.5). A named longer race, one
// at a race heart rate on a weekend morning, and a half or marathon
// (endurance shows there) still cap.
func TestUnnamedLongEffortCapsNoBackedShortRace(t *testing.T) {
	asOf := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	fiveK := VDOT(5000, 1100)
	long := func(start time.Time, km, s, hr float64, name string) rekindle.Activity {
		a := listRun(start, km, s/km, hr)
		a.Name = name
		return a
	}
	satNight := time.Date(2025, 4, 12, 21, 10, 0, 0, time.UTC)
	satMorning := time.Date(2025, 4, 12, 8, 10, 0, 0, time.UTC)
	sunMorning := time.Date(2025, 4, 13, 8, 10, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		long rekindle.Activity
		caps bool
	}{
		{"Saturday-night 10 mile at HR 182", long(satNight, 16.126, 4054, 182, ""), false},
		{"Sunday-morning marathon at an everyday HR", long(sunMorning, 42.4, 3*3600+10*60, 152, ""), true},
		{"Saturday-morning 10 mile at HR 182", long(satMorning, 16.126, 4054, 182, ""), true},
		{"named 10 mile on a Saturday night", long(satNight, 16.126, 4054, 182, "10 mile race"), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			acts := append(capRunner(asOf), tc.long)
			acts[len(acts)-1].ID = int64(len(acts))
			r := Picture(acts, rekindle.Athlete{}, asOf, Options{})
			if r.Fitness.Basis != "race" {
				t.Fatalf("basis %q, want race", r.Fitness.Basis)
			}
			capped := r.Fitness.VDOT < fiveK-0.01
			if capped != tc.caps {
				t.Errorf("VDOT %.1f from %+v (5K says %.1f): capped %v, want %v", r.Fitness.VDOT, r.Fitness.From, fiveK, capped, tc.caps)
			}
			if !tc.caps && math.Abs(r.Fitness.VDOT-fiveK) > 0.01 {
				t.Errorf("VDOT %.1f, want the 5K's %.1f", r.Fitness.VDOT, fiveK)
			}
		})
	}
}

// A race-distance word in the title of a run far slower than the runner's
// usual pace at that distance names a workout, not a race (held-out
// real-48 2025-06-05: a guided phone-app "5K Run" of 5.00 km in 40:25,
// 8:04/km, at HR 169 of a default maximum 190, against a usual 6:15/km).
// The same title at the usual pace and a hard heart rate is still a race,
// and an untitled 10K at race heart rate clearly faster than usual too.
func TestRaceWordInAFarSlowerRunIsNoRace(t *testing.T) {
	thu := time.Date(2025, 6, 5, 22, 4, 0, 0, time.UTC)
	ctx := RaceContext{TypicalSpeedMS: 2.667, MaxHR: 190, TypicalHR: 154, TypicalDistanceM: 4000, LongestBeforeM: 5000}
	slow := RaceRun{Name: "5k", DistanceM: 5005, MovingS: 2425, Start: thu, AvgHR: 169}
	if c := RecogniseRace(slow, ctx); c.Race {
		t.Errorf("guided 5K at 8:04/km against a usual 6:15: %+v, want no race", c)
	}
	usual := slow
	usual.MovingS = 5005 / 2.6
	if c := RecogniseRace(usual, ctx); !c.Race {
		t.Errorf("\"5k\" at about the usual pace and HR 169: %+v, want a race", c)
	}
	sun := time.Date(2024, 7, 14, 7, 1, 0, 0, time.UTC)
	tenK := RaceRun{DistanceM: 9978, MovingS: 3201, Start: sun, AvgHR: 173}
	if c := RecogniseRace(tenK, RaceContext{TypicalSpeedMS: 2.59, MaxHR: 190, TypicalHR: 154, HighHR: 168}); !c.Race || !c.RaceHR || !c.Supported() {
		t.Errorf("untitled Sunday 10K 20%% faster than usual at HR 173: %+v, want a race backed by its heart rate", c)
	}
}

// A simulated runner: 5-13 km weekday runs at about 4:55/km and HR 155-170
// (median 162, top fifth 168), usual pace at 22 km about 5:30/km, who
// runs a first 22.3 km alone on a Tuesday, names it "Half Marathon" and
// runs it at 5:11/km (6% faster than that usual) and HR 163.
func TestSoloNamedHalfOnAWeekdayIsNoRace(t *testing.T) {
	tue := time.Date(2021, 6, 1, 11, 8, 0, 0, time.UTC)
	ctx := RaceContext{TypicalSpeedMS: 3.03, MaxHR: 190, TypicalHR: 161, RecentHR: 162, HighHR: 168,
		TypicalDistanceM: 7000, LongestBeforeM: 13000}
	solo := RaceRun{Name: "Half Marathon", DistanceM: 22341, MovingS: 6958, Start: tue, AvgHR: 163}
	if c := RecogniseRace(solo, ctx); c.Race {
		t.Errorf("weekday \"Half Marathon\" at the everyday HR and slower than usual: %+v, want no race", c)
	}
	// The same title on a Sunday is a race (an event's day) …
	sun := solo
	sun.Start = time.Date(2021, 6, 6, 9, 0, 0, 0, time.UTC)
	if c := RecogniseRace(sun, ctx); !c.Race || c.Cue != CueName {
		t.Errorf("Sunday \"Half Marathon\": %+v, want a race by its name", c)
	}
	// … and so on a weekday at a race heart rate, or with none known.
	hard := solo
	hard.AvgHR = 172
	if c := RecogniseRace(hard, ctx); !c.Race {
		t.Errorf("weekday \"Half Marathon\" at HR 172 (top fifth 168): %+v, want a race", c)
	}
	noHR := solo
	noHR.AvgHR = 0
	if c := RecogniseRace(noHR, ctx); !c.Race {
		t.Errorf("weekday \"Half Marathon\" with no heart rate: %+v, want a race", c)
	}
	fast := solo
	fast.MovingS = 22341 / 3.35
	if c := RecogniseRace(fast, ctx); !c.Race {
		t.Errorf("weekday \"Half Marathon\" 11%% faster than usual: %+v, want a race", c)
	}
}

// A half marathon or longer found only by its distance on a weekend (a
// marathon's distance at the runner's own pace, or a half far longer than
// their usual run, no heart rate shown for it) is the engine's guess of a
// race, as often a long run: it caps no race the runner named (held-out real-44: a 22.4 km Sunday run with no heart
// rate, 5:19/km, capped his named 5K relay leg, 36.9 against his 42.0). It
// still caps a 5K backed only by its heart rate, as any half or marathon
// does (TestUnnamedLongEffortCapsNoBackedShortRace; held-out real-29 and
// real-48 differ there, left), and a named marathon still caps a named 5K.
func TestDistanceOnlyLongRaceCapsNoNamedShortRace(t *testing.T) {
	asOf := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	fiveK := VDOT(5000, 1100)
	sunMorning := time.Date(2025, 4, 13, 10, 10, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, fiveKName, halfName string
		halfHR                    float64
		// ranBefore: the runner ran a marathon's length two years before
		// (held-out real-29), so this one is no first at the length
		// (RaceCall.EnduranceOnly, TestFirstMarathonCapsNoRacedShortRace).
		ranBefore bool
		caps      bool
	}{
		{"named 5K, marathon by distance alone", "relay", "", 0, false, false},
		{"5K by heart rate, marathon by distance alone", "", "", 0, true, true},
		{"5K by heart rate, a first marathon by distance alone", "", "", 0, false, false},
		{"named 5K, named marathon", "relay", "marathon race", 0, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var acts []rekindle.Activity
			if tc.ranBefore {
				acts = append(acts, listRun(time.Date(2023, 3, 5, 8, 0, 0, 0, time.UTC), 42.6, 460, 0))
			}
			acts = append(acts, capRunner(asOf)...)
			for i := range acts {
				acts[i].ID = int64(i + 1)
			}
			acts[len(acts)-1].Name = tc.fiveKName
			half := listRun(sunMorning, 42.4, 310, tc.halfHR)
			half.Name, half.ID = tc.halfName, int64(len(acts)+1)
			acts = append(acts, half)
			r := Picture(acts, rekindle.Athlete{}, asOf, Options{})
			if r.Fitness.Basis != "race" {
				t.Fatalf("basis %q, want race", r.Fitness.Basis)
			}
			if capped := r.Fitness.VDOT < fiveK-0.01; capped != tc.caps {
				t.Errorf("VDOT %.1f from %+v (5K says %.1f): capped %v, want %v", r.Fitness.VDOT, r.Fitness.From, fiveK, capped, tc.caps)
			}
		})
	}
}

// A race that its pace and its heart rate both show was raced, on a
// weekend morning (RaceCall.Raced), is not capped by the runner's first
// race at a length, unnamed and at an everyday heart rate, that fell a
// fifth or more below it (RaceCall.EnduranceOnly, enduranceGapShare):
// held-out real-48, a beginner of 5-6 km runs whose Sunday 07:01 10K in
// 53:21 at HR 173 (20% faster than usual) sat under his first marathon,
// 5:24:37 at HR 159, and a first 30 km long run (37.1 against 26.0). The
// cap stands when the runner had run the length before (held-out real-29,
// real-26), when the marathon was run at a race heart rate, named or not
// (a named first marathon at an everyday heart rate is
// joggedFirstMarathon's: TestJoggedFirstMarathonCapsNoRacedShortRace), when
// it is within a fifth of the shorter race (an ordinary fade), and when the
// shorter race was only a little faster than usual (held-out real-14: a
// Saturday-morning 10K 6% faster than usual under his first marathon).
func TestFirstMarathonCapsNoRacedShortRace(t *testing.T) {
	asOf := time.Date(2025, 6, 8, 0, 0, 0, 0, time.UTC)
	tenKStart := time.Date(2024, 7, 14, 7, 1, 0, 0, time.UTC)     // a Sunday morning
	marathonDay := time.Date(2024, 10, 20, 8, 24, 0, 0, time.UTC) // a Sunday morning
	// beginner: 5.5 km every third day at 6:40/km, mean heart rates 148-167
	// (a top fifth of about 164), two years of them.
	beginner := func() []rekindle.Activity {
		var acts []rekindle.Activity
		for d := 700; d > 0; d -= 3 {
			acts = append(acts, listRun(asOf.AddDate(0, 0, -d).Add(18*time.Hour), 5.5, 400, float64(148+(d/3)%20)))
		}
		return acts
	}
	tenK := func(s, hr float64) rekindle.Activity { return listRun(tenKStart, 10.0, s/10, hr) }
	marathon := func(s, hr float64, name string) rekindle.Activity {
		a := listRun(marathonDay, 43.66, s/43.66, hr)
		a.Name = name
		return a
	}
	fast10K := tenK(3201, 173)               // 5:20/km, 20% faster than usual: VDOT 37.1
	slowMarathon := marathon(19477, 159, "") // 5:24:37: VDOT 26.0
	for _, tc := range []struct {
		name   string
		tenK   rekindle.Activity
		others []rekindle.Activity
		caps   bool
	}{
		{"first marathon at an everyday heart rate", fast10K, []rekindle.Activity{slowMarathon}, false},
		{"… and a first 30 km long run on a Sunday", fast10K, []rekindle.Activity{listRun(time.Date(2024, 9, 15, 13, 28, 0, 0, time.UTC), 30.87, 15799/30.87, 148), slowMarathon}, false},
		{"a marathon's length run before", fast10K, []rekindle.Activity{listRun(time.Date(2023, 3, 5, 8, 0, 0, 0, time.UTC), 42.6, 460, 150), slowMarathon}, true},
		{"named first marathon at an everyday heart rate", fast10K, []rekindle.Activity{marathon(19477, 159, "marathon")}, false},
		{"named first marathon at a race heart rate", fast10K, []rekindle.Activity{marathon(19477, 170, "marathon")}, true},
		{"first marathon at a race heart rate", fast10K, []rekindle.Activity{marathon(19477, 170, "")}, true},
		{"first marathon within a fifth of the 10K", fast10K, []rekindle.Activity{marathon(16200, 159, "")}, true},
		{"10K at a race heart rate but little faster than usual", tenK(3720, 173), []rekindle.Activity{slowMarathon}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			picture := func(extra ...rekindle.Activity) Report {
				acts := append(beginner(), extra...)
				slices.SortStableFunc(acts, func(a, b rekindle.Activity) int { return a.Start.Compare(b.Start) })
				for i := range acts {
					acts[i].ID = int64(i + 1)
				}
				return Picture(acts, rekindle.Athlete{}, asOf, Options{})
			}
			short := VDOT(10000, tc.tenK.Summary.MovingS)
			if alone := picture(tc.tenK); alone.Fitness.Basis != "race" || math.Abs(alone.Fitness.VDOT-short) > 0.01 {
				t.Fatalf("the 10K alone: %s VDOT %.1f, want a race of %.1f", alone.Fitness.Basis, alone.Fitness.VDOT, short)
			}
			r := picture(append([]rekindle.Activity{tc.tenK}, tc.others...)...)
			if r.Fitness.Basis != "race" {
				t.Fatalf("basis %q, want race", r.Fitness.Basis)
			}
			if capped := r.Fitness.VDOT < short-0.01; capped != tc.caps {
				t.Errorf("VDOT %.1f from %+v (the 10K says %.1f): capped %v, want %v", r.Fitness.VDOT, r.Fitness.From, short, capped, tc.caps)
			}
		})
	}
}

// A race found by its pace alone on an ordinary day (no name, no race heart
// rate on a weekend morning) cannot undercut the runner's long runs held at
// a race heart rate: the year's second best run of 15 km or more at their
// top fifth of mean heart rates stands in (basis "hard_runs"). Held-out
// real-28: a Monday-afternoon 10K by pace at 37.5 against December runs of
// 20.3-21.0 km at HR 164-169 (top fifth 155) of 38.8-39.7. A race on a
// weekend morning at a race heart rate, a named one, long runs at an
// everyday heart rate, or a single hard long run leave the race as it is.
func TestHardLongRunsFloorARaceByPaceAlone(t *testing.T) {
	asOf := time.Date(2020, 9, 20, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		start    time.Time // the 10K's
		tenKName string
		longHR   float64
		hard     int // of the six long runs, how many at longHR (the others at 150)
		floored  bool
	}{
		{"Monday-afternoon 10K by pace, hard long runs", time.Date(2020, 5, 25, 14, 39, 0, 0, time.UTC), "", 168, 6, true},
		{"Sunday-morning 10K at a race heart rate", time.Date(2020, 5, 24, 8, 0, 0, 0, time.UTC), "", 168, 6, false},
		{"named 10K on a Monday", time.Date(2020, 5, 25, 14, 39, 0, 0, time.UTC), "10k race", 168, 6, false},
		{"long runs at an everyday heart rate", time.Date(2020, 5, 25, 14, 39, 0, 0, time.UTC), "", 150, 6, false},
		{"one hard long run", time.Date(2020, 5, 25, 14, 39, 0, 0, time.UTC), "", 168, 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var acts []rekindle.Activity
			// 8 km every other day at 6:00/km, mean heart rates 138-157.
			for d := 700; d > 0; d -= 2 {
				acts = append(acts, listRun(asOf.AddDate(0, 0, -d).Add(13*time.Hour), 8, 360, float64(138+(d/2)%20)))
			}
			// long runs of 20.5 km at 5:18/km, Tuesdays of December 2019.
			for i := 0; i < 6; i++ {
				hr := 150.0
				if i < tc.hard {
					hr = tc.longHR
				}
				acts = append(acts, listRun(time.Date(2019, 12, 3+7*(i%4), 13, 48, 0, 0, time.UTC).AddDate(0, 0, -28*(i/4)), 20.5, 318, hr))
			}
			tenK := listRun(tc.start, 10.0, 317.3, 163) // 52:53: VDOT 37.5
			tenK.Name = tc.tenKName
			acts = append(acts, tenK)
			slices.SortStableFunc(acts, func(a, b rekindle.Activity) int { return a.Start.Compare(b.Start) })
			for i := range acts {
				acts[i].ID = int64(i + 1)
			}
			r := Picture(acts, rekindle.Athlete{}, asOf, Options{})
			race := VDOT(10000, 3173)
			long := VDOT(20500, 20.5*318)
			switch {
			case tc.floored && (r.Fitness.Basis != "hard_runs" || math.Abs(r.Fitness.VDOT-long) > 0.05):
				t.Errorf("%s VDOT %.1f from %+v, want hard_runs %.1f (the race says %.1f)", r.Fitness.Basis, r.Fitness.VDOT, r.Fitness.From, long, race)
			case !tc.floored && (r.Fitness.Basis != "race" || math.Abs(r.Fitness.VDOT-race) > 0.05):
				t.Errorf("%s VDOT %.1f from %+v, want the race's %.1f", r.Fitness.Basis, r.Fitness.VDOT, r.Fitness.From, race)
			}
		})
	}
}

// A race its heart rate and its pace both show was raced (RaceHR and Fast,
// here on a Saturday afternoon) is not capped by a longer race run at the
// runner's everyday heart rate three months or more before it, nor by a
// half's length found by its distance alone at an easy heart rate
// (everydayCap). Held-out real-53 2022-12-11: the "10km" of 19 Nov 2022 in
// 38:52 at HR 178 sat under his "Semi" of 6 Mar 2022 in 1:33:40 at HR 154
// and a Saturday-morning 22.0 km at HR 139 (48.7 against 53.7). A longer
// race run at a race heart rate, one run weeks (not months) before, one
// after the 10K, a long Saturday run at an everyday heart rate, and a
// marathon the runner had run before (held-out real-14, real-21) still cap.
func TestEverydayLongerRaceCapsNoRacedShortRace(t *testing.T) {
	asOf := time.Date(2022, 12, 11, 0, 0, 0, 0, time.UTC)
	tenK := listRun(time.Date(2022, 11, 19, 13, 0, 0, 0, time.UTC), 10.0, 2332/10.0, 180) // Saturday afternoon, 3:53/km
	tenK.Name = "10km"
	half := func(start time.Time, hr float64) rekindle.Activity {
		a := listRun(start, 21.21, 5620/21.21, hr) // 1:33:40
		a.Name = "Semi"
		return a
	}
	long := func(hr float64) rekindle.Activity { // Saturday 3 Dec, 08:40
		return listRun(time.Date(2022, 12, 3, 8, 40, 0, 0, time.UTC), 22.02, 6332/22.02, hr)
	}
	march := time.Date(2022, 3, 6, 8, 53, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		other rekindle.Activity
		caps  bool
	}{
		{"named half at an everyday HR 8 months before", half(march, 154), false},
		{"half's length by distance at an easy HR after", long(139), false},
		{"named half at a race HR 8 months before", half(march, 176), true},
		{"named half at an everyday HR 6 weeks before", half(time.Date(2022, 10, 9, 8, 53, 0, 0, time.UTC), 154), true},
		{"half's length by distance at an everyday HR after", long(158), true},
		{"named marathon at an everyday HR 8 months before, not his first", func() rekindle.Activity {
			a := listRun(march, 42.4, 13200/42.4, 154) // 3:40:00
			a.Name = "Marathon"
			return a
		}(), true},
	} {
		// The marathon of the last case is not the runner's first (real-14's
		// and real-21's were not): a marathon's length a year before it.
		first := listRun(time.Date(2021, 3, 7, 8, 53, 0, 0, time.UTC), 42.3, 330, 150)
		t.Run(tc.name, func(t *testing.T) {
			picture := func(extra ...rekindle.Activity) Report {
				var acts []rekindle.Activity
				for d := 400; d > 0; d -= 2 {
					acts = append(acts, listRun(asOf.AddDate(0, 0, -d).Add(17*time.Hour), 8, 290, float64(150+(d/2)%22)))
				}
				acts = append(acts, extra...)
				slices.SortStableFunc(acts, func(a, b rekindle.Activity) int { return a.Start.Compare(b.Start) })
				for i := range acts {
					acts[i].ID = int64(i + 1)
				}
				return Picture(acts, rekindle.Athlete{}, asOf, Options{})
			}
			short := VDOT(10000, tenK.Summary.MovingS)
			if alone := picture(tenK); alone.Fitness.Basis != "race" || math.Abs(alone.Fitness.VDOT-short) > 0.01 {
				t.Fatalf("the 10K alone: %s VDOT %.1f, want a race of %.1f", alone.Fitness.Basis, alone.Fitness.VDOT, short)
			}
			r := picture(tenK, tc.other, first)
			if r.Fitness.Basis != "race" {
				t.Fatalf("basis %q, want race", r.Fitness.Basis)
			}
			if capped := r.Fitness.VDOT < short-0.01; capped != tc.caps {
				t.Errorf("VDOT %.1f from %+v (the 10K says %.1f): capped %v, want %v", r.Fitness.VDOT, r.Fitness.From, short, capped, tc.caps)
			}
		})
	}
}

// A short race the runner named and ran at a race heart rate keeps its own
// VDOT above a longer race of the year: Daniels' tables are per race, and a
// young or speed-first runner races 5K well above what their endurance
// carries over a half (held-out real-61: a school sports-meet 5000 m on a
// Wednesday afternoon in 20:01 at HR 198, 49.8, ten days after a half in
// 1:43:10, 43.5). The half still sets what endurance decides: the half and
// marathon predictions and marathon pace (Fitness.Endurance). The cap still
// holds a short race that is unnamed, or named at an everyday heart rate,
// or a quarter and more above the longer race (a short course, a faulty
// record).
func TestNamedRacedShortRaceKeepsItsVDOTAboveALongerRace(t *testing.T) {
	asOf := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	half := VDOT(21097.5, 6190)
	base := func() []rekindle.Activity {
		var acts []rekindle.Activity
		for d := 300; d > 0; d -= 2 {
			acts = append(acts, listRun(asOf.AddDate(0, 0, -d).Add(16*time.Hour), 8, 330, float64(150+(d/2)%22)))
		}
		h := listRun(time.Date(2025, 4, 13, 7, 30, 0, 0, time.UTC), 21.29, 6190/21.29, 172) // Sunday morning
		h.Name = "City Half Marathon"
		return append(acts, h)
	}
	wedAfternoon := time.Date(2025, 4, 23, 15, 29, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		s, hr float64
		title string
		keeps bool
	}{
		{"named 5000 m at HR 195", 1201, 195, "校运会5000m", true},
		{"named 5K at an everyday HR", 1201, 160, "运动会5k", false},
		{"unnamed 5K at HR 195", 1201, 195, "", false},
		{"named 5K a third above the half", 1040, 195, "校运会5000m", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			acts := base()
			r5 := listRun(wedAfternoon, 5.01, tc.s/5.01, tc.hr)
			r5.Name = tc.title
			acts = append(acts, r5)
			for i := range acts {
				acts[i].ID = int64(i + 1)
			}
			fiveK := VDOT(5000, tc.s)
			f := Picture(acts, rekindle.Athlete{}, asOf, Options{}).Fitness
			if !tc.keeps {
				if f.VDOT > half+0.01 || f.Endurance != nil {
					t.Errorf("VDOT %.1f (endurance %+v), want the half's %.1f (5K %.1f)", f.VDOT, f.Endurance, half, fiveK)
				}
				return
			}
			if f.Basis != "race" || math.Abs(f.VDOT-fiveK) > 0.01 {
				t.Fatalf("VDOT %.1f basis %q, want the 5K's %.1f (half %.1f)", f.VDOT, f.Basis, fiveK, half)
			}
			if f.Endurance == nil || math.Abs(f.Endurance.VDOT-half) > 0.01 {
				t.Fatalf("endurance %+v, want the half at %.1f", f.Endurance, half)
			}
			for _, p := range f.Predictions {
				want := EquivalentTime(fiveK, p.DistanceM)
				if p.DistanceM > 10000 {
					want = EquivalentTime(half, p.DistanceM)
				}
				if math.Abs(p.VDOTS-want) > 0.5 {
					t.Errorf("%s predicted %.0f s, want %.0f", p.Name, p.VDOTS, want)
				}
			}
			if m := TrainingPaces(half).M; math.Abs(f.Paces.M-m) > 0.01 {
				t.Errorf("marathon pace %.1f s/km, want the half's %.1f", f.Paces.M, m)
			}
			if i := TrainingPaces(fiveK).I; math.Abs(f.Paces.I-i) > 0.01 {
				t.Errorf("interval pace %.1f s/km, want the 5K's %.1f", f.Paces.I, i)
			}
		})
	}
}

// A longer race under a marathon found by its effort alone (its pace, or
// its heart rate) with nothing to back it (no name, flag or mark, not a
// race heart rate on a weekend morning), on a weekday, at a length the
// runner had run before, does not cap a shorter race raced by pace, heart
// rate and day (effortOnlyCap): it is a fast long run of the training.
// Held-out real-94 2026-03-22: a Thursday-afternoon 31.8 km at 4:21/km in
// a marathon build of 30-32 km long runs, read as a 30K race by its pace
// (48.0), capped his Saturday-morning 10 km race at HR 173 (59.5). The
// same long run named a race, run on a weekend, as the runner's first at
// the length, or at a marathon's length still caps.
func TestEffortOnlyLongRaceCapsNoRacedShortRace(t *testing.T) {
	asOf := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	fiveK := VDOT(5000, 1100)
	long := func(start time.Time, km, s, hr float64, name string) rekindle.Activity {
		a := listRun(start, km, s/km, hr)
		a.Name = name
		return a
	}
	// Two slow Wednesday 30 km long runs of the build, weeks before.
	build := []rekindle.Activity{
		long(time.Date(2025, 3, 19, 16, 0, 0, 0, time.UTC), 30.2, 30.2*315, 150, ""),
		long(time.Date(2025, 3, 26, 16, 0, 0, 0, time.UTC), 30.4, 30.4*315, 150, ""),
	}
	thuAfternoon := time.Date(2025, 4, 10, 16, 0, 0, 0, time.UTC)
	satEvening := time.Date(2025, 4, 12, 18, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		long  rekindle.Activity
		build bool
		caps  bool
	}{
		{"Thursday-afternoon 30 km at 4:20/km", long(thuAfternoon, 30.0, 7800, 160, ""), true, false},
		{"Thursday-afternoon 30 km at 4:20/km and HR 182", long(thuAfternoon, 30.0, 7800, 182, ""), true, false},
		{"the same named a race", long(thuAfternoon, 30.0, 7800, 160, "30K race"), true, true},
		{"the same on a Saturday evening", long(satEvening, 30.0, 7800, 160, ""), true, true},
		{"the same as the runner's first 30 km", long(thuAfternoon, 30.0, 7800, 160, ""), false, true},
		{"Thursday-afternoon marathon at 4:30/km", long(thuAfternoon, 42.3, 42.3*270, 160, ""), true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			acts := capRunner(asOf)
			if tc.build {
				acts = append(acts, build...)
			}
			acts = append(acts, tc.long)
			slices.SortStableFunc(acts, func(a, b rekindle.Activity) int { return a.Start.Compare(b.Start) })
			for i := range acts {
				acts[i].ID = int64(i + 1)
			}
			r := Picture(acts, rekindle.Athlete{}, asOf, Options{})
			capped := r.Fitness.VDOT < fiveK-0.01
			if capped != tc.caps {
				t.Errorf("VDOT %.1f (%s) from %+v (5K says %.1f): capped %v, want %v", r.Fitness.VDOT, r.Fitness.Basis, r.Fitness.From, fiveK, capped, tc.caps)
			}
			if !tc.caps && (r.Fitness.Basis != "race" || math.Abs(r.Fitness.VDOT-fiveK) > 0.01) {
				t.Errorf("VDOT %.1f (%s), want the 5K race's %.1f", r.Fitness.VDOT, r.Fitness.Basis, fiveK)
			}
		})
	}
}

// A title that names a rehearsal of a race ("race sim", "Race simulation")
// or a session at a race's pace by its abbreviation ("10k MP", "HMP") names
// training, not an event (held-out real-94's Monday "race sim" of 35.2 km
// at 4:08/km, read as a race by its name, and his "10k MP" at 4:00/km and
// HR 168, read as a 10K race by its pace). "10k race" and an untitled
// Saturday-morning 10 km at a race heart rate still are races.
func TestRaceRehearsalAndPaceSessionTitlesAreNoRace(t *testing.T) {
	mon := time.Date(2026, 4, 6, 9, 10, 0, 0, time.UTC)
	sat := time.Date(2026, 3, 21, 7, 30, 0, 0, time.UTC)
	ctx := RaceContext{TypicalSpeedMS: 3.2, MaxHR: 186, MeasuredMaxHR: 186, TypicalHR: 150, HighHR: 165, TypicalDistanceM: 10000, LongestBeforeM: 32200}
	for _, tc := range []struct {
		name string
		run  RaceRun
		race bool
	}{
		{"race sim", RaceRun{Name: "race sim", DistanceM: 35220, MovingS: 8732, Start: mon, AvgHR: 155}, false},
		{"Race simulation", RaceRun{Name: "Race simulation", DistanceM: 35220, MovingS: 8732, Start: mon, AvgHR: 155}, false},
		{"10k MP", RaceRun{Name: "10k MP", DistanceM: 10480, MovingS: 2510, Start: mon.AddDate(0, 0, 7), AvgHR: 168}, false},
		{"12 km @ HMP", RaceRun{Name: "12 km @ HMP", DistanceM: 12000, MovingS: 2760, Start: mon, AvgHR: 166}, false},
		{"10k race", RaceRun{Name: "10k race", DistanceM: 10120, MovingS: 2137, Start: sat, AvgHR: 173}, true},
		{"untitled Saturday-morning 10 km", RaceRun{DistanceM: 10120, MovingS: 2137, Start: sat, AvgHR: 173}, true},
	} {
		if c := RecogniseRace(tc.run, ctx); c.Race != tc.race {
			t.Errorf("%s: %+v, want race %v", tc.name, c, tc.race)
		}
	}
}
