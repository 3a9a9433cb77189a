package athlete

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"rekindle"
	"rekindle/internal/notify"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
	"rekindle/internal/webpush"
)

func pushSubscribe(t *testing.T, base, mode string) webpush.Subscription {
	t.Helper()
	resp, err := http.Post(base+"/_test/subscribe", "application/json", strings.NewReader(`{"mode":"`+mode+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var s webpush.Subscription
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

type pushed struct {
	ID, Payload, Topic string
	TTL, Status        int
}

func pushReceived(t *testing.T, base string) []pushed {
	t.Helper()
	resp, err := http.Get(base + "/_test/received")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r []pushed
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestWebPush(t *testing.T) {
	ctx := context.Background()
	base := testkit.PushService(t)
	path := filepath.Join(t.TempDir(), "push.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ath, err := st.DefaultAthlete(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a := New(Config{Store: st, Now: testkit.Now, Push: &PushOptions{AllowHTTP: true, Subject: "mailto:coach@rekindle.example"}})

	// The key is made once and kept: another App over the store has it.
	key, err := a.PushKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if k2, err := New(Config{Store: st, Now: testkit.Now}).PushKey(ctx); err != nil || k2 != key {
		t.Fatalf("second app's key %q %v, want %q", k2, err, key)
	}
	// A configured key wins over the stored one.
	cfgKey, _ := webpush.GenerateVAPIDKey()
	enc, _ := webpush.EncodePrivateKey(cfgKey)
	if k3, _ := New(Config{Store: st, Push: &PushOptions{PrivateKey: enc}}).PushKey(ctx); k3 != (webpush.VAPID{Key: cfgKey}).PublicKey() {
		t.Fatalf("configured key not used: %q", k3)
	}
	if _, err := New(Config{Store: st, Push: &PushOptions{PrivateKey: "junk"}}).PushKey(ctx); err == nil || !strings.Contains(err.Error(), "vapid private key") {
		t.Fatalf("bad configured key: %v", err)
	}

	if _, err := a.SendTestPush(ctx, ath.ID); errCode(err) != rekindle.CodeInvalid {
		t.Fatalf("test push without subscriptions: %v", err)
	}
	ok1, ok2, gone := pushSubscribe(t, base, "ok"), pushSubscribe(t, base, "ok"), pushSubscribe(t, base, "gone")
	for _, s := range []webpush.Subscription{ok1, ok2, gone} {
		if err := a.SubscribePush(ctx, ath.ID, s); err != nil {
			t.Fatal(err)
		}
	}
	// http endpoints only when allowed (tests); browsers' are https.
	if err := New(Config{Store: st, Now: testkit.Now}).SubscribePush(ctx, ath.ID, ok1); errCode(err) != rekindle.CodeInvalid {
		t.Fatalf("http endpoint accepted without AllowHTTP: %v", err)
	}
	bad := ok1
	bad.Keys.Auth = "short"
	if err := a.SubscribePush(ctx, ath.ID, bad); errCode(err) != rekindle.CodeInvalid {
		t.Fatalf("bad keys accepted: %v", err)
	}

	m := notify.Moment{Kind: notify.KindLightWeek, Key: "2025-06-02", Day: "2025-06-02", Title: "A light week starts", Body: "Three easy runs.", Link: "/plan"}
	rep, err := a.PushMoment(ctx, ath.ID, m)
	if err != nil || rep.Sent != 2 || rep.Removed != 1 {
		t.Fatalf("push moment: %+v %v", rep, err)
	}
	got := pushReceived(t, base)
	var delivered []pushed
	for _, r := range got {
		if r.Status == 201 {
			delivered = append(delivered, r)
		}
	}
	if len(delivered) != 2 {
		t.Fatalf("delivered %+v", got)
	}
	for _, r := range delivered {
		var pm PushMessage
		if err := json.Unmarshal([]byte(r.Payload), &pm); err != nil {
			t.Fatalf("payload %q: %v", r.Payload, err)
		}
		want := PushMessage{Title: m.Title, Body: m.Body, URL: "/plan", Tag: "light_week:2025-06-02"}
		if pm != want || r.TTL != 86400 || len(r.Topic) != 32 {
			t.Fatalf("received %+v: %+v", r, pm)
		}
	}
	// The gone subscription was deleted; the two others stay.
	subs, _ := a.PushSubscriptions(ctx, ath.ID)
	if len(subs) != 2 {
		t.Fatalf("subscriptions after 410: %+v", subs)
	}

	// A push service that says "later": an error to retry, naming the
	// endpoint; the subscription stays.
	later := pushSubscribe(t, base, "retry")
	if err := a.SubscribePush(ctx, ath.ID, later); err != nil {
		t.Fatal(err)
	}
	rep, err = a.SendPush(ctx, ath.ID, PushMessage{Title: "t", Body: "b", Tag: "x"}, 0)
	var pe *webpush.Error
	if !errors.As(err, &pe) || !pe.Retry() || pe.Endpoint != later.Endpoint || rep.Sent != 2 || len(rep.Failed) != 1 {
		t.Fatalf("retry: %+v %v", rep, err)
	}
	// The test push reports the failure instead.
	rep, err = a.SendTestPush(ctx, ath.ID)
	if err != nil || rep.Sent != 2 || len(rep.Failed) != 1 || !strings.Contains(rep.Failed[0], later.Endpoint) || !strings.Contains(rep.Failed[0], "429") {
		t.Fatalf("test push: %+v %v", rep, err)
	}
	if subs, _ := a.PushSubscriptions(ctx, ath.ID); len(subs) != 3 {
		t.Fatalf("retryable subscription deleted: %+v", subs)
	}
	if err := a.UnsubscribePush(ctx, ath.ID, later.Endpoint); err != nil {
		t.Fatal(err)
	}
	if err := a.UnsubscribePush(ctx, ath.ID, later.Endpoint); errCode(err) != rekindle.CodeNotFound {
		t.Fatalf("second unsubscribe: %v", err)
	}
}

func errCode(err error) rekindle.Code {
	var e *rekindle.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}
