package cli

import (
	"bufio"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestStravaCommand connects, checks and disconnects against the fake
// Strava server of package strava, run as its own process.
func TestStravaCommand(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool to build the fake Strava server")
	}
	bin := filepath.Join(t.TempDir(), "fakestrava")
	if out, err := exec.Command(goBin, "build", "-o", bin, "../strava/testdata/fakestrava").CombinedOutput(); err != nil {
		t.Fatalf("build fakestrava: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-client-id", "5", "-client-secret", "pst", "-code", "abc")
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	base, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
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
	if out := run(0, "disconnect"); !strings.Contains(out, "access revoked") {
		t.Errorf("disconnect: %s", out)
	}
	if out := run(0, "status"); !strings.Contains(out, "not connected") {
		t.Errorf("status after: %s", out)
	}
	run(2, "connect", "extra")
}
