package web_test

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rekindle/internal/cli"
	"rekindle/internal/testkit"
)

// TestBrowserPhone opens the app in Chromium on a 390 × 844 phone screen:
// the menu is folded behind a button that opens it; Home shows the top idea
// in the first screen; the Activities list shows each run's time, pace and
// heart rate and the Races list each race's predicted time inside the
// screen (tables as cards), and no page is wider than the phone.
func TestBrowserPhone(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	s, c := loopServer(t, cli.ServeOptions{})
	day := func(n int) string { return testkit.Today.AddDate(0, 0, n).Format(time.DateOnly) }
	csv := "date,name,distance,place,lat,lon,url\n" + day(16) + " 09:30,Harbour 10K,10K,Port Hercule,43.7347,7.4206,\n" +
		day(20) + ",Rock 5K,5K,Monaco-Ville,43.7311,7.4197,\n"
	if resp, _ := c.Do("POST", "/races/calendars", c.Form(map[string]string{"kind": "race"}, "file", "riviera.csv", []byte(csv))); resp.StatusCode != http.StatusOK {
		t.Fatalf("race import: %d", resp.StatusCode)
	}
	ctx := browser(t, 390, 844)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", name, err)
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
	step("sign in", chromedp.EmulateViewport(390, 844), chromedp.Navigate(s.URL+"/login"), chromedp.WaitVisible(css(`#email`)),
		chromedp.SendKeys(css(`#email`), "lou@example.org"), chromedp.SendKeys(css(`#password`), "correct horse battery"),
		chromedp.Submit(css(`#password`)), chromedp.WaitVisible(css(`#spark-h`)))

	// The menu: folded, then opened by its button.
	if got := eval(`getComputedStyle(document.querySelector("#main-nav ul")).display + " " + document.querySelector(".menu-toggle").getBoundingClientRect().width`); !strings.HasPrefix(got, "none ") || strings.HasSuffix(got, " 0") {
		t.Errorf("on a phone the menu is %q (display, button width), want folded behind a button", got)
	}
	step("open the menu", chromedp.Click(css(`.menu-toggle`)), chromedp.WaitVisible(css(`#main-nav a[href="/settings"]`)))
	if got := eval(`document.querySelector(".menu-toggle").getAttribute("aria-expanded")`); got != "true" {
		t.Errorf("the open menu's button says aria-expanded=%s", got)
	}

	// The top idea in the first screen.
	step("home", chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible(css(`#spark-h`)))
	shot := func(name string) {
		if art := os.Getenv("REKINDLE_ARTIFACTS"); art != "" {
			if buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
				os.WriteFile(filepath.Join(art, name+"-390.png"), buf, 0o644)
			}
		}
	}
	shot("phone-home")
	if got := eval(`(() => { const r = document.querySelector("#rec-h").getBoundingClientRect(); return r.top + "," + r.bottom + "," + innerHeight; })()`); true {
		var top, bottom, h float64
		fmt.Sscanf(got, "%g,%g,%g", &top, &bottom, &h)
		if top <= 0 || bottom > h {
			t.Errorf("the top idea's title is at %.0f–%.0f px of an %.0f px phone screen", top, bottom, h)
		}
		t.Logf("the top idea's title at %.0f–%.0f px of %.0f", top, bottom, h)
	}

	// Tables as cards: what matters is inside the screen.
	inside := func(page, sel string, min int) {
		t.Helper()
		step(page, chromedp.Navigate(s.URL+page), chromedp.WaitReady(css(`main`)))
		got := eval(fmt.Sprintf(`JSON.stringify([...document.querySelectorAll(%q)].slice(0, 12).map(e => { const r = e.getBoundingClientRect();
		  return (e.dataset.label || e.className) + ":" + (r.width > 0 && r.left >= 0 && r.right <= innerWidth ? "in" : "out " + Math.round(r.left) + "-" + Math.round(r.right)); }))`, sel))
		if strings.Count(got, ":in") < min || strings.Contains(got, ":out") {
			t.Errorf("%s at 390 px: %s", page, got)
		}
		var w int
		fmt.Sscan(eval(`String(document.documentElement.scrollWidth)`), &w)
		if w > 390 {
			t.Errorf("%s is %d px wide on a 390 px phone", page, w)
		}
		t.Logf("%s at 390 px: %s, %d px wide", page, got, w)
		shot("phone" + strings.ReplaceAll(page, "/", "-"))
	}
	inside("/activities", `table.acts tbody tr:first-child td[data-label]`, 4)
	inside("/races", `table.races td.c-pred`, 2)
}
