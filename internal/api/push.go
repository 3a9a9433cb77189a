package api

import (
	"net/http"

	"rekindle/internal/athlete"
	"rekindle/internal/server"
	"rekindle/internal/webpush"
)

// pushSubscriptionBody is a browser's PushSubscription.toJSON().
type pushSubscriptionBody struct {
	Endpoint string `json:"endpoint"`
	// ExpirationTime is what the browser says (ms since the epoch, or
	// null); accepted and not used: a gone subscription is found on send.
	ExpirationTime *float64     `json:"expirationTime"`
	Keys           webpush.Keys `json:"keys"`
}

// endpointBody names one subscription.
type endpointBody struct {
	Endpoint string `json:"endpoint"`
}

// PushKeyView is the instance's VAPID public key (applicationServerKey).
type PushKeyView struct {
	Key string `json:"key"` // base64url uncompressed P-256 point
}

// PushSubscriptionList is the athlete's subscribed browsers.
type PushSubscriptionList struct {
	Subscriptions []athlete.PushSubscriptionView `json:"subscriptions"`
}

func (a *API) getPushKey(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	k, err := a.PushKey(r.Context())
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, PushKeyView{Key: k})
	return nil
}

func (a *API) getPushSubscriptions(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	v, err := a.PushSubscriptions(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, PushSubscriptionList{Subscriptions: v})
	return nil
}

func (a *API) postPushSubscription(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var body pushSubscriptionBody
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if err := a.SubscribePush(r.Context(), p.AthleteID, webpush.Subscription{Endpoint: body.Endpoint, Keys: body.Keys}); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) deletePushSubscription(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var body endpointBody
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if err := a.UnsubscribePush(r.Context(), p.AthleteID, body.Endpoint); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) postPushTest(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	rep, err := a.SendTestPush(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, rep)
	return nil
}
