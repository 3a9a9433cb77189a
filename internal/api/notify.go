package api

import (
	"net/http"

	"rekindle/internal/athlete"
	"rekindle/internal/webpush"

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

func (a *API) getPushKey(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	v, err := a.PushPublicKey(r.Context())
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, v)
	return nil
}

func (a *API) postPushSubscription(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var sub webpush.Subscription
	if err := decodeJSON(r, &sub); err != nil {
		return err
	}
	if err := a.SubscribePush(r.Context(), p.AthleteID, sub); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// pushEndpointBody names the subscription to forget.
type pushEndpointBody struct {
	Endpoint string `json:"endpoint"`
}

func (a *API) deletePushSubscription(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var b pushEndpointBody
	if err := decodeJSON(r, &b); err != nil {
		return err
	}
	if err := a.UnsubscribePush(r.Context(), p.AthleteID, b.Endpoint); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
