package web_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"rekindle/internal/cli"
)

// TestAccountAndActivityFlow signs up, uploads a real FIT file, and walks
// the pages and the API over the result, on SQLite and PostgreSQL.
func TestAccountAndActivityFlow(t *testing.T) {
	t.Parallel()
	fit := filepath.Join(testdata(t), "fit", "activity-small-fenix2-run.fit")
	for name, dsn := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := newServer(t, dsn, cli.ServeOptions{TileURL: "https://tile.openstreetmap.org/{z}/{x}/{y}.png"})
			c := s.Client(t)

			// Anonymous: home sends to sign-up while there is no account.
			resp, _ := c.Do("GET", "/", nil)
			if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/signup") {
				t.Fatalf("anonymous home: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
			}
			// A form post without the CSRF token is refused.
			resp, _ = c.Do("POST", "/signup", "email=a%40example.org&password=correct+horse+battery")
			if resp.StatusCode != http.StatusForbidden {
				t.Fatalf("signup without CSRF: %d, want 403", resp.StatusCode)
			}
			// Sign up through the form.
			c.Do("GET", "/signup", nil)
			form := url.Values{"csrf_token": {c.CSRF}, "name": {"Ann"}, "email": {"ann@example.org"}, "password": {"correct horse battery"}}
			resp, body := c.Do("POST", "/signup", form.Encode())
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("signup: %d %s", resp.StatusCode, body)
			}
			for _, ck := range resp.Cookies() {
				if ck.Name == "rk_session" && (!ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode) {
					t.Errorf("session cookie flags: %+v", ck)
				}
			}
			resp, body = c.Do("GET", "/", nil)
			if resp.StatusCode != 200 || !strings.Contains(body, "Upload your files") {
				t.Fatalf("home after sign-up: %d %s", resp.StatusCode, body)
			}
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "https://tile.openstreetmap.org") {
				t.Errorf("CSP = %q", csp)
			}
			var me struct {
				AthleteID int64 `json:"athlete_id"`
				Admin     bool  `json:"admin"`
			}
			_, body = c.Do("GET", "/api/v1/me", nil)
			if err := json.Unmarshal([]byte(body), &me); err != nil || !me.Admin {
				t.Fatalf("me = %s (%v): the first account must be the admin", body, err)
			}

			// Upload a real FIT file and a zip holding a GPX file.
			var zbuf bytes.Buffer
			zw := zip.NewWriter(&zbuf)
			f, _ := zw.Create("export/activities/run.gpx")
			gpx := mustRead(t, filepath.Join(testdata(t), "gpx", "activity_5039744860.gpx"))
			f.Write(gpx)
			zw.Close()
			zipPath := filepath.Join(t.TempDir(), "export.zip")
			mustWrite(t, zipPath, zbuf.Bytes())
			evs := c.Upload(fit, zipPath)
			var ids []int64
			statuses := map[string]string{}
			for _, e := range evs {
				ids = append(ids, e.Activities...)
				if e.File != "" && e.Status != "received" {
					statuses[e.File] = e.Status
				}
			}
			last := evs[len(evs)-1]
			if last.Status != "done" || len(ids) < 2 {
				t.Fatalf("upload events %+v", evs)
			}
			if statuses["activity-small-fenix2-run.fit"] != "imported" {
				t.Errorf("FIT outcome %v", statuses)
			}
			if !strings.HasPrefix(findKey(statuses, "export.zip"), "export.zip") {
				t.Errorf("zip member outcomes %v", statuses)
			}
			// Uploading the same file again is a duplicate, not a second activity.
			again := c.Upload(fit)
			if again[len(again)-2].Status != "duplicate" && again[len(again)-2].Status != "progress" {
				t.Logf("re-upload events %+v", again)
			}

			// The API lists them, newest first, paginated.
			var page struct {
				Items []struct {
					ID        int64   `json:"id"`
					DistanceM float64 `json:"distance_m"`
				} `json:"items"`
				Total    int `json:"total"`
				NextPage int `json:"next_page"`
			}
			_, body = c.Do("GET", "/api/v1/activities?per_page=1", nil)
			if err := json.Unmarshal([]byte(body), &page); err != nil || page.Total != 2 || len(page.Items) != 1 || page.NextPage != 2 {
				t.Fatalf("list = %s (%v)", body, err)
			}
			_, body = c.Do("GET", "/api/v1/activities?sport=running&q=nomatch", nil)
			if !strings.Contains(body, `"total":0`) {
				t.Errorf("search for nothing: %s", body)
			}

			// The activity page has the map, the charts, splits and the check-in form.
			fitID := ids[0]
			for _, e := range evs {
				if e.File == "activity-small-fenix2-run.fit" && len(e.Activities) > 0 {
					fitID = e.Activities[0]
				}
			}
			resp, body = c.Do("GET", fmt.Sprintf("/activities/%d", fitID), nil)
			for _, want := range []string{`map.svg`, `id="chart-pace"`, `id="chart-hr"`, `id="chart-ele"`, "Splits", "Best efforts", `name="enjoyment"`, "9.0 km", `id="series-data"`, `data-src="/api/v1/activities/`} {
				if !strings.Contains(body, want) {
					t.Errorf("activity page lacks %q", want)
				}
			}
			// The offline map and charts are SVG images with the track in them.
			for _, p := range []string{"map.svg", "charts/pace.svg", "charts/hr.svg", "charts/ele.svg"} {
				resp, svg := c.Do("GET", fmt.Sprintf("/activities/%d/%s", fitID, p), nil)
				if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(svg, "<polyline") || strings.Count(svg, ",") < 100 {
					t.Errorf("%s: %d %s, %d bytes", p, resp.StatusCode, resp.Header.Get("Content-Type"), len(svg))
				}
			}
			// Check in through the form.
			form = url.Values{"csrf_token": {c.CSRF}, "enjoyment": {"4"}, "rpe": {"6"}, "surface": {"road"}, "note": {"felt good"}}
			resp, body = c.Do("POST", fmt.Sprintf("/activities/%d/check-in", fitID), form.Encode())
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("check-in: %d %s", resp.StatusCode, body)
			}
			_, body = c.Do("GET", fmt.Sprintf("/activities/%d", fitID), nil)
			if !strings.Contains(body, "enjoyment 4/5") {
				t.Errorf("check-in not shown")
			}

			// Every page renders.
			for _, p := range []string{"/", "/upload", "/activities", "/training", "/routes", "/settings"} {
				resp, body := c.Do("GET", p, nil)
				if resp.StatusCode != 200 || !strings.Contains(body, "<main") {
					t.Errorf("%s: %d", p, resp.StatusCode)
				}
			}

			// Settings: profile in miles shows miles.
			form = url.Values{"csrf_token": {c.CSRF}, "name": {"Ann"}, "unit": {"mi"}, "time_zone": {"Europe/Ljubljana"}, "max_hr": {"188"}, "threshold_pace": {"7:30"}}
			resp, body = c.Do("POST", "/settings/profile", form.Encode())
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("profile: %d %s", resp.StatusCode, body)
			}
			_, body = c.Do("GET", fmt.Sprintf("/activities/%d", fitID), nil)
			if !strings.Contains(body, "5.6 mi") {
				t.Errorf("miles not shown after the unit change")
			}

			// An API token works for scripts, without CSRF.
			_, body = c.Do("POST", "/api/v1/tokens", jsonBody(map[string]string{"name": "script"}))
			var tok struct {
				Token string `json:"token"`
			}
			json.Unmarshal([]byte(body), &tok)
			script := s.Client(t)
			script.Auth = "Bearer " + tok.Token
			resp, body = script.Do("GET", "/api/v1/activities", nil)
			if resp.StatusCode != 200 || !strings.Contains(body, `"total":2`) {
				t.Fatalf("token list: %d %s", resp.StatusCode, body)
			}
			script.Auth = "Bearer rk_1_" + strings.Repeat("x", 43)
			if resp, _ := script.Do("GET", "/api/v1/activities", nil); resp.StatusCode != 401 {
				t.Errorf("wrong token: %d", resp.StatusCode)
			}

			// Export has the data; deleting the account really deletes it.
			resp, body = c.Do("GET", "/settings/export", nil)
			zr, err := zip.NewReader(strings.NewReader(body), int64(len(body)))
			if err != nil || resp.Header.Get("Content-Type") != "application/zip" {
				t.Fatalf("export: %v %s", err, resp.Header.Get("Content-Type"))
			}
			names := map[string]bool{}
			for _, f := range zr.File {
				names[f.Name] = true
			}
			if !names["rekindle/activities.json"] || !names[fmt.Sprintf("rekindle/activities/%d.json", fitID)] || !names["rekindle/checkins.json"] {
				t.Errorf("export files %v", names)
			}
			form = url.Values{"csrf_token": {c.CSRF}, "password": {"correct horse battery"}, "confirm": {"yes"}}
			resp, body = c.Do("POST", "/settings/delete", form.Encode())
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("delete: %d %s", resp.StatusCode, body)
			}
			var left int
			for _, table := range []string{"activities", "tracks", "files", "checkins", "accounts", "sessions", "api_tokens"} {
				var n int
				col := "athlete_id"
				s.Store.DB().QueryRow(fmt.Sprintf("SELECT COUNT(*) FROM %s WHERE %s = %d", table, col, me.AthleteID)).Scan(&n)
				left += n
			}
			if left != 0 {
				t.Errorf("%d rows of the deleted athlete are left", left)
			}
			if resp, _ := script.Do("GET", "/api/v1/me", nil); resp.StatusCode != 401 {
				t.Errorf("session after deletion: %d", resp.StatusCode)
			}
		})
	}
}

func findKey(m map[string]string, prefix string) string {
	for k := range m {
		if strings.HasPrefix(k, prefix) {
			return k
		}
	}
	return ""
}

func TestSingleUser(t *testing.T) {
	t.Parallel()
	s := newServer(t, filepath.Join(t.TempDir(), "su.db"), cli.ServeOptions{SingleUser: true})
	c := s.Client(t)
	resp, body := c.Do("GET", "/", nil)
	if resp.StatusCode != 200 || !strings.Contains(body, "Your spark") {
		t.Fatalf("single-user home: %d", resp.StatusCode)
	}
	// Writes still need the CSRF token (a web page elsewhere must not post here).
	c2 := s.Client(t)
	if resp, _ := c2.Do("PUT", "/api/v1/me", jsonBody(map[string]string{"name": "x"})); resp.StatusCode != http.StatusForbidden {
		t.Errorf("single-user write without CSRF: %d", resp.StatusCode)
	}
	if resp, body := c.Do("PUT", "/api/v1/me", jsonBody(map[string]any{"name": "Me", "unit": "km"})); resp.StatusCode != 200 {
		t.Errorf("single-user write: %d %s", resp.StatusCode, body)
	}
	// What does not apply with nobody signing in is not offered: sign-up
	// mode, server invites, coach invites; the pages say why instead.
	for _, p := range []string{"/settings", "/coach"} {
		_, body := c.Do("GET", p, nil)
		if strings.Contains(body, `action="/settings/signup"`) || strings.Contains(body, `action="/settings/invites"`) || strings.Contains(body, `action="/coach/invites"`) {
			t.Errorf("single-user %s offers sign-up or invites", p)
		}
		if !strings.Contains(body, `id="single-user-note"`) {
			t.Errorf("single-user %s does not say why", p)
		}
	}
}

// TestRoutesFromDemoHistory uploads a simulated runner's export and sees
// their usual loop as a route group, on the page and in the API.
func TestRoutesFromDemoHistory(t *testing.T) {
	t.Parallel()
	s := newServer(t, filepath.Join(t.TempDir(), "routes.db"), cli.ServeOptions{RoutesInline: true})
	c := s.Client(t)
	c.Signup("rut@example.org")
	c.Upload(demoZip(t, t.TempDir()))
	_, body := c.Do("GET", "/api/v1/routes", nil)
	var out struct {
		Items []struct {
			Key   string `json:"key"`
			Count int    `json:"count"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil || len(out.Items) == 0 || out.Items[0].Count < 5 {
		t.Fatalf("routes = %s (%v)", body, err)
	}
	resp, page := c.Do("GET", "/routes", nil)
	if resp.StatusCode != 200 || !strings.Contains(page, "Your usual routes") {
		t.Errorf("routes page: %d", resp.StatusCode)
	}
	_, list := c.Do("GET", "/api/v1/activities?route="+out.Items[0].Key, nil)
	if !strings.Contains(list, fmt.Sprintf(`"total":%d`, out.Items[0].Count)) {
		t.Errorf("route filter: %s", list[:min(200, len(list))])
	}
}
