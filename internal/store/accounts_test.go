package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/testkit"
)

func TestAccounts(t *testing.T) {
	ctx := context.Background()
	now := testkit.Today
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			suffix := "" // each store is fresh (TestStores): the first account is the admin
			a, err := s.CreateAccount(ctx, " Ann"+suffix+"@Example.org ", "Ann", "h1", "", now)
			if err != nil {
				t.Fatal(err)
			}
			if !a.Admin || a.Email != "ann"+suffix+"@example.org" {
				t.Fatalf("first account = %+v, want admin with normalised email", a)
			}
			if _, err := s.CreateAccount(ctx, "ann"+suffix+"@example.org", "Ann2", "h", "", now); rekindle.ErrorCode(err) != rekindle.CodeConflict {
				t.Fatalf("duplicate email: err = %v, want conflict", err)
			}
			b, err := s.CreateAccount(ctx, "bob"+suffix+"@example.org", "Bob", "h2", "", now)
			if err != nil || b.Admin || b.AthleteID == a.AthleteID {
				t.Fatalf("second account = %+v, %v", b, err)
			}
			got, err := s.AccountByEmail(ctx, "BOB"+suffix+"@example.org")
			if err != nil || got.AthleteID != b.AthleteID || got.PasswordHash != "h2" {
				t.Fatalf("by email = %+v, %v", got, err)
			}
			// Sessions are per athlete: the other athlete's id never finds it.
			se := Session{AthleteID: a.AthleteID, TokenHash: "t1", CSRF: "c", CreatedAt: now, ExpiresAt: now.Add(time.Hour), LastSeen: now}
			if err := s.CreateSession(ctx, se); err != nil {
				t.Fatal(err)
			}
			if _, err := s.GetSession(ctx, b.AthleteID, "t1", now); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("session under another athlete: %v", err)
			}
			if _, err := s.GetSession(ctx, a.AthleteID, "t1", now.Add(2*time.Hour)); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("expired session found: %v", err)
			}
			if g, err := s.GetSession(ctx, a.AthleteID, "t1", now); err != nil || g.CSRF != "c" {
				t.Fatalf("session = %+v, %v", g, err)
			}
			// The joined read a request makes: the session with its account.
			if g, acc, err := s.GetSessionAccount(ctx, a.AthleteID, "t1", now); err != nil || g.CSRF != "c" || !acc.Admin || acc.AthleteID != a.AthleteID {
				t.Fatalf("session and account = %+v %+v, %v", g, acc, err)
			}
			// ... and the athlete's data stamp, as AthleteStamp reads it,
			// also after a write bumped it.
			for range 2 {
				want, err := s.AthleteStamp(ctx, a.AthleteID)
				if err != nil {
					t.Fatal(err)
				}
				if g, _, err := s.GetSessionAccount(ctx, a.AthleteID, "t1", now); err != nil || g.Stamp != want {
					t.Fatalf("stamp with the session = %+v, %v; want %+v", g.Stamp, err, want)
				}
				if err := s.BumpStamp(ctx, a.AthleteID, true); err != nil {
					t.Fatal(err)
				}
			}
			if _, _, err := s.GetSessionAccount(ctx, b.AthleteID, "t1", now); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("session and account under another athlete: %v", err)
			}
			if _, _, err := s.GetSessionAccount(ctx, a.AthleteID, "t1", now.Add(2*time.Hour)); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("expired session and account found: %v", err)
			}
			if err := s.SetPassword(ctx, a.AthleteID, "h3", "", now); err != nil {
				t.Fatal(err)
			}
			if _, err := s.GetSession(ctx, a.AthleteID, "t1", now); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("session survived a password change: %v", err)
			}
			tok, err := s.CreateAPIToken(ctx, b.AthleteID, "script", "th", now)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := s.CheckAPIToken(ctx, a.AthleteID, "th", now); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("token under another athlete: %v", err)
			}
			if err := s.DeleteAPIToken(ctx, a.AthleteID, tok.ID); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("deleted another athlete's token: %v", err)
			}
			if err := s.SetSettingAsAdmin(ctx, 0, "signup", "invite"); err != nil {
				t.Fatal(err)
			}
			if v, _ := s.Setting(ctx, "signup"); v != "invite" {
				t.Fatalf("setting = %q", v)
			}
			if err := s.CreateInvite(ctx, 0, a.AthleteID, "inv"+suffix, now, now.Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			c, err := s.CreateAccount(ctx, "cy"+suffix+"@example.org", "Cy", "h", "inv"+suffix, now)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.CreateAccount(ctx, "dee"+suffix+"@example.org", "Dee", "h", "inv"+suffix, now); rekindle.ErrorCode(err) != rekindle.CodeForbidden {
				t.Fatalf("reused invite: %v", err)
			}
			var rows int
			if err := s.ExportAthlete(ctx, b.AthleteID, func(table string, row map[string]any) error {
				if _, ok := row["password_hash"]; ok {
					t.Errorf("export of %s carries the password hash", table)
				}
				rows++
				return nil
			}); err != nil || rows < 2 {
				t.Fatalf("export: %d rows, %v", rows, err)
			}
			if err := s.DeleteAthlete(ctx, b.AthleteID); err != nil {
				t.Fatal(err)
			}
			if _, err := s.GetAccount(ctx, b.AthleteID); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("account after delete: %v", err)
			}
			if _, err := s.GetAccount(ctx, c.AthleteID); err != nil {
				t.Fatalf("other account gone: %v", err)
			}
		})
	}
}
