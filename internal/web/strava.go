package web

import (
	"net/http"

	"rekindle"
	"rekindle/internal/server"
)

// stravaConnect sends the runner to Strava to grant read access.
func (w *Web) stravaConnect(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	u, err := w.cfg.App.StravaConnectURL(ath.ID)
	if err != nil {
		return err
	}
	http.Redirect(rw, r, u, http.StatusFound)
	return nil
}

// stravaCallback is where Strava sends the runner back (the redirect URL
// registered with Strava): code, scope and state, or error=access_denied.
func (w *Web) stravaCallback(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	q := r.URL.Query()
	if err := w.cfg.App.StravaCallback(r.Context(), ath.ID, q.Get("code"), q.Get("scope"), q.Get("state"), q.Get("error")); err != nil {
		_, status, msg := server.DescribeFor(r, err)
		if status >= 500 {
			return err
		}
		w.settingsRender(rw, r, p, ath, status, msg, nil)
		return nil
	}
	http.Redirect(rw, r, "/settings?ok=strava-connected#strava", http.StatusSeeOther)
	return nil
}

func (w *Web) stravaSync(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	if err := w.cfg.App.QueueStravaSync(r.Context(), ath.ID); err != nil {
		return err
	}
	http.Redirect(rw, r, "/settings?ok=strava-sync#strava", http.StatusSeeOther)
	return nil
}

func (w *Web) stravaDisconnect(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	if err := w.cfg.App.StravaDisconnect(r.Context(), ath.ID); err != nil {
		return err
	}
	http.Redirect(rw, r, "/settings?ok=strava-disconnected#strava", http.StatusSeeOther)
	return nil
}
