package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"math"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"rekindle/internal/cli"
	"rekindle/internal/demo"
	"rekindle/internal/gpx"
	"rekindle/internal/testkit"
	"rekindle/internal/training"
)

// loopServer is a server with a runner stuck in a rut in Monaco (the demo
// persona's recent months, imported from FIT files), the Monaco street
// map loaded on the Routes page and home set: Home's variety idea offers
// new loops.
func loopServer(t *testing.T, opts cli.ServeOptions) (*testServer, *client) {
	t.Helper()
	opts.RoutesInline = true
	s := newServer(t, filepath.Join(t.TempDir(), "loops.db"), opts)
	c := s.Client(t)
	c.Signup("lou@example.org")
	h, err := demo.Generate(context.Background(), demo.Options{Persona: "rut", Years: 0.35, End: testkit.Midnight})
	if err != nil {
		t.Fatal(err)
	}
	evs := c.Upload(demoZip(t, t.TempDir()))
	if last := evs[len(evs)-1]; last.Status != "done" {
		t.Fatalf("upload: %+v", last)
	}
	pbf := filepath.Join(testdata(t), "osm", "monaco.osm.pbf")
	if resp, _ := c.Do("POST", "/routes/map", c.Form(nil, "map", "monaco.osm.pbf", mustRead(t, pbf))); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("map upload: %d", resp.StatusCode)
	}
	me := map[string]any{"home_lat": h.Athlete.HomeLat, "home_lon": h.Athlete.HomeLon, "unit": "km", "time_zone": h.Athlete.TimeZone}
	if resp, body := c.Do("PUT", "/api/v1/me", jsonBody(me)); resp.StatusCode != 200 {
		t.Fatalf("home: %d %s", resp.StatusCode, body)
	}
	return s, c
}

// homeLoop is a loop as Home's idea names and links it.
type homeLoop struct{ Link, Name, Dist string }

var (
	loopItem = regexp.MustCompile(`<li><a href="([^"]+)">([^<]+)</a>, <span class="loop-dist">([^<]+)</span></li>`)
	suggHead = regexp.MustCompile(`(?s)<article class="suggestion" id="suggestion-(\d+)">\s*<h3>\d+\. <span class="sugg-name">([^<]+)</span>, <span class="sugg-dist">([^<]+)</span>`)
)

// homeLoops reads the loops of the ideas on Home.
func homeLoops(t *testing.T, page string) []homeLoop {
	t.Helper()
	var out []homeLoop
	for _, m := range loopItem.FindAllStringSubmatch(page, -1) {
		out = append(out, homeLoop{html.UnescapeString(m[1]), html.UnescapeString(m[2]), html.UnescapeString(m[3])})
	}
	return out
}

// TestHomeLoopsAreRoutesLoops reads Home's variety idea and follows each of
// its named loops to the Routes page: the page shows that very loop (same
// name, same distance) with its map, cues and GPX and FIT downloads, and
// the downloads serve it. Real SQLite, the fixed clock.
func TestHomeLoopsAreRoutesLoops(t *testing.T) {
	if testing.Short() {
		t.Skip("imports a demo history: skipped in -short mode")
	}
	s, c := loopServer(t, cli.ServeOptions{})
	_ = s
	resp, page := c.Do("GET", "/", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("home: %d", resp.StatusCode)
	}
	loops := homeLoops(t, page)
	if len(loops) < 2 {
		i := strings.Index(page, "<main")
		os.WriteFile(filepath.Join(os.TempDir(), "loops-home.html"), []byte(page[i:]), 0o644)
		t.Fatalf("Home offers %d loops, want the variety idea's new loops (page in %s)", len(loops), os.TempDir())
	}
	for _, l := range loops {
		path, frag, _ := strings.Cut(l.Link, "#")
		if !strings.HasPrefix(path, "/routes?") || !strings.HasPrefix(frag, "suggestion-") {
			t.Fatalf("loop %q links to %q, want a suggestion on the Routes page", l.Name, l.Link)
		}
		resp, rp := c.Do("GET", path, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		found := false
		for _, m := range suggHead.FindAllStringSubmatch(rp, -1) {
			if "suggestion-"+m[1] != frag {
				continue
			}
			found = true
			if name, dist := html.UnescapeString(m[2]), html.UnescapeString(m[3]); name != l.Name || dist != l.Dist {
				t.Errorf("Home says %q, %s; the Routes page at %s says %q, %s", l.Name, l.Dist, l.Link, name, dist)
			}
			art := rp[strings.Index(rp, `id="`+frag+`"`):]
			art = art[:strings.Index(art, "</article>")]
			for _, want := range []string{`<svg`, `class="cues"`, `Download GPX`, `Download FIT course`, `% on busy roads`, `elevation gain unknown (the map has no heights)`} {
				if !strings.Contains(art, want) {
					t.Errorf("%s: the suggestion has no %s", l.Link, want)
				}
			}
			n := strings.TrimPrefix(frag, "suggestion-")
			q := strings.TrimPrefix(path, "/routes?")
			for _, ext := range []string{"gpx", "fit"} {
				if resp, body := c.Do("GET", fmt.Sprintf("/routes/suggestions/%s.%s?%s", n, ext, q), nil); resp.StatusCode != 200 || len(body) < 100 {
					t.Errorf("%s download of %s: %d, %d bytes", ext, l.Link, resp.StatusCode, len(body))
				}
			}
		}
		if !found {
			t.Errorf("the Routes page at %s has no %s", path, frag)
		}
	}
	// The Routes page opened before choosing asks Home's idea's query (the
	// runner's usual run from their home) and shows the same loops.
	resp, rp := c.Do("GET", "/routes", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("/routes: %d", resp.StatusCode)
	}
	u, err := url.Parse(loops[0].Link)
	if err != nil {
		t.Fatal(err)
	}
	m, err := strconv.ParseFloat(u.Query().Get("distance_m"), 64)
	if err != nil {
		t.Fatal(err)
	}
	want := `name="distance" value="` + strconv.FormatFloat(math.Round(m/10)/100, 'f', -1, 64) + `"`
	if !strings.Contains(rp, want) {
		i := strings.Index(rp, `name="distance"`)
		t.Errorf("the Routes page opens on %q, want Home's query %s", rp[i:min(len(rp), i+40)], want)
	}
	heads := suggHead.FindAllStringSubmatch(rp, -1)
	if len(heads) != len(loops) {
		t.Fatalf("the Routes page opens with %d suggestions, Home names %d loops", len(heads), len(loops))
	}
	for i, h := range heads {
		if name, dist := html.UnescapeString(h[2]), html.UnescapeString(h[3]); name != loops[i].Name || dist != loops[i].Dist {
			t.Errorf("suggestion %d: the Routes page opens on %q, %s; Home names %q, %s", i+1, name, dist, loops[i].Name, loops[i].Dist)
		}
	}
	// The API asked without a distance answers the same default: the very
	// suggestions of Home's query, and its downloads serve them.
	resp, def := c.Do("GET", "/api/v1/routes/suggestions", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("/api/v1/routes/suggestions without a query: %d %s", resp.StatusCode, def)
	}
	_, asked := c.Do("GET", "/api/v1/routes/suggestions?"+u.RawQuery, nil)
	if def != asked {
		t.Errorf("the API's default suggestions are not Home's query's:\n%.300s\nwant\n%.300s", def, asked)
	}
	var dv struct {
		TargetM     float64 `json:"target_m"`
		Surface     string  `json:"surface"`
		Suggestions []struct {
			DistanceM float64 `json:"distance_m"`
		} `json:"suggestions"`
	}
	if err := json.Unmarshal([]byte(def), &dv); err != nil {
		t.Fatal(err)
	}
	if dv.TargetM != m || dv.Surface != "mixed" || len(dv.Suggestions) != len(loops) {
		t.Errorf("the API's default asks %v m %s with %d suggestions, want Home's %v m mixed with %d", dv.TargetM, dv.Surface, len(dv.Suggestions), m, len(loops))
	}
	for _, ext := range []string{"gpx", "fit"} {
		_, want := c.Do("GET", "/api/v1/routes/suggestions/1."+ext+"?"+u.RawQuery, nil)
		if resp, body := c.Do("GET", "/api/v1/routes/suggestions/1."+ext, nil); resp.StatusCode != 200 || body != want {
			t.Errorf("the default's %s download: %d, %d bytes, want Home's first loop (%d bytes)", ext, resp.StatusCode, len(body), len(want))
		}
	}
	// Accepted, the variety idea writes its run with the first loop attached:
	// the plan page names it and downloads that very route (GPX and FIT).
	if resp, _ := c.Do("POST", "/recommendations/variety-route/decision", "decision=accept&csrf_token="+c.CSRF); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept variety-route: %d", resp.StatusCode)
	}
	resp, pp := c.Do("GET", "/plan", nil)
	if resp.StatusCode != 200 || !strings.Contains(pp, html.EscapeString(loops[0].Name)) {
		t.Fatalf("the plan page (%d) does not name the loop %q", resp.StatusCode, loops[0].Name)
	}
	dl := regexp.MustCompile(`href="(/plan/\d+/route\.gpx)"`).FindStringSubmatch(pp)
	if dl == nil {
		t.Fatal("the plan page has no route download")
	}
	_, planned := c.Do("GET", dl[1], nil)
	_, suggested := c.Do("GET", "/routes/suggestions/1.gpx?"+u.RawQuery, nil)
	pa, perr := gpx.Decode(strings.NewReader(planned))
	sa, serr := gpx.Decode(strings.NewReader(suggested))
	if perr != nil || serr != nil || len(pa) != 1 || len(sa) != 1 || pa[0].Track.Len() < 2 || pa[0].Track.Len() != sa[0].Track.Len() {
		t.Errorf("the planned route's GPX (%v) is not the suggestion's (%v)", perr, serr)
	}
	if resp, body := c.Do("GET", strings.TrimSuffix(dl[1], "gpx")+"fit", nil); resp.StatusCode != 200 || len(body) < 100 {
		t.Errorf("the planned route's FIT: %d, %d bytes", resp.StatusCode, len(body))
	}
	t.Logf("Home's loops, each shown alike on the Routes page and by the API, which open on them: %+v", loops)
}

// TestTrainingTerms: the Training page explains fitness, fatigue, form,
// monotony and VDOT where they appear, in the words of training.Terms (the
// one text for them).
func TestTrainingTerms(t *testing.T) {
	t.Parallel()
	s := newServer(t, filepath.Join(t.TempDir(), "terms.db"), cli.ServeOptions{})
	c := s.Client(t)
	c.Signup("tia@example.org")
	seedSteadyBlock(t, s.Store, c.AthleteID(), 12)
	resp, page := c.Do("GET", "/training", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("training: %d", resp.StatusCode)
	}
	for _, term := range training.Terms {
		if term.Key == "vdot" && !strings.Contains(page, "<dt>VDOT</dt>") {
			continue
		}
		i := strings.Index(page, `id="term-`+term.Key+`"`)
		if i < 0 {
			t.Errorf("the Training page does not explain %s", term.Name)
			continue
		}
		if !strings.Contains(page[i:min(len(page), i+len(term.Text)+200)], html.EscapeString(term.Text)) {
			t.Errorf("the Training page explains %s otherwise than training.Terms", term.Name)
		}
	}
}

var (
	isoDate = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)
	tags    = regexp.MustCompile(`(?s)<(script|style)\b.*?</(script|style)>|<[^>]*>`)
)

// TestOneDateFormat reads every page of a runner with a full history and
// finds each date a person reads in one format, the athlete's locale's
// ("Tue 3 Jun 2025" by default, "Di., 3. Juni 2025" for de-DE, "Tue, Jun 3,
// 2025" for en-US): no YYYY-MM-DD in the text (form fields and links may
// keep it), and no English month for a German runner.
func TestOneDateFormat(t *testing.T) {
	if testing.Short() {
		t.Skip("imports a demo history: skipped in -short mode")
	}
	_, c := loopServer(t, cli.ServeOptions{})
	_, body := c.Do("GET", "/api/v1/activities?per_page=1", nil)
	id := regexp.MustCompile(`"id":(\d+)`).FindStringSubmatch(body)
	if id == nil {
		t.Fatalf("activities: %s", body)
	}
	// Per locale: one format on every page, the athlete's.
	for _, tc := range []struct {
		locale string
		want   *regexp.Regexp // how /activities writes a run's day
	}{
		// German first: a notification keeps the words it was written in
		// (as an e-mail does), and later walks would find the German ones.
		{"de-DE", regexp.MustCompile(`\b(Mo|Di|Mi|Do|Fr|Sa|So)\., \d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) 20\d\d\b`)},
		{"", regexp.MustCompile(`\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 20\d\d\b`)},
		{"en-US", regexp.MustCompile(`\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, 20\d\d\b`)},
	} {
		t.Run("locale="+tc.locale, func(t *testing.T) {
			setLocale(t, c, tc.locale)
			for _, p := range []string{"/", "/activities", "/activities/" + id[1], "/training", "/routes", "/races", "/plan", "/gratitude",
				"/gear", "/settings", "/spark-check", "/notifications", "/coach", "/upload"} {
				resp, page := c.Do("GET", p, nil)
				if resp.StatusCode != 200 {
					t.Errorf("%s: %d", p, resp.StatusCode)
					continue
				}
				text := html.UnescapeString(tags.ReplaceAllString(page, " "))
				if p == "/settings" {
					// The date format's choice shows each locale's example.
					text = settingsLocale.ReplaceAllString(html.UnescapeString(page), " ")
					text = html.UnescapeString(tags.ReplaceAllString(text, " "))
				}
				if got := isoDate.FindAllString(text, -1); len(got) > 0 {
					i := isoDate.FindStringIndex(text)
					t.Errorf("%s shows %d dates as YYYY-MM-DD, e.g. %q", p, len(got), strings.Join(strings.Fields(text[max(0, i[0]-60):min(len(text), i[1]+20)]), " "))
				}
				if tc.locale == "de-DE" {
					if i := englishMonth.FindStringIndex(text); i != nil {
						t.Errorf("%s shows an English month for a German runner: %q", p, strings.Join(strings.Fields(text[max(0, i[0]-60):min(len(text), i[1]+20)]), " "))
					}
				}
				if p == "/activities" && !tc.want.MatchString(text) {
					t.Errorf("%s: no day written as %s reads it (%s)", p, orDefault(tc.locale), tc.want)
				}
			}
		})
	}
}

var (
	// englishMonth is an English month's name or weekday as an English
	// date writes it, leaving out the names German writes alike (April,
	// August, September, November, Apr, Aug, Nov: "29. April 2025" is
	// German too).
	englishMonth = regexp.MustCompile(`\b(January|February|March|May|June|July|October|December)\b|\b\d{1,2} (Jan|Feb|Mar|May|Jun|Jul|Sep|Oct|Dec)\b|\b(Jan|Feb|Mar|May|Jun|Jul|Sep|Oct|Dec) \d{1,2}\b|\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun),? (\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)`)
	// settingsLocale is the settings page's choice of date format.
	settingsLocale = regexp.MustCompile(`(?s)<select id="locale".*?</select>`)
)

func orDefault(l string) string {
	if l == "" {
		return "en-GB (the default)"
	}
	return l
}

// setLocale sets the signed-in athlete's locale through the API, the rest
// of the profile as it is.
func setLocale(t *testing.T, c *client, l string) {
	t.Helper()
	_, body := c.Do("GET", "/api/v1/me", nil)
	var me struct {
		Profile map[string]any `json:"profile"`
	}
	if err := json.Unmarshal([]byte(body), &me); err != nil {
		t.Fatalf("me: %v: %s", err, body)
	}
	me.Profile["locale"] = l
	if resp, body := c.Do("PUT", "/api/v1/me", jsonBody(me.Profile)); resp.StatusCode != 200 {
		t.Fatalf("locale %q: %d %s", l, resp.StatusCode, body)
	}
}
