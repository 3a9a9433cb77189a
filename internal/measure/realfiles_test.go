package measure_test

import (
	"io"
	"math"
	"os"
	"testing"

	"rekindle"
	"rekindle/internal/fit"
	"rekindle/internal/gpx"
	"rekindle/internal/measure"
	"rekindle/internal/tcx"
	"rekindle/internal/testkit"
)

type decoder func(io.Reader) ([]*rekindle.Activity, error)

// load decodes and measures a real file of testdata/activities (name is
// relative to it); a missing file fails the test.
func load(t *testing.T, dec decoder, name string) []*rekindle.Activity {
	t.Helper()
	f, err := os.Open(testkit.Activities(t, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	acts, err := dec(f)
	if err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
	for _, a := range acts {
		measure.Activity(a)
	}
	return acts
}

func within(t *testing.T, what string, got, want, frac float64) {
	t.Helper()
	if math.Abs(got-want) > frac*math.Abs(want) {
		t.Errorf("%s = %.2f, want %.2f within %.1f%%", what, got, want, frac*100)
	}
}

// The Edge 1000 ride 4078723797 exported as GPX by Garmin Connect and by
// Strava: the FIT session says 57567.24 m, ascent 1254 m, avg HR 165.
func TestRealGPXRide(t *testing.T) {
	for _, name := range []string{"gpx/activity_4078723797.gpx", "gpx/4078723797_strava.gpx"} {
		t.Run(name, func(t *testing.T) {
			acts := load(t, gpx.Decode, name)
			if len(acts) != 1 {
				t.Fatalf("%d activities", len(acts))
			}
			s := acts[0].Summary
			if s.DistanceSource != "gps" {
				t.Errorf("distance source %q", s.DistanceSource)
			}
			within(t, "distance", s.DistanceM, 57567.24, 0.01)
			within(t, "ascent", s.AscentM, 1254, 0.05)
			within(t, "elapsed", s.ElapsedS, 8356, 0.001)
			within(t, "avg HR", s.AvgHR, 165, 0.02)
			// The ride has a few stops (gpxpy: 229 s stopped).
			if s.MovingS > s.ElapsedS || s.MovingS < s.ElapsedS-600 {
				t.Errorf("moving %.0f of elapsed %.0f", s.MovingS, s.ElapsedS)
			}
			if len(s.BestEfforts) != len(rekindle.EffortDistances) {
				t.Errorf("%d best efforts", len(s.BestEfforts))
			}
			if s.MaxSpeedMS < 12 || s.MaxSpeedMS > 25 {
				t.Errorf("max speed %.1f m/s implausible for this ride", s.MaxSpeedMS)
			}
		})
	}
}

// The 2-minute Edge 1000 ride: the device's own distance is 668.19 m, but
// its GPX export has positions only, and GPS alone reads about 35 % long on
// such a short, twisty track. This is why the device channel wins when present.
func TestRealGPXShortRideReadsLong(t *testing.T) {
	acts := load(t, gpx.Decode, "gpx/activity_5039744860.gpx")
	s := acts[0].Summary
	if r := s.DistanceM / 668.19; r < 1.2 || r > 1.5 {
		t.Errorf("GPS distance %.1f is %.2f× the device's; expected about 1.35×", s.DistanceM, r)
	}
}

// Mojstrovka has a bogus clock (every point in 1901 at the same second):
// distance and elevation still come out, times fall back, no best efforts.
func TestRealGPXBogusClock(t *testing.T) {
	acts := load(t, gpx.Decode, "gpx/Mojstrovka.gpx")
	s := acts[0].Summary
	if s.DistanceM < 1000 || s.AscentM < 100 {
		t.Errorf("distance %.0f ascent %.0f", s.DistanceM, s.AscentM)
	}
	if s.ElapsedS != 0 || len(s.BestEfforts) != 0 || len(s.Splits) != 0 {
		t.Errorf("elapsed %.0f efforts %d splits %d from a clock that never moves", s.ElapsedS, len(s.BestEfforts), len(s.Splits))
	}
}

// Device files: distance within 1 % of the device's total, ascent near the
// device's (barometric devices; tolerance from the tuning, see
// ElevationHysteresisM), moving time near the timer on auto-pause files.
func TestRealDeviceFiles(t *testing.T) {
	tests := []struct {
		file     string
		dec      decoder
		idx      int
		ascTol   float64 // fraction; 0 skips the ascent check
		movTimer bool    // auto-pause: moving time ≈ timer time
	}{
		{"fit/garmin-edge-500-activity.fit", fit.Decode, 0, 0.12, true},
		{"fit/4078723797.fit", fit.Decode, 0, 0.03, false},
		{"fit/2020-06-01-16-52-40.fit", fit.Decode, 0, 0, true},
		{"fit/activity-small-fenix2-run.fit", fit.Decode, 0, 0.12, false},
		{"fit/2013-02-06-12-11-14.fit", fit.Decode, 0, 0.05, false},
		{"fit/activity-large-fenxi2-multisport.fit", fit.Decode, 4, 0.06, false},
		{"fit/compressed-speed-distance.fit", fit.Decode, 0, 0, false},
		{"tcx/test.tcx", tcx.Decode, 0, 0, false},
		{"tcx/treadmill_1.tcx", tcx.Decode, 0, 0, false},
		{"tcx/activity_5039744860.tcx", tcx.Decode, 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			acts := load(t, tc.dec, tc.file)
			a := acts[tc.idx]
			s, tot := a.Summary, a.Totals
			if s.DistanceSource != "device" {
				t.Errorf("distance source %q, want device", s.DistanceSource)
			}
			within(t, "distance", s.DistanceM, tot.DistanceM, 0.01)
			if tc.ascTol > 0 {
				within(t, "ascent", s.AscentM, tot.AscentM, tc.ascTol)
			}
			if tc.movTimer {
				within(t, "moving vs timer", s.MovingS, tot.TimerS, 0.02)
			}
			if s.MovingS > s.ElapsedS+0.5 || s.ElapsedS <= 0 {
				t.Errorf("moving %.0f elapsed %.0f", s.MovingS, s.ElapsedS)
			}
			if tot.AvgHR > 0 {
				within(t, "avg HR", s.AvgHR, tot.AvgHR, 0.05)
			}
		})
	}
}

// A pool swim's distance channel holds a few stray values; the file's total wins.
func TestRealPoolSwimDistance(t *testing.T) {
	acts := load(t, fit.Decode, "fit/event_timestamp.fit")
	s := acts[0].Summary
	if s.DistanceSource != "totals" {
		t.Errorf("source %q, want totals", s.DistanceSource)
	}
	within(t, "distance", s.DistanceM, 2606.04, 0.001)
}
