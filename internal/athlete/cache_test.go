package athlete

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// cacheRunner saves twelve weeks of runs, four a week, for a new athlete.
func cacheRunner(t *testing.T, st *store.Store, name string) *rekindle.Athlete {
	t.Helper()
	ctx := context.Background()
	ath := &rekindle.Athlete{Name: name, TimeZone: "Europe/Paris"}
	if err := st.CreateAthlete(ctx, ath); err != nil {
		t.Fatal(err)
	}
	first := testkit.Midnight.AddDate(0, 0, -84)
	for d := range 84 {
		if d%7 == 1 || d%7 == 4 || d%7 == 6 {
			continue
		}
		km := 6 + float64(d%5) + float64(d)/20
		a := &rekindle.Activity{Start: first.AddDate(0, 0, d).Add(7 * time.Hour), Sport: rekindle.SportRunning, Name: "Morning run",
			Source: rekindle.Source{Format: rekindle.FormatGPX, File: fmt.Sprintf("%s-%d.gpx", name, d), SHA256: fmt.Sprintf("%s%060x", name[:4], d+1)}}
		a.Summary.DistanceM = km * 1000
		a.Summary.AvgSpeedMS = 3 + float64(d%3)/10
		a.Summary.MovingS = a.Summary.DistanceM / a.Summary.AvgSpeedMS
		a.Summary.ElapsedS = a.Summary.MovingS + 45
		a.Summary.Splits = []rekindle.Split{{Unit: "km", Index: 1, DistanceM: 1000, MovingS: 300, ElapsedS: 300}}
		if err := st.SaveActivity(ctx, ath.ID, a); err != nil {
			t.Fatal(err)
		}
	}
	return ath
}

// TestHomeTrendShared: Home's weekly trend, seven evaluations of the
// spark, is kept in the database for the day and the athlete's data stamp:
// another replica (a second App on the same database) reads it instead of
// evaluating again, and a write anywhere makes it computed anew. On SQLite
// and PostgreSQL.
func TestHomeTrendShared(t *testing.T) {
	ctx := context.Background()
	for name, st := range store.TestStores(t) {
		t.Run(name, func(t *testing.T) {
			ath := cacheRunner(t, st, "trend")
			a := New(Config{Store: st, Spark: StoreSpark{Store: st}, Now: testkit.Now})
			b := New(Config{Store: st, Spark: StoreSpark{Store: st}, Now: testkit.Now})
			day := testkit.Midnight
			hv, err := a.Home(WithStamps(ctx), ath, day)
			if err != nil {
				t.Fatal(err)
			}
			if len(hv.Trend) != 8 || hv.Trend[7].Date != day.Format(time.DateOnly) {
				t.Fatalf("trend %+v", hv.Trend)
			}
			stamp, _ := st.AthleteStamp(ctx, ath.ID)
			kept, ok, err := st.SparkTrend(ctx, ath.ID, day.Format(time.DateOnly), stamp.Data)
			if err != nil || !ok || len(kept) != 7 {
				t.Fatalf("kept trend %+v %v %v", kept, ok, err)
			}
			for i, p := range kept {
				if p.Day != hv.Trend[i].Date || p.Score != hv.Trend[i].Score {
					t.Fatalf("kept %+v, home %+v", kept, hv.Trend)
				}
			}
			// B reads the kept trend: marked, the mark shows.
			marked := slices.Clone(kept)
			marked[0].Score = 999
			if err := st.PutSparkTrend(ctx, ath.ID, day.Format(time.DateOnly), stamp.Data, marked); err != nil {
				t.Fatal(err)
			}
			hb, err := b.Home(WithStamps(ctx), ath, day)
			if err != nil {
				t.Fatal(err)
			}
			if hb.Trend[0].Score != 999 || hb.SparkScore != hv.SparkScore || hb.Trend[7] != hv.Trend[7] {
				t.Fatalf("B's trend %+v (A's %+v): the kept one is read", hb.Trend, hv.Trend)
			}
			// A check-in (a write) on the athlete: both compute it again.
			if err := (StoreSpark{Store: st}).AddCheckIn(ctx, rekindle.CheckIn{AthleteID: ath.ID, At: day.Add(-time.Hour), Enjoyment: 4, RPE: 5}); err != nil {
				t.Fatal(err)
			}
			for _, app := range []*App{a, b} {
				h, err := app.Home(WithStamps(ctx), ath, day)
				if err != nil {
					t.Fatal(err)
				}
				if h.Trend[0].Score == 999 || h.Trend[0] != hv.Trend[0] {
					t.Errorf("after a write: trend %+v, want %+v first", h.Trend, hv.Trend[0])
				}
			}
		})
	}
}

// TestSlimEntries: past maxLoaded athletes the least recently used
// entries give up their history but keep their views, which answer without
// reading the history again (the same values); past maxCached they are
// forgotten. The views of a slim entry are the ones computed from the
// history (the same as without the bound).
func TestSlimEntries(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir()+"/t.db")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var aths []*rekindle.Athlete
	for _, n := range []string{"anna", "bert", "cleo"} {
		aths = append(aths, cacheRunner(t, st, n))
	}
	a := New(Config{Store: st, Spark: StoreSpark{Store: st}, Now: testkit.Now})
	a.maxLoaded, a.maxCached = 1, 2
	ref := New(Config{Store: st, Spark: StoreSpark{Store: st}, Now: testkit.Now}) // unbounded
	day := testkit.Midnight
	q := ListQuery{Page: 1, PerPage: 10}
	entry := func(id int64) *cached {
		a.mu.Lock()
		defer a.mu.Unlock()
		return a.cache[id]
	}
	h0, err := a.Home(ctx, aths[0], day)
	if err != nil {
		t.Fatal(err)
	}
	tr0, _ := a.Training(ctx, aths[0], day)
	l0, _ := a.Activities(ctx, aths[0], q)
	if _, err := a.Home(ctx, aths[1], day); err != nil {
		t.Fatal(err)
	}
	c := entry(aths[0].ID)
	if c == nil || c.loaded || c.acts != nil {
		t.Fatalf("the first athlete's entry is not slim: %+v", c)
	}
	if c := entry(aths[1].ID); c == nil || !c.loaded {
		t.Fatal("the second athlete's entry holds the history")
	}
	// The slim entry answers with the views computed before.
	if h, _ := a.Home(ctx, aths[0], day); h != h0 {
		t.Error("Home was computed again")
	}
	if tr, _ := a.Training(ctx, aths[0], day); tr != tr0 {
		t.Error("Training was computed again")
	}
	l, _ := a.Activities(ctx, aths[0], q)
	if l == l0 || !slices.Equal(l.Items, l0.Items) || l.Total != l0.Total {
		t.Errorf("list page %+v, before %+v (a copy of the same)", l, l0)
	}
	if c := entry(aths[0].ID); c.loaded {
		t.Error("views of a slim entry read the history")
	}
	// The same as computed without a bound.
	hr, _ := ref.Home(ctx, aths[0], day)
	lr, _ := ref.Activities(ctx, aths[0], q)
	if hr.SparkScore != h0.SparkScore || !slices.Equal(hr.Trend, h0.Trend) || hr.Activities != h0.Activities || !slices.Equal(lr.Items, l0.Items) {
		t.Errorf("bounded %+v / %+v, unbounded %+v / %+v", h0, l0, hr, lr)
	}
	// A view not computed yet reads the history again, keeping the views.
	if _, err := a.Week(ctx, aths[0].ID, day); err != nil {
		t.Fatal(err)
	}
	if c := entry(aths[0].ID); !c.loaded || c.home[day.Format(time.DateOnly)] != h0 {
		t.Error("a new view loads the history back, the views stay")
	}
	// A third athlete: the least recently used (the second) is forgotten.
	if _, err := a.Home(ctx, aths[2], day); err != nil {
		t.Fatal(err)
	}
	if len(a.cache) != 2 || entry(aths[1].ID) != nil {
		t.Errorf("cache %v: the second athlete's entry is forgotten", a.cache)
	}
	// Slim entries' views are checked against the stamp too.
	if err := (StoreSpark{Store: st}).AddCheckIn(ctx, rekindle.CheckIn{AthleteID: aths[0].ID, At: day.Add(-time.Hour), Enjoyment: 2, RPE: 8}); err != nil {
		t.Fatal(err)
	}
	if h, _ := a.Home(ctx, aths[0], day); h == h0 {
		t.Error("a write is seen by a slim entry's views")
	}
}

// TestBackgroundEntriesGiveWay: an entry made by background work (the
// nightly job) is the first to give up its history, before a runner's
// older one; its views still answer a runner.
func TestBackgroundEntriesGiveWay(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir()+"/t.db")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var aths []*rekindle.Athlete
	for _, n := range []string{"anna", "bert", "cleo"} {
		aths = append(aths, cacheRunner(t, st, n))
	}
	a := New(Config{Store: st, Spark: StoreSpark{Store: st}, Now: testkit.Now})
	a.maxLoaded = 2
	day := testkit.Midnight
	if _, err := a.Home(ctx, aths[0], day); err != nil { // a runner
		t.Fatal(err)
	}
	hb, err := a.Home(inBackground(ctx), aths[1], day) // the nightly job
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Home(ctx, aths[2], day); err != nil { // another runner
		t.Fatal(err)
	}
	a.mu.Lock()
	c0, c1 := a.cache[aths[0].ID], a.cache[aths[1].ID]
	a.mu.Unlock()
	if !c0.loaded || c1.loaded {
		t.Errorf("the runner's entry loaded %v, the job's %v: the job's gives way", c0.loaded, c1.loaded)
	}
	if h, _ := a.Home(ctx, aths[1], day); h != hb {
		t.Error("the job's home view answers the runner")
	}
}
