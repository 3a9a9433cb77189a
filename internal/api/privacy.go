package api

import (
	"net/http"

	"rekindle/internal/athlete"
	"rekindle/internal/server"
)

type privateBody struct {
	Private bool `json:"private"`
}

func (a *API) getPrivacy(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	v, err := a.Privacy(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, v)
	return nil
}

func (a *API) postZone(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var f athlete.ZoneForm
	if err := decodeJSON(r, &f); err != nil {
		return err
	}
	z, err := a.AddZone(r.Context(), p.AthleteID, f)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, z)
	return nil
}

func (a *API) deleteZone(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.DeleteZone(r.Context(), p.AthleteID, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) putPrivate(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body privateBody
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if err := a.SetPrivate(r.Context(), p.AthleteID, id, body.Private); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
