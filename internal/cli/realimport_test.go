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

// phoneGPX is a phone app's GPX: no <type>, 1 Hz points heading north from
// Shanghai's Century Park at speed m/s; no times when start is zero.
func phoneGPX(name string, start time.Time, n int, speed float64) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><gpx version="1.1" creator="phone" xmlns="http://www.topografix.com/GPX/1/1"><trk>`)
	if name != "" {
		fmt.Fprintf(&b, "<name>%s</name>", name)
	}
	b.WriteString("<trkseg>")
	for i := range n {
		fmt.Fprintf(&b, `<trkpt lat="%.7f" lon="121.5447">`, 31.2196+float64(i)*speed/111195)
		if !start.IsZero() {
			fmt.Fprintf(&b, "<time>%s</time>", start.Add(time.Duration(i)*time.Second).Format(time.RFC3339))
		}
		b.WriteString("</trkpt>")
	}
	b.WriteString("</trkseg></trk></gpx>")
	return []byte(b.String())
}

func TestRealImportCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	day := time.Date(2024, 4, 1, 22, 30, 0, 0, time.UTC) // 06:30 next morning in Shanghai
	for i := range 4 {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("run%d.gpx", i)), phoneGPX("", day.AddDate(0, 0, 2*i), 1500, 2.9), 0o644)
	}
	os.WriteFile(filepath.Join(dir, "plan.gpx"), phoneGPX("Dishui Lake loop", time.Time{}, 300, 30), 0o644)
	run := cliOn(t, db)
	out := run("import", "--quiet", dir)
	for _, want := range []string{"4 activities did not say their sport", "1 planned courses", "time zone set to Asia/Shanghai (country CN) from where 4 of your 4 recent activities start"} {
		if !strings.Contains(out, want) {
			t.Errorf("import summary lacks %q:\n%s", want, out)
		}
	}
	var acts []activityJSON
	if err := json.Unmarshal([]byte(run("activities", "--json")), &acts); err != nil {
		t.Fatal(err)
	}
	if len(acts) != 4 || acts[0].Sport != "running" || acts[0].SportSource != "inferred:speed" || acts[0].RaceOverride != nil {
		t.Fatalf("activities: %+v", acts)
	}
	// The start is named in the athlete's zone: 06:30 in Shanghai is morning.
	if acts[0].Name != "Morning run" {
		t.Errorf("name %q, want Morning run (in the inferred zone)", acts[0].Name)
	}
	id := fmt.Sprint(acts[0].ID)
	if out := run("activity", "edit", id, "--name", "Century Park 5K", "--race"); !strings.Contains(out, "Century Park 5K — running, race: yes (marked by you)") {
		t.Errorf("edit: %q", out)
	}
	// From 4 April in Shanghai: the runs of the 4th, 6th and 8th at 06:30 local.
	if out := run("activity", "edit", "--where-sport", "running", "--from", "2024-04-04", "--sport", "trail_running"); !strings.HasPrefix(out, "3 activities set to trail_running") {
		t.Errorf("bulk edit: %q", out)
	}
	if err := json.Unmarshal([]byte(run("activities", "--json")), &acts); err != nil {
		t.Fatal(err)
	}
	if acts[0].Name != "Century Park 5K" || acts[0].RaceOverride == nil || !*acts[0].RaceOverride || acts[1].Sport != "trail_running" || acts[1].SportSource != "user" || acts[0].Sport != "running" {
		t.Errorf("after edits: %+v", acts)
	}
	// The edit goes through the application layer, which writes only what
	// changed: the sport it already has stays decided by the file.
	if out := run("activity", "edit", id, "--sport", "running"); !strings.Contains(out, "Century Park 5K — running, race: yes") {
		t.Errorf("unchanged edit: %q", out)
	}
	if err := json.Unmarshal([]byte(run("activities", "--json")), &acts); err != nil {
		t.Fatal(err)
	}
	if acts[0].SportSource == "user" {
		t.Errorf("an edit to the same sport marked it as the runner's: %+v", acts[0])
	}
	if _, errs, code := sparkRun(t, "activity", "edit", id, "--sport", "jogging", "--db", db); code == 0 || !strings.Contains(errs, `unknown sport "jogging"`) {
		t.Errorf("bad sport: exit %d %q", code, errs)
	}
	// The runner sets a run aside and restores it; two words for what counts are refused.
	if _, errs, code := sparkRun(t, "activity", "edit", id, "--set-aside", "--restore", "--db", db); code == 0 || !strings.Contains(errs, "give one of --restore, --set-aside, --set-aside-auto") {
		t.Errorf("conflicting count flags: exit %d %q", code, errs)
	}
	run("activity", "edit", id, "--set-aside")
	if err := json.Unmarshal([]byte(run("activities", "--json")), &acts); err != nil {
		t.Fatal(err)
	}
	if len(acts) != 4 || !acts[0].SetAside || acts[0].CountOverride == nil || *acts[0].CountOverride {
		t.Errorf("after --set-aside: %+v", acts[0])
	}
	run("activity", "edit", id, "--set-aside-auto")
	if err := json.Unmarshal([]byte(run("activities", "--json")), &acts); err != nil {
		t.Fatal(err)
	}
	if acts[0].SetAside || acts[0].CountOverride != nil {
		t.Errorf("after --set-aside-auto: %+v", acts[0])
	}
	if out := run("routes", "courses"); !strings.Contains(out, "Dishui Lake loop") || !strings.Contains(out, "8.97") {
		t.Errorf("courses: %q", out)
	}
	var ath athleteJSON
	if err := json.Unmarshal([]byte(run("athlete", "show", "--json")), &ath); err != nil {
		t.Fatal(err)
	}
	if ath.TimeZone != "Asia/Shanghai" || ath.TimeZoneSource != "inferred" || ath.Country != "CN" || ath.HomeLat < 31.2 || ath.HomeLat > 31.3 {
		t.Errorf("athlete: %+v", ath)
	}
	run("athlete", "set", "--time-zone", "Europe/Berlin", "--unit", "mi")
	if err := json.Unmarshal([]byte(run("athlete", "show", "--json")), &ath); err != nil {
		t.Fatal(err)
	}
	if ath.TimeZone != "Europe/Berlin" || ath.TimeZoneSource != "user" || ath.Country != "DE" || ath.Unit != "mi" {
		t.Errorf("athlete after set: %+v", ath)
	}
	// A zone the runner set survives imports and infer.
	if out := run("athlete", "infer"); !strings.Contains(out, "set by you") {
		t.Errorf("infer over a user zone: %q", out)
	}
	if _, errs, code := sparkRun(t, "athlete", "set", "--home", "95,1", "--db", db); code == 0 || !strings.Contains(errs, "LAT,LON") {
		t.Errorf("bad home: exit %d %q", code, errs)
	}
	// Dates: inferred (a home in Germany reads English dates, British),
	// then German as chosen, in 'athlete show' and the terminal's texts.
	if ath.Locale != "" || ath.Dates != "en-GB" || ath.DateExample != "Tue 3 Jun 2025" {
		t.Errorf("inferred dates: %+v", ath)
	}
	run("athlete", "set", "--locale", "de_DE")
	if err := json.Unmarshal([]byte(run("athlete", "show", "--json")), &ath); err != nil {
		t.Fatal(err)
	}
	if ath.Locale != "de-DE" || ath.DateExample != "Di., 3. Juni 2025" {
		t.Errorf("after --locale de_DE: %+v", ath)
	}
	if out := run("report", "--as-of", "2024-06-30"); !strings.Contains(out, "Training picture on So., 30. Juni 2024") {
		t.Errorf("report in German dates: %q", out[:min(len(out), 200)])
	}
	if _, errs, code := sparkRun(t, "athlete", "set", "--locale", "tlh", "--db", db); code == 0 || !strings.Contains(errs, `locale "tlh"`) || !strings.Contains(errs, "de-DE") {
		t.Errorf("unknown locale: exit %d %q", code, errs)
	}
}
