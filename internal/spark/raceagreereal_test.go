package spark_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/spark"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
	"rekindle/internal/training"
)

// The same real history through the training picture's race pass
// (training.RacesOf) and through the spark's history (history.isRace)
// gives the same races on every date the coach called: the two fill
// training.RaceContext from their own run lists, and must not drift.
// Held-out real-99 (branch racectx29): his 16:04 "Mission Inn 5k" of
// 2019-11-10 is no race in either, for the same field: LongerEquivS, his
// "Highlander 8k" of 2019-10-19 (8.1 km in 25:45, worth 15:17 at 5 km by
// Riegel), which the 5K's 16:04 is slower than 98% of. The run alone
// (typical pace only) reads as a 5K by pace; the context is the same in
// both, and this pins that it stays so.
func TestSparkAndPictureAgreeOnRealRaces(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(testkit.Root(t), "testdata", "casebook", "real-99")
	db := filepath.Join(t.TempDir(), "agree.db")
	runCLI(t, "import", "--db", db, "--quiet", "--keep-originals=false", filepath.Join(dir, "history.csv.gz"))
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ath, err := st.DefaultAthlete(ctx)
	if err != nil {
		t.Fatal(err)
	}
	list, err := st.ListActivities(ctx, ath.ID, store.ActivityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	acts := make([]rekindle.Activity, len(list))
	for i, a := range list {
		acts[i] = *a
	}
	loc := ath.Location()
	judged := 0
	for _, d := range []string{"2019-05-10", "2019-11-12", "2019-11-24", "2020-03-15", "2020-04-26"} {
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
				t.Errorf("as of %s: %s %q %.1f km: spark race %v, the picture's (RacesOf) %v", d, a.Start.In(loc).Format("Mon 2006-01-02"), a.Name, a.Summary.DistanceM/1000, sparked[a.ID], picture[a.ID])
			}
		}
		if d == "2019-11-12" {
			n := 0
			for i := range acts {
				if acts[i].Start.In(loc).Format(time.DateOnly) == "2019-11-10" && acts[i].Name == "Mission Inn 5k" {
					n++
					if sparked[acts[i].ID] {
						t.Error("the Mission Inn 5k: now a race; update this test and FINDINGS (racectx29) with what changed")
					}
				}
			}
			if n != 1 {
				t.Fatalf("set-up: %d Mission Inn 5k runs on 2019-11-10", n)
			}
		}
	}
	if judged < 1000 {
		t.Fatalf("set-up: %d runs judged over the five dates", judged)
	}
}
