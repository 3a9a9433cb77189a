package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"rekindle/internal/athlete"
	"rekindle/internal/cli"
	"rekindle/internal/strava"
	"rekindle/internal/web"
)

// TestAuthorization walks every API route and every page as anonymous, as
// the owner of the data and as another athlete: nobody reads or changes
// anything that is not theirs.
func TestAuthorization(t *testing.T) {
	t.Parallel()
	fit := filepath.Join(testdata(t), "fit", "garmin-fenix-5-run.fit")
	for name, dsn := range stores(t) {
		t.Run(name, func(t *testing.T) {
			// A Strava application (nothing calls Strava here: the connect
			// link and its redirect are this server's own).
			s := newServer(t, dsn, cli.ServeOptions{Strava: &athlete.StravaOptions{
				Config: strava.Config{ClientID: "1", ClientSecret: "s", BaseURL: "http://127.0.0.1:9", Key: bytes.Repeat([]byte{5}, 32)}}})
			owner := s.Client(t)
			owner.Signup("owner@example.org") // first account: admin
			other := s.Client(t)
			other.Signup("other@example.org")
			anon := s.Client(t)
			anon.Do("GET", "/login", nil)

			evs := owner.Upload(fit)
			var actID int64
			for _, e := range evs {
				if len(e.Activities) > 0 {
					actID = e.Activities[0]
				}
			}
			if actID == 0 {
				t.Fatalf("no activity imported: %+v", evs)
			}
			_, body := owner.Do("POST", "/api/v1/tokens", jsonBody(map[string]string{"name": "owner's"}))
			var tok struct {
				ID int64 `json:"id"`
			}
			json.Unmarshal([]byte(body), &tok)

			fx := ownerFixtures(t, s, owner)

			fill := func(p string) string {
				p = strings.ReplaceAll(p, "{id}", fmt.Sprint(fx.idFor(p, actID)))
				p = strings.ReplaceAll(p, "{rec}", "rest-light-week")
				p = strings.ReplaceAll(p, "{athlete}", fmt.Sprint(fx.owner))
				p = strings.ReplaceAll(p, "{coach}", fmt.Sprint(fx.coach))
				p = strings.ReplaceAll(p, "{req}", fmt.Sprint(fx.request))
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
				case strings.HasPrefix(path, "/api/") && strings.HasSuffix(path, "/decision"):
					return jsonBody(map[string]string{"decision": "accept"})
				case strings.HasSuffix(path, "/admin/signup"):
					return jsonBody(map[string]string{"mode": "invite"})
				case path == "/api/v1/me" && method == "PUT":
					return jsonBody(map[string]any{"name": "Mallory", "unit": "mi"})
				case path == "/api/v1/me" && method == "DELETE":
					return jsonBody(map[string]string{"password": "correct horse battery"})
				case strings.HasPrefix(path, "/api/") && (strings.HasSuffix(path, "/replies") || strings.HasPrefix(path, "/api/v1/gratitude")):
					return jsonBody(map[string]string{"text": "mallory was here"})
				case strings.HasPrefix(path, "/api/") && strings.HasSuffix(path, "/plan"):
					return jsonBody(map[string]string{"day": "2030-01-01", "kind": "easy", "note": "mallory"})
				case strings.HasPrefix(path, "/api/"):
					return jsonBody(map[string]string{})
				}
				return "x=1&decision=accept&text=mallory+was+here&day=2030-01-01&kind=easy&note=mallory"
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
					resp, body := anon.Do(rt.Method, path, bodyFor(rt.Method, path))
					if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `"code":"unauthorized"`) {
						t.Errorf("anonymous %s %s: %d %s", rt.Method, path, resp.StatusCode, body)
					}
				}
				// The other athlete: never the owner's data.
				if rt.Auth == "anonymous" || rt.Path == "/api/v1/auth/logout" || (rt.Path == "/api/v1/me" && rt.Method == "DELETE") {
					continue // (deleting or leaving one's own account is theirs to do)
				}
				resp, body := other.Do(rt.Method, path, bodyFor(rt.Method, path))
				switch {
				case rt.Auth == "admin":
					if resp.StatusCode != http.StatusForbidden {
						t.Errorf("non-admin %s %s: %d %s", rt.Method, path, resp.StatusCode, body)
					}
				case strings.ContainsAny(rt.Path, "{"):
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
				if strings.HasPrefix(path, "/unsubscribe/") {
					// Open to anyone, keyed by its signature: a wrong one is not found.
					if resp, _ := anon.Do(method, path, bodyFor(method, path)); resp.StatusCode != http.StatusNotFound {
						t.Errorf("anonymous %s %s with a wrong signature: %d, want 404", method, path, resp.StatusCode)
					}
					continue
				}
				public := path == "/login" || path == "/signup" || path == "/logout"
				if !public {
					resp, _ := anon.Do(method, path, withCSRF(anon, bodyFor(method, path)))
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
				resp, body := other.Do(method, path, withCSRF(other, bodyFor(method, path)))
				switch {
				case strings.HasPrefix(path, "/settings/signup") || strings.HasPrefix(path, "/settings/invites"):
					if resp.StatusCode != http.StatusForbidden {
						t.Errorf("non-admin page %s %s: %d", method, path, resp.StatusCode)
					}
				case strings.Contains(pr, "{") && !strings.Contains(pr, "{$}"):
					if resp.StatusCode != http.StatusNotFound {
						t.Errorf("other athlete page %s %s: %d, want 404", method, path, resp.StatusCode)
					}
				case path == "/settings/strava/connect":
					// Off to Strava with a state bound to the signed-in athlete.
					if resp.StatusCode != http.StatusFound || !strings.Contains(resp.Header.Get("Location"), "/oauth/authorize") {
						t.Errorf("other athlete %s %s: %d %s", method, path, resp.StatusCode, resp.Header.Get("Location"))
					}
				case path == "/settings/strava/callback":
					// No state of theirs: refused, nothing connected.
					if resp.StatusCode != http.StatusBadRequest || strings.Contains(body, "owner@example.org") {
						t.Errorf("other athlete %s %s without a state: %d", method, path, resp.StatusCode)
					}
				case method == "GET" && path != "/settings/export":
					if resp.StatusCode != 200 || strings.Contains(body, "owner@example.org") || strings.Contains(body, fmt.Sprintf(`href="/activities/%d"`, actID)) {
						t.Errorf("other athlete page %s %s: %d or shows the owner's data", method, path, resp.StatusCode)
					}
				}
			}

			fx.intact(t, owner)

			// The other athlete deletes their own account: only theirs goes.
			if resp, body := other.Do("DELETE", "/api/v1/me", jsonBody(map[string]string{"password": "correct horse battery"})); resp.StatusCode != http.StatusNoContent {
				t.Errorf("other deletes own account: %d %s", resp.StatusCode, body)
			}
			// After all that, the owner's data is intact and theirs only.
			resp, body := owner.Do("GET", fmt.Sprintf("/api/v1/activities/%d", actID), nil)
			if resp.StatusCode != 200 {
				t.Fatalf("owner's activity after the walk: %d %s", resp.StatusCode, body)
			}
			if strings.Contains(body, `"check_in"`) {
				t.Errorf("another athlete checked in on the owner's activity: %s", body)
			}
			_, body = owner.Do("GET", "/api/v1/tokens", nil)
			if !strings.Contains(body, "owner's") {
				t.Errorf("owner's token gone: %s", body)
			}
			_, body = owner.Do("GET", "/api/v1/me", nil)
			if strings.Contains(body, "Mallory") {
				t.Errorf("another athlete changed the owner's profile: %s", body)
			}
			// And the owner can do everything on their own data.
			for _, p := range []string{"/", "/activities", fmt.Sprintf("/activities/%d", actID), "/training", "/routes", "/settings"} {
				if resp, _ := owner.Do("GET", p, nil); resp.StatusCode != 200 {
					t.Errorf("owner page %s: %d", p, resp.StatusCode)
				}
			}
			for _, p := range []string{"/api/v1/home", "/api/v1/activities", fmt.Sprintf("/api/v1/activities/%d", actID), "/api/v1/training", "/api/v1/me", "/api/v1/admin/signup"} {
				if resp, _ := owner.Do("GET", p, nil); resp.StatusCode != 200 {
					t.Errorf("owner %s: %d", p, resp.StatusCode)
				}
			}
			if resp, body := owner.Do("POST", fmt.Sprintf("/api/v1/activities/%d/check-in", actID), jsonBody(map[string]any{"enjoyment": 5})); resp.StatusCode != 201 {
				t.Errorf("owner check-in: %d %s", resp.StatusCode, body)
			}
			if resp, _ := owner.Do("DELETE", fmt.Sprintf("/api/v1/tokens/%d", tok.ID), nil); resp.StatusCode != 204 {
				t.Errorf("owner token delete: %d", resp.StatusCode)
			}
		})
	}
}

// withCSRF adds the client's CSRF token to a form body.
func withCSRF(c *client, body any) any {
	if s, ok := body.(string); ok {
		return s + "&csrf_token=" + c.CSRF
	}
	return body
}

// fixtures are the owner's records of every kind, for the walk to aim at.
type fixtures struct {
	owner, coach, request                          int64
	planned, gear, reward, entry, feed, experiment int64
}

// idFor picks the owner's record an {id} in path names.
func (f *fixtures) idFor(path string, activity int64) int64 {
	switch {
	case strings.Contains(path, "/plan/"):
		return f.planned
	case strings.Contains(path, "/gear/"):
		return f.gear
	case strings.Contains(path, "/rewards/"):
		return f.reward
	case strings.Contains(path, "/gratitude/"):
		return f.entry
	case strings.Contains(path, "/calendars/"):
		return f.feed
	}
	return activity
}

// ownerFixtures gives the owner a plan session, shoes, a reward, a journal
// entry, a race calendar and a coach (all scopes) with an open request.
func ownerFixtures(t *testing.T, s *testServer, owner *client) *fixtures {
	t.Helper()
	f := &fixtures{owner: owner.AthleteID()}
	id := func(method, path string, body any) int64 {
		t.Helper()
		resp, b := owner.Do(method, path, body)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("fixture %s %s: %d %s", method, path, resp.StatusCode, b)
		}
		var v struct {
			ID   int64 `json:"id"`
			Feed struct {
				ID int64 `json:"id"`
			} `json:"feed"`
		}
		json.Unmarshal([]byte(b), &v)
		if v.ID == 0 {
			v.ID = v.Feed.ID
		}
		return v.ID
	}
	f.planned = id("POST", "/api/v1/plan", jsonBody(map[string]any{"day": "2030-01-02", "kind": "long", "distance_m": 20000, "note": "owner's long run"}))
	f.gear = id("POST", "/api/v1/gear", jsonBody(map[string]any{"name": "Owner shoes", "retire_at_m": 700000}))
	f.reward = id("POST", "/api/v1/rewards", jsonBody(map[string]any{"text": "owner's massage", "runs": 50, "days": 30}))
	f.entry = id("POST", "/api/v1/gratitude", jsonBody(map[string]any{"text": "owner's gratitude"}))
	f.feed = id("POST", "/api/v1/calendars", owner.Form(map[string]string{"kind": "race"}, "file", "owner.csv",
		[]byte("date,name,distance\n2030-05-01,Owner Race,10K\n")))
	_, b := owner.Do("POST", "/api/v1/coach/invites", jsonBody(map[string]any{"scopes": []string{"comment", "edit_plan"}}))
	var inv struct {
		Token string `json:"token"`
	}
	json.Unmarshal([]byte(b), &inv)
	coach := s.Client(t)
	coach.Signup("coach@example.org")
	f.coach = coach.AthleteID()
	if resp, b := coach.Do("POST", "/api/v1/coach/accept", jsonBody(map[string]string{"token": inv.Token})); resp.StatusCode != http.StatusCreated {
		t.Fatalf("coach accept: %d %s", resp.StatusCode, b)
	}
	f.request = id("POST", "/api/v1/coach/requests", jsonBody(map[string]any{"message": "owner asks for a lighter week"}))
	return f
}

// intact checks that none of the owner's records was touched by others.
func (f *fixtures) intact(t *testing.T, owner *client) {
	t.Helper()
	checks := []struct{ path, want, not string }{
		{"/api/v1/plan?as_of=2030-01-01&days=3", "owner's long run", "mallory"},
		{"/api/v1/gear", `"name":"Owner shoes"`, `"retired"`},
		{"/api/v1/gear", "owner's massage", `"claimed"`},
		{"/api/v1/gratitude", "owner's gratitude", "mallory"},
		{"/api/v1/races?as_of=2030-04-10", "Owner Race", ""},
		{"/api/v1/coach", "owner asks for a lighter week", "mallory"},
	}
	for _, c := range checks {
		_, body := owner.Do("GET", c.path, nil)
		if !strings.Contains(body, c.want) || (c.not != "" && strings.Contains(body, c.not)) {
			t.Errorf("after the walk %s: want %q, not %q: %s", c.path, c.want, c.not, body[:min(len(body), 600)])
		}
	}
}
