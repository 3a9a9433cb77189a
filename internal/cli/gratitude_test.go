package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rekindle/internal/athlete"
	"rekindle/internal/gratitude"
)

func TestGratitudeCommand(t *testing.T) {
	db, last := sparkHistory(t, 20, false)
	run := func(args ...string) string {
		t.Helper()
		out, errs, code := sparkRun(t, append([]string{"gratitude", "--db", db}, args...)...)
		if code != 0 {
			t.Fatalf("gratitude %v: exit %d: %s", args, code, errs)
		}
		return out
	}
	var facts []gratitude.Fact
	if err := json.Unmarshal([]byte(run("facts", "--json", "--as-of", last.Format(time.DateOnly))), &facts); err != nil {
		t.Fatal(err)
	}
	byKey := map[string]gratitude.Fact{}
	for _, f := range facts {
		byKey[f.Key] = f
	}
	// 100 runs at 7:00 UTC from Mon 5 Jan 2015; 775 km in all.
	if f := byKey["total_distance"]; !strings.HasPrefix(f.Text, "You have run 775 km since 2015 — further than") || f.Value < 774_000 {
		t.Errorf("total: %+v", f)
	}
	if f := byKey["runs"]; f.Value != 100 {
		t.Errorf("runs: %+v", f)
	}
	if _, ok := byKey["early_starts"]; ok {
		t.Errorf("runs at 7:00 are not before 7 am: %+v", byKey["early_starts"])
	}
	if f := byKey["streak"]; f.Value != 4 { // Sat, Sun, Mon, Tue
		t.Errorf("streak: %+v", f)
	}
	run("add", "Running gave me the mornings back", "--day", "2015-05-20")
	run("add", "Friends <& coffee> after the long run", "--day", "2015-05-24")
	if _, errs, code := sparkRun(t, "gratitude", "--db", db, "add", " "); code != 1 || !strings.Contains(errs, "needs text") {
		t.Errorf("empty add: %d %s", code, errs)
	}
	out := run("--as-of", last.Format(time.DateOnly))
	if !strings.Contains(out, "You have run 775 km") || !strings.Contains(out, "2015-05-24  Friends <& coffee>") {
		t.Errorf("list:\n%s", out)
	}
	dir := t.TempDir()
	svg, html := filepath.Join(dir, "poster.svg"), filepath.Join(dir, "poster.html")
	if out := run("poster", "--out", svg); !strings.Contains(out, "2 of your 2 entries") {
		t.Errorf("poster: %s", out)
	}
	run("poster", "--out", html)
	b, _ := os.ReadFile(svg)
	if !strings.Contains(string(b), `width="210mm" height="297mm"`) || !strings.Contains(string(b), "Friends &lt;&amp; coffee&gt;") || !strings.Contains(string(b), "775 km") {
		t.Errorf("svg:\n%.600s", b)
	}
	b, _ = os.ReadFile(html)
	if !strings.Contains(string(b), "@page { size: A4") {
		t.Errorf("html:\n%.300s", b)
	}
	if _, _, code := sparkRun(t, "gratitude", "--db", db, "poster", "--out", filepath.Join(dir, "x.pdf")); code != 2 {
		t.Errorf("poster .pdf: exit %d", code)
	}

	// The spark adapter hands the same facts to the gratitude idea.
	ctx := context.Background()
	app, err := athlete.Open(ctx, db, athlete.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	ath, _ := app.DefaultAthlete(ctx)
	in, err := app.SparkInput(ctx, ath, time.Date(last.Year(), last.Month(), last.Day(), 23, 59, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(in.GratitudeFacts) < 4 || in.GratitudeFacts[0] != byKey["total_distance"].Text {
		t.Errorf("spark gratitude facts %q", in.GratitudeFacts)
	}
}
