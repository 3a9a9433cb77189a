// Package api is rekindle's JSON API under /api/v1 and the application layer
// the HTML pages share: it gathers an athlete's data from the store, runs the
// pure analysis packages (spark, training) and returns views. Errors are
// {"error":{"code","message"}} with the status mapped in package server;
// lists are paginated with page/per_page and a next_page field.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"rekindle"
	"rekindle/internal/server"
	"rekindle/internal/spark"
	"rekindle/internal/store"
)

// SparkStore keeps check-ins and decisions on recommendations. It is
// satisfied by an adapter over the store's spark methods (see cli serve);
// when nil, the API keeps nothing and says so.
type SparkStore interface {
	CheckIns(ctx context.Context, athleteID int64) ([]rekindle.CheckIn, error)
	AddCheckIn(ctx context.Context, c rekindle.CheckIn) error
	SparkChecks(ctx context.Context, athleteID int64) ([]rekindle.SparkCheck, error)
	Experiments(ctx context.Context, athleteID int64) ([]spark.Experiment, error)
	AddExperiment(ctx context.Context, athleteID int64, e spark.Experiment) (int64, error)
}

// ImportEvent is one step of an upload's import, streamed to the client.
type ImportEvent struct {
	File       string   `json:"file"`
	Status     string   `json:"status"` // "received", "progress", "imported", "partial", "duplicate", "failed", "done"
	Activities []int64  `json:"activities,omitempty"`
	Message    string   `json:"message,omitempty"`
	Warnings   []string `json:"warnings,omitempty"`
	Done       int      `json:"done"`                  // files finished so far
	Total      int      `json:"total"`                 // files uploaded (archives count once)
	Bytes      int64    `json:"bytes,omitempty"`       // input bytes processed ("progress")
	TotalBytes int64    `json:"total_bytes,omitempty"` // input bytes known so far ("progress")
}

// UploadFile is one uploaded file, spooled to a temporary path.
type UploadFile struct {
	Name string // as the client named it (a relative path for folders)
	Path string // where it was spooled
	Size int64
}

// Importer imports uploaded files for an athlete, reporting each file's
// progress and outcome through emit. Archives (zip) are expanded by it.
type Importer interface {
	Import(ctx context.Context, athleteID int64, files []UploadFile, emit func(ImportEvent)) error
}

// Config is what the API needs.
type Config struct {
	Store    *store.Store
	Auth     *server.Auth
	Log      *slog.Logger
	Spark    SparkStore // optional
	Importer Importer   // optional
	Routes   RouteSource
	Now      func() time.Time
	// MaxUploadBytes caps one upload request (default 1 GiB).
	MaxUploadBytes int64
}

// RouteSource gives the route group of activities (package route, once wired).
type RouteSource interface {
	Groups(ctx context.Context, athleteID int64) ([]RouteGroup, error)
}

// API serves /api/v1 and builds the views the pages use.
type API struct {
	cfg Config
	log *slog.Logger

	mu    sync.Mutex
	cache map[int64]*cached // per athlete: the analysis of their history
	gen   map[int64]uint64  // per athlete: bumped on every write made here
	// loading serialises the loading of one athlete's history.
	loading map[int64]*sync.Mutex
	// athletes remembers athlete records for a few seconds.
	athletes map[int64]athleteEntry
}

// New makes the API.
func New(cfg Config) *API {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxUploadBytes == 0 {
		cfg.MaxUploadBytes = 1 << 30
	}
	return &API{cfg: cfg, log: cfg.Log, cache: map[int64]*cached{}, gen: map[int64]uint64{}, loading: map[int64]*sync.Mutex{}, athletes: map[int64]athleteEntry{}}
}

// Store returns the store the API reads.
func (a *API) Store() *store.Store { return a.cfg.Store }

// RouteSource returns the route groups source, nil when routes are not wired.
func (a *API) RouteSource() RouteSource { return a.cfg.Routes }

// Auth returns the authenticator.
func (a *API) Auth() *server.Auth { return a.cfg.Auth }

// Changed forgets cached analyses of an athlete after a write.
func (a *API) Changed(athleteID int64) {
	a.mu.Lock()
	a.gen[athleteID]++
	delete(a.cache, athleteID)
	delete(a.athletes, athleteID)
	a.mu.Unlock()
}

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

// admin runs h for an admin principal.
func admin(h handler) http.Handler {
	return authed(func(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
		if !p.Admin {
			return &rekindle.Error{Code: rekindle.CodeForbidden, Message: "only the admin can do this"}
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

// AsOf parses ?as_of=YYYY-MM-DD in loc; today when absent.
func (a *API) AsOf(r *http.Request, loc *time.Location) (time.Time, error) {
	v := r.URL.Query().Get("as_of")
	if v == "" {
		t := a.cfg.Now().In(loc)
		y, m, d := t.Date()
		return time.Date(y, m, d, 12, 0, 0, 0, loc), nil
	}
	t, err := time.ParseInLocation(time.DateOnly, v, loc)
	if err != nil {
		return time.Time{}, invalid("as_of must be YYYY-MM-DD")
	}
	return t.Add(12 * time.Hour), nil
}

// Page is one page of a list.
type Page[T any] struct {
	Items    []T `json:"items"`
	Page     int `json:"page"`
	PerPage  int `json:"per_page"`
	Total    int `json:"total"`
	NextPage int `json:"next_page,omitempty"` // 0 on the last page
}

// pageParams parses ?page= and ?per_page= (1-based, per_page ≤ 200).
func pageParams(r *http.Request) (page, per int, err error) {
	page, per = 1, 50
	if v := r.URL.Query().Get("page"); v != "" {
		if page, err = strconv.Atoi(v); err != nil || page < 1 || page > 1_000_000 {
			return 0, 0, invalid("page must be a positive number")
		}
	}
	if v := r.URL.Query().Get("per_page"); v != "" {
		if per, err = strconv.Atoi(v); err != nil || per < 1 || per > 200 {
			return 0, 0, invalid("per_page must be between 1 and 200")
		}
	}
	return page, per, nil
}

func notFound(what string) error {
	return &rekindle.Error{Code: rekindle.CodeNotFound, Message: what + " not found"}
}

// isNotFound reports a not-found error from the store.
func isNotFound(err error) bool { return errors.Is(err, rekindle.ErrNotFound) }
