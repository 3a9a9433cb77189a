package api

import (
	"strings"
	"testing"
)

// TestOpenAPICoversRoutes: every route is in the document, every JSON body
// named has its schema, and the path parameters are declared.
func TestOpenAPICoversRoutes(t *testing.T) {
	a := New(Config{})
	doc := a.OpenAPI()
	paths := doc["paths"].(map[string]any)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	for _, rt := range a.Routes() {
		pi, ok := paths[rt.Path].(map[string]any)
		if !ok || pi[strings.ToLower(rt.Method)] == nil {
			t.Errorf("%s %s not in the OpenAPI document", rt.Method, rt.Path)
			continue
		}
		op := pi[strings.ToLower(rt.Method)].(map[string]any)
		if n := strings.Count(rt.Path, "{"); n > 0 {
			params, _ := op["parameters"].([]any)
			if len(params) < n {
				t.Errorf("%s %s: %d parameters declared, %d in the path", rt.Method, rt.Path, len(params), n)
			}
		}
		if (rt.Method == "POST" || rt.Method == "PUT") && op["requestBody"] == nil && !strings.HasSuffix(rt.Path, "/logout") &&
			!strings.HasSuffix(rt.Path, "/claim") && !strings.HasSuffix(rt.Path, "/retire") && !strings.HasSuffix(rt.Path, "/abandon") && !strings.HasSuffix(rt.Path, "/invites") && !strings.HasSuffix(rt.Path, "/plan/feed") && !strings.HasSuffix(rt.Path, "/notifications/read") && !strings.HasSuffix(rt.Path, "/strava/sync") && !strings.HasSuffix(rt.Path, "/retry") || rt.Path == "/api/v1/coach/invites" && op["requestBody"] == nil {
			t.Errorf("%s %s takes a body the document does not describe", rt.Method, rt.Path)
		}
	}
	for key, name := range bodies {
		if schemas[name] == nil {
			t.Errorf("%s: schema %s missing", key, name)
		}
	}
}
