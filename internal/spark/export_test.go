package spark

import (
	"time"

	"rekindle"
	"rekindle/internal/training"
)

// SparkRacesForTest is, for the external tests (package spark_test), the
// ids of the runs of the year up to asOf that the spark's history takes
// for races (history.isRace), with the input built as the CLI builds it
// from the training picture.
func SparkRacesForTest(acts []rekindle.Activity, ath rekindle.Athlete, asOf time.Time) (races map[int64]bool, judged int) {
	tr := training.Picture(acts, ath, asOf, training.Options{})
	in := &Input{AsOf: asOf, Location: ath.Location(), Unit: rekindle.UnitKm}
	var loads map[int64]float64
	in.Training, loads = FromTraining(&tr)
	in.AddHistory(acts, loads, nil)
	h := newHistory(in)
	races = map[int64]bool{}
	for _, s := range h.runs {
		if h.daysAgo(s.Start) >= 365 {
			continue
		}
		judged++
		if h.isRace(s) {
			races[s.ID] = true
		}
	}
	return races, judged
}
