package strava_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/store"
	"rekindle/internal/strava"
	"rekindle/internal/testkit"
)

// fake starts the fake Strava server (its own process) and returns its base URL.
func fake(t *testing.T, args ...string) string { return testkit.FakeStrava(t, args...) }

func stats(t *testing.T, base string) map[string]int { return testkit.FakeStravaStats(t, base) }

func live(t *testing.T, base, access string) bool {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/api/v3/athlete", nil)
	req.Header.Set("Authorization", "Bearer "+access)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode == 200
}

func stores(t *testing.T) map[string]*store.Store { return store.TestStores(t) }

var key = bytes.Repeat([]byte{7}, 32)

func TestConnectRefreshDisconnect(t *testing.T) {
	ctx := context.Background()
	for name, st := range stores(t) {
		t.Run(name, func(t *testing.T) {
			// Tokens from the code exchange expire in 30 minutes (inside the
			// refresh window); refreshed ones in six hours.
			base := fake(t, "-client-id", "77", "-client-secret", "s3cret", "-code", "the-code", "-first-expiry", "30m", "-expiry", "6h")
			ath := &rekindle.Athlete{Name: "strava runner"}
			if err := st.CreateAthlete(ctx, ath); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.DeleteAthlete(context.Background(), ath.ID) })
			cfg := strava.Config{ClientID: "77", ClientSecret: "s3cret", RedirectURL: "http://localhost:8080/strava/callback", BaseURL: base, Key: key}
			c, err := strava.New(cfg, st)
			if err != nil {
				t.Fatal(err)
			}
			u, err := url.Parse(c.AuthURL("state-1"))
			if err != nil {
				t.Fatal(err)
			}
			q := u.Query()
			if u.Path != "/oauth/authorize" || q.Get("client_id") != "77" || q.Get("scope") != "read,activity:read_all" || q.Get("response_type") != "code" ||
				q.Get("state") != "state-1" || q.Get("redirect_uri") != cfg.RedirectURL {
				t.Errorf("auth URL %s", u)
			}
			if _, err := c.Exchange(ctx, ath.ID, "the-code", "read"); rekindle.ErrorCode(err) != rekindle.CodeInvalid {
				t.Errorf("a grant without activity:read_all: %v", err)
			}
			if _, err := c.Exchange(ctx, ath.ID, "wrong-code", "read,activity:read_all"); err == nil {
				t.Error("a wrong code was accepted")
			}
			tok, err := c.Exchange(ctx, ath.ID, "the-code", "read,activity:read_all")
			if err != nil {
				t.Fatal(err)
			}
			if tok.StravaID != 4242 || tok.AccessToken == "" || time.Until(tok.Expiry) > 31*time.Minute {
				t.Errorf("token %+v", tok)
			}
			// At rest: sealed, not the tokens in the clear; another key or
			// another athlete's row does not open.
			sealed, err := st.StravaToken(ctx, ath.ID)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(sealed, []byte(tok.AccessToken)) || bytes.Contains(sealed, []byte(tok.RefreshToken)) {
				t.Fatal("the token is stored in the clear")
			}
			other, _ := strava.New(strava.Config{ClientID: "77", ClientSecret: "s3cret", BaseURL: base, Key: bytes.Repeat([]byte{8}, 32)}, st)
			if _, err := other.Open(ath.ID, sealed); err == nil {
				t.Error("another key opened the token")
			}
			if _, err := c.Open(ath.ID+1, sealed); err == nil {
				t.Error("the token opened for another athlete")
			}
			// It expires within the hour: refreshed before use, and stored.
			fresh, err := c.Token(ctx, ath.ID)
			if err != nil {
				t.Fatal(err)
			}
			if fresh.AccessToken == tok.AccessToken || fresh.RefreshToken == tok.RefreshToken || time.Until(fresh.Expiry) < 5*time.Hour || fresh.StravaID != 4242 {
				t.Errorf("refreshed %+v", fresh)
			}
			if !live(t, base, fresh.AccessToken) {
				t.Error("the refreshed token is not live")
			}
			again, err := c.Token(ctx, ath.ID)
			if err != nil {
				t.Fatal(err)
			}
			if again.AccessToken != fresh.AccessToken || stats(t, base)["refreshes"] != 1 {
				t.Errorf("a token with six hours left was refreshed: %v", stats(t, base))
			}
			if ok, _ := c.Connected(ctx, ath.ID); !ok {
				t.Error("not connected")
			}
			// Disconnect: deauthorized at Strava, deleted here.
			if err := c.Disconnect(ctx, ath.ID); err != nil {
				t.Fatal(err)
			}
			if live(t, base, fresh.AccessToken) || stats(t, base)["deauthorizations"] != 1 {
				t.Errorf("token still live after disconnect: %v", stats(t, base))
			}
			if _, err := st.StravaToken(ctx, ath.ID); !errors.Is(err, rekindle.ErrNotFound) {
				t.Errorf("tokens kept after disconnect: %v", err)
			}
			if ok, _ := c.Connected(ctx, ath.ID); ok {
				t.Error("still connected")
			}
		})
	}
}

func TestConfig(t *testing.T) {
	if _, err := strava.New(strava.Config{ClientID: "1", Key: key}, nil); err == nil || !strings.Contains(err.Error(), "REKINDLE_STRAVA_CLIENT_SECRET") {
		t.Errorf("no secret: %v", err)
	}
	if _, err := strava.New(strava.Config{ClientID: "1", ClientSecret: "s", Key: key[:16]}, nil); err == nil {
		t.Error("a 16-byte key was taken")
	}
	for _, s := range []string{strings.Repeat("ab", 32), "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc="} {
		if k, err := strava.ParseKey(s); err != nil || len(k) != 32 {
			t.Errorf("ParseKey(%q): %v", s, err)
		}
	}
	if _, err := strava.ParseKey("short"); err == nil {
		t.Error("a short key parsed")
	}
}
