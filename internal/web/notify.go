package web

import (
	"net/http"

	"rekindle"
	"rekindle/internal/server"
)

// The in-app list of the moments that matter (package notify).

func (w *Web) notifyRoutes() []pageRoute {
	return []pageRoute{
		{"GET /notifications", w.notificationsPage},
		{"POST /notifications/read", w.notificationsRead},
	}
}

func (w *Web) notificationsPage(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	v, err := w.cfg.App.Notifications(r.Context(), ath.ID)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "notifications", page{Title: "Notifications", Nav: "notifications", Data: v}, ath.Unit)
}

func (w *Web) notificationsRead(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	if err := w.cfg.App.MarkNotificationsRead(r.Context(), ath.ID); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/notifications", http.StatusSeeOther)
}
