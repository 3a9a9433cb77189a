package training

import (
	"testing"
	"time"

	"rekindle"
)

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
