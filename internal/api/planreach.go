package api

import (
	"net/http"
	"strconv"
	"strings"

	"rekindle/internal/athlete"
	"rekindle/internal/httpio"
	"rekindle/internal/server"
)

// The plan outside rekindle: the secret calendar feed, a one-off .ics,
// sessions as FIT workouts, and editing a session in place.

// PlanFeedView is the feed's status; URL (absolute, from the request's
// host) and Token only right after a rotation.
type PlanFeedView struct {
	athlete.PlanFeedStatus
	URL string `json:"url,omitempty"`
}

func (a *API) getPlanFeed(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	st, err := a.PlanFeed(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, PlanFeedView{PlanFeedStatus: *st})
	return nil
}

func (a *API) rotatePlanFeed(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	st, err := a.RotatePlanFeed(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, PlanFeedView{PlanFeedStatus: *st, URL: httpio.AbsoluteURL(r, st.Path)})
	return nil
}

func (a *API) revokePlanFeed(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	if err := a.RevokePlanFeed(r.Context(), p.AthleteID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// getFeed serves the calendar behind a secret URL: no sign-in, the token
// is the key; a wrong, rotated or revoked token is 404.
func (a *API) getFeed(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := strconv.ParseInt(r.PathValue("athlete"), 10, 64)
	file := r.PathValue("file")
	if err != nil || id <= 0 || !strings.HasSuffix(file, ".ics") {
		return notFound("calendar feed")
	}
	b, err := a.PlanFeedICS(r.Context(), id, strings.TrimSuffix(file, ".ics"))
	if err != nil {
		return err
	}
	writeICS(w, b, "")
	return nil
}

func writeICS(w http.ResponseWriter, b []byte, download string) {
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Cache-Control", "private, max-age=300")
	if download != "" {
		w.Header().Set("Content-Disposition", `attachment; filename="`+download+`"`)
	}
	w.WriteHeader(http.StatusOK)
	w.Write(b)
}

func (a *API) getPlanICS(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	b, err := a.PlanICS(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	writeICS(w, b, "plan.ics")
	return nil
}

func (a *API) getPlanWorkout(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	wk, err := a.SessionWorkout(r.Context(), p.AthleteID, id)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, wk)
	return nil
}

func (a *API) getPlanWorkoutFIT(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	b, name, err := a.SessionFIT(r.Context(), p.AthleteID, id)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.ant.fit")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.WriteHeader(http.StatusOK)
	w.Write(b)
	return nil
}

func (a *API) putPlan(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var f athlete.PlanForm
	if err := decodeJSON(r, &f); err != nil {
		return err
	}
	s, err := a.EditPlanned(r.Context(), p.AthleteID, id, f)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, s)
	return nil
}
