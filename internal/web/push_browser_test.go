package web_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rekindle/internal/cli"
)

// TestBrowserPush opens Settings in a real Chromium: the service worker
// registers at /sw.js with the whole app as its scope, "Notify this
// browser" is offered, and clicking it asks for the notification
// permission, which headless Chromium denies: the page must say so rather
// than hang or claim success. (Granting it with Browser.setPermission does
// not help: Debian's Chromium has no push service (no Google API keys) and
// pushManager.subscribe never settles; app.js gives up after 30 s. The
// delivery path is tested against the test push service in
// internal/webpush and internal/athlete instead.)
func TestBrowserPush(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chrome := chromiumPath(t)
	s := newServer(t, filepath.Join(t.TempDir(), "push.db"), cli.ServeOptions{})
	opts := append(chromedp.DefaultExecAllocatorOptions[:0],
		chromedp.ExecPath(chrome),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	if err := chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/"),
		chromedp.WaitVisible(css(`#email`)),
		chromedp.SendKeys(css(`#name`), "Pia"),
		chromedp.SendKeys(css(`#email`), "pia@example.org"),
		chromedp.SendKeys(css(`#password`), "correct horse battery"),
		chromedp.Submit(css(`#password`)),
		chromedp.WaitVisible(css(`#spark-h`)),
		chromedp.Navigate(s.URL+"/settings"),
		chromedp.WaitVisible(css(`#push-h`)),
	); err != nil {
		t.Fatal(err)
	}
	scope, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.serviceWorker.ready.then(r => r.scope)`, chromedp.EvalAwaitPromise))
	if err != nil || scope != s.URL+"/" {
		t.Fatalf("service worker scope %q %v, want %s/", scope, err, s.URL)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(css(`#push-on`))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(css(`#push-on`))); err != nil {
		t.Fatal(err)
	}
	// Wait for the outcome: on, or a reason it could not be.
	status, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise(function (ok) {
		var el = document.getElementById("push-status");
		var t = setInterval(function () {
			if (!/Asking/.test(el.textContent)) { clearInterval(t); ok(el.textContent); }
		}, 50);
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Chromium says: %s", status)
	if !strings.Contains(status, "This browser gets notifications") && !strings.Contains(status, "Could not turn notifications on") {
		t.Fatalf("push status %q", status)
	}
}
