package testkit

import (
	"bufio"
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// PushSub is a browser's push subscription held by a test push service.
type PushSub struct {
	Endpoint, P256dh, Auth string
}

// PushEndpoint builds and starts the test push service
// (internal/testkit/pushendpoint) as a separate process holding a new
// subscription's private keys: it verifies each push's VAPID JWT and
// decrypts its payload (RFC 8291) with its own code; the first fail pushes
// get 503. It returns the subscription and a reader of the payloads
// received so far.
func PushEndpoint(t testing.TB, fail int) (PushSub, func() []string) {
	t.Helper()
	return PushEndpointRetryAfter(t, fail, "")
}

// PushEndpointRetryAfter is PushEndpoint whose 503 answers carry the
// header Retry-After: retryAfter (seconds or an HTTP date).
func PushEndpointRetryAfter(t testing.TB, fail int, retryAfter string) (PushSub, func() []string) {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go tool to build the push endpoint")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "pushendpoint")
	if out, err := exec.Command("go", "build", "-o", bin, "rekindle/internal/testkit/pushendpoint").CombinedOutput(); err != nil {
		t.Fatalf("build pushendpoint: %v\n%s", err, out)
	}
	priv, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	auth := make([]byte, 16)
	rand.Read(auth)
	out := filepath.Join(dir, "received.jsonl")
	cmd := exec.Command(bin, "-key", base64.RawURLEncoding.EncodeToString(priv.Bytes()), "-auth", base64.RawURLEncoding.EncodeToString(auth),
		"-out", out, "-fail", strconv.Itoa(fail), "-retry-after", retryAfter)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n') // printed once it listens
	if err != nil {
		t.Fatalf("pushendpoint: %v", err)
	}
	sub := PushSub{Endpoint: strings.TrimSpace(line), P256dh: base64.RawURLEncoding.EncodeToString(priv.PublicKey().Bytes()),
		Auth: base64.RawURLEncoding.EncodeToString(auth)}
	return sub, func() []string {
		b, _ := os.ReadFile(out)
		var got []string
		for l := range strings.SplitSeq(strings.TrimSpace(string(b)), "\n") {
			if l == "" {
				continue
			}
			var m struct{ Payload string }
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatal(err)
			}
			got = append(got, m.Payload)
		}
		return got
	}
}
