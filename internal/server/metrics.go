package server

import (
	"bytes"
	"crypto/subtle"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"rekindle/internal/cache"
	"runtime"
	"slices"
	"strconv"
	"strings"
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

	cachesMu sync.Mutex
	caches   []namedCache // Cache
}

type namedCache struct {
	name  string
	stats func() cache.Stats
}

// Cache exposes a cache's counters and sizes (package cache) under the
// label cache="name".
func (m *Metrics) Cache(name string, stats func() cache.Stats) {
	m.cachesMu.Lock()
	m.caches = append(m.caches, namedCache{name, stats})
	m.cachesMu.Unlock()
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

// MetricsAccess says who may read /metrics: clients in Allow (default
// loopback only) that did not come through a proxy, and anyone presenting
// Token as a bearer token ("Authorization: Bearer TOKEN", Prometheus'
// authorization/bearer_token setting).
type MetricsAccess struct {
	Allow []netip.Prefix // nil: 127.0.0.0/8 and ::1
	Token string         // empty: no token accepted
}

// ParseNetworks parses a comma-separated list of addresses or CIDR
// networks ("10.0.0.0/8, 192.168.1.5").
func ParseNetworks(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for f := range strings.SplitSeq(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("metrics networks: %q is neither an address nor a CIDR network", f)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

var loopbackNets = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}

// allowed reports whether r may read the metrics.
func (ac MetricsAccess) allowed(r *http.Request) bool {
	if ac.Token != "" {
		if got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok &&
			subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(ac.Token)) == 1 {
			return true
		}
	}
	// Behind a reverse proxy every client looks like the proxy's address:
	// a forwarded request never passes on its address alone.
	if r.Header.Get("X-Forwarded-For") != "" || r.Header.Get("Forwarded") != "" || r.Header.Get("X-Real-Ip") != "" {
		return false
	}
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	nets := ac.Allow
	if nets == nil {
		nets = loopbackNets
	}
	addr := ap.Addr().Unmap()
	for _, n := range nets {
		if n.Contains(addr) {
			return true
		}
	}
	return false
}

// Handler serves the metrics to the clients ac allows, 403 (401 with a
// token configured) to the others.
func (m *Metrics) Handler(ac MetricsAccess) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !ac.allowed(r) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			if ac.Token != "" {
				w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
				w.WriteHeader(http.StatusUnauthorized)
			} else {
				w.WriteHeader(http.StatusForbidden)
			}
			fmt.Fprintln(w, "metrics are not available to this client")
			return
		}
		m.ServeHTTP(w, r)
	})
}

// ServeHTTP writes the metrics to anyone; mount Handler to restrict them.
func (m *Metrics) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	m.render(&buf) // the lock is held only while rendering, never while the client reads
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}

// WriteTo writes the text exposition. It renders into memory first, so a
// slow writer never holds the lock every request needs.
func (m *Metrics) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	m.render(&buf)
	return buf.WriteTo(w)
}

// labelEscaper escapes a label value as the text exposition format wants:
// backslash, double quote and line feed.
var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

func label(v string) string { return `"` + labelEscaper.Replace(v) + `"` }

func family(b *bytes.Buffer, name, typ, help string) {
	fmt.Fprintf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
}

// render writes the exposition to b.
func (m *Metrics) render(b *bytes.Buffer) {
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
	family(b, "rekindle_http_requests_total", "counter", "HTTP requests by method, route and status code.")
	for _, k := range keys {
		fmt.Fprintf(b, "rekindle_http_requests_total{method=%s,route=%s,code=\"%d\"} %d\n",
			label(k.method), label(k.route), k.code, m.requests[k])
	}
	routes := make([]string, 0, len(m.hist))
	for r := range m.hist {
		routes = append(routes, r)
	}
	slices.Sort(routes)
	family(b, "rekindle_http_request_duration_seconds", "histogram", "HTTP request durations by route.")
	for _, r := range routes {
		h := m.hist[r]
		q := label(r)
		var cum uint64
		for i, le := range durationBuckets {
			cum += h.counts[i]
			fmt.Fprintf(b, "rekindle_http_request_duration_seconds_bucket{route=%s,le=\"%g\"} %d\n", q, le, cum)
		}
		fmt.Fprintf(b, "rekindle_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", q, h.count)
		fmt.Fprintf(b, "rekindle_http_request_duration_seconds_sum{route=%s} %g\n", q, h.sum)
		fmt.Fprintf(b, "rekindle_http_request_duration_seconds_count{route=%s} %d\n", q, h.count)
	}
	m.mu.Unlock()

	var names []string
	m.counters.Range(func(k, _ any) bool { names = append(names, k.(string)); return true })
	slices.Sort(names)
	for _, n := range names {
		v, _ := m.counters.Load(n)
		name := "rekindle_" + n + "_total"
		family(b, name, "counter", "Count of "+strings.ReplaceAll(n, "_", " ")+" events.")
		fmt.Fprintf(b, "%s %d\n", name, v.(*atomic.Int64).Load())
	}

	m.cachesMu.Lock()
	caches := slices.Clone(m.caches)
	m.cachesMu.Unlock()
	if len(caches) > 0 {
		stats := make([]cache.Stats, len(caches))
		for i, c := range caches {
			stats[i] = c.stats()
		}
		for _, f := range []struct {
			name, typ, help string
			v               func(cache.Stats) int64
		}{
			{"rekindle_cache_hits_total", "counter", "Cache lookups answered from the cache.", func(s cache.Stats) int64 { return s.Hits }},
			{"rekindle_cache_misses_total", "counter", "Cache lookups not answered (absent, or made at another stamp).", func(s cache.Stats) int64 { return s.Misses }},
			{"rekindle_cache_evictions_total", "counter", "Cache entries dropped to keep the cache's bounds.", func(s cache.Stats) int64 { return s.Evictions }},
			{"rekindle_cache_stale_total", "counter", "Cache entries dropped because the athlete's stamp moved.", func(s cache.Stats) int64 { return s.Stale }},
			{"rekindle_cache_entries", "gauge", "Entries in the cache.", func(s cache.Stats) int64 { return int64(s.Entries) }},
			{"rekindle_cache_bytes", "gauge", "Bytes of the values in the cache (as estimated when kept).", func(s cache.Stats) int64 { return int64(s.Bytes) }},
			{"rekindle_cache_max_bytes", "gauge", "The cache's bound in bytes.", func(s cache.Stats) int64 { return int64(s.MaxBytes) }},
		} {
			family(b, f.name, f.typ, f.help)
			for i, c := range caches {
				fmt.Fprintf(b, "%s{cache=%s} %d\n", f.name, label(c.name), f.v(stats[i]))
			}
		}
	}

	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	family(b, "rekindle_http_requests_in_flight", "gauge", "HTTP requests being served.")
	fmt.Fprintf(b, "rekindle_http_requests_in_flight %d\n", m.inflight.Load())
	family(b, "go_goroutines", "gauge", "Number of goroutines that currently exist.")
	fmt.Fprintf(b, "go_goroutines %d\n", runtime.NumGoroutine())
	family(b, "go_memstats_heap_alloc_bytes", "gauge", "Number of heap bytes allocated and still in use.")
	fmt.Fprintf(b, "go_memstats_heap_alloc_bytes %d\n", ms.HeapAlloc)
	family(b, "go_memstats_sys_bytes", "gauge", "Number of bytes obtained from the system.")
	fmt.Fprintf(b, "go_memstats_sys_bytes %d\n", ms.Sys)
	family(b, "process_uptime_seconds", "gauge", "Seconds since the process started.")
	fmt.Fprintf(b, "process_uptime_seconds %g\n", time.Since(m.start).Seconds())
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
