package athlete

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/calendar"
	"rekindle/internal/plan"
	"rekindle/internal/store"
	"rekindle/internal/units"
)

// The plan in any calendar: an iCalendar feed of the athlete's plan at a
// secret URL (rotated and revoked from Settings, the API and `rekindle plan
// feed`), and the same calendar as a one-off download.

// Feed window around today: the last four weeks and the coming year.
const (
	FeedPastDays   = 28
	FeedFutureDays = 366
)

// PlanFeedStatus says whether the athlete's feed is on.
type PlanFeedStatus struct {
	Active  bool      `json:"active"`
	Created time.Time `json:"created,omitzero"`
	// Token and Path are set only right after a rotation: the token is
	// stored hashed and never shown again.
	Token string `json:"token,omitempty"`
	Path  string `json:"path,omitempty"` // /api/v1/calendar/{athlete}/{token}.ics
}

// PlanFeedPath is the feed's URL path for an athlete and token.
func PlanFeedPath(athleteID int64, token string) string {
	return fmt.Sprintf("/api/v1/calendar/%d/%s.ics", athleteID, token)
}

func feedHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// PlanFeed returns the status of the athlete's feed.
func (a *App) PlanFeed(ctx context.Context, athleteID int64) (*PlanFeedStatus, error) {
	f, err := a.cfg.Store.GetPlanFeed(ctx, athleteID)
	if isNotFound(err) {
		return &PlanFeedStatus{}, nil
	}
	if err != nil {
		return nil, err
	}
	return &PlanFeedStatus{Active: true, Created: f.CreatedAt}, nil
}

// RotatePlanFeed makes a new secret feed URL (the first one, or one that
// replaces the old, which stops working at once).
func (a *App) RotatePlanFeed(ctx context.Context, athleteID int64) (*PlanFeedStatus, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("plan feed: token: %w", err)
	}
	tok := base64.RawURLEncoding.EncodeToString(b)
	now := a.cfg.Now().UTC()
	if err := a.cfg.Store.SetPlanFeed(ctx, athleteID, feedHash(tok), now); err != nil {
		return nil, err
	}
	return &PlanFeedStatus{Active: true, Created: now.Truncate(time.Millisecond), Token: tok, Path: PlanFeedPath(athleteID, tok)}, nil
}

// RevokePlanFeed turns the feed off: its URL answers 404 from now on.
func (a *App) RevokePlanFeed(ctx context.Context, athleteID int64) error {
	_, err := a.cfg.Store.DeletePlanFeed(ctx, athleteID)
	return err
}

// PlanFeedICS is the feed behind a secret URL: not found for a wrong,
// rotated or revoked token (the same answer for each).
func (a *App) PlanFeedICS(ctx context.Context, athleteID int64, token string) ([]byte, error) {
	f, err := a.cfg.Store.GetPlanFeed(ctx, athleteID)
	if isNotFound(err) {
		return nil, notFound("calendar feed")
	}
	if err != nil {
		return nil, err
	}
	if token == "" || subtle.ConstantTimeCompare([]byte(feedHash(token)), []byte(f.TokenHash)) != 1 {
		return nil, notFound("calendar feed")
	}
	return a.PlanICS(ctx, athleteID)
}

// PlanICS writes the athlete's plan as an iCalendar file (RFC 5545): one
// all-day VEVENT per session from four weeks ago to a year ahead, its UID
// from the session's id (stable across edits), its description the
// session's details and the idea it comes from.
func (a *App) PlanICS(ctx context.Context, athleteID int64) ([]byte, error) {
	ath, err := a.Athlete(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	today := a.cfg.Now().In(ath.Location())
	first := today.AddDate(0, 0, -FeedPastDays).Format(time.DateOnly)
	last := today.AddDate(0, 0, FeedFutureDays).Format(time.DateOnly)
	ss, err := a.cfg.Store.ListPlanned(ctx, athleteID, first, last)
	if err != nil {
		return nil, err
	}
	revs, err := a.cfg.Store.PlannedRevisions(ctx, athleteID, first, last)
	if err != nil {
		return nil, err
	}
	ideas := map[int64]store.Experiment{}
	for _, s := range ss {
		if s.ExperimentID == 0 {
			continue
		}
		if _, ok := ideas[s.ExperimentID]; ok {
			continue
		}
		e, err := a.cfg.Store.GetExperiment(ctx, athleteID, s.ExperimentID)
		if err != nil && !isNotFound(err) {
			return nil, err
		}
		ideas[s.ExperimentID] = e // zero when the experiment is gone
	}
	paces := a.sessionPaces(ctx, athleteID)
	name := "rekindle plan"
	if ath.Name != "" {
		name = "rekindle plan: " + ath.Name
	}
	f := &calendar.Feed{ProdID: "-//rekindle//plan//EN", Name: name, Desc: "The training plan from rekindle", Stamp: a.cfg.Now()}
	loc := ath.Location()
	for _, s := range ss {
		ev := calendar.FeedEvent{
			UID:         SessionUID(athleteID, s.ID),
			Summary:     SessionTitle(s, ath.Unit),
			Description: sessionDescription(s, ath.Unit, ideas[s.ExperimentID], paces, loc),
			Location:    s.Place,
			AllDay:      true,
			Transparent: true,
			Categories:  []string{string(s.Kind)},
		}
		ev.Start, _ = s.Date()
		// A session at a time (a class) is at that time on the runner's
		// clock, as the plan page and the card say it.
		if at, ok := sessionStart(s, loc); ok {
			ev.Start, ev.AllDay = at, false
			if s.DurationS > 0 {
				ev.End = at.Add(time.Duration(s.DurationS) * time.Second)
			}
		}
		if r, ok := revs[s.ID]; ok {
			ev.Sequence, ev.LastModified = r.Revision, r.UpdatedAt
		}
		f.Events = append(f.Events, ev)
	}
	var b bytes.Buffer
	if err := calendar.WriteICS(&b, f); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// SessionUID is a planned session's iCalendar UID: the athlete and the
// session's id, which edits keep.
func SessionUID(athleteID, sessionID int64) string {
	return fmt.Sprintf("plan-%d-%d@rekindle", athleteID, sessionID)
}

// SessionTitle is a session in a few words: "Long run 18 km", "Rest day",
// "Cross-training: yoga 60 min".
func SessionTitle(s plan.Session, u rekindle.Unit) string {
	if s.Kind == plan.KindRest {
		return "Rest day"
	}
	var what string
	switch s.Kind {
	case plan.KindEasy:
		what = "Easy"
	case plan.KindLong:
		what = "Long"
	case plan.KindQuality:
		what = "Quality"
	case plan.KindRace:
		what = "Race:"
	case plan.KindCross:
		what = "Cross-training:"
	}
	sport := strings.ReplaceAll(string(s.Sport), "_", " ")
	if s.Sport.IsRun() {
		sport = "run"
	}
	parts := []string{what, sport}
	if s.DistanceM > 0 {
		parts = append(parts, units.Show(s.DistanceM, u))
	}
	if s.DurationS > 0 {
		parts = append(parts, fmt.Sprintf("%d min", int(math.Round(s.DurationS/60))))
	}
	return strings.Join(parts, " ")
}

// sessionStart is when a session at a time (Time "HH:MM") starts, that
// time on its day in loc; false for a session of the whole day.
func sessionStart(s plan.Session, loc *time.Location) (time.Time, bool) {
	if s.Time == "" {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", s.Day+" "+s.Time, loc)
	return t, err == nil
}

// sessionDescription is the event's text: the details, the workout's
// steps, the idea it comes from (accepted on the runner's date).
func sessionDescription(s plan.Session, u rekindle.Unit, idea store.Experiment, paces *SessionPaces, loc *time.Location) string {
	var lines []string
	if s.Note != "" {
		lines = append(lines, s.Note)
	}
	var det []string
	det = append(det, "Kind: "+string(s.Kind))
	if s.Sport != "" {
		det = append(det, "sport: "+strings.ReplaceAll(string(s.Sport), "_", " "))
	}
	if s.DistanceM > 0 {
		det = append(det, "distance: "+units.Show(s.DistanceM, u))
	}
	if s.DurationS > 0 {
		det = append(det, fmt.Sprintf("duration: %d min", int(math.Round(s.DurationS/60))))
	}
	if s.Time != "" {
		det = append(det, "at "+s.Time)
	}
	if s.Place != "" {
		det = append(det, "place: "+s.Place)
	}
	lines = append(lines, strings.Join(det, ", "))
	if steps := sessionSteps(s, u, paces); steps != "" {
		lines = append(lines, "Workout: "+steps)
	}
	switch {
	case s.ExperimentID != 0 && idea.Title != "":
		lines = append(lines, fmt.Sprintf("From the idea: %s (%s, accepted %s)", idea.Title, strings.ReplaceAll(string(idea.Strategy), "_", " "), idea.At.In(loc).Format(time.DateOnly)))
	case s.ExperimentID != 0:
		lines = append(lines, "From an accepted spark idea")
	default:
		lines = append(lines, "Planned by hand")
	}
	return strings.Join(lines, "\n")
}
