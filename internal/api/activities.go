package api

import (
	"context"
	"math"
	"net/http"
	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/server"
	"time"
)

func (a *API) decide(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var body struct {
		Decision string `json:"decision"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	e, planned, err := a.Decide(r.Context(), ath, r.PathValue("rec"), body.Decision)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, map[string]any{"id": e.ID, "recommendation_id": e.RecID, "strategy": e.Strategy, "state": e.State, "at": e.At, "planned": planned})
	return nil
}

func (a *API) listActivities(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	q, err := a.io.ParseListQuery(r, ath.Location())
	if err != nil {
		return err
	}
	// The same data (the stamp), route groups (the route source's result:
	// its identity), query and zone make the same list.
	key := jsonKey{route: "activities", of: a.groupsOf(r.Context(), ath.ID), query: r.URL.RawQuery + "\x00" + ath.TimeZone}
	return a.sendCached(w, r, ath.ID, key, func() (any, error) { return a.Activities(r.Context(), ath, q) })
}

// groupsID is the identity of the route source's result for the athlete
// (the first group's address and the count), which names the runs'
// routes in the activities' JSON.
type groupsID struct {
	first *athlete.RouteGroup
	n     int
}

func (a *API) groupsOf(ctx context.Context, athleteID int64) groupsID {
	g, _, err := a.RouteGroups(ctx, athleteID)
	if err != nil || len(g) == 0 {
		return groupsID{}
	}
	return groupsID{&g[0], len(g)}
}

func (a *API) getActivity(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	key := jsonKey{route: "activity", id: id, of: a.groupsOf(r.Context(), ath.ID), query: ath.TimeZone}
	return a.sendCached(w, r, ath.ID, key, func() (any, error) { return a.Activity(r.Context(), ath, id) })
}

func (a *API) deleteActivity(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.DeleteActivity(r.Context(), p.AthleteID, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// countBody is the runner's word on whether an activity counts in the
// analyses: true (restore one set aside as overlapping another: it counts,
// and what overlaps it is set aside instead), false (set it aside), null
// (the overlap rule decides).
type countBody struct {
	Count *bool `json:"count"`
}

func (a *API) putCount(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body countBody
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	f := athlete.ActivityEditForm{Count: "auto"}
	if body.Count != nil {
		f.Count = map[bool]string{true: "yes", false: "no"}[*body.Count]
	}
	if err := a.EditActivity(r.Context(), ath, id, f); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) checkIn(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var f athlete.CheckInForm
	if err := decodeJSON(r, &f); err != nil {
		return err
	}
	c, err := a.CheckIn(r.Context(), p.AthleteID, id, f)
	if err != nil {
		return err
	}
	out := map[string]any{"activity_id": c.ActivityID, "at": c.At, "enjoyment": c.Enjoyment, "note": c.Note, "surface": c.Surface}
	if c.Companions >= 0 {
		out["companions"] = c.Companions
	}
	if !math.IsNaN(c.RPE) {
		out["rpe"] = c.RPE
	}
	server.WriteJSON(w, http.StatusCreated, out)
	return nil
}

func (a *API) routeGroups(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	g, available, err := a.RouteGroups(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	out := append([]athlete.RouteGroup{}, g...)
	server.WriteJSON(w, http.StatusOK, map[string]any{"items": out, "available": available})
	return nil
}

// athleteAsOf is the signed-in athlete and the day asked for (?as_of,
// default today in their time zone).
func (a *API) athleteAsOf(r *http.Request, p *server.Principal) (*rekindle.Athlete, time.Time, error) {
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return nil, time.Time{}, err
	}
	asOf, err := a.io.AsOf(r, ath.Location())
	if err != nil {
		return nil, time.Time{}, err
	}
	return ath, asOf, nil
}

// asOfView serves a view of the signed-in athlete on a day (?as_of, default
// today in their time zone) as JSON.
func asOfView[T any](a *API, view func(context.Context, *rekindle.Athlete, time.Time) (T, error)) handler {
	return func(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
		_, v, err := viewAsOf(a, r, p, view)
		if err != nil {
			return err
		}
		server.WriteJSON(w, http.StatusOK, v)
		return nil
	}
}

// viewAsOf computes a view of the signed-in athlete on the day asked for.
func viewAsOf[T any](a *API, r *http.Request, p *server.Principal, view func(context.Context, *rekindle.Athlete, time.Time) (T, error)) (*rekindle.Athlete, T, error) {
	ath, asOf, err := a.athleteAsOf(r, p)
	if err != nil {
		var zero T
		return nil, zero, err
	}
	v, err := view(r.Context(), ath, asOf)
	return ath, v, err
}
