package training

import (
	"math"
	"strings"
	"testing"

	"rekindle"
)

// One threshold pace: when the runner set one (Settings), the training
// paces show it, not the VDOT's; without one they show the VDOT's.
func TestThresholdPaceIsTheRunnersOwn(t *testing.T) {
	var acts []rekindle.Activity
	for w := range 8 {
		for _, d := range []int{0, 2, 4, 6} {
			acts = append(acts, run(day(7*w+d), 8, 300, 150))
		}
	}
	plain := Picture(acts, rekindle.Athlete{MaxHR: 190, RestingHR: 50}, lastDayOfWeek(7), Options{})
	if plain.Fitness.Paces == nil || plain.Fitness.Paces.T <= 0 {
		t.Fatalf("no paces: %+v", plain.Fitness)
	}
	if plain.Fitness.Paces.TSource != "" {
		t.Errorf("threshold source %q without a set pace", plain.Fitness.Paces.TSource)
	}
	own := 1000 / 291.0 // 4:51/km, slower than the VDOT's
	r := Picture(acts, rekindle.Athlete{MaxHR: 190, RestingHR: 50, ThresholdPaceMS: own}, lastDayOfWeek(7), Options{})
	if math.Abs(r.Fitness.Paces.T-291) > 0.01 || r.Fitness.Paces.TSource != SourceAthlete {
		t.Errorf("threshold pace %.1f s/km (%s), want the runner's 291 (athlete)", r.Fitness.Paces.T, r.Fitness.Paces.TSource)
	}
	if math.Abs(r.Athlete.ThresholdPaceSPerKm-r.Fitness.Paces.T) > 0.01 {
		t.Errorf("two threshold paces: physiology %.1f, paces %.1f", r.Athlete.ThresholdPaceSPerKm, r.Fitness.Paces.T)
	}
	if math.Abs(plain.Fitness.Paces.T-291) < 1 {
		t.Fatal("the test's own pace equals the VDOT's: it proves nothing")
	}
}

// A predicted 5K slower than the runner's best 5K says why: the best is
// older than the fitness the predictions come from.
func TestPredictionSlowerThanBestIsExplained(t *testing.T) {
	var acts []rekindle.Activity
	// A fast 5K race 18 months ago, then a year and more of easy running.
	fast := run(day(0), 5, 228, 0) // 19:00 (×0.97 best effort)
	fast.Name = "Harbour parkrun race"
	acts = append(acts, fast)
	for w := 60; w < 80; w++ {
		for _, d := range []int{0, 2, 4} {
			acts = append(acts, run(day(7*w+d), 8, 330, 0))
		}
	}
	r := Picture(acts, rekindle.Athlete{MaxHR: 190, RestingHR: 50}, lastDayOfWeek(79), Options{})
	var p5 *Prediction
	for i := range r.Fitness.Predictions {
		if r.Fitness.Predictions[i].Name == "5k" {
			p5 = &r.Fitness.Predictions[i]
		}
	}
	var best BestEffort
	for _, b := range r.BestEfforts {
		if b.Name == "5k" {
			best = b
		}
	}
	if p5 == nil || best.ElapsedS == 0 {
		t.Fatalf("no 5K prediction or best: %+v %+v", r.Fitness, r.BestEfforts)
	}
	if p5.VDOTS <= best.ElapsedS {
		t.Fatalf("prediction %.0f s is not slower than the best %.0f s: the test proves nothing", p5.VDOTS, best.ElapsedS)
	}
	if !strings.Contains(p5.Note, "slower than your best 5K (18:26 on ") || !strings.Contains(p5.Note, "follow your fitness now") {
		t.Errorf("note %q", p5.Note)
	}
	for _, p := range r.Fitness.Predictions {
		if p.Name == "marathon" && p.Note != "" {
			t.Errorf("a marathon never run has a note: %q", p.Note)
		}
	}
}
