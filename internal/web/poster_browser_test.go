package web_test

import (
	"fmt"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rekindle/internal/cli"
	"rekindle/internal/testkit"
)

var (
	pdfPage     = regexp.MustCompile(`/Type\s*/Page\b[^s]`)
	pdfMediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]`)
)

// TestPosterFillsA4 prints the gratitude poster (the HTML one) with
// Chromium's own print-to-PDF: one page, A4 (595 × 842 pt); drawn at A4
// size in the browser, nothing overflows the sheet and its closing line
// sits at the foot of the page, the facts and entries spread between.
func TestPosterFillsA4(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chrome := chromiumPath(t)
	s := newServer(t, filepath.Join(t.TempDir(), "poster.db"), cli.ServeOptions{})
	c := s.Client(t)
	c.Signup("pia@example.org")
	seedSteadyBlock(t, s.Store, c.AthleteID(), 12)
	for i, text := range []string{"The river at dawn, every Tuesday.", "Running gave me my mornings back.", "A friend I would never have met."} {
		day := testkit.Today.AddDate(0, 0, -3*i).Format(time.DateOnly)
		if resp, b := c.Do("POST", "/api/v1/gratitude", jsonBody(map[string]string{"day": day, "text": text})); resp.StatusCode != http.StatusCreated {
			t.Fatalf("gratitude: %d %s", resp.StatusCode, b)
		}
	}
	resp, poster := c.Do("GET", "/gratitude/poster?format=html", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("poster: %d", resp.StatusCode)
	}
	dir := t.TempDir()
	html, pdf := filepath.Join(dir, "poster.html"), filepath.Join(dir, "poster.pdf")
	mustWrite(t, html, []byte(poster))
	cmd := exec.Command(chrome, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
		"--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+html)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium --print-to-pdf: %v\n%s", err, out)
	}
	b, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(pdfPage.FindAll(b, -1)); n != 1 {
		t.Errorf("the poster prints on %d pages, want one", n)
	}
	for _, m := range pdfMediaBox.FindAllSubmatch(b, -1) {
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		if math.Abs(w-595.3) > 2 || math.Abs(h-841.9) > 2 {
			t.Errorf("the poster prints on a %.1f × %.1f pt page, want A4 (595.3 × 841.9)", w, h)
		}
	}
	if !pdfMediaBox.Match(b) {
		t.Error("the PDF names no page size")
	}

	// At A4 size (794 × 1123 CSS px) the sheet is filled and nothing spills.
	ctx := browser(t, 794, 1123)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(794, 1123), chromedp.Navigate("file://"+html), chromedp.WaitReady(chromedp.CSS(`.page`))); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const p = document.querySelector(".page"), r = p.getBoundingClientRect();
	  const close = document.querySelector(".close").getBoundingClientRect(), facts = document.querySelector(".facts").getBoundingClientRect();
	  return [r.height, p.scrollHeight - p.clientHeight, (close.bottom - r.top) / r.height, (facts.top - r.top) / r.height].map(v => v.toFixed(3)).join(" "); })()`))
	if err != nil {
		t.Fatal(err)
	}
	var h, spill, closeAt, factsAt float64
	fmt.Sscan(got, &h, &spill, &closeAt, &factsAt)
	if math.Abs(h-1122.5) > 2 || spill > 0 || closeAt < 0.9 || factsAt > 0.4 {
		t.Errorf("poster at A4: height %.0f px, spills %.0f px, closing line ends at %.0f%% of the page, facts start at %.0f%%", h, spill, 100*closeAt, 100*factsAt)
	}
	t.Logf("poster: %s (height px, spill px, closing line bottom, facts top as shares of the page)", got)
}
