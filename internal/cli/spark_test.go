package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// sparkHistory stores weeks of runs for the default athlete: five runs a
// week (Mon, Tue, Thu, Sat, Sun), volume rising 9% a week from week 8 with
// no light week, each with a check-in whose enjoyment falls from 4 to 2.
// It returns the store path and the last day.
func sparkHistory(t testing.TB, weeks int, checkIns bool) (string, time.Time) {
	t.Helper()
	return sparkHistoryIn(t, filepath.Join(t.TempDir(), "spark.db"), weeks, checkIns)
}

// sparkHistoryIn is sparkHistory in the database path (a SQLite file or a
// PostgreSQL DSN).
func sparkHistoryIn(t testing.TB, path string, weeks int, checkIns bool) (string, time.Time) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ath, err := s.DefaultAthlete(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2015, 1, 5, 7, 0, 0, 0, time.UTC) // a Monday
	var batch store.Batch
	type pending struct {
		a     *rekindle.Activity
		enjoy int
	}
	var runs []pending
	for w := range weeks {
		week := 35.0
		switch {
		case w%4 == 3 && w < weeks-8:
			week = 25
		case w >= weeks-7:
			week = 38 * math.Pow(1.09, float64(w-(weeks-7)))
		}
		enjoy := 4
		if w >= weeks-5 {
			enjoy = 3
		}
		if w >= weeks-3 {
			enjoy = 2
		}
		for i, d := range []int{0, 1, 3, 5, 6} {
			km := week * []float64{0.18, 0.18, 0.2, 0.14, 0.3}[i]
			speed := 1000 / 330.0
			fast := 1.03
			if d == 3 {
				fast = 1.2
			}
			a := &rekindle.Activity{Start: t0.AddDate(0, 0, 7*w+d), Sport: rekindle.SportRunning, Name: fmt.Sprintf("Run %d.%d", w, i),
				Source: rekindle.Source{Format: rekindle.FormatDemo, Index: len(runs)}, Gear: "Pegasus 40"}
			a.Summary = rekindle.Summary{DistanceM: km * 1000, MovingS: km * 1000 / speed, ElapsedS: km * 1000 / speed, AvgSpeedMS: speed,
				DistanceSource: "gps", BestEfforts: []rekindle.Effort{{Name: "1k", DistanceM: 1000, ElapsedS: 1000 / (speed * fast)}}}
			if km >= 5 {
				a.Summary.BestEfforts = append(a.Summary.BestEfforts, rekindle.Effort{Name: "5k", DistanceM: 5000, ElapsedS: 5000 / (speed * 1.01)})
			}
			p, err := store.Prepare(a)
			if err != nil {
				t.Fatal(err)
			}
			batch.New = append(batch.New, p)
			runs = append(runs, pending{a, enjoy})
		}
	}
	if err := s.WriteBatch(ctx, ath.ID, &batch); err != nil {
		t.Fatal(err)
	}
	if checkIns {
		for _, r := range runs {
			c := store.CheckIn{CheckIn: rekindle.CheckIn{AthleteID: ath.ID, ActivityID: r.a.ID, At: r.a.Start.Add(time.Hour), Enjoyment: r.enjoy, RPE: 5, Surface: "road"}}
			if err := s.SaveCheckIn(ctx, &c); err != nil {
				t.Fatal(err)
			}
		}
	}
	return path, t0.AddDate(0, 0, 7*weeks-1)
}

func sparkRun(t testing.TB, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

type sparkJSON struct {
	AsOf       string `json:"as_of"`
	SparkScore *int   `json:"spark_score"`
	Signals    map[string]struct {
		Value  float64 `json:"value"`
		Source string  `json:"source"`
	} `json:"signals"`
	Diagnoses []struct {
		Key        string  `json:"key"`
		Confidence float64 `json:"confidence"`
		Evidence   []any   `json:"evidence"`
	} `json:"diagnoses"`
	Recommendations []struct {
		ID       string   `json:"id"`
		Strategy string   `json:"strategy"`
		Title    string   `json:"title"`
		Why      string   `json:"why"`
		Actions  []string `json:"actions"`
		Evidence []any    `json:"evidence"`
	} `json:"recommendations"`
	Experiments []struct {
		RecID   string `json:"recommendation_id"`
		Outcome string `json:"outcome"`
	} `json:"experiments"`
}

func sparkAt(t *testing.T, db string, day time.Time) sparkJSON {
	t.Helper()
	out, errs, code := sparkRun(t, "spark", "--db", db, "--json", "--as-of", day.Format(time.DateOnly))
	if code != 0 {
		t.Fatalf("spark: exit %d: %s", code, errs)
	}
	var r sparkJSON
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("spark --json: %v\n%s", err, out)
	}
	return r
}

func TestSparkCommand(t *testing.T) {
	db, last := sparkHistory(t, 20, true)
	r := sparkAt(t, db, last)
	if r.AsOf != last.Format(time.DateOnly) || r.SparkScore == nil || len(r.Signals) < 10 || len(r.Diagnoses) == 0 || len(r.Recommendations) == 0 {
		t.Fatalf("spark --json = %+v", r)
	}
	if r.Diagnoses[0].Key != "overreached" && r.Diagnoses[0].Key != "low_enjoyment" {
		t.Errorf("diagnoses %+v", r.Diagnoses)
	}
	top := r.Recommendations[0]
	if top.Strategy != "rest" || !strings.Contains(top.Why, "without a light week") || len(top.Actions) == 0 {
		t.Errorf("top = %+v", top)
	}
	if s := r.Signals["fitness"]; s.Source != "training" {
		t.Errorf("fitness signal %+v: want it from the training picture", s)
	}

	// Human output.
	out, _, code := sparkRun(t, "spark", "--db", db, "--as-of", last.Format(time.DateOnly))
	if code != 0 || !strings.Contains(out, "Spark score") || !strings.Contains(out, "id "+top.ID) {
		t.Errorf("human output:\n%s", out)
	}

	// Accept the top idea on the last day; a week later it is being watched
	// and not offered; after the window, with nothing changed, it is
	// no_change and the next idea is a different strategy.
	if _, errs, code := sparkRun(t, "spark", "--db", db, "--as-of", last.Format(time.DateOnly), "accept", top.ID, "--window", "14"); code != 0 {
		t.Fatalf("accept: %s", errs)
	}
	if _, errs, code := sparkRun(t, "spark", "--db", db, "accept", "no-such-idea"); code != 1 || !strings.Contains(errs, "no idea") {
		t.Errorf("accept unknown: exit %d %s", code, errs)
	}
	r = sparkAt(t, db, last.AddDate(0, 0, 7))
	if len(r.Experiments) != 1 || r.Experiments[0].Outcome != "watching" {
		t.Errorf("a week in: experiments %+v", r.Experiments)
	}
	for _, rec := range r.Recommendations {
		if rec.ID == top.ID {
			t.Errorf("%s offered while being tried", rec.ID)
		}
	}
	r = sparkAt(t, db, last.AddDate(0, 0, 15))
	if len(r.Experiments) != 1 || r.Experiments[0].Outcome == "watching" {
		t.Errorf("after the window: experiments %+v", r.Experiments)
	}
	if len(r.Recommendations) > 0 && r.Recommendations[0].Strategy == "rest" && r.Experiments[0].Outcome != "worked" {
		t.Errorf("rest offered again after %s", r.Experiments[0].Outcome)
	}

	// Dismiss and snooze.
	r = sparkAt(t, db, last)
	second := r.Recommendations[1].ID
	if _, errs, code := sparkRun(t, "spark", "--db", db, "--as-of", last.Format(time.DateOnly), "dismiss", second); code != 0 {
		t.Fatal(errs)
	}
	for _, rec := range sparkAt(t, db, last).Recommendations {
		if rec.ID == second {
			t.Errorf("dismissed %s still offered", second)
		}
	}
	out, _, _ = sparkRun(t, "spark", "--db", db, "experiments", "--json")
	if !strings.Contains(out, `"dismissed"`) || !strings.Contains(out, `"accepted"`) {
		t.Errorf("experiments: %s", out)
	}
}

func TestCheckInCommand(t *testing.T) {
	db, _ := sparkHistory(t, 2, false)
	out, errs, code := sparkRun(t, "checkin", "--db", db, "--activity", "last", "--enjoyment", "5", "--rpe", "3", "--companions", "2", "--surface", "trail", "--note", "sunrise")
	if code != 0 || !strings.Contains(out, "enjoyment 5/5") {
		t.Fatalf("checkin: %d %s %s", code, out, errs)
	}
	// Again for the same run replaces it.
	if _, errs, code := sparkRun(t, "checkin", "--db", db, "--activity", "last", "--enjoyment", "4"); code != 0 {
		t.Fatal(errs)
	}
	out, _, _ = sparkRun(t, "checkin", "list", "--db", db, "--json")
	var list []struct {
		ID         int64    `json:"id"`
		Enjoyment  int      `json:"enjoyment"`
		RPE        *float64 `json:"rpe"`
		Companions *int     `json:"companions"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 1 || list[0].Enjoyment != 4 || list[0].RPE != nil {
		t.Fatalf("list: %v %s", err, out)
	}
	// A quick check-in does not say who the runner ran with: not "alone" (0).
	if list[0].Companions != nil {
		t.Errorf("quick check-in companions %d, want null (not said)", *list[0].Companions)
	}
	if _, errs, code := sparkRun(t, "checkin", "edit", fmt.Sprint(list[0].ID), "--db", db, "--rpe", "7"); code != 0 {
		t.Fatal(errs)
	}
	out, _, _ = sparkRun(t, "checkin", "list", "--db", db, "--json")
	if !strings.Contains(out, `"rpe": 7`) {
		t.Errorf("after edit: %s", out)
	}
	for _, bad := range [][]string{
		{"checkin", "--db", db, "--enjoyment", "9"},
		{"checkin", "--db", db, "--enjoyment", "3", "--surface", "lava"},
		{"checkin", "--db", db, "--enjoyment", "3", "--activity", "99999"},
	} {
		if _, _, code := sparkRun(t, bad...); code == 0 {
			t.Errorf("%v accepted", bad)
		}
	}
	if _, errs, code := sparkRun(t, "checkin", "delete", fmt.Sprint(list[0].ID), "--db", db); code != 0 {
		t.Fatal(errs)
	}

	// The spark check, by flag and interactively.
	if out, errs, code := sparkRun(t, "checkin", "spark", "--db", db, "--answers", "drained=4,heavy=4,care_less=2,look_forward=4,stuck=3,progress=3"); code != 0 || !strings.Contains(out, "Exhaustion 4.0") {
		t.Fatalf("spark check: %s %s", out, errs)
	}
	var o, e bytes.Buffer
	code = Main(context.Background(), []string{"checkin", "spark", "--db", db}, strings.NewReader("2\n2\nx\n1\n5\n2\n4\n"), &o, &e)
	if code != 0 || !strings.Contains(o.String(), "Please answer 1 to 5") || !strings.Contains(o.String(), "Exhaustion 2.0, losing interest 1.0, not getting anywhere 2.0") {
		t.Fatalf("interactive: %d %s %s", code, o.String(), e.String())
	}
	out, _, _ = sparkRun(t, "checkin", "spark", "list", "--db", db, "--json")
	if strings.Count(out, `"exhaustion"`) != 2 {
		t.Errorf("spark checks: %s", out)
	}
}

// BenchmarkSparkTenYears is `rekindle spark --json` for ten years of five
// runs a week with a check-in for each, on SQLite and, with
// REKINDLE_TEST_POSTGRES, on PostgreSQL: warm (route fingerprints stored)
// and cold (the stored route results dropped before each call, so every
// run is fingerprinted and saved again). Compare the stores' ns/op (wall:
// the PostgreSQL server's work is not in this process's CPU time).
//
//	REKINDLE_TEST_POSTGRES=postgres://… go test ./internal/cli -run XXX -bench SparkTenYears -benchtime 5x
func BenchmarkSparkTenYears(b *testing.B) {
	dbs := map[string]string{"sqlite": filepath.Join(b.TempDir(), "spark.db")}
	if dsn := store.PostgresTestDSN(b); dsn != "" {
		dbs["postgres"] = dsn
	}
	for _, name := range []string{"sqlite", "postgres"} {
		db, ok := dbs[name]
		if !ok {
			continue
		}
		_, last := sparkHistoryIn(b, db, 522, true)
		day := last.Format(time.DateOnly)
		args := []string{"spark", "--db", db, "--json", "--as-of", day}
		mainOK(b, args...)
		b.Run(name+"/warm", func(b *testing.B) {
			var cpu time.Duration
			for b.Loop() {
				cpu += cpuOf(func() { mainOK(b, args...) })
			}
			b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
		})
		b.Run(name+"/cold", func(b *testing.B) {
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				dropRouteResults(b, db)
				b.StartTimer()
				cpu += cpuOf(func() { mainOK(b, args...) })
			}
			b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// dropRouteResults forgets every stored route result of a database.
func dropRouteResults(b *testing.B, db string) {
	b.Helper()
	s, err := store.Open(context.Background(), db)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, table := range []string{"route_fingerprints", "route_matches", "route_groupings"} {
		if _, err := s.DB().Exec("DELETE FROM " + table); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSparkSavesOutcomes(t *testing.T) {
	db, _ := sparkHistory(t, 10, true)
	ctx := context.Background()
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ath, _ := s.DefaultAthlete(ctx)
	e := store.Experiment{AthleteID: ath.ID, RecID: "race-local", Strategy: rekindle.StrategyRace, Title: "Pick a race", State: store.ExperimentAccepted,
		// Outcomes are judged only by a live run (no --as-of), on the clock
		// of that run (fixed here): the experiment is 20 days before it, so
		// the 14-day window is over.
		At: testkit.Today.AddDate(0, 0, -20), WindowDays: 14}
	if err := s.SaveExperiment(ctx, &e); err != nil {
		t.Fatal(err)
	}
	var stdout, errb bytes.Buffer
	if code := mainEnv(ctx, &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &errb, Getenv: os.Getenv, Now: testkit.Now}, []string{"spark", "--db", db}); code != 0 {
		t.Fatal(errb.String())
	}
	got, err := s.GetExperiment(ctx, ath.ID, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Outcome != "no_change" || !got.JudgedAt.Equal(testkit.Today) || !strings.Contains(got.Evidence, "nothing was recorded") {
		t.Errorf("after the window: %+v", got)
	}
	// The list is a live run too: on the same fixed clock (on the wall
	// clock, from late 2027 on, it showed the experiment as only accepted).
	stdout.Reset()
	if code := mainEnv(ctx, &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &errb, Getenv: os.Getenv, Now: testkit.Now}, []string{"spark", "--db", db, "experiments"}); code != 0 {
		t.Fatal(errb.String())
	}
	if out := stdout.String(); !strings.Contains(out, "no change: on to the next idea") {
		t.Errorf("experiments:\n%s", out)
	}
	// Years later the report no longer watches it; the list shows the
	// stored judgement and its evidence all the same.
	stdout.Reset()
	later := func() time.Time { return testkit.Now().AddDate(3, 0, 0) }
	if code := mainEnv(ctx, &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &errb, Getenv: os.Getenv, Now: later}, []string{"spark", "--db", db, "experiments"}); code != 0 {
		t.Fatal(errb.String())
	}
	want := "(judged " + testkit.Today.Format(time.DateOnly) + "): no change: on to the next idea"
	if out := stdout.String(); !strings.Contains(out, want) || !strings.Contains(out, "nothing was recorded") {
		t.Errorf("experiments three years on, want %q and the evidence:\n%s", want, out)
	}
}
