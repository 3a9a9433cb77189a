package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/coach"
	"rekindle/internal/server"
)

func (w *Web) coachPage(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	w.renderCoach(rw, r, ath, http.StatusOK, "", nil)
	return nil
}

func (w *Web) renderCoach(rw http.ResponseWriter, r *http.Request, ath *rekindle.Athlete, status int, errMsg string, extra map[string]any) {
	v, err := w.cfg.App.Coaching(r.Context(), ath.ID)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	loc := ath.Location()
	for _, list := range [][]athlete.RequestView{v.Requests, v.RequestsToMe} {
		for i := range list {
			list[i].Created = list[i].Created.In(loc)
			for j := range list[i].Messages {
				list[i].Messages[j].Created = list[i].Messages[j].Created.In(loc)
			}
		}
	}
	d := map[string]any{"C": v, "Invite": r.URL.Query().Get("invite"), "Scopes": coach.AllScopes[1:]}
	for k, x := range extra {
		d[k] = x
	}
	w.render(rw, r, status, "coach", page{Title: "Coach", Nav: "coach", Error: errMsg, Data: d}, lookOf(ath))
}

// coachFail shows an error on the coach page, keeping the status.
func (w *Web) coachFail(rw http.ResponseWriter, r *http.Request, ath *rekindle.Athlete, err error) {
	_, status, msg := server.DescribeFor(r, err)
	if status == http.StatusNotFound || status >= 500 {
		w.fail(rw, r, err)
		return
	}
	w.renderCoach(rw, r, ath, status, msg, nil)
}

func (w *Web) coachInvite(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	if err := r.ParseForm(); err != nil {
		return &rekindle.Error{Code: rekindle.CodeInvalid, Message: "Bad form."}
	}
	f := athlete.InviteForm{Scopes: r.PostForm["scope"], Note: r.PostFormValue("note")}
	token, inv, err := w.cfg.App.CoachInvite(r.Context(), ath.ID, f)
	if err != nil {
		w.coachFail(rw, r, ath, err)
		return nil
	}
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	link := scheme + "://" + r.Host + "/coach?invite=" + url.QueryEscape(token) + "#accept"
	w.renderCoach(rw, r, ath, http.StatusOK, "", map[string]any{"NewInvite": link, "NewToken": token, "InviteScopes": coach.FormatScopes(inv.Scopes),
		"InviteExpires": inv.Expires.In(ath.Location())})
	return nil
}

func (w *Web) coachAccept(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	l, err := w.cfg.App.AcceptCoachInvite(r.Context(), ath.ID, r.PostFormValue("token"))
	if err != nil {
		_, status, msg := server.DescribeFor(r, err)
		w.renderCoach(rw, r, ath, status, msg, nil)
		return nil
	}
	http.Redirect(rw, r, fmt.Sprintf("/coach/athletes/%d?ok=coaching", l.AthleteID), http.StatusSeeOther)
	return nil
}

func (w *Web) coachRevoke(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := strconv.ParseInt(r.PathValue("coach"), 10, 64)
	if err != nil || id <= 0 {
		return &rekindle.Error{Code: rekindle.CodeNotFound, Message: "There is no such coach."}
	}
	if err := w.cfg.App.RevokeCoach(r.Context(), ath.ID, id); err != nil {
		return err
	}
	back(rw, r, "/coach", "revoked-coach")
	return nil
}

func (w *Web) coachRequest(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	coachID, _ := strconv.ParseInt(r.PostFormValue("coach"), 10, 64)
	if _, err := w.cfg.App.CoachRequest(r.Context(), ath, coachID, r.PostFormValue("message")); err != nil {
		w.coachFail(rw, r, ath, err)
		return nil
	}
	back(rw, r, "/coach", "requested")
	return nil
}

func reqID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("req"), 10, 64)
	if err != nil || id <= 0 {
		return 0, &rekindle.Error{Code: rekindle.CodeNotFound, Message: "There is no such request."}
	}
	return id, nil
}

func (w *Web) coachReplyOwn(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := reqID(r)
	if err == nil {
		err = w.cfg.App.ReplyCoachRequest(r.Context(), ath.ID, id, ath.ID, r.PostFormValue("text"))
	}
	if err != nil {
		w.coachFail(rw, r, ath, err)
		return nil
	}
	back(rw, r, "/coach", "replied")
	return nil
}

// coachedID reads {athlete} and checks the signed-in coach's scope on them.
func (w *Web) coachedID(r *http.Request, ath *rekindle.Athlete, scope coach.Scope) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("athlete"), 10, 64)
	if err != nil || id <= 0 {
		return 0, &rekindle.Error{Code: rekindle.CodeNotFound, Message: "There is no such athlete."}
	}
	if err := w.cfg.App.CoachAccess(r.Context(), ath.ID, id, scope); err != nil {
		return 0, err
	}
	return id, nil
}

func (w *Web) coachAthlete(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	w.renderCoached(rw, r, ath, http.StatusOK, "")
	return nil
}

func (w *Web) renderCoached(rw http.ResponseWriter, r *http.Request, ath *rekindle.Athlete, status int, errMsg string) {
	id, err := w.coachedID(r, ath, coach.ScopeRead)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	v, err := w.cfg.App.Coached(r.Context(), ath.ID, id)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	loc := v.Athlete.Location()
	for i := range v.Activities {
		v.Activities[i].Start = v.Activities[i].Start.In(loc)
	}
	can := map[string]bool{}
	for _, s := range v.Scopes {
		can[string(s)] = true
	}
	d := map[string]any{"V": v, "Can": can, "Kinds": planKinds, "Sports": planSports, "Today": v.Plan.From,
		"Action": fmt.Sprintf("/coach/athletes/%d/plan", id)}
	// Distances are shown and entered in the athlete's unit.
	w.render(rw, r, status, "coached", page{Title: v.Name, Nav: "coach", Error: errMsg, Data: d}, lookOf(v.Athlete))
}

func (w *Web) coachPlanAdd(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := w.coachedID(r, ath, coach.ScopeEditPlan)
	if err != nil {
		return err
	}
	them, err := w.cfg.App.Athlete(r.Context(), id)
	if err != nil {
		return err
	}
	f, err := planForm(r, them.Unit)
	if err == nil {
		_, err = w.cfg.App.CoachAddPlanned(r.Context(), ath.ID, id, f)
	}
	if err != nil {
		_, status, msg := server.DescribeFor(r, err)
		w.renderCoached(rw, r, ath, status, msg)
		return nil
	}
	http.Redirect(rw, r, fmt.Sprintf("/coach/athletes/%d?ok=planned#plan", id), http.StatusSeeOther)
	return nil
}

func (w *Web) coachPlanDelete(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := w.coachedID(r, ath, coach.ScopeEditPlan)
	if err != nil {
		return err
	}
	sid, err := formID(r, "session")
	if err == nil {
		err = w.cfg.App.CoachDeletePlanned(r.Context(), ath.ID, id, sid)
	}
	if err != nil {
		return err
	}
	http.Redirect(rw, r, fmt.Sprintf("/coach/athletes/%d?ok=unplanned#plan", id), http.StatusSeeOther)
	return nil
}

func (w *Web) coachReply(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := w.coachedID(r, ath, coach.ScopeComment)
	if err != nil {
		return err
	}
	rid, err := reqID(r)
	if err == nil {
		err = w.cfg.App.ReplyCoachRequest(r.Context(), id, rid, ath.ID, r.PostFormValue("text"))
	}
	if err != nil {
		_, status, msg := server.DescribeFor(r, err)
		if status == http.StatusNotFound {
			return err
		}
		w.renderCoached(rw, r, ath, status, msg)
		return nil
	}
	http.Redirect(rw, r, fmt.Sprintf("/coach/athletes/%d?ok=replied#requests", id), http.StatusSeeOther)
	return nil
}

// coachActivity is a read-only activity page of a coached athlete.
func (w *Web) coachActivity(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := w.coachedID(r, ath, coach.ScopeRead)
	if err != nil {
		return err
	}
	aid, err := pathID(r)
	if err != nil {
		return err
	}
	// Masked by the athlete's privacy zones; their private activities are not found.
	v, them, err := w.cfg.App.CoachedActivity(r.Context(), ath.ID, id, aid)
	if err != nil {
		return err
	}
	v.Row.Start = v.Row.Start.In(them.Location())
	name := them.Name
	if name == "" {
		name = fmt.Sprintf("athlete %d", id)
	}
	w.render(rw, r, http.StatusOK, "coachedactivity", page{Title: v.Row.Name, Nav: "coach", Data: map[string]any{"View": v, "Name": name, "AthleteID": id}}, lookOf(them))
	return nil
}

// coachPlanRouteFile downloads the route attached to a planned run of a
// coached athlete, as the coach may see it (cut by the athlete's privacy
// zones).
func (w *Web) coachPlanRouteFile(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := w.coachedID(r, ath, coach.ScopeRead)
	if err != nil {
		return err
	}
	sid, err := pathID(r)
	if err != nil {
		return err
	}
	return w.io.WriteCoachedPlannedRoute(r.Context(), rw, ath.ID, id, sid, r.PathValue("file"))
}
