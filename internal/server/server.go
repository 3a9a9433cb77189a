// Package server runs rekindle's HTTP side: the http.Server with its timeouts
// and graceful shutdown, the middleware every request passes through (request
// logs, metrics, security headers, panic recovery) and authentication
// (sessions, API tokens, CSRF, login rate limiting, single-user mode).
// Pages and the JSON API are mounted by packages web and api.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Config is how the server listens.
type Config struct {
	Addr   string // ":8080"
	Logger *slog.Logger

	ReadHeaderTimeout time.Duration // default 10 s
	ReadTimeout       time.Duration // default 5 min (uploads)
	WriteTimeout      time.Duration // default 10 min (streamed import progress)
	IdleTimeout       time.Duration // default 2 min
	ShutdownTimeout   time.Duration // default 20 s
}

func (c *Config) defaults() {
	if c.Addr == "" {
		c.Addr = ":8080"
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.ReadHeaderTimeout == 0 {
		c.ReadHeaderTimeout = 10 * time.Second
	}
	if c.ReadTimeout == 0 {
		c.ReadTimeout = 5 * time.Minute
	}
	if c.WriteTimeout == 0 {
		c.WriteTimeout = 10 * time.Minute
	}
	if c.IdleTimeout == 0 {
		c.IdleTimeout = 2 * time.Minute
	}
	if c.ShutdownTimeout == 0 {
		c.ShutdownTimeout = 20 * time.Second
	}
}

// Run listens on cfg.Addr and serves h until ctx is cancelled, then shuts
// down gracefully: it stops accepting, lets in-flight requests finish (up to
// ShutdownTimeout) and returns. ready, when not nil, receives the bound
// address once listening (useful with ":0").
func Run(ctx context.Context, cfg Config, h http.Handler, ready func(addr net.Addr)) error {
	cfg.defaults()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("server: listen %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: cfg.ReadHeaderTimeout,
		ReadTimeout:       cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	cfg.Logger.Info("listening", "addr", ln.Addr().String())
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("server: serve: %w", err)
	case <-ctx.Done():
	}
	cfg.Logger.Info("shutting down", "grace", cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("server: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("server: serve: %w", err)
	}
	return nil
}
