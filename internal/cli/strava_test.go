package cli

import (
	"net/url"
	"strings"
	"testing"

	"rekindle/internal/testkit"
)

// TestStravaCommand connects, checks and disconnects against the fake
// Strava server of package strava, run as its own process.
func TestStravaCommand(t *testing.T) {
	base := testkit.FakeStrava(t, "-client-id", "5", "-client-secret", "pst", "-code", "abc", "-activities", "30")
	db, _ := sparkHistory(t, 1, false)
	run := func(want int, args ...string) string {
		t.Helper()
		out, errs, code := sparkRun(t, append([]string{"strava", "--db", db}, args...)...)
		if code != want {
			t.Fatalf("strava %v: exit %d: %s %s", args, code, out, errs)
		}
		return out + errs
	}
	if out := run(1, "connect"); !strings.Contains(out, "REKINDLE_STRAVA_KEY") {
		t.Errorf("no key: %s", out)
	}
	t.Setenv("REKINDLE_STRAVA_URL", strings.TrimSpace(base))
	t.Setenv("REKINDLE_STRAVA_CLIENT_ID", "5")
	t.Setenv("REKINDLE_STRAVA_CLIENT_SECRET", "pst")
	t.Setenv("REKINDLE_STRAVA_REDIRECT_URL", "http://localhost:8080/strava/callback")
	t.Setenv("REKINDLE_STRAVA_KEY", strings.Repeat("0f", 32))
	out := run(0, "connect")
	var link *url.URL
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "http") {
			link, _ = url.Parse(l)
		}
	}
	if link == nil || link.Query().Get("scope") != "read,activity:read_all" || link.Query().Get("client_id") != "5" {
		t.Fatalf("connect: %s", out)
	}
	if out := run(0, "status"); !strings.Contains(out, "not connected") {
		t.Errorf("status before: %s", out)
	}
	if out := run(0, "code", "abc"); !strings.Contains(out, "connected to Strava athlete 4242") {
		t.Errorf("code: %s", out)
	}
	if out := run(0, "status"); !strings.Contains(out, "connected to Strava athlete 4242; token valid until") {
		t.Errorf("status: %s", out)
	}
	// The history: 30 activities (summaries: this fake has no streams).
	if out := run(0, "sync"); !strings.Contains(out, "Strava history fetched: 30 activities stored, 0 already here, 0 failed") {
		t.Errorf("sync: %s", out)
	}
	if out := run(0, "sync"); !strings.Contains(out, "0 activities stored, 30 already here") {
		t.Errorf("sync again: %s", out)
	}
	if out := run(0, "status"); !strings.Contains(out, "history: done — 30 listed, 0 stored, 30 already here, 0 failed") {
		t.Errorf("status after sync: %s", out)
	}
	if out := run(0, "events"); !strings.Contains(out, "no webhook events received") {
		t.Errorf("events: %s", out)
	}
	if out := run(0, "disconnect"); !strings.Contains(out, "access revoked") {
		t.Errorf("disconnect: %s", out)
	}
	if out := run(0, "status"); !strings.Contains(out, "not connected") {
		t.Errorf("status after: %s", out)
	}
	run(2, "connect", "extra")
}
