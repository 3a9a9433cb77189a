package training

import (
	"math"
	"testing"
	"time"

	"rekindle"
)

func TestRunKind(t *testing.T) {
	for _, c := range []struct {
		sport     rekindle.Sport
		km, climb float64
		want      int
	}{
		{rekindle.SportTrailRunning, 10, 0, KindTrail},  // typed a trail run, climbing unknown
		{rekindle.SportTrailRunning, 10, 50, KindTrail}, // and a climb
		{rekindle.SportRunning, 10, 300, KindTrail},     // 30 m/km: a mountain run typed "running"
		{rekindle.SportRunning, 10, 120, KindRoad},      // 12 m/km: a hilly road run
		{rekindle.SportRunning, 10, 0, KindRoad},        // a summary with no climb
		{rekindle.SportTreadmill, 10, 0, KindRoad},      // flat by construction
		{rekindle.SportTrack, 5, 0, KindRoad},           //
		{rekindle.SportRunning, 0, 100, KindRoad},       // no distance: nothing to say
	} {
		if got := RunKind(c.sport, c.km*1000, c.climb); got != c.want {
			t.Errorf("RunKind(%s, %.0f km, %.0f m) = %d, want %d", c.sport, c.km, c.climb, got, c.want)
		}
	}
}

// A mountain runner's usual pace is two: 9:00/km on trails, 6:30/km on the
// road. A run is compared with the runs of its kind; a kind with too few
// runs of its own is compared with all of them.
func TestPaceBookKinds(t *testing.T) {
	var dist, speed []float64
	var kind []int
	for i := 0; i < 30; i++ {
		dist, speed, kind = append(dist, 10000+float64(i)*100), append(speed, 1000/540.0), append(kind, KindTrail)
	}
	for i := 0; i < 12; i++ {
		dist, speed, kind = append(dist, 10000+float64(i)*100), append(speed, 1000/390.0), append(kind, KindRoad)
	}
	b := NewPaceBookKinds(dist, speed, nil, kind)
	if got := b.TypicalOf(10000, KindRoad); math.Abs(got-1000/390.0) > 1e-9 {
		t.Errorf("road usual %.3f m/s, want the road runs' %.3f", got, 1000/390.0)
	}
	if got := b.TypicalOf(10000, KindTrail); math.Abs(got-1000/540.0) > 1e-9 {
		t.Errorf("trail usual %.3f m/s, want the trail runs' %.3f", got, 1000/540.0)
	}
	if all := b.Typical(10000); math.Abs(all-1000/540.0) > 1e-9 {
		t.Errorf("all runs' usual %.3f m/s, want the trail-heavy median %.3f", all, 1000/540.0)
	}
	// Three road runs only: the road usual is the whole book's.
	b = NewPaceBookKinds(dist[:33], speed[:33], nil, kind[:33])
	if got, all := b.TypicalOf(10000, KindRoad), b.Typical(10000); got != all {
		t.Errorf("road usual from 3 road runs %.3f, want the whole book's %.3f", got, all)
	}
	// A book made without kinds answers as Typical.
	p := NewPaceBook(dist, speed, nil)
	if got, all := p.TypicalOf(10000, KindRoad), p.Typical(10000); got != all {
		t.Errorf("TypicalOf without kinds %.3f, want Typical %.3f", got, all)
	}
	var nilBook *PaceBook
	if got := nilBook.TypicalOf(10000, KindRoad); got != 0 {
		t.Errorf("nil book: %.3f", got)
	}
}

// A mountain runner (held-out real-21's class: two-thirds of the runs are
// trail runs at 9:00/km and more) runs a steady 10 km on the road at their
// usual road pace. Against every run it is "40% faster than your usual
// pace", a 10K race; against their road runs it is an ordinary road run.
// And a trail race whose climbing is unknown (a summary typed trail
// running) sets no VDOT: its time says nothing of flat running.
func TestRoadRunJudgedAgainstRoadRuns(t *testing.T) {
	asOf := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	var acts []rekindle.Activity
	add := func(a rekindle.Activity) {
		a.ID = int64(len(acts) + 1)
		acts = append(acts, a)
	}
	for d := 200; d > 1; d-- {
		day := asOf.AddDate(0, 0, -d).Add(7 * time.Hour)
		switch d % 3 {
		case 0, 1:
			tr := run(day, 10, 540, 120)
			tr.Sport = rekindle.SportTrailRunning
			add(tr)
		case 2:
			if d%6 == 2 {
				add(run(day, 10, 400, 110))
			} else {
				add(run(day, 10, 380, 110))
			}
		}
	}
	road := run(time.Date(2025, 6, 25, 18, 0, 0, 0, time.UTC), 10.05, 375, 118) // a Wednesday evening
	add(road)
	var in []dated
	for i := range acts {
		in = append(in, dated{a: &acts[i], day: dayNum(acts[i].Start, time.UTC), year: acts[i].Start.Year()})
	}
	today := dayNum(asOf, time.UTC)
	for _, r := range recogniseRaces(in, time.UTC, today, 170) {
		if r.a.ID == road.ID || r.a.Start.Equal(road.Start) {
			t.Errorf("a road 10 km at the usual road pace read as a race: %s", r.call.Reason)
		}
	}
	if b := paceBookOf(in, today); b.Typical(10050) > 1000/500.0 {
		t.Fatalf("the test needs a usual over all runs set by the trail runs, got %.2f m/s", b.Typical(10050))
	}

	// A trail run with no climbing known, far faster than the usual trail
	// run (mountain days walked set it), on a Wednesday: its pace says
	// nothing of its effort, so no race by pace; with a measured, gentle
	// climb it is compared as any run is.
	path := RaceRun{DistanceM: 15100, MovingS: 15.1 * 420, Start: time.Date(2025, 6, 25, 18, 0, 0, 0, time.UTC), Trail: true}
	trailCtx := RaceContext{TypicalSpeedMS: 1000 / 600.0, TypicalDistanceM: 10000}
	if c := RecogniseRace(path, trailCtx); c.Race {
		t.Errorf("a trail 15 km of unknown climb, 30%% faster than the usual trail run: race (%s)", c.Reason)
	}
	path.AscentM = 150 // 10 m/km
	if c := RecogniseRace(path, trailCtx); !c.Race {
		t.Errorf("a gentle trail 15 km, 30%% faster than the usual trail run: no race (%s)", c.Reason)
	}

	// A trail race typed so, with no climbing known, named a race: a race
	// that sets no VDOT. With its climb measured and flat, it sets one.
	trail := RaceRun{Name: "Trail race", DistanceM: 21300, MovingS: 21.3 * 420, Start: time.Date(2025, 6, 29, 7, 0, 0, 0, time.UTC), Trail: true}
	c := RecogniseRace(trail, RaceContext{})
	if !c.Race || !c.NoVDOT {
		t.Errorf("a trail race of unknown climb: race %v, no VDOT %v; want a race with no VDOT", c.Race, c.NoVDOT)
	}
	trail.AscentM = 60 // 3 m/km: measured and flat
	if c := RecogniseRace(trail, RaceContext{}); !c.Race || c.NoVDOT {
		t.Errorf("a flat trail race: race %v, no VDOT %v; want a race with a VDOT", c.Race, c.NoVDOT)
	}
}
