package api

import (
	"net/http"

	"rekindle/internal/athlete"
	"rekindle/internal/coach"
	"rekindle/internal/server"
)

func (a *API) getCoach(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	v, err := a.Coaching(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, v)
	return nil
}

func (a *API) postCoachInvite(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var f athlete.InviteForm
	if err := decodeJSON(r, &f); err != nil {
		return err
	}
	token, inv, err := a.CoachInvite(r.Context(), p.AthleteID, f)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, map[string]any{"token": token, "scopes": inv.Scopes, "expires": inv.Expires})
	return nil
}

func (a *API) postCoachAccept(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var body struct {
		Token string `json:"token"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	l, err := a.AcceptCoachInvite(r.Context(), p.AthleteID, body.Token)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, l)
	return nil
}

func (a *API) deleteCoach(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "coach")
	if err != nil {
		return err
	}
	if err := a.RevokeCoach(r.Context(), p.AthleteID, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) postCoachRequest(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var body struct {
		CoachID int64  `json:"coach_id,omitempty"`
		Message string `json:"message"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	v, err := a.CoachRequest(r.Context(), ath, body.CoachID, body.Message)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, v)
	return nil
}

type replyBody struct {
	Text string `json:"text"`
}

func (a *API) postOwnReply(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "req")
	if err != nil {
		return err
	}
	var body replyBody
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if err := a.ReplyCoachRequest(r.Context(), p.AthleteID, id, p.AthleteID, body.Text); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// coached runs h for a coach acting on {athlete} with scope.
func (a *API) coached(scope coach.Scope, h func(w http.ResponseWriter, r *http.Request, p *server.Principal, athleteID int64) error) handler {
	return func(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
		athleteID, err := pathID(r, "athlete")
		if err != nil {
			return err
		}
		if err := a.CoachAccess(r.Context(), p.AthleteID, athleteID, scope); err != nil {
			return err
		}
		return h(w, r, p, athleteID)
	}
}

func (a *API) getCoached(w http.ResponseWriter, r *http.Request, p *server.Principal, athleteID int64) error {
	v, err := a.Coached(r.Context(), p.AthleteID, athleteID)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, v)
	return nil
}

func (a *API) getCoachedActivity(w http.ResponseWriter, r *http.Request, p *server.Principal, athleteID int64) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	// Masked by the athlete's privacy zones; their private activities are not found.
	v, _, err := a.CoachedActivity(r.Context(), p.AthleteID, athleteID, id)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, v)
	return nil
}

func (a *API) getCoachedPlan(w http.ResponseWriter, r *http.Request, p *server.Principal, athleteID int64) error {
	return a.servePlanOf(w, r, athleteID, a.CoachedPlan)
}

func (a *API) getCoachedPlanRoute(w http.ResponseWriter, r *http.Request, p *server.Principal, athleteID int64) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return a.io.WriteCoachedPlannedRoute(r.Context(), w, p.AthleteID, athleteID, id, r.PathValue("file"))
}

// postCoachedPlan and deleteCoachedPlan write through the coach's calls:
// the store re-checks the link inside the write's transaction (a revoke
// after coached's check is not missed).
func (a *API) postCoachedPlan(w http.ResponseWriter, r *http.Request, p *server.Principal, athleteID int64) error {
	var f athlete.PlanForm
	if err := decodeJSON(r, &f); err != nil {
		return err
	}
	s, err := a.CoachAddPlanned(r.Context(), p.AthleteID, athleteID, f)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, s)
	return nil
}

func (a *API) deleteCoachedPlan(w http.ResponseWriter, r *http.Request, p *server.Principal, athleteID int64) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.CoachDeletePlanned(r.Context(), p.AthleteID, athleteID, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) postCoachReply(w http.ResponseWriter, r *http.Request, p *server.Principal, athleteID int64) error {
	id, err := pathID(r, "req")
	if err != nil {
		return err
	}
	var body replyBody
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if err := a.CoachReply(r.Context(), athleteID, id, p.AthleteID, body.Text); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
