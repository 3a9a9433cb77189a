package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"rekindle"
	"rekindle/internal/server"
	"rekindle/internal/streets"
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
	var ref *streets.RefusalError
	if errors.As(err, &ref) {
		// A refusal: the error's message (the sentence the CLI and the
		// Routes page show) and the same refusal's fields.
		code, status, msg := server.DescribeFor(r, err)
		server.WriteJSON(w, status, RefusalBody{RefusalDetail{code, msg, ref.View(ath.Unit)}})
		return nil
	}
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, v)
	return nil
}

// RefusalBody is the API's error for a refused route suggestion: the
// error's code and message as every API error has them, and the refusal's
// fields (streets.RefusalView: what was asked, why not, the nearest start
// that can, the length that works from here) with their sentence.
type RefusalBody struct {
	Error RefusalDetail `json:"error"`
}

// RefusalDetail is the inside of RefusalBody.
type RefusalDetail struct {
	Code    rekindle.Code       `json:"code"`
	Message string              `json:"message"`
	Refusal streets.RefusalView `json:"refusal"`
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
