package web_test

import (
	"net/http"
	"strings"
	"testing"

	"rekindle/internal/cli"
	"rekindle/internal/testkit/testserver"
)

// TestServiceWorkerScope: the service worker is served from the site's
// root (its default scope is then the whole app, not /static/), to anyone
// (a browser fetches it without the session), revalidated on each check,
// and the page registers it there with scope "/".
func TestServiceWorkerScope(t *testing.T) {
	s := testserver.NewSQLite(t, cli.ServeOptions{SingleUser: true, RoutesInline: true})
	anon := testserver.NewClient(t, s.URL)
	resp, body := anon.Do("GET", "/sw.js", nil)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") ||
		!strings.Contains(body, `addEventListener("push"`) || !strings.Contains(body, "showNotification") {
		t.Fatalf("GET /sw.js: %d %q\n%.200s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if got := resp.Header.Get("Service-Worker-Allowed"); got != "/" {
		t.Errorf("Service-Worker-Allowed %q, want /", got)
	}
	if got := resp.Header.Get("Cache-Control"); got != "no-cache" {
		t.Errorf("Cache-Control %q, want no-cache", got)
	}
	_, js := anon.Do("GET", "/static/app.js", nil)
	if !strings.Contains(js, `serviceWorker.register("/sw.js", { scope: "/" })`) || strings.Contains(js, `register("/static/sw.js"`) {
		t.Error("app.js does not register /sw.js with scope /")
	}
}
