package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"rekindle/internal/cli"
	"rekindle/internal/web"
)

// TestAuthorization walks every API route and every page as anonymous, as
// the owner of the data and as another athlete: nobody reads or changes
// anything that is not theirs.
func TestAuthorization(t *testing.T) {
	fit := filepath.Join(testdata(t), "fit", "garmin-fenix-5-run.fit")
	for name, dsn := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := newServer(t, dsn, cli.ServeOptions{})
			owner := s.client(t)
			owner.signup("owner@example.org") // first account: admin
			other := s.client(t)
			other.signup("other@example.org")
			anon := s.client(t)
			anon.do("GET", "/login", nil)

			evs := owner.upload(fit)
			var actID int64
			for _, e := range evs {
				if len(e.Activities) > 0 {
					actID = e.Activities[0]
				}
			}
			if actID == 0 {
				t.Fatalf("no activity imported: %+v", evs)
			}
			_, body := owner.do("POST", "/api/v1/tokens", jsonBody(map[string]string{"name": "owner's"}))
			var tok struct {
				ID int64 `json:"id"`
			}
			json.Unmarshal([]byte(body), &tok)

			fill := func(p string) string {
				p = strings.ReplaceAll(p, "{id}", fmt.Sprint(actID))
				p = strings.ReplaceAll(p, "{rec}", "rest-light-week")
				p = strings.ReplaceAll(p, "{file}", "1.gpx")
				if strings.Contains(p, "/routes/suggestions") {
					p += "?distance=8"
				}
				return strings.TrimSuffix(p, "{$}")
			}
			tokenPath := func(p string) string { return strings.ReplaceAll(p, "{id}", fmt.Sprint(tok.ID)) }
			bodyFor := func(method, path string) any {
				if method == "GET" {
					return nil
				}
				switch {
				case strings.Contains(path, "check-in"):
					return jsonBody(map[string]any{"enjoyment": 2})
				case strings.HasSuffix(path, "/decision"):
					return jsonBody(map[string]string{"decision": "accept"})
				case strings.HasSuffix(path, "/admin/signup"):
					return jsonBody(map[string]string{"mode": "invite"})
				case path == "/api/v1/me" && method == "PUT":
					return jsonBody(map[string]any{"name": "Mallory", "unit": "mi"})
				case path == "/api/v1/me" && method == "DELETE":
					return jsonBody(map[string]string{"password": "correct horse battery"})
				case strings.HasPrefix(path, "/api/"):
					return jsonBody(map[string]string{})
				}
				return "x=1"
			}

			// API routes.
			a := s.API
			for _, rt := range a.Routes() {
				path := fill(rt.Path)
				if strings.HasPrefix(rt.Path, "/api/v1/tokens/") {
					path = tokenPath(rt.Path)
				}
				// Anonymous: everything but sign-up and login is refused.
				if rt.Auth != "anonymous" {
					resp, body := anon.do(rt.Method, path, bodyFor(rt.Method, path))
					if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `"code":"unauthorized"`) {
						t.Errorf("anonymous %s %s: %d %s", rt.Method, path, resp.StatusCode, body)
					}
				}
				// The other athlete: never the owner's data.
				if rt.Auth == "anonymous" || rt.Path == "/api/v1/auth/logout" || (rt.Path == "/api/v1/me" && rt.Method == "DELETE") {
					continue // (deleting or leaving one's own account is theirs to do)
				}
				resp, body := other.do(rt.Method, path, bodyFor(rt.Method, path))
				switch {
				case rt.Auth == "admin":
					if resp.StatusCode != http.StatusForbidden {
						t.Errorf("non-admin %s %s: %d %s", rt.Method, path, resp.StatusCode, body)
					}
				case strings.Contains(rt.Path, "{id}") || strings.Contains(rt.Path, "{file}"):
					if resp.StatusCode != http.StatusNotFound {
						t.Errorf("other athlete %s %s: %d %s, want 404", rt.Method, path, resp.StatusCode, body)
					}
				case rt.Method == "GET":
					if resp.StatusCode != 200 {
						t.Errorf("other athlete %s %s: %d", rt.Method, path, resp.StatusCode)
					}
					if strings.Contains(body, "owner@example.org") || strings.Contains(body, fmt.Sprintf(`"id":%d,"start"`, actID)) {
						t.Errorf("other athlete %s %s sees the owner's data: %s", rt.Method, path, body)
					}
				}
			}
			// Pages.
			for _, pr := range (&web.Web{}).Routes() {
				method, path, _ := strings.Cut(pr, " ")
				path = fill(path)
				if strings.HasPrefix(path, "/settings/tokens/") {
					path = tokenPath(strings.Replace(pr, "POST ", "", 1))
				}
				public := path == "/login" || path == "/signup" || path == "/logout"
				if !public {
					resp, _ := anon.do(method, path, withCSRF(anon, bodyFor(method, path)))
					want := http.StatusUnauthorized
					if method == "GET" {
						want = http.StatusSeeOther
					}
					if resp.StatusCode != want {
						t.Errorf("anonymous page %s %s: %d, want %d", method, path, resp.StatusCode, want)
					}
				}
				if public || path == "/logout" || path == "/settings/delete" {
					continue
				}
				resp, body := other.do(method, path, withCSRF(other, bodyFor(method, path)))
				switch {
				case strings.HasPrefix(path, "/settings/signup") || strings.HasPrefix(path, "/settings/invites"):
					if resp.StatusCode != http.StatusForbidden {
						t.Errorf("non-admin page %s %s: %d", method, path, resp.StatusCode)
					}
				case strings.Contains(pr, "{id}") || strings.Contains(pr, "{file}"):
					if resp.StatusCode != http.StatusNotFound {
						t.Errorf("other athlete page %s %s: %d, want 404", method, path, resp.StatusCode)
					}
				case method == "GET" && path != "/settings/export":
					if resp.StatusCode != 200 || strings.Contains(body, "owner@example.org") || strings.Contains(body, fmt.Sprintf(`href="/activities/%d"`, actID)) {
						t.Errorf("other athlete page %s %s: %d or shows the owner's data", method, path, resp.StatusCode)
					}
				}
			}

			// The other athlete deletes their own account: only theirs goes.
			if resp, body := other.do("DELETE", "/api/v1/me", jsonBody(map[string]string{"password": "correct horse battery"})); resp.StatusCode != http.StatusNoContent {
				t.Errorf("other deletes own account: %d %s", resp.StatusCode, body)
			}
			// After all that, the owner's data is intact and theirs only.
			resp, body := owner.do("GET", fmt.Sprintf("/api/v1/activities/%d", actID), nil)
			if resp.StatusCode != 200 {
				t.Fatalf("owner's activity after the walk: %d %s", resp.StatusCode, body)
			}
			if strings.Contains(body, `"check_in"`) {
				t.Errorf("another athlete checked in on the owner's activity: %s", body)
			}
			_, body = owner.do("GET", "/api/v1/tokens", nil)
			if !strings.Contains(body, "owner's") {
				t.Errorf("owner's token gone: %s", body)
			}
			_, body = owner.do("GET", "/api/v1/me", nil)
			if strings.Contains(body, "Mallory") {
				t.Errorf("another athlete changed the owner's profile: %s", body)
			}
			// And the owner can do everything on their own data.
			for _, p := range []string{"/", "/activities", fmt.Sprintf("/activities/%d", actID), "/training", "/routes", "/settings"} {
				if resp, _ := owner.do("GET", p, nil); resp.StatusCode != 200 {
					t.Errorf("owner page %s: %d", p, resp.StatusCode)
				}
			}
			for _, p := range []string{"/api/v1/home", "/api/v1/activities", fmt.Sprintf("/api/v1/activities/%d", actID), "/api/v1/training", "/api/v1/me", "/api/v1/admin/signup"} {
				if resp, _ := owner.do("GET", p, nil); resp.StatusCode != 200 {
					t.Errorf("owner %s: %d", p, resp.StatusCode)
				}
			}
			if resp, body := owner.do("POST", fmt.Sprintf("/api/v1/activities/%d/check-in", actID), jsonBody(map[string]any{"enjoyment": 5})); resp.StatusCode != 201 {
				t.Errorf("owner check-in: %d %s", resp.StatusCode, body)
			}
			if resp, _ := owner.do("DELETE", fmt.Sprintf("/api/v1/tokens/%d", tok.ID), nil); resp.StatusCode != 204 {
				t.Errorf("owner token delete: %d", resp.StatusCode)
			}
		})
	}
}

// withCSRF adds the client's CSRF token to a form body.
func withCSRF(c *client, body any) any {
	if s, ok := body.(string); ok {
		return s + "&csrf_token=" + c.csrf
	}
	return body
}
