package web

import (
	"net/http"
	"strconv"

	"rekindle/internal/athlete"
	"rekindle/internal/notify"

	"rekindle"
	"rekindle/internal/server"
)

// The in-app list of the moments that matter (package notify).

func (w *Web) notificationsPage(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	v, err := w.cfg.App.Notifications(r.Context(), ath.ID)
	if err != nil {
		return err
	}
	w.render(rw, r, http.StatusOK, "notifications", page{Title: "Notifications", Nav: "notifications", Data: v}, lookOf(ath))
	return nil
}

func (w *Web) notificationsRead(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	if err := w.cfg.App.MarkNotificationsRead(r.Context(), ath.ID); err != nil {
		return err
	}
	http.Redirect(rw, r, "/notifications", http.StatusSeeOther)
	return nil
}

// notifySettingsPost saves the e-mail settings: a checkbox per kind, the
// quiet hours.
func (w *Web) notifySettingsPost(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	r.Body = http.MaxBytesReader(rw, r.Body, 1<<16)
	if err := r.ParseForm(); err != nil {
		return &rekindle.Error{Code: rekindle.CodeInvalid, Message: "the form could not be read"}
	}
	f := athlete.NotifySettingsForm{Email: map[string]bool{}}
	for _, k := range notify.Kinds {
		f.Email[string(k)] = r.PostForm.Get("email_"+string(k)) == "on"
	}
	q := r.PostForm.Get("quiet")
	f.Quiet = &q
	if _, err := w.cfg.App.SaveNotifySettings(r.Context(), ath.ID, f); err != nil {
		return err
	}
	http.Redirect(rw, r, "/settings?ok=saved#notify", http.StatusSeeOther)
	return nil
}

// unsubscribe is the page of the link in every e-mail: no sign-in, the
// signed link is the key. GET asks (link checkers fetch links), POST turns
// the kind off (the button, and RFC 8058 one-click from the mail program).
func (w *Web) unsubscribe(rw http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("athlete"), 10, 64)
	if err != nil || id <= 0 {
		return &rekindle.Error{Code: rekindle.CodeNotFound, Message: "unsubscribe link not found"}
	}
	kind, sig := r.PathValue("kind"), r.PathValue("sig")
	var k notify.Kind
	if r.Method == http.MethodPost {
		k, err = w.cfg.App.Unsubscribe(r.Context(), id, kind, sig)
	} else {
		k, err = w.cfg.App.CheckUnsubscribe(r.Context(), id, kind, sig)
	}
	if err != nil {
		return err
	}
	w.render(rw, r, http.StatusOK, "unsubscribe", page{Title: "Stop these e-mails", Data: map[string]any{
		"Title": k.Title(), "Done": r.Method == http.MethodPost, "Path": r.URL.Path}}, look{})
	return nil
}
