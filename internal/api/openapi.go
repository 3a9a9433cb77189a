package api

import (
	"net/http"
	"regexp"
	"strings"

	"rekindle/internal/server"
)

var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

// bodies names the request body schema of routes that take JSON.
var bodies = map[string]string{
	"POST /api/v1/auth/signup":                               "Credentials",
	"POST /api/v1/auth/login":                                "Credentials",
	"POST /api/v1/auth/password":                             "PasswordChange",
	"POST /api/v1/tokens":                                    "TokenRequest",
	"PUT /api/v1/admin/signup":                               "SignupMode",
	"PUT /api/v1/me":                                         "Profile",
	"DELETE /api/v1/me":                                      "PasswordConfirm",
	"POST /api/v1/recommendations/{rec}/decision":            "Decision",
	"POST /api/v1/activities/{id}/check-in":                  "CheckIn",
	"POST /api/v1/plan":                                      "PlanSession",
	"POST /api/v1/coaching/{athlete}/plan":                   "PlanSession",
	"POST /api/v1/spark-checks":                              "SparkCheck",
	"POST /api/v1/gear":                                      "Gear",
	"POST /api/v1/rewards":                                   "Reward",
	"POST /api/v1/gratitude":                                 "GratitudeEntry",
	"POST /api/v1/coach/invites":                             "CoachInvite",
	"POST /api/v1/coach/accept":                              "CoachAccept",
	"POST /api/v1/coach/requests":                            "CoachRequest",
	"POST /api/v1/coach/requests/{req}/replies":              "Reply",
	"POST /api/v1/coaching/{athlete}/requests/{req}/replies": "Reply",
}

// OpenAPI returns the OpenAPI 3.1 document of the API.
func (a *API) OpenAPI() map[string]any {
	obj := func(props map[string]any, required ...string) map[string]any {
		m := map[string]any{"type": "object", "properties": props}
		if len(required) > 0 {
			m["required"] = required
		}
		return m
	}
	str := map[string]any{"type": "string"}
	num := map[string]any{"type": "number"}
	integer := map[string]any{"type": "integer"}
	schemas := map[string]any{
		"Error": obj(map[string]any{"error": obj(map[string]any{
			"code":    map[string]any{"type": "string", "enum": []string{"invalid", "not_found", "conflict", "unauthorized", "forbidden", "too_large", "unsupported", "rate_limited", "internal", "unavailable", "not_activity", "corrupt"}},
			"message": str,
		}, "code", "message")}, "error"),
		"Credentials":     obj(map[string]any{"email": str, "password": str, "name": str, "invite": str}, "email", "password"),
		"PasswordChange":  obj(map[string]any{"current_password": str, "new_password": str}, "current_password", "new_password"),
		"PasswordConfirm": obj(map[string]any{"password": str}, "password"),
		"TokenRequest":    obj(map[string]any{"name": str}),
		"SignupMode":      obj(map[string]any{"mode": map[string]any{"type": "string", "enum": []string{"open", "invite"}}}, "mode"),
		"Decision":        obj(map[string]any{"decision": map[string]any{"type": "string", "enum": []string{"accept", "dismiss", "snooze"}}}, "decision"),
		"CheckIn": obj(map[string]any{"enjoyment": map[string]any{"type": "integer", "minimum": 1, "maximum": 5},
			"rpe": map[string]any{"type": "number", "minimum": 0, "maximum": 10}, "note": str, "companions": integer,
			"surface": map[string]any{"type": "string", "enum": []string{"road", "trail", "track", "treadmill", "mixed"}}}, "enjoyment"),
		"Profile": obj(map[string]any{"name": str, "email": str, "sex": str, "birth_year": integer, "resting_hr": num, "max_hr": num,
			"threshold_pace_ms": num, "time_zone": str, "unit": map[string]any{"type": "string", "enum": []string{"km", "mi"}}, "home_lat": num, "home_lon": num}),
		"ActivityRow": obj(map[string]any{"id": integer, "start": map[string]any{"type": "string", "format": "date-time"}, "sport": str, "name": str,
			"distance_m": num, "moving_s": num, "elapsed_s": num, "ascent_m": num, "avg_hr": num, "avg_speed_ms": num, "source": str}),
		"ActivityPage": obj(map[string]any{"items": map[string]any{"type": "array", "items": map[string]any{"$ref": "#/components/schemas/ActivityRow"}},
			"page": integer, "per_page": integer, "total": integer, "next_page": integer}, "items", "page", "per_page", "total"),
		"PlanSession": obj(map[string]any{"day": map[string]any{"type": "string", "format": "date"},
			"kind":  map[string]any{"type": "string", "enum": []string{"easy", "long", "quality", "rest", "race", "cross"}},
			"sport": str, "distance_m": num, "duration_s": num, "note": str}, "day", "kind"),
		"SparkCheck": obj(map[string]any{"answers": map[string]any{"type": "object", "description": "question id (from GET /api/v1/spark-checks) → 1–5",
			"additionalProperties": map[string]any{"type": "integer", "minimum": 1, "maximum": 5}}, "note": str}, "answers"),
		"Gear": obj(map[string]any{"kind": map[string]any{"type": "string", "enum": []string{"shoes", "bike"}}, "name": str, "brand": str,
			"retire_at_m": num, "start_m": num, "default": map[string]any{"type": "boolean"}}, "name"),
		"Reward":         obj(map[string]any{"text": str, "runs": integer, "distance_m": num, "days": integer, "shoe_id": integer}, "text"),
		"GratitudeEntry": obj(map[string]any{"text": str, "day": map[string]any{"type": "string", "format": "date"}}, "text"),
		"CoachInvite": obj(map[string]any{"scopes": map[string]any{"type": "array", "items": map[string]any{"type": "string", "enum": []string{"read", "comment", "edit_plan"}}},
			"note": str, "days": integer}),
		"CoachAccept":  obj(map[string]any{"token": str}, "token"),
		"CoachRequest": obj(map[string]any{"message": str, "coach_id": integer}, "message"),
		"Reply":        obj(map[string]any{"text": str}, "text"),
		"ImportEvent": obj(map[string]any{"file": str, "status": map[string]any{"type": "string", "enum": []string{"started", "imported", "duplicate", "skipped", "failed", "done"}},
			"activities": map[string]any{"type": "array", "items": integer}, "message": str, "done": integer, "total": integer}, "status"),
	}
	responses := map[string]string{
		"GET /api/v1/activities": "ActivityPage",
	}
	paths := map[string]any{}
	for _, rt := range a.Routes() {
		op := map[string]any{"summary": rt.Summary, "operationId": opID(rt.Method, rt.Path)}
		var params []any
		for _, m := range pathParam.FindAllStringSubmatch(rt.Path, -1) {
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": str})
		}
		key := rt.Method + " " + rt.Path
		switch key {
		case "GET /api/v1/activities":
			for _, q := range []string{"sport", "from", "to", "q", "route", "page", "per_page"} {
				params = append(params, map[string]any{"name": q, "in": "query", "schema": str})
			}
		case "GET /api/v1/routes/suggestions", "GET /api/v1/routes/suggestions/{file}":
			for _, q := range []string{"distance_m", "distance", "surface", "to", "count"} {
				params = append(params, map[string]any{"name": q, "in": "query", "schema": str})
			}
		case "GET /api/v1/plan", "GET /api/v1/coaching/{athlete}/plan":
			params = append(params, map[string]any{"name": "as_of", "in": "query", "schema": map[string]any{"type": "string", "format": "date"}},
				map[string]any{"name": "days", "in": "query", "schema": integer})
		case "GET /api/v1/gratitude/poster":
			params = append(params, map[string]any{"name": "format", "in": "query", "schema": map[string]any{"type": "string", "enum": []string{"svg", "html"}}})
		case "GET /api/v1/home", "GET /api/v1/training", "GET /api/v1/races", "GET /api/v1/gratitude":
			params = append(params, map[string]any{"name": "as_of", "in": "query", "schema": map[string]any{"type": "string", "format": "date"}})
		}
		if params != nil {
			op["parameters"] = params
		}
		if b, ok := bodies[key]; ok {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/" + b}}}}
		}
		if key == "POST /api/v1/calendars" {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"multipart/form-data": map[string]any{"schema": obj(map[string]any{
				"file": map[string]any{"type": "string", "contentMediaType": "text/calendar"}, "kind": map[string]any{"type": "string", "enum": []string{"race", "classes"}},
				"name": str}, "file", "kind")}}}
		}
		if key == "POST /api/v1/uploads" {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"multipart/form-data": map[string]any{"schema": obj(map[string]any{
				"files": map[string]any{"type": "array", "items": map[string]any{"type": "string", "contentMediaType": "application/octet-stream"}}})}}}
		}
		ok := map[string]any{"description": "success"}
		if s, has := responses[key]; has {
			ok["content"] = map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/" + s}}}
		} else if key == "POST /api/v1/uploads" {
			ok["content"] = map[string]any{"application/x-ndjson": map[string]any{"itemSchema": map[string]any{"$ref": "#/components/schemas/ImportEvent"}}}
		} else if key == "GET /api/v1/me/export" {
			ok["content"] = map[string]any{"application/zip": map[string]any{}}
		} else if key == "GET /api/v1/routes/suggestions/{file}" {
			ok["content"] = map[string]any{"application/gpx+xml": map[string]any{}, "application/vnd.ant.fit": map[string]any{}}
		} else if key == "GET /api/v1/gratitude/poster" {
			ok["content"] = map[string]any{"image/svg+xml": map[string]any{}, "text/html": map[string]any{}}
		} else {
			ok["content"] = map[string]any{"application/json": map[string]any{"schema": map[string]any{"type": "object"}}}
		}
		errRef := map[string]any{"description": "error", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
		op["responses"] = map[string]any{"2XX": ok, "4XX": errRef, "5XX": errRef}
		if rt.Auth == "anonymous" {
			op["security"] = []any{}
		}
		if rt.Auth == "admin" {
			op["description"] = "Admin only."
		}
		pi, _ := paths[rt.Path].(map[string]any)
		if pi == nil {
			pi = map[string]any{}
			paths[rt.Path] = pi
		}
		pi[strings.ToLower(rt.Method)] = op
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "rekindle API", "version": "1",
			"description": "The JSON API of rekindle, a self-hosted running log and coach. Authenticate with the session cookie " +
				"(plus the X-CSRF-Token header on writes) or with an API token: Authorization: Bearer rk_…. Lists are paginated " +
				"with page and per_page; next_page is absent on the last page. Errors are {\"error\":{\"code\",\"message\"}}."},
		"servers": []any{map[string]any{"url": "/"}},
		"paths":   paths,
		"components": map[string]any{
			"schemas": schemas,
			"securitySchemes": map[string]any{
				"token":   map[string]any{"type": "http", "scheme": "bearer", "description": "API token rk_<athlete>_<secret>"},
				"session": map[string]any{"type": "apiKey", "in": "cookie", "name": server.SessionCookie},
			},
		},
		"security": []any{map[string]any{"token": []any{}}, map[string]any{"session": []any{}}},
	}
}

func opID(method, path string) string {
	p := strings.TrimPrefix(path, "/api/v1/")
	p = pathParam.ReplaceAllString(p, "by_$1")
	p = strings.NewReplacer("/", "_", "-", "_").Replace(p)
	return strings.ToLower(method) + "_" + p
}

func (a *API) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=300")
	server.WriteJSON(w, http.StatusOK, a.OpenAPI())
}
