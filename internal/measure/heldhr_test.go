package measure_test

import (
	"math"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/measure"
)

// A watch that writes heart rate in records of their own between the
// position records (a reading every few seconds beside a position every
// second: held-out real-64's Apple Watch files through Strava) leaves most
// samples without a reading. Each reading stands for the samples after it
// (up to MaxHRStepS), so the run has its heart rate: before, the readings
// covered a fifth of the moving time and the run had none (0 bpm, no
// heart-rate histogram, load from pace alone).
func TestSparseHeartRateChannelIsHeld(t *testing.T) {
	t0 := time.Date(2024, 5, 19, 7, 0, 0, 0, time.UTC)
	a := &rekindle.Activity{Start: t0, Sport: rekindle.SportRunning}
	n := 1800
	for i := 0; i < n; i++ {
		a.Track.Time = append(a.Track.Time, t0.Add(time.Duration(i)*time.Second).UnixMilli())
		a.Track.Lat = append(a.Track.Lat, 3.1+float64(i)*0.00003) // about 3.3 m/s north
		a.Track.Lon = append(a.Track.Lon, 101.6)
		hr := float32(math.NaN())
		if i%5 == 0 {
			hr = 150 + float32(i%10) // 150 and 155 alternately
		}
		a.Track.HR = append(a.Track.HR, hr)
	}
	measure.Activity(a)
	s := a.Summary
	if s.AvgHR < 150 || s.AvgHR > 155 {
		t.Fatalf("mean heart rate %.1f, want 150-155 (readings every 5 s held)", s.AvgHR)
	}
	var hrs float64
	for _, v := range s.HRSeconds {
		hrs += float64(v)
	}
	if hrs < 0.95*s.MovingS {
		t.Errorf("heart-rate histogram holds %.0f s of %.0f s moving", hrs, s.MovingS)
	}
	// A reading only every 5 minutes is no channel: gaps past MaxHRStepS are
	// not held, and the readings cover too little of the run.
	for i := range a.Track.HR {
		a.Track.HR[i] = float32(math.NaN())
		if i%300 == 0 {
			a.Track.HR[i] = 150
		}
	}
	a.Summary = rekindle.Summary{}
	measure.Activity(a)
	if a.Summary.AvgHR != 0 {
		t.Errorf("a reading every 5 minutes: mean heart rate %.1f, want none", a.Summary.AvgHR)
	}
}
