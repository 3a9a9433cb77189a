package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/cli"
	"rekindle/internal/gpx"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// seedSteadyBlock writes weeks of steady, growing training without a light
// week, ending the day before testkit.Today (the test server's fixed
// clock), with enjoyment falling in the check-ins: the runner spark tells
// to take a light week (an idea with day-by-day sessions).
func seedSteadyBlock(t *testing.T, st *store.Store, athleteID int64, weeks int) {
	t.Helper()
	ctx := context.Background()
	today := testkit.Midnight
	t0 := today.AddDate(0, 0, -7*weeks).Add(7 * time.Hour)
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
			a := &rekindle.Activity{Start: t0.AddDate(0, 0, 7*w+d), Sport: rekindle.SportRunning,
				Source: rekindle.Source{Format: rekindle.FormatDemo, Index: len(runs)}, Gear: "Pegasus 40"}
			if i != 0 {
				a.Name = fmt.Sprintf("Run %d.%d", w, i)
			}
			a.Summary = rekindle.Summary{DistanceM: km * 1000, MovingS: km * 1000 / speed, ElapsedS: km * 1000 / speed, AvgSpeedMS: speed,
				DistanceSource: "gps", BestEfforts: []rekindle.Effort{{Name: "1k", DistanceM: 1000, ElapsedS: 1000 / (speed * 1.05)}}}
			p, err := store.Prepare(a)
			if err != nil {
				t.Fatal(err)
			}
			batch.New = append(batch.New, p)
			runs = append(runs, pending{a, enjoy})
		}
	}
	if err := st.WriteBatch(ctx, athleteID, &batch); err != nil {
		t.Fatal(err)
	}
	for _, r := range runs {
		c := store.CheckIn{CheckIn: rekindle.CheckIn{AthleteID: athleteID, ActivityID: r.a.ID, At: r.a.Start.Add(time.Hour), Enjoyment: r.enjoy, RPE: 5, Surface: "road"}}
		if err := st.SaveCheckIn(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
}

func decodeInto(t *testing.T, body string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("decode %s: %v", body[:min(len(body), 300)], err)
	}
}

// TestPlanAcceptAndSparkCheck: accepting a day-by-day idea on the web
// writes its sessions into the plan (as 'rekindle spark accept' does), the
// plan can be edited on its page and through the API, and the spark check
// is asked for on Home until it is answered.
func TestPlanAcceptAndSparkCheck(t *testing.T) {
	t.Parallel()
	for name, dsn := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := newServer(t, dsn, cli.ServeOptions{RoutesInline: true})
			c := s.Client(t)
			c.Signup("ann@example.org")
			seedSteadyBlock(t, s.Store, c.AthleteID(), 20)

			// Unnamed activities get a generated name in the list.
			_, body := c.Do("GET", "/api/v1/activities?per_page=200", nil)
			if !strings.Contains(body, `"name":"Morning run"`) || strings.Contains(body, `"name":""`) {
				t.Errorf("unnamed activities not named: %s", body[:min(len(body), 400)])
			}

			resp, page := c.Do("GET", "/", nil)
			if resp.StatusCode != 200 || !strings.Contains(page, `id="spark-check-due"`) || !strings.Contains(page, `href="/spark-check"`) {
				t.Errorf("home does not ask for the spark check: %d", resp.StatusCode)
			}
			type idea struct {
				ID   string `json:"id"`
				Plan []struct {
					Day string `json:"day"`
				} `json:"plan"`
			}
			var home struct {
				Report struct {
					Recs []idea `json:"recommendations"`
				} `json:"report"`
				Due bool `json:"spark_check_due"`
			}
			_, body = c.Do("GET", "/api/v1/home", nil)
			decodeInto(t, body, &home)
			var top *idea
			for i, r := range home.Report.Recs {
				if len(r.Plan) > 0 && top == nil {
					top = &home.Report.Recs[i]
				}
			}
			if top == nil || !home.Due {
				t.Fatalf("want a day-by-day idea on offer and a spark check due: %s", body[:min(len(body), 500)])
			}

			// Accept on the web page (form post, CSRF).
			resp, _ = c.Do("POST", "/recommendations/"+top.ID+"/decision", "decision=accept&csrf_token="+c.CSRF)
			if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "accept-plan") {
				t.Fatalf("accept: %d %s", resp.StatusCode, resp.Header.Get("Location"))
			}
			var pv struct {
				Days []struct {
					Day      string `json:"day"`
					Sessions []struct {
						ID           int64  `json:"id"`
						Kind         string `json:"kind"`
						Note         string `json:"note"`
						ExperimentID int64  `json:"experiment_id"`
					} `json:"sessions"`
				} `json:"days"`
				Totals struct {
					Sessions int `json:"sessions"`
				} `json:"totals"`
			}
			_, body = c.Do("GET", "/api/v1/plan?days=21", nil)
			decodeInto(t, body, &pv)
			planned := 0
			var someID int64
			for _, d := range pv.Days {
				for _, x := range d.Sessions {
					planned++
					someID = x.ID
					if x.ExperimentID == 0 || x.Note == "" {
						t.Errorf("%s: idea session without its experiment or note: %+v", d.Day, x)
					}
				}
			}
			if planned != len(top.Plan) {
				t.Errorf("%d sessions planned, the idea has %d", planned, len(top.Plan))
			}
			resp, page = c.Do("GET", "/plan", nil)
			if resp.StatusCode != 200 || strings.Count(page, `class="session"`) != planned {
				t.Errorf("plan page: %d, %d sessions shown, want %d", resp.StatusCode, strings.Count(page, `class="session"`), planned)
			}
			resp, page = c.Do("GET", "/", nil)
			if !strings.Contains(page, `id="week-plan"`) || !strings.Contains(page, `class="kind kind-`) {
				t.Errorf("home does not show the week's plan")
			}

			// Add by hand on the page (distance in the athlete's unit), and through the API.
			day := testkit.Today.AddDate(0, 0, 2).Format(time.DateOnly)
			form := url.Values{"day": {day}, "kind": {"cross"}, "sport": {"yoga"}, "minutes": {"45"}, "note": {"with Ana"}, "csrf_token": {c.CSRF}}
			resp, _ = c.Do("POST", "/plan", form.Encode())
			if resp.StatusCode != http.StatusSeeOther {
				t.Errorf("plan add: %d", resp.StatusCode)
			}
			_, page = c.Do("GET", "/plan", nil)
			if !strings.Contains(page, "with Ana") || !strings.Contains(page, "45 min") {
				t.Errorf("hand-added session not shown")
			}
			resp, body = c.Do("POST", "/plan", url.Values{"day": {"someday"}, "kind": {"easy"}, "csrf_token": {c.CSRF}}.Encode())
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "YYYY-MM-DD") {
				t.Errorf("bad day: %d", resp.StatusCode)
			}
			resp, body = c.Do("POST", "/api/v1/plan", jsonBody(map[string]any{"day": day, "kind": "easy", "distance_m": 8000}))
			if resp.StatusCode != http.StatusCreated {
				t.Errorf("api plan add: %d %s", resp.StatusCode, body)
			}
			if resp, _ := c.Do("DELETE", fmt.Sprintf("/api/v1/plan/%d", someID), nil); resp.StatusCode != http.StatusNoContent {
				t.Errorf("api plan delete: %d", resp.StatusCode)
			}
			if resp, _ := c.Do("DELETE", fmt.Sprintf("/api/v1/plan/%d", someID), nil); resp.StatusCode != http.StatusNotFound {
				t.Errorf("api plan delete twice: %d", resp.StatusCode)
			}

			// The spark check: a half-filled form is refused, a full one saved.
			resp, page = c.Do("GET", "/spark-check", nil)
			if resp.StatusCode != 200 || strings.Count(page, `type="radio"`) != 30 {
				t.Fatalf("spark check page: %d, %d radios", resp.StatusCode, strings.Count(page, `type="radio"`))
			}
			half := url.Values{"q_drained": {"4"}, "csrf_token": {c.CSRF}}
			if resp, _ := c.Do("POST", "/spark-check", half.Encode()); resp.StatusCode != http.StatusBadRequest {
				t.Errorf("half spark check: %d", resp.StatusCode)
			}
			full := url.Values{"csrf_token": {c.CSRF}}
			for _, q := range []string{"drained", "heavy", "care_less", "look_forward", "stuck", "progress"} {
				full.Set("q_"+q, "4")
			}
			if resp, _ := c.Do("POST", "/spark-check", full.Encode()); resp.StatusCode != http.StatusSeeOther {
				t.Errorf("spark check: %d", resp.StatusCode)
			}
			_, page = c.Do("GET", "/", nil)
			if strings.Contains(page, `id="spark-check-due"`) {
				t.Errorf("spark check still asked for after answering")
			}
			_, body = c.Do("GET", "/api/v1/spark-checks", nil)
			if !strings.Contains(body, `"due":false`) || !strings.Contains(body, `"exhaustion":4`) {
				t.Errorf("spark checks: %s", body)
			}
			resp, body = c.Do("POST", "/api/v1/spark-checks", jsonBody(map[string]any{"answers": map[string]int{"drained": 9}}))
			if resp.StatusCode != http.StatusBadRequest {
				t.Errorf("bad spark check: %d %s", resp.StatusCode, body)
			}
		})
	}
}

// TestRouteSuggestions loads a real OpenStreetMap extract (Monaco) on the
// Routes page, asks for new loops from home and downloads them as GPX and
// FIT (the GPX decoded with rekindle's own decoder).
func TestRouteSuggestions(t *testing.T) {
	t.Parallel()
	pbf := filepath.Join(testdata(t), "osm", "monaco.osm.pbf")
	s := newServer(t, filepath.Join(t.TempDir(), "routes.db"), cli.ServeOptions{RoutesInline: true})
	c := s.Client(t)
	c.Signup("mo@example.org")
	_, page := c.Do("GET", "/routes", nil)
	if !strings.Contains(page, `action="/routes/map"`) || strings.Contains(page, "Suggest routes") {
		t.Fatalf("routes page without a map should offer to load one")
	}
	resp, body := c.Do("GET", "/api/v1/routes/suggestions?distance_m=3000", nil)
	if resp.StatusCode != 200 || !strings.Contains(body, `"available":false`) {
		t.Errorf("suggestions without a map: %d %s", resp.StatusCode, body)
	}
	// A file that is not a map is refused with a message.
	if resp, body := c.Do("POST", "/routes/map", c.Form(nil, "map", "notamap.osm.pbf", []byte("hello"))); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "not a usable") {
		t.Errorf("bad map: %d", resp.StatusCode)
	}
	if resp, _ := c.Do("POST", "/routes/map", c.Form(nil, "map", "monaco.osm.pbf", mustRead(t, pbf))); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("map upload: %d", resp.StatusCode)
	}
	if resp, body := c.Do("PUT", "/api/v1/me", jsonBody(map[string]any{"home_lat": 43.7384, "home_lon": 7.4246, "unit": "km"})); resp.StatusCode != 200 {
		t.Fatalf("home: %d %s", resp.StatusCode, body)
	}
	t0 := time.Now()
	resp, page = c.Do("GET", "/routes?distance=3&surface=mixed", nil)
	t.Logf("suggestions page in %s", time.Since(t0).Round(time.Millisecond))
	if resp.StatusCode != 200 || !strings.Contains(page, `id="suggestion-1"`) || !strings.Contains(page, "Download GPX") {
		t.Fatalf("suggestions page: %d %s", resp.StatusCode, page[strings.Index(page, "<main"):min(len(page), strings.Index(page, "<main")+1500)])
	}
	var v struct {
		Available   bool   `json:"available"`
		StartFrom   string `json:"start_from"`
		Suggestions []struct {
			DistanceM float64      `json:"distance_m"`
			Streets   []string     `json:"streets"`
			Polyline  [][2]float64 `json:"polyline"`
		} `json:"suggestions"`
	}
	_, body = c.Do("GET", "/api/v1/routes/suggestions?distance_m=3000", nil)
	decodeInto(t, body, &v)
	if !v.Available || v.StartFrom != "home" || len(v.Suggestions) == 0 {
		t.Fatalf("suggestions: %s", body[:min(len(body), 400)])
	}
	for i, sg := range v.Suggestions {
		if sg.DistanceM < 2000 || sg.DistanceM > 4500 || len(sg.Streets) == 0 || len(sg.Polyline) < 10 {
			t.Errorf("suggestion %d: %.0f m, streets %v, %d points", i+1, sg.DistanceM, sg.Streets, len(sg.Polyline))
		}
	}
	resp, gpxBody := c.Do("GET", "/routes/suggestions/1.gpx?distance=3&surface=mixed", nil)
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), ".gpx") {
		t.Fatalf("gpx download: %d %s", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	acts, err := gpx.Decode(strings.NewReader(gpxBody))
	if err != nil || len(acts) != 1 || acts[0].Track.Len() < 10 {
		t.Errorf("downloaded GPX does not decode to a route: %v", err)
	}
	resp, fitBody := c.Do("GET", "/api/v1/routes/suggestions/1.fit?distance_m=3000", nil)
	if resp.StatusCode != 200 || len(fitBody) < 100 || fitBody[8:12] != ".FIT" {
		t.Errorf("fit download: %d, %d bytes", resp.StatusCode, len(fitBody))
	}
	if resp, _ := c.Do("GET", "/api/v1/routes/suggestions/9.gpx?distance_m=3000", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("suggestion 9: %d", resp.StatusCode)
	}
	if resp, _ := c.Do("GET", "/api/v1/routes/suggestions?distance_m=5", nil); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("5 m suggestion: %d", resp.StatusCode)
	}
}

// TestRacesAndClasses imports a race calendar (CSV) and a gym schedule
// (iCalendar) on the Races page: races 2–4 weeks out show with predicted
// times and a taper, classes on days the runner does not run show, a
// calendar can be deleted, and nobody else sees any of it.
func TestRacesAndClasses(t *testing.T) {
	t.Parallel()
	s := newServer(t, filepath.Join(t.TempDir(), "races.db"), cli.ServeOptions{RoutesInline: true})
	c := s.Client(t)
	c.Signup("rae@example.org")
	seedSteadyBlock(t, s.Store, c.AthleteID(), 12)
	day := func(n int) string { return testkit.Today.AddDate(0, 0, n).Format(time.DateOnly) }
	csv := "date,name,distance,place,lat,lon,url\n" +
		day(16) + " 09:30,Harbour 10K,10K,Port Hercule,43.7347,7.4206,https://races.example/harbour\n" +
		day(21) + ",Lemon Half,half,Menton,43.7747,7.5035,\n" +
		day(45) + ",Far Away Marathon,marathon,Nice,43.69,7.26,\n"
	resp, page := c.Do("POST", "/races/calendars", c.Form(map[string]string{"kind": "race"}, "file", "riviera.csv", []byte(csv)))
	if resp.StatusCode != 200 || !strings.Contains(page, "Imported 3 races") {
		t.Fatalf("race import: %d", resp.StatusCode)
	}
	start := testkit.Today.AddDate(0, 0, -8).Format("20060102")
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Test Gym\r\nBEGIN:VEVENT\r\nUID:yoga@gym.example\r\nDTSTART:" + start + "T073000Z\r\n" +
		"DURATION:PT1H\r\nRRULE:FREQ=WEEKLY;BYDAY=WE,FR\r\nSUMMARY:Sunrise Yoga\r\nLOCATION:Studio 1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	resp, page = c.Do("POST", "/races/calendars", c.Form(map[string]string{"kind": "classes"}, "file", "gym.ics", []byte(ics)))
	if resp.StatusCode != 200 || !strings.Contains(page, "Imported 1 classes") {
		t.Fatalf("class import: %d", resp.StatusCode)
	}
	if resp, page := c.Do("POST", "/races/calendars", c.Form(map[string]string{"kind": "race"}, "file", "notes.txt", []byte("hi"))); resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, ".ics") {
		t.Errorf("bad calendar: %d", resp.StatusCode)
	}
	var v struct {
		Races []struct {
			Name       string  `json:"name"`
			PredictedS float64 `json:"predicted_s"`
		} `json:"races"`
		Pick    string   `json:"pick"`
		Taper   []string `json:"taper"`
		Classes []struct {
			Name  string `json:"name"`
			Sport string `json:"sport"`
		} `json:"classes"`
		Feeds []struct {
			ID int64 `json:"id"`
		} `json:"feeds"`
	}
	_, body := c.Do("GET", "/api/v1/races", nil)
	decodeInto(t, body, &v)
	if len(v.Races) != 2 || v.Pick == "" || len(v.Taper) == 0 || len(v.Feeds) != 2 {
		t.Fatalf("races: %s", body)
	}
	for _, r := range v.Races {
		if r.PredictedS <= 0 || r.Name == "Far Away Marathon" {
			t.Errorf("race %+v", r)
		}
	}
	if len(v.Classes) == 0 || v.Classes[0].Name != "Sunrise Yoga" {
		t.Errorf("classes: %+v", v.Classes)
	}
	_, page = c.Do("GET", "/races", nil)
	for _, want := range []string{"Harbour 10K", "Lemon Half", "If you enter", "Sunrise Yoga", "Test Gym"} {
		if !strings.Contains(page, want) {
			t.Errorf("races page lacks %q", want)
		}
	}
	// Another athlete sees none of it and cannot delete it.
	other := s.Client(t)
	other.Signup("ola@example.org")
	_, body = other.Do("GET", "/api/v1/races", nil)
	if strings.Contains(body, "Harbour") || strings.Contains(body, "Test Gym") {
		t.Errorf("other athlete sees the races: %s", body)
	}
	if resp, _ := other.Do("DELETE", fmt.Sprintf("/api/v1/calendars/%d", v.Feeds[0].ID), nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("other deletes a calendar: %d", resp.StatusCode)
	}
	if resp, _ := c.Do("POST", fmt.Sprintf("/races/calendars/%d/delete", v.Feeds[0].ID), "csrf_token="+c.CSRF); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("delete calendar: %d", resp.StatusCode)
	}
	_, body = c.Do("GET", "/api/v1/races", nil)
	decodeInto(t, body, &v)
	if len(v.Feeds) != 1 {
		t.Errorf("%d calendars after deleting one", len(v.Feeds))
	}
}

// TestGearAndRewards adds the shoes the history names, sees their mileage
// bar past the retire distance, adds rewards and claims one, retires the
// shoes; another athlete can touch none of it.
func TestGearAndRewards(t *testing.T) {
	t.Parallel()
	s := newServer(t, filepath.Join(t.TempDir(), "gear.db"), cli.ServeOptions{RoutesInline: true})
	c := s.Client(t)
	c.Signup("gil@example.org")
	seedSteadyBlock(t, s.Store, c.AthleteID(), 12)
	form := url.Values{"name": {"Pegasus 40"}, "brand": {"Nike"}, "kind": {"shoes"}, "retire_at": {"300"}, "csrf_token": {c.CSRF}}
	if resp, _ := c.Do("POST", "/gear", form.Encode()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add gear: %d", resp.StatusCode)
	}
	var v struct {
		Gear []struct {
			ID        int64   `json:"id"`
			DistanceM float64 `json:"distance_m"`
			Due       bool    `json:"due"`
		} `json:"gear"`
		Rewards []struct {
			ID        int64  `json:"id"`
			Condition string `json:"condition"`
			Status    string `json:"status"`
			Progress  struct {
				Earned bool `json:"earned"`
			} `json:"progress"`
		} `json:"rewards"`
	}
	_, body := c.Do("GET", "/api/v1/gear", nil)
	decodeInto(t, body, &v)
	if len(v.Gear) != 1 || v.Gear[0].DistanceM < 300_000 || !v.Gear[0].Due {
		t.Fatalf("gear: %s", body)
	}
	shoe := v.Gear[0].ID
	_, page := c.Do("GET", "/gear", nil)
	if !strings.Contains(page, "Worn out") || !strings.Contains(page, `<meter class="bar worn"`) {
		t.Errorf("gear page does not show the worn shoes")
	}
	for _, f := range []url.Values{
		{"text": {"a massage"}, "condition": {"runs"}, "runs": {"3"}, "days": {"14"}},
		{"text": {"new shoes"}, "condition": {"shoe"}, "shoe": {fmt.Sprint(shoe)}},
	} {
		f.Set("csrf_token", c.CSRF)
		if resp, body := c.Do("POST", "/rewards", f.Encode()); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("add reward %v: %d %s", f, resp.StatusCode, body[:min(300, len(body))])
		}
	}
	if resp, _ := c.Do("POST", "/api/v1/rewards", jsonBody(map[string]any{"text": "dinner", "runs": 2, "shoe_id": shoe})); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("two conditions: %d", resp.StatusCode)
	}
	_, body = c.Do("GET", "/api/v1/gear", nil)
	decodeInto(t, body, &v)
	if len(v.Rewards) != 2 || v.Rewards[0].Progress.Earned || !v.Rewards[1].Progress.Earned || !strings.Contains(v.Rewards[0].Status, "0 of 3 runs") {
		t.Fatalf("rewards: %s", body)
	}
	if resp, _ := c.Do("POST", fmt.Sprintf("/rewards/%d/claim", v.Rewards[1].ID), "csrf_token="+c.CSRF); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("claim: %d", resp.StatusCode)
	}
	other := s.Client(t)
	other.Signup("oz@example.org")
	for _, try := range []struct{ method, path string }{
		{"POST", fmt.Sprintf("/api/v1/gear/%d/retire", shoe)},
		{"POST", fmt.Sprintf("/api/v1/rewards/%d/claim", v.Rewards[0].ID)},
		{"DELETE", fmt.Sprintf("/api/v1/rewards/%d", v.Rewards[0].ID)},
	} {
		if resp, _ := other.Do(try.method, try.path, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("other athlete %s %s: %d", try.method, try.path, resp.StatusCode)
		}
	}
	if resp, _ := other.Do("POST", "/api/v1/rewards", jsonBody(map[string]any{"text": "theirs", "shoe_id": shoe})); resp.StatusCode != http.StatusNotFound {
		t.Errorf("other athlete's reward on the owner's shoes: %d", resp.StatusCode)
	}
	if resp, _ := c.Do("POST", fmt.Sprintf("/gear/%d/retire", shoe), "csrf_token="+c.CSRF); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("retire: %d", resp.StatusCode)
	}
	_, page = c.Do("GET", "/gear", nil)
	if !strings.Contains(page, "retired ") || !strings.Contains(page, "claimed ") || strings.Contains(page, "Worn out") {
		t.Errorf("after retiring and claiming the page is wrong")
	}
}

// TestGratitude: facts from the runner's own runs, a journal entry, the
// poster as SVG and HTML with the entry on it; nobody else sees it.
func TestGratitude(t *testing.T) {
	t.Parallel()
	s := newServer(t, filepath.Join(t.TempDir(), "gratitude.db"), cli.ServeOptions{RoutesInline: true})
	c := s.Client(t)
	c.Signup("gus@example.org")
	seedSteadyBlock(t, s.Store, c.AthleteID(), 12)
	form := url.Values{"text": {"Sunday runs with Ana & the <club>"}, "csrf_token": {c.CSRF}}
	if resp, _ := c.Do("POST", "/gratitude", form.Encode()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d", resp.StatusCode)
	}
	if resp, _ := c.Do("POST", "/gratitude", url.Values{"text": {"  "}, "csrf_token": {c.CSRF}}.Encode()); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("empty entry: %d", resp.StatusCode)
	}
	var v struct {
		Facts []struct {
			Key string `json:"key"`
		} `json:"facts"`
		Entries []struct {
			ID   int64  `json:"id"`
			Text string `json:"text"`
		} `json:"entries"`
	}
	_, body := c.Do("GET", "/api/v1/gratitude", nil)
	decodeInto(t, body, &v)
	if len(v.Facts) < 3 || len(v.Entries) != 1 {
		t.Fatalf("gratitude: %s", body)
	}
	_, page := c.Do("GET", "/gratitude", nil)
	if !strings.Contains(page, "Sunday runs with Ana &amp; the &lt;club&gt;") || !strings.Contains(page, `src="/gratitude/poster?format=svg&amp;preview=1"`) {
		t.Errorf("gratitude page lacks the entry or the poster")
	}
	resp, svg := c.Do("GET", "/gratitude/poster?format=svg&preview=1", nil)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(svg, "Sunday runs with Ana &amp; the &lt;club&gt;") {
		t.Errorf("poster svg: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	resp, _ = c.Do("GET", "/api/v1/gratitude/poster?format=html", nil)
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "poster.html") {
		t.Errorf("poster html: %d %s", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	other := s.Client(t)
	other.Signup("ova@example.org")
	_, body = other.Do("GET", "/api/v1/gratitude", nil)
	_, svg = other.Do("GET", "/gratitude/poster?format=svg", nil)
	if strings.Contains(body, "Ana") || strings.Contains(svg, "Ana") {
		t.Errorf("other athlete sees the journal")
	}
	if resp, _ := other.Do("DELETE", fmt.Sprintf("/api/v1/gratitude/%d", v.Entries[0].ID), nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("other deletes an entry: %d", resp.StatusCode)
	}
}

var inviteLink = regexp.MustCompile(`/coach\?invite=([A-Za-z0-9_\-%]+)#accept`)

// TestCoachFlow: a runner invites two coaches with different scopes from
// the Coach page; each accepts with their own account; a coach reads the
// runner's page, answers a plan-tweak request only with comment, edits the
// plan only with edit_plan, and loses everything when revoked.
func TestCoachFlow(t *testing.T) {
	t.Parallel()
	for name, dsn := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := newServer(t, dsn, cli.ServeOptions{RoutesInline: true})
			ann := s.Client(t)
			ann.Signup("ann@example.org")
			annID := ann.AthleteID()
			seedSteadyBlock(t, s.Store, annID, 10)
			invite := func(scopes ...string) string {
				t.Helper()
				f := url.Values{"csrf_token": {ann.CSRF}, "note": {"for the spring"}}
				for _, sc := range scopes {
					f.Add("scope", sc)
				}
				resp, page := ann.Do("POST", "/coach/invites", f.Encode())
				m := inviteLink.FindStringSubmatch(page)
				if resp.StatusCode != 200 || m == nil {
					t.Fatalf("invite: %d, no link", resp.StatusCode)
				}
				tok, _ := url.QueryUnescape(m[1])
				return tok
			}
			reader, planner := s.Client(t), s.Client(t)
			reader.Signup("rita@example.org")
			planner.Signup("paul@example.org")
			for _, c := range []struct {
				who *client
				tok string
			}{{reader, invite("comment")}, {planner, invite("edit_plan")}} {
				resp, page := c.who.Do("GET", "/coach?invite="+url.QueryEscape(c.tok), nil)
				if resp.StatusCode != 200 || !strings.Contains(page, `value="`+c.tok+`"`) {
					t.Fatalf("the invite link does not fill in the token")
				}
				resp, _ = c.who.Do("POST", "/coach/accept", url.Values{"token": {c.tok}, "csrf_token": {c.who.CSRF}}.Encode())
				if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != fmt.Sprintf("/coach/athletes/%d?ok=coaching", annID) {
					t.Fatalf("accept: %d %s", resp.StatusCode, resp.Header.Get("Location"))
				}
				// An invite works once.
				if resp, _ := c.who.Do("POST", "/api/v1/coach/accept", jsonBody(map[string]string{"token": c.tok})); resp.StatusCode != http.StatusConflict {
					t.Errorf("second accept: %d", resp.StatusCode)
				}
			}
			athletePage := fmt.Sprintf("/coach/athletes/%d", annID)
			resp, page := reader.Do("GET", athletePage, nil)
			if resp.StatusCode != 200 || !strings.Contains(page, "Their plan") || !strings.Contains(page, "Recent activities") || strings.Contains(page, "Add to their plan") {
				t.Fatalf("reader's view of the athlete: %d", resp.StatusCode)
			}
			// The coach opens one of Ann's runs, read-only.
			var list struct {
				Items []struct {
					ID int64 `json:"id"`
				} `json:"items"`
			}
			_, body := ann.Do("GET", "/api/v1/activities?per_page=1", nil)
			decodeInto(t, body, &list)
			actPage := fmt.Sprintf("/coach/athletes/%d/activities/%d", annID, list.Items[0].ID)
			if !strings.Contains(page, `href="`+actPage+`"`) {
				t.Errorf("the coach's view does not link the latest activity")
			}
			if resp, page := reader.Do("GET", actPage, nil); resp.StatusCode != 200 || !strings.Contains(page, "Moving time") || strings.Contains(page, "check-in\" method") {
				t.Errorf("coach activity page: %d", resp.StatusCode)
			}
			// Ann asks for a tweak (to Rita: she has two coaches, so she names her).
			_, body = ann.Do("GET", "/api/v1/coach", nil)
			var cv struct {
				Coaches []struct {
					CoachID int64  `json:"coach_id"`
					Name    string `json:"name"`
				} `json:"coaches"`
			}
			decodeInto(t, body, &cv)
			if len(cv.Coaches) != 2 {
				t.Fatalf("coaches: %s", body)
			}
			rita := cv.Coaches[0].CoachID
			if cv.Coaches[0].Name != "rita" {
				rita = cv.Coaches[1].CoachID
			}
			if resp, _ := ann.Do("POST", "/api/v1/coach/requests", jsonBody(map[string]any{"message": "legs heavy"})); resp.StatusCode != http.StatusBadRequest {
				t.Errorf("request without naming one of two coaches: %d", resp.StatusCode)
			}
			resp, _ = ann.Do("POST", "/coach/requests", url.Values{"coach": {fmt.Sprint(rita)}, "message": {"My legs are heavy: lighter week?"}, "csrf_token": {ann.CSRF}}.Encode())
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("request: %d", resp.StatusCode)
			}
			var req struct {
				Requests []struct {
					ID      int64 `json:"id"`
					Context struct {
						Spark    json.RawMessage `json:"spark"`
						Training *struct {
							Fitness float64 `json:"fitness"`
						} `json:"training"`
					} `json:"context"`
				} `json:"requests"`
			}
			_, body = ann.Do("GET", "/api/v1/coach", nil)
			decodeInto(t, body, &req)
			if len(req.Requests) != 1 || len(req.Requests[0].Context.Spark) < 100 || req.Requests[0].Context.Training == nil || req.Requests[0].Context.Training.Fitness <= 0 {
				t.Fatalf("request without its context: %s", body[:min(len(body), 600)])
			}
			reqPath := fmt.Sprintf("/coach/athletes/%d/requests/%d/reply", annID, req.Requests[0].ID)
			_, page = reader.Do("GET", athletePage, nil)
			if !strings.Contains(page, "My legs are heavy") || !strings.Contains(page, `action="`+reqPath+`"`) {
				t.Errorf("the coach does not see the request with a reply form")
			}
			if resp, _ := reader.Do("POST", reqPath, url.Values{"text": {"Take Thursday off."}, "csrf_token": {reader.CSRF}}.Encode()); resp.StatusCode != http.StatusSeeOther {
				t.Errorf("coach reply: %d", resp.StatusCode)
			}
			// Paul (edit_plan, no comment) may not answer Rita's request, but may plan.
			if resp, _ := planner.Do("POST", reqPath, url.Values{"text": {"me too"}, "csrf_token": {planner.CSRF}}.Encode()); resp.StatusCode != http.StatusForbidden {
				t.Errorf("coach without comment replies: %d", resp.StatusCode)
			}
			day := testkit.Today.AddDate(0, 0, 3).Format(time.DateOnly)
			if resp, _ := reader.Do("POST", athletePage+"/plan", url.Values{"day": {day}, "kind": {"easy"}, "distance": {"5"}, "csrf_token": {reader.CSRF}}.Encode()); resp.StatusCode != http.StatusForbidden {
				t.Errorf("coach without edit_plan plans: %d", resp.StatusCode)
			}
			if resp, _ := planner.Do("POST", athletePage+"/plan", url.Values{"day": {day}, "kind": {"quality"}, "distance": {"8"}, "note": {"6 × 800 m from Paul"}, "csrf_token": {planner.CSRF}}.Encode()); resp.StatusCode != http.StatusSeeOther {
				t.Errorf("coach with edit_plan plans: %d", resp.StatusCode)
			}
			if resp, _ := reader.Do("POST", fmt.Sprintf("/api/v1/coaching/%d/plan", annID), jsonBody(map[string]any{"day": day, "kind": "easy"})); resp.StatusCode != http.StatusForbidden {
				t.Errorf("API: coach without edit_plan plans: %d", resp.StatusCode)
			}
			_, page = ann.Do("GET", "/plan", nil)
			if !strings.Contains(page, "6 × 800 m from Paul") {
				t.Errorf("the coach's session is not in the athlete's plan")
			}
			_, page = ann.Do("GET", "/coach", nil)
			if !strings.Contains(page, "Take Thursday off.") {
				t.Errorf("the athlete does not see the coach's reply")
			}
			// Coaches see nothing of each other's athletes, and nothing after revocation.
			if resp, _ := reader.Do("GET", fmt.Sprintf("/coach/athletes/%d", planner.AthleteID()), nil); resp.StatusCode != http.StatusNotFound {
				t.Errorf("coach reads someone who is not their athlete: %d", resp.StatusCode)
			}
			if resp, _ := ann.Do("POST", fmt.Sprintf("/coach/coaches/%d/revoke", rita), "csrf_token="+ann.CSRF); resp.StatusCode != http.StatusSeeOther {
				t.Errorf("revoke: %d", resp.StatusCode)
			}
			if resp, _ := reader.Do("GET", athletePage, nil); resp.StatusCode != http.StatusNotFound {
				t.Errorf("revoked coach reads the athlete: %d", resp.StatusCode)
			}
			if resp, _ := reader.Do("GET", fmt.Sprintf("/api/v1/coaching/%d", annID), nil); resp.StatusCode != http.StatusNotFound {
				t.Errorf("revoked coach reads the athlete through the API: %d", resp.StatusCode)
			}
			if resp, _ := reader.Do("GET", actPage, nil); resp.StatusCode != http.StatusNotFound {
				t.Errorf("revoked coach reads an activity: %d", resp.StatusCode)
			}
		})
	}
}
