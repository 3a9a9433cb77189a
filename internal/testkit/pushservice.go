package testkit

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// pushServiceBin builds internal/webpush/testdata/pushservice once per test
// binary.
var pushServiceBin = sync.OnceValues(func() (string, error) {
	dir, err := root()
	if err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp("", "pushservice-*")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(tmp, "pushservice")
	cmd := exec.Command("go", "build", "-o", bin, "./internal/webpush/testdata/pushservice")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", &exec.ExitError{ProcessState: cmd.ProcessState, Stderr: out}
	}
	return bin, nil
})

// PushService starts the test Web Push service (internal/webpush/testdata/
// pushservice: checks VAPID, decrypts RFC 8291 payloads with the keys it
// made for each subscription, records them, answers 410/429/500 on demand)
// as its own process and returns its base URL; it is stopped when the test
// ends. POST {"mode":"ok|gone|retry|error"} to BASE/_test/subscribe for a
// subscription; GET BASE/_test/received lists what arrived.
func PushService(t testing.TB) string {
	t.Helper()
	bin, err := pushServiceBin()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("build pushservice: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("build pushservice: %v", err)
	}
	cmd := exec.Command(bin)
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
		t.Fatalf("pushservice: %v", err)
	}
	return strings.TrimSpace(line)
}
