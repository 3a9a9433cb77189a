package web

import (
	"net/http"

	"rekindle"
	"rekindle/internal/server"
)

// The in-app list of the moments that matter (package notify).

func (w *Web) notificationsPage(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	v, err := w.cfg.App.Notifications(r.Context(), ath.ID)
	if err != nil {
		return err
	}
	w.render(rw, r, http.StatusOK, "notifications", page{Title: "Notifications", Nav: "notifications", Data: v}, ath.Unit)
	return nil
}

func (w *Web) notificationsRead(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	if err := w.cfg.App.MarkNotificationsRead(r.Context(), ath.ID); err != nil {
		return err
	}
	http.Redirect(rw, r, "/notifications", http.StatusSeeOther)
	return nil
}
