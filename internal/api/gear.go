package api

import (
	"net/http"

	"rekindle/internal/athlete"
	"rekindle/internal/server"
)

func (a *API) getGear(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	v, err := a.Gear(r.Context(), ath)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, v)
	return nil
}

func (a *API) postGear(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var f athlete.GearForm
	if err := decodeJSON(r, &f); err != nil {
		return err
	}
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	g, err := a.AddGear(r.Context(), ath, f)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, g)
	return nil
}

func (a *API) retireGear(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.RetireGear(r.Context(), p.AthleteID, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) postReward(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var f athlete.RewardForm
	if err := decodeJSON(r, &f); err != nil {
		return err
	}
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	rw, err := a.AddReward(r.Context(), ath, f)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, map[string]any{"id": rw.ID, "text": rw.Text, "kind": rw.Kind})
	return nil
}

func (a *API) claimReward(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.ClaimReward(r.Context(), p.AthleteID, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) deleteReward(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.DeleteReward(r.Context(), p.AthleteID, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
