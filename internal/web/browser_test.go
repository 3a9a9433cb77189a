package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rekindle/internal/cli"
	"rekindle/internal/demo"
	"rekindle/internal/testkit"
)

// chromiumPath finds Debian's chromium; the test skips without it.
func chromiumPath(t *testing.T) string {
	for _, p := range []string{os.Getenv("REKINDLE_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	t.Skip("chromium not installed (apt-get install chromium): browser test skipped")
	return ""
}

// artifacts is the folder $REKINDLE_ARTIFACTS/name (a temporary folder
// without it) that a browser test saves its screenshots in.
func artifacts(t *testing.T, name string) string {
	t.Helper()
	art := os.Getenv("REKINDLE_ARTIFACTS")
	if art == "" {
		art = t.TempDir()
	}
	art = filepath.Join(art, name)
	if err := os.MkdirAll(art, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", art)
	return art
}

// browser starts a headless Chromium with a window of w × h and returns a
// context for it that ends after 240 s (closed at the end of the test).
func browser(t *testing.T, w, h int) context.Context {
	t.Helper()
	return browserFor(t, w, h, 240*time.Second)
}

// browserFor is browser with a context that ends after timeout.
func browserFor(t *testing.T, w, h int, timeout time.Duration) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:0],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(w, h),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, timeout)
	t.Cleanup(cancel)
	return ctx
}

// tileServer serves a plain map tile for every request, standing in for
// OpenStreetMap (tests do not depend on the network).
func tileServer(t *testing.T) *httptest.Server {
	img := image.NewRGBA(image.Rect(0, 0, 256, 256))
	for y := 0; y < 256; y++ {
		for x := 0; x < 256; x++ {
			c := color.RGBA{0xe8, 0xee, 0xe2, 0xff}
			if x%64 == 0 || y%64 == 0 {
				c = color.RGBA{0xcc, 0xd5, 0xc4, 0xff}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(buf.Bytes())
	}))
	t.Cleanup(srv.Close)
	return srv
}

// demoZip writes a simulated runner's recent months as FIT files in a zip.
func demoZip(t *testing.T, dir string) string {
	h, err := demo.Generate(context.Background(), demo.Options{Persona: "rut", Years: 0.35, End: testkit.Midnight})
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "garmin-export.zip")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for i, a := range h.Activities {
		a.Source.Format = "fit"
		w, err := zw.Create(fmt.Sprintf("activities/%03d.fit", i))
		if err != nil {
			t.Fatal(err)
		}
		if err := demo.WriteFIT(w, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}

// TestBrowser drives a real headless Chromium through the app: sign up,
// upload a real FIT file and an export zip, watch the progress, open an
// activity (map and charts render), check in, see the recommendation and
// accept it. Screenshots of each page go to $REKINDLE_ARTIFACTS (or a
// temporary directory, named in the log).
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chromiumPath(t) // skips the test without Chromium
	fit, err := filepath.Abs(filepath.Join(testdata(t), "fit", "activity-small-fenix2-run.fit"))
	if err != nil {
		t.Fatal(err)
	}
	art := artifacts(t, "screenshots")
	tiles := tileServer(t)
	s := newServer(t, filepath.Join(t.TempDir(), "browser.db"), cli.ServeOptions{TileURL: tiles.URL + "/{z}/{x}/{y}.png", TileAttribution: "test tiles"})
	t0 := time.Now()
	zipPath := demoZip(t, t.TempDir())
	t.Logf("demo zip written in %s", time.Since(t0).Round(time.Millisecond))

	ctx := browserFor(t, 1100, 1400, 120*time.Second)

	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			buf, err := chromedp.FullScreenshot(100)(ctx, tg)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(art, name+".png"), buf, 0o644)
		})
	}
	fail := func(name string, err error) {
		t.Helper()
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		main, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main") ? document.querySelector("main").innerText : ""`))
		t.Logf("page text: %s", main)
		chromedp.Do(ctx, shot("failed-"+strings.ReplaceAll(name, " ", "-")))
		t.Fatalf("%s (at %s): %v", name, loc, err)
	}
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			fail(name, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			fail("text of "+sel, err)
		}
		return v
	}
	count := func(sel string) int {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf("document.querySelectorAll(%q).length", sel)))
		if err != nil {
			fail("count "+sel, err)
		}
		return v
	}
	// poll evaluates expr until it gives a non-empty string.
	poll := func(name, expr string, d time.Duration) string {
		t.Helper()
		end := time.Now().Add(d)
		for {
			v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
			if err == nil && v != "" {
				return v
			}
			if time.Now().After(end) {
				if err == nil {
					err = fmt.Errorf("still empty after %s", d)
				}
				fail(name, err)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	// Sign up.
	step("sign up",
		chromedp.Navigate(s.URL+"/"),
		chromedp.WaitVisible(css(`#email`)),
		shot("01-signup"),
		chromedp.SendKeys(css(`#name`), "Ann"),
		chromedp.SendKeys(css(`#email`), "ann@example.org"),
		chromedp.SendKeys(css(`#password`), "correct horse battery"),
		chromedp.Submit(css(`#password`)),
		chromedp.WaitVisible(css(`#spark-h`)),
		shot("02-home-empty"),
	)

	// Upload a real FIT file and an export zip, watch the progress.
	step("upload",
		chromedp.Navigate(s.URL+"/upload"),
		chromedp.WaitVisible(css(`#drop`)),
		chromedp.SetUploadFiles(css(`#files`), []string{fit, zipPath}),
		chromedp.Click(css(`#upload-form button[type=submit]`)),
	)
	seen := poll("upload progress", `(function(){var s=document.getElementById("upload-status").textContent; return s.startsWith("Uploading")||s.startsWith("Importing")||s.startsWith("Done") ? s : ""})()`, 30*time.Second)
	t.Logf("progress seen: %q", seen)
	poll("upload done", `document.getElementById("upload-status").textContent.startsWith("Done") ? "done" : ""`, 90*time.Second)
	step("upload shot", shot("03-upload-done"))
	if st := text(`#upload-status`); !strings.Contains(st, "imported") {
		t.Fatalf("upload status %q", st)
	}
	if rows := count("#upload-files tr.st-imported"); rows < 10 {
		t.Errorf("%d imported rows shown, want the FIT file and the zip's members", rows)
	}

	// The activity list and the FIT activity's page: map and charts render.
	step("activity",
		chromedp.Navigate(s.URL+"/activities?q=&sport=running&from=2015-08-15&to=2015-08-15"),
		chromedp.WaitVisible(css(`table.list tbody a`)),
		shot("04-activities"),
		chromedp.Click(css(`table.list tbody a`)),
		chromedp.WaitVisible(css(`#map`)),
	)
	mapMode := poll("map", `document.getElementById("map").dataset.mode || (window.L ? "" : "svg")`, 15*time.Second)
	step("activity shot", chromedp.Sleep(700*time.Millisecond), shot("05-activity"))
	uplots, svgCharts := count(".chart .uplot"), count(".chart img.svgchart")
	t.Logf("map: %s, interactive charts: %d, SVG charts: %d", mapMode, uplots, svgCharts)
	if n := count(`img.svgchart`); n < 3 || count(`#map img, #map .leaflet-container`) == 0 {
		t.Errorf("%d chart images; map element missing?", n)
	}
	if svgCharts < 3 {
		t.Errorf("%d SVG charts, want pace, heart rate and elevation", svgCharts)
	}
	if hasVendor(s) && (uplots < 3 || mapMode != "leaflet") {
		t.Errorf("vendor bundle present but map=%q, uPlot charts=%d", mapMode, uplots)
	}
	if hasVendor(s) && count("#map .leaflet-tile-loaded") == 0 {
		t.Errorf("no map tiles loaded")
	}

	// Check in.
	step("check in",
		chromedp.Click(css(`input[name=enjoyment][value="4"]`)),
		chromedp.SendKeys(css(`#note`), "legs felt fresh"),
		chromedp.Click(css(`form.checkin button[type=submit]`)),
		chromedp.WaitVisible(css(`#check-in .flash`)),
		shot("06-checked-in"),
	)
	if flash := text(`#check-in .flash`); !strings.Contains(flash, "enjoyment 4/5") {
		t.Errorf("check-in flash %q", flash)
	}

	// The recommendation, and accepting it.
	step("recommendation",
		chromedp.Navigate(s.URL+"/"),
		chromedp.WaitVisible(css(`#recommendation`)),
		shot("07-home-recommendation"),
	)
	// Accept an idea that writes the plan when one is on offer (the top
	// one otherwise).
	acc, err := s.Store.AccountByEmail(context.Background(), "ann@example.org")
	if err != nil {
		t.Fatal(err)
	}
	ath, err := s.API.Athlete(context.Background(), acc.AthleteID)
	if err != nil {
		t.Fatal(err)
	}
	hv, err := s.API.Home(context.Background(), ath, testkit.Today.In(ath.Location()))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range hv.Report.Recommendations {
		t.Logf("idea %s: %d planned days", r.ID, len(r.Plan))
	}
	title := text(`#rec-h`)
	button := `#recommendation button[value=accept]`
	if hv.Top != nil && len(hv.Top.Plan) == 0 {
		for _, o := range hv.Others {
			if len(o.Plan) > 0 {
				title = o.Title
				step("open the other idea", chromedp.Click(css(fmt.Sprintf(`#other-ideas details:has(form[action="/recommendations/%s/decision"]) summary`, o.ID))))
				button = fmt.Sprintf(`form[action="/recommendations/%s/decision"] button[value=accept]`, o.ID)
				break
			}
		}
	}
	step("accept",
		chromedp.Click(css(button)),
		chromedp.WaitVisible(css(`#experiment`)),
		shot("08-home-accepted"),
	)
	if exp := text(`#exp-h`); !strings.Contains(exp, strings.TrimSpace(title)) {
		t.Errorf("accepted %q but the experiment is %q", title, exp)
	}

	// The plan after accepting: what the idea wrote, day by day.
	step("plan after accept",
		chromedp.Navigate(s.URL+"/plan"), chromedp.WaitVisible(css(`#plan`)), shot("09-plan-after-accept"),
	)
	today := testkit.Today.Format(time.DateOnly)
	stored, err := s.Store.ListPlanned(context.Background(), acc.AthleteID, today, testkit.Today.AddDate(0, 0, 13).Format(time.DateOnly))
	if err != nil {
		t.Fatal(err)
	}
	if shown := count("#plan li.session"); shown != len(stored) {
		t.Errorf("plan page shows %d sessions, the store has %d", shown, len(stored))
	}
	t.Logf("accepting %q planned %d sessions", title, len(stored))
	if len(stored) > 0 && count(`#plan .kind`) == 0 {
		t.Errorf("planned sessions without their kind")
	}
	// Add one by hand on the page.
	step("plan add",
		chromedp.SetValue(css(`#kind`), "cross"),
		chromedp.SetValue(css(`#sport`), "yoga"),
		chromedp.SendKeys(css(`#minutes`), "45"),
		chromedp.SendKeys(css(`#note`), "with Ana"),
		chromedp.Click(css(`#plan ~ section button[type=submit]`)),
		chromedp.WaitVisible(css(`main .flash`)),
	)
	if n := count("#plan li.session"); n != len(stored)+1 {
		t.Errorf("after adding, %d sessions shown, want %d", n, len(stored)+1)
	}

	// The spark check: asked for on Home, answered, no longer asked for.
	step("spark check",
		chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible(css(`#spark-check-due a`)),
		chromedp.Click(css(`#spark-check-due a`)),
		chromedp.WaitVisible(css(`form.sparkcheck`)),
	)
	for _, q := range []string{"drained", "heavy", "care_less", "look_forward", "stuck", "progress"} {
		step("answer "+q, chromedp.Click(css(fmt.Sprintf(`input[name=q_%s][value="3"]`, q))))
	}
	step("spark check submit",
		shot("10-spark-check"),
		chromedp.Click(css(`form.sparkcheck button[type=submit]`)),
		chromedp.WaitVisible(css(`#spark-h`)),
		shot("11-home-after-spark-check"),
	)
	if n := count("#spark-check-due"); n != 0 {
		t.Errorf("spark check still asked for after answering")
	}

	// The other pages render; keyboard users get the skip link first.
	step("pages",
		chromedp.Navigate(s.URL+"/training"), chromedp.WaitVisible(css(`#pmc-h`)), shot("12-training"),
		chromedp.Navigate(s.URL+"/routes"), chromedp.WaitVisible(css(`main h1`)), shot("13-routes"),
		chromedp.Navigate(s.URL+"/races"), chromedp.WaitVisible(css(`#races-h`)), shot("14-races"),
		chromedp.Navigate(s.URL+"/gear"), chromedp.WaitVisible(css(`#gear-h`)),
		chromedp.SendKeys(css(`#g-name`), "Pegasus 40"), chromedp.SendKeys(css(`#g-retire`), "300"), chromedp.SendKeys(css(`#g-start`), "180"),
		chromedp.Click(css(`#gear form button[type=submit]`)), chromedp.WaitVisible(css(`meter.bar`)),
		chromedp.SendKeys(css(`#r-text`), "a massage"), chromedp.SendKeys(css(`#r-runs`), "8"),
		chromedp.Click(css(`#rewards form button.primary[type=submit]`)), chromedp.WaitVisible(css(`li.reward`)),
		shot("15-gear"),
		chromedp.Navigate(s.URL+"/gratitude"), chromedp.WaitVisible(css(`#facts-h`)), shot("16-gratitude"),
		chromedp.Navigate(s.URL+"/coach"), chromedp.WaitVisible(css(`#coaches-h`)), shot("17-coach"),
		chromedp.Navigate(s.URL+"/settings"), chromedp.WaitVisible(css(`#prof-h`)), shot("18-settings"),
		chromedp.KeyEvent("\t"),
	)
	if f, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.className`)); f != "skip" {
		t.Errorf("first Tab focuses %q, want the skip link", f)
	}
	step("phone",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible(css(`#spark-h`)), shot("19-home-phone"),
		chromedp.Navigate(s.URL+"/plan"), chromedp.WaitVisible(css(`#plan`)), shot("20-plan-phone"),
		chromedp.Navigate(s.URL+"/gear"), chromedp.WaitVisible(css(`#gear-h`)), shot("21-gear-phone"),
		chromedp.Navigate(s.URL+"/coach"), chromedp.WaitVisible(css(`#coaches-h`)), shot("22-coach-phone"),
	)
	// Nothing is wider than the phone's screen.
	if w, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 390 {
		t.Errorf("coach page is %d px wide on a 390 px phone", w)
	}
}

func hasVendor(s *testServer) bool {
	resp, err := http.Get(s.URL + "/static/vendor/leaflet.js")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == 200
}
