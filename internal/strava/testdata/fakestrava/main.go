// Command fakestrava is a local stand-in for Strava's OAuth endpoints, run
// as its own process by package strava's tests. It follows Strava's
// documented API v3 authentication: POST /oauth/token (grant_type
// authorization_code with code, or refresh_token; client_id and
// client_secret in the form; the reply carries token_type, access_token,
// refresh_token, expires_at, expires_in and, on the code exchange, the
// summary athlete), POST /oauth/deauthorize (access_token) and, to tell a
// live token from a revoked one, GET /api/v3/athlete. A refresh token is
// single-use once a new one was issued. It prints its base URL on stdout.
//
//	fakestrava -client-id 1 -client-secret s -code good -first-expiry 30m
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
		s.issue(w, 4242, s.first, true)
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
	defer s.mu.Unlock()
	json.NewEncoder(w).Encode(map[string]int{"refreshes": s.refreshes, "deauthorizations": s.deauths, "live_access_tokens": len(s.access)})
}

func main() {
	s := &server{access: map[string]grant{}, refresh: map[string]int64{}}
	flag.StringVar(&s.clientID, "client-id", "1", "the application's client id")
	flag.StringVar(&s.secret, "client-secret", "secret", "the application's client secret")
	flag.StringVar(&s.code, "code", "good-code", "the authorization code it accepts (once)")
	flag.DurationVar(&s.first, "first-expiry", 6*time.Hour, "life of the tokens from the code exchange")
	flag.DurationVar(&s.later, "expiry", 6*time.Hour, "life of refreshed tokens")
	flag.Parse()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/token", s.tokenEndpoint)
	mux.HandleFunc("POST /oauth/deauthorize", s.deauthorize)
	mux.HandleFunc("GET /api/v3/athlete", s.athlete)
	mux.HandleFunc("GET /_fake/stats", s.stats)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("http://%s\n", ln.Addr())
	log.Fatal(http.Serve(ln, mux))
}
