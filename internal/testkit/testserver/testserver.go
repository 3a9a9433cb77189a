// Package testserver is the shared preamble of the server tests (internal/web
// and internal/api): the databases to run against, a real server on the
// fixed clock testkit.Now over a real store, and a browser-like client
// (cookie jar, CSRF token, sign-up, upload). It is imported by tests only.
package testserver

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"rekindle/internal/api"
	"rekindle/internal/athlete"
	"rekindle/internal/cli"
	"rekindle/internal/server"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
	"rekindle/internal/web"
)

// Stores returns the databases to test against: a fresh SQLite file, and
// PostgreSQL (a fresh schema of its own) when REKINDLE_TEST_POSTGRES is set.
func Stores(t *testing.T) map[string]string {
	out := map[string]string{"sqlite": filepath.Join(t.TempDir(), "web.db")}
	if dsn := store.PostgresTestDSN(t); dsn != "" {
		out["postgres"] = dsn
	}
	return out
}

// Server is the product's HTTP handler (the one 'rekindle serve' runs) on
// a test listener, with its store and API.
type Server struct {
	*httptest.Server
	Store *store.Store
	API   *api.API
}

// New opens dsn and serves it with opts; the clock is testkit.Now unless
// opts sets one, so every seeded history and every page is on the same
// fixed day. REKINDLE_TEST_LOG=1 shows the server's log.
func New(t testing.TB, dsn string, opts cli.ServeOptions) *Server {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	log := slog.New(slog.DiscardHandler)
	if os.Getenv("REKINDLE_TEST_LOG") != "" {
		log = slog.Default()
	}
	if opts.Now == nil {
		opts.Now = testkit.Now
	}
	h, a, err := cli.NewServerHandler(st, log, opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &Server{Server: srv, Store: st, API: a}
}

// NewWithHook serves the API and the pages over dsn on the fixed clock as
// New does (wired by hand, without the security headers and metrics), and
// calls hook on every request after it is authenticated and before its
// handler runs: a test's way to change the world in the middle of a
// request (demote the account making it, revoke its token).
func NewWithHook(t testing.TB, dsn string, hook func(r *http.Request)) *Server {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	log := slog.New(slog.DiscardHandler)
	auth := server.NewAuth(st, log, false)
	app := athlete.Wire(st, athlete.Options{Log: log, Now: testkit.Now})
	a := api.New(api.Config{App: app, Auth: auth, Log: log})
	w, err := web.New(web.Config{App: app, Auth: auth, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Register(mux)
	w.Register(mux)
	h := auth.Middleware(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		hook(r)
		mux.ServeHTTP(rw, r)
	}))
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(rw, r.WithContext(athlete.WithStamps(r.Context())))
	}))
	t.Cleanup(srv.Close)
	return &Server{Server: srv, Store: st, API: a}
}

// NewSQLite is New on a fresh SQLite file.
func NewSQLite(t testing.TB, opts cli.ServeOptions) *Server {
	t.Helper()
	return New(t, filepath.Join(t.TempDir(), "t.db"), opts)
}

// Client is a browser-like client: a cookie jar, no redirects followed, the
// CSRF token of the last page it loaded.
type Client struct {
	T    testing.TB
	Base string
	HC   *http.Client
	CSRF string
	Auth string // Authorization header, for token clients
	// Header is sent with every request (Accept-Language, as a browser's).
	Header http.Header
}

// Client returns a new client of s.
func (s *Server) Client(t testing.TB) *Client { return NewClient(t, s.URL) }

// NewClient returns a new client of the server at base (http://host:port).
func NewClient(t testing.TB, base string) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{T: t, Base: base, HC: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var csrfMeta = regexp.MustCompile(`name="csrf-token" content="([^"]+)"`)

// Do sends a request; body may be nil, a string (form), []byte (JSON) or
// *Multipart. It returns the response and its body.
func (c *Client) Do(method, path string, body any) (*http.Response, string) {
	c.T.Helper()
	var rd io.Reader
	ct := ""
	switch b := body.(type) {
	case nil:
	case string:
		rd, ct = strings.NewReader(b), "application/x-www-form-urlencoded"
	case []byte:
		rd, ct = bytes.NewReader(b), "application/json"
	case *Multipart:
		rd, ct = bytes.NewReader(b.buf.Bytes()), b.ct
	}
	req, err := http.NewRequest(method, c.Base+path, rd)
	if err != nil {
		c.T.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if c.CSRF != "" && method != "GET" {
		req.Header.Set("X-CSRF-Token", c.CSRF)
	}
	if c.Auth != "" {
		req.Header.Set("Authorization", c.Auth)
	}
	for k, v := range c.Header {
		req.Header[k] = v
	}
	resp, err := c.HC.Do(req)
	if err != nil {
		c.T.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if m := csrfMeta.FindSubmatch(b); m != nil {
		c.CSRF = string(m[1])
	}
	return resp, string(b)
}

// RefreshCSRF loads a page to learn the current CSRF token.
func (c *Client) RefreshCSRF() {
	c.T.Helper()
	c.Do("GET", "/login", nil)
	c.Do("GET", "/settings", nil)
}

// JSONBody is v as a JSON request body.
func JSONBody(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// Multipart is a multipart/form-data request body.
type Multipart struct {
	buf bytes.Buffer
	ct  string
}

// FilesBody is a multipart body with the files at paths as "files".
func FilesBody(t testing.TB, paths ...string) *Multipart {
	t.Helper()
	m := &Multipart{}
	w := multipart.NewWriter(&m.buf)
	for _, p := range paths {
		f, err := w.CreateFormFile("files", filepath.Base(p))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f.Write(b)
	}
	w.Close()
	m.ct = w.FormDataContentType()
	return m
}

// Signup creates an account through the API and leaves c signed in.
func (c *Client) Signup(email string) {
	c.T.Helper()
	c.Do("GET", "/signup", nil)
	resp, body := c.Do("POST", "/api/v1/auth/signup", JSONBody(map[string]string{"email": email, "password": "correct horse battery", "name": strings.Split(email, "@")[0]}))
	if resp.StatusCode != http.StatusCreated {
		c.T.Fatalf("signup %s: %d %s", email, resp.StatusCode, body)
	}
	c.RefreshCSRF()
}

// Upload sends files to the API and returns the NDJSON events.
func (c *Client) Upload(paths ...string) []athlete.ImportEvent {
	c.T.Helper()
	resp, body := c.Do("POST", "/api/v1/uploads", FilesBody(c.T, paths...))
	if resp.StatusCode != 200 {
		c.T.Fatalf("upload: %d %s", resp.StatusCode, body)
	}
	var evs []athlete.ImportEvent
	for _, line := range strings.Split(strings.TrimSpace(body), "\n") {
		var e athlete.ImportEvent
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			c.T.Fatalf("upload event %q: %v", line, err)
		}
		evs = append(evs, e)
	}
	return evs
}

// AthleteID is the signed-in athlete's id (from /api/v1/me).
func (c *Client) AthleteID() int64 {
	c.T.Helper()
	_, body := c.Do("GET", "/api/v1/me", nil)
	var me struct {
		ID int64 `json:"athlete_id"`
	}
	if err := json.Unmarshal([]byte(body), &me); err != nil || me.ID == 0 {
		c.T.Fatalf("me: %s", body)
	}
	return me.ID
}

// Form is a multipart form as a page posts it: the CSRF token, fields (may
// be nil) and one file in field.
func (c *Client) Form(fields map[string]string, field, name string, data []byte) *Multipart {
	c.T.Helper()
	m := &Multipart{}
	w := multipart.NewWriter(&m.buf)
	w.WriteField("csrf_token", c.CSRF)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	f, err := w.CreateFormFile(field, name)
	if err != nil {
		c.T.Fatal(err)
	}
	f.Write(data)
	w.Close()
	m.ct = w.FormDataContentType()
	return m
}
