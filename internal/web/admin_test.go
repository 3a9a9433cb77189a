package web_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"rekindle/internal/testkit/testserver"
)

// TestDemotedMidRequestIsNoAdminOnPages: the settings page's admin forms
// (sign-up mode, invites) refuse an admin demoted after the request was
// authenticated and before its handler ran, and write nothing.
func TestDemotedMidRequestIsNoAdminOnPages(t *testing.T) {
	ctx := context.Background()
	for name, dsn := range testserver.Stores(t) {
		t.Run(name, func(t *testing.T) {
			var demote atomic.Int64
			var s *testserver.Server
			s = testserver.NewWithHook(t, dsn, func(r *http.Request) {
				if id := demote.Load(); id != 0 {
					if err := s.Store.SetAdmin(r.Context(), id, false); err != nil {
						t.Error(err)
					}
				}
			})
			c := s.Client(t)
			c.Signup("admin@example.org")
			id := c.AthleteID()
			forms := []struct{ path, body string }{
				{"/settings/signup", "mode=invite"},
				{"/settings/invites", ""},
			}
			for _, f := range forms {
				if err := s.Store.SetAdmin(ctx, id, true); err != nil {
					t.Fatal(err)
				}
				demote.Store(id)
				if resp, body := c.Do("POST", f.path, f.body); resp.StatusCode != http.StatusForbidden {
					t.Errorf("demoted mid-request: POST %s = %d %.200s, want 403", f.path, resp.StatusCode, body)
				}
				demote.Store(0)
			}
			if v, _ := s.Store.Setting(ctx, "signup"); v == "invite" {
				t.Errorf("a demoted admin's form changed the sign-up mode")
			}
			if err := s.Store.SetAdmin(ctx, id, true); err != nil {
				t.Fatal(err)
			}
			for _, f := range forms {
				if resp, body := c.Do("POST", f.path, f.body); resp.StatusCode >= 400 {
					t.Errorf("admin: POST %s = %d %.200s", f.path, resp.StatusCode, body)
				}
			}
		})
	}
}
