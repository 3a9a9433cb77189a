package spark

import (
	"testing"
	"time"

	"rekindle"
)

// A counted run faster than the world record at its distance (a source
// whose clock is wrong, held-out real-87) enters the engine by its
// distance and its day only: no speed and no best effort for the pace,
// race and VDOT rules to read. A credible run keeps both.
func TestImpossibleTimeEntersWithoutPace(t *testing.T) {
	efforts := []rekindle.Effort{{Name: "5K", DistanceM: 5000, ElapsedS: 600}}
	wrong := rekindle.Activity{ID: 1, Start: time.Date(2014, 5, 10, 7, 0, 0, 0, time.UTC), Sport: rekindle.SportRunning,
		Summary: rekindle.Summary{DistanceM: 10000, MovingS: 1200, ElapsedS: 1230, AvgSpeedMS: 10000.0 / 1200, BestEfforts: efforts}}
	fair := wrong
	fair.ID, fair.Summary.MovingS, fair.Summary.AvgSpeedMS = 2, 3000, 10000.0/3000
	fair.Summary.BestEfforts = []rekindle.Effort{{Name: "5K", DistanceM: 5000, ElapsedS: 1480}}
	var in Input
	in.AddHistory([]rekindle.Activity{wrong, fair}, nil, nil)
	if len(in.Sessions) != 2 {
		t.Fatalf("%d sessions, want 2", len(in.Sessions))
	}
	w, f := in.Sessions[0], in.Sessions[1]
	if w.DistanceM != 10000 || w.AvgSpeedMS != 0 || len(w.BestEfforts) != 0 {
		t.Errorf("10 km in 20:00: distance %.0f, speed %.2f, %d efforts; want 10000, 0, 0", w.DistanceM, w.AvgSpeedMS, len(w.BestEfforts))
	}
	if f.AvgSpeedMS == 0 || len(f.BestEfforts) != 1 {
		t.Errorf("10 km in 50:00: speed %.2f, %d efforts; want its own", f.AvgSpeedMS, len(f.BestEfforts))
	}
}
