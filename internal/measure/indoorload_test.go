package measure_test

import (
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/measure"
	"rekindle/internal/training"
)

// What training makes of a phone app's two-point treadmill hour (one heart
// rate reading at each end): not the biggest load of the month at the last
// reading, but duration (and the file's mean heart rate when it has one).
func TestTwoPointIndoorLoad(t *testing.T) {
	t0 := time.Date(2024, 3, 5, 18, 0, 0, 0, time.UTC)
	p := training.LoadParams{RestingHR: 50, MaxHR: 190, TRIMP: training.TRIMPConstantsFor(rekindle.SexMale)}
	mk := func(tot rekindle.Totals, hr []float32) *rekindle.Activity {
		a := &rekindle.Activity{Start: t0, Sport: rekindle.SportTreadmill, Totals: tot,
			Track: rekindle.Track{Time: []int64{t0.UnixMilli(), t0.Add(time.Hour).UnixMilli()}, HR: hr}}
		measure.Activity(a)
		return a
	}
	// The same hour recorded every second at the last reading, 168 bpm: the
	// load the two-point file used to get.
	hard := &rekindle.Activity{Start: t0, Sport: rekindle.SportTreadmill}
	for i := 0; i <= 3600; i++ {
		hard.Track.Time = append(hard.Track.Time, t0.Add(time.Duration(i)*time.Second).UnixMilli())
		hard.Track.HR = append(hard.Track.HR, 168)
	}
	measure.Activity(hard)
	hardLoad := training.SessionLoadOf(hard, p, time.UTC)

	tests := []struct {
		name   string
		a      *rekindle.Activity
		method training.LoadMethod
	}{
		{"readings at both ends only", mk(rekindle.Totals{}, []float32{72, 168}), training.MethodDurationDefault},
		{"with the file's mean heart rate", mk(rekindle.Totals{AvgHR: 138}, []float32{72, 168}), training.MethodHRTRIMP},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := training.SessionLoadOf(tc.a, p, time.UTC)
			if l.Method != tc.method {
				t.Errorf("method %s, want %s", l.Method, tc.method)
			}
			if l.DurationS != 3600 {
				t.Errorf("duration %.0f s, want 3600", l.DurationS)
			}
			if !(l.Load > 20 && l.Load < 0.8*hardLoad.Load) {
				t.Errorf("load %.1f, want between 20 and 80%% of the hour at 168 bpm (%.1f)", l.Load, hardLoad.Load)
			}
		})
	}
}
