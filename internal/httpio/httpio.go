package httpio

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/server"
	"strconv"
	"time"
)

// DeleteAccount checks the password (unless the principal is the
// single-user laptop owner) and deletes the athlete and all their data.
func (a *Shared) DeleteAccount(ctx context.Context, w http.ResponseWriter, r *http.Request, p *server.Principal, password string) error {
	acc, err := a.App.Account(ctx, p.AthleteID)
	switch {
	case err == nil:
		ok, err := server.CheckPassword(acc.PasswordHash, password)
		if err != nil {
			return err
		}
		if !ok {
			return &rekindle.Error{Code: rekindle.CodeUnauthorized, Message: "the password is wrong"}
		}
	case errors.Is(err, rekindle.ErrNotFound) && p.Via == "single-user":
	default:
		return err
	}
	if err := a.App.DeleteAthlete(ctx, p.AthleteID); err != nil {
		return err
	}
	return a.Auth.Logout(ctx, w, r)
}

// ParseListQuery reads the list filters from a request.
func (a *Shared) ParseListQuery(r *http.Request, loc *time.Location) (athlete.ListQuery, error) {
	qv := r.URL.Query()
	q := athlete.ListQuery{Sport: qv.Get("sport"), Search: qv.Get("q"), Route: qv.Get("route")}
	var err error
	if q.Page, q.PerPage, err = PageParams(r); err != nil {
		return q, err
	}
	for name, dst := range map[string]*time.Time{"from": &q.From, "to": &q.To} {
		if v := qv.Get(name); v != "" {
			t, err := time.ParseInLocation(time.DateOnly, v, loc)
			if err != nil {
				return q, invalid(name + " must be YYYY-MM-DD")
			}
			if name == "to" {
				t = t.AddDate(0, 0, 1) // inclusive
			}
			*dst = t
		}
	}
	if len(q.Search) > 200 {
		return q, invalid("the search is too long")
	}
	return q, nil
}

// AsOf parses ?as_of=YYYY-MM-DD in loc; today when absent.
func (a *Shared) AsOf(r *http.Request, loc *time.Location) (time.Time, error) {
	v := r.URL.Query().Get("as_of")
	if v == "" {
		t := a.App.Now().In(loc)
		y, m, d := t.Date()
		return time.Date(y, m, d, 12, 0, 0, 0, loc), nil
	}
	t, err := time.ParseInLocation(time.DateOnly, v, loc)
	if err != nil {
		return time.Time{}, invalid("as_of must be YYYY-MM-DD")
	}
	return t.Add(12 * time.Hour), nil
}

// PageParams parses ?page= and ?per_page= (1-based, per_page ≤ 200).
func PageParams(r *http.Request) (page, per int, err error) {
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

// Shared is the HTTP plumbing the JSON API and the HTML pages share over
// one application layer.
type Shared struct {
	App  *athlete.App
	Auth *server.Auth
	Log  *slog.Logger
	// MaxUploadBytes caps one upload request (default 1 GiB).
	MaxUploadBytes int64
}

// New makes the shared plumbing.
func New(app *athlete.App, auth *server.Auth, log *slog.Logger, maxUpload int64) *Shared {
	if log == nil {
		log = slog.Default()
	}
	if maxUpload == 0 {
		maxUpload = 1 << 30
	}
	return &Shared{App: app, Auth: auth, Log: log, MaxUploadBytes: maxUpload}
}

func invalid(msg string) error { return &rekindle.Error{Code: rekindle.CodeInvalid, Message: msg} }

func notFound(what string) error {
	return &rekindle.Error{Code: rekindle.CodeNotFound, Message: what + " not found"}
}
