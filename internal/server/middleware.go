package server

import (
	"bufio"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"
)

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Flush lets streamed responses (import progress) reach the client.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Hijack is passed through for completeness.
func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if h, ok := w.ResponseWriter.(http.Hijacker); ok {
		return h.Hijack()
	}
	return nil, nil, errors.New("server: hijack not supported")
}

// Unwrap gives http.ResponseController access to the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Observe wraps h with panic recovery, metrics and one structured log line
// per request. routeOf names the request in metrics and logs (the mux
// pattern it matches, e.g. via (*http.ServeMux).Handler); nil uses r.Pattern.
func Observe(h http.Handler, log *slog.Logger, m *Metrics, routeOf func(*http.Request) string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		m.inflight.Add(1)
		defer func() {
			m.inflight.Add(-1)
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				if sw.status == 0 {
					http.Error(sw, "internal error", http.StatusInternalServerError)
				}
			}
			d := time.Since(start)
			status := sw.status
			if status == 0 {
				status = http.StatusOK
			}
			route := r.Pattern
			if routeOf != nil {
				route = routeOf(r)
			}
			if route == "" {
				route = "unmatched"
			}
			m.observe(r.Method, route, status, d)
			level := slog.LevelInfo
			if status >= 500 {
				level = slog.LevelError
			}
			if route == "GET /healthz" || route == "GET /readyz" || route == "GET /metrics" {
				level = slog.LevelDebug
			}
			log.LogAttrs(r.Context(), level, "request",
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.String("route", route),
				slog.Int("status", status),
				slog.Int64("bytes", sw.bytes),
				slog.Duration("duration", d),
				slog.String("remote", r.RemoteAddr),
			)
		}()
		h.ServeHTTP(sw, r)
	})
}

// Headers are the security headers of every response.
type Headers struct {
	// TileURL is the map tile template ("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png");
	// its origin is allowed as an image source.
	TileURL string
	// HSTS sends Strict-Transport-Security (set when served over TLS or behind a TLS proxy).
	HSTS bool
}

// Secure adds the security headers to every response.
func Secure(h http.Handler, cfg Headers) http.Handler {
	img := "'self' data:"
	if origin := tileOrigin(cfg.TileURL); origin != "" {
		img += " " + origin
	}
	csp := "default-src 'self'; img-src " + img + "; style-src 'self'; script-src 'self'; " +
		"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", csp)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		hd.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(self), payment=()")
		if cfg.HSTS {
			hd.Set("Strict-Transport-Security", "max-age=31536000")
		}
		h.ServeHTTP(w, r)
	})
}

// tileOrigin turns a tile template into a CSP source: the scheme and host,
// with a {s} subdomain placeholder widened to a wildcard.
func tileOrigin(tmpl string) string {
	if tmpl == "" {
		return ""
	}
	t := strings.NewReplacer("{s}", "sub", "{z}", "0", "{x}", "0", "{y}", "0", "{r}", "").Replace(tmpl)
	u, err := url.Parse(t)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return ""
	}
	host := u.Host
	if strings.HasPrefix(host, "sub.") {
		host = "*." + strings.TrimPrefix(host, "sub.")
	}
	return u.Scheme + "://" + host
}

// Health answers /healthz: 200 "ok" when ping succeeds, 503 otherwise.
func Health(ping func(*http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if ping != nil {
			if err := ping(r); err != nil {
				w.WriteHeader(http.StatusServiceUnavailable)
				fmt.Fprintln(w, "unavailable")
				return
			}
		}
		fmt.Fprintln(w, "ok")
	})
}
