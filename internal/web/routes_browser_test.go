package web_test

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"rekindle"
	"rekindle/internal/cli"
	"rekindle/internal/units"
)

// TestBrowserRoutesOutAndBacksAndRefusal reads, in a real Chromium, the
// Routes page of a runner on the Andorra extract (issue 15, session 22):
// from a start where every loop of the length is busy and quiet
// out-and-backs turn in several directions, the page shows each
// out-and-back the engine returned (the API's answer to the same query)
// with its own name, where it turns and its distance; from a start with no
// park within reach, a run to a park shows the engine's refusal, the
// nearest park's distance by the streets included.
func TestBrowserRoutesOutAndBacksAndRefusal(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chromiumPath(t) // skips the test without Chromium
	s := newServer(t, filepath.Join(t.TempDir(), "oab.db"), cli.ServeOptions{RoutesInline: true})
	c := s.Client(t)
	c.Signup("ada@example.org")
	pbf := filepath.Join(testdata(t), "osm", "andorra.osm.pbf")
	if resp, _ := c.Do("POST", "/routes/map", c.Form(nil, "map", "andorra.osm.pbf", mustRead(t, pbf))); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("map upload: %d", resp.StatusCode)
	}
	home := func(lat, lon float64) {
		t.Helper()
		me := map[string]any{"home_lat": lat, "home_lon": lon, "unit": "km", "time_zone": "Europe/Andorra"}
		if resp, body := c.Do("PUT", "/api/v1/me", jsonBody(me)); resp.StatusCode != 200 {
			t.Fatalf("home: %d %s", resp.StatusCode, body)
		}
	}

	ctx := browser(t, 1100, 1400)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			main, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main") ? document.querySelector("main").innerText : ""`))
			t.Fatalf("%s: %v\npage text: %.2000s", name, err, main)
		}
	}
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	step("sign in",
		chromedp.Navigate(s.URL+"/login"),
		chromedp.WaitVisible(css(`#email`)),
		chromedp.SendKeys(css(`#email`), "ada@example.org"),
		chromedp.SendKeys(css(`#password`), "correct horse battery"),
		chromedp.Submit(css(`#password`)),
		chromedp.WaitVisible(css(`#spark-h`)), // the home page: the sign-in page has a `main h1` too
	)

	// Out-and-backs in several directions: 17.3 km from 42.54926,1.51550.
	home(42.5492637, 1.5155001)
	const q = "distance_m=17314&surface=mixed"
	resp, body := c.Do("GET", "/api/v1/routes/suggestions?"+q, nil)
	var api struct {
		Suggestions []struct {
			Kind      string   `json:"kind"`
			DistanceM float64  `json:"distance_m"`
			Streets   []string `json:"streets"`
		} `json:"suggestions"`
	}
	if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &api) != nil {
		t.Fatalf("suggestions: %d %.300s", resp.StatusCode, body)
	}
	oabs := 0
	for _, x := range api.Suggestions {
		if x.Kind == "out_and_back" {
			oabs++
		}
	}
	if oabs < 2 {
		t.Fatalf("the engine offers %d out-and-backs of %d suggestions here: not the class this test is about", oabs, len(api.Suggestions))
	}
	// Wait for the section that is always there: a page without the
	// suggestions fails below with what it shows, not at the deadline.
	step("routes page", chromedp.Navigate(s.URL+"/routes?"+q+"#suggest"), chromedp.WaitVisible(css(`#new-h`)))
	got := eval(`JSON.stringify([...document.querySelectorAll("article.suggestion")].map(a => [
	  a.querySelector(".sugg-name").innerText, a.querySelector(".sugg-dist").innerText,
	  a.querySelector(".sugg-turn") ? a.querySelector(".sugg-turn").innerText : ""]))`)
	var shown [][3]string
	if err := json.Unmarshal([]byte(got), &shown); err != nil {
		t.Fatalf("%v: %s", err, got)
	}
	if len(shown) != len(api.Suggestions) {
		t.Fatalf("the page shows %d suggestions, the engine returned %d: %q\npage text: %.1500s", len(shown), len(api.Suggestions), shown,
			eval(`document.querySelector("main").innerText`))
	}
	names := map[string]int{}
	for i, x := range api.Suggestions {
		name, dist, turn := shown[i][0], shown[i][1], shown[i][2]
		if j, ok := names[name]; ok {
			t.Errorf("suggestions %d and %d are both named %q", j+1, i+1, name)
		}
		names[name] = i
		if want := units.Show(x.DistanceM, rekindle.UnitKm); dist != want {
			t.Errorf("suggestion %d: the page says %s, the engine %s", i+1, dist, want)
		}
		if x.Kind != "out_and_back" || len(x.Streets) == 0 {
			continue
		}
		at := x.Streets[len(x.Streets)-1]
		if want := "out to " + at + " and back the same way"; turn != want {
			t.Errorf("suggestion %d turns at %s: the page says %q, want %q", i+1, at, turn, want)
		}
		if !strings.Contains(name, at) {
			t.Errorf("suggestion %d, %q, is not named by where it turns (%s)", i+1, name, at)
		}
	}
	t.Logf("out-and-backs as the page shows them: %q", shown)

	// A refusal: no park within reach of a 4.1 km run from 42.47197,1.54430.
	home(42.471965, 1.5442997)
	const rq = "distance_m=4090&surface=trail&to=park"
	resp, body = c.Do("GET", "/api/v1/routes/suggestions?"+rq, nil)
	var refusal struct {
		Error struct {
			Message string
			Refusal struct {
				Reason   string
				Sentence string
			}
		} `json:"error"`
	}
	if resp.StatusCode == 200 || json.Unmarshal([]byte(body), &refusal) != nil || refusal.Error.Message == "" {
		t.Fatalf("a run to a park here: %d %.300s, want a refusal", resp.StatusCode, body)
	}
	const place = "the nearest park is 13.3 km away by the streets"
	if !strings.Contains(refusal.Error.Message, place) {
		t.Fatalf("the engine's refusal %q does not say %q: not the class this test is about", refusal.Error.Message, place)
	}
	// One value, two views: the API's fields and its sentence are the message's.
	if r := refusal.Error.Refusal; r.Reason != "place_too_far" || "No route found: "+r.Sentence != refusal.Error.Message {
		t.Errorf("the refusal's fields %+v do not make its message %q", r, refusal.Error.Message)
	}
	step("refusal", chromedp.Navigate(s.URL+"/routes?"+rq+"#suggest"), chromedp.WaitVisible(css(`main`)))
	msg := eval(`(() => { const e = document.querySelector("main .error"); return e ? e.innerText : ""; })()`)
	if msg != refusal.Error.Message {
		t.Errorf("the page says %q; the engine refused with %q", msg, refusal.Error.Message)
	}
	if strings.Contains(msg, "route: suggest:") {
		t.Errorf("the page's refusal %q carries the Go error's prefix", msg)
	}
	if n := eval(`String(document.querySelectorAll("article.suggestion").length)`); n != "0" {
		t.Errorf("a refused query shows %s suggestions", n)
	}
	t.Logf("refusal as the page shows it: %q", msg)
}
