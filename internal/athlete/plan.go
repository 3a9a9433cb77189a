package athlete

import (
	"context"
	"fmt"
	"rekindle"
	"rekindle/internal/plan"
	"rekindle/internal/spark"
	"rekindle/internal/store"
	"strings"
	"time"
)

// WriteIdeaPlan writes an accepted idea's day-by-day sessions into the plan
// (plan.FromIdea, as the web app does). Dismissing or snoozing writes nothing.
func WriteIdeaPlan(ctx context.Context, s *store.Store, athleteID int64, e store.Experiment, rec *spark.Recommendation) ([]plan.Session, error) {
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
}

// Plan returns n days of the plan from the calendar day of from.
func (a *App) Plan(ctx context.Context, athleteID int64, from time.Time, n int) (*PlanView, error) {
	if n < 1 || n > 366 {
		return nil, invalid("days must be 1–366")
	}
	first := from.Format(time.DateOnly)
	last := from.AddDate(0, 0, n-1).Format(time.DateOnly)
	ss, err := a.cfg.Store.ListPlanned(ctx, athleteID, first, last)
	if err != nil {
		return nil, err
	}
	return &PlanView{From: first, To: last, Days: plan.Days(ss, from, n), Totals: plan.Sum(ss)}, nil
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
	return &ss[0], nil
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
	if s.Kind == plan.KindRest {
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
