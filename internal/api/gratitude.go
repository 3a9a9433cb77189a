package api

import (
	"net/http"

	"rekindle/internal/httpio"
	"rekindle/internal/server"
)

func (a *API) postGratitude(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var body struct {
		Day  string `json:"day"`
		Text string `json:"text"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	e, err := a.AddGratitude(r.Context(), ath, body.Day, body.Text)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, e)
	return nil
}

func (a *API) deleteGratitude(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.DeleteGratitude(r.Context(), p.AthleteID, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) gratitudePoster(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "svg"
	}
	if format != "svg" && format != "html" {
		return invalid(`format must be "svg" or "html"`)
	}
	httpio.PosterHeaders(w, format, false)
	return a.WritePoster(r.Context(), w, ath, format)
}
