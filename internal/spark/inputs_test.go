package spark

import (
	"testing"
	"time"

	"rekindle"
)

func TestAddHistory(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 7, 0, 0, 0, time.UTC)
	acts := []rekindle.Activity{
		{ID: 1, AthleteID: 9, Start: t0, Sport: rekindle.SportRunning, RPE: 6, Summary: rekindle.Summary{DistanceM: 8000, MovingS: 2400}},
		{ID: 2, AthleteID: 9, Start: t0.AddDate(0, 0, 1), Sport: rekindle.SportRunning, RPE: 4, Summary: rekindle.Summary{DistanceM: 5000}},
		{ID: 3, AthleteID: 9, Start: t0.AddDate(0, 0, 2), Sport: rekindle.SportYoga},
	}
	in := &Input{CheckIns: []rekindle.CheckIn{{AthleteID: 9, ActivityID: 2, Enjoyment: 4, RPE: 3}}}
	in.AddHistory(acts, map[int64]float64{1: 55}, map[int64]RouteRef{1: {Key: "7", Name: "the river loop"}})
	if len(in.Sessions) != 3 {
		t.Fatalf("%d sessions, want 3", len(in.Sessions))
	}
	if s := in.Sessions[0]; s.Load != 55 || s.RouteKey != "7" || s.RouteName != "the river loop" || s.DistanceM != 8000 {
		t.Errorf("session 1 = %+v", s)
	}
	if s := in.Sessions[1]; s.Load != 0 || s.RouteKey != "" {
		t.Errorf("session 2 = %+v: no load or route was given", s)
	}
	// Activity 1's RPE becomes a check-in; activity 2 was checked in, so its
	// own check-in (RPE 3) stands and the file's RPE 4 is not added.
	if len(in.CheckIns) != 2 {
		t.Fatalf("check-ins %+v, want the given one plus activity 1's RPE", in.CheckIns)
	}
	if c := in.CheckIns[1]; c.ActivityID != 1 || c.RPE != 6 || c.AthleteID != 9 || !c.At.Equal(t0) {
		t.Errorf("RPE check-in = %+v", c)
	}
}
