package athlete

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"rekindle"
	"rekindle/internal/plan"
	"rekindle/internal/workout"
)

// SessionPaces are the runner's training speeds for workouts.
type SessionPaces = workout.Paces

// sessionPaces returns the runner's training paces from their fitness
// (VDOT) today; nil when there is no qualifying effort (workouts then keep
// only a pace written in the session's note).
func (a *App) sessionPaces(ctx context.Context, athleteID int64) *SessionPaces {
	ath, err := a.Athlete(ctx, athleteID)
	if err != nil {
		return nil
	}
	rep, err := a.Training(ctx, ath, InZone(a.cfg.Now().In(ath.Location()), ath.Location()))
	if err != nil || rep.Fitness.Paces == nil || rep.Fitness.Paces.E <= 0 {
		return nil
	}
	p := rep.Fitness.Paces
	return &SessionPaces{Easy: 1000 / p.E, Threshold: 1000 / p.T, Interval: 1000 / p.I, Repetition: 1000 / p.R}
}

func orNone(p *SessionPaces) workout.Paces {
	if p == nil {
		return workout.Paces{}
	}
	return *p
}

// sessionSteps is a session's workout in one line, "" when a watch has
// nothing to guide.
func sessionSteps(s plan.Session, u rekindle.Unit, p *SessionPaces) string {
	w, ok := workout.FromSession(s, orNone(p))
	if !ok {
		return ""
	}
	return w.Describe(u)
}

// SessionWorkout returns the structured workout of one planned session
// (not found when a watch has nothing to guide: rest, cross-training).
func (a *App) SessionWorkout(ctx context.Context, athleteID, sessionID int64) (*workout.Workout, error) {
	s, err := a.cfg.Store.GetPlanned(ctx, athleteID, sessionID)
	if err != nil {
		if isNotFound(err) {
			return nil, notFound("planned session")
		}
		return nil, err
	}
	w, ok := workout.FromSession(s, orNone(a.sessionPaces(ctx, athleteID)))
	if !ok {
		return nil, notFound("workout for that session (rest and cross-training have none)")
	}
	return w, nil
}

// SessionFIT is one planned session as a FIT workout file and its file name.
func (a *App) SessionFIT(ctx context.Context, athleteID, sessionID int64) ([]byte, string, error) {
	w, err := a.SessionWorkout(ctx, athleteID, sessionID)
	if err != nil {
		return nil, "", err
	}
	var b bytes.Buffer
	if err := w.WriteFIT(&b, a.cfg.Now()); err != nil {
		return nil, "", err
	}
	return b.Bytes(), WorkoutFileName(w, sessionID), nil
}

// WorkoutFileName is "2026-03-10_quality_42.fit".
func WorkoutFileName(w *workout.Workout, sessionID int64) string {
	kind := "run"
	if len(w.Name) > 0 {
		for i, c := range w.Name {
			if c == ' ' {
				kind = w.Name[:i]
				break
			}
		}
	}
	return fmt.Sprintf("%s_%s_%d.fit", w.Day, kind, sessionID)
}

// PlanWorkouts returns the FIT workout files of the plan's run sessions
// from the athlete's today for n days, by file name.
func (a *App) PlanWorkouts(ctx context.Context, athleteID int64, from time.Time, n int) (map[string][]byte, error) {
	if n < 1 || n > 366 {
		return nil, invalid("days must be 1–366")
	}
	ss, err := a.cfg.Store.ListPlanned(ctx, athleteID, from.Format(time.DateOnly), from.AddDate(0, 0, n-1).Format(time.DateOnly))
	if err != nil {
		return nil, err
	}
	p := orNone(a.sessionPaces(ctx, athleteID))
	out := map[string][]byte{}
	for _, s := range ss {
		w, ok := workout.FromSession(s, p)
		if !ok {
			continue
		}
		var b bytes.Buffer
		if err := w.WriteFIT(&b, a.cfg.Now()); err != nil {
			return nil, fmt.Errorf("plan session %d: %w", s.ID, err)
		}
		out[WorkoutFileName(w, s.ID)] = b.Bytes()
	}
	return out, nil
}

// EditPlanned rewrites one planned session in place: its id, and so its
// calendar UID, stays.
func (a *App) EditPlanned(ctx context.Context, athleteID, id int64, f PlanForm) (*plan.Session, error) {
	old, err := a.cfg.Store.GetPlanned(ctx, athleteID, id)
	if err != nil {
		if isNotFound(err) {
			return nil, notFound("planned session")
		}
		return nil, err
	}
	s, err := sessionOf(f)
	if err != nil {
		return nil, err
	}
	s.ID, s.ExperimentID = old.ID, old.ExperimentID
	if err := a.cfg.Store.UpdatePlanned(ctx, athleteID, s, a.cfg.Now()); err != nil {
		return nil, err
	}
	return &s, nil
}
