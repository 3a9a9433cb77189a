// Package api is rekindle's JSON API under /api/v1, a shell over the
// application layer (package athlete) that the HTML pages share. Errors are
// {"error":{"code","message"}} with the status mapped in package server;
// lists are paginated with page/per_page and a next_page field.
package api

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/httpio"
	"rekindle/internal/server"
)

// Config is what the API needs: the application layer it is a shell over
// (the server shares one App between the API and the pages).
type Config struct {
	App  *athlete.App // nil: an App with no store (only the OpenAPI document works)
	Auth *server.Auth
	Log  *slog.Logger
	// MaxUploadBytes caps one upload request (default 1 GiB).
	MaxUploadBytes int64
}

// API serves /api/v1: it parses requests, calls the application layer
// (package athlete, embedded) and writes JSON.
type API struct {
	*athlete.App
	io  *httpio.Shared
	cfg Config
	log *slog.Logger
}

// New makes the API.
func New(cfg Config) *API {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.MaxUploadBytes == 0 {
		cfg.MaxUploadBytes = 1 << 30
	}
	if cfg.App == nil {
		cfg.App = athlete.New(athlete.Config{Log: cfg.Log})
	}
	return &API{App: cfg.App, io: httpio.New(cfg.App, cfg.Auth, cfg.Log, cfg.MaxUploadBytes), cfg: cfg, log: cfg.Log}
}

// Auth returns the authenticator.
func (a *API) Auth() *server.Auth { return a.cfg.Auth }

// handler is an API handler that returns its error.
type handler func(w http.ResponseWriter, r *http.Request, p *server.Principal) error

// authed runs h for a signed-in principal, 401 otherwise.
func authed(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := server.PrincipalFrom(r.Context())
		if p == nil {
			server.WriteError(w, r, &rekindle.Error{Code: rekindle.CodeUnauthorized, Message: "sign in or send an API token"})
			return
		}
		if err := h(w, r, p); err != nil {
			server.WriteError(w, r, err)
		}
	})
}

// anon runs h for anyone.
func anon(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r, server.PrincipalFrom(r.Context())); err != nil {
			server.WriteError(w, r, err)
		}
	})
}

// admin runs h for a principal who is the admin now: p.Admin and, for an
// account, its admin right read again as the handler starts
// (server.Auth.RequireAdmin); handlers that write check once more in the
// write's transaction (server.AdminActor).
func (a *API) admin(h handler) http.Handler {
	return authed(func(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
		if err := a.cfg.Auth.RequireAdmin(r.Context(), p); err != nil {
			return err
		}
		return h(w, r, p)
	})
}

func invalid(msg string) error { return &rekindle.Error{Code: rekindle.CodeInvalid, Message: msg} }

// decodeJSON reads a JSON body (at most 1 MiB) into v, strictly.
func decodeJSON(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return &rekindle.Error{Code: rekindle.CodeUnsupported, Message: "send application/json"}
	}
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return &rekindle.Error{Code: rekindle.CodeInvalid, Message: "bad JSON body: " + err.Error()}
	}
	return nil
}

func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, &rekindle.Error{Code: rekindle.CodeNotFound, Message: "not found"}
	}
	return id, nil
}

func notFound(what string) error {
	return &rekindle.Error{Code: rekindle.CodeNotFound, Message: what + " not found"}
}

// isNotFound reports a not-found error from the store.
func isNotFound(err error) bool { return errors.Is(err, rekindle.ErrNotFound) }
