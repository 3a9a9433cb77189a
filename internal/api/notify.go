package api

import (
	"net/http"

	"rekindle/internal/athlete"

	"rekindle/internal/server"
)

func (a *API) getNotifications(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	v, err := a.Notifications(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, v)
	return nil
}

func (a *API) readNotifications(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	if err := a.MarkNotificationsRead(r.Context(), p.AthleteID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) getNotifySettings(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	v, err := a.NotifySettings(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, v)
	return nil
}

func (a *API) putNotifySettings(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var f athlete.NotifySettingsForm
	if err := decodeJSON(r, &f); err != nil {
		return err
	}
	v, err := a.SaveNotifySettings(r.Context(), p.AthleteID, f)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, v)
	return nil
}
