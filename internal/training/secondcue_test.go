package training

import (
	"testing"
	"time"

	"rekindle"
)

// A race by pace alone needs a second cue besides its standard distance. On
// a weekday with no heart rate that cue is a race's hour (7–11, a holiday's
// morning race) off the runner's usual training hour; a name word, a
// weekend morning or a heart rate near the maximum are cues of their own
// (held-out real-32's Thursday 20:54 10K, real-33's weekday 18:18 5Ks).
func TestWeekdayPaceRaceNeedsASecondCue(t *testing.T) {
	ctx := RaceContext{TypicalSpeedMS: 1000 / 330.0, MaxHR: 185} // usual 5:30/km
	tenK := func(name string, start time.Time, hr float64) RaceRun {
		return RaceRun{Name: name, DistanceM: 10100, MovingS: 10.1 * 300, Start: start, AvgHR: hr} // 10% faster
	}
	thuEvening := time.Date(2025, 1, 9, 20, 54, 0, 0, time.UTC)
	thuMorning := time.Date(2025, 1, 9, 8, 30, 0, 0, time.UTC)
	satMorning := time.Date(2025, 1, 11, 8, 30, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		r    RaceRun
		ctx  RaceContext
		want bool
	}{
		{"no heart rate, a weekday evening: pace and distance alone", tenK("Evening Run", thuEvening, 0), ctx, false},
		{"no heart rate, a weekday at a race's hour", tenK("Morning Run", thuMorning, 0), ctx, true},
		{"no heart rate, a weekday at a race's hour that is the runner's usual hour", tenK("Morning Run", thuMorning, 0), RaceContext{TypicalSpeedMS: ctx.TypicalSpeedMS, SlotShare: 0.4}, false},
		{"no heart rate, a weekend morning", tenK("Morning Run", satMorning, 0), ctx, true},
		{"no heart rate, a weekday evening, named like a race (10k)", tenK("Thursday 10k", thuEvening, 0), ctx, true},
		{"a weekday evening at 93% of the maximum heart rate", tenK("Evening Run", thuEvening, 172), ctx, true},
	} {
		if got := RecogniseRace(c.r, c.ctx); got.Race != c.want {
			t.Errorf("%s: race %v (%s), want %v", c.name, got.Race, got.Reason, c.want)
		}
	}
}

// A short run "faster than usual" with heart rate, not near the maximum,
// started on a weekday at the runner's usual training hour, is a tempo run
// (held-out real-34: 5K/10K runs at 5–6 am, 7–15% faster than usual at his
// usual heart rate +1…+18, no race in two years). Off that hour it stays a
// race by pace; a half marathon at the usual hour too (real-02's and
// real-13's evening halves are the year's best, the casebook's VDOT
// reference).
func TestShortTempoAtTheUsualHourIsNoRace(t *testing.T) {
	ctx := RaceContext{TypicalSpeedMS: 1000 / 400.0, MaxHR: 190, TypicalHR: 142, SlotShare: 0.6}
	tue6 := time.Date(2026, 6, 2, 6, 19, 0, 0, time.UTC)
	tempo := RaceRun{Name: "Run", DistanceM: 10000, MovingS: 10 * 345, AvgHR: 149, Start: tue6} // 16% faster
	if c := RecogniseRace(tempo, ctx); c.Race {
		t.Errorf("a 10 km tempo at the usual 6 am weekday hour: race (%s)", c.Reason)
	}
	off := ctx
	off.SlotShare = 0.05
	if c := RecogniseRace(tempo, off); !c.Race || c.Cue != CuePace {
		t.Errorf("the same 10 km at an hour the runner seldom runs: race %v by %q (%s), want a race by pace", c.Race, c.Cue, c.Reason)
	}
	half := RaceRun{Name: "Run", DistanceM: 21150, MovingS: 21.15 * 345, AvgHR: 156, Start: tue6}
	if c := RecogniseRace(half, ctx); !c.Race {
		t.Errorf("a weekday half 16%% faster than usual at the usual hour: no race (%s)", c.Reason)
	}
	hard := tempo
	hard.AvgHR = 172 // 91% of the maximum
	if c := RecogniseRace(hard, ctx); !c.Race {
		t.Errorf("the 10 km at 91%% of the maximum heart rate: no race (%s)", c.Reason)
	}
}

// SlotShare counts weekday starts within an hour of the run's hour; weekend
// starts are no training slot, and too few weekday runs say nothing.
func TestPaceBookSlotShare(t *testing.T) {
	var starts []time.Time
	mon := time.Date(2025, 3, 3, 6, 10, 0, 0, time.UTC)
	for w := range 10 {
		for d := range 3 {
			starts = append(starts, mon.AddDate(0, 0, 7*w+d)) // Mon–Wed 6:10
		}
		starts = append(starts, mon.AddDate(0, 0, 7*w+3).Add(12*time.Hour)) // Thu 18:10
		starts = append(starts, mon.AddDate(0, 0, 7*w+5).Add(2*time.Hour))  // Sat 8:10
	}
	b := NewPaceBook(nil, nil, nil)
	b.AddStarts(starts)
	if got := b.SlotShare(time.Date(2025, 6, 3, 5, 40, 0, 0, time.UTC)); got != 0.75 {
		t.Errorf("share at 5:40 = %.2f, want 0.75 (30 of 40 weekday runs at 6)", got)
	}
	if got := b.SlotShare(time.Date(2025, 6, 3, 9, 0, 0, 0, time.UTC)); got != 0 {
		t.Errorf("share at 9:00 = %.2f, want 0 (Saturday 8:10 starts are no weekday slot)", got)
	}
	few := NewPaceBook(nil, nil, nil)
	few.AddStarts(starts[:10])
	if got := few.SlotShare(mon); got != 0 {
		t.Errorf("share with 8 weekday runs = %.2f, want 0 (no usual hour yet)", got)
	}
}

// A run's usual, against which "not a run of yours" is judged, is measured
// without its own day; and a leg of a same-day cluster (a ride filed as three
// runs of one afternoon) far beyond race margins is no run either. Held-out
// real-33: three 5.1 km "runs" at 3:21, 3:23 and 4:13/km within two hours,
// his only runs of that length, set their own usual (3:23/km) and gave a
// VDOT of 61.2; his 10 km runs are at 6:30/km.
func TestSameDayLegsSetNoUsualNorVDOT(t *testing.T) {
	var acts []rekindle.Activity
	start := time.Date(2024, 1, 3, 18, 0, 0, 0, time.UTC)
	for i := range 40 {
		acts = append(acts, run(start.AddDate(0, 0, 3*i), 10, 390, 0))
	}
	legDay := time.Date(2024, 4, 17, 14, 8, 0, 0, time.UTC) // a Wednesday
	acts = append(acts, run(legDay, 5.1, 253, 0), run(legDay.Add(85*time.Minute), 5.1, 203, 0), run(legDay.Add(107*time.Minute), 5.1, 201, 0))
	var dist, speed []float64
	var day []DayRun
	for _, a := range acts {
		dist, speed = append(dist, a.Summary.DistanceM), append(speed, a.Summary.AvgSpeedMS)
		if a.Start.YearDay() == legDay.YearDay() {
			day = append(day, DayRun{DistanceM: a.Summary.DistanceM, SpeedMS: a.Summary.AvgSpeedMS})
		}
	}
	b := NewPaceBook(dist, speed, nil)
	aside := b.TypicalAside(5100, KindRoad, day)
	if pace := 1000 / aside; pace < 360 || pace > 400 {
		t.Errorf("usual at 5.1 km without the legs' day: %.0f s/km, want the 10 km runs' 6:30 scaled (6:00–6:40)", pace)
	}
	if !b.SameDayOutpaced(5100, day) {
		t.Error("the 4:13 leg's day holds a leg too fast to be a run: not seen")
	}
	if b.SameDayOutpaced(10000, []DayRun{{DistanceM: 10000, SpeedMS: 1000 / 390.0}}) {
		t.Error("an ordinary 10 km day read as outpaced")
	}
	r := Picture(acts, rekindle.Athlete{}, time.Date(2024, 4, 30, 0, 0, 0, 0, time.UTC), Options{})
	if v := r.Fitness.VDOT; v <= 0 || v >= 40 {
		t.Errorf("VDOT %.1f (%s), want that of the 10 km runs at 6:30/km (under 40), not of the legs", v, r.Fitness.Said)
	}
	for _, rc := range RacesOf(acts, rekindle.Athlete{}, time.Date(2024, 4, 30, 0, 0, 0, 0, time.UTC)) {
		if rc.Activity.Start.YearDay() == legDay.YearDay() {
			t.Errorf("a leg of the cluster read as a race: %s", rc.Call.Reason)
		}
	}
}

// A short race is run well above the runner's usual heart rate: a 5 km or
// 10 km "faster than usual" less than raceHRAboveUsual over the usual is a
// good day at training effort, on a weekend morning too (held-out real-34:
// Saturday 10 km runs 7–10% faster than usual at HR 137–142 against a usual
// about 135, no race in two years). Five beats over the usual stays a race.
func TestShortRaceByPaceNeedsAHeartRateWellAboveTheUsual(t *testing.T) {
	ctx := RaceContext{TypicalSpeedMS: 1000 / 390.0, MaxHR: 190, TypicalHR: 135}
	sat := time.Date(2026, 4, 25, 8, 32, 0, 0, time.UTC)
	run := RaceRun{Name: "Run", DistanceM: 10600, MovingS: 10.6 * 349, AvgHR: 138, Start: sat} // 12% faster
	if c := RecogniseRace(run, ctx); c.Race {
		t.Errorf("a Saturday 10 km 12%% faster at HR 138 against a usual 135: race (%s)", c.Reason)
	}
	run.AvgHR = 140
	if c := RecogniseRace(run, ctx); !c.Race {
		t.Errorf("the same 10 km at HR 140, five over the usual: no race (%s)", c.Reason)
	}
}
