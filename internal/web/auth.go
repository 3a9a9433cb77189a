package web

import (
	"context"
	"net/http"
	"strings"

	"rekindle/internal/server"
)

// localNext returns a safe same-site redirect target.
func localNext(v string) string {
	if v == "" || !strings.HasPrefix(v, "/") || strings.HasPrefix(v, "//") || strings.HasPrefix(v, "/\\") || strings.ContainsAny(v, "\r\n") {
		return "/"
	}
	return v
}

func (w *Web) loginPage(rw http.ResponseWriter, r *http.Request) error {
	if server.PrincipalFrom(r.Context()) != nil {
		http.Redirect(rw, r, "/", http.StatusSeeOther)
		return nil
	}
	w.render(rw, r, http.StatusOK, "login", page{Title: "Sign in", Data: map[string]string{"Email": ""}}, look{})
	return nil
}

func (w *Web) loginPost(rw http.ResponseWriter, r *http.Request) error {
	email := r.PostFormValue("email")
	_, err := w.cfg.Auth.Login(r.Context(), rw, r, email, r.PostFormValue("password"))
	if err != nil {
		_, status, msg := server.DescribeFor(r, err)
		w.render(rw, r, status, "login", page{Title: "Sign in", Error: msg, Data: map[string]string{"Email": email}}, look{})
		return nil
	}
	http.Redirect(rw, r, localNext(r.URL.Query().Get("next")), http.StatusSeeOther)
	return nil
}

type signupData struct {
	First       bool
	Invite      bool
	InviteCode  string
	Name, Email string
	MinLen      int
}

func (w *Web) signupData(ctx context.Context, r *http.Request) (signupData, error) {
	d := signupData{MinLen: server.MinPasswordLen, InviteCode: r.URL.Query().Get("invite")}
	n, err := w.cfg.App.AccountCount(ctx)
	if err != nil {
		return d, err
	}
	d.First = n == 0
	if !d.First {
		mode, err := w.cfg.Auth.SignupMode(ctx)
		if err != nil {
			return d, err
		}
		d.Invite = mode == server.SignupInvite || d.InviteCode != ""
	}
	return d, nil
}

func (w *Web) signupPage(rw http.ResponseWriter, r *http.Request) error {
	if p := server.PrincipalFrom(r.Context()); p != nil && p.Via == "session" {
		http.Redirect(rw, r, "/", http.StatusSeeOther)
		return nil
	}
	d, err := w.signupData(r.Context(), r)
	if err != nil {
		return err
	}
	w.render(rw, r, http.StatusOK, "signup", page{Title: "Sign up", Data: d}, look{})
	return nil
}

func (w *Web) signupPost(rw http.ResponseWriter, r *http.Request) error {
	d, err := w.signupData(r.Context(), r)
	if err != nil {
		return err
	}
	d.Name, d.Email, d.InviteCode = r.PostFormValue("name"), r.PostFormValue("email"), r.PostFormValue("invite")
	_, err = w.cfg.Auth.SignUp(r.Context(), rw, r, d.Email, d.Name, r.PostFormValue("password"), d.InviteCode)
	if err != nil {
		_, status, msg := server.DescribeFor(r, err)
		w.render(rw, r, status, "signup", page{Title: "Sign up", Error: msg, Data: d}, look{})
		return nil
	}
	http.Redirect(rw, r, "/?ok=welcome", http.StatusSeeOther)
	return nil
}

func (w *Web) logout(rw http.ResponseWriter, r *http.Request) error {
	if err := w.cfg.Auth.Logout(r.Context(), rw, r); err != nil {
		return err
	}
	http.Redirect(rw, r, "/login?ok=signedout", http.StatusSeeOther)
	return nil
}
