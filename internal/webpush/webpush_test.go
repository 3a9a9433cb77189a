package webpush

import (
	"context"
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"rekindle/internal/testkit"
)

func pushEndpoint(t *testing.T, fail int) (*Subscription, func() []string) {
	ps, received := testkit.PushEndpoint(t, fail)
	sub := &Subscription{Endpoint: ps.Endpoint}
	sub.Keys.P256dh, sub.Keys.Auth = ps.P256dh, ps.Auth
	return sub, received
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
	if err := c.Send(ctx, &gone, []byte("x"), time.Hour); !errors.Is(err, ErrGone) || !strings.Contains(err.Error(), gone.Endpoint) {
		t.Errorf("gone: %v", err)
	}
}

// FuzzSubscription: any JSON a page may post is either refused by Check
// or encrypts without error.
func FuzzSubscription(f *testing.F) {
	f.Add(`{"endpoint":"https://push.example.org/x","keys":{"p256dh":"BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U","auth":"tBHItJI5svbpez7KI4CCXg"}}`)
	f.Add(`{"endpoint":"http://127.0.0.1:1/x","keys":{"p256dh":"AAAA","auth":"x"}}`)
	f.Add(`{}`)
	f.Fuzz(func(t *testing.T, s string) {
		var sub Subscription
		if json.Unmarshal([]byte(s), &sub) != nil || sub.Check() != nil {
			return
		}
		if _, err := Encrypt(&sub, []byte("hello"), rand.Reader); err != nil {
			t.Fatalf("%s: checked but does not encrypt: %v", s, err)
		}
	})
}
