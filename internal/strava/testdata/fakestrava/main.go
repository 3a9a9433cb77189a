// Command fakestrava is a local stand-in for Strava's API v3, run as its
// own process by the tests. It follows Strava's documented API:
// authentication — POST /oauth/token (grant_type authorization_code with
// code, or refresh_token; client_id and client_secret in the form; the
// reply carries token_type, access_token, refresh_token, expires_at,
// expires_in and, on the code exchange, the summary athlete), POST
// /oauth/deauthorize (access_token), GET /api/v3/athlete; activities —
// GET /api/v3/athlete/activities (before, after, page, per_page; newest
// first), GET /api/v3/activities/{id}, GET /api/v3/activities/{id}/streams
// (keys, key_by_type); rate limits — X-RateLimit-Limit/-Usage and
// X-ReadRateLimit-Limit/-Usage headers ("short,day") and 429 beyond them;
// push subscriptions — POST /api/v3/push_subscriptions validates the
// callback with Strava's GET hub.challenge handshake, then events posted
// to /_fake/event are delivered to the callback as Strava does. A refresh
// token is single-use once a new one was issued. It prints its base URL on
// stdout.
//
//	fakestrava -client-id 1 -client-secret s -code good -first-expiry 30m \
//	  -activities 2000 -streams DIR -limit 100,1000 -window 15m
package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

type grant struct {
	athlete int64
	expires time.Time
}

type server struct {
	clientID, secret, code string
	first, later           time.Duration

	mu        sync.Mutex
	access    map[string]grant // live access tokens
	refresh   map[string]int64 // live refresh tokens → athlete
	codeUsed  bool
	refreshes int
	deauths   int

	acts      *store
	rate      *rate
	sub       subscription
	failEvery int // every n-th API call answers 500 (0: never)
	calls     int
}

func token() string {
	b := make([]byte, 20)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func fail(w http.ResponseWriter, status int, field, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"message": "Bad Request", "errors": []map[string]string{{"resource": "Application", "field": field, "code": code}}})
}

func (s *server) issue(w http.ResponseWriter, athlete int64, life time.Duration, withAthlete bool) {
	at, rt := token(), token()
	exp := time.Now().Add(life)
	s.access[at] = grant{athlete, exp}
	s.refresh[rt] = athlete
	out := map[string]any{"token_type": "Bearer", "access_token": at, "refresh_token": rt,
		"expires_at": exp.Unix(), "expires_in": int(life.Seconds())}
	if withAthlete {
		out["athlete"] = map[string]any{"id": athlete, "resource_state": 2, "firstname": "Fake", "lastname": "Runner"}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}

func (s *server) tokenEndpoint(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		fail(w, 400, "form", "invalid")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.PostFormValue("client_id") != s.clientID {
		fail(w, 400, "client_id", "invalid")
		return
	}
	if r.PostFormValue("client_secret") != s.secret {
		fail(w, 401, "client_secret", "invalid")
		return
	}
	switch r.PostFormValue("grant_type") {
	case "authorization_code":
		if r.PostFormValue("code") != s.code || s.codeUsed {
			fail(w, 400, "code", "invalid")
			return
		}
		s.codeUsed = true
		s.issue(w, s.acts.owner, s.first, true)
	case "refresh_token":
		rt := r.PostFormValue("refresh_token")
		a, ok := s.refresh[rt]
		if !ok {
			fail(w, 400, "refresh_token", "invalid")
			return
		}
		delete(s.refresh, rt) // single use: the new one replaces it
		s.refreshes++
		s.issue(w, a, s.later, false)
	default:
		fail(w, 400, "grant_type", "invalid")
	}
}

func (s *server) deauthorize(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	at := r.PostFormValue("access_token")
	if at == "" {
		at = strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.access[at]
	if !ok || time.Now().After(g.expires) {
		fail(w, 401, "access_token", "invalid")
		return
	}
	for k, v := range s.access {
		if v.athlete == g.athlete {
			delete(s.access, k)
		}
	}
	for k, v := range s.refresh {
		if v == g.athlete {
			delete(s.refresh, k)
		}
	}
	s.deauths++
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]string{"access_token": at})
}

func (s *server) athlete(w http.ResponseWriter, r *http.Request) {
	at := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.access[at]
	if !ok || time.Now().After(g.expires) {
		fail(w, 401, "access_token", "invalid")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"id": g.athlete, "resource_state": 2})
}

// stats is for the tests: how many refreshes and deauthorizations it saw.
func (s *server) stats(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	out := map[string]int{"refreshes": s.refreshes, "deauthorizations": s.deauths, "live_access_tokens": len(s.access)}
	s.mu.Unlock()
	s.rate.mu.Lock()
	out["rate_limited"] = s.rate.over
	out["windows"] = len(s.rate.windows)
	served, most := 0, 0
	for _, n := range s.rate.windows {
		served += n
		most = max(most, n)
	}
	out["api_requests"], out["most_in_a_window"] = served, most
	s.rate.mu.Unlock()
	s.sub.mu.Lock()
	out["events_sent"] = s.sub.sent
	s.sub.mu.Unlock()
	json.NewEncoder(w).Encode(out)
}

func main() {
	s := &server{access: map[string]grant{}, refresh: map[string]int64{}}
	flag.StringVar(&s.clientID, "client-id", "1", "the application's client id")
	flag.StringVar(&s.secret, "client-secret", "secret", "the application's client secret")
	flag.StringVar(&s.code, "code", "good-code", "the authorization code it accepts (once)")
	flag.DurationVar(&s.first, "first-expiry", 6*time.Hour, "life of the tokens from the code exchange")
	flag.DurationVar(&s.later, "expiry", 6*time.Hour, "life of refreshed tokens")
	n := flag.Int("activities", 0, "how many activities the athlete has")
	streams := flag.String("streams", "", "a folder of StreamSet JSON files (keyed by type) the activities take in turn")
	end := flag.String("end", "2025-06-01", "the newest activity's day (one a day back from it)")
	owner := flag.Int64("owner", 4242, "the athlete's Strava id")
	limit := flag.String("limit", "100,1000", "read limits: requests per window, per day")
	window := flag.Duration("window", 15*time.Minute, "the short rate window (Strava: 15 minutes)")
	flag.IntVar(&s.failEvery, "fail-every", 0, "answer every n-th API call with a 500")
	flag.Parse()
	endDay, err := time.Parse("2006-01-02", *end)
	if err != nil {
		log.Fatal(err)
	}
	if s.acts, err = load(*n, *streams, endDay, *owner); err != nil {
		log.Fatal(err)
	}
	s.rate = &rate{window: *window, windows: map[int64]int{}}
	if _, err := fmt.Sscanf(*limit, "%d,%d", &s.rate.limitShort, &s.rate.limitDay); err != nil {
		log.Fatalf("-limit: %v", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/token", s.tokenEndpoint)
	mux.HandleFunc("POST /oauth/deauthorize", s.deauthorize)
	mux.HandleFunc("GET /api/v3/athlete", s.athlete)
	mux.HandleFunc("GET /api/v3/athlete/activities", s.api(s.listActivities))
	mux.HandleFunc("GET /api/v3/activities/{id}", s.api(s.getActivity))
	mux.HandleFunc("GET /api/v3/activities/{id}/streams", s.api(s.getStreams))
	mux.HandleFunc("POST /api/v3/push_subscriptions", s.subscribe)
	mux.HandleFunc("POST /_fake/event", s.event)
	mux.HandleFunc("GET /_fake/stats", s.stats)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("http://%s\n", ln.Addr())
	log.Fatal(http.Serve(ln, mux))
}
