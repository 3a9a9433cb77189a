package server

import (
	"fmt"
	"io"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// durationBuckets are the upper bounds, in seconds, of the request duration histogram.
var durationBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// Metrics counts requests and their durations and writes them in the
// Prometheus text exposition format. The zero value is not usable; use NewMetrics.
type Metrics struct {
	start    time.Time
	inflight atomic.Int64

	mu       sync.Mutex
	requests map[reqKey]uint64
	hist     map[string]*histogram

	counters sync.Map // name → *atomic.Int64, counters other parts add (logins, imports)
}

type reqKey struct {
	method, route string
	code          int
}

type histogram struct {
	counts []uint64 // per bucket, not cumulative
	sum    float64
	count  uint64
}

// NewMetrics makes an empty set of metrics.
func NewMetrics() *Metrics {
	return &Metrics{start: time.Now(), requests: map[reqKey]uint64{}, hist: map[string]*histogram{}}
}

func (m *Metrics) observe(method, route string, code int, d time.Duration) {
	s := d.Seconds()
	m.mu.Lock()
	m.requests[reqKey{method, route, code}]++
	h := m.hist[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(durationBuckets))}
		m.hist[route] = h
	}
	for i, b := range durationBuckets {
		if s <= b {
			h.counts[i]++
			break
		}
	}
	h.sum += s
	h.count++
	m.mu.Unlock()
}

// Add increments a named counter (exposed as rekindle_<name>_total).
func (m *Metrics) Add(name string, n int64) {
	v, _ := m.counters.LoadOrStore(name, new(atomic.Int64))
	v.(*atomic.Int64).Add(n)
}

// ServeHTTP writes the metrics.
func (m *Metrics) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	m.WriteTo(w)
}

// WriteTo writes the text exposition.
func (m *Metrics) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	m.mu.Lock()
	keys := make([]reqKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b reqKey) int {
		if a.route != b.route {
			return cmpStr(a.route, b.route)
		}
		if a.method != b.method {
			return cmpStr(a.method, b.method)
		}
		return a.code - b.code
	})
	fmt.Fprintln(cw, "# HELP rekindle_http_requests_total HTTP requests by method, route and status code.")
	fmt.Fprintln(cw, "# TYPE rekindle_http_requests_total counter")
	for _, k := range keys {
		fmt.Fprintf(cw, "rekindle_http_requests_total{method=%s,route=%s,code=\"%d\"} %d\n",
			strconv.Quote(k.method), strconv.Quote(k.route), k.code, m.requests[k])
	}
	routes := make([]string, 0, len(m.hist))
	for r := range m.hist {
		routes = append(routes, r)
	}
	slices.Sort(routes)
	fmt.Fprintln(cw, "# HELP rekindle_http_request_duration_seconds HTTP request durations by route.")
	fmt.Fprintln(cw, "# TYPE rekindle_http_request_duration_seconds histogram")
	for _, r := range routes {
		h := m.hist[r]
		q := strconv.Quote(r)
		var cum uint64
		for i, b := range durationBuckets {
			cum += h.counts[i]
			fmt.Fprintf(cw, "rekindle_http_request_duration_seconds_bucket{route=%s,le=\"%g\"} %d\n", q, b, cum)
		}
		fmt.Fprintf(cw, "rekindle_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", q, h.count)
		fmt.Fprintf(cw, "rekindle_http_request_duration_seconds_sum{route=%s} %g\n", q, h.sum)
		fmt.Fprintf(cw, "rekindle_http_request_duration_seconds_count{route=%s} %d\n", q, h.count)
	}
	m.mu.Unlock()

	var names []string
	m.counters.Range(func(k, _ any) bool { names = append(names, k.(string)); return true })
	slices.Sort(names)
	for _, n := range names {
		v, _ := m.counters.Load(n)
		fmt.Fprintf(cw, "# TYPE rekindle_%s_total counter\nrekindle_%s_total %d\n", n, n, v.(*atomic.Int64).Load())
	}

	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(cw, "# TYPE rekindle_http_requests_in_flight gauge\nrekindle_http_requests_in_flight %d\n", m.inflight.Load())
	fmt.Fprintf(cw, "# TYPE go_goroutines gauge\ngo_goroutines %d\n", runtime.NumGoroutine())
	fmt.Fprintf(cw, "# TYPE go_memstats_heap_alloc_bytes gauge\ngo_memstats_heap_alloc_bytes %d\n", ms.HeapAlloc)
	fmt.Fprintf(cw, "# TYPE go_memstats_sys_bytes gauge\ngo_memstats_sys_bytes %d\n", ms.Sys)
	fmt.Fprintf(cw, "# TYPE process_uptime_seconds gauge\nprocess_uptime_seconds %g\n", time.Since(m.start).Seconds())
	return cw.n, cw.err
}

func cmpStr(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.err = err
	return n, err
}
