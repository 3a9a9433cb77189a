package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/store"
)

// reportHistory generates n days of running from start: a run on about 6 days
// out of 10 (a few bike rides among them), 70 % with heart rate, each with
// best efforts, so that ten years hold about 2,200 sessions; twice makes
// about 4,400 with two sessions on some days.
func reportHistory(start time.Time, days int, seed uint64) []*rekindle.Activity {
	rng := rand.New(rand.NewPCG(seed, 7))
	var acts []*rekindle.Activity
	for d := range days {
		if rng.Float64() < 0.4 {
			continue
		}
		km := 5 + 10*rng.Float64()
		pace := 280 + 80*rng.Float64()
		moving := km * pace
		a := &rekindle.Activity{
			Start: start.AddDate(0, 0, d).Add(time.Duration(rng.IntN(12*3600)) * time.Second),
			Sport: rekindle.SportRunning, Name: "Run",
			Source: rekindle.Source{Format: rekindle.FormatDemo, File: "gen", Index: d},
			Summary: rekindle.Summary{
				DistanceM: km * 1000, MovingS: moving, ElapsedS: moving + 40,
				AvgSpeedMS: 1000 / pace, NormalizedSpeedMS: 1000 / pace * 1.02, DistanceSource: "gps",
			},
		}
		if rng.Float64() < 0.1 {
			a.Sport = rekindle.SportCycling
		}
		if rng.Float64() < 0.7 {
			hr := 135 + rng.IntN(25)
			h := make([]float32, hr+8)
			for b := hr - 6; b <= hr+6 && b < len(h); b++ {
				h[b] = float32(moving / 13)
			}
			a.Summary.HRSeconds, a.Summary.AvgHR, a.Summary.MaxHR = h, float64(hr), float64(hr+6)
		}
		for _, e := range rekindle.EffortDistances {
			if e.DistanceM <= km*1000 {
				a.Summary.BestEfforts = append(a.Summary.BestEfforts, rekindle.Effort{Name: e.Name, DistanceM: e.DistanceM, ElapsedS: e.DistanceM / 1000 * pace * 0.96})
			}
		}
		acts = append(acts, a)
	}
	return acts
}

func reportStore(tb testing.TB, acts []*rekindle.Activity) string {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), "report.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	ath, err := s.DefaultAthlete(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	var b store.Batch
	for _, a := range acts {
		p, err := store.Prepare(a)
		if err != nil {
			tb.Fatal(err)
		}
		b.New = append(b.New, p)
	}
	if err := s.WriteBatch(ctx, ath.ID, &b); err != nil {
		tb.Fatal(err)
	}
	return path
}

func reportRun(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func TestReportCommand(t *testing.T) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	db := reportStore(t, reportHistory(start, 200, 1))

	out, errs, code := reportRun(t, "report", "--db", db, "--as-of", "2024-06-30", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out[:min(len(out), 500)])
	}
	for _, k := range []string{"as_of", "athlete", "today", "this_week_vs_usual", "last_7_days", "weeks_since_light_week", "weeks", "best_efforts", "season_bests", "running_fitness", "status", "days", "sessions"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if m["as_of"] != "2024-06-30" {
		t.Errorf("as_of %v", m["as_of"])
	}
	if w, _ := m["weeks"].([]any); len(w) != 12 {
		t.Errorf("%d weeks", len(w))
	}
	if f, _ := m["running_fitness"].(map[string]any); f == nil || f["vdot"].(float64) < 30 {
		t.Errorf("running_fitness %v", m["running_fitness"])
	}
	// As of a day in the past, later activities are ignored.
	out, _, _ = reportRun(t, "report", "--db", db, "--as-of", "2024-02-15", "--json")
	var early struct {
		Activities int `json:"activities"`
	}
	if err := json.Unmarshal([]byte(out), &early); err != nil || early.Activities == 0 || early.Activities > 40 {
		t.Errorf("as of 2024-02-15: %d activities (%v)", early.Activities, err)
	}

	out, errs, code = reportRun(t, "report", "--db", db, "--as-of", "2024-06-30")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Training picture on Sun 30 Jun 2024", "Status", "Fitness", "This week", "Last 7 days", "Light weeks", "Week of", "VDOT", "Predictions", "Paces /km", "marathon"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}

	if _, _, code := reportRun(t, "report", "--db", db, "--as-of", "30/06/2024"); code != 2 {
		t.Errorf("bad --as-of: exit %d, want 2", code)
	}
	if _, _, code := reportRun(t, "report", "--help"); code != 0 {
		t.Errorf("--help: exit %d", code)
	}
}

func TestReportEmptyStore(t *testing.T) {
	db := reportStore(t, nil)
	out, errs, code := reportRun(t, "report", "--db", db, "--as-of", "2024-06-30")
	if code != 0 || !strings.Contains(out, "No activities") {
		t.Errorf("exit %d: %s %s", code, out, errs)
	}
}

// BenchmarkReport10YearsSQLite is the full report (load the history from
// SQLite, compute the picture, encode JSON) over ten years, warm.
func BenchmarkReport10YearsSQLite(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a 10-year SQLite store")
	}
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	acts := append(reportHistory(start, 3652, 1), reportHistory(start, 3652, 2)...)
	for i, a := range acts {
		a.Source.Index = i
	}
	db := reportStore(b, acts)
	ctx := context.Background()
	app, ath, err := openAthlete(ctx, &Env{Stderr: io.Discard}, db)
	if err != nil {
		b.Fatal(err)
	}
	defer app.Close()
	asOf := time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	if _, err := app.Training(ctx, ath, asOf); err != nil { // warm
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(acts)), "activities")
	b.ResetTimer()
	for b.Loop() {
		app.Changed(ath.ID) // nothing cached: the history is read again
		r, err := app.Training(ctx, ath, asOf)
		if err != nil {
			b.Fatal(err)
		}
		if err := json.NewEncoder(io.Discard).Encode(r); err != nil {
			b.Fatal(err)
		}
	}
}
