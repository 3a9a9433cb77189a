package athlete

import (
	"context"
	"encoding/json"
	"fmt"
	"rekindle"
	"rekindle/internal/coach"
	"rekindle/internal/spark"
	"strconv"
	"strings"
	"time"
)

// RequestContext is what a plan-tweak request carries: the spark report on
// at's day (the one the home page shows), the training numbers behind it
// and the coming two weeks of the plan.
func (a *App) RequestContext(ctx context.Context, ath *rekindle.Athlete, at time.Time) (coach.Context, error) {
	rep, err := a.SparkReport(ctx, ath, at)
	if err != nil {
		return coach.Context{}, err
	}
	raw, err := json.Marshal(rep)
	if err != nil {
		return coach.Context{}, fmt.Errorf("coach request: %w", err)
	}
	sig := func(k string) float64 { return rep.Signals[k].Value }
	kn := &coach.KeyNumbers{Fitness: sig(spark.SigFitness), Fatigue: sig(spark.SigFatigue), Form: sig(spark.SigForm),
		WeekDistanceM: 1000 * sig(spark.SigWeekKm), UsualWeekDistanceM: 1000 * sig(spark.SigUsualWeekKm), RunsPerWeek: sig(spark.SigRunsPerWeek),
		WeeksSinceLightWeek: sig(spark.SigWeeksNoLight), Monotony: sig(spark.SigMonotony), VDOT: sig(spark.SigVDOT)}
	if len(rep.Diagnoses) > 0 {
		kn.Status = string(rep.Diagnoses[0].Key)
	}
	rc := coach.Context{AsOf: rep.AsOf, Spark: raw, Training: kn}
	from := at.In(ath.Location())
	planned, err := a.cfg.Store.ListPlanned(ctx, ath.ID, from.Format(time.DateOnly), from.AddDate(0, 0, 13).Format(time.DateOnly))
	if err != nil {
		return coach.Context{}, err
	}
	if len(planned) > 0 {
		if rc.Plan, err = json.Marshal(planned); err != nil {
			return coach.Context{}, fmt.Errorf("coach request: %w", err)
		}
	}
	return rc, nil
}

// LinkView is a coach link as one side sees the other.
type LinkView struct {
	AthleteID int64         `json:"athlete_id"`
	CoachID   int64         `json:"coach_id"`
	Name      string        `json:"name"` // the other person
	Scopes    []coach.Scope `json:"scopes"`
	Created   time.Time     `json:"created"`
	Revoked   time.Time     `json:"revoked,omitzero"`
	Active    bool          `json:"active"`
}

// MessageView is one message of a request.
type MessageView struct {
	Author  string    `json:"author"`
	Mine    bool      `json:"mine"`
	Text    string    `json:"text"`
	Created time.Time `json:"created"`
}

// RequestView is a plan-tweak request with its thread.
type RequestView struct {
	ID        int64             `json:"id"`
	AthleteID int64             `json:"athlete_id"`
	CoachID   int64             `json:"coach_id"`
	Athlete   string            `json:"athlete"`
	Coach     string            `json:"coach"`
	Message   string            `json:"message"`
	State     coach.State       `json:"state"`
	Created   time.Time         `json:"created"`
	Context   coach.Context     `json:"context"`
	Training  *coach.KeyNumbers `json:"-"`
	Messages  []MessageView     `json:"messages"`
}

// CoachView is everything about coaching for one person: their coaches and
// requests as an athlete, their athletes and the requests to them as a coach.
type CoachView struct {
	Coaches      []LinkView    `json:"coaches"`
	Requests     []RequestView `json:"requests"`
	Athletes     []LinkView    `json:"athletes"`
	RequestsToMe []RequestView `json:"requests_to_me"`
}

func (a *App) personName(ctx context.Context, id int64) string {
	if ath, err := a.Athlete(ctx, id); err == nil && ath.Name != "" {
		return ath.Name
	}
	if acc, err := a.cfg.Store.GetAccount(ctx, id); err == nil {
		return acc.Email
	}
	return "athlete " + strconv.FormatInt(id, 10)
}

func (a *App) linkView(ctx context.Context, l coach.Link, other int64) LinkView {
	return LinkView{AthleteID: l.AthleteID, CoachID: l.CoachID, Name: a.personName(ctx, other), Scopes: l.Scopes, Created: l.Created, Revoked: l.Revoked, Active: l.Active()}
}

// requestView loads a request's thread; me is who is looking.
func (a *App) requestView(ctx context.Context, r coach.Request, me int64) (RequestView, error) {
	full, err := a.cfg.Store.GetCoachRequest(ctx, r.AthleteID, r.ID)
	if err != nil {
		return RequestView{}, err
	}
	v := RequestView{ID: full.ID, AthleteID: full.AthleteID, CoachID: full.CoachID, Athlete: a.personName(ctx, full.AthleteID), Coach: a.personName(ctx, full.CoachID),
		Message: full.Message, State: full.State, Created: full.Created, Context: full.Context, Training: full.Context.Training, Messages: []MessageView{}}
	for _, m := range full.Messages {
		who := v.Athlete
		if m.AuthorID == full.CoachID {
			who = v.Coach
		}
		v.Messages = append(v.Messages, MessageView{Author: who, Mine: m.AuthorID == me, Text: m.Text, Created: m.Created})
	}
	return v, nil
}

// Coaching returns the coach view of a person.
func (a *App) Coaching(ctx context.Context, me int64) (*CoachView, error) {
	v := &CoachView{Coaches: []LinkView{}, Requests: []RequestView{}, Athletes: []LinkView{}, RequestsToMe: []RequestView{}}
	coaches, err := a.cfg.Store.ListCoaches(ctx, me)
	if err != nil {
		return nil, err
	}
	for _, l := range coaches {
		v.Coaches = append(v.Coaches, a.linkView(ctx, l, l.CoachID))
	}
	athletes, err := a.cfg.Store.ListCoachedAthletes(ctx, me)
	if err != nil {
		return nil, err
	}
	for _, l := range athletes {
		if l.Active() {
			v.Athletes = append(v.Athletes, a.linkView(ctx, l, l.AthleteID))
		}
	}
	mine, err := a.cfg.Store.ListCoachRequests(ctx, me)
	if err != nil {
		return nil, err
	}
	for _, r := range mine {
		rv, err := a.requestView(ctx, r, me)
		if err != nil {
			return nil, err
		}
		v.Requests = append(v.Requests, rv)
	}
	toMe, err := a.cfg.Store.ListRequestsForCoach(ctx, me)
	if err != nil {
		return nil, err
	}
	for _, r := range toMe {
		rv, err := a.requestView(ctx, r, me)
		if err != nil {
			return nil, err
		}
		v.RequestsToMe = append(v.RequestsToMe, rv)
	}
	return v, nil
}

// InviteForm asks for a coach invite.
type InviteForm struct {
	Scopes []string `json:"scopes"` // read, comment, edit_plan (read is always granted)
	Note   string   `json:"note,omitempty"`
	Days   int      `json:"days,omitempty"` // valid for (default 14)
}

// CoachInvite makes a one-time invite token for a coach.
func (a *App) CoachInvite(ctx context.Context, athleteID int64, f InviteForm) (token string, inv *coach.Invite, err error) {
	scopes, err := coach.ParseScopes(strings.Join(append([]string{"read"}, f.Scopes...), ","))
	if err != nil {
		return "", nil, invalid(err.Error())
	}
	if f.Days == 0 {
		f.Days = coach.InviteDays
	}
	if f.Days < 1 || f.Days > 90 || len(f.Note) > 500 {
		return "", nil, invalid("an invite lasts 1–90 days and its note is at most 500 bytes")
	}
	token, hash, err := coach.NewToken()
	if err != nil {
		return "", nil, err
	}
	now := a.cfg.Now().UTC()
	inv = &coach.Invite{AthleteID: athleteID, Scopes: scopes, Note: strings.TrimSpace(f.Note), Created: now, Expires: now.AddDate(0, 0, f.Days)}
	if err := a.cfg.Store.CreateCoachInvite(ctx, inv, hash); err != nil {
		return "", nil, err
	}
	return token, inv, nil
}

// AcceptCoachInvite makes the signed-in person the coach of the invite's athlete.
func (a *App) AcceptCoachInvite(ctx context.Context, coachID int64, token string) (*LinkView, error) {
	token = strings.TrimSpace(token)
	if token == "" || len(token) > 200 {
		return nil, invalid("paste the invite token")
	}
	l, err := a.cfg.Store.AcceptCoachInvite(ctx, coach.HashToken(token), coachID, a.cfg.Now().UTC())
	if err != nil {
		if isNotFound(err) {
			return nil, notFound("invite")
		}
		return nil, err
	}
	v := a.linkView(ctx, l, l.AthleteID)
	return &v, nil
}

// RevokeCoach ends a coach's access to the athlete.
func (a *App) RevokeCoach(ctx context.Context, athleteID, coachID int64) error {
	if err := a.cfg.Store.RevokeCoach(ctx, athleteID, coachID, a.cfg.Now().UTC()); err != nil {
		if isNotFound(err) {
			return notFound("coach")
		}
		return err
	}
	return nil
}

// ActiveCoaches are the ids of the athlete's coaches whose link is active.
func (a *App) ActiveCoaches(ctx context.Context, athleteID int64) ([]int64, error) {
	links, err := a.cfg.Store.ListCoaches(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	var active []int64
	for _, l := range links {
		if l.Active() {
			active = append(active, l.CoachID)
		}
	}
	return active, nil
}

// CoachRequest sends a plan-tweak request, with the athlete's context, to
// one of their coaches (coachID 0: the only active one).
func (a *App) CoachRequest(ctx context.Context, ath *rekindle.Athlete, coachID int64, message string) (*RequestView, error) {
	if coachID == 0 {
		active, err := a.ActiveCoaches(ctx, ath.ID)
		if err != nil {
			return nil, err
		}
		switch len(active) {
		case 0:
			return nil, &rekindle.Error{Code: rekindle.CodeConflict, Message: "no coach linked yet: invite one first"}
		case 1:
			coachID = active[0]
		default:
			return nil, invalid("you have several coaches: say which one")
		}
	}
	r, err := a.SendCoachRequest(ctx, ath, coachID, message, a.cfg.Now().In(ath.Location()))
	if err != nil {
		return nil, err
	}
	v, err := a.requestView(ctx, r, ath.ID)
	return &v, err
}

// SendCoachRequest stores a plan-tweak request to coachID with the
// athlete's context on at's day (RequestContext).
func (a *App) SendCoachRequest(ctx context.Context, ath *rekindle.Athlete, coachID int64, message string, at time.Time) (coach.Request, error) {
	if err := coach.CheckMessage(message); err != nil {
		return coach.Request{}, err
	}
	rc, err := a.RequestContext(ctx, ath, at)
	if err != nil {
		return coach.Request{}, err
	}
	r := coach.Request{AthleteID: ath.ID, CoachID: coachID, Message: strings.TrimSpace(message), Context: rc, Created: a.cfg.Now().UTC()}
	if err := a.cfg.Store.CreateCoachRequest(ctx, &r); err != nil {
		return coach.Request{}, err
	}
	return r, nil
}

// ReplyCoachRequest adds authorID's reply to the athlete's request; the
// store checks the author may (the athlete, or the coach with comment).
func (a *App) ReplyCoachRequest(ctx context.Context, athleteID, requestID, authorID int64, text string) error {
	if _, err := a.cfg.Store.ReplyCoachRequest(ctx, athleteID, requestID, authorID, text, a.cfg.Now().UTC()); err != nil {
		if isNotFound(err) {
			return notFound("request")
		}
		return err
	}
	return nil
}

// CoachAccess checks that coachID may act on athleteID's data with scope:
// not found without an active link that lets them read (nothing is
// revealed), forbidden when the link lacks the scope (coach.CheckAccess).
// A handler's early answer only: a write re-checks the link inside its
// transaction (CoachAddPlanned, CoachDeletePlanned, the store's reply).
func (a *App) CoachAccess(ctx context.Context, coachID, athleteID int64, scope coach.Scope) error {
	if coachID == athleteID {
		return notFound("athlete")
	}
	l, err := a.cfg.Store.GetCoachLink(ctx, athleteID, coachID)
	if isNotFound(err) {
		return notFound("athlete")
	}
	if err != nil {
		return err
	}
	return coach.CheckAccess(&l, scope)
}

// CoachedView is what a coach sees of an athlete they may read.
type CoachedView struct {
	AthleteID  int64             `json:"athlete_id"`
	Name       string            `json:"name"`
	Scopes     []coach.Scope     `json:"scopes"`
	Home       *HomeView         `json:"home"`
	Activities []ActivityRow     `json:"recent_activities"`
	Plan       *PlanView         `json:"plan"`
	Requests   []RequestView     `json:"requests"`
	Unit       rekindle.Unit     `json:"unit"`
	Athlete    *rekindle.Athlete `json:"-"`
}

// Coached returns a coach's read-only view of an athlete.
func (a *App) Coached(ctx context.Context, coachID, athleteID int64) (*CoachedView, error) {
	if err := a.CoachAccess(ctx, coachID, athleteID, coach.ScopeRead); err != nil {
		return nil, err
	}
	ath, err := a.Athlete(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	l, err := a.cfg.Store.GetCoachLink(ctx, athleteID, coachID)
	if err != nil {
		return nil, err
	}
	now := a.cfg.Now().In(ath.Location())
	day := time.Date(now.Year(), now.Month(), now.Day(), 12, 0, 0, 0, now.Location())
	v := &CoachedView{AthleteID: athleteID, Name: a.personName(ctx, athleteID), Scopes: l.Scopes, Unit: ath.Unit, Athlete: ath, Requests: []RequestView{}}
	sh, err := a.Sharing(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	if v.Home, err = a.Home(ctx, ath, day); err != nil {
		return nil, err
	}
	v.Home = sh.Home(v.Home)
	if v.Home.LastRun != nil && sh.Private[v.Home.LastRun.ID] {
		home := *v.Home
		home.LastRun = nil
		v.Home = &home
	}
	// The ten latest activities the athlete shares (private ones left out).
	pg, err := a.Activities(ctx, ath, ListQuery{Page: 1, PerPage: 10 + len(sh.Private)})
	if err != nil {
		return nil, err
	}
	v.Activities = sh.Rows(pg.Items)
	if len(v.Activities) > 10 {
		v.Activities = v.Activities[:10]
	}
	if v.Plan, err = a.Plan(ctx, athleteID, day, 14); err != nil {
		return nil, err
	}
	v.Plan = sh.Plan(v.Plan)
	reqs, err := a.cfg.Store.ListRequestsForCoach(ctx, coachID)
	if err != nil {
		return nil, err
	}
	for _, r := range reqs {
		if r.AthleteID != athleteID {
			continue
		}
		rv, err := a.requestView(ctx, r, coachID)
		if err != nil {
			return nil, err
		}
		v.Requests = append(v.Requests, rv)
	}
	return v, nil
}

// CoachReply adds coachID's reply to a request the athlete sent them: not
// found when the athlete has no such request or sent it to another coach.
func (a *App) CoachReply(ctx context.Context, athleteID, requestID, coachID int64, text string) error {
	req, err := a.cfg.Store.GetCoachRequest(ctx, athleteID, requestID)
	if err != nil || req.CoachID != coachID {
		return notFound("request")
	}
	return a.ReplyCoachRequest(ctx, athleteID, requestID, coachID, text)
}

// CoachLinks returns a person's coach links and requests, all of them
// (revoked links and answered requests too): as the athlete (their coaches
// and the requests they sent) or, asCoach, as the coach (the athletes they
// coach and the requests sent to them).
func (a *App) CoachLinks(ctx context.Context, me int64, asCoach bool) ([]coach.Link, []coach.Request, error) {
	s := a.cfg.Store
	if asCoach {
		links, err := s.ListCoachedAthletes(ctx, me)
		if err != nil {
			return nil, nil, err
		}
		reqs, err := s.ListRequestsForCoach(ctx, me)
		return links, reqs, err
	}
	links, err := s.ListCoaches(ctx, me)
	if err != nil {
		return nil, nil, err
	}
	reqs, err := s.ListCoachRequests(ctx, me)
	return links, reqs, err
}

// CoachRequestRecord returns one of the athlete's coach requests as stored
// (the store's not-found error when there is none).
func (a *App) CoachRequestRecord(ctx context.Context, athleteID, id int64) (coach.Request, error) {
	return a.cfg.Store.GetCoachRequest(ctx, athleteID, id)
}
