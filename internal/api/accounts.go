package api

import (
	"net/http"
	"rekindle/internal/athlete"
	"rekindle/internal/server"
	"rekindle/internal/store"
	"time"
)

type credentials struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	Name     string `json:"name,omitempty"`
	Invite   string `json:"invite,omitempty"`
}

// AccountView is an account as the API shows it.
type AccountView struct {
	AthleteID int64     `json:"athlete_id"`
	Email     string    `json:"email"`
	Admin     bool      `json:"admin"`
	CreatedAt time.Time `json:"created_at"`
}

func accountView(acc store.Account) AccountView {
	return AccountView{acc.AthleteID, acc.Email, acc.Admin, acc.CreatedAt}
}

func (a *API) signup(w http.ResponseWriter, r *http.Request, _ *server.Principal) error {
	var c credentials
	if err := decodeJSON(r, &c); err != nil {
		return err
	}
	acc, err := a.cfg.Auth.SignUp(r.Context(), w, r, c.Email, c.Name, c.Password, c.Invite)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, accountView(acc))
	return nil
}

func (a *API) login(w http.ResponseWriter, r *http.Request, _ *server.Principal) error {
	var c credentials
	if err := decodeJSON(r, &c); err != nil {
		return err
	}
	acc, err := a.cfg.Auth.Login(r.Context(), w, r, c.Email, c.Password)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, accountView(acc))
	return nil
}

func (a *API) logout(w http.ResponseWriter, r *http.Request, _ *server.Principal) error {
	if err := a.cfg.Auth.Logout(r.Context(), w, r); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) password(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var body struct {
		Current string `json:"current_password"`
		New     string `json:"new_password"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if err := a.cfg.Auth.ChangePassword(r.Context(), p.AthleteID, p.SessionHash, body.Current, body.New); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) listTokens(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	ts, err := a.App.APITokens(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	out := []athlete.TokenView{}
	for _, t := range ts {
		out = append(out, athlete.TokenView{ID: t.ID, Name: t.Name, Created: t.CreatedAt, LastUsed: t.LastUsed})
	}
	server.WriteJSON(w, http.StatusOK, map[string]any{"items": out})
	return nil
}

func (a *API) createToken(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var body struct {
		Name string `json:"name"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	secret, t, err := a.cfg.Auth.NewAPIToken(r.Context(), p.AthleteID, body.Name)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, athlete.TokenView{ID: t.ID, Name: t.Name, Created: t.CreatedAt, Token: secret})
	return nil
}

func (a *API) deleteToken(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.App.RevokeAPIToken(r.Context(), p.AthleteID, id); err != nil {
		if isNotFound(err) {
			return notFound("token")
		}
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) getSignup(w http.ResponseWriter, r *http.Request, _ *server.Principal) error {
	mode, err := a.cfg.Auth.SignupMode(r.Context())
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, map[string]string{"mode": mode})
	return nil
}

func (a *API) putSignup(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var body struct {
		Mode string `json:"mode"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if body.Mode != server.SignupOpen && body.Mode != server.SignupInvite {
		return invalid(`mode must be "open" or "invite"`)
	}
	if err := a.App.SetSignupMode(r.Context(), server.AdminActor(p), body.Mode); err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, map[string]string{"mode": body.Mode})
	return nil
}

func (a *API) createInvite(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	code, err := a.cfg.Auth.NewInvite(r.Context(), p)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, map[string]string{"invite": code})
	return nil
}

func (a *API) getMe(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, map[string]any{"athlete_id": ath.ID, "admin": p.Admin, "profile": athlete.ProfileOf(ath)})
	return nil
}

func (a *API) putMe(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var body athlete.Profile
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	ath, err := a.UpdateProfile(r.Context(), p.AthleteID, body)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, map[string]any{"athlete_id": ath.ID, "profile": athlete.ProfileOf(ath)})
	return nil
}

func (a *API) deleteMe(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var body struct {
		Password string `json:"password"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if err := a.io.DeleteAccount(r.Context(), w, r, p, body.Password); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) export(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="rekindle-export.zip"`)
	w.Header().Set("Cache-Control", "no-store")
	if _, err := a.Export(r.Context(), w, p.AthleteID); err != nil {
		a.log.ErrorContext(r.Context(), "export", "athlete", p.AthleteID, "err", err)
		panic(http.ErrAbortHandler) // the zip is half written: break the connection
	}
	return nil
}
