package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// 'rekindle activities' and 'activity show' write distances and paces in
// the runner's unit, as the rest of the CLI does: a mile runner reads
// miles and minutes per mile, never km.
func TestActivitiesInRunnersUnit(t *testing.T) {
	dir := t.TempDir()
	hist := filepath.Join(dir, "history.csv")
	csv := "date,sport,distance_km,duration,avg_hr,name\n2015-06-01 06:10,Run,8.0,0:45:00,,\n"
	if err := os.WriteFile(hist, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "u.db")
	run := cliOn(t, db)
	run("import", "--quiet", hist)
	// 8 km in 45:00: 5:38 a km (337.5 s, halves up); 4.97 mi at 9:03 a mile.
	if out := run("activities"); !strings.Contains(out, "KM") || !strings.Contains(out, "PACE/KM") ||
		!strings.Contains(out, "8.00") || !strings.Contains(out, "5:38") {
		t.Errorf("km runner:\n%s", out)
	}
	run("athlete", "set", "--unit", "mi")
	out := run("activities")
	if !strings.Contains(out, "MI") || !strings.Contains(out, "PACE/MI") || !strings.Contains(out, "4.97") || !strings.Contains(out, "9:03") {
		t.Errorf("mile runner reads no miles:\n%s", out)
	}
	if strings.Contains(out, "KM") || strings.Contains(out, "8.00") || strings.Contains(out, "5:38") {
		t.Errorf("mile runner reads km:\n%s", out)
	}
	if out := run("activity", "show", "1"); !strings.Contains(out, "distance 4.97 mi") || !strings.Contains(out, "pace 9:03/mi") || strings.Contains(out, "km") {
		t.Errorf("activity show for a mile runner:\n%s", out)
	}
}

// A list whose rows carry a clock that is wrong (10 km in 20:00, every
// row of the source) keeps its runs counted; 'activities' and 'activity
// show' say their time is not their own and show no pace for them.
func TestActivitiesTimeUnknownNoPace(t *testing.T) {
	dir := t.TempDir()
	hist := filepath.Join(dir, "history.csv")
	var b strings.Builder
	b.WriteString("date,sport,distance_km,duration,avg_hr,name\n")
	for i := range 25 {
		fmt.Fprintf(&b, "2025-%02d-%02d 07:00,Run,10.0,0:20:00,,run from gpx\n", 3+i/10, 1+2*(i%10))
	}
	b.WriteString("2025-07-01 18:00,Run,8.0,0:45:00,150,Evening run\n")
	if err := os.WriteFile(hist, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "u.db")
	run := cliOn(t, db)
	run("import", "--quiet", hist)
	out := run("activities")
	if strings.Count(out, "[time not its own") != 25 || strings.Contains(out, "2:00") || !strings.Contains(out, "5:38") {
		t.Errorf("list:\n%s", out)
	}
	if out := run("activity", "show", "1"); !strings.Contains(out, "time unknown: 30.0 km/h over 10.0 km") || !strings.Contains(out, "pace -/km") {
		t.Errorf("activity show of a run whose time is not its own:\n%s", out)
	}
	if out := run("activities", "--json"); strings.Count(out, `"time_unknown": "30.0 km/h over 10.0 km`) != 25 {
		t.Errorf("activities --json names no time_unknown:\n%.600s", out)
	}
}

// cliOn runs rekindle commands on the store db, failing the test on a
// non-zero exit, and returns what they wrote to standard output.
func cliOn(t *testing.T, db string) func(args ...string) string {
	return func(args ...string) string {
		t.Helper()
		out, errs, code := sparkRun(t, append(args, "--db", db)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		return out
	}
}
