package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"rekindle/internal/athlete"
	"rekindle/internal/server"
)

func (a *API) getPlan(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	return a.servePlan(w, r, p.AthleteID)
}

func (a *API) servePlan(w http.ResponseWriter, r *http.Request, athleteID int64) error {
	return a.servePlanOf(w, r, athleteID, a.Plan)
}

// servePlanOf serves the plan view that get gives (the athlete's own, or
// as their coach sees it).
func (a *API) servePlanOf(w http.ResponseWriter, r *http.Request, athleteID int64, get func(context.Context, int64, time.Time, int) (*athlete.PlanView, error)) error {
	ath, err := a.Athlete(r.Context(), athleteID)
	if err != nil {
		return err
	}
	from, err := a.io.AsOf(r, ath.Location())
	if err != nil {
		return err
	}
	n := 14
	if v := r.URL.Query().Get("days"); v != "" {
		if n, err = strconv.Atoi(v); err != nil {
			return invalid("days must be a number")
		}
	}
	pv, err := get(r.Context(), athleteID, from, n)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, pv)
	return nil
}

func (a *API) postPlan(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	return a.addPlan(w, r, p.AthleteID)
}

func (a *API) addPlan(w http.ResponseWriter, r *http.Request, athleteID int64) error {
	var f athlete.PlanForm
	if err := decodeJSON(r, &f); err != nil {
		return err
	}
	s, err := a.AddPlanned(r.Context(), athleteID, f)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, s)
	return nil
}

func (a *API) deletePlan(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	return a.removePlan(w, r, p.AthleteID)
}

func (a *API) removePlan(w http.ResponseWriter, r *http.Request, athleteID int64) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.DeletePlanned(r.Context(), athleteID, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) getSparkChecks(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	v, err := a.SparkChecks(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, v)
	return nil
}

func (a *API) postSparkCheck(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var f athlete.SparkCheckForm
	if err := decodeJSON(r, &f); err != nil {
		return err
	}
	c, err := a.SaveSparkCheck(r.Context(), p.AthleteID, f)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, c)
	return nil
}

func (a *API) planRouteFile(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return a.io.WritePlannedRoute(r.Context(), w, ath, id, r.PathValue("file"))
}

func (a *API) abandon(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	res, err := a.Abandon(r.Context(), ath, id)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, res)
	return nil
}
