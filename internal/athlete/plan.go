package athlete

import (
	"context"
	"fmt"
	"rekindle"
	"rekindle/internal/coach"
	"rekindle/internal/plan"
	"rekindle/internal/spark"
	"rekindle/internal/store"
	"rekindle/internal/streets"
	"strings"
	"time"
)

// writeIdeaPlan writes an accepted idea's day-by-day sessions into the plan
// (plan.FromIdea, as the web app does). Dismissing or snoozing writes nothing.
func writeIdeaPlan(ctx context.Context, s *store.Store, athleteID int64, e store.Experiment, rec *spark.Recommendation) ([]plan.Session, error) {
	if e.State != store.ExperimentAccepted || len(rec.Plan) == 0 {
		return []plan.Session{}, nil
	}
	ss := plan.FromIdea(e.ID, rec.Title, rec.Plan)
	if err := s.AddPlanned(ctx, athleteID, ss); err != nil {
		return nil, fmt.Errorf("spark accept: plan: %w", err)
	}
	return ss, nil
}

// PlanView is the coming days of an athlete's plan.
type PlanView struct {
	From   string      `json:"from"`
	To     string      `json:"to"`
	Days   []plan.Day  `json:"days"`
	Totals plan.Totals `json:"totals"`
	// Next is the first session after To (Week only), nil when none.
	Next *plan.Session `json:"next,omitempty"`
}

// Empty reports whether nothing at all is planned in the view: no session,
// rest day or step.
func (v *PlanView) Empty() bool {
	return v.Totals.Sessions == 0 && v.Totals.RestDays == 0 && v.Totals.Steps == 0
}

// Week is Home's "this week": exactly the 7 days from the calendar day of
// from, and the first session after them, so a page never says "nothing
// planned" of an idea whose sessions start later (a race taper).
//
// The view is cached with the athlete's history while the athlete's stamp
// is unchanged (a plan write anywhere bumps it, and is seen on the next
// request): callers must not change it.
func (a *App) Week(ctx context.Context, athleteID int64, from time.Time) (*PlanView, error) {
	ctx = oneStamp(ctx) // peek and history read one stamp
	key := "week|" + from.Format(time.RFC3339)
	if v, ok := peekView[*PlanView](a, ctx, athleteID, key); ok {
		return v, nil
	}
	c, err := a.history(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	return cachedView(a, c, key, func() (*PlanView, error) { return a.week(ctx, athleteID, from) })
}

func (a *App) week(ctx context.Context, athleteID int64, from time.Time) (*PlanView, error) {
	first := from.Format(time.DateOnly)
	last := from.AddDate(0, 0, 6).Format(time.DateOnly)
	ss, err := a.cfg.Store.ListPlanned(ctx, athleteID, first, from.AddDate(0, 0, 365).Format(time.DateOnly))
	if err != nil {
		return nil, err
	}
	var in []plan.Session
	v := &PlanView{From: first, To: last}
	for i, s := range ss {
		if s.Day <= last {
			in = append(in, s)
		} else if v.Next == nil {
			v.Next = &ss[i]
		}
	}
	v.Days, v.Totals = plan.Days(in, from, 7), plan.Sum(in)
	return v, nil
}

// Plan returns at least n days of the plan from the calendar day of from,
// and more when an accepted idea reaches further: the view spans the whole
// of every idea whose sessions it shows (a race four weeks out, a six-week
// build), up to a year.
func (a *App) Plan(ctx context.Context, athleteID int64, from time.Time, n int) (*PlanView, error) {
	if n < 1 || n > 366 {
		return nil, invalid("days must be 1–366")
	}
	first := from.Format(time.DateOnly)
	ss, err := a.cfg.Store.ListPlanned(ctx, athleteID, first, from.AddDate(0, 0, 365).Format(time.DateOnly))
	if err != nil {
		return nil, err
	}
	n = SpanDays(ss, from, n)
	last := from.AddDate(0, 0, n-1).Format(time.DateOnly)
	var in []plan.Session
	for _, s := range ss {
		if s.Day <= last {
			in = append(in, s)
		}
	}
	return &PlanView{From: first, To: last, Days: plan.Days(in, from, n), Totals: plan.Sum(in)}, nil
}

// SpanDays is how many days from from a plan view shows: at least n, and
// through the last session of every idea that has a session in those n
// days (or later), at most 366.
func SpanDays(ss []plan.Session, from time.Time, n int) int {
	start := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	for _, s := range ss {
		if s.ExperimentID == 0 {
			continue
		}
		d, err := s.Date()
		if err != nil {
			continue
		}
		n = max(n, int(d.Sub(start).Hours()/24)+1)
	}
	return min(n, 366)
}

// PlanForm is a session added by hand.
type PlanForm struct {
	Day       string  `json:"day"`
	Kind      string  `json:"kind"`
	Sport     string  `json:"sport,omitempty"` // default running (none for rest)
	DistanceM float64 `json:"distance_m,omitempty"`
	DurationS float64 `json:"duration_s,omitempty"`
	Note      string  `json:"note,omitempty"`
}

// AddPlanned adds a session to an athlete's plan.
func (a *App) AddPlanned(ctx context.Context, athleteID int64, f PlanForm) (*plan.Session, error) {
	s, err := sessionOf(f)
	if err != nil {
		return nil, err
	}
	ss := []plan.Session{s}
	if err := a.cfg.Store.AddPlanned(ctx, athleteID, ss); err != nil {
		return nil, err
	}
	a.Changed(athleteID) // the cached week (Week)
	return &ss[0], nil
}

// CoachAddPlanned adds a session to an athlete's plan as their coach: the
// store refuses it (not found, or forbidden) unless the coach's link allows
// edit_plan when the session is written, not only when the handler checked.
func (a *App) CoachAddPlanned(ctx context.Context, coachID, athleteID int64, f PlanForm) (*plan.Session, error) {
	s, err := sessionOf(f)
	if err != nil {
		return nil, err
	}
	ss := []plan.Session{s}
	if err := a.cfg.Store.CoachAddPlanned(ctx, athleteID, coachID, ss); err != nil {
		return nil, err
	}
	a.Changed(athleteID) // the cached week (Week)
	return &ss[0], nil
}

// CoachDeletePlanned removes one planned session of an athlete as their
// coach, refused by the store as CoachAddPlanned is.
func (a *App) CoachDeletePlanned(ctx context.Context, coachID, athleteID, id int64) error {
	if err := a.cfg.Store.CoachDeletePlanned(ctx, athleteID, coachID, id); err != nil {
		if isNotFound(err) {
			return notFound("planned session")
		}
		return err
	}
	a.Changed(athleteID) // the cached week (Week)
	return nil
}

// sessionOf is the session a form describes, validated.
func sessionOf(f PlanForm) (plan.Session, error) {
	s := plan.Session{Day: strings.TrimSpace(f.Day), Kind: plan.Kind(f.Kind), Sport: rekindle.Sport(f.Sport), DistanceM: f.DistanceM,
		DurationS: f.DurationS, Note: strings.TrimSpace(f.Note)}
	if s.Sport == "" {
		s.Sport = rekindle.SportRunning
		if s.Kind == plan.KindCross {
			s.Sport = rekindle.SportOther
		}
	}
	if s.Kind == plan.KindRest || s.Kind == plan.KindStep {
		s.Sport = ""
	}
	if err := s.Validate(); err != nil {
		return s, err
	}
	return s, nil
}

// DeletePlanned removes one planned session of the athlete.
func (a *App) DeletePlanned(ctx context.Context, athleteID, id int64) error {
	if err := a.cfg.Store.DeletePlanned(ctx, athleteID, id); err != nil {
		if isNotFound(err) {
			return notFound("planned session")
		}
		return err
	}
	a.Changed(athleteID) // the cached week (Week)
	return nil
}

// writeIdeaPlan stores the day-by-day sessions of an accepted idea, as
// 'rekindle spark accept' does (plan.FromIdea).
func (a *App) writeIdeaPlan(ctx context.Context, athleteID int64, e *spark.Experiment, rec *spark.Recommendation) ([]plan.Session, error) {
	if e.State != spark.StateAccepted || len(rec.Plan) == 0 {
		return []plan.Session{}, nil
	}
	ss := plan.FromIdea(e.ID, rec.Title, rec.Plan)
	if err := a.cfg.Store.AddPlanned(ctx, athleteID, ss); err != nil {
		return nil, err
	}
	a.Changed(athleteID) // the cached week (Week)
	return ss, nil
}

// SparkCheckView is the spark check form and the athlete's past checks.
type SparkCheckView struct {
	Questions []SparkCheckQuestion `json:"questions"`
	Scale     string               `json:"scale"`
	Due       bool                 `json:"due"`
	Last      *SparkCheckResult    `json:"last,omitempty"`
	History   []SparkCheckResult   `json:"history"`
}

// SparkCheckResult is one stored spark check (dimensions 1–5, 5 worst).
type SparkCheckResult struct {
	ID           int64     `json:"id"`
	At           time.Time `json:"at"`
	Exhaustion   float64   `json:"exhaustion"`
	LostInterest float64   `json:"lost_interest"`
	Stagnation   float64   `json:"stagnation"`
	Note         string    `json:"note,omitempty"`
}

// SparkChecks returns the form and history; Due when there has been none in
// the last four weeks.
func (a *App) SparkChecks(ctx context.Context, athleteID int64) (*SparkCheckView, error) {
	list, err := a.cfg.Store.ListSparkChecks(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	v := &SparkCheckView{Scale: spark.AnswerScale, History: []SparkCheckResult{}}
	for _, q := range spark.SparkCheckQuestions {
		v.Questions = append(v.Questions, SparkCheckQuestion{q.ID, q.Text})
	}
	for _, c := range list {
		v.History = append(v.History, SparkCheckResult{c.ID, c.At, c.Exhaustion, c.LostInterest, c.Stagnation, c.Note})
	}
	now := a.cfg.Now()
	v.Due = true
	for i := range v.History {
		h := &v.History[i]
		if v.Last == nil || h.At.After(v.Last.At) {
			v.Last = h
		}
	}
	if v.Last != nil && now.Sub(v.Last.At) < SparkCheckDueDays*24*time.Hour {
		v.Due = false
	}
	return v, nil
}

// SparkCheckForm is a filled-in spark check: question id → answer 1–5.
type SparkCheckForm struct {
	Answers map[string]int `json:"answers"`
	Note    string         `json:"note,omitempty"`
}

// SaveSparkCheck scores and stores a spark check.
func (a *App) SaveSparkCheck(ctx context.Context, athleteID int64, f SparkCheckForm) (*SparkCheckResult, error) {
	if len(f.Note) > 2000 {
		return nil, invalid("the note is too long")
	}
	ex, li, st, err := spark.ScoreSparkCheck(f.Answers)
	if err != nil {
		return nil, invalid(strings.TrimPrefix(err.Error(), "spark check: "))
	}
	c := store.SparkCheck{SparkCheck: rekindle.SparkCheck{AthleteID: athleteID, At: a.cfg.Now().UTC(), Exhaustion: ex, LostInterest: li,
		Stagnation: st, Note: strings.TrimSpace(f.Note)}, Answers: f.Answers}
	if err := a.cfg.Store.SaveSparkCheck(ctx, &c); err != nil {
		return nil, err
	}
	a.Changed(athleteID)
	return &SparkCheckResult{c.ID, c.At, ex, li, st, c.Note}, nil
}

// SparkCheckQuestion is one question of the spark check.
type SparkCheckQuestion struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// SparkCheckDueDays is how long after the last spark check the next is asked for.
const SparkCheckDueDays = 28

// AbandonResult is an experiment given up: the sessions removed from the plan.
type AbandonResult struct {
	ID      int64         `json:"id"`
	RecID   string        `json:"recommendation_id"`
	Title   string        `json:"title"`
	Outcome spark.Outcome `json:"outcome"` // always "abandoned"
	From    string        `json:"removed_from"`
	Removed int           `json:"removed_sessions"`
}

// abandonExperiment gives up an accepted idea at now: its sessions from the
// athlete's today on leave the plan (the days before stay, they are
// history) and its outcome is recorded as abandoned, never judged again.
// The CLI (rekindle spark abandon) and the app (App.Abandon) both call it.
func abandonExperiment(ctx context.Context, s *store.Store, ath *rekindle.Athlete, id int64, now time.Time) (*AbandonResult, error) {
	e, err := s.GetExperiment(ctx, ath.ID, id)
	if err != nil {
		if isNotFound(err) {
			return nil, notFound("experiment")
		}
		return nil, err
	}
	switch {
	case e.State != store.ExperimentAccepted:
		return nil, invalid(fmt.Sprintf("experiment %d was %s, not accepted: there is nothing to give up", id, e.State))
	case e.Outcome == string(spark.OutcomeAbandoned):
		return nil, &rekindle.Error{Code: rekindle.CodeConflict, Message: fmt.Sprintf("experiment %d was already given up", id)}
	case e.Outcome != "":
		return nil, &rekindle.Error{Code: rekindle.CodeConflict, Message: fmt.Sprintf("experiment %d is over (%s): there is nothing to give up", id, e.Outcome)}
	}
	from := now.In(ath.Location()).Format(time.DateOnly)
	n, err := s.DeletePlannedFrom(ctx, ath.ID, id, from)
	if err != nil {
		return nil, err
	}
	if err := s.SetExperimentOutcome(ctx, ath.ID, id, string(spark.OutcomeAbandoned), `[]`, now.UTC()); err != nil {
		return nil, err
	}
	return &AbandonResult{ID: id, RecID: e.RecID, Title: e.Title, Outcome: spark.OutcomeAbandoned, From: from, Removed: n}, nil
}

// Abandon gives up an accepted idea (AbandonExperiment) now.
func (a *App) Abandon(ctx context.Context, ath *rekindle.Athlete, id int64) (*AbandonResult, error) {
	res, err := abandonExperiment(ctx, a.cfg.Store, ath, id, a.cfg.Now())
	if err != nil {
		return nil, err
	}
	a.Changed(ath.ID)
	return res, nil
}

// PlannedRoute is the suggested route of a planned session, for a GPX or
// FIT download from the plan day; not found when the session has none.
func (a *App) PlannedRoute(ctx context.Context, athleteID, sessionID int64) (*plan.Session, *streets.Suggestion, error) {
	p, err := a.cfg.Store.GetPlanned(ctx, athleteID, sessionID)
	if err != nil {
		if isNotFound(err) {
			return nil, nil, notFound("planned session")
		}
		return nil, nil, err
	}
	if p.Route == nil || len(p.Route.Points) < 2 {
		return nil, nil, notFound("route of this planned session")
	}
	return &p, &streets.Suggestion{Kind: "loop", DistanceM: p.Route.DistanceM, TargetM: p.Route.DistanceM, Polyline: p.Route.Points}, nil
}

// CoachedPlannedRoute is the route of a coached athlete's planned run as
// their coach may see it (the read scope): its points cut by the athlete's
// privacy zones (Sharing.Track, as every shared track), not found when
// nothing is left. The athlete is returned for the file's settings.
func (a *App) CoachedPlannedRoute(ctx context.Context, coachID, athleteID, sessionID int64) (*plan.Session, *streets.Suggestion, *rekindle.Athlete, error) {
	if err := a.CoachAccess(ctx, coachID, athleteID, coach.ScopeRead); err != nil {
		return nil, nil, nil, err
	}
	ath, err := a.Athlete(ctx, athleteID)
	if err != nil {
		return nil, nil, nil, err
	}
	p, sg, err := a.PlannedRoute(ctx, athleteID, sessionID)
	if err != nil {
		return nil, nil, nil, err
	}
	sh, err := a.Sharing(ctx, athleteID)
	if err != nil {
		return nil, nil, nil, err
	}
	if sg.Polyline = sh.points(sg.Polyline); len(sg.Polyline) < 2 {
		return nil, nil, nil, notFound("route of this planned session")
	}
	return p, sg, ath, nil
}

// PlannedFrom lists the athlete's planned sessions from the calendar day of
// from for a year (the window Plan and Week read).
func (a *App) PlannedFrom(ctx context.Context, athleteID int64, from time.Time) ([]plan.Session, error) {
	return a.cfg.Store.ListPlanned(ctx, athleteID, from.Format(time.DateOnly), from.AddDate(0, 0, 365).Format(time.DateOnly))
}

// PlannedSession returns one planned session of the athlete (the store's
// not-found error when there is none).
func (a *App) PlannedSession(ctx context.Context, athleteID, id int64) (plan.Session, error) {
	return a.cfg.Store.GetPlanned(ctx, athleteID, id)
}
