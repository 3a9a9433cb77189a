package web

import (
	"net/http"
	"net/url"

	"rekindle"
	"rekindle/internal/server"
)

// Routes lists every page route (for the authorization test).
func (w *Web) Routes() []string {
	out := []string{
		"GET /{$}", "GET /login", "POST /login", "GET /signup", "POST /signup", "POST /logout",
		"GET /upload", "POST /upload", "GET /activities", "GET /activities/{id}", "GET /activities/{id}/map.svg", "GET /activities/{id}/charts/pace.svg", "POST /activities/{id}/check-in",
		"POST /recommendations/{rec}/decision", "GET /training", "GET /routes", "GET /settings",
		"POST /settings/profile", "POST /settings/password", "POST /settings/tokens", "POST /settings/tokens/{id}/delete",
		"POST /settings/signup", "POST /settings/invites", "GET /settings/export", "POST /settings/delete",
	}
	for _, pr := range w.featureRoutes() {
		out = append(out, pr.pattern)
	}
	return out
}

// Register mounts the pages on mux.
func (w *Web) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /static/", w.serveStatic)
	mux.HandleFunc("GET /login", w.loginPage)
	mux.HandleFunc("POST /login", w.loginPost)
	mux.HandleFunc("GET /signup", w.signupPage)
	mux.HandleFunc("POST /signup", w.signupPost)
	mux.HandleFunc("POST /logout", w.logout)
	mux.HandleFunc("GET /{$}", w.signed(w.home))
	mux.HandleFunc("GET /upload", w.signed(w.upload))
	mux.HandleFunc("POST /upload", w.signed(w.uploadPost))
	mux.HandleFunc("GET /activities", w.signed(w.activities))
	mux.HandleFunc("GET /activities/{id}", w.signed(w.activity))
	mux.HandleFunc("GET /activities/{id}/map.svg", w.signed(w.activitySVG))
	mux.HandleFunc("GET /activities/{id}/charts/{chart}", w.signed(w.activitySVG))
	mux.HandleFunc("POST /activities/{id}/check-in", w.signed(w.checkIn))
	mux.HandleFunc("POST /recommendations/{rec}/decision", w.signed(w.decide))
	mux.HandleFunc("GET /training", w.signed(w.training))
	mux.HandleFunc("GET /routes", w.signed(w.routes))
	mux.HandleFunc("GET /settings", w.signed(w.settings))
	mux.HandleFunc("POST /settings/profile", w.signed(w.settingsProfile))
	mux.HandleFunc("POST /settings/password", w.signed(w.settingsPassword))
	mux.HandleFunc("POST /settings/tokens", w.signed(w.settingsToken))
	mux.HandleFunc("POST /settings/tokens/{id}/delete", w.signed(w.settingsTokenDelete))
	mux.HandleFunc("POST /settings/signup", w.signed(w.settingsSignup))
	mux.HandleFunc("POST /settings/invites", w.signed(w.settingsInvite))
	mux.HandleFunc("GET /settings/export", w.signed(w.settingsExport))
	mux.HandleFunc("POST /settings/delete", w.signed(w.settingsDelete))
	for _, pr := range w.featureRoutes() {
		mux.HandleFunc(pr.pattern, w.signed(pr.h))
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
