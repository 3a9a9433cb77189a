package measure_test

import (
	"strings"
	"testing"

	"rekindle"
	"rekindle/internal/gpx"
	"rekindle/internal/measure"
)

// Real tracks with a vehicle inside: a Garmin eTrex track that is partly a
// car ride (around-visnjan-with-car.gpx) and a GPSBabel walk around
// Cerknica lake with a 33 km/h stretch (cerknicko-jezero.gpx). Taken as
// foot sports, their best efforts leave the vehicle out; as the file says
// (no sport) or as a ride they keep every metre.
func TestRealVehicleInsideFootActivity(t *testing.T) {
	tests := []struct {
		file    string
		sport   rekindle.Sport
		min400  float64 // fastest 400 m at least this, s
		warning string
	}{
		{"gpx/around-visnjan-with-car.gpx", rekindle.SportRunning, 60, "was not covered on foot"},
		{"gpx/cerknicko-jezero.gpx", rekindle.SportHiking, 200, "was not covered on foot"},
		{"gpx/cerknicko-jezero.gpx", rekindle.SportWalking, 200, "was not covered on foot"},
	}
	for _, tc := range tests {
		t.Run(tc.file+" as "+string(tc.sport), func(t *testing.T) {
			acts := load(t, gpx.Decode, tc.file)
			raw := acts[0].Summary.BestEfforts
			a := acts[0]
			a.Sport = tc.sport
			measure.Activity(a)
			var got float64
			for _, e := range a.Summary.BestEfforts {
				if e.Name == "400m" {
					got = e.ElapsedS
				}
			}
			if got < tc.min400 {
				t.Errorf("400m best effort %.0f s on foot, want at least %.0f (the file's own: %v)", got, tc.min400, raw)
			}
			if !strings.Contains(strings.Join(a.Warnings, "|"), tc.warning) {
				t.Errorf("warnings %q, want %q", a.Warnings, tc.warning)
			}
			if len(raw) == 0 || raw[0].ElapsedS >= tc.min400 {
				t.Errorf("as decoded (no sport) the 400m effort was %v: the test no longer shows anything", raw)
			}
		})
	}
}
