package web_test

import (
	"bytes"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
	"github.com/muktihari/fit/decoder"

	"rekindle/internal/cli"
	"rekindle/internal/testkit"
)

// TestPlanLeavesRekindle: the plan as a secret calendar feed (made on
// Settings, read without signing in, checked with emersion/go-ical, 404
// once rotated or revoked), as a one-off .ics, and each run as a FIT
// workout (decoded with muktihari/fit) from the plan page and the API.
func TestPlanLeavesRekindle(t *testing.T) {
	for name, dsn := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := newServer(t, dsn, cli.ServeOptions{RoutesInline: true})
			c := s.Client(t)
			c.Signup("reach@example.org")
			day := testkit.Today.AddDate(0, 0, 1).Format(time.DateOnly)
			var q struct {
				ID int64 `json:"id"`
			}
			resp, body := c.Do("POST", "/api/v1/plan", jsonBody(map[string]any{"day": day, "kind": "quality", "distance_m": 11000,
				"note": "2 km warm-up, 5 × 1000 m at 4:00/km with 400 m jog, 2 km cool-down"}))
			if resp.StatusCode != http.StatusCreated {
				t.Fatalf("add: %d %s", resp.StatusCode, body)
			}
			decodeInto(t, body, &q)
			c.Do("POST", "/api/v1/plan", jsonBody(map[string]any{"day": day, "kind": "cross", "sport": "yoga", "duration_s": 3600}))

			// The plan page links the run's workout, not the yoga's.
			_, page := c.Do("GET", "/plan", nil)
			if strings.Count(page, "/workout.fit") != 1 || !strings.Contains(page, fmt.Sprintf(`href="/plan/%d/workout.fit"`, q.ID)) || !strings.Contains(page, `href="/plan.ics"`) {
				t.Fatalf("plan page links: %d workout links", strings.Count(page, "/workout.fit"))
			}
			for _, path := range []string{fmt.Sprintf("/plan/%d/workout.fit", q.ID), fmt.Sprintf("/api/v1/plan/%d/workout.fit", q.ID)} {
				resp, b := c.Do("GET", path, nil)
				if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/vnd.ant.fit" {
					t.Fatalf("%s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
				}
				fit, err := decoder.New(strings.NewReader(b)).Decode()
				if err != nil {
					t.Fatalf("%s: muktihari: %v", path, err)
				}
				steps := 0
				for _, m := range fit.Messages {
					if m.Num == 27 {
						steps++
					}
				}
				if steps != 5 {
					t.Errorf("%s: %d steps", path, steps)
				}
			}
			_, body = c.Do("GET", fmt.Sprintf("/api/v1/plan/%d/workout", q.ID), nil)
			if !strings.Contains(body, `"repeat":5`) || !strings.Contains(body, `"intensity":"warmup"`) {
				t.Errorf("workout JSON %s", body)
			}

			// Settings makes the feed; the page shows its URL once.
			_, page = c.Do("GET", "/settings", nil)
			if !strings.Contains(page, `action="/settings/plan-feed/rotate"`) {
				t.Errorf("settings lacks the calendar feed section")
			}
			resp, page = c.Do("POST", "/settings/plan-feed/rotate", "csrf_token="+c.CSRF)
			feedURL := regexp.MustCompile(`http://[^"]+/api/v1/calendar/\d+/[A-Za-z0-9_-]+\.ics`).FindString(page)
			if resp.StatusCode != 200 || feedURL == "" {
				t.Fatalf("rotate: %d, no URL", resp.StatusCode)
			}
			anon := func(u string) (int, string, string) {
				resp, err := http.Get(u)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				var b bytes.Buffer
				b.ReadFrom(resp.Body)
				return resp.StatusCode, resp.Header.Get("Content-Type"), b.String()
			}
			code, ct, ics := anon(feedURL)
			if code != 200 || !strings.HasPrefix(ct, "text/calendar") {
				t.Fatalf("feed: %d %s", code, ct)
			}
			cal, err := ical.NewDecoder(strings.NewReader(ics)).Decode()
			if err != nil {
				t.Fatalf("go-ical: %v", err)
			}
			if err := ical.NewEncoder(&bytes.Buffer{}).Encode(cal); err != nil {
				t.Fatalf("go-ical structure: %v", err)
			}
			if len(cal.Events()) != 2 {
				t.Fatalf("%d events", len(cal.Events()))
			}
			// The signed-in download is the same calendar.
			resp, dl := c.Do("GET", "/plan.ics", nil)
			if resp.StatusCode != 200 || dl != ics {
				t.Errorf("download differs from the feed")
			}
			if resp, api := c.Do("GET", "/api/v1/plan.ics", nil); resp.StatusCode != 200 || api != ics {
				t.Errorf("API download differs from the feed")
			}
			// Rotating through the API ends the old URL.
			resp, body = c.Do("POST", "/api/v1/plan/feed", nil)
			var rot struct {
				URL    string `json:"url"`
				Active bool   `json:"active"`
			}
			decodeInto(t, body, &rot)
			if resp.StatusCode != http.StatusCreated || !rot.Active || rot.URL == "" || rot.URL == feedURL {
				t.Fatalf("api rotate: %d %s", resp.StatusCode, body)
			}
			if code, _, _ := anon(feedURL); code != 404 {
				t.Errorf("rotated-out URL: %d", code)
			}
			if code, _, _ := anon(rot.URL); code != 200 {
				t.Errorf("new URL: %d", code)
			}
			// A wrong token, a wrong athlete: 404 too.
			if code, _, _ := anon(strings.Replace(rot.URL, "/calendar/", "/calendar/9", 1)); code != 404 {
				t.Errorf("other athlete: %d", code)
			}
			// Revoke on Settings.
			resp, _ = c.Do("POST", "/settings/plan-feed/revoke", "csrf_token="+c.CSRF)
			if resp.StatusCode != http.StatusSeeOther {
				t.Errorf("revoke: %d", resp.StatusCode)
			}
			if code, _, _ := anon(rot.URL); code != 404 {
				t.Errorf("revoked URL: %d", code)
			}
			_, body = c.Do("GET", "/api/v1/plan/feed", nil)
			if !strings.Contains(body, `"active":false`) {
				t.Errorf("feed status after revoke: %s", body)
			}
		})
	}
}

// TestNotificationsPage: a race in 3 days shows on the in-app list once,
// the same list the API gives, and is marked read from the page.
func TestNotificationsPage(t *testing.T) {
	s := newServer(t, filepath.Join(t.TempDir(), "n.db"), cli.ServeOptions{RoutesInline: true})
	c := s.Client(t)
	c.Signup("notes@example.org")
	day := testkit.Today.AddDate(0, 0, 3).Format(time.DateOnly)
	if resp, body := c.Do("POST", "/api/v1/plan", jsonBody(map[string]any{"day": day, "kind": "race", "distance_m": 10000, "note": "Harbour 10K"})); resp.StatusCode != 201 {
		t.Fatalf("add race: %s", body)
	}
	for range 2 {
		resp, page := c.Do("GET", "/notifications", nil)
		if resp.StatusCode != 200 || strings.Count(page, `data-kind="race_soon"`) != 1 || !strings.Contains(page, "Harbour 10K") || !strings.Contains(page, "1 new") {
			t.Fatalf("notifications page: %d, %d race notes", resp.StatusCode, strings.Count(page, `data-kind="race_soon"`))
		}
	}
	_, body := c.Do("GET", "/api/v1/notifications", nil)
	if !strings.Contains(body, `"unread":1`) || !strings.Contains(body, `"kind":"race_soon"`) {
		t.Errorf("api %s", body)
	}
	if resp, _ := c.Do("POST", "/notifications/read", "csrf_token="+c.CSRF); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("read: %d", resp.StatusCode)
	}
	if _, page := c.Do("GET", "/notifications", nil); !strings.Contains(page, "Nothing new") {
		t.Errorf("still new after reading")
	}
}
