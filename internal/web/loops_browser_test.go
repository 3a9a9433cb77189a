package web_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"rekindle/internal/cli"
)

// TestBrowserLoops clicks, in a real Chromium, each named loop of Home's
// variety idea and reads the suggestion it opens on the Routes page: the
// same name and distance, a map with the stored streets drawn under the
// route, the cues and the downloads. Map tiles point at a closed port (the
// tests run with no network): the activity map falls back to the
// server-drawn map with the streets, never a blank box.
func TestBrowserLoops(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chromiumPath(t) // skips the test without Chromium
	if _, err := os.Stat(filepath.Join("static", "vendor", "leaflet.js")); err != nil {
		t.Skip("the web bundle is not built (cd web && npm ci && npm run build): browser map test skipped")
	}
	s, c := loopServer(t, cli.ServeOptions{TileURL: "http://127.0.0.1:9/{z}/{x}/{y}.png", TileAttribution: "no tiles"})
	_, page := c.Do("GET", "/", nil)
	want := homeLoops(t, page)
	if len(want) == 0 {
		t.Fatal("Home offers no loops")
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
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	step("sign in",
		chromedp.Navigate(s.URL+"/login"),
		chromedp.WaitVisible(css(`#email`)),
		chromedp.SendKeys(css(`#email`), "lou@example.org"),
		chromedp.SendKeys(css(`#password`), "correct horse battery"),
		chromedp.Submit(css(`#password`)),
		chromedp.WaitVisible(css(`#spark-h`)),
	)
	for i, l := range want {
		step(fmt.Sprintf("click loop %d", i+1),
			chromedp.Navigate(s.URL+"/"),
			chromedp.WaitVisible(css(`ul.loops`)),
			chromedp.Click(css(fmt.Sprintf(`ul.loops li:nth-child(%d) a`, i+1))),
			chromedp.WaitVisible(css(`article.suggestion:target`)),
		)
		name := eval(`document.querySelector("article.suggestion:target .sugg-name").innerText`)
		dist := eval(`document.querySelector("article.suggestion:target .sugg-dist").innerText`)
		if name != l.Name || dist != l.Dist {
			t.Errorf("Home's loop %d is %q, %s; the suggestion it opens is %q, %s", i+1, l.Name, l.Dist, name, dist)
		}
		got := eval(`(() => { const a = document.querySelector("article.suggestion:target");
		  return [a.querySelectorAll("svg path.streets").length, a.querySelectorAll("svg polyline.track").length,
		    a.querySelectorAll("details.cues li").length, a.querySelectorAll("a[download]").length].join(","); })()`)
		var streets, track, cues, downloads int
		fmt.Sscanf(got, "%d,%d,%d,%d", &streets, &track, &cues, &downloads)
		if streets != 1 || track != 1 || cues == 0 || downloads != 2 {
			t.Errorf("loop %d's suggestion: %d street layers, %d routes, %d cues, %d downloads", i+1, streets, track, cues, downloads)
		}
		if art := os.Getenv("REKINDLE_ARTIFACTS"); art != "" && i == 0 {
			if buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
				mustWrite(t, filepath.Join(art, "routes-suggestion-streets.png"), buf)
			}
		}
	}

	// An activity's map with no tiles: the server's map with the streets.
	step("activity map",
		chromedp.Navigate(s.URL+"/"),
		chromedp.WaitVisible(css(`#last-h`)),
		chromedp.Click(css(`section[aria-labelledby=last-h] a`)),
		chromedp.WaitVisible(css(`#map[data-mode=svg] img`)),
	)
	got := eval(`(async () => { const img = document.querySelector("#map img");
	  await img.decode(); const svg = await (await fetch(img.src)).text();
	  return img.naturalWidth + "," + (svg.includes('class="streets"') ? "streets" : "no streets"); })()`)
	if !strings.HasSuffix(got, ",streets") || strings.HasPrefix(got, "0,") {
		t.Errorf("activity map without tiles: %s, want the drawn map with the streets", got)
	}
}
