package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A summary CSV (no positions) of a runner at UTC+8: import places it by
// the start hours and 'athlete show' says how; 'import --time-zone' sets
// the zone as the runner's own, which inference then leaves alone; a bad
// zone is refused before anything is imported.
func TestImportTimeZoneAndStartHours(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("date,sport,distance_km,duration,avg_hr,name\n")
	local := time.FixedZone("CST", 8*3600)
	hours := []int{6, 19, 7, 20, 6, 21, 12, 17, 9, 15}
	for d := range 60 {
		fmt.Fprintf(&b, "%s,Run,8.0,0:45:00,,\n", time.Date(2015, 6, 1+d, hours[d%len(hours)], 10, 0, 0, local).UTC().Format("2006-01-02 15:04"))
	}
	hist := filepath.Join(dir, "history.csv")
	if err := os.WriteFile(hist, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(db string, args ...string) string {
		t.Helper()
		out, errs, code := sparkRun(t, append(args, "--db", db)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		return out
	}
	show := func(db string) athleteJSON {
		t.Helper()
		var ath athleteJSON
		if err := json.Unmarshal([]byte(run(db, "athlete", "show", "--json")), &ath); err != nil {
			t.Fatal(err)
		}
		return ath
	}
	inferred := filepath.Join(dir, "inferred.db")
	if out := run(inferred, "import", "--quiet", hist); !strings.Contains(out, "time zone set to UTC+8 (Etc/GMT-8) from the hours your activities start") {
		t.Errorf("import summary:\n%s", out)
	}
	if ath := show(inferred); ath.TimeZone != "Etc/GMT-8" || ath.TimeZoneSource != "start_hours" {
		t.Errorf("athlete after import: %+v", ath)
	}
	if out := run(inferred, "athlete", "show"); !strings.Contains(out, "Etc/GMT-8 (inferred from the hours your activities start") {
		t.Errorf("athlete show:\n%s", out)
	}
	set := filepath.Join(dir, "set.db")
	if out := run(set, "import", "--quiet", "--time-zone", "Asia/Shanghai", hist); strings.Contains(out, "time zone set to") {
		t.Errorf("import --time-zone still inferred one:\n%s", out)
	}
	if ath := show(set); ath.TimeZone != "Asia/Shanghai" || ath.TimeZoneSource != "user" || ath.Country != "CN" {
		t.Errorf("athlete after import --time-zone: %+v", ath)
	}
	// The activities list and one activity show the runner's own clock
	// (the zone's), as every page does: 06:10 in Shanghai, not 22:10 UTC
	// the day before.
	if out := run(set, "activities"); !strings.Contains(out, "START (Asia/Shanghai)") || !strings.Contains(out, "2015-06-01 06:10") || strings.Contains(out, "2015-05-31 22:10") {
		t.Errorf("activities are not in the runner's zone:\n%.400s", out)
	}
	if out := run(set, "activity", "show", "1"); !strings.Contains(out, "2015-06-01 06:10 CST") {
		t.Errorf("activities show is not in the runner's zone:\n%.200s", out)
	}
	bad := filepath.Join(dir, "bad.db")
	if _, errs, code := sparkRun(t, "import", "--quiet", "--time-zone", "Mars/Olympus", "--db", bad, hist); code == 0 || !strings.Contains(errs, `unknown time zone "Mars/Olympus"`) {
		t.Errorf("bad zone: exit %d %q", code, errs)
	}
	var acts []activityJSON
	if err := json.Unmarshal([]byte(run(bad, "activities", "--json")), &acts); err != nil || len(acts) != 0 {
		t.Errorf("a refused import stored %d activities (%v)", len(acts), err)
	}
}
