package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/store"
)

// authTestStores opens a fresh SQLite store, and a PostgreSQL one when
// REKINDLE_TEST_POSTGRES is set.
func authTestStores(t *testing.T) map[string]*store.Store { return store.TestStores(t) }

var fixedNow = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

func newTestAuth(t *testing.T, st *store.Store) *Auth {
	a := NewAuth(st, slog.New(slog.DiscardHandler), false)
	a.Now = func() time.Time { return fixedNow }
	return a
}

func createAccount(t *testing.T, st *store.Store, email, pw string) store.Account {
	t.Helper()
	h, err := HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	acc, err := st.CreateAccount(context.Background(), email, "Owner", h, "", fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	return acc
}

func login(a *Auth, addr, email, pw string) (*http.Cookie, error) {
	r := httptest.NewRequest("POST", "/login", nil)
	r.RemoteAddr = addr
	w := httptest.NewRecorder()
	if _, err := a.Login(context.Background(), w, r, email, pw); err != nil {
		return nil, err
	}
	for _, c := range w.Result().Cookies() {
		if c.Name == SessionCookie {
			return c, nil
		}
	}
	return nil, fmt.Errorf("no session cookie")
}

func TestLoginLimitIsPerAddressAndAccount(t *testing.T) {
	st := authTestStores(t)["sqlite"]
	a := newTestAuth(t, st)
	const email, pw = "owner@example.org", "the owner's password"
	createAccount(t, st, email, pw)

	// A guesser at one address is stopped for this account...
	limited := false
	for i := range 10 {
		_, err := login(a, "203.0.113.9:4000", email, fmt.Sprintf("guess %d wrong", i))
		if rekindle.ErrorCode(err) == rekindle.CodeRateLimited {
			limited = true
			if i != 5 {
				t.Errorf("limited after %d attempts, want 5", i)
			}
			break
		}
		if rekindle.ErrorCode(err) != rekindle.CodeUnauthorized {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	if !limited {
		t.Fatal("guessing from one address is never limited")
	}
	// ...but the owner, from another address, signs in at once.
	if _, err := login(a, "198.51.100.7:5555", email, pw); err != nil {
		t.Fatalf("owner from a new address refused: %v", err)
	}
}

func TestLoginLimitCapsOneAddress(t *testing.T) {
	st := authTestStores(t)["sqlite"]
	a := newTestAuth(t, st)
	const email, pw = "owner@example.org", "the owner's password"
	createAccount(t, st, email, pw)
	// One address spraying many accounts meets the per-address cap.
	n := 0
	for ; n < 100; n++ {
		_, err := login(a, "[2001:db8::1]:4000", fmt.Sprintf("u%d@example.org", n), "wrong password")
		if rekindle.ErrorCode(err) == rekindle.CodeRateLimited {
			break
		}
	}
	if n != 20 {
		t.Fatalf("per-address cap after %d attempts, want 20", n)
	}
	if _, err := login(a, "[2001:db8::1]:4001", email, pw); rekindle.ErrorCode(err) != rekindle.CodeRateLimited {
		t.Fatalf("capped address not limited: %v", err)
	}
	// The cap comes back with time.
	a.Now = func() time.Time { return fixedNow.Add(time.Minute) }
	if _, err := login(a, "[2001:db8::1]:4001", email, pw); err != nil {
		t.Fatalf("after a minute: %v", err)
	}
}

// TestCredentialsEndAtOnce: a password set or an account deleted in the
// store (what 'rekindle user password|delete' does, from another process)
// ends the athlete's sessions and API tokens on the very next request.
func TestCredentialsEndAtOnce(t *testing.T) {
	ctx := context.Background()
	for name, st := range authTestStores(t) {
		t.Run(name, func(t *testing.T) {
			a := newTestAuth(t, st)
			h := a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if p := PrincipalFrom(r.Context()); p != nil {
					fmt.Fprintf(w, "athlete %d via %s", p.AthleteID, p.Via)
					return
				}
				fmt.Fprint(w, "anonymous")
			}))
			who := func(cookie *http.Cookie, bearer string) string {
				r := httptest.NewRequest("GET", "/", nil)
				r.RemoteAddr = "198.51.100.7:5555"
				if cookie != nil {
					r.AddCookie(cookie)
				}
				if bearer != "" {
					r.Header.Set("Authorization", "Bearer "+bearer)
				}
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				return w.Body.String()
			}
			const email, pw = "owner@example.org", "the owner's password"
			acc := createAccount(t, st, email, pw)
			cookie, err := login(a, "198.51.100.7:5555", email, pw)
			if err != nil {
				t.Fatal(err)
			}
			tok, _, err := a.NewAPIToken(ctx, acc.AthleteID, "script")
			if err != nil {
				t.Fatal(err)
			}
			want := fmt.Sprintf("athlete %d via ", acc.AthleteID)
			if got := who(cookie, ""); got != want+"session" {
				t.Fatalf("session: %q", got)
			}
			if got := who(nil, tok); got != want+"token" {
				t.Fatalf("token: %q", got)
			}
			h2, _ := HashPassword("a brand new password")
			if err := st.SetPassword(ctx, acc.AthleteID, h2, "", fixedNow); err != nil {
				t.Fatal(err)
			}
			if got := who(cookie, ""); got != "anonymous" {
				t.Errorf("session after a password change: %q", got)
			}
			if got := who(nil, tok); got != "anonymous" {
				t.Errorf("API token after a password change: %q", got)
			}

			cookie, err = login(a, "198.51.100.7:5555", email, "a brand new password")
			if err != nil {
				t.Fatal(err)
			}
			if got := who(cookie, ""); got != want+"session" {
				t.Fatalf("new session: %q", got)
			}
			if err := st.DeleteAthlete(ctx, acc.AthleteID); err != nil {
				t.Fatal(err)
			}
			if got := who(cookie, ""); got != "anonymous" {
				t.Errorf("session after the account was deleted: %q", got)
			}
		})
	}
}
