package api

import (
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/coach"
	"rekindle/internal/openapi"
	"rekindle/internal/plan"
	"rekindle/internal/reward"
	"rekindle/internal/server"
	"rekindle/internal/spark"
	"rekindle/internal/store"
	"rekindle/internal/strava"
	"rekindle/internal/streets"
	"rekindle/internal/webpush"
)

var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

// bodies names the request body schema of routes that take JSON.
var bodies = map[string]string{
	"POST /api/v1/auth/signup":                               "Credentials",
	"POST /api/v1/auth/login":                                "Credentials",
	"POST /api/v1/auth/password":                             "PasswordChange",
	"POST /api/v1/tokens":                                    "TokenRequest",
	"PUT /api/v1/admin/signup":                               "SignupMode",
	"PUT /api/v1/me":                                         "ProfileUpdate",
	"DELETE /api/v1/me":                                      "PasswordConfirm",
	"POST /api/v1/recommendations/{rec}/decision":            "Decision",
	"POST /api/v1/activities/{id}/check-in":                  "CheckIn",
	"POST /api/v1/plan":                                      "PlanSession",
	"POST /api/v1/coaching/{athlete}/plan":                   "PlanSession",
	"PUT /api/v1/plan/{id}":                                  "PlanSession",
	"POST /api/v1/spark-checks":                              "SparkCheck",
	"POST /api/v1/gear":                                      "Gear",
	"POST /api/v1/rewards":                                   "Reward",
	"POST /api/v1/gratitude":                                 "GratitudeEntry",
	"POST /api/v1/privacy/zones":                             "PrivacyZone",
	"PUT /api/v1/activities/{id}/private":                    "Private",
	"PUT /api/v1/activities/{id}/count":                      "Count",
	"POST /api/v1/coach/invites":                             "CoachInvite",
	"POST /api/v1/coach/accept":                              "CoachAccept",
	"POST /api/v1/coach/requests":                            "CoachRequest",
	"POST /api/v1/coach/requests/{req}/replies":              "Reply",
	"POST /api/v1/coaching/{athlete}/requests/{req}/replies": "Reply",
	"PUT /api/v1/notifications/settings":                     "NotifySettings",
	"POST /api/v1/push/subscriptions":                        "PushSubscription",
	"DELETE /api/v1/push/subscriptions":                      "PushEndpoint",
	"POST /api/v1/strava/webhook":                            "StravaEvent",
}

// The bodies of handlers that decode into an anonymous struct or write a
// map: the same fields, named for the document. TestOpenAPIConformance
// checks real requests and responses against them.
type (
	passwordChangeBody struct {
		Current string `json:"current_password"`
		New     string `json:"new_password"`
	}
	nameBody struct {
		Name string `json:"name"`
	}
	modeBody struct {
		Mode string `json:"mode"`
	}
	passwordBody struct {
		Password string `json:"password"`
	}
	decisionBody struct {
		Decision string `json:"decision"`
	}
	tokenBody struct {
		Token string `json:"token"`
	}
	coachRequestBody struct {
		CoachID int64  `json:"coach_id,omitempty"`
		Message string `json:"message"`
	}
	gratitudeBody struct {
		Day  string `json:"day"`
		Text string `json:"text"`
	}

	// TokenList is GET /api/v1/tokens.
	TokenList struct {
		Items []athlete.TokenView `json:"items"`
	}
	// SignupModeView is the sign-up mode.
	SignupModeView struct {
		Mode string `json:"mode"`
	}
	// InviteCode is a new invite code.
	InviteCode struct {
		Invite string `json:"invite"`
	}
	// Me is GET /api/v1/me.
	Me struct {
		AthleteID int64           `json:"athlete_id"`
		Admin     bool            `json:"admin"`
		Profile   athlete.Profile `json:"profile"`
	}
	// MeUpdated is PUT /api/v1/me.
	MeUpdated struct {
		AthleteID int64           `json:"athlete_id"`
		Profile   athlete.Profile `json:"profile"`
	}
	// DecisionView is a recorded decision on a recommendation.
	DecisionView struct {
		ID       int64             `json:"id"`
		RecID    string            `json:"recommendation_id"`
		Strategy rekindle.Strategy `json:"strategy"`
		State    spark.State       `json:"state"`
		At       time.Time         `json:"at"`
		Planned  []plan.Session    `json:"planned"`
	}
	// CheckInView is a recorded check-in.
	CheckInView struct {
		ActivityID int64     `json:"activity_id"`
		At         time.Time `json:"at"`
		Enjoyment  int       `json:"enjoyment"`
		RPE        float64   `json:"rpe,omitempty"` // absent when not given
		Note       string    `json:"note"`
		Companions *int      `json:"companions,omitempty"` // absent when not said
		Surface    string    `json:"surface"`
	}
	// RouteGroupList is GET /api/v1/routes.
	RouteGroupList struct {
		Items     []athlete.RouteGroup `json:"items"`
		Available bool                 `json:"available"`
	}
	// CalendarImported is POST /api/v1/calendars.
	CalendarImported struct {
		Feed    *store.CalendarFeed `json:"feed"`
		Skipped int                 `json:"skipped"`
	}
	// CoachInviteView is a new coach invite.
	CoachInviteView struct {
		Token   string        `json:"token"`
		Scopes  []coach.Scope `json:"scopes"`
		Expires time.Time     `json:"expires"`
	}
	// RewardCreated is POST /api/v1/rewards.
	RewardCreated struct {
		ID   int64       `json:"id"`
		Text string      `json:"text"`
		Kind reward.Kind `json:"kind"`
	}
)

// out is the type of the first result of function f (a method value).
func out(f any) reflect.Type { return reflect.TypeOf(f).Out(0) }

// reply is a route's success response: its status and the Go type of its
// JSON body (nil: no body).
type reply struct {
	status int
	body   reflect.Type
}

func (a *API) replies() map[string]reply {
	ok := func(typ reflect.Type) reply { return reply{http.StatusOK, typ} }
	created := func(typ reflect.Type) reply { return reply{http.StatusCreated, typ} }
	none := reply{status: http.StatusNoContent}
	return map[string]reply{
		"POST /api/v1/auth/signup":                               created(reflect.TypeFor[AccountView]()),
		"POST /api/v1/auth/login":                                ok(reflect.TypeFor[AccountView]()),
		"POST /api/v1/auth/logout":                               none,
		"POST /api/v1/auth/password":                             none,
		"GET /api/v1/tokens":                                     ok(reflect.TypeFor[TokenList]()),
		"POST /api/v1/tokens":                                    created(reflect.TypeFor[athlete.TokenView]()),
		"DELETE /api/v1/tokens/{id}":                             none,
		"GET /api/v1/admin/signup":                               ok(reflect.TypeFor[SignupModeView]()),
		"PUT /api/v1/admin/signup":                               ok(reflect.TypeFor[SignupModeView]()),
		"POST /api/v1/admin/invites":                             created(reflect.TypeFor[InviteCode]()),
		"GET /api/v1/admin/jobs":                                 ok(reflect.TypeFor[JobList]()),
		"POST /api/v1/admin/jobs/{id}/retry":                     ok(reflect.TypeFor[athlete.JobView]()),
		"GET /api/v1/me":                                         ok(reflect.TypeFor[Me]()),
		"PUT /api/v1/me":                                         ok(reflect.TypeFor[MeUpdated]()),
		"DELETE /api/v1/me":                                      none,
		"GET /api/v1/home":                                       ok(out(a.Home)),
		"POST /api/v1/recommendations/{rec}/decision":            created(reflect.TypeFor[DecisionView]()),
		"POST /api/v1/experiments/{id}/abandon":                  ok(reflect.TypeFor[athlete.AbandonResult]()),
		"GET /api/v1/activities":                                 ok(out(a.Activities)),
		"GET /api/v1/activities/{id}":                            ok(out(a.Activity)),
		"DELETE /api/v1/activities/{id}":                         none,
		"POST /api/v1/activities/{id}/check-in":                  created(reflect.TypeFor[CheckInView]()),
		"GET /api/v1/training":                                   ok(out(a.Training)),
		"GET /api/v1/routes":                                     ok(reflect.TypeFor[RouteGroupList]()),
		"GET /api/v1/routes/suggestions":                         ok(out(a.SuggestRoutes)),
		"GET /api/v1/races":                                      ok(out(a.Races)),
		"POST /api/v1/calendars":                                 created(reflect.TypeFor[CalendarImported]()),
		"DELETE /api/v1/calendars/{id}":                          none,
		"GET /api/v1/gear":                                       ok(out(a.Gear)),
		"POST /api/v1/gear":                                      created(out(a.AddGear)),
		"POST /api/v1/gear/{id}/retire":                          none,
		"POST /api/v1/rewards":                                   created(reflect.TypeFor[RewardCreated]()),
		"POST /api/v1/rewards/{id}/claim":                        none,
		"DELETE /api/v1/rewards/{id}":                            none,
		"GET /api/v1/gratitude":                                  ok(out(a.Gratitude)),
		"POST /api/v1/gratitude":                                 created(out(a.AddGratitude)),
		"DELETE /api/v1/gratitude/{id}":                          none,
		"GET /api/v1/privacy":                                    ok(out(a.Privacy)),
		"POST /api/v1/privacy/zones":                             created(out(a.AddZone)),
		"DELETE /api/v1/privacy/zones/{id}":                      none,
		"PUT /api/v1/activities/{id}/private":                    none,
		"PUT /api/v1/activities/{id}/count":                      none,
		"GET /api/v1/coach":                                      ok(out(a.Coaching)),
		"POST /api/v1/coach/invites":                             created(reflect.TypeFor[CoachInviteView]()),
		"POST /api/v1/coach/accept":                              created(out(a.AcceptCoachInvite)),
		"DELETE /api/v1/coach/coaches/{coach}":                   none,
		"POST /api/v1/coach/requests":                            created(out(a.CoachRequest)),
		"POST /api/v1/coach/requests/{req}/replies":              none,
		"GET /api/v1/coaching/{athlete}":                         ok(out(a.Coached)),
		"GET /api/v1/coaching/{athlete}/activities/{id}":         ok(out(a.Activity)),
		"GET /api/v1/coaching/{athlete}/plan":                    ok(out(a.Plan)),
		"POST /api/v1/coaching/{athlete}/plan":                   created(out(a.AddPlanned)),
		"DELETE /api/v1/coaching/{athlete}/plan/{id}":            none,
		"POST /api/v1/coaching/{athlete}/requests/{req}/replies": none,
		"GET /api/v1/plan":                                       ok(out(a.Plan)),
		"POST /api/v1/plan":                                      created(out(a.AddPlanned)),
		"DELETE /api/v1/plan/{id}":                               none,
		"PUT /api/v1/plan/{id}":                                  ok(out(a.EditPlanned)),
		"GET /api/v1/plan/{id}/workout":                          ok(out(a.SessionWorkout)),
		"GET /api/v1/plan/feed":                                  ok(reflect.TypeFor[PlanFeedView]()),
		"POST /api/v1/plan/feed":                                 created(reflect.TypeFor[PlanFeedView]()),
		"DELETE /api/v1/plan/feed":                               none,
		"GET /api/v1/notifications":                              ok(out(a.Notifications)),
		"POST /api/v1/notifications/read":                        none,
		"GET /api/v1/notifications/settings":                     ok(out(a.NotifySettings)),
		"PUT /api/v1/notifications/settings":                     ok(out(a.SaveNotifySettings)),
		"GET /api/v1/push/key":                                   ok(out(a.PushPublicKey)),
		"POST /api/v1/push/subscriptions":                        none,
		"DELETE /api/v1/push/subscriptions":                      none,
		"GET /api/v1/spark-checks":                               ok(out(a.SparkChecks)),
		"GET /api/v1/strava":                                     ok(out(a.Strava)),
		"GET /api/v1/strava/connect":                             ok(reflect.TypeFor[StravaConnectView]()),
		"POST /api/v1/strava/sync":                               {status: http.StatusAccepted},
		"DELETE /api/v1/strava":                                  none,
		"GET /api/v1/strava/webhook":                             ok(reflect.TypeFor[StravaChallengeView]()),
		"POST /api/v1/strava/webhook":                            {status: http.StatusOK},
		"POST /api/v1/spark-checks":                              created(out(a.SaveSparkCheck)),
	}
}

// requestBodies defines the request body components: the Go type the
// handler decodes into (strictly: unknown fields are refused), the fields
// it requires and the values it accepts.
func requestBodies(g *openapi.Generator) {
	enum := func(v ...string) openapi.Schema { return openapi.Schema{"enum": v} }
	date := openapi.Schema{"format": "date"}
	g.Body("Credentials", reflect.TypeFor[credentials](), []string{"email", "password"}, nil)
	g.Body("PasswordChange", reflect.TypeFor[passwordChangeBody](), []string{"current_password", "new_password"}, nil)
	g.Body("PasswordConfirm", reflect.TypeFor[passwordBody](), []string{"password"}, nil)
	g.Body("TokenRequest", reflect.TypeFor[nameBody](), nil, nil)
	g.Body("SignupMode", reflect.TypeFor[modeBody](), []string{"mode"}, map[string]openapi.Schema{"mode": enum("open", "invite")})
	g.Body("Decision", reflect.TypeFor[decisionBody](), []string{"decision"}, map[string]openapi.Schema{"decision": enum("accept", "dismiss", "snooze")})
	g.Body("CheckIn", reflect.TypeFor[athlete.CheckInForm](), []string{"enjoyment"}, map[string]openapi.Schema{
		"enjoyment": {"minimum": 1, "maximum": 5}, "rpe": {"minimum": 0, "maximum": 10},
		"surface": enum("", "road", "trail", "track", "treadmill", "mixed")})
	g.Body("ProfileUpdate", reflect.TypeFor[athlete.Profile](), nil, map[string]openapi.Schema{"unit": enum("", "km", "mi")})
	g.Body("NotifySettings", reflect.TypeFor[athlete.NotifySettingsForm](), nil, nil)
	g.Body("PushSubscription", reflect.TypeFor[webpush.Subscription](), []string{"endpoint", "keys"}, nil)
	g.Body("PushEndpoint", reflect.TypeFor[pushEndpointBody](), []string{"endpoint"}, nil)
	g.Body("PlanSession", reflect.TypeFor[athlete.PlanForm](), []string{"day", "kind"}, map[string]openapi.Schema{
		"day": date, "kind": enum("easy", "long", "quality", "rest", "race", "cross", "step")})
	g.Body("SparkCheck", reflect.TypeFor[athlete.SparkCheckForm](), []string{"answers"}, map[string]openapi.Schema{
		"answers": {"description": "question id (from GET /api/v1/spark-checks) → 1–5"}})
	g.Body("Gear", reflect.TypeFor[athlete.GearForm](), []string{"name"}, map[string]openapi.Schema{"kind": enum("", "shoes", "bike")})
	g.Body("Reward", reflect.TypeFor[athlete.RewardForm](), []string{"text"}, nil)
	g.Body("GratitudeEntry", reflect.TypeFor[gratitudeBody](), []string{"text"}, map[string]openapi.Schema{"day": {"description": "YYYY-MM-DD, default today"}})
	g.Body("CoachInvite", reflect.TypeFor[athlete.InviteForm](), nil, map[string]openapi.Schema{"scopes": {"items": openapi.Schema{"enum": []string{"read", "comment", "edit_plan"}}}})
	g.Body("CoachAccept", reflect.TypeFor[tokenBody](), []string{"token"}, nil)
	g.Body("CoachRequest", reflect.TypeFor[coachRequestBody](), []string{"message"}, nil)
	g.Body("Reply", reflect.TypeFor[replyBody](), []string{"text"}, nil)
	g.Body("PrivacyZone", reflect.TypeFor[athlete.ZoneForm](), []string{"name", "lat", "lon", "radius_m"}, map[string]openapi.Schema{
		"radius_m": {"minimum": 200, "maximum": 1000}, "lat": {"minimum": -90, "maximum": 90}, "lon": {"minimum": -180, "maximum": 180}})
	g.Body("Private", reflect.TypeFor[privateBody](), []string{"private"}, nil)
	g.Body("Count", reflect.TypeFor[countBody](), []string{"count"}, nil)
	// Strava's event, as its webhook documentation describes it; fields it
	// may add later are accepted.
	ev := g.Body("StravaEvent", reflect.TypeFor[strava.Event](), []string{"object_type", "object_id", "aspect_type", "owner_id", "subscription_id", "event_time"},
		map[string]openapi.Schema{"object_type": enum("activity", "athlete"), "aspect_type": enum("create", "update", "delete")})
	ev["additionalProperties"] = true
}

// OpenAPI returns the OpenAPI 3.1 document of the API. Request and
// response schemas are derived from the Go types the handlers decode and
// write (package openapi).
func (a *API) OpenAPI() map[string]any {
	g := openapi.NewGenerator()
	requestBodies(g)
	g.Components["Error"] = openapi.Schema{"type": "object", "additionalProperties": false, "required": []string{"error"},
		"properties": openapi.Schema{"error": openapi.Schema{"type": "object", "additionalProperties": false, "required": []string{"code", "message"},
			"properties": openapi.Schema{
				"code":    openapi.Schema{"type": "string", "enum": []string{"invalid", "not_found", "conflict", "unauthorized", "forbidden", "too_large", "unsupported", "rate_limited", "internal", "unavailable", "not_activity", "corrupt", "cancelled"}},
				"message": openapi.Schema{"type": "string"},
				// A refused route suggestion (GET /api/v1/routes/suggestions) says why in fields too.
				"refusal": g.Annotate(reflect.TypeFor[streets.RefusalView](), map[string]openapi.Schema{
					"kind":            {"enum": []string{streets.SuggestLoop, streets.SuggestThereAndBack, streets.SuggestPointToPoint}},
					"reason":          {"enum": []string{streets.ReasonNoRoute, streets.ReasonMapEnds, streets.ReasonPlaceTooFar, streets.ReasonNoPlaceWithin, streets.ReasonNoPlace}},
					"best_distance_m": {"description": "a length (metres) the same request gives from this start, checked by a search; absent when none was checked"},
					"sentence":        {"description": "the refusal as the CLI and the Routes page say it, in the athlete's unit"},
				}),
			}}}}
	g.Named(reflect.TypeFor[athlete.ImportEvent]())
	g.Annotate(reflect.TypeFor[athlete.ActivityRow](), map[string]openapi.Schema{
		"sport_source": {"enum": []string{rekindle.SportFromFile, rekindle.SportInferredSpeed, rekindle.SportInferredName, rekindle.SportByUser},
			"description": "how sport was decided: file (the file named it), inferred:speed or inferred:name (the file did not say; " +
				"rekindle inferred it from the data or the name), user (the runner set it; import and reprocess never change it)"},
		"race_override": {"description": "the runner's own mark: true (a race), false (not a race, whatever it looks like), " +
			"null when not marked (rekindle recognises races by distance, effort, day and name)"},
		"set_aside": {"description": "true when the analyses leave it out: it overlaps in time the activity set_aside_for, kept as the real one " +
			"(a recorded track over a summary, heart rate over none, a longer record over a shorter; a run without heart rate inside the runner's own ride with it), " +
			"or it is a run no runner did (not_run), or the runner set it aside; still stored and listed"},
		"not_run": {"description": "why a run set aside by the rule is no run (faster over its elapsed time than the world record for its distance by 15 %): " +
			"a ride, a drive or a time recorded wrong; fix its sport or count it with PUT /api/v1/activities/{id}/count; absent otherwise"},
		"time_unknown": {"description": "why a counted run's time is not its own (faster than the world record for its distance in a source whose clock is wrong): " +
			"its distance counts, its pace, splits and best efforts are read by no analysis; avg_speed_ms is then no pace. Absent otherwise"},
		"count_override": {"description": "the runner's own word: true (it counts, whatever overlaps it), false (set aside), null (the overlap rule decides); " +
			"set with PUT /api/v1/activities/{id}/count"},
	})
	str := map[string]any{"type": "string"}
	integer := map[string]any{"type": "integer"}
	replies := a.replies()
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
		case "GET /api/v1/admin/jobs":
			for _, q := range []string{"state", "kind"} {
				params = append(params, map[string]any{"name": q, "in": "query", "schema": str})
			}
			params = append(params, map[string]any{"name": "limit", "in": "query", "schema": integer})
		case "GET /api/v1/gratitude/poster":
			params = append(params, map[string]any{"name": "format", "in": "query", "schema": map[string]any{"type": "string", "enum": []string{"svg", "html"}}})
		case "GET /api/v1/home", "GET /api/v1/training", "GET /api/v1/races", "GET /api/v1/gratitude":
			params = append(params, map[string]any{"name": "as_of", "in": "query", "schema": map[string]any{"type": "string", "format": "date"}})
		}
		if params != nil {
			op["parameters"] = params
		}
		if b, ok := bodies[key]; ok {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": openapi.Ref(b)}}}
		}
		if key == "POST /api/v1/calendars" {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"multipart/form-data": map[string]any{"schema": map[string]any{
				"type": "object", "required": []string{"file", "kind"}, "properties": map[string]any{
					"file": map[string]any{"type": "string", "contentMediaType": "text/calendar"}, "kind": map[string]any{"type": "string", "enum": []string{"race", "classes"}},
					"name": str}}}}}
		}
		if key == "POST /api/v1/uploads" {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"multipart/form-data": map[string]any{"schema": map[string]any{
				"type": "object", "properties": map[string]any{
					"files": map[string]any{"type": "array", "items": map[string]any{"type": "string", "contentMediaType": "application/octet-stream"}}}}}}}
		}
		status, success := "200", map[string]any{"description": "success"}
		if rp, has := replies[key]; has {
			status = strconv.Itoa(rp.status)
			if rp.body != nil {
				success["content"] = map[string]any{"application/json": map[string]any{"schema": g.Named(rp.body)}}
			} else {
				success["description"] = "done (no body)"
			}
		} else {
			switch key {
			case "POST /api/v1/uploads":
				// One ImportEvent per line (NDJSON). OpenAPI 3.1 cannot give a
				// per-line schema (itemSchema is 3.2): the schema is the events'
				// and the body a string.
				success["description"] = "a stream of ImportEvent objects (components/schemas/ImportEvent), one JSON object per line: " +
					"received per file, progress (bytes, total_bytes), then imported, replaced (an earlier copy of the same session, from another file with less data, kept as a duplicate), partial, duplicate or failed per file, done at the end"
				success["content"] = map[string]any{"application/x-ndjson": map[string]any{"schema": map[string]any{"type": "string"}}}
			case "GET /api/v1/me/export":
				success["content"] = map[string]any{"application/zip": map[string]any{"schema": map[string]any{"type": "string", "contentMediaType": "application/zip"}}}
			case "GET /api/v1/routes/suggestions/{file}", "GET /api/v1/plan/{id}/{file}", "GET /api/v1/coaching/{athlete}/plan/{id}/{file}":
				success["content"] = map[string]any{"application/gpx+xml": map[string]any{"schema": str}, "application/vnd.ant.fit": map[string]any{"schema": map[string]any{"type": "string", "contentMediaType": "application/vnd.ant.fit"}}}
			case "GET /api/v1/plan.ics", "GET /api/v1/calendar/{athlete}/{file}":
				success["content"] = map[string]any{"text/calendar": map[string]any{"schema": map[string]any{"type": "string", "contentMediaType": "text/calendar"}}}
			case "GET /api/v1/plan/{id}/workout.fit":
				success["content"] = map[string]any{"application/vnd.ant.fit": map[string]any{"schema": map[string]any{"type": "string", "contentMediaType": "application/vnd.ant.fit"}}}
			case "GET /api/v1/admin/jobs":
				for _, q := range []string{"state", "kind"} {
					params = append(params, map[string]any{"name": q, "in": "query", "schema": str})
				}
				params = append(params, map[string]any{"name": "limit", "in": "query", "schema": integer})
			case "GET /api/v1/gratitude/poster":
				success["content"] = map[string]any{"image/svg+xml": map[string]any{"schema": str}, "text/html": map[string]any{"schema": str}}
			default:
				panic("openapi: no response documented for " + key)
			}
		}
		errRef := map[string]any{"description": "error", "content": map[string]any{"application/json": map[string]any{"schema": openapi.Ref("Error")}}}
		op["responses"] = map[string]any{status: success, "4XX": errRef, "5XX": errRef}
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
	schemas := map[string]any{}
	for k, v := range g.Components {
		schemas[k] = v
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
