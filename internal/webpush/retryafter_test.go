package webpush

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"rekindle/internal/testkit"
)

// TestSendRetryAfter: a push service that answers 503 with Retry-After
// (a real push endpoint process) gives a RefusedError whose RetryAt is
// what the header says, in seconds or as an HTTP date; joined errors
// give the latest; a missing or malformed header gives none.
func TestSendRetryAfter(t *testing.T) {
	ps, _ := testkit.PushEndpointRetryAfter(t, 1, "120")
	sub := &Subscription{Endpoint: ps.Endpoint}
	sub.Keys.P256dh, sub.Keys.Auth = ps.P256dh, ps.Auth
	key, _, err := NewVAPIDKey()
	if err != nil {
		t.Fatal(err)
	}
	c := &Client{VAPID: &VAPID{Key: key, Subject: "mailto:admin@run.example.org"}}
	err = c.Send(context.Background(), sub, []byte("x"), time.Hour)
	var refused *RefusedError
	if !errors.As(err, &refused) || refused.Status != http.StatusServiceUnavailable || refused.RetryAfter != "120" {
		t.Fatalf("busy service: %#v", err)
	}
	now := testkit.Today
	if at, ok := RetryAt(fmt.Errorf("push 7: %w", err), now); !ok || !at.Equal(now.Add(2*time.Minute)) {
		t.Errorf("RetryAt = %v %v, want now+2m", at, ok)
	}
	for _, c := range []struct {
		header string
		want   time.Time // zero: no Retry-After
	}{
		{"", time.Time{}},
		{"soon", time.Time{}},
		{"-5", time.Time{}},
		{" 0 ", now},
		{now.Add(90 * time.Minute).Format(http.TimeFormat), now.Add(90 * time.Minute)},
		{"Mon, 02 Jun 2025 10:00:00 GMT", now}, // a date already past: now
		{"Monday, 02-Jun-25 13:30:00 GMT", now.Add(90 * time.Minute)},
		{"99999999999", now.Add(MaxRetryAfter)},
		{now.AddDate(1, 0, 0).Format(http.TimeFormat), now.Add(MaxRetryAfter)},
	} {
		at, ok := (&RefusedError{RetryAfter: c.header}).RetryAt(now)
		if ok != !c.want.IsZero() || !at.Equal(c.want) {
			t.Errorf("Retry-After %q: %v %v, want %v", c.header, at, ok, c.want)
		}
	}
	joined := errors.Join(&RefusedError{RetryAfter: "60"}, errors.New("dial: refused"), &RefusedError{RetryAfter: "3600"})
	if at, ok := RetryAt(joined, now); !ok || !at.Equal(now.Add(time.Hour)) {
		t.Errorf("joined: %v %v", at, ok)
	}
	if _, ok := RetryAt(errors.New("webpush: dial"), now); ok {
		t.Error("a network error has a Retry-After")
	}
}
