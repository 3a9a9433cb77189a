package api_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"rekindle/internal/testkit/testserver"
)

// TestDemotedMidRequestIsNoAdmin: an admin demoted after their request was
// authenticated (the principal says admin) and before its handler runs is
// refused by every admin endpoint, and nothing is written; the same
// requests pass while the account is the admin. Before, the handlers
// trusted the principal's admin flag read as the request came in.
func TestDemotedMidRequestIsNoAdmin(t *testing.T) {
	ctx := context.Background()
	for name, dsn := range testserver.Stores(t) {
		t.Run(name, func(t *testing.T) {
			var demote atomic.Int64 // the athlete to demote mid-request, 0: none
			var s *testserver.Server
			s = testserver.NewWithHook(t, dsn, func(r *http.Request) {
				if id := demote.Load(); id != 0 {
					if err := s.Store.SetAdmin(r.Context(), id, false); err != nil {
						t.Error(err)
					}
				}
			})
			c := s.Client(t)
			c.Signup("admin@example.org") // the first account: the admin
			id := c.AthleteID()
			requests := []struct {
				method, path string
				body         any
			}{
				{"GET", "/api/v1/admin/signup", nil},
				{"PUT", "/api/v1/admin/signup", testserver.JSONBody(map[string]string{"mode": "invite"})},
				{"POST", "/api/v1/admin/invites", nil},
			}
			for _, rq := range requests {
				if err := s.Store.SetAdmin(ctx, id, true); err != nil {
					t.Fatal(err)
				}
				demote.Store(id)
				if resp, body := c.Do(rq.method, rq.path, rq.body); resp.StatusCode != http.StatusForbidden {
					t.Errorf("demoted mid-request: %s %s = %d %s, want 403", rq.method, rq.path, resp.StatusCode, body)
				}
				demote.Store(0)
			}
			if v, _ := s.Store.Setting(ctx, "signup"); v == "invite" {
				t.Errorf("a demoted admin's request changed the sign-up mode")
			}
			if err := s.Store.SetAdmin(ctx, id, true); err != nil {
				t.Fatal(err)
			}
			for _, rq := range requests {
				if resp, body := c.Do(rq.method, rq.path, rq.body); resp.StatusCode/100 != 2 {
					t.Errorf("admin: %s %s = %d %s", rq.method, rq.path, resp.StatusCode, body)
				}
			}
			// Demoted between requests (another process, 'rekindle user'):
			// the session's next request is no admin's.
			if err := s.Store.SetAdmin(ctx, id, false); err != nil {
				t.Fatal(err)
			}
			for _, rq := range requests {
				if resp, body := c.Do(rq.method, rq.path, rq.body); resp.StatusCode != http.StatusForbidden {
					t.Errorf("demoted: %s %s = %d %s, want 403", rq.method, rq.path, resp.StatusCode, body)
				}
			}
		})
	}
}
