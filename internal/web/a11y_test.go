package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rekindle/internal/cli"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// axeSource reads axe-core from the front-end's npm packages (web/package.json
// pins it, web/package-lock.json locks it; never committed). The test skips
// without it, naming the command that installs it.
func axeSource(t *testing.T) string {
	p, err := filepath.Abs(filepath.Join("..", "..", "web", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Skipf("axe-core not installed (%v): run `cd web && npm ci`; accessibility test skipped", err)
	}
	return string(b)
}

// axeViolation is what the test keeps of one axe-core violation.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Nodes   int      `json:"nodes"`
	Targets []string `json:"targets"`
}

// axeRun runs axe-core's WCAG 2.1 A and AA rules on the page.
const axeRun = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]})
  .then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.length,
    targets: v.nodes.slice(0, 4).map(n => n.target.join(" "))}))))`

// smallText lists visible text under 11 px (chart labels included: SVG
// charts shown as images are measured from their own font sizes scaled to
// the size the image is drawn at).
const smallText = `(async () => {
  const out = [];
  for (const el of document.querySelectorAll("main *")) {
    if (!el.childNodes.length || ![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    let px = parseFloat(getComputedStyle(el).fontSize);
    if (el.closest("svg") && el.getScreenCTM) px *= el.getScreenCTM().a; // drawn scaled with its viewBox
    if (px < 11) out.push(el.tagName.toLowerCase() + "." + (el.getAttribute("class") || "") + " " + px.toFixed(1) + "px: " + el.textContent.trim().slice(0, 30));
  }
  for (const img of document.querySelectorAll("main img.svgchart")) {
    if (!img.clientWidth) continue;
    const txt = await (await fetch(img.currentSrc || img.src)).text();
    const svg = new DOMParser().parseFromString(txt, "image/svg+xml").documentElement;
    const vb = (svg.getAttribute("viewBox") || "").split(/[ ,]+/).map(Number);
    const scale = vb.length === 4 && vb[2] > 0 ? img.clientWidth / vb[2] : 1;
    const sizes = [...svg.querySelectorAll("text")].map(t => parseFloat(t.getAttribute("font-size") || (t.closest("[font-size]") || svg).getAttribute("font-size") || "16"));
    const min = Math.min(...sizes);
    if (sizes.length && min * scale < 11) out.push("chart " + (img.currentSrc || img.src) + " labels " + (min * scale).toFixed(1) + "px");
  }
  return JSON.stringify(out);
})()`

// TestAccessibility opens every page of a demo runner's app in a real
// headless Chromium at 1280 and 390 px wide, runs axe-core on it and fails
// on a serious or critical violation; text under 11 px (chart labels too)
// and pages wider than the phone fail as well. Results per page are logged.
func TestAccessibility(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chromiumPath(t) // skips the test without Chromium
	axe := axeSource(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "a11y.db")
	var out, errb strings.Builder
	if code := cli.Main(context.Background(), []string{"demo", "--persona", "rut", "--years", "0.5", "--end", testkit.Today.Format(time.DateOnly), "--db", db, "--no-serve"},
		strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errb.String())
	}
	s := newServer(t, db, cli.ServeOptions{SingleUser: true, TileURL: "", RoutesInline: true})
	ath, err := s.Store.DefaultAthlete(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	acts, err := s.Store.ListActivities(context.Background(), ath.ID, store.ActivityFilter{Limit: 1, Newest: true})
	if err != nil || len(acts) == 0 {
		t.Fatalf("no activity: %v", err)
	}
	pages := []string{"/", "/activities", fmt.Sprintf("/activities/%d", acts[0].ID), "/upload", "/training", "/routes", "/races",
		"/plan", "/spark-check", "/gear", "/gratitude", "/coach", "/settings"}
	// The pages before signing in, on a server with accounts.
	open := newServer(t, filepath.Join(dir, "accounts.db"), cli.ServeOptions{})
	base := map[string]string{}
	for _, p := range []string{"/login", "/signup"} {
		pages = append(pages, p)
		base[p] = open.URL
	}
	urlOf := func(p string) string {
		if b, ok := base[p]; ok {
			return b + p
		}
		return s.URL + p
	}

	ctx := browserFor(t, 1280, 900, 600*time.Second)
	art := artifacts(t, "a11y")

	// Every page answers (a failing template would leave the browser waiting).
	for _, p := range pages {
		resp, err := http.Get(urlOf(p))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", p, resp.StatusCode)
		}
	}
	for _, width := range []int{1280, 390} {
		for _, p := range pages {
			name := fmt.Sprintf("%s@%d", p, width)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), 900), chromedp.Navigate(urlOf(p)), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](axe)); err != nil {
				t.Fatalf("%s: inject axe-core: %v", name, err)
			}
			js, err := chromedp.Run(ctx, chromedp.Evaluate[string](axeRun, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s: axe.run: %v", name, err)
			}
			var vs []axeViolation
			if err := json.Unmarshal([]byte(js), &vs); err != nil {
				t.Fatalf("%s: axe result: %v", name, err)
			}
			var all []string
			for _, v := range vs {
				all = append(all, fmt.Sprintf("%s (%s, %d nodes)", v.ID, v.Impact, v.Nodes))
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Errorf("%s: axe %s (%s): %s on %d nodes, e.g. %s", name, v.ID, v.Impact, v.Help, v.Nodes, strings.Join(v.Targets, " | "))
				}
			}
			t.Logf("axe %s: %d violations %s", name, len(vs), strings.Join(all, ", "))
			small, err := chromedp.Run(ctx, chromedp.Evaluate[string](smallText, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s: text sizes: %v", name, err)
			}
			if small != "[]" {
				t.Errorf("%s: text under 11 px: %s", name, small)
			}
			if width == 390 {
				if w, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 390 {
					t.Errorf("%s: the page is %d px wide on a 390 px phone", name, w)
				}
			}
			shotName := strings.Trim(strings.ReplaceAll(p, "/", "-"), "-")
			if shotName == "" {
				shotName = "home"
			}
			if buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(80)); err == nil {
				os.WriteFile(filepath.Join(art, fmt.Sprintf("%s-%d.png", shotName, width)), buf, 0o644)
			}
		}
	}
}
