package spark

import (
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/training"
)

// The spark and the training picture (and with it the race check,
// training.RacesOf) take the same runs for races: one rule, not two. A
// runner whose files carry a mean heart rate but no maximum (summary lists:
// no peak, no maximum set) has no maximum of their own; the picture judged
// no run "hard" by a share of a maximum then, while the spark judged them
// against the population default (190) its resolved maximum falls back to.
// Held-out real-55 2025-09-28: his Thursday-afternoon 5.0 km at 5:08/km and
// HR 168 (88% of 190) was the spark's "last race, 3.4 weeks ago", which the
// race check did not find. Both now judge a share against the same maximum
// (training.RaceShareMaxHR) and a measured one against the runner's own.
func TestSparkAndPictureAgreeOnRaces(t *testing.T) {
	loc := time.UTC
	var acts []rekindle.Activity
	add := func(at time.Time, km, pace, hr float64, name string) int64 {
		id := int64(len(acts) + 1)
		d := km * 1000
		acts = append(acts, rekindle.Activity{ID: id, Start: at, Sport: rekindle.SportRunning, Name: name,
			Summary: rekindle.Summary{DistanceM: d, MovingS: d / 1000 * pace, ElapsedS: d / 1000 * pace, AvgSpeedMS: 1000 / pace, AvgHR: hr}})
		return id
	}
	mon := time.Date(2024, 1, 1, 0, 0, 0, 0, loc)
	for w := range 90 {
		j := float64(w%5) - 2 // a little spread in pace and heart rate
		add(mon.AddDate(0, 0, 7*w+1).Add(17*time.Hour), 6, 340+3*j, 150+j, "Afternoon Run")
		add(mon.AddDate(0, 0, 7*w+3).Add(17*time.Hour), 8, 342-2*j, 152-j, "Afternoon Run")
		add(mon.AddDate(0, 0, 7*w+6).Add(16*time.Hour), 10, 345+j, 151+j, "Afternoon Run")
	}
	// A race both must see: a Sunday-morning 10 km named a race.
	named := add(mon.AddDate(0, 0, 7*80+6).Add(9*time.Hour), 10, 300, 172, "Stadtlauf 10K")
	// A Thursday-afternoon 5 km 5% faster than usual at HR 168: 88% of a
	// default 190, but no maximum of the runner's is known.
	thu := add(mon.AddDate(0, 0, 7*87+3).Add(17*time.Hour+30*time.Minute), 5, 320, 168, "Afternoon Run")
	asOf := mon.AddDate(0, 0, 7*90+6).Add(20 * time.Hour)

	ath := rekindle.Athlete{}
	tr := training.Picture(acts, ath, asOf, training.Options{})
	if tr.Athlete.MaxHR <= 0 || tr.RaceMaxHR != 0 {
		t.Fatalf("set-up: resolved maximum %.0f (%s), race maximum %.0f; want a default and no race maximum", tr.Athlete.MaxHR, tr.Athlete.MaxHRSource, tr.RaceMaxHR)
	}
	picture := map[int64]bool{}
	for _, r := range training.RacesOf(acts, ath, asOf) {
		picture[r.Activity.ID] = true
	}
	in := &Input{AsOf: asOf, Location: loc, Unit: rekindle.UnitKm}
	var loads map[int64]float64
	in.Training, loads = FromTraining(&tr)
	in.AddHistory(acts, loads, nil)
	h := newHistory(in)
	n, seen := 0, false
	for _, s := range h.runs {
		if h.daysAgo(s.Start) >= 365 {
			continue
		}
		n++
		seen = seen || s.ID == thu
		if got := h.isRace(s); got != picture[s.ID] {
			t.Errorf("%s %.1f km at HR %.0f: spark race %v, the picture's (RacesOf) %v (%s)", s.Start.Format("Mon 2006-01-02"), s.DistanceM/1000, s.AvgHR, got, picture[s.ID], h.raceCall(s).Reason)
		}
	}
	if n < 100 || !seen {
		t.Fatalf("set-up: %d runs in the year, the Thursday 5 km among them: %v", n, seen)
	}
	if !picture[named] {
		t.Error("the named Sunday-morning 10K: no race")
	}
}
