package web

import (
	"net/http"
	"strconv"

	"rekindle"
	"rekindle/internal/httpio"
	"rekindle/internal/plan"
	"rekindle/internal/server"
	"rekindle/internal/workout"
)

// The plan outside rekindle: a one-off .ics, sessions as FIT workouts, and
// the secret calendar feed (Settings).

// hasWorkout says whether a watch gets a workout for the session (the same
// test the FIT download makes).
func hasWorkout(s plan.Session) bool {
	_, ok := workout.FromSession(s, workout.Paces{})
	return ok
}

func (w *Web) planICS(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	b, err := w.cfg.App.PlanICS(r.Context(), ath.ID)
	if err != nil {
		return err
	}
	rw.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	rw.Header().Set("Content-Disposition", `attachment; filename="plan.ics"`)
	rw.Write(b)
	return nil
}

func (w *Web) planWorkoutFIT(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return &rekindle.Error{Code: rekindle.CodeNotFound, Message: "There is no such session."}
	}
	b, name, err := w.cfg.App.SessionFIT(r.Context(), ath.ID, id)
	if err != nil {
		return err
	}
	rw.Header().Set("Content-Type", "application/vnd.ant.fit")
	rw.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	rw.Write(b)
	return nil
}

func (w *Web) planFeedRotate(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	st, err := w.cfg.App.RotatePlanFeed(r.Context(), ath.ID)
	if err != nil {
		return err
	}
	w.settingsRender(rw, r, p, ath, http.StatusOK, "", map[string]any{"FeedURL": httpio.AbsoluteURL(r, st.Path), "FeedWebcal": "webcal://" + r.Host + st.Path})
	return nil
}

func (w *Web) planFeedRevoke(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	if err := w.cfg.App.RevokePlanFeed(r.Context(), ath.ID); err != nil {
		return err
	}
	http.Redirect(rw, r, "/settings?ok=feed-revoked#calendar", http.StatusSeeOther)
	return nil
}
