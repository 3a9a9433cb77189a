package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// activity is one fake Strava activity: its SummaryActivity fields and the
// streams (a StreamSet keyed by type) it serves.
type activity struct {
	ID         int64
	Name       string
	SportType  string
	Start      time.Time
	Distance   float64
	Moving     float64
	Elapsed    float64
	Private    bool
	Manual     bool
	Trainer    bool
	Streams    json.RawMessage // nil: none (404)
	Deleted    bool
	HasHR      bool
	AvgHR      float64
	WorkoutTyp int
}

func (a *activity) summary(owner int64) map[string]any {
	m := map[string]any{
		"resource_state": 2, "athlete": map[string]any{"id": owner, "resource_state": 1},
		"id": a.ID, "name": a.Name, "type": a.SportType, "sport_type": a.SportType,
		"start_date":       a.Start.UTC().Format(time.RFC3339),
		"start_date_local": a.Start.UTC().Format(time.RFC3339), "timezone": "(GMT+00:00) Africa/Abidjan", "utc_offset": 0.0,
		"distance": a.Distance, "moving_time": int(a.Moving), "elapsed_time": int(a.Elapsed), "total_elevation_gain": 12.0,
		"trainer": a.Trainer, "commute": false, "manual": a.Manual, "private": a.Private, "flagged": false,
		"average_speed": a.Distance / max(a.Moving, 1), "max_speed": 5.0, "has_heartrate": a.HasHR,
		"workout_type": a.WorkoutTyp, "external_id": fmt.Sprintf("fake-%d.fit", a.ID),
		"upload_id": a.ID * 10, "map": map[string]any{"id": fmt.Sprintf("a%d", a.ID), "summary_polyline": "", "resource_state": 2},
	}
	// No gear: Strava's description types gear_id as a string, so the
	// fake leaves it out rather than sending null; "visibility" is not in
	// the description at all (the private flag is).
	if a.HasHR {
		m["average_heartrate"] = a.AvgHR
		m["max_heartrate"] = a.AvgHR + 20
	}
	return m
}

type store struct {
	owner int64
	mu    sync.Mutex
	acts  map[int64]*activity
	order []*activity // newest first
}

// load makes n activities, one a day back from end, taking their streams
// in turn from the JSON files in dir (StreamSets keyed by type): every
// 7th is a ride, every 10th private, every 50th entered by hand.
func load(n int, dir string, end time.Time, owner int64) (*store, error) {
	st := &store{owner: owner, acts: map[int64]*activity{}}
	var fixtures []json.RawMessage
	if dir != "" {
		names, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil {
			return nil, err
		}
		sort.Strings(names)
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				return nil, err
			}
			fixtures = append(fixtures, b)
		}
	}
	for i := range n {
		a := &activity{ID: int64(100000 + i), Start: end.Add(-time.Duration(i) * 24 * time.Hour).Add(7 * time.Hour),
			SportType: "Run", Name: fmt.Sprintf("Run %d", i)}
		if i%7 == 3 {
			a.SportType, a.Name = "Ride", fmt.Sprintf("Ride %d", i)
		}
		a.Private = i%10 == 9
		a.Manual = i%50 == 49
		if !a.Manual && len(fixtures) > 0 {
			a.Streams = fixtures[i%len(fixtures)]
			a.Distance, a.Moving, a.Elapsed, a.HasHR, a.AvgHR = streamTotals(a.Streams)
		} else {
			a.Distance, a.Moving, a.Elapsed = 5000, 1800, 1800
		}
		st.add(a)
	}
	return st, nil
}

func (st *store) add(a *activity) {
	st.acts[a.ID] = a
	st.order = append(st.order, a)
	sort.SliceStable(st.order, func(i, j int) bool { return st.order[i].Start.After(st.order[j].Start) })
}

// streamTotals reads distance and time from a StreamSet.
func streamTotals(raw json.RawMessage) (dist, moving, elapsed float64, hasHR bool, avgHR float64) {
	var s map[string]struct {
		Data json.RawMessage `json:"data"`
	}
	json.Unmarshal(raw, &s)
	var t, d, hr []float64
	json.Unmarshal(s["time"].Data, &t)
	json.Unmarshal(s["distance"].Data, &d)
	json.Unmarshal(s["heartrate"].Data, &hr)
	if len(t) > 0 {
		elapsed = t[len(t)-1] - t[0]
	}
	if len(d) > 0 {
		dist = d[len(d)-1]
	}
	for _, h := range hr {
		avgHR += h
	}
	if len(hr) > 0 {
		avgHR /= float64(len(hr))
	}
	return dist, elapsed, elapsed, len(hr) > 0, avgHR
}

// rate counts requests per window and per UTC day, as Strava does for the
// application (every athlete together).
type rate struct {
	mu                   sync.Mutex
	window               time.Duration
	limitShort, limitDay int
	winStart, dayStart   time.Time
	short, day           int
	windows              map[int64]int // requests served per window start
	over                 int           // requests refused with 429
}

// take counts one request; it returns the usage headers and false when
// the request is over a limit (then it is not served).
func (r *rate) take(w http.ResponseWriter) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now()
	if ws := now.Truncate(r.window); !ws.Equal(r.winStart) {
		r.winStart, r.short = ws, 0
	}
	if ds := now.UTC().Truncate(24 * time.Hour); !ds.Equal(r.dayStart) {
		r.dayStart, r.day = ds, 0
	}
	ok := r.short < r.limitShort && r.day < r.limitDay
	if ok {
		r.short++
		r.day++
		r.windows[r.winStart.UnixMilli()]++
	} else {
		r.over++
	}
	for _, p := range []string{"X-Ratelimit-", "X-Readratelimit-"} {
		w.Header().Set(p+"Limit", fmt.Sprintf("%d,%d", r.limitShort, r.limitDay))
		w.Header().Set(p+"Usage", fmt.Sprintf("%d,%d", r.short, r.day))
	}
	return ok
}

// api wraps an API handler with the bearer check and the rate limit.
func (s *server) api(h func(w http.ResponseWriter, r *http.Request, athlete int64)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		at := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		s.mu.Lock()
		g, ok := s.access[at]
		s.mu.Unlock()
		if !ok || time.Now().After(g.expires) {
			fail(w, 401, "access_token", "invalid")
			return
		}
		if !s.rate.take(w) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			json.NewEncoder(w).Encode(map[string]any{"message": "Rate Limit Exceeded",
				"errors": []map[string]string{{"resource": "Application", "field": "rate limit", "code": "exceeded"}}})
			return
		}
		if s.failEvery > 0 {
			s.mu.Lock()
			s.calls++
			bad := s.calls%s.failEvery == 0
			s.mu.Unlock()
			if bad {
				http.Error(w, `{"message":"Internal Server Error"}`, http.StatusInternalServerError)
				return
			}
		}
		h(w, r, g.athlete)
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

func notFound(w http.ResponseWriter, what string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusNotFound)
	json.NewEncoder(w).Encode(map[string]any{"message": "Record Not Found",
		"errors": []map[string]string{{"resource": what, "field": "id", "code": "invalid"}}})
}

func (s *server) listActivities(w http.ResponseWriter, r *http.Request, athlete int64) {
	q := r.URL.Query()
	intParam := func(k string, def int64) (int64, bool) {
		v := q.Get(k)
		if v == "" {
			return def, true
		}
		n, err := strconv.ParseInt(v, 10, 64)
		return n, err == nil
	}
	before, ok1 := intParam("before", 0)
	after, ok2 := intParam("after", 0)
	page, ok3 := intParam("page", 1)
	per, ok4 := intParam("per_page", 30)
	if !ok1 || !ok2 || !ok3 || !ok4 || page < 1 || per < 1 {
		fail(w, 400, "page", "invalid")
		return
	}
	per = min(per, 200)
	s.acts.mu.Lock()
	defer s.acts.mu.Unlock()
	var out []map[string]any
	var sel []*activity
	for _, a := range s.acts.order {
		if a.Deleted || (before > 0 && a.Start.Unix() >= before) || (after > 0 && a.Start.Unix() <= after) {
			continue
		}
		sel = append(sel, a)
	}
	if after > 0 && before == 0 { // with after only, Strava lists oldest first
		for i, j := 0, len(sel)-1; i < j; i, j = i+1, j-1 {
			sel[i], sel[j] = sel[j], sel[i]
		}
	}
	from := (page - 1) * per
	for i := from; i < from+per && i < int64(len(sel)); i++ {
		out = append(out, sel[i].summary(s.acts.owner))
	}
	if out == nil {
		out = []map[string]any{}
	}
	writeJSON(w, out)
}

func (s *server) getActivity(w http.ResponseWriter, r *http.Request, athlete int64) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	s.acts.mu.Lock()
	a := s.acts.acts[id]
	s.acts.mu.Unlock()
	if err != nil || a == nil || a.Deleted {
		notFound(w, "Activity")
		return
	}
	m := a.summary(s.acts.owner)
	m["resource_state"] = 3
	m["description"] = "a fake activity"
	m["calories"] = 321.0
	m["device_name"] = "Fake Watch 1"
	writeJSON(w, m)
}

func (s *server) getStreams(w http.ResponseWriter, r *http.Request, athlete int64) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	s.acts.mu.Lock()
	a := s.acts.acts[id]
	s.acts.mu.Unlock()
	if err != nil || a == nil || a.Deleted || a.Streams == nil {
		notFound(w, "Activity")
		return
	}
	keys := map[string]bool{}
	for _, k := range strings.Split(r.URL.Query().Get("keys"), ",") {
		keys[strings.TrimSpace(k)] = true
	}
	var set map[string]json.RawMessage
	json.Unmarshal(a.Streams, &set)
	out := map[string]json.RawMessage{}
	for k, v := range set {
		if k == "time" || keys[k] { // Strava always sends the series it is indexed by
			out[k] = v
		}
	}
	if r.URL.Query().Get("key_by_type") == "true" {
		writeJSON(w, out)
		return
	}
	var list []json.RawMessage
	for k, v := range out {
		var m map[string]any
		json.Unmarshal(v, &m)
		m["type"] = k
		b, _ := json.Marshal(m)
		list = append(list, b)
	}
	writeJSON(w, list)
}

// subscription is the one push subscription of the application.
type subscription struct {
	mu       sync.Mutex
	id       int64
	callback string
	sent     int
}

// subscribe follows Strava's POST /push_subscriptions: client_id,
// client_secret, callback_url, verify_token; Strava GETs the callback with
// hub.mode=subscribe, hub.challenge and hub.verify_token and expects the
// challenge echoed as {"hub.challenge": …} within two seconds.
func (s *server) subscribe(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	if r.PostFormValue("client_id") != s.clientID || r.PostFormValue("client_secret") != s.secret {
		fail(w, 401, "client_id", "invalid")
		return
	}
	cb, vt := r.PostFormValue("callback_url"), r.PostFormValue("verify_token")
	challenge := token()
	u := cb + "?hub.mode=subscribe&hub.challenge=" + challenge + "&hub.verify_token=" + vt
	c := http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get(u)
	if err != nil {
		fail(w, 400, "callback url", "GET to callback URL does not return 200")
		return
	}
	defer resp.Body.Close()
	var got map[string]string
	if resp.StatusCode != 200 || json.NewDecoder(resp.Body).Decode(&got) != nil || got["hub.challenge"] != challenge {
		fail(w, 400, "callback url", "GET to callback URL does not return 200")
		return
	}
	s.sub.mu.Lock()
	s.sub.id, s.sub.callback = 777, cb
	s.sub.mu.Unlock()
	writeJSON(w, map[string]int64{"id": 777})
}

// event (a test hook) makes Strava's side of a change happen and posts its
// event to the subscription's callback: create (a new activity, id and
// streams from an existing one), update (title/type/private), delete, and
// deauthorize (an athlete update with authorized "false").
func (s *server) event(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	kind := r.FormValue("kind")
	id, _ := strconv.ParseInt(r.FormValue("id"), 10, 64)
	ev := map[string]any{"object_type": "activity", "object_id": id, "owner_id": s.acts.owner, "subscription_id": 777,
		"event_time": time.Now().Unix(), "updates": map[string]string{}}
	s.acts.mu.Lock()
	switch kind {
	case "create":
		src := s.acts.acts[id]
		if src == nil {
			s.acts.mu.Unlock()
			http.Error(w, "no such source activity", 400)
			return
		}
		a := *src
		a.ID = int64(900000 + len(s.acts.acts))
		a.Start = time.Now().UTC().Add(-time.Hour).Truncate(time.Second)
		a.Name = "New run"
		s.acts.add(&a)
		ev["aspect_type"], ev["object_id"] = "create", a.ID
	case "update":
		a := s.acts.acts[id]
		upd := map[string]string{}
		for _, k := range []string{"title", "type", "private"} {
			if v := r.FormValue(k); v != "" {
				upd[k] = v
				if a != nil {
					switch k {
					case "title":
						a.Name = v
					case "type":
						a.SportType = v
					case "private":
						a.Private = v == "true"
					}
				}
			}
		}
		ev["aspect_type"], ev["updates"] = "update", upd
	case "delete":
		if a := s.acts.acts[id]; a != nil {
			a.Deleted = true
		}
		ev["aspect_type"] = "delete"
	case "deauthorize":
		ev["object_type"], ev["object_id"], ev["aspect_type"] = "athlete", s.acts.owner, "update"
		ev["updates"] = map[string]string{"authorized": "false"}
	default:
		s.acts.mu.Unlock()
		http.Error(w, "kind: create, update, delete or deauthorize", 400)
		return
	}
	s.acts.mu.Unlock()
	s.sub.mu.Lock()
	cb := s.sub.callback
	s.sub.mu.Unlock()
	if cb == "" {
		http.Error(w, "no subscription", 400)
		return
	}
	body, _ := json.Marshal(ev)
	for range max(1, atoi(r.FormValue("times"))) { // times=2: Strava retried it (a replay)
		resp, err := http.Post(cb, "application/json", bytes.NewReader(body))
		if err != nil {
			http.Error(w, err.Error(), 502)
			return
		}
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
		resp.Body.Close()
		s.sub.mu.Lock()
		s.sub.sent++
		s.sub.mu.Unlock()
		if resp.StatusCode != 200 {
			http.Error(w, "callback answered "+resp.Status+": "+string(b), 502)
			return
		}
	}
	writeJSON(w, ev)
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }
