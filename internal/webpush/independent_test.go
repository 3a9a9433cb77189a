package webpush

import (
	"bytes"
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"os/exec"
	"testing"
)

// TestIndependentDecoder decrypts what Encrypt writes with a second,
// independent RFC 8291/RFC 8188 decoder: testdata/decrypt.py on
// python3-cryptography (HKDF, ECDH and AES-GCM from OpenSSL), as a browser
// would with its subscription keys.
func TestIndependentDecoder(t *testing.T) {
	if err := exec.Command("python3", "-c", "import cryptography").Run(); err != nil {
		t.Skip("python3-cryptography not installed (Debian: python3-cryptography)")
	}
	enc := base64.RawURLEncoding.EncodeToString
	for _, msg := range []string{"", "x", `{"title":"A light week starts","body":"Three easy runs, one with strides.","url":"/plan"}`, string(bytes.Repeat([]byte("é"), 1500))} {
		ua, err := ecdh.P256().GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		auth := make([]byte, 16)
		rand.Read(auth)
		var sub Subscription
		sub.Endpoint = "https://push.example.net/push/1"
		sub.Keys.P256dh, sub.Keys.Auth = enc(ua.PublicKey().Bytes()), enc(auth)
		body, err := Encrypt(&sub, []byte(msg), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("python3", "testdata/decrypt.py", enc(ua.Bytes()), enc(auth))
		cmd.Stdin = bytes.NewReader(body)
		out, err := cmd.Output()
		if err != nil {
			if ee, ok := err.(*exec.ExitError); ok {
				t.Fatalf("decrypt.py (%d-byte message): %v\n%s", len(msg), err, ee.Stderr)
			}
			t.Fatal(err)
		}
		if string(out) != msg {
			t.Fatalf("python decoded %q, want %q", out, msg)
		}
		// The decoder is not a rubber stamp: another auth secret fails.
		wrong := exec.Command("python3", "testdata/decrypt.py", enc(ua.Bytes()), enc(make([]byte, 16)))
		wrong.Stdin = bytes.NewReader(body)
		if out, err := wrong.Output(); err == nil {
			t.Fatalf("decrypt.py accepted a wrong auth secret: %q", out)
		}
	}
}
