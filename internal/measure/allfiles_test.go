package measure_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"rekindle"
	"rekindle/internal/fit"
	"rekindle/internal/gpx"
	"rekindle/internal/measure"
	"rekindle/internal/tcx"
	"rekindle/internal/testkit"
)

// Plausibility bounds every real file must meet once decoded and measured.
const (
	maxElapsedS    = 2 * 24 * 3600.0 // unless the file's own totals say more
	maxCycleMS     = 120 / 3.6
	maxRunMS       = 30 / 3.6
	maxAnyMS       = measure.MaxPlausibleSpeedMS
	minHR, maxHRok = 25.0, 250.0
)

// TestAllFilesPlausible decodes every activity file of testdata/activities,
// measures it and checks that the summary is finite and plausible: the class
// of bug where one damaged record gave a run of 2×10⁹ seconds.
func TestAllFilesPlausible(t *testing.T) {
	decoders := map[string]decoder{".fit": fit.Decode, ".gpx": gpx.Decode, ".tcx": tcx.Decode}
	var files []string
	for _, dir := range []string{"fit", "gpx", "tcx"} {
		files = append(files, testkit.Glob(t, dir+"/*."+dir)...)
	}
	testdata := testkit.Activities(t)
	if len(files) < 40 {
		t.Errorf("only %d activity files found", len(files))
	}
	for _, path := range files {
		name := strings.TrimPrefix(path, testdata+string(filepath.Separator))
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			acts, err := decoders[filepath.Ext(path)](bytes.NewReader(data))
			if errors.Is(err, rekindle.ErrNotActivity) {
				t.Skipf("not an activity: %v", err)
			}
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			for i, a := range acts {
				measure.Activity(a)
				for _, p := range plausibility(a) {
					t.Errorf("activity %d (%s): %s", i, a.Sport, p)
				}
			}
		})
	}
}

// plausibility lists what is wrong with a measured activity.
func plausibility(a *rekindle.Activity) []string {
	var bad []string
	fail := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	s := &a.Summary

	// Every number finite and not negative.
	v := reflect.ValueOf(*s)
	for i := range v.NumField() {
		f := v.Field(i)
		if f.Kind() == reflect.Float64 {
			if x := f.Float(); math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
				fail("%s = %v", v.Type().Field(i).Name, x)
			}
		}
	}
	for _, h := range s.HRSeconds {
		if h != h || h < 0 || math.IsInf(float64(h), 0) {
			fail("HRSeconds holds %v", h)
			break
		}
	}
	for _, sp := range s.Splits {
		for _, x := range []float64{sp.DistanceM, sp.ElapsedS, sp.MovingS, sp.AvgHR, sp.AscentM} {
			if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
				fail("split %s %d: %+v", sp.Unit, sp.Index, sp)
				break
			}
		}
	}
	for _, e := range s.BestEfforts {
		if !(e.ElapsedS > 0) || math.IsInf(e.ElapsedS, 0) || e.StartS < 0 || e.ElapsedS > s.ElapsedS+1 {
			fail("best effort %s: %+v (elapsed %.0f)", e.Name, e, s.ElapsedS)
		}
	}

	// Times.
	limit := max(maxElapsedS, a.Totals.ElapsedS, a.Totals.TimerS)
	if s.ElapsedS > limit {
		fail("elapsed %.0f s is more than %.0f s", s.ElapsedS, limit)
	}
	if s.MovingS > s.ElapsedS+0.5 {
		fail("moving %.1f s more than elapsed %.1f s", s.MovingS, s.ElapsedS)
	}
	if !slices.IsSorted(a.Track.Time) {
		fail("track times go backwards")
	}
	if err := a.Track.Validate(); err != nil {
		fail("%v", err)
	}

	// Speeds.
	top := maxAnyMS
	switch {
	case a.Sport.IsRun():
		top = maxRunMS
	case a.Sport == rekindle.SportCycling || a.Sport == rekindle.SportVirtualRide || a.Sport == rekindle.SportIndoorCycling:
		top = maxCycleMS
	}
	if s.AvgSpeedMS > top || s.MaxSpeedMS > top {
		fail("speeds avg %.1f max %.1f km/h above %.0f km/h", s.AvgSpeedMS*3.6, s.MaxSpeedMS*3.6, top*3.6)
	}

	// Heart rate.
	for _, hr := range []float64{s.AvgHR, s.MaxHR} {
		if hr != 0 && (hr < minHR || hr > maxHRok) {
			fail("heart rate %.0f outside %.0f–%.0f", hr, minHR, maxHRok)
		}
	}
	if s.MaxHR != 0 && s.AvgHR > s.MaxHR {
		fail("avg HR %.0f above max HR %.0f", s.AvgHR, s.MaxHR)
	}
	return bad
}
