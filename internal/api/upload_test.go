package api_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"rekindle/internal/api"
	"rekindle/internal/athlete"
	"rekindle/internal/cli"
	"rekindle/internal/server"
	"rekindle/internal/store"
	"rekindle/internal/testkit/testserver"
)

// gpxRun is a small valid GPX run starting at day (a fixed date per file).
func gpxRun(day int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Run</name><trkseg>`)
	t0 := time.Date(2024, 3, 1, 7, 0, 0, 0, time.UTC).AddDate(0, 0, day)
	for i := range 120 {
		fmt.Fprintf(&b, `<trkpt lat="%.6f" lon="7.4"><time>%s</time></trkpt>`, 43.7+float64(i)*0.00003, t0.Add(time.Duration(i)*time.Second).Format(time.RFC3339))
	}
	b.WriteString(`</trkseg></trk></gpx>`)
	return []byte(b.String())
}

// uploadClient talks to a real server in single-user mode from loopback,
// with the visitor's CSRF cookie and header like the page's script.
type uploadClient struct {
	t    testing.TB
	base string
	hc   *http.Client
	csrf string
}

func newUploadClient(t testing.TB, base string) *uploadClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &uploadClient{t: t, base: base, hc: &http.Client{Jar: jar}}
	resp, err := c.hc.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, ck := range resp.Cookies() {
		if ck.Name == "rk_csrf" {
			c.csrf = ck.Value
		}
	}
	if c.csrf == "" {
		t.Fatal("no CSRF cookie")
	}
	return c
}

func multipartFiles(t testing.TB, files map[string][]byte) (*bytes.Buffer, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for name, data := range files {
		fw, err := mw.CreateFormFile("files", name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(data)
	}
	mw.Close()
	return &body, mw.FormDataContentType()
}

// upload posts files to /api/v1/uploads and returns the NDJSON events.
func (c *uploadClient) upload(ctx context.Context, files map[string][]byte) ([]athlete.ImportEvent, error) {
	body, ct := multipartFiles(c.t, files)
	req, _ := http.NewRequestWithContext(ctx, "POST", c.base+"/api/v1/uploads", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set(server.CSRFHeader, c.csrf)
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(resp.Body)
		return nil, fmt.Errorf("status %d: %s", resp.StatusCode, b)
	}
	var evs []athlete.ImportEvent
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		var e athlete.ImportEvent
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("event %q: %w", sc.Text(), err)
		}
		evs = append(evs, e)
	}
	return evs, sc.Err()
}

func newRealServer(t testing.TB) (*testserver.Server, *store.Store) {
	t.Helper()
	srv := testserver.NewSQLite(t, cli.ServeOptions{SingleUser: true, RoutesInline: true})
	return srv, srv.Store
}

// TestUploadRealHandler uploads through the real HTTP handler, once and
// several times at once; under -race the importer's concurrent callbacks
// (workers and the progress reporter) must not race on the tally.
func TestUploadRealHandler(t *testing.T) {
	srv, st := newRealServer(t)
	c := newUploadClient(t, srv.URL)
	ctx := context.Background()

	evs, err := c.upload(ctx, map[string][]byte{"a.gpx": gpxRun(0), "b.gpx": gpxRun(1), "c.gpx": gpxRun(2)})
	if err != nil {
		t.Fatal(err)
	}
	last := evs[len(evs)-1]
	if last.Status != "done" || last.Message != "3 imported" {
		t.Fatalf("last event %+v", last)
	}

	const n = 4
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			files := map[string][]byte{}
			for j := range 3 {
				files[fmt.Sprintf("u%d-%d.gpx", i, j)] = gpxRun(10 + 3*i + j)
			}
			evs, err := c.upload(ctx, files)
			if err != nil {
				errs <- err
				return
			}
			if last := evs[len(evs)-1]; last.Status != "done" || last.Message != "3 imported" {
				errs <- fmt.Errorf("upload %d: last event %+v", i, last)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	ath, err := st.DefaultAthlete(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := st.CountActivities(ctx, ath.ID); err != nil || got != 3+3*n {
		t.Fatalf("%d activities (%v), want %d", got, err, 3+3*n)
	}
}

// blockingImporter reports that it received the files, then waits for its
// context: it stands for an import that is still running when the client
// goes away.
type blockingImporter struct {
	started, stopped chan struct{}
}

func (b blockingImporter) Import(ctx context.Context, athleteID int64, files []athlete.UploadFile, emit func(athlete.ImportEvent)) error {
	emit(athlete.ImportEvent{File: files[0].Name, Status: "received", Total: len(files)})
	close(b.started)
	<-ctx.Done()
	close(b.stopped)
	return ctx.Err()
}

// TestUploadStopsWhenClientLeaves: the handler passes the request's context
// to the importer, which is cancelled when the client disconnects.
func TestUploadStopsWhenClientLeaves(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	log := slog.New(slog.DiscardHandler)
	auth := server.NewAuth(st, log, true)
	imp := blockingImporter{started: make(chan struct{}), stopped: make(chan struct{})}
	a := api.New(api.Config{App: athlete.New(athlete.Config{Store: st, Log: log, Importer: imp}), Auth: auth, Log: log})
	mux := http.NewServeMux()
	a.Register(mux)
	srv := httptest.NewServer(auth.Middleware(mux))
	defer srv.Close()
	c := newUploadClient(t, srv.URL)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	body, ct := multipartFiles(t, map[string][]byte{"a.gpx": gpxRun(0)})
	req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/api/v1/uploads", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set(server.CSRFHeader, c.csrf)
	resp, err := c.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(resp.Body).ReadString('\n')
	if err != nil || !strings.Contains(line, `"received"`) {
		t.Fatalf("first event %q, %v", line, err)
	}
	<-imp.started
	cancel() // the client goes away
	resp.Body.Close()
	select {
	case <-imp.stopped:
	case <-time.After(30 * time.Second): // a failure bound, not a synchronisation
		t.Fatal("the import still runs after the client went away")
	}
}

// leftoverUploads lists the upload spool folders left in dir.
func leftoverUploads(t testing.TB, dir string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "rekindle-upload-*"))
	return m
}

var csrfInput = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// TestUploadFormWithoutJavaScript: the upload page's form, posted as a
// browser without JavaScript does (multipart, the token as its first field,
// no header), imports through the real server.
func TestUploadFormWithoutJavaScript(t *testing.T) {
	srv, _ := newRealServer(t)
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar}
	resp, err := hc.Get(srv.URL + "/upload")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfInput.FindSubmatch(page)
	if m == nil {
		t.Fatalf("no csrf_token in the upload page:\n%s", page)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf_token", string(m[1]))
	fw, _ := mw.CreateFormFile("files", "morning.gpx")
	fw.Write(gpxRun(0))
	mw.Close()
	resp, err = hc.Post(srv.URL+"/upload", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(out, []byte("Done: 1 imported")) {
		t.Fatalf("status %d:\n%s", resp.StatusCode, out)
	}

	// The same form with a wrong token is refused.
	body.Reset()
	mw = multipart.NewWriter(&body)
	mw.WriteField("csrf_token", "not-the-token-at-all-xxxxxxxx")
	fw, _ = mw.CreateFormFile("files", "evening.gpx")
	fw.Write(gpxRun(1))
	mw.Close()
	resp, err = hc.Post(srv.URL+"/upload", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Fatalf("wrong token: status %d", resp.StatusCode)
	}
}

// countingBody is an endless body that counts what was read of it.
type countingBody struct{ n int64 }

func (c *countingBody) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	c.n += int64(len(p))
	return len(p), nil
}

// TestOversizedAnonymousPostRefused: an anonymous POST of a huge body is
// refused with 403 after reading at most MaxFormTokenPrefix bytes of it.
func TestOversizedAnonymousPostRefused(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h, _, err := cli.NewServerHandler(st, slog.New(slog.DiscardHandler), cli.ServeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	const visitor = "visitor-token-0123456789abcdef"
	for _, tc := range []struct {
		name, path, ct string
		cookie         bool
		prefix         string
	}{
		{"no cookie, form", "/login", "application/x-www-form-urlencoded", false, "email=a"},
		{"no cookie, upload", "/upload", "multipart/form-data; boundary=XX", false, "--XX\r\n"},
		{"cookie, form without token", "/login", "application/x-www-form-urlencoded", true, "email=a"},
		{"cookie, form with a huge token", "/login", "application/x-www-form-urlencoded", true, "csrf_token="},
		{"cookie, multipart file first", "/upload", "multipart/form-data; boundary=XX", true,
			"--XX\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.gpx\"\r\n\r\n"},
		{"cookie, API upload", "/api/v1/uploads", "multipart/form-data; boundary=XX", true, "--XX\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cb := &countingBody{}
			body := io.MultiReader(strings.NewReader(tc.prefix), cb)
			r := httptest.NewRequest("POST", tc.path, body)
			r.ContentLength = 1 << 30
			r.RemoteAddr = "203.0.113.9:4000"
			r.Header.Set("Content-Type", tc.ct)
			if tc.cookie {
				r.AddCookie(&http.Cookie{Name: "rk_csrf", Value: visitor})
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != 403 {
				t.Errorf("status %d, want 403: %s", w.Code, w.Body.String())
			}
			if read := cb.n + int64(len(tc.prefix)); read > server.MaxFormTokenPrefix {
				t.Errorf("read %d bytes of the body before refusing it", read)
			}
		})
	}
}

const fuzzToken = "fuzz-csrf-token-0123456789abcdef"

// FuzzUploadEdge sends arbitrary bodies, content types and sizes to the
// upload and form handlers of the real server (single-user, loopback):
// never a panic (the server turns one into a 500), never a 5xx for client
// garbage, no spool folder left behind.
//
// Run it with a short minimization budget:
//
//	go test -run '^$' -fuzz FuzzUploadEdge -fuzztime 60s -fuzzminimizetime 1s ./internal/api/
//
// Each exec is quick (a worker runs ~350 a second), but the coverage-
// instrumented dependencies (SQLite, the router, the parsers) make almost
// every early mutation "interesting", and Go minimizes each for up to
// -fuzzminimizetime (60 s by default) before reporting back: with the
// default, a 60 s run shows ~10 execs and no progress.
func FuzzUploadEdge(f *testing.F) {
	tmp := f.TempDir()
	f.Setenv("TMPDIR", tmp)
	st, err := store.Open(context.Background(), filepath.Join(f.TempDir(), "t.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	h, _, err := cli.NewServerHandler(st, slog.New(slog.DiscardHandler), cli.ServeOptions{SingleUser: true, RoutesInline: true})
	if err != nil {
		f.Fatal(err)
	}
	seed := func(fields map[string]string, files map[string][]byte) ([]byte, string) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		mw.SetBoundary("fuzzboundary")
		mw.WriteField("csrf_token", fuzzToken)
		for k, v := range fields {
			mw.WriteField(k, v)
		}
		for n, d := range files {
			fw, _ := mw.CreateFormFile("files", n)
			fw.Write(d)
		}
		mw.Close()
		return b.Bytes(), mw.FormDataContentType()
	}
	b, ct := seed(nil, map[string][]byte{"a.gpx": gpxRun(0)})
	f.Add(uint8(0), b, ct, false)
	f.Add(uint8(1), b, ct, true)
	b, ct = seed(nil, map[string][]byte{"../../x.gpx": []byte("<gpx"), "b.fit": {14, 16, 0, 0}, "c.zip": []byte("PK\x03\x04")})
	f.Add(uint8(1), b, ct, false)
	b, ct = seed(map[string]string{"email": "a@b.c", "password": "x"}, nil)
	f.Add(uint8(2), b, ct, false)
	f.Add(uint8(2), []byte("csrf_token="+fuzzToken+"&email=a%40b.c&password=wrong"), "application/x-www-form-urlencoded", false)
	f.Add(uint8(0), []byte("--fuzzboundary\r\n"), "multipart/form-data; boundary=fuzzboundary", true)
	f.Add(uint8(3), []byte{}, "", true)
	paths := []string{"/api/v1/uploads", "/upload", "/login", "/settings/profile"}
	f.Fuzz(func(t *testing.T, which uint8, body []byte, ct string, header bool) {
		r := httptest.NewRequest("POST", paths[int(which)%len(paths)], bytes.NewReader(body))
		r.RemoteAddr = "127.0.0.1:4000"
		r.Host = "localhost"
		r.Header.Set("Content-Type", ct)
		r.AddCookie(&http.Cookie{Name: "rk_csrf", Value: fuzzToken})
		if header {
			r.Header.Set(server.CSRFHeader, fuzzToken)
		}
		w := httptest.NewRecorder()
		done := make(chan struct{})
		go func() { h.ServeHTTP(w, r); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second): // a hang bound, far above any real exec
			t.Fatalf("%s %q hangs on body %q", r.URL.Path, ct, body)
		}
		if w.Code >= 500 {
			t.Fatalf("%s %q → %d: %s", r.URL.Path, ct, w.Code, w.Body.String())
		}
		if left := leftoverUploads(t, tmp); len(left) > 0 {
			t.Fatalf("left behind: %v", left)
		}
	})
}
