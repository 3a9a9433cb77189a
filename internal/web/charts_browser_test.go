package web_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"rekindle/internal/cli"
)

// TestBrowserCharts opens a real run's page in Chromium with the web
// bundle (uPlot) at 1280 and 390 px: the interactive charts' axis labels
// are drawn at 11 px or more, and each legend shows a value before any
// hover (the last sample's), not an empty dash.
func TestBrowserCharts(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	if _, err := os.Stat(filepath.Join("static", "vendor", "uPlot.iife.min.js")); err != nil {
		t.Skip("the web bundle is not built (cd web && npm ci && npm run build): chart test skipped")
	}
	tiles := tileServer(t)
	s := newServer(t, filepath.Join(t.TempDir(), "charts.db"), cli.ServeOptions{TileURL: tiles.URL + "/{z}/{x}/{y}.png"})
	c := s.Client(t)
	c.Signup("cy@example.org")
	evs := c.Upload(filepath.Join(testdata(t), "fit", "garmin-fenix-5-run.fit"))
	var id int64
	for _, e := range evs {
		if e.Status == "imported" && len(e.Activities) == 1 {
			id = e.Activities[0]
		}
	}
	if id == 0 {
		t.Fatalf("upload: %+v", evs)
	}
	ctx := browser(t, 1280, 900)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/login"), chromedp.WaitVisible(css(`#email`)),
		chromedp.SendKeys(css(`#email`), "cy@example.org"), chromedp.SendKeys(css(`#password`), "correct horse battery"),
		chromedp.Submit(css(`#password`)), chromedp.WaitVisible(css(`#spark-h`))); err != nil {
		t.Fatal(err)
	}
	type chart struct {
		ID     string    `json:"id"`
		Fonts  []float64 `json:"fonts"` // CSS px of each axis's labels
		Legend []string  `json:"legend"`
	}
	const read = `JSON.stringify([...document.querySelectorAll("figure.chart.js")].map(f => ({id: f.id,
	  fonts: f.uplot.axes.flatMap(a => [a.font, a.labelFont].filter(Boolean).map(x => (Array.isArray(x) ? x[1] : parseFloat(/(\d+(\.\d+)?)px/.exec(x)[1])) / devicePixelRatio)),
	  legend: [...f.querySelectorAll(".u-legend .u-series .u-value")].map(e => e.textContent.trim())})))`
	for _, w := range []int{1280, 390} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(w), 900), chromedp.Navigate(fmt.Sprintf("%s/activities/%d", s.URL, id)),
			chromedp.WaitVisible(css(`#chart-hr.js .uplot`))); err != nil {
			t.Fatalf("%d px: charts: %v", w, err)
		}
		js, err := chromedp.Run(ctx, chromedp.Evaluate[string](read))
		if err != nil {
			t.Fatal(err)
		}
		var charts []chart
		if err := json.Unmarshal([]byte(js), &charts); err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		if len(charts) < 2 {
			t.Fatalf("%d px: %d interactive charts: %s", w, len(charts), js)
		}
		for _, ch := range charts {
			if len(ch.Fonts) < 2 {
				t.Errorf("%d px %s: fonts %v", w, ch.ID, ch.Fonts)
			}
			for _, f := range ch.Fonts {
				if f < 11 {
					t.Errorf("%d px %s: axis labels at %.1f px", w, ch.ID, f)
				}
			}
			if len(ch.Legend) < 2 {
				t.Errorf("%d px %s: legend %q", w, ch.ID, ch.Legend)
			}
			for _, v := range ch.Legend {
				if v == "" || v == "—" || v == "--" {
					t.Errorf("%d px %s: the legend shows %q before any hover", w, ch.ID, ch.Legend)
					break
				}
			}
		}
		t.Logf("%d px: %s", w, js)
	}
}
