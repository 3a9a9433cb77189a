package api

import (
	"net/http"

	"rekindle/internal/athlete"
	"rekindle/internal/server"
)

// RacesView is the race finder and class suggestions (package athlete).
type RacesView = athlete.RacesView

func (a *API) postCalendar(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, athlete.MaxCalendarBytes+1<<20)
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return invalid("send multipart/form-data with the calendar as file (and kind: race or classes)")
	}
	defer f.Close()
	feed, skipped, err := a.ImportCalendar(r.Context(), ath, r.FormValue("kind"), hdr.Filename, r.FormValue("name"), f)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, map[string]any{"feed": feed, "skipped": skipped})
	return nil
}

func (a *API) deleteCalendar(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.DeleteCalendar(r.Context(), p.AthleteID, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
