package api

import (
	"io"
	"net/http"

	"rekindle"
	"rekindle/internal/server"
)

// StravaConnectView is GET /api/v1/strava/connect: where the runner grants
// rekindle access (the state in it is bound to the athlete for 30 minutes).
type StravaConnectView struct {
	URL string `json:"url"`
}

// StravaChallengeView answers Strava's subscription validation.
type StravaChallengeView struct {
	Challenge string `json:"hub.challenge"`
}

func (a *API) getStrava(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	v, err := a.Strava(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, v)
	return nil
}

func (a *API) getStravaConnect(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	u, err := a.StravaConnectURL(p.AthleteID)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, StravaConnectView{URL: u})
	return nil
}

func (a *API) postStravaSync(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	if v, err := a.Strava(r.Context(), p.AthleteID); err != nil {
		return err
	} else if !v.Connected {
		return &rekindle.Error{Code: rekindle.CodeConflict, Message: "connect Strava first"}
	}
	if err := a.QueueStravaSync(r.Context(), p.AthleteID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusAccepted)
	return nil
}

func (a *API) deleteStrava(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	if err := a.StravaDisconnect(r.Context(), p.AthleteID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// getStravaWebhook answers Strava's subscription validation (GET with
// hub.mode, hub.challenge and hub.verify_token).
func (a *API) getStravaWebhook(w http.ResponseWriter, r *http.Request, _ *server.Principal) error {
	b, err := a.StravaChallenge(r.URL.Query())
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	w.Write(b)
	return nil
}

// postStravaWebhook takes one event: stored at once (a replay is one
// row), acknowledged with 200 within Strava's two seconds, handled after.
func (a *API) postStravaWebhook(w http.ResponseWriter, r *http.Request, _ *server.Principal) error {
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	if err != nil {
		return invalid("unreadable body")
	}
	if _, err := a.StravaEvent(r.Context(), body); err != nil {
		return err
	}
	w.WriteHeader(http.StatusOK)
	return nil
}
