package store

import (
	"context"
	"errors"
	"testing"

	"rekindle/internal/testkit"
)

// TestAdminActionsCheckTheRightInTheirTransaction: an admin action
// (SetSettingAsAdmin, CreateInvite) checks the actor's admin right in the
// transaction that writes, so an account demoted before the write commits
// is refused; 0 is the operator at the machine.
func TestAdminActionsCheckTheRightInTheirTransaction(t *testing.T) {
	ctx := context.Background()
	now := testkit.Today
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, err := s.CreateAccount(ctx, "ann@example.org", "Ann", "h", "", now)
			if err != nil || !a.Admin {
				t.Fatalf("first account %+v, %v", a, err)
			}
			b, err := s.CreateAccount(ctx, "bob@example.org", "Bob", "h", "", now)
			if err != nil || b.Admin {
				t.Fatalf("second account %+v, %v", b, err)
			}
			if err := s.SetSettingAsAdmin(ctx, a.AthleteID, "signup", "invite"); err != nil {
				t.Fatalf("admin sets the sign-up mode: %v", err)
			}
			if err := s.CreateInvite(ctx, a.AthleteID, a.AthleteID, "inv1", now, now.AddDate(0, 0, 7)); err != nil {
				t.Fatalf("admin invites: %v", err)
			}
			for _, id := range []int64{b.AthleteID, 999999, -1} {
				if err := s.SetSettingAsAdmin(ctx, id, "signup", "open"); !errors.Is(err, ErrNotAdmin) {
					t.Errorf("athlete %d sets the sign-up mode: %v, want ErrNotAdmin", id, err)
				}
				if err := s.CreateInvite(ctx, id, id, "inv-x", now, now.AddDate(0, 0, 7)); !errors.Is(err, ErrNotAdmin) {
					t.Errorf("athlete %d invites: %v, want ErrNotAdmin", id, err)
				}
			}
			if err := s.SetAdmin(ctx, a.AthleteID, false); err != nil {
				t.Fatal(err)
			}
			if ok, err := s.IsAdmin(ctx, a.AthleteID); ok || err != nil {
				t.Fatalf("IsAdmin after demotion = %v, %v", ok, err)
			}
			if err := s.SetSettingAsAdmin(ctx, a.AthleteID, "signup", "open"); !errors.Is(err, ErrNotAdmin) {
				t.Errorf("demoted admin sets the sign-up mode: %v", err)
			}
			if err := s.CreateInvite(ctx, a.AthleteID, a.AthleteID, "inv2", now, now.AddDate(0, 0, 7)); !errors.Is(err, ErrNotAdmin) {
				t.Errorf("demoted admin invites: %v", err)
			}
			if v, _ := s.Setting(ctx, "signup"); v != "invite" {
				t.Errorf("sign-up mode %q after refused writes, want invite", v)
			}
			if err := s.SetSettingAsAdmin(ctx, 0, "signup", "open"); err != nil {
				t.Errorf("the operator sets the sign-up mode: %v", err)
			}
		})
	}
}

// TestDemotionAndAdminActionSerialise (PostgreSQL; SQLite's one writer
// serialises them anyway): a demotion waits for an admin action whose
// transaction checked the right, and an admin action that starts while a
// demotion is uncommitted waits for it and is then refused. Without the
// row lock (FOR SHARE) the demotion committed first and the action still
// wrote afterwards.
func TestDemotionAndAdminActionSerialise(t *testing.T) {
	ctx := context.Background()
	s := TestStores(t)["postgres"]
	if s == nil {
		t.Skip("PostgreSQL only (REKINDLE_TEST_POSTGRES)")
	}
	a, err := s.CreateAccount(ctx, "ann@example.org", "Ann", "h", "", testkit.Today)
	if err != nil {
		t.Fatal(err)
	}

	// An admin action in flight (right checked, not committed): the
	// demotion waits for it.
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var pid int
	if err := tx.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	if err := s.requireAdmin(ctx, tx, a.AthleteID); err != nil {
		t.Fatal(err)
	}
	demoted := make(chan error, 1)
	go func() { demoted <- s.SetAdmin(ctx, a.AthleteID, false) }()
	if blocked, err := waitBlocked(t, s, pid, 1, demoted); !blocked {
		t.Fatalf("the demotion did not wait for the admin action in flight (err %v)", err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-demoted; err != nil {
		t.Fatal(err)
	}

	// A demotion in flight: the admin action waits, then is refused.
	if err := s.SetAdmin(ctx, a.AthleteID, true); err != nil {
		t.Fatal(err)
	}
	dtx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer dtx.Rollback()
	if err := dtx.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	if _, err := dtx.ExecContext(ctx, `UPDATE accounts SET is_admin = 0 WHERE athlete_id = $1`, a.AthleteID); err != nil {
		t.Fatal(err)
	}
	acted := make(chan error, 1)
	go func() { acted <- s.SetSettingAsAdmin(ctx, a.AthleteID, "signup", "invite") }()
	if blocked, err := waitBlocked(t, s, pid, 1, acted); !blocked {
		t.Fatalf("the admin action did not wait for the demotion in flight (err %v)", err)
	}
	if err := dtx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-acted; !errors.Is(err, ErrNotAdmin) {
		t.Fatalf("admin action after the demotion committed: %v, want ErrNotAdmin", err)
	}
	if v, _ := s.Setting(ctx, "signup"); v == "invite" {
		t.Errorf("the refused action wrote the setting")
	}
}
