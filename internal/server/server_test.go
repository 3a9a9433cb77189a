package server

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestPassword(t *testing.T) {
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q", h)
	}
	for _, tc := range []struct {
		pw   string
		want bool
	}{{"correct horse battery", true}, {"correct horse batterx", false}, {"", false}} {
		ok, err := CheckPassword(h, tc.pw)
		if err != nil || ok != tc.want {
			t.Errorf("CheckPassword(%q) = %v, %v", tc.pw, ok, err)
		}
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$m=99999999,t=1,p=1$AA$AA", "plain"} {
		if _, err := CheckPassword(bad, "x"); err == nil {
			t.Errorf("CheckPassword accepted hash %q", bad)
		}
	}
}

func TestLimiter(t *testing.T) {
	l := NewLimiter(3, time.Minute)
	now := time.Unix(0, 0)
	for i := range 3 {
		if ok, _ := l.Allow("a", now); !ok {
			t.Fatalf("attempt %d refused", i)
		}
	}
	if ok, wait := l.Allow("a", now); ok || wait <= 0 {
		t.Fatalf("4th attempt allowed (wait %v)", wait)
	}
	if ok, _ := l.Allow("b", now); !ok {
		t.Fatal("another key is limited too")
	}
	if ok, _ := l.Allow("a", now.Add(time.Minute)); !ok {
		t.Fatal("no token back after a minute")
	}
}

func TestTileOrigin(t *testing.T) {
	for in, want := range map[string]string{
		"https://tile.openstreetmap.org/{z}/{x}/{y}.png":  "https://tile.openstreetmap.org",
		"https://{s}.tile.example.com/{z}/{x}/{y}{r}.png": "https://*.tile.example.com",
		"http://127.0.0.1:9999/{z}/{x}/{y}.png":           "http://127.0.0.1:9999",
		"javascript:alert(1)":                             "",
		"":                                                "",
	} {
		if got := tileOrigin(in); got != want {
			t.Errorf("tileOrigin(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestObserveMetricsAndRecover(t *testing.T) {
	m := NewMetrics()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /ok", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	mux.HandleFunc("GET /boom", func(w http.ResponseWriter, r *http.Request) { panic("boom") })
	h := Observe(mux, slog.New(slog.DiscardHandler), m, func(r *http.Request) string { _, p := mux.Handler(r); return p })
	for _, p := range []string{"/ok", "/ok", "/boom"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", p, nil))
		if p == "/boom" && w.Code != 500 {
			t.Errorf("panic → %d", w.Code)
		}
	}
	var b strings.Builder
	m.WriteTo(&b)
	for _, want := range []string{
		`rekindle_http_requests_total{method="GET",route="GET /ok",code="200"} 2`,
		`rekindle_http_requests_total{method="GET",route="GET /boom",code="500"} 1`,
		`rekindle_http_request_duration_seconds_count{route="GET /ok"} 2`,
		"# TYPE rekindle_http_request_duration_seconds histogram",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("metrics lack %q:\n%s", want, b.String())
		}
	}
}

// signalHandler is a slog handler that closes a channel when a record
// with the given message is logged.
type signalHandler struct {
	msg  string
	seen chan struct{}
	once *sync.Once
}

func (h signalHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h signalHandler) Handle(_ context.Context, r slog.Record) error {
	if r.Message == h.msg {
		h.once.Do(func() { close(h.seen) })
	}
	return nil
}
func (h signalHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h signalHandler) WithGroup(string) slog.Handler      { return h }

func TestRunShutsDownGracefully(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan net.Addr, 1)
	entered := make(chan struct{})
	release := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
		io.WriteString(w, "done")
	})
	shutting := signalHandler{msg: "shutting down", seen: make(chan struct{}), once: new(sync.Once)}
	errc := make(chan error, 1)
	go func() {
		errc <- Run(ctx, Config{Addr: "127.0.0.1:0", Logger: slog.New(shutting)}, h, func(a net.Addr) { started <- a })
	}()
	addr := <-started
	got := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + addr.String() + "/")
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		got <- string(b)
	}()
	<-entered       // the request is in flight
	cancel()        // shutdown begins while it is
	<-shutting.seen // Run has begun shutting down
	close(release)
	if s := <-got; s != "done" {
		t.Errorf("in-flight request got %q", s)
	}
	if err := <-errc; err != nil {
		t.Errorf("Run: %v", err)
	}
}

func FuzzSplitCredential(f *testing.F) {
	f.Add("12.abcdefghijklmnopqrstuvwxyz012345", "", ".")
	f.Add("rk_7_abc_def_ghijklmnopqrstuvwxyz", "rk_", "_")
	f.Add("rk__", "rk_", "_")
	f.Fuzz(func(t *testing.T, v, prefix, sep string) {
		if sep == "" {
			return
		}
		id, secret, ok := splitCredential(v, prefix, sep)
		if ok && (id <= 0 || len(secret) < 20 || len(secret) > 100) {
			t.Fatalf("accepted %q → %d %q", v, id, secret)
		}
	})
}

func FuzzCheckPasswordHash(f *testing.F) {
	f.Add("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g")
	f.Add("$argon2id$v=19$m=0,t=0,p=0$$")
	f.Fuzz(func(t *testing.T, hash string) {
		// Keep fuzzing cheap: only small memory parameters get hashed.
		if strings.Contains(hash, "m=") && !strings.Contains(hash, "m=8,") {
			return
		}
		CheckPassword(hash, "pw") // must not panic
	})
}
