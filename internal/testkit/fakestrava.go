package testkit

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// fakeStravaBin builds internal/strava/testdata/fakestrava once per test
// binary.
var fakeStravaBin = sync.OnceValues(func() (string, error) {
	dir, err := root()
	if err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp("", "fakestrava-*")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(tmp, "fakestrava")
	cmd := exec.Command("go", "build", "-o", bin, "./internal/strava/testdata/fakestrava")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", &exec.ExitError{ProcessState: cmd.ProcessState, Stderr: out}
	}
	return bin, nil
})

// FakeStrava starts the fake Strava API (internal/strava/testdata/
// fakestrava: OAuth, activities, streams, rate limits, push subscriptions)
// as its own process with args and returns its base URL; it is stopped
// when the test ends.
func FakeStrava(t testing.TB, args ...string) string {
	t.Helper()
	bin, err := fakeStravaBin()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("build fakestrava: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("build fakestrava: %v", err)
	}
	cmd := exec.Command(bin, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("fakestrava: %v", err)
	}
	return strings.TrimSpace(line)
}

// FakeStravaStats reads the fake's counters (requests, windows, refreshes,
// deauthorizations, events sent).
func FakeStravaStats(t testing.TB, base string) map[string]int {
	t.Helper()
	resp, err := http.Get(base + "/_fake/stats")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]int
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}
