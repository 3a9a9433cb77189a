package athlete

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"rekindle"
	"rekindle/internal/calendar"
	"rekindle/internal/race"
	"rekindle/internal/store"
	"slices"
	"strings"
	"time"
)

// Races returns races and classes on asOf.
func (a *App) Races(ctx context.Context, ath *rekindle.Athlete, asOf time.Time) (*RacesView, error) {
	// The cached history and training picture (the training page's
	// fitness): the page reads no activity from the store.
	c, err := a.history(ctx, ath.ID)
	if err != nil {
		return nil, err
	}
	key := "races|" + asOf.Format(time.RFC3339) + "|" + ath.TimeZone + "|" + string(ath.Unit) + fmt.Sprint(ath.RestingHR, ath.MaxHR, ath.ThresholdPaceMS, ath.BirthYear, ath.Sex)
	cv, err := cachedView(a, c, key, func() (*RacesView, error) {
		tr, err := a.Training(ctx, ath, asOf)
		if err != nil {
			return nil, err
		}
		return racesAndClasses(ctx, a.cfg.Store, runnerOf(a.cfg.Store, ath, asOf, c.acts, &tr.Fitness))
	})
	if err != nil {
		return nil, err
	}
	// A copy the caller may change (the web puts times in the runner's zone).
	v := *cv
	v.Races, v.Classes = slices.Clone(cv.Races), slices.Clone(cv.Classes)
	v.Taper, v.RunDays = slices.Clone(cv.Taper), slices.Clone(cv.RunDays)
	feeds, err := a.cfg.Store.ListCalendarFeeds(ctx, ath.ID, "")
	if err != nil {
		return nil, err
	}
	v.Feeds = feeds
	if v.Feeds == nil {
		v.Feeds = []store.CalendarFeed{}
	}
	if v.Races == nil {
		v.Races = []race.Race{}
	}
	if v.Classes == nil {
		v.Classes = []race.Class{}
	}
	if v.RunDays == nil {
		v.RunDays = []string{}
	}
	return &v, nil
}

// MaxCalendarBytes caps an uploaded calendar.
const MaxCalendarBytes = 8 << 20

// ImportCalendar reads an iCalendar (.ics) or CSV calendar and stores it as
// the athlete's race calendar (kind "race") or class schedule ("classes");
// importing the same name again replaces it. It returns the feed and how
// many lines were skipped or odd.
func (a *App) ImportCalendar(ctx context.Context, ath *rekindle.Athlete, kind, file, name string, r io.Reader) (*store.CalendarFeed, int, error) {
	if kind != store.CalendarRaces && kind != store.CalendarClasses {
		return nil, 0, invalid(`kind must be "race" or "classes"`)
	}
	base := filepath.Base(strings.ReplaceAll(file, "\\", "/"))
	switch strings.ToLower(filepath.Ext(base)) {
	case ".ics", ".ical", ".icalendar", ".csv":
	default:
		return nil, 0, invalid("upload an iCalendar (.ics) or CSV (.csv) file")
	}
	if len(name) > 100 {
		return nil, 0, invalid("the name is too long")
	}
	cal, err := calendar.Parse(io.LimitReader(r, MaxCalendarBytes), base, ath.Location())
	if err != nil {
		return nil, 0, &rekindle.Error{Code: rekindle.CodeInvalid, Message: fmt.Sprintf("%s could not be read as a calendar", base), Err: err}
	}
	if len(cal.Events) == 0 {
		return nil, 0, invalid(base + " has no events in it")
	}
	name = strings.TrimSpace(name)
	if name == "" {
		name = cal.Name
	}
	if name == "" {
		name = strings.TrimSuffix(base, filepath.Ext(base))
	}
	feed, err := a.cfg.Store.ImportCalendar(ctx, ath.ID, kind, name, base, cal.Events, a.cfg.Now())
	if err != nil {
		return nil, 0, err
	}
	a.Changed(ath.ID)
	return &feed, len(cal.Warnings), nil
}

// DeleteCalendar removes one of the athlete's calendars.
func (a *App) DeleteCalendar(ctx context.Context, athleteID, id int64) error {
	if err := a.cfg.Store.DeleteCalendarFeed(ctx, athleteID, id); err != nil {
		if isNotFound(err) {
			return notFound("calendar")
		}
		return err
	}
	a.Changed(athleteID)
	return nil
}

// CalendarFeeds lists the athlete's imported calendars (races and classes).
func (a *App) CalendarFeeds(ctx context.Context, athleteID int64) ([]store.CalendarFeed, error) {
	return a.cfg.Store.ListCalendarFeeds(ctx, athleteID, "")
}
