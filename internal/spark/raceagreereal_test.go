package spark_test

import (
	"path/filepath"
	"testing"
	"time"

	"rekindle/internal/spark"
	"rekindle/internal/testkit"
	"rekindle/internal/training"
)

// The same real history through the training picture's race pass
// (training.RacesOf) and through the spark's history (history.isRace)
// gives the same races on every date the coach called: the two fill
// training.RaceContext from their own run lists, and must not drift.
// Held-out real-99 (branch racectx29): his 16:04 "Mission Inn 5k" of
// 2019-11-10 was no race in either, for the same field (LongerEquivS: his
// "Highlander 8k" three weeks before, worth 15:17 at 5 km); it is a race in
// both now (training TestTitledDistanceIsNoTempo).
//
// Held-out real-87 2016-12-18: his "run from gpx" 15.5 km of 2016-04-30, at
// a speed over the world record's (rekindle.Activity.TimeImpossible), was
// skipped by the picture's race pass but judged by the spark by its
// distance and moving time: a race "58% faster than usual" in the spark
// alone. The spark now skips it too.
func TestSparkAndPictureAgreeOnRealRaces(t *testing.T) {
	agreeOnRealRaces(t, "real-99", []string{"2019-05-10", "2019-11-12", "2019-11-24", "2020-03-15", "2020-04-26"}, 1000)
	agreeOnRealRaces(t, "real-87", []string{"2016-12-18"}, 100)
}

func agreeOnRealRaces(t *testing.T, runner string, days []string, least int) {
	dir := filepath.Join(testkit.Root(t), "testdata", "casebook", runner)
	db := filepath.Join(t.TempDir(), "agree.db")
	acts, ath := importedRuns(t, db, filepath.Join(dir, "history.csv.gz"))
	loc := ath.Location()
	judged := 0
	for _, d := range days {
		day, err := time.ParseInLocation(time.DateOnly, d, loc)
		if err != nil {
			t.Fatal(err)
		}
		asOf := day.Add(23*time.Hour + 59*time.Minute)
		picture := map[int64]bool{}
		for _, r := range training.RacesOf(acts, *ath, asOf) {
			picture[r.Activity.ID] = true
		}
		sparked, n := spark.SparkRacesForTest(acts, *ath, asOf)
		judged += n
		for i := range acts {
			a := &acts[i]
			if sparked[a.ID] != picture[a.ID] {
				t.Errorf("%s as of %s: %s %q %.1f km: spark race %v, the picture's (RacesOf) %v", runner, d, a.Start.In(loc).Format("Mon 2006-01-02"), a.Name, a.Summary.DistanceM/1000, sparked[a.ID], picture[a.ID])
			}
		}
		if d == "2019-11-12" {
			n := 0
			for i := range acts {
				if acts[i].Start.In(loc).Format(time.DateOnly) == "2019-11-10" && acts[i].Name == "Mission Inn 5k" {
					n++
					if !sparked[acts[i].ID] {
						t.Error("the Mission Inn 5k: no race in the spark")
					}
				}
			}
			if n != 1 {
				t.Fatalf("set-up: %d Mission Inn 5k runs on 2019-11-10", n)
			}
		}
	}
	if judged < least {
		t.Fatalf("set-up: %s: %d runs judged over %d dates", runner, judged, len(days))
	}
}
