package webpush

import (
	"bytes"
	"context"
	"crypto/ecdh"
	"encoding/json"
	"errors"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	"rekindle/internal/testkit"
)

// TestRFC8291Vector encrypts the example of RFC 8291 Appendix A with its
// fixed salt and keys and compares the bytes with the RFC's: an independent
// check of the key derivation and the record layout.
func TestRFC8291Vector(t *testing.T) {
	must := func(s string) []byte {
		b, err := decodeB64(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	asPriv, err := ecdh.P256().NewPrivateKey(must("yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw"))
	if err != nil {
		t.Fatal(err)
	}
	sub := Subscription{Endpoint: "https://push.example.net/push/JzLQ3raZJfFBR0aqvOMsLrt54w4rJUsV",
		Keys: Keys{P256dh: "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
			Auth: "BTBZMqHH6r4Tts7J_aSIgg"}}
	got, err := encrypt(sub, []byte("When I grow up, I want to be a watermelon"), must("DGv6ra1nlYgDCS1FRnbzlw"), asPriv)
	if err != nil {
		t.Fatal(err)
	}
	want := must("DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN")
	if !bytes.Equal(got, want) {
		t.Fatalf("encrypted\n%s\nwant RFC 8291 A\n%s", b64(got), b64(want))
	}
	uaPriv, _ := ecdh.P256().NewPrivateKey(must("q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94"))
	pt, err := Decrypt(want, uaPriv, must("BTBZMqHH6r4Tts7J_aSIgg"))
	if err != nil || string(pt) != "When I grow up, I want to be a watermelon" {
		t.Fatalf("decrypt RFC vector: %q %v", pt, err)
	}
}

type testSub struct {
	Subscription
	Private string `json:"private"`
}

func subscribe(t *testing.T, base, mode string) testSub {
	t.Helper()
	resp, err := http.Post(base+"/_test/subscribe", "application/json", strings.NewReader(`{"mode":"`+mode+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var s testSub
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

type rec struct {
	ID, Payload, Urgency, Topic, Sub string
	TTL, Status                      int
	Exp                              int64
	Error                            string
}

func receivedAt(t *testing.T, base string) []rec {
	t.Helper()
	resp, err := http.Get(base + "/_test/received")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r []rec
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	return r
}

func sender(t *testing.T) *Sender {
	k, err := GenerateVAPIDKey()
	if err != nil {
		t.Fatal(err)
	}
	return &Sender{VAPID: VAPID{Key: k, Subject: "mailto:admin@rekindle.example"}}
}

// TestSendToPushService sends to the test push service process, which
// checks the VAPID JWT against k and decrypts with the subscription's keys.
func TestSendToPushService(t *testing.T) {
	base := testkit.PushService(t)
	s := sender(t)
	ctx := context.Background()
	ok := subscribe(t, base, "ok")
	payload := `{"title":"Your light week starts","body":"Three easy runs, one with strides."}`
	if err := s.Send(ctx, ok.Subscription, Message{Payload: []byte(payload), TTL: 6 * time.Hour, Urgency: Low, Topic: "lightweek"}); err != nil {
		t.Fatal(err)
	}
	got := receivedAt(t, base)
	if len(got) != 1 {
		t.Fatalf("received %+v", got)
	}
	r := got[0]
	if r.Status != 201 || r.Payload != payload || r.TTL != 6*3600 || r.Urgency != "low" || r.Topic != "lightweek" || r.Sub != "mailto:admin@rekindle.example" {
		t.Fatalf("received %+v", r)
	}

	for _, c := range []struct {
		mode        string
		status      int
		gone, retry bool
		retryAfter  time.Duration
	}{
		{"gone", 410, true, false, 0},
		{"retry", 429, false, true, 120 * time.Second},
		{"error", 500, false, true, 0},
	} {
		sub := subscribe(t, base, c.mode)
		err := s.Send(ctx, sub.Subscription, Message{Payload: []byte("x")})
		var pe *Error
		if !errors.As(err, &pe) {
			t.Fatalf("%s: err %v, want *Error", c.mode, err)
		}
		if pe.Status != c.status || pe.Gone() != c.gone || pe.Retry() != c.retry || pe.RetryAfter != c.retryAfter || IsGone(err) != c.gone {
			t.Fatalf("%s: %+v", c.mode, pe)
		}
		if !strings.Contains(err.Error(), sub.Endpoint) {
			t.Fatalf("%s: error %q does not name the endpoint", c.mode, err)
		}
	}

	// A subscription the service never issued: 404, gone.
	unknown := ok.Subscription
	unknown.Endpoint = base + "/push/999"
	if err := s.Send(ctx, unknown, Message{Payload: []byte("x")}); !IsGone(err) {
		t.Fatalf("unknown endpoint: %v", err)
	}
	// The wrong VAPID key in the header would not verify: sign with one key,
	// claim another.
	other := sender(t)
	tok, _ := s.VAPID.Token(base, time.Now().Add(time.Hour))
	if _, err := VerifyToken(tok, other.VAPID.PublicKey()); err == nil {
		t.Fatal("token verified against another key")
	}
	// Unreachable endpoint: a transport error naming the endpoint, not *Error.
	dead := ok.Subscription
	dead.Endpoint = "http://127.0.0.1:1/push/1"
	err := s.Send(ctx, dead, Message{Payload: []byte("x")})
	var pe *Error
	if err == nil || errors.As(err, &pe) || !strings.Contains(err.Error(), dead.Endpoint) {
		t.Fatalf("unreachable: %v", err)
	}
}

// TestIndependentDecoder decrypts a message with python3-cryptography.
func TestIndependentDecoder(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 not installed")
	}
	if err := exec.Command("python3", "-c", "import cryptography").Run(); err != nil {
		t.Skip("python3-cryptography not installed")
	}
	uaPriv, _ := ecdh.P256().GenerateKey(nil)
	auth := []byte("0123456789abcdef")
	sub := Subscription{Endpoint: "https://push.example.net/x", Keys: Keys{P256dh: b64(uaPriv.PublicKey().Bytes()), Auth: b64(auth)}}
	msg := []byte(`{"title":"10 days without a run","body":"A 20-minute walk-run counts."}`)
	body, err := Encrypt(sub, msg)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("python3", "testdata/decrypt.py", b64(uaPriv.Bytes()), b64(auth))
	cmd.Stdin = bytes.NewReader(body)
	out, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("decrypt.py: %v\n%s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	if !bytes.Equal(out, msg) {
		t.Fatalf("python decoded %q", out)
	}
}

func TestVAPIDKeyRoundTrip(t *testing.T) {
	k, _ := GenerateVAPIDKey()
	s, err := EncodePrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	k2, err := ParsePrivateKey(s)
	if err != nil || !k2.Equal(k) {
		t.Fatalf("round trip: %v", err)
	}
	for _, bad := range []string{"", "abc", b64(make([]byte, 32)), b64(bytes.Repeat([]byte{0xff}, 32))} {
		if _, err := ParsePrivateKey(bad); err == nil {
			t.Errorf("ParsePrivateKey(%q) accepted", bad)
		}
	}
	v := VAPID{Key: k, Subject: "nobody"}
	if _, err := v.Token("https://x", time.Now()); err == nil {
		t.Error("subject without mailto:/https: accepted")
	}
}

func TestParseSubscription(t *testing.T) {
	good := `{"endpoint":"https://fcm.googleapis.com/fcm/send/abc","expirationTime":null,"keys":{"p256dh":"BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4","auth":"BTBZMqHH6r4Tts7J_aSIgg"}}`
	if _, err := ParseSubscription([]byte(good)); err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string]string{
		"not json":   `{`,
		"http":       strings.Replace(good, "https://fcm", "http://fcm", 1),
		"relative":   strings.Replace(good, "https://fcm.googleapis.com", "", 1),
		"short auth": strings.Replace(good, "BTBZMqHH6r4Tts7J_aSIgg", "BTBZ", 1),
		"off curve":  strings.Replace(good, "BCVxsr7N", "BCVxsr7M", 1),
		"no keys":    `{"endpoint":"https://a.example/x"}`,
	} {
		if _, err := ParseSubscription([]byte(bad)); err == nil {
			t.Errorf("%s: accepted", name)
		} else if !strings.HasPrefix(err.Error(), "push subscription") {
			t.Errorf("%s: error %q", name, err)
		}
	}
}

func FuzzParseSubscription(f *testing.F) {
	f.Add([]byte(`{"endpoint":"https://fcm.googleapis.com/fcm/send/abc","keys":{"p256dh":"BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4","auth":"BTBZMqHH6r4Tts7J_aSIgg"}}`))
	f.Add([]byte(`{"endpoint":"http://localhost:1/x","keys":{"p256dh":"","auth":""}}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSubscription(data)
		if err != nil {
			return
		}
		// Whatever parses can be encrypted to.
		if _, err := Encrypt(s, []byte("hello")); err != nil {
			t.Fatalf("parsed %q but Encrypt: %v", data, err)
		}
	})
}

func FuzzDecrypt(f *testing.F) {
	uaPriv, _ := ecdh.P256().NewPrivateKey(bytes.Repeat([]byte{7}, 32))
	auth := []byte("0123456789abcdef")
	sub := Subscription{Endpoint: "https://p.example/x", Keys: Keys{P256dh: b64(uaPriv.PublicKey().Bytes()), Auth: b64(auth)}}
	body, _ := Encrypt(sub, []byte("seed"))
	f.Add(body)
	f.Add([]byte{})
	f.Add(body[:40])
	f.Fuzz(func(t *testing.T, data []byte) {
		pt, err := Decrypt(data, uaPriv, auth)
		if err == nil && len(pt) > len(data) {
			t.Fatalf("plaintext longer than body")
		}
	})
}
