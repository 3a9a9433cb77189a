package api

import (
	"net/http"
	"strconv"
	"strings"

	"rekindle/internal/server"
)

func (a *API) routeSuggestions(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	q, ok, err := a.io.SuggestQueryOrDefault(r, ath)
	if err != nil {
		return err
	}
	if !ok {
		return invalid("give distance_m (metres) or distance (in your unit): there is no usual run of the last 28 days to go by")
	}
	v, err := a.SuggestRoutes(r.Context(), ath, q)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, v)
	return nil
}

func (a *API) routeSuggestionFile(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	q, ok, err := a.io.SuggestQueryOrDefault(r, ath)
	if err != nil {
		return err
	}
	if !ok {
		return invalid("give distance_m (metres) or distance (in your unit): there is no usual run of the last 28 days to go by")
	}
	base, format, _ := strings.Cut(r.PathValue("file"), ".")
	n, err := strconv.Atoi(base)
	if err != nil {
		return notFound("route suggestion")
	}
	return a.io.WriteSuggestion(r.Context(), w, ath, q, n, format)
}
