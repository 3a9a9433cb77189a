package webpush

import (
	"bufio"
	"context"
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pushEndpoint builds and starts the test push service
// (internal/testkit/pushendpoint, a separate process holding the
// subscription's private keys); it returns the subscription and a reader
// of the payloads it decrypted.
func pushEndpoint(t *testing.T, fail int) (*Subscription, func() []string) {
	t.Helper()
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
		"-out", out, "-fail", string(rune('0'+fail)))
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
	sub := &Subscription{Endpoint: strings.TrimSpace(line)}
	sub.Keys.P256dh = base64.RawURLEncoding.EncodeToString(priv.PublicKey().Bytes())
	sub.Keys.Auth = base64.RawURLEncoding.EncodeToString(auth)
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

// TestSend: a push reaches a real push endpoint process, which checks the
// VAPID signature and decrypts the payload with the subscription's keys;
// a service that answers 503 is an error (retried by the caller), a bad
// subscription is refused before sending.
func TestSend(t *testing.T) {
	sub, received := pushEndpoint(t, 1)
	if err := sub.Check(); err != nil {
		t.Fatal(err)
	}
	key, saved, err := NewVAPIDKey()
	if err != nil {
		t.Fatal(err)
	}
	again, err := ParseVAPIDKey(saved)
	if err != nil || !again.Equal(key) {
		t.Fatalf("vapid key round trip: %v", err)
	}
	c := &Client{VAPID: &VAPID{Key: key, Subject: "mailto:admin@run.example.org"}}
	payload := `{"title":"Race in 3 days: Harbour 10K — café après","body":"Taper <3","url":"/plan"}`
	ctx := context.Background()
	if err := c.Send(ctx, sub, []byte(payload), time.Hour); err == nil || !strings.Contains(err.Error(), "503") {
		t.Fatalf("a busy service: %v", err)
	}
	if err := c.Send(ctx, sub, []byte(payload), time.Hour); err != nil {
		t.Fatal(err)
	}
	if got := received(); len(got) != 1 || got[0] != payload {
		t.Fatalf("received %q", got)
	}
	// The wrong subscription keys: the endpoint cannot decrypt.
	wrong := *sub
	k2, _ := ecdh.P256().GenerateKey(rand.Reader)
	wrong.Keys.P256dh = base64.RawURLEncoding.EncodeToString(k2.PublicKey().Bytes())
	if err := c.Send(ctx, &wrong, []byte("x"), time.Hour); err == nil || !strings.Contains(err.Error(), "400") {
		t.Fatalf("wrong keys: %v", err)
	}
	bad := *sub
	bad.Keys.Auth = "short"
	if err := bad.Check(); err == nil {
		t.Error("bad auth accepted")
	}
	bad = *sub
	bad.Endpoint = "http://push.example.org/x"
	if err := bad.Check(); err == nil {
		t.Error("plain http endpoint accepted")
	}
	if _, err := Encrypt(sub, make([]byte, MaxPayload+1), rand.Reader); err == nil {
		t.Error("oversized payload encrypted")
	}
	// A gone subscription.
	gone := *sub
	gone.Endpoint = strings.TrimSuffix(sub.Endpoint, "/push") + "/nothing"
	if err := c.Send(ctx, &gone, []byte("x"), time.Hour); !errors.Is(err, ErrGone) {
		t.Errorf("gone: %v", err)
	}
}
