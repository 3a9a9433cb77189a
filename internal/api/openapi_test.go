package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	vErrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi-validator/schema_validation"

	"rekindle"
	"rekindle/internal/api"
	"rekindle/internal/athlete"
	"rekindle/internal/cli"
	"rekindle/internal/demo"
	"rekindle/internal/jobs"
	"rekindle/internal/plan"
	"rekindle/internal/server"
	"rekindle/internal/store"
	"rekindle/internal/strava"
	"rekindle/internal/testkit/testserver"
)

// openAPIDoc builds the document and a validator for it, failing when the
// document is not valid OpenAPI 3.1 (libopenapi-validator checks it against
// the OpenAPI 3.1 JSON Schema).
func openAPIDoc(t *testing.T) (libopenapi.Document, validator.Validator, []byte) {
	t.Helper()
	raw, err := json.Marshal(api.New(api.Config{}).OpenAPI())
	if err != nil {
		t.Fatal(err)
	}
	doc, err := libopenapi.NewDocument(raw)
	if err != nil {
		t.Fatalf("libopenapi: %v", err)
	}
	if v := doc.GetSpecInfo().VersionNumeric; v != 3.1 {
		t.Fatalf("document version %v, want 3.1", v)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatalf("validator: %v", errs)
	}
	if ok, verrs := v.ValidateDocument(); !ok {
		t.Fatalf("the OpenAPI document is not valid 3.1:\n%s", describe(verrs))
	}
	return doc, v, raw
}

func describe(errs []*vErrors.ValidationError) string {
	var b strings.Builder
	for i, e := range errs {
		if i == 12 {
			fmt.Fprintf(&b, "  … %d more\n", len(errs)-i)
			break
		}
		fmt.Fprintf(&b, "  %s: %s\n", e.Message, e.Reason)
		for j, f := range e.SchemaValidationErrors {
			if j == 6 {
				break
			}
			fmt.Fprintf(&b, "    %s at %s (%s)\n", f.Reason, f.KeywordLocation, f.InstancePath)
		}
	}
	return b.String()
}

// TestOpenAPIDocument: the document is valid 3.1, every JSON request and
// response body has a generated schema (no bare {"type":"object"}), and the
// validator refuses a response that drifts from it.
func TestOpenAPIDocument(t *testing.T) {
	_, v, raw := openAPIDoc(t)
	var doc struct {
		Paths map[string]map[string]struct {
			RequestBody *struct {
				Content map[string]map[string]any `json:"content"`
			} `json:"requestBody"`
			Responses map[string]struct {
				Content map[string]map[string]any `json:"content"`
			} `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(`"itemSchema"`)) {
		t.Error("the document uses itemSchema (OpenAPI 3.2)")
	}
	jsonBodies := 0
	for path, ops := range doc.Paths {
		for method, op := range ops {
			check := func(what string, content map[string]map[string]any) {
				for media, mt := range content {
					s, _ := mt["schema"].(map[string]any)
					if s == nil {
						t.Errorf("%s %s %s %s: no schema", method, path, what, media)
						continue
					}
					if media == "application/json" {
						jsonBodies++
						if _, ref := s["$ref"]; !ref {
							t.Errorf("%s %s %s: schema %v is not a generated component", method, path, what, s)
						}
					}
				}
			}
			if op.RequestBody != nil {
				check("request", op.RequestBody.Content)
			}
			for status, r := range op.Responses {
				check("response "+status, r.Content)
			}
		}
	}
	t.Logf("%d JSON bodies, all with generated schemas", jsonBodies)

	// Drift is caught: an unknown key, a wrong type, a missing field.
	req := httptest.NewRequest("GET", "/api/v1/me", nil)
	for name, body := range map[string]string{
		"unknown key":   `{"athlete_id":1,"admin":true,"profile":{"name":"","email":"","sex":"","birth_year":0,"resting_hr":0,"max_hr":0,"threshold_pace_ms":0,"time_zone":"","unit":"km","locale":"","home_lat":0,"home_lon":0},"extra":1}`,
		"wrong type":    `{"athlete_id":"1","admin":true,"profile":{"name":"","email":"","sex":"","birth_year":0,"resting_hr":0,"max_hr":0,"threshold_pace_ms":0,"time_zone":"","unit":"km","locale":"","home_lat":0,"home_lon":0}}`,
		"missing field": `{"athlete_id":1,"admin":true}`,
	} {
		if ok, _ := v.ValidateHttpResponse(req, jsonResponse(200, []byte(body))); ok {
			t.Errorf("%s: a drifted GET /api/v1/me response validates", name)
		}
	}
	good := `{"athlete_id":1,"admin":true,"profile":{"name":"","email":"","sex":"","birth_year":0,"resting_hr":0,"max_hr":0,"threshold_pace_ms":0,"time_zone":"","unit":"km","locale":"","home_lat":0,"home_lon":0}}`
	if ok, errs := v.ValidateHttpResponse(req, jsonResponse(200, []byte(good))); !ok {
		t.Errorf("a correct GET /api/v1/me response fails:\n%s", describe(errs))
	}
}

// TestOpenAPIActivitySource: the document describes sport_source (its
// four keys) and race_override (true, false or null), and the validator
// holds a response to them.
func TestOpenAPIActivitySource(t *testing.T) {
	_, v, raw := openAPIDoc(t)
	for _, want := range []string{`"inferred:speed"`, `the runner's own mark`} {
		if !bytes.Contains(raw, []byte(want)) {
			t.Errorf("the document does not say %s", want)
		}
	}
	yes := true
	row := athlete.RowOf(&rekindle.Activity{ID: 7, Start: time.Date(2024, 5, 1, 7, 0, 0, 0, time.UTC), Sport: rekindle.SportRunning,
		SportSource: rekindle.SportInferredName, RaceOverride: &yes}, time.UTC)
	if row.SportSource != "inferred:name" || row.RaceOverride == nil || !*row.RaceOverride {
		t.Fatalf("RowOf: sport_source %q, race_override %v", row.SportSource, row.RaceOverride)
	}
	unset := athlete.RowOf(&rekindle.Activity{ID: 8, Sport: rekindle.SportRunning}, time.UTC)
	if unset.SportSource != rekindle.SportFromFile || unset.RaceOverride != nil {
		t.Fatalf("RowOf of an old record: sport_source %q, race_override %v; want file, nil", unset.SportSource, unset.RaceOverride)
	}
	page := athlete.Page[athlete.ActivityRow]{Items: []athlete.ActivityRow{row, unset}, Page: 1, PerPage: 20, Total: 2}
	good, _ := json.Marshal(page)
	req := httptest.NewRequest("GET", "/api/v1/activities", nil)
	if ok, errs := v.ValidateHttpResponse(req, jsonResponse(200, good)); !ok {
		t.Fatalf("a correct activity list fails:\n%s", describe(errs))
	}
	for name, bad := range map[string][2]string{
		"unknown sport source":   {`"sport_source":"inferred:name"`, `"sport_source":"guessed"`},
		"race mark as a word":    {`"race_override":true`, `"race_override":"yes"`},
		"sport source left out":  {`"sport_source":"inferred:name",`, ``},
		"race override left out": {`"race_override":true`, `"x":1`},
	} {
		body := bytes.Replace(good, []byte(bad[0]), []byte(bad[1]), 1)
		if bytes.Equal(body, good) {
			t.Fatalf("%s: %s not in %s", name, bad[0], good)
		}
		if ok, _ := v.ValidateHttpResponse(req, jsonResponse(200, body)); ok {
			t.Errorf("%s: a drifted activity list validates: %s", name, body)
		}
	}
}

func jsonResponse(status int, body []byte) *http.Response {
	return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(bytes.NewReader(body))}
}

// conformance is a client of the real server that validates every request
// and response against the document.
type conformance struct {
	t      *testing.T
	base   string
	v      validator.Validator
	tokens map[string]string // who → bearer token
	seen   map[string]int    // "METHOD /path/template" → validated responses
	mux    *http.ServeMux    // route templates, to name what was seen
}

func (c *conformance) do(who, method, path, ct string, body []byte) (int, []byte) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	req.Header.Set("Authorization", "Bearer "+c.tokens[who])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		c.t.Fatal(err)
	}
	// Validate the request and the response with fresh readers.
	vreq, _ := http.NewRequest(method, c.base+path, bytes.NewReader(body))
	vreq.Header = req.Header.Clone()
	if ct == "application/json" {
		if ok, errs := c.v.ValidateHttpRequest(vreq); !ok {
			c.t.Errorf("%s %s: request does not match the document:\n%s", method, path, describe(errs))
		}
		vreq, _ = http.NewRequest(method, c.base+path, bytes.NewReader(body))
		vreq.Header = req.Header.Clone()
	}
	vresp := &http.Response{StatusCode: resp.StatusCode, Header: resp.Header, Body: io.NopCloser(bytes.NewReader(b))}
	// An NDJSON stream is not one JSON value: its events are checked one
	// by one against ImportEvent (TestOpenAPIConformance).
	ndjson := strings.HasPrefix(resp.Header.Get("Content-Type"), "application/x-ndjson")
	if ok, errs := c.v.ValidateHttpResponse(vreq, vresp); !ok && !ndjson {
		c.t.Errorf("%s %s: %d response does not match the document:\n%s\nbody: %.600s", method, path, resp.StatusCode, describe(errs), b)
	}
	_, pattern := c.mux.Handler(httptest.NewRequest(method, path, nil))
	c.seen[pattern]++
	if resp.StatusCode >= 300 {
		c.t.Logf("%s %s: %d %.300s", method, path, resp.StatusCode, b)
	}
	return resp.StatusCode, b
}

func (c *conformance) json(who, method, path string, body any, want int) []byte {
	c.t.Helper()
	var raw []byte
	ct := ""
	if body != nil {
		raw, _ = json.Marshal(body)
		ct = "application/json"
	}
	status, b := c.do(who, method, path, ct, raw)
	if status != want {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, status, want, b)
	}
	return b
}

func multipartBody(t *testing.T, fields map[string]string, file, name string, data []byte) (string, []byte) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	f, err := w.CreateFormFile(file, name)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(data)
	w.Close()
	return w.FormDataContentType(), buf.Bytes()
}

// TestOpenAPIConformance runs the demo runner (a simulated runner's files
// imported through the normal path into a real SQLite store), serves it
// with the real server and checks every documented GET route's response,
// the requests and responses that fill them, and every upload event
// against the OpenAPI document with libopenapi-validator.
func TestOpenAPIConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo runner")
	}
	doc, v, _ := openAPIDoc(t)
	ctx := context.Background()
	end := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	db := filepath.Join(t.TempDir(), "demo.db")
	var stderr bytes.Buffer
	if code := cli.Main(ctx, []string{"demo", "--persona", "happy", "--years", "0.4", "--end", end.Format("2006-01-02"), "--db", db, "--no-serve"},
		nil, io.Discard, &stderr); code != 0 {
		t.Fatalf("rekindle demo: exit %d: %s", code, stderr.String())
	}
	// A jobs queue that is not worked: uploads enqueue route jobs that the
	// admin's job list shows.
	jst, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer jst.Close()
	q, err := jobs.New(ctx, jobs.Config{Store: jst})
	if err != nil {
		t.Fatal(err)
	}
	// A Strava application (no Strava is called: the connect URL and the
	// webhook's validation answer are this server's own).
	srv := testserver.New(t, db, cli.ServeOptions{RoutesInline: true, Strava: &athlete.StravaOptions{
		Config:      strava.Config{ClientID: "1", ClientSecret: "s", BaseURL: "http://127.0.0.1:9", Key: bytes.Repeat([]byte{3}, 32)},
		VerifyToken: "vt"}, Queue: q})
	st, a := srv.Store, srv.API
	q.Bind(a.App)

	// The runner (the first account takes the demo athlete) and a coach,
	// each with an API token.
	hash, err := server.HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	c := &conformance{t: t, base: srv.URL, v: v, tokens: map[string]string{}, seen: map[string]int{}, mux: http.NewServeMux()}
	for _, rt := range a.Routes() {
		c.mux.HandleFunc(rt.Method+" "+rt.Path, func(http.ResponseWriter, *http.Request) {})
	}
	ids := map[string]int64{}
	for _, who := range []string{"runner", "coach"} {
		acc, err := st.CreateAccount(ctx, who+"@example.org", who, hash, "", end)
		if err != nil {
			t.Fatal(err)
		}
		secret, _, err := a.Auth().NewAPIToken(ctx, acc.AthleteID, "conformance")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(secret, "rk_") {
			secret = fmt.Sprintf("rk_%d_%s", acc.AthleteID, secret)
		}
		c.tokens[who], ids[who] = secret, acc.AthleteID
	}
	runner := fmt.Sprint(ids["runner"])

	// Upload more of the runner's files: every NDJSON event is an ImportEvent.
	h2, err := demo.Generate(ctx, demo.Options{Persona: "happy", Years: 0.1, End: end.AddDate(0, 0, 30), Seed: 7, Streets: mustStreets(t)})
	if err != nil {
		t.Fatal(err)
	}
	var zipBuf bytes.Buffer
	if err := demo.WriteStravaExport(&zipBuf, h2); err != nil {
		t.Fatal(err)
	}
	ct, body := multipartBody(t, nil, "files", "export.zip", zipBuf.Bytes())
	status, stream := c.do("runner", "POST", "/api/v1/uploads", ct, body)
	if status != 200 {
		t.Fatalf("upload: %d %s", status, stream)
	}
	model, errs := doc.BuildV3Model()
	if errs != nil {
		t.Fatal(errs)
	}
	eventSchema := model.Model.Components.Schemas.GetOrZero("ImportEvent").Schema()
	sv := schema_validation.NewSchemaValidator()
	statuses := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(stream)), "\n") {
		if ok, errs := sv.ValidateSchemaStringWithVersion(eventSchema, line, 3.1); !ok {
			t.Errorf("upload event %s does not match ImportEvent:\n%s", line, describe(errs))
		}
		var e athlete.ImportEvent
		json.Unmarshal([]byte(line), &e)
		statuses[e.Status]++
	}
	t.Logf("upload events: %v", statuses)
	if statuses["done"] != 1 || statuses["imported"] == 0 {
		t.Errorf("upload events %v: want imported files and one done", statuses)
	}
	if ok, _ := sv.ValidateSchemaStringWithVersion(eventSchema, `{"file":"x","status":"done","done":1,"total":1,"surprise":true}`, 3.1); ok {
		t.Error("an event with an unknown key validates against ImportEvent")
	}

	// Fill what the GET routes show, validating these requests too.
	races, _ := demo.Calendars()
	ct, body = multipartBody(t, map[string]string{"kind": "race", "name": "Monaco races"}, "file", "races.ics", races)
	if status, b := c.do("runner", "POST", "/api/v1/calendars", ct, body); status != http.StatusCreated {
		t.Errorf("calendar: %d %s", status, b)
	}
	var page struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	json.Unmarshal(c.json("runner", "GET", "/api/v1/activities?per_page=5", nil, 200), &page)
	if len(page.Items) == 0 {
		t.Fatal("no activities after the demo import")
	}
	act := fmt.Sprint(page.Items[0].ID)
	day := end.Format("2006-01-02")
	// The runner's own word on an activity (sport and race mark) is in the
	// API as in 'rekindle activities --json', validated like every response.
	running, yes := rekindle.SportRunning, true
	if err := st.EditActivity(ctx, ids["runner"], page.Items[0].ID, store.ActivityEdit{Sport: &running, SetRace: true, Race: &yes}); err != nil {
		t.Fatal(err)
	}
	a.Changed(ids["runner"])
	var one struct {
		Activity map[string]any `json:"activity"`
	}
	json.Unmarshal(c.json("runner", "GET", "/api/v1/activities/"+act, nil, 200), &one)
	if one.Activity["sport_source"] != "user" || one.Activity["race_override"] != true {
		t.Errorf("an edited activity: sport_source %v, race_override %v; want user, true", one.Activity["sport_source"], one.Activity["race_override"])
	}
	var rows struct {
		Items []map[string]any `json:"items"`
	}
	json.Unmarshal(c.json("runner", "GET", "/api/v1/activities?per_page=5", nil, 200), &rows)
	if len(rows.Items) < 2 || rows.Items[1]["sport_source"] != "file" || rows.Items[1]["race_override"] != nil {
		t.Errorf("an activity as imported should say sport_source file, race_override null: %v", rows.Items)
	} else if _, has := rows.Items[1]["race_override"]; !has {
		t.Error("race_override is left out instead of null")
	}
	c.json("runner", "GET", "/api/v1/activities?page=2&per_page=3", nil, 200)
	c.json("runner", "POST", "/api/v1/activities/"+act+"/check-in", map[string]any{"enjoyment": 4, "rpe": 5, "note": "fine", "surface": "road"}, 201)
	c.json("runner", "POST", "/api/v1/activities/"+act+"/check-in", map[string]any{"enjoyment": 3}, 201)
	c.json("runner", "POST", "/api/v1/gear", map[string]any{"kind": "shoes", "name": "Pegasus", "brand": "Nike", "default": true}, 201)
	c.json("runner", "POST", "/api/v1/rewards", map[string]any{"text": "new socks", "runs": 3, "days": 14}, 201)
	c.json("runner", "POST", "/api/v1/gratitude", map[string]any{"text": "the sea at dawn", "day": day}, 201)
	c.json("runner", "POST", "/api/v1/privacy/zones", map[string]any{"name": "home", "lat": 43.7384, "lon": 7.4246, "radius_m": 400}, 201)
	if len(page.Items) > 1 {
		c.json("runner", "PUT", "/api/v1/activities/"+fmt.Sprint(page.Items[1].ID)+"/private", map[string]any{"private": true}, 204)
	}
	c.json("runner", "POST", "/api/v1/plan", map[string]any{"day": end.AddDate(0, 0, 2).Format("2006-01-02"), "kind": "easy", "distance_m": 6000}, 201)
	var planned struct {
		ID int64 `json:"id"`
	}
	json.Unmarshal(c.json("runner", "POST", "/api/v1/plan", map[string]any{"day": end.AddDate(0, 0, 4).Format("2006-01-02"), "kind": "quality", "distance_m": 9000,
		"note": "2 km warm-up, 3 × 10 min with 2 min jog, 2 km cool-down"}, 201), &planned)
	c.json("runner", "PUT", fmt.Sprintf("/api/v1/plan/%d", planned.ID), map[string]any{"day": end.AddDate(0, 0, 5).Format("2006-01-02"), "kind": "quality", "distance_m": 10000,
		"note": "2 km warm-up, 3 × 10 min with 2 min jog, 2 km cool-down"}, 200)
	var feed struct {
		Path string `json:"path"`
	}
	json.Unmarshal(c.json("runner", "POST", "/api/v1/plan/feed", nil, 201), &feed)
	c.json("runner", "POST", "/api/v1/notifications/read", nil, 204)
	c.json("runner", "POST", "/api/v1/push/subscriptions", map[string]any{"endpoint": "https://push.example.org/send/abc",
		"keys": map[string]string{"p256dh": "BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U", "auth": "tBHItJI5svbpez7KI4CCXg"}}, 204)
	c.json("runner", "DELETE", "/api/v1/push/subscriptions", map[string]any{"endpoint": "https://push.example.org/send/abc"}, 204)
	c.json("runner", "PUT", "/api/v1/notifications/settings", map[string]any{"email": map[string]bool{"no_run": false}, "quiet": "22:00-07:00"}, 200)
	c.json("runner", "POST", "/api/v1/tokens", map[string]any{"name": "script"}, 201)
	// Accept the top idea, then give it up.
	var home struct {
		Top *struct {
			ID string `json:"id"`
		} `json:"top_recommendation"`
	}
	json.Unmarshal(c.json("runner", "GET", "/api/v1/home", nil, 200), &home)
	if home.Top != nil {
		var dec struct {
			ID int64 `json:"id"`
		}
		json.Unmarshal(c.json("runner", "POST", "/api/v1/recommendations/"+home.Top.ID+"/decision", map[string]any{"decision": "accept"}, 201), &dec)
		c.json("runner", "POST", fmt.Sprintf("/api/v1/experiments/%d/abandon", dec.ID), nil, 200)
	}
	// A planned run with a route attached, as the route idea writes it.
	routed := []plan.Session{{Day: end.AddDate(0, 0, 4).Format("2006-01-02"), Sport: rekindle.SportRunning, Kind: plan.KindEasy, DistanceM: 900, ExperimentID: 99,
		Route: &plan.Route{Name: "A new loop", DistanceM: 900, Points: [][2]float64{{43.7384, 7.4246}, {43.7402, 7.4271}, {43.7384, 7.4246}}}},
		// One away from the runner's privacy zone: what their coach downloads.
		{Day: end.AddDate(0, 0, 5).Format("2006-01-02"), Sport: rekindle.SportRunning, Kind: plan.KindEasy, DistanceM: 900, ExperimentID: 99,
			Route: &plan.Route{Name: "A loop away", DistanceM: 900, Points: [][2]float64{{43.7500, 7.4400}, {43.7518, 7.4425}, {43.7500, 7.4400}}}}}
	if err := st.AddPlanned(ctx, ids["runner"], routed); err != nil {
		t.Fatal(err)
	}
	var sc struct {
		Questions []struct {
			ID string `json:"id"`
		} `json:"questions"`
	}
	json.Unmarshal(c.json("runner", "GET", "/api/v1/spark-checks", nil, 200), &sc)
	answers := map[string]int{}
	for _, q := range sc.Questions {
		answers[q.ID] = 3
	}
	if len(answers) > 0 {
		c.json("runner", "POST", "/api/v1/spark-checks", map[string]any{"answers": answers}, 201)
	}
	var inv struct {
		Token string `json:"token"`
	}
	json.Unmarshal(c.json("runner", "POST", "/api/v1/coach/invites", map[string]any{"scopes": []string{"comment", "edit_plan"}, "note": "hi"}, 201), &inv)
	c.json("coach", "POST", "/api/v1/coach/accept", map[string]any{"token": inv.Token}, 201)
	var req struct {
		ID int64 `json:"id"`
	}
	json.Unmarshal(c.json("runner", "POST", "/api/v1/coach/requests", map[string]any{"message": "more hills?"}, 201), &req)
	c.json("coach", "POST", fmt.Sprintf("/api/v1/coaching/%s/requests/%d/replies", runner, req.ID), map[string]any{"text": "yes"}, 204)
	c.json("runner", "POST", fmt.Sprintf("/api/v1/coach/requests/%d/replies", req.ID), map[string]any{"text": "thanks"}, 204)
	c.json("coach", "POST", "/api/v1/coaching/"+runner+"/plan", map[string]any{"day": end.AddDate(0, 0, 3).Format("2006-01-02"), "kind": "long", "distance_m": 14000}, 201)
	c.json("runner", "PUT", "/api/v1/me", map[string]any{"unit": "km", "time_zone": "Europe/Monaco"}, 200)
	c.json("runner", "PUT", "/api/v1/admin/signup", map[string]any{"mode": "invite"}, 200)
	c.json("runner", "POST", "/api/v1/admin/invites", nil, 201)
	c.json("runner", "POST", "/api/v1/admin/jobs/987654321/retry", nil, 404)
	c.json("coach", "GET", "/api/v1/admin/jobs", nil, 403)

	// Every documented GET route.
	asOf := "?as_of=" + day
	gets := map[string][]string{
		"GET /api/v1/tokens":                              {"/api/v1/tokens"},
		"GET /api/v1/admin/signup":                        {"/api/v1/admin/signup"},
		"GET /api/v1/admin/jobs":                          {"/api/v1/admin/jobs", "/api/v1/admin/jobs?state=available,completed&kind=route_refresh&limit=5"},
		"GET /api/v1/me":                                  {"/api/v1/me"},
		"GET /api/v1/me/export":                           {"/api/v1/me/export"},
		"GET /api/v1/home":                                {"/api/v1/home" + asOf, "/api/v1/home"},
		"GET /api/v1/activities":                          {"/api/v1/activities", "/api/v1/activities?sport=running&q=run"},
		"GET /api/v1/activities/{id}":                     {"/api/v1/activities/" + act},
		"GET /api/v1/training":                            {"/api/v1/training" + asOf},
		"GET /api/v1/routes":                              {"/api/v1/routes"},
		"GET /api/v1/routes/suggestions":                  {"/api/v1/routes/suggestions?distance_m=5000"},
		"GET /api/v1/routes/suggestions/{file}":           {"/api/v1/routes/suggestions/1.gpx?distance_m=5000"},
		"GET /api/v1/races":                               {"/api/v1/races" + asOf},
		"GET /api/v1/gear":                                {"/api/v1/gear"},
		"GET /api/v1/gratitude":                           {"/api/v1/gratitude" + asOf},
		"GET /api/v1/gratitude/poster":                    {"/api/v1/gratitude/poster?format=svg"},
		"GET /api/v1/coach":                               {"/api/v1/coach"},
		"GET /api/v1/coaching/{athlete}":                  {"/api/v1/coaching/" + runner},
		"GET /api/v1/coaching/{athlete}/activities/{id}":  {"/api/v1/coaching/" + runner + "/activities/" + act},
		"GET /api/v1/coaching/{athlete}/plan":             {"/api/v1/coaching/" + runner + "/plan"},
		"GET /api/v1/plan":                                {"/api/v1/plan?as_of=" + day + "&days=7"},
		"GET /api/v1/plan/{id}/{file}":                    {fmt.Sprintf("/api/v1/plan/%d/route.gpx", routed[0].ID), fmt.Sprintf("/api/v1/plan/%d/route.fit", routed[0].ID)},
		"GET /api/v1/coaching/{athlete}/plan/{id}/{file}": {fmt.Sprintf("/api/v1/coaching/%s/plan/%d/route.gpx", runner, routed[1].ID), fmt.Sprintf("/api/v1/coaching/%s/plan/%d/route.fit", runner, routed[1].ID)},
		"GET /api/v1/spark-checks":                        {"/api/v1/spark-checks"},
		"GET /api/v1/privacy":                             {"/api/v1/privacy"},
		"GET /api/v1/plan/{id}/workout":                   {fmt.Sprintf("/api/v1/plan/%d/workout", planned.ID)},
		"GET /api/v1/plan/{id}/workout.fit":               {fmt.Sprintf("/api/v1/plan/%d/workout.fit", planned.ID)},
		"GET /api/v1/plan.ics":                            {"/api/v1/plan.ics"},
		"GET /api/v1/plan/feed":                           {"/api/v1/plan/feed"},
		"GET /api/v1/calendar/{athlete}/{file}":           {feed.Path},
		"GET /api/v1/notifications":                       {"/api/v1/notifications"},
		"GET /api/v1/strava":                              {"/api/v1/strava"},
		"GET /api/v1/strava/connect":                      {"/api/v1/strava/connect"},
		"GET /api/v1/strava/webhook":                      {"/api/v1/strava/webhook?hub.mode=subscribe&hub.challenge=abc&hub.verify_token=vt"},
		"GET /api/v1/notifications/settings":              {"/api/v1/notifications/settings"},
		"GET /api/v1/push/key":                            {"/api/v1/push/key"},
	}
	var failed []string
	for _, rt := range a.Routes() {
		if rt.Method != "GET" {
			continue
		}
		key := rt.Method + " " + rt.Path
		urls, ok := gets[key]
		if !ok {
			t.Errorf("%s: documented GET route not exercised by the conformance test", key)
			continue
		}
		who := "runner"
		if strings.HasPrefix(rt.Path, "/api/v1/coaching/") {
			who = "coach"
		}
		for _, u := range urls {
			if status, b := c.do(who, "GET", u, "", nil); status != 200 {
				failed = append(failed, fmt.Sprintf("%s: %d %.200s", u, status, b))
			}
		}
	}
	if len(failed) > 0 {
		t.Errorf("GET routes without a success response to validate:\n  %s", strings.Join(failed, "\n  "))
	}
	var keys []string
	for k := range c.seen {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	t.Logf("validated %d requests over %d routes", sum(c.seen), len(keys))
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func mustStreets(t *testing.T) *demo.Streets {
	s, err := demo.MonacoStreets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}
