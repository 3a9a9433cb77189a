package athlete

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"rekindle/internal/store"
	"rekindle/internal/testkit"
	"rekindle/internal/webpush"
)

// TestConfiguredVAPIDKey: a key from the configuration
// (REKINDLE_VAPID_PRIVATE_KEY) is the one the pages subscribe with, not the
// stored one; without it the stored key is made once and kept; a bad one
// is a clear error.
func TestConfiguredVAPIDKey(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "vapid.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	stored, err := New(Config{Store: st, Now: testkit.Now}).PushPublicKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := New(Config{Store: st, Now: testkit.Now}).PushPublicKey(ctx); err != nil || again.Key != stored.Key {
		t.Fatalf("stored key changed: %v %v", again, err)
	}
	k, enc, err := webpush.NewVAPIDKey()
	if err != nil {
		t.Fatal(err)
	}
	got, err := New(Config{Store: st, Now: testkit.Now, VAPIDKey: enc}).PushPublicKey(ctx)
	want := (&webpush.VAPID{Key: k}).PublicKey()
	if err != nil || got.Key != want || got.Key == stored.Key {
		t.Fatalf("configured key: got %v %v, want %s", got, err, want)
	}
	if _, err := New(Config{Store: st, Now: testkit.Now, VAPIDKey: "not-a-key"}).PushPublicKey(ctx); err == nil || !strings.Contains(err.Error(), "REKINDLE_VAPID_PRIVATE_KEY") {
		t.Fatalf("bad configured key: %v", err)
	}
}
