package web_test

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
	"rekindle/internal/api"
	"rekindle/internal/athlete"
	"strings"
	"testing"

	"rekindle/internal/cli"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// testdata is the real device files of testdata/activities (the test
// fails when they are missing).
func testdata(t testing.TB) string {
	t.Helper()
	return testkit.Activities(t)
}

// stores returns the databases to test against: a fresh SQLite file, and
// PostgreSQL when REKINDLE_TEST_POSTGRES is set.
func stores(t *testing.T) map[string]string {
	out := map[string]string{"sqlite": filepath.Join(t.TempDir(), "web.db")}
	if dsn := store.PostgresTestDSN(t); dsn != "" { // a fresh schema of its own
		out["postgres"] = dsn
	}
	return out
}

type testServer struct {
	*httptest.Server
	Store *store.Store
	API   *api.API
}

func newServer(t testing.TB, dsn string, opts cli.ServeOptions) *testServer {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if os.Getenv("REKINDLE_TEST_LOG") != "" {
		log = slog.Default()
	}
	if opts.Now == nil {
		opts.Now = testkit.Now // every seeded history and every page on the same fixed day
	}
	h, a, err := cli.NewServerHandler(st, log, opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &testServer{Server: srv, Store: st, API: a}
}

// client is a browser-like client: a cookie jar, no redirects followed.
type client struct {
	t    testing.TB
	base string
	hc   *http.Client
	csrf string
	auth string // Authorization header, for token clients
}

func (s *testServer) client(t testing.TB) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: s.URL, hc: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var csrfMeta = regexp.MustCompile(`name="csrf-token" content="([^"]+)"`)

// do sends a request; body may be nil, a string (form), []byte (JSON) or *multipart.
func (c *client) do(method, path string, body any) (*http.Response, string) {
	c.t.Helper()
	var rd io.Reader
	ct := ""
	switch b := body.(type) {
	case nil:
	case string:
		rd, ct = strings.NewReader(b), "application/x-www-form-urlencoded"
	case []byte:
		rd, ct = bytes.NewReader(b), "application/json"
	case *multipartBody:
		rd, ct = bytes.NewReader(b.buf.Bytes()), b.ct
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if c.csrf != "" && method != "GET" {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	if c.auth != "" {
		req.Header.Set("Authorization", c.auth)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if m := csrfMeta.FindSubmatch(b); m != nil {
		c.csrf = string(m[1])
	}
	return resp, string(b)
}

// refreshCSRF loads a page to learn the current CSRF token.
func (c *client) refreshCSRF() {
	c.t.Helper()
	c.do("GET", "/login", nil)
	c.do("GET", "/settings", nil)
}

func jsonBody(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

type multipartBody struct {
	buf bytes.Buffer
	ct  string
}

func filesBody(t testing.TB, paths ...string) *multipartBody {
	t.Helper()
	m := &multipartBody{}
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

// signup creates an account through the API and leaves c signed in.
func (c *client) signup(email string) {
	c.t.Helper()
	c.do("GET", "/signup", nil)
	resp, body := c.do("POST", "/api/v1/auth/signup", jsonBody(map[string]string{"email": email, "password": "correct horse battery", "name": strings.Split(email, "@")[0]}))
	if resp.StatusCode != http.StatusCreated {
		c.t.Fatalf("signup %s: %d %s", email, resp.StatusCode, body)
	}
	c.refreshCSRF()
}

// upload sends files to the API and returns the NDJSON events.
func (c *client) upload(paths ...string) []athlete.ImportEvent {
	c.t.Helper()
	resp, body := c.do("POST", "/api/v1/uploads", filesBody(c.t, paths...))
	if resp.StatusCode != 200 {
		c.t.Fatalf("upload: %d %s", resp.StatusCode, body)
	}
	var evs []athlete.ImportEvent
	for _, line := range strings.Split(strings.TrimSpace(body), "\n") {
		var e athlete.ImportEvent
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			c.t.Fatalf("upload event %q: %v", line, err)
		}
		evs = append(evs, e)
	}
	return evs
}

func mustRead(t testing.TB, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustWrite(t testing.TB, p string, b []byte) {
	t.Helper()
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
