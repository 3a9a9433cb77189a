package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"rekindle/internal/cli"
	"rekindle/internal/testkit/testserver"
)

// germanDay is a day as a German runner reads it: "Di., 3. Juni 2025",
// "Di., 3. Juni" (the year left out in plan lines and idea cards).
var germanDay = regexp.MustCompile(`\b(Mo|Di|Mi|Do|Fr|Sa|So)\., \d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b`)

// TestBrowserGermanDates: a runner chooses German dates on the Settings
// page in Chromium; then no page shows an English month, Activities writes
// each run's day the German way, and Home's idea card names its sessions'
// days as the plan does (the same formatter).
func TestBrowserGermanDates(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	s, c := loopServer(t, cli.ServeOptions{})
	_, body := c.Do("GET", "/api/v1/activities?per_page=1", nil)
	id := regexp.MustCompile(`"id":(\d+)`).FindStringSubmatch(body)
	if id == nil {
		t.Fatalf("activities: %s", body)
	}
	ctx := browser(t, 1280, 900)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	text := func() string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main").innerText`))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	step("sign in", chromedp.Navigate(s.URL+"/login"), chromedp.WaitVisible(css(`#email`)),
		chromedp.SendKeys(css(`#email`), "lou@example.org"), chromedp.SendKeys(css(`#password`), "correct horse battery"),
		chromedp.Submit(css(`#password`)), chromedp.WaitVisible(css(`#spark-h`)))
	step("choose German dates", chromedp.Navigate(s.URL+"/settings"), chromedp.WaitVisible(css(`#locale`)),
		chromedp.SetValue(css(`#locale`), "de-DE"), chromedp.Submit(css(`#locale`)),
		// the saved page's notice: the form's own page has #locale too
		chromedp.WaitVisible(css(`p.flash`)), chromedp.WaitVisible(css(`#locale`)))
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search + " " + document.querySelector("#locale").value`)); got != "?ok=saved de-DE" {
		t.Fatalf("after saving the settings: %q", got)
	}
	germanPages := 0
	for _, p := range []string{"/", "/activities", "/activities/" + id[1], "/training", "/routes", "/races", "/plan", "/gratitude",
		"/gear", "/spark-check", "/notifications", "/coach", "/upload"} {
		step(p, chromedp.Navigate(s.URL+p), chromedp.WaitReady(css(`main`)))
		tx := text()
		if i := englishMonth.FindStringIndex(tx); i != nil {
			t.Errorf("%s shows an English month to a German runner: %q", p, strings.Join(strings.Fields(tx[max(0, i[0]-60):min(len(tx), i[1]+20)]), " "))
		}
		if i := isoDate.FindStringIndex(tx); i != nil {
			t.Errorf("%s shows a date as YYYY-MM-DD: %q", p, tx[max(0, i[0]-40):min(len(tx), i[1]+10)])
		}
		if germanDay.MatchString(tx) {
			germanPages++
		}
		switch p {
		case "/activities":
			if !germanDay.MatchString(tx) {
				t.Errorf("Activities writes no day the German way:\n%s", tx[:min(len(tx), 600)])
			}
		case "/":
			// The top idea's sessions, as its card says them, start with
			// the German day (plan.Describe through the athlete's locale).
			card, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("ol.actions li")].map(e => e.innerText).join("\n")`))
			if card != "" && !germanDay.MatchString(card) {
				t.Errorf("Home's idea cards name no day the German way:\n%s", card)
			}
		}
	}
	if germanPages < 4 {
		t.Errorf("only %d pages show a German date", germanPages)
	}
}

// TestSignupLocale: an account created from a German browser reads German
// dates until the runner chooses; a chosen locale is kept; an unknown one
// is refused with a message naming it.
func TestSignupLocale(t *testing.T) {
	s := testserver.NewSQLite(t, cli.ServeOptions{})
	c := s.Client(t)
	c.Header = http.Header{"Accept-Language": {"de-DE,de;q=0.9,en;q=0.8"}}
	c.Signup("greta@example.org")
	locale := func() string {
		_, body := c.Do("GET", "/api/v1/me", nil)
		m := regexp.MustCompile(`"locale":"([^"]*)"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("me: %s", body)
		}
		return m[1]
	}
	if got := locale(); got != "de-DE" {
		t.Errorf("signed up from a German browser: locale %q", got)
	}
	if _, page := c.Do("GET", "/settings", nil); !strings.Contains(page, `<option value="de-DE" selected>de-DE: Di., 3. Juni 2025</option>`) {
		t.Errorf("settings does not show de-DE chosen")
	}
	resp, body := c.Do("PUT", "/api/v1/me", jsonBody(map[string]any{"unit": "km", "locale": "tlh-KL"}))
	if resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "tlh") {
		t.Errorf("an unknown locale: %d %s", resp.StatusCode, body)
	}
	if got := locale(); got != "de-DE" {
		t.Errorf("after a refused change: locale %q", got)
	}
	if resp, body := c.Do("PUT", "/api/v1/me", jsonBody(map[string]any{"unit": "mi", "locale": "en_US"})); resp.StatusCode != 200 {
		t.Fatalf("en_US: %d %s", resp.StatusCode, body)
	}
	if got := locale(); got != "en-US" {
		t.Errorf("chose en_US: stored %q, want en-US", got)
	}
	// A browser with no language rekindle writes dates in leaves it to
	// inference.
	c2 := s.Client(t)
	c2.Header = http.Header{"Accept-Language": {"ja-JP,ja;q=0.9"}}
	c2.Signup("kenji@example.org")
	_, body = c2.Do("GET", "/api/v1/me", nil)
	if !strings.Contains(body, `"locale":""`) {
		t.Errorf("a Japanese browser: %s", body)
	}
}
