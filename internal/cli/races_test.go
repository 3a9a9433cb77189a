package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// calendarFiles writes a race calendar and a gym schedule around day: a
// 10K 20 days out, a half marathon 40 days out, a parkrun every Saturday;
// barre on Wednesdays and yoga on Fridays at 7:30 (the athlete.Runner of
// sparkHistory runs Mon, Tue, Thu, Sat and Sun at 7:00), spin on Tuesdays.
func calendarFiles(t *testing.T, day time.Time) (races, gym string) {
	t.Helper()
	dir := t.TempDir()
	d := func(days int, hm string) string { return day.AddDate(0, 0, days).Format("20060102") + "T" + hm + "00Z" }
	monday := day.AddDate(0, 0, -int((day.Weekday()+6)%7)-21)
	wd := func(off int, hm string) string {
		return monday.AddDate(0, 0, off).Format("20060102") + "T" + hm + "00Z"
	}
	races = filepath.Join(dir, "races.ics")
	ics := strings.Join([]string{"BEGIN:VCALENDAR", "VERSION:2.0", "X-WR-CALNAME:Local races",
		"BEGIN:VEVENT", "UID:r1", "DTSTART:" + d(20, "0900"), "SUMMARY:Harbour 10K", "LOCATION:The harbour", "GEO:0.01;0.01", "END:VEVENT",
		"BEGIN:VEVENT", "UID:r2", "DTSTART:" + d(40, "0900"), "SUMMARY:Bay Half Marathon", "END:VEVENT",
		"BEGIN:VEVENT", "UID:r3", "DTSTART:" + wd(5, "0900"), "RRULE:FREQ=WEEKLY;BYDAY=SA", "SUMMARY:Harbour parkrun", "GEO:0.02;0.0", "END:VEVENT",
		"END:VCALENDAR", ""}, "\r\n")
	gym = filepath.Join(dir, "gym.ics")
	sched := strings.Join([]string{"BEGIN:VCALENDAR", "VERSION:2.0",
		"BEGIN:VEVENT", "UID:g1", "DTSTART:" + wd(2, "0730"), "DURATION:PT50M", "RRULE:FREQ=WEEKLY", "SUMMARY:Barre Sculpt", "LOCATION:Studio 1", "END:VEVENT",
		"BEGIN:VEVENT", "UID:g2", "DTSTART:" + wd(4, "0730"), "DURATION:PT1H", "RRULE:FREQ=WEEKLY", "SUMMARY:Yoga Flow", "END:VEVENT",
		"BEGIN:VEVENT", "UID:g3", "DTSTART:" + wd(1, "0700"), "RRULE:FREQ=WEEKLY", "SUMMARY:Spin Express", "END:VEVENT",
		"END:VCALENDAR", ""}, "\r\n")
	for name, body := range map[string]string{races: ics, gym: sched} {
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return races, gym
}

func TestRacesAndClassesCommands(t *testing.T) {
	db, last := sparkHistory(t, 20, true)
	racesFile, gymFile := calendarFiles(t, last)
	for range 2 { // importing twice replaces
		out, errs, code := sparkRun(t, "races", "import", racesFile, "--db", db)
		if code != 0 || !strings.Contains(out, `Imported 3 races from races.ics as "Local races"`) {
			t.Fatalf("races import: %d %s %s", code, out, errs)
		}
	}
	if out, errs, code := sparkRun(t, "classes", "import", gymFile, "--db", db, "--name", "Gym"); code != 0 || !strings.Contains(out, "Imported 3 classes") {
		t.Fatalf("classes import: %d %s %s", code, out, errs)
	}
	out, _, _ := sparkRun(t, "races", "feeds", "--db", db, "--json")
	var feeds []struct{ Kind, Name string }
	if err := json.Unmarshal([]byte(out), &feeds); err != nil || len(feeds) != 2 {
		t.Fatalf("feeds: %v %s", err, out)
	}

	asOf := last.Format(time.DateOnly)
	out, errs, code := sparkRun(t, "races", "--db", db, "--as-of", asOf, "--json")
	if code != 0 {
		t.Fatalf("races: %d %s", code, errs)
	}
	var rs struct {
		From, To string
		VDOT     float64
		Pick     string
		Races    []struct {
			Name       string
			DistanceM  float64 `json:"distance_m"`
			PredictedS float64 `json:"predicted_s"`
		}
		Taper struct {
			Days []struct{ Kind, Text string }
		}
	}
	if err := json.Unmarshal([]byte(out), &rs); err != nil {
		t.Fatal(err)
	}
	// Two parkruns (Saturdays 14–28 days out) and the 10K; the half is 40 days out.
	if rs.From != last.AddDate(0, 0, 14).Format(time.DateOnly) || len(rs.Races) != 3 || rs.Pick != "Harbour 10K" || rs.VDOT <= 0 {
		t.Fatalf("races: %s", out)
	}
	for _, r := range rs.Races {
		if r.PredictedS <= 0 {
			t.Errorf("%s without a prediction", r.Name)
		}
	}
	if n := len(rs.Taper.Days); n != 8 || rs.Taper.Days[7].Kind != "race" {
		t.Errorf("taper: %+v", rs.Taper)
	}
	// Only the half, by distance and a wider window; a radius drops nothing
	// without a position.
	out, _, _ = sparkRun(t, "races", "--db", db, "--as-of", asOf, "--to", last.AddDate(0, 0, 60).Format(time.DateOnly), "--distance", "half", "--radius", "5km")
	if !strings.Contains(out, "Bay Half Marathon") || strings.Contains(out, "Harbour 10K") {
		t.Errorf("half only:\n%s", out)
	}
	if _, errs, code := sparkRun(t, "races", "--db", db, "--distance", "far"); code != 2 || !strings.Contains(errs, "--distance") {
		t.Errorf("bad distance: %d %s", code, errs)
	}

	out, errs, code = sparkRun(t, "classes", "--db", db, "--as-of", asOf, "--json")
	if code != 0 {
		t.Fatalf("classes: %d %s", code, errs)
	}
	var cs struct {
		RunDays []string `json:"run_days"`
		Classes []struct {
			Name     string
			Sport    string
			HourFits bool `json:"hour_fits"`
		}
	}
	if err := json.Unmarshal([]byte(out), &cs); err != nil {
		t.Fatal(err)
	}
	// Spin is on a running day (Tuesday); barre and yoga fit.
	if got := fmt.Sprint(cs.Classes); len(cs.Classes) != 2 || !strings.Contains(got, "Barre Sculpt barre true") || !strings.Contains(got, "Yoga Flow yoga true") {
		t.Errorf("classes: %s", out)
	}
	if fmt.Sprint(cs.RunDays) != "[Monday Tuesday Thursday Saturday Sunday]" {
		t.Errorf("run days %v", cs.RunDays)
	}

	// Spark names a real class in its cross-training idea.
	rep := sparkAt(t, db, last)
	found := false
	for _, r := range rep.Recommendations {
		if r.ID == "cross-new-class" {
			found = true
			if !strings.HasPrefix(r.Title, "Try Barre Sculpt on ") || !strings.Contains(strings.Join(r.Actions, "\n"), "07:30: Yoga Flow") {
				t.Errorf("cross-training idea: %q %q", r.Title, r.Actions)
			}
		}
	}
	if !found {
		t.Errorf("no cross-training idea: %+v", rep.Recommendations)
	}

	// Accepted, an idea's sessions read in 'rekindle plan' as on its card
	// (the class at its time: the plan printed 18:30 as "8:30"; the race
	// idea's taper against the races command's: TestIdeaIsItsSessions).
	for _, id := range []string{"cross-new-class", "rest-light-week"} {
		out, errs, code := sparkRun(t, "spark", "--db", db, "--json", "--as-of", asOf)
		if code != 0 {
			t.Fatal(errs)
		}
		var r struct {
			Recommendations []struct {
				ID      string
				Actions []string
				Plan    []struct {
					Day       string
					DistanceM float64 `json:"distance_m"`
				}
			}
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(r.Recommendations, func(x struct {
			ID      string
			Actions []string
			Plan    []struct {
				Day       string
				DistanceM float64 `json:"distance_m"`
			}
		}) bool {
			return x.ID == id
		})
		if i < 0 {
			t.Errorf("no %s idea on offer: %s", id, out)
			continue
		}
		rec := r.Recommendations[i]
		out, errs, code = sparkRun(t, "spark", "--db", db, "--as-of", asOf, "--json", "accept", id)
		var acc struct{ ID int64 }
		if code != 0 || json.Unmarshal([]byte(out), &acc) != nil {
			t.Fatalf("accept %s: %d %s", id, code, errs)
		}
		planText, _, _ := sparkRun(t, "plan", "--db", db, "--as-of", last.AddDate(0, 0, 1).Format(time.DateOnly))
		for j, p := range rec.Plan {
			d, _ := time.Parse(time.DateOnly, p.Day)
			line := strings.TrimLeft(strings.TrimPrefix(rec.Actions[j], d.Format("Mon 2 Jan")), ": ")
			if !strings.Contains(planText, "  "+line+"   [id ") {
				t.Errorf("%s: the card says %q, the plan:\n%s", id, rec.Actions[j], planText)
			}
		}
		if _, errs, code := sparkRun(t, "spark", "--db", db, "--as-of", asOf, "abandon", strconv.FormatInt(acc.ID, 10)); code != 0 {
			t.Fatalf("abandon %s: %s", id, errs)
		}
	}
}

// The demo ships a Monaco race calendar and gym schedule: spark names a
// real race 2–4 weeks after the history, and classes are offered.
func TestDemoImportsCalendars(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: simulates and imports a year of runs")
	}
	db := filepath.Join(t.TempDir(), "demo.db")
	out, errs, code := sparkRun(t, "demo", "--persona", "post_marathon", "--years", "1", "--end", "2026-03-29", "--no-serve", "--db", db)
	if code != 0 {
		t.Fatalf("demo: %d %s", code, errs)
	}
	for _, want := range []string{"Imported 4 sample races from monaco-races.ics.", "Imported 8 sample classes from monaco-gym.ics.",
		"Enter Harbour 10K on Sun 19 Apr", "If you enter Harbour 10K, the week before:", "Sun 19 Apr: race day — Harbour 10K",
		"$ rekindle classes", "You have never logged"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
}
