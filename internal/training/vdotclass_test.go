package training

import (
	"math"
	"testing"
	"time"

	"rekindle"
)

// A run "faster than usual" by pace is no race when its heart rate, known
// against the runner's own maximum, stayed under the 80% no race from 5K to
// marathon is run below — at any distance (held-out real-21: a Tuesday
// 16 km 35% faster than his usual at 124 of 159, a Saturday 30 km 12%
// faster at 116). The same run at a race's heart rate, or judged against a
// population default only, stays a race by its pace.
func TestRaceByPaceNeedsARaceHeartRate(t *testing.T) {
	tue := time.Date(2025, 6, 17, 10, 17, 0, 0, time.UTC)
	sat := time.Date(2022, 9, 24, 4, 50, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		run  RaceRun
		ctx  RaceContext
	}{
		{"weekday 10 mile", RaceRun{DistanceM: 16025, MovingS: 5668, Start: tue, AvgHR: 124},
			RaceContext{TypicalSpeedMS: 2.1, MaxHR: 159, TypicalHR: 109, TypicalDistanceM: 10000, LongestBeforeM: 22000}},
		{"weekend 30K", RaceRun{DistanceM: 30032, MovingS: 12603, Start: sat, AvgHR: 116},
			RaceContext{TypicalSpeedMS: 2.1, MaxHR: 159, TypicalHR: 115, TypicalDistanceM: 10000, LongestBeforeM: 32000, SecondLongestBeforeM: 25000}},
		{"weekday 5K", RaceRun{DistanceM: 5010, MovingS: 1531, Start: tue, AvgHR: 124},
			RaceContext{TypicalSpeedMS: 2.4, MaxHR: 159, TypicalHR: 110, TypicalDistanceM: 10000, LongestBeforeM: 22000}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			def := RecogniseRace(tc.run, tc.ctx) // MaxHR a default: no share is judged
			if !def.Race || def.Cue != CuePace {
				t.Fatalf("against a default maximum: %+v, want a race by pace (the rule this test guards)", def)
			}
			own := tc.ctx
			own.MeasuredMaxHR = own.MaxHR
			if c := RecogniseRace(tc.run, own); c.Race {
				t.Errorf("at %.0f%% of the runner's own maximum: %+v, want no race", 100*tc.run.AvgHR/own.MaxHR, c)
			}
			hard := tc.run
			hard.AvgHR = math.Ceil(0.88 * own.MaxHR)
			own.TypicalHR = 0
			if c := RecogniseRace(hard, own); !c.Race {
				t.Errorf("at 88%% of the maximum: %+v, want a race", c)
			}
		})
	}
}

// A fast kilometre inside a run over climbs is a descent as likely as an
// effort: it sets no VDOT, as a race over climbs sets none. The run over
// its whole way still counts. (held-out real-21 2023-03-06: a 9.6 km
// mountain run with 337 m of climbing at HR 140 gave "VDOT 36.7" from its
// fastest kilometre against 32.5 from his sustained runs.)
func TestStretchOfAClimbSetsNoVDOT(t *testing.T) {
	asOf := day(120)
	var acts []rekindle.Activity
	for i := 0; i < 40; i++ {
		acts = append(acts, run(day(3*i), 10, 400, 120)) // 6:40/km
	}
	climb := run(day(115), 9.6, 430, 150) // 7:10/km over a mountain
	climb.Summary.AscentM = 340
	climb.Summary.BestEfforts = []rekindle.Effort{{Name: "1k", DistanceM: 1000, ElapsedS: 236}, {Name: "1mi", DistanceM: 1609.344, ElapsedS: 420}}
	flat := climb
	flat.Summary.AscentM = 0
	ath := rekindle.Athlete{MaxHR: 160}
	withFlat := Picture(append(append([]rekindle.Activity{}, acts...), flat), ath, asOf, Options{})
	if withFlat.Fitness.VDOT < 40 {
		t.Fatalf("flat hard run's fast kilometre: VDOT %.1f, want it to set the VDOT (the rule this test guards)", withFlat.Fitness.VDOT)
	}
	r := Picture(append(append([]rekindle.Activity{}, acts...), climb), ath, asOf, Options{})
	if r.Fitness.VDOT >= 40 || r.Fitness.VDOT <= 0 {
		t.Errorf("climb's fast kilometre: VDOT %.1f from %+v, want the runs' level (about 30)", r.Fitness.VDOT, r.Fitness.From)
	}
}

// With no race in the year, the year's sustained runs are a floor under what
// the last three months' efforts say: a runner who ran 13.5 km at 5:54/km in
// March and only short easy runs since is not held to the short runs in
// December (held-out real-21 2025-12-07). The second best counts, so one
// run alone does not set it; the why says where it came from.
func TestSustainedRunsFloorTrainingVDOT(t *testing.T) {
	asOf := day(300)
	var acts []rekindle.Activity
	for i := 0; i < 30; i++ {
		acts = append(acts, run(day(200+3*i), 5, 480, 0)) // 8:00/km, the last three months
	}
	// June's long runs (off race distances: no race by pace), one faster still
	acts = append(acts, run(day(60), 13, 370, 0), run(day(75), 13.5, 354, 0), run(day(90), 14, 330, 0))
	r := Picture(acts, rekindle.Athlete{}, asOf, Options{})
	want := VDOT(13500, 13.5*354) // the second best of the three
	if math.Abs(r.Fitness.VDOT-want) > 0.05 || r.Fitness.Basis != "sustained" {
		t.Fatalf("VDOT %.1f (%s) from %+v, want the second best sustained run's %.1f", r.Fitness.VDOT, r.Fitness.Basis, r.Fitness.From, want)
	}
	if w := r.Fitness.FoundWords(); w != "from your second-best sustained run of the last year (16 Mar 2024), with no race result: a rough figure" {
		t.Errorf("found words %q", w)
	}
}

// The floor is held to the long runs as any short run is (longStandIn): a
// runner whose every long run of the year is slow does not get a VDOT from
// a faster sustained short run with no heart rate behind it (real-12
// 2018-05-20: a 5.8 km at VDOT 35 against his marathon's 24).
func TestSustainedFloorHeldToTheLongRuns(t *testing.T) {
	asOf := day(300)
	var acts []rekindle.Activity
	for i := 0; i < 30; i++ {
		acts = append(acts, run(day(200+3*i), 5, 480, 0))
	}
	acts = append(acts, run(day(60), 13, 370, 0), run(day(75), 13.5, 354, 0), run(day(90), 14, 330, 0))
	acts = append(acts, run(day(150).Add(24*time.Hour), 30, 560, 0)) // a Tuesday 30 km at 9:20/km
	r := Picture(acts, rekindle.Athlete{}, asOf, Options{})
	if r.Fitness.Basis == "sustained" {
		t.Errorf("VDOT %.1f (sustained) from %+v, while the year's long run says %.1f", r.Fitness.VDOT, r.Fitness.From, VDOT(30000, 30*560))
	}
}
