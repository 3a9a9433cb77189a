package spark_test

import (
	"testing"
	"time"

	"rekindle/internal/spark"
)

// A figure on a rounding tie is the data's whichever way the float noise
// of its sum falls: the usual week of two weeks of 9.52 and 8.78 km is
// 9.15 km, which the check's median holds as 9.149999999999999 and the
// engine (summing in another order) prints as "9.2" (held-out real-121
// 2016-01-24, "against 9.2 km in a usual week of the past year").
func TestCheckWhyRoundingTie(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	acts := []activityJSON{
		{Start: day.AddDate(0, 0, -10).Add(7 * time.Hour), Sport: "running", DistanceM: 9520, MovingS: 3000},
		{Start: day.AddDate(0, 0, -17).Add(7 * time.Hour), Sport: "running", DistanceM: 8780, MovingS: 2800},
	}
	rep := &sparkJSON{Signals: map[string]spark.Signal{}, Recs: []spark.Recommendation{{Why: "Against 9.2 km in a usual week of the past year."}}}
	if c := checkWhy(rep, acts, "2026-03-01", time.UTC); c.numbers != 1 || c.exact != 1 {
		t.Errorf("checkWhy = %+v, want 1 number, exact (9.15 rounds half up to 9.2)", c)
	}
	rep.Recs[0].Why = "Against 9.3 km in a usual week of the past year."
	if c := checkWhy(rep, acts, "2026-03-01", time.UTC); c.numbers != 1 || c.unexplained != 1 {
		t.Errorf("checkWhy = %+v, want 1 number, unexplained (9.3 is no figure of the data)", c)
	}
}
