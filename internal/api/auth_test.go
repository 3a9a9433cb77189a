package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"rekindle/internal/cli"
	"rekindle/internal/testkit/testserver"
)

// TestLoginRateLimitAndErrors: bad logins are limited (429 after 8), API
// errors are JSON with a code, the OpenAPI document is served and requests
// are counted in the metrics.
func TestLoginRateLimitAndErrors(t *testing.T) {
	t.Parallel()
	s := testserver.NewSQLite(t, cli.ServeOptions{})
	c := s.Client(t)
	c.Signup("ann@example.org")
	other := s.Client(t)
	other.Do("GET", "/login", nil)
	var last int
	for i := 0; i < 8; i++ {
		resp, body := other.Do("POST", "/api/v1/auth/login", testserver.JSONBody(map[string]string{"email": "ann@example.org", "password": "wrong password"}))
		last = resp.StatusCode
		if i == 0 && (resp.StatusCode != 401 || !strings.Contains(body, `"code":"unauthorized"`)) {
			t.Fatalf("bad login: %d %s", resp.StatusCode, body)
		}
	}
	if last != http.StatusTooManyRequests {
		t.Fatalf("after 8 bad logins: %d, want 429", last)
	}
	// Errors are JSON with code and message; unknown API routes too.
	resp, body := c.Do("GET", "/api/v1/nope", nil)
	if resp.StatusCode != 404 || !strings.Contains(body, `"code":"not_found"`) {
		t.Errorf("unknown route: %d %s", resp.StatusCode, body)
	}
	resp, body = c.Do("GET", "/api/v1/activities?per_page=1000", nil)
	if resp.StatusCode != 400 || !strings.Contains(body, `"code":"invalid"`) {
		t.Errorf("bad per_page: %d %s", resp.StatusCode, body)
	}
	resp, body = c.Do("GET", "/api/v1/openapi.json", nil)
	var doc map[string]any
	if err := json.Unmarshal([]byte(body), &doc); err != nil || doc["openapi"] != "3.1.0" {
		t.Fatalf("openapi: %d %v", resp.StatusCode, err)
	}
	if paths := doc["paths"].(map[string]any); len(paths) < 15 {
		t.Errorf("openapi has %d paths", len(paths))
	}
	resp, body = c.Do("GET", "/metrics", nil)
	if !strings.Contains(body, `rekindle_http_requests_total{method="GET",route="GET /api/v1/openapi.json",code="200"} 1`) || !strings.Contains(body, "rekindle_http_request_duration_seconds_bucket") {
		t.Errorf("metrics:\n%s", body)
	}
}
