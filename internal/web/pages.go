package web

import (
	"net/http"
	"net/url"

	"rekindle"
	"rekindle/internal/server"
)

// webRoute is one row of the page route table.
type webRoute struct {
	pattern string
	open    http.HandlerFunc // served to anyone (sign-in and sign-up)
	page    pageHandler      // served to a signed-in athlete
	listed  string           // what Routes lists instead of pattern, when set
}

// routeTable is the one table of page routes: Register mounts it and Routes
// lists it. (Static files and the not-found page are mounted besides.)
func (w *Web) routeTable() []webRoute {
	out := []webRoute{
		{pattern: "GET /{$}", page: w.home},
		{pattern: "GET /login", open: w.loginPage},
		{pattern: "POST /login", open: w.loginPost},
		{pattern: "GET /signup", open: w.signupPage},
		{pattern: "POST /signup", open: w.signupPost},
		{pattern: "POST /logout", open: w.logout},
		{pattern: "GET /upload", page: w.upload},
		{pattern: "POST /upload", page: w.uploadPost},
		{pattern: "GET /activities", page: w.activities},
		{pattern: "GET /activities/{id}", page: w.activity},
		{pattern: "GET /activities/{id}/map.svg", page: w.activitySVG},
		{pattern: "GET /activities/{id}/charts/{chart}", page: w.activitySVG, listed: "GET /activities/{id}/charts/pace.svg"},
		{pattern: "POST /activities/{id}/check-in", page: w.checkIn},
		{pattern: "POST /recommendations/{rec}/decision", page: w.decide},
		{pattern: "POST /experiments/{id}/abandon", page: w.abandon},
		{pattern: "GET /training", page: w.training},
		{pattern: "GET /routes", page: w.routes},
		{pattern: "GET /settings", page: w.settings},
		{pattern: "POST /settings/profile", page: w.settingsProfile},
		{pattern: "POST /settings/password", page: w.settingsPassword},
		{pattern: "POST /settings/tokens", page: w.settingsToken},
		{pattern: "POST /settings/tokens/{id}/delete", page: w.settingsTokenDelete},
		{pattern: "POST /settings/signup", page: w.settingsSignup},
		{pattern: "POST /settings/invites", page: w.settingsInvite},
		{pattern: "GET /settings/export", page: w.settingsExport},
		{pattern: "POST /settings/delete", page: w.settingsDelete},
	}
	for _, pr := range w.featureRoutes() {
		out = append(out, webRoute{pattern: pr.pattern, page: pr.h})
	}
	return out
}

// Routes lists every page route (for the authorization test).
func (w *Web) Routes() []string {
	var out []string
	for _, rt := range w.routeTable() {
		if rt.listed != "" {
			out = append(out, rt.listed)
		} else {
			out = append(out, rt.pattern)
		}
	}
	return out
}

// Register mounts the pages on mux.
func (w *Web) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /static/", w.serveStatic)
	for _, rt := range w.routeTable() {
		if rt.open != nil {
			mux.HandleFunc(rt.pattern, rt.open)
		} else {
			mux.HandleFunc(rt.pattern, w.signed(rt.page))
		}
	}
	mux.HandleFunc("/", func(rw http.ResponseWriter, r *http.Request) {
		w.fail(rw, r, &rekindle.Error{Code: rekindle.CodeNotFound, Message: "There is no page here."})
	})
}

// pageHandler handles a page for a signed-in athlete.
type pageHandler func(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete)

// signed sends anonymous visitors to sign in (or to sign up when the
// server has no account yet) and loads the athlete.
func (w *Web) signed(h pageHandler) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		p := server.PrincipalFrom(r.Context())
		if p == nil {
			if r.Method != http.MethodGet {
				w.fail(rw, r, &rekindle.Error{Code: rekindle.CodeUnauthorized, Message: "Please sign in first."})
				return
			}
			n, err := w.cfg.App.Store().CountAccounts(r.Context())
			if err != nil {
				w.fail(rw, r, err)
				return
			}
			to := "/login"
			if n == 0 {
				to = "/signup"
			}
			http.Redirect(rw, r, to+"?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		ath, err := w.cfg.App.Athlete(r.Context(), p.AthleteID)
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		h(rw, r, p, ath)
	}
}
