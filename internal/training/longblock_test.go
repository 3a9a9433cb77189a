package training

import (
	"math"
	"testing"
	"time"

	"rekindle"
)

// longBlockYear is twenty weeks of a runner whose long runs are always
// hard (held-out real-78 in outline): easy 8 km at 4:40/km and heart rate
// 150, Tuesday 5 km at 3:50/km and 170, Thursday 14 km at 4:15/km and 155,
// and every other Sunday a 17 km long run at 4:21/km and heart rate 163
// (10 km at 4:40 and 150 on the others). Day-only starts (midnight), as
// his list gives them.
func longBlockYear() []rekindle.Activity {
	var acts []rekindle.Activity
	for w := 0; w < 20; w++ {
		d := 7 * w
		acts = append(acts,
			run(day(d), 8, 280, 150),
			run(day(d+1), 5, 230, 170),
			run(day(d+2), 8, 280, 150),
			run(day(d+3), 14, 255, 155),
			run(day(d+5), 8, 280, 150))
		if w%2 == 0 {
			acts = append(acts, run(day(d+6), 17, 261, 163))
		} else {
			acts = append(acts, run(day(d+6), 10, 280, 150))
		}
	}
	return acts
}

// A weekend half's length at the pace and heart rate of the runner's long
// runs of the weeks before is one more long run of the block, not an
// event: held-out real-78's Sunday 22.0 km at 4:27/km and HR 163 after
// 17-18 km Sundays at 4:21 and 163-164 was read as a half marathon by its
// distance and capped his 10 km race (3:33/km) at its VDOT for months.
// The same length run faster than the block (4:00/km at heart rate 170)
// stays a race.
func TestLongRunAtTheBlocksEffortIsNoRace(t *testing.T) {
	long := run(day(7*16+6), 22, 267, 163) // a Sunday, after 17 km Sundays
	race := run(day(7*18+6), 10, 213, 172)
	race.Name = "Shamrock 10K race"
	acts := append(longBlockYear(), long, race)
	asOf := day(7*19 + 3)
	for _, f := range RacesOf(acts, rekindle.Athlete{}, asOf) {
		if f.Activity.Start.Equal(long.Start) {
			t.Errorf("the 22 km at the long runs' 4:27/km and heart rate 163 read as a race: %+v", f.Call)
		}
	}
	r := Picture(acts, rekindle.Athlete{}, asOf, Options{})
	if want := VDOT(10000, 2130); math.Abs(r.Fitness.VDOT-want) > 1 {
		t.Errorf("VDOT %.1f (%s) from %+v, want the 10K race's %.1f", r.Fitness.VDOT, r.Fitness.Basis, r.Fitness.From, want)
	}
	hard := run(long.Start, 22, 240, 170)
	acts = append(longBlockYear(), hard)
	found := false
	for _, f := range RacesOf(acts, rekindle.Athlete{}, day(7*17)) {
		found = found || f.Activity.Start.Equal(hard.Start)
	}
	if !found {
		t.Errorf("the 22 km at 4:00/km and heart rate 170, faster and harder than the long runs, is no race: want one")
	}
}

// LongBlock's edges: two long runs with heart rate make a block, shorter
// runs and runs without heart rate do not count; inLongBlock's heart rate
// and speed margins.
func TestLongBlockEdges(t *testing.T) {
	var b LongBlock
	b.Add(22000, 17000, 1000/261.0, 163)
	b.Add(22000, 14000, 1000/255.0, 155) // under three quarters of 22 km
	b.Add(22000, 18000, 1000/262.0, 0)   // no heart rate
	if hr, _ := b.Medians(); hr != 0 {
		t.Fatalf("one long run with heart rate made a block (HR %.0f)", hr)
	}
	b.Add(22000, 18500, 1000/262.0, 164)
	hr, speed := b.Medians()
	if hr != 163.5 || speed <= 0 {
		t.Fatalf("block HR %.1f speed %.3f, want 163.5 and a speed", hr, speed)
	}
	ctx := RaceContext{LongBlockHR: hr, LongBlockSpeedMS: speed}
	for _, tc := range []struct {
		name      string
		hr, speed float64
		want      bool
	}{
		{"the block's effort", 163, 1000 / 267.0, true},
		{"a little faster, as hard", 165, 1000 / 253.0, true},
		{"5 bpm over the block", 168.5, 1000 / 267.0, false},
		{"5% faster than the block", 163, 1.05 * speed, false},
		{"no heart rate", 0, 1000 / 267.0, false},
	} {
		r := RaceRun{DistanceM: 22000, AvgHR: tc.hr, Start: time.Time{}}
		if got := inLongBlock(r, ctx, tc.speed); got != tc.want {
			t.Errorf("%s: inLongBlock %v, want %v", tc.name, got, tc.want)
		}
	}
	if inLongBlock(RaceRun{DistanceM: 22000, AvgHR: 163}, RaceContext{}, 1000/267.0) {
		t.Errorf("no block: inLongBlock true")
	}
}
