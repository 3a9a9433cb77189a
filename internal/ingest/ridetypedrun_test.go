package ingest

import (
	"strings"
	"testing"

	"rekindle"
	"rekindle/internal/testkit"
)

// A phone app's ride that its converter typed "Run" (Codoon 2014, held-out
// real-74: 10.3 km in 49 minutes, a ride by the app's list; no heart rate,
// no cadence) is read as a ride, with the reason on the file; the runner's
// own runs with a watch's heart rate and the phone-app runs of other real
// histories stay runs (TestRealRunsStayRuns, sportinfer's tests).
func TestRideTypedAsRun(t *testing.T) {
	p := testkit.Activities(t, "workouts-page", "workouts-page-codoon-ride-2014.gpx")
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			res, _ := run(t, s, p)
			acts := list(t, s)
			if len(acts) != 1 {
				t.Fatalf("%d activities", len(acts))
			}
			a := acts[0]
			if a.Sport != rekindle.SportCycling || a.SportSource != rekindle.SportInferredSpeed {
				t.Fatalf("read as %s (%s), want cycling inferred from speed", a.Sport, a.SportSource)
			}
			r := byBase(res, "workouts-page-codoon-ride-2014.gpx")
			if !strings.Contains(strings.Join(r.Warnings, "\n"), "typed a run, but read as cycling") {
				t.Errorf("warnings %q: the runner is not told", r.Warnings)
			}
		})
	}
}

// The real runs of testdata/activities (watch files, with heart rate or
// cadence, and phone-app ones without) keep the sport their file says.
func TestRealRunsStayRuns(t *testing.T) {
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			var paths []string
			for _, g := range []string{"fit/*.fit", "gpx/*.gpx", "tcx/*.tcx"} {
				paths = append(paths, testkit.Glob(t, g)...)
			}
			run(t, s, paths...)
			for _, a := range list(t, s) {
				if a.SportSource == rekindle.SportInferredSpeed && a.Sport == rekindle.SportCycling {
					t.Errorf("%s: a run read as a ride", a.Source.File)
				}
			}
		})
	}
}
