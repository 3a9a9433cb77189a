package server

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"rekindle/internal/cache"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// TestMetricsExposition checks the output with Prometheus' own parser:
// every line parses, every family has HELP and TYPE, and label values with
// a backslash, a quote and a newline come back as they went in.
func TestMetricsExposition(t *testing.T) {
	m := NewMetrics()
	odd := "GET /odd\\path \"quoted\"\nnext line"
	m.observe("GET", odd, 200, 0)
	m.observe("POST", "POST /upload", 413, 3e9)
	m.Add("logins", 2)
	c := cache.New[string, int, int](4, 100)
	c.Put(1, "v", 1, 1, 10)
	c.Get(1, "v", 1)
	c.Get(1, "v", 2)
	m.Cache("responses", c.Stats)
	var b bytes.Buffer
	if _, err := m.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatalf("exposition does not parse: %v\n%s", err, b.String())
	}
	for _, want := range []string{"rekindle_http_requests_total", "rekindle_http_request_duration_seconds", "rekindle_logins_total",
		"rekindle_cache_hits_total", "rekindle_cache_misses_total", "rekindle_cache_evictions_total", "rekindle_cache_entries", "rekindle_cache_bytes",
		"rekindle_http_requests_in_flight", "go_goroutines", "go_memstats_heap_alloc_bytes", "go_memstats_sys_bytes", "process_uptime_seconds"} {
		if fams[want] == nil {
			t.Errorf("family %s missing", want)
		}
	}
	for name, f := range fams {
		if f.GetHelp() == "" {
			t.Errorf("family %s has no HELP", name)
		}
	}
	// Every line is a comment of a known family or a sample of one.
	for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		if strings.HasPrefix(line, "# ") {
			f := strings.Fields(line)
			if len(f) < 4 || (f[1] != "HELP" && f[1] != "TYPE") || fams[f[2]] == nil {
				t.Errorf("comment line %q", line)
			}
			continue
		}
		lp := expfmt.NewTextParser(model.UTF8Validation)
		one, err := lp.TextToMetricFamilies(strings.NewReader(line + "\n"))
		if err != nil || len(one) != 1 {
			t.Errorf("line %q: %v", line, err)
		}
	}
	found := false
	for _, mt := range fams["rekindle_http_requests_total"].GetMetric() {
		for _, l := range mt.GetLabel() {
			if l.GetName() == "route" && l.GetValue() == odd {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("label value %q did not survive escaping:\n%s", odd, b.String())
	}
	if got := fams["rekindle_logins_total"].GetMetric()[0].GetCounter().GetValue(); got != 2 {
		t.Errorf("logins = %v", got)
	}
	for name, want := range map[string]float64{"rekindle_cache_hits_total": 1, "rekindle_cache_misses_total": 1, "rekindle_cache_stale_total": 1} {
		mt := fams[name].GetMetric()[0]
		if got := mt.GetCounter().GetValue(); got != want || mt.GetLabel()[0].GetValue() != "responses" {
			t.Errorf("%s = %v %v, want %v", name, got, mt.GetLabel(), want)
		}
	}
	if got := fams["rekindle_cache_entries"].GetMetric()[0].GetGauge().GetValue(); got != 0 {
		t.Errorf("cache entries = %v (the stale one was dropped)", got)
	}
}

// stallingWriter blocks its first Write until released: a scraper that
// stopped reading.
type stallingWriter struct {
	http.ResponseWriter
	entered, release chan struct{}
}

func (s *stallingWriter) Write(p []byte) (int, error) {
	close(s.entered)
	<-s.release
	return s.ResponseWriter.Write(p)
}

// TestMetricsWriteDoesNotHoldTheLock: while a scrape's write is stuck,
// requests are still observed (the lock is not held while writing).
func TestMetricsWriteDoesNotHoldTheLock(t *testing.T) {
	m := NewMetrics()
	m.observe("GET", "GET /", 200, 0)
	sw := &stallingWriter{ResponseWriter: httptest.NewRecorder(), entered: make(chan struct{}), release: make(chan struct{})}
	done := make(chan struct{})
	go func() {
		m.ServeHTTP(sw, httptest.NewRequest("GET", "/metrics", nil))
		close(done)
	}()
	<-sw.entered
	m.observe("GET", "GET /", 200, 0) // would deadlock if the lock were held
	close(sw.release)
	<-done
}

func TestMetricsAccess(t *testing.T) {
	m := NewMetrics()
	nets, err := ParseNetworks("10.0.0.0/8, 192.0.2.7")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseNetworks("10.0.0.0/8, nonsense"); err == nil {
		t.Error("ParseNetworks accepted nonsense")
	}
	get := func(h http.Handler, remote string, hdr map[string]string) int {
		r := httptest.NewRequest("GET", "/metrics", nil)
		r.RemoteAddr = remote
		for k, v := range hdr {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code == 200 {
			body, _ := io.ReadAll(w.Body)
			if !bytes.Contains(body, []byte("# HELP")) {
				t.Errorf("200 without metrics")
			}
		}
		return w.Code
	}
	def := m.Handler(MetricsAccess{})
	withNets := m.Handler(MetricsAccess{Allow: nets})
	withToken := m.Handler(MetricsAccess{Token: "s3cret-scrape-token"})
	for _, tc := range []struct {
		name   string
		h      http.Handler
		remote string
		hdr    map[string]string
		want   int
	}{
		{"loopback v4", def, "127.0.0.1:5000", nil, 200},
		{"loopback v6", def, "[::1]:5000", nil, 200},
		{"remote", def, "203.0.113.5:5000", nil, 403},
		{"loopback via a proxy", def, "127.0.0.1:5000", map[string]string{"X-Forwarded-For": "203.0.113.5"}, 403},
		{"allowed network", withNets, "10.1.2.3:5000", nil, 200},
		{"allowed address", withNets, "192.0.2.7:5000", nil, 200},
		{"loopback not listed", withNets, "127.0.0.1:5000", nil, 403},
		{"token", withToken, "203.0.113.5:5000", map[string]string{"Authorization": "Bearer s3cret-scrape-token"}, 200},
		{"wrong token", withToken, "203.0.113.5:5000", map[string]string{"Authorization": "Bearer nope"}, 401},
		{"no token", withToken, "203.0.113.5:5000", nil, 401},
	} {
		if got := get(tc.h, tc.remote, tc.hdr); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
}
