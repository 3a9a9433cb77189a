package athlete

import (
	"context"
	"rekindle"
	"rekindle/internal/ingest"
	"rekindle/internal/store"
	"strings"
)

// ActivityEditForm is a correction to one activity, as a form or flags give
// it: Sport empty and Name nil leave those as they are; Race is "yes", "no",
// "auto" (the engine decides) or "" (unchanged).
type ActivityEditForm struct {
	Sport rekindle.Sport
	Name  *string
	Race  string
	// Count is the runner's word on whether the activity counts in the
	// analyses: "yes" (restore one set aside: it counts, whatever overlaps
	// it), "no" (set it aside), "auto" (the overlap rule decides) or ""
	// (unchanged).
	Count string
}

// EditActivity applies f to the athlete's activity id, writing only what
// differs from the stored activity (a name equal to the displayed default
// is not stored).
func (a *App) EditActivity(ctx context.Context, ath *rekindle.Athlete, id int64, f ActivityEditForm) error {
	act, err := a.cfg.Store.GetActivity(ctx, ath.ID, id)
	if err != nil {
		return activityErr(err)
	}
	var e store.ActivityEdit
	if f.Sport != "" && f.Sport != act.Sport {
		e.Sport = &f.Sport
	}
	if f.Name != nil {
		if n := strings.TrimSpace(*f.Name); n != act.Name && n != act.DisplayName(ath.Location()) {
			if len(n) > 200 {
				return &rekindle.Error{Code: rekindle.CodeInvalid, Message: "a name is at most 200 characters"}
			}
			e.Name = &n
		}
	}
	switch f.Race {
	case "yes", "no":
		v := f.Race == "yes"
		if act.RaceOverride == nil || *act.RaceOverride != v {
			e.SetRace, e.Race = true, &v
		}
	case "auto":
		if act.RaceOverride != nil {
			e.SetRace = true
		}
	case "":
	default:
		return &rekindle.Error{Code: rekindle.CodeInvalid, Message: "race must be yes, no or auto"}
	}
	switch f.Count {
	case "yes", "no":
		v := f.Count == "yes"
		if act.CountOverride == nil || *act.CountOverride != v {
			e.SetCount, e.Count = true, &v
		}
	case "auto":
		if act.CountOverride != nil {
			e.SetCount = true
		}
	case "":
	default:
		return &rekindle.Error{Code: rekindle.CodeInvalid, Message: "count must be yes, no or auto"}
	}
	if err := a.cfg.Store.EditActivity(ctx, ath.ID, id, e); err != nil {
		return activityErr(err)
	}
	if e.SetCount || e.Sport != nil {
		// What counts changed: the activities overlapping it are decided
		// again (restoring one sets aside what was kept in its place; a
		// "run" set aside as no run given its sport counts as that).
		if _, _, err := ingest.ResolveOverlaps(ctx, a.cfg.Store, ath.ID); err != nil {
			return err
		}
	}
	a.Changed(ath.ID) // the cached analysis read the old sport, name, race mark or set-aside state
	return nil
}

// ActivityHead is what the edit form shows: where the sport came from and
// the runner's race mark (nil: the engine decides).
func (a *App) ActivityHead(ctx context.Context, athleteID, id int64) (sportSource string, race *bool, err error) {
	s, race, err := a.cfg.Store.ActivityHead(ctx, athleteID, id)
	return s, race, activityErr(err)
}

// ActivityPageHead is ActivityHead and whether the activity is private,
// in one store read (the activity page).
func (a *App) ActivityPageHead(ctx context.Context, athleteID, id int64) (sportSource string, race *bool, private bool, err error) {
	s, race, private, err := a.cfg.Store.ActivityPageHead(ctx, athleteID, id)
	return s, race, private, activityErr(err)
}

// SetSportWhere sets the sport of every activity f matches and returns how
// many changed.
func (a *App) SetSportWhere(ctx context.Context, athleteID int64, f store.BulkSportFilter, to rekindle.Sport) (int, error) {
	n, err := a.cfg.Store.SetSportWhere(ctx, athleteID, f, to)
	if err == nil && n > 0 {
		a.Changed(athleteID)
	}
	return n, err
}

// Courses lists the athlete's saved courses (planned routes with no times).
func (a *App) Courses(ctx context.Context, athleteID int64) ([]*store.Course, error) {
	return a.cfg.Store.ListCourses(ctx, athleteID)
}

// DeleteCourse deletes one of the athlete's saved courses.
func (a *App) DeleteCourse(ctx context.Context, athleteID, id int64) error {
	return a.cfg.Store.DeleteCourse(ctx, athleteID, id)
}

// HasStreetGraph says whether the athlete has a street graph stored.
func (a *App) HasStreetGraph(ctx context.Context, athleteID int64) bool {
	_, err := a.cfg.Store.RouteGraphVersion(ctx, athleteID) // not the graph itself
	return err == nil
}

// DeleteActivity deletes the athlete's activity id (its track and duplicate
// marks with it): not found when the athlete has no such activity.
func (a *App) DeleteActivity(ctx context.Context, athleteID, id int64) error {
	if _, err := a.cfg.Store.GetActivity(ctx, athleteID, id); err != nil {
		if isNotFound(err) {
			return ErrNoActivity
		}
		return err
	}
	if err := a.cfg.Store.DeleteActivity(ctx, athleteID, id); err != nil {
		return activityErr(err)
	}
	// What it kept set aside by overlapping it may count now.
	if _, _, err := ingest.ResolveOverlaps(ctx, a.cfg.Store, athleteID); err != nil {
		return err
	}
	a.Changed(athleteID)
	return nil
}
