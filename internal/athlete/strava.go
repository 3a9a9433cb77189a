package athlete

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"rekindle"
	"rekindle/internal/store"
	"rekindle/internal/strava"
)

// Strava: the runner's Strava account brings their history (backfill) and
// then each new run (webhook events), through the same import path as
// files. The instance's Strava client is made by the interfaces from
// their configuration and passed in.

// StravaDocs stores fetched Strava activities through the App's import
// path (the same writer, dedupe and kept originals as uploads): each
// document is spooled as a file named after its Strava id.
func (a *App) StravaDocs(ctx context.Context, athleteID int64, docs []strava.Doc) ([]strava.DocResult, error) {
	if a.cfg.Importer == nil {
		return nil, &rekindle.Error{Code: rekindle.CodeUnavailable, Message: "importing is not available here"}
	}
	dir, err := os.MkdirTemp("", "rekindle-strava-*")
	if err != nil {
		return nil, fmt.Errorf("strava: spool: %w", err)
	}
	defer os.RemoveAll(dir)
	files := make([]UploadFile, len(docs))
	byName := map[string]int64{}
	for i, d := range docs {
		p := filepath.Join(dir, d.Name)
		if err := os.WriteFile(p, d.Data, 0o600); err != nil {
			return nil, fmt.Errorf("strava: spool: %w", err)
		}
		files[i] = UploadFile{Path: p, Name: d.Name, Size: int64(len(d.Data))}
		byName[d.Name] = d.StravaID
	}
	var out []strava.DocResult
	err = a.cfg.Importer.Import(ctx, athleteID, files, func(ev ImportEvent) {
		id, ok := byName[ev.File]
		if !ok {
			return
		}
		switch ev.Status {
		case store.StatusImported, store.StatusPartial, store.StatusDuplicate, store.StatusFailed:
			out = append(out, strava.DocResult{StravaID: id, Status: ev.Status, ActivityIDs: ev.Activities, Error: ev.Message})
		}
	})
	a.Changed(athleteID)
	a.refreshInBackground(ctx, athleteID)
	return out, err
}

// StravaBackfill fetches the athlete's whole Strava history (resuming a
// backfill that stopped); progress is told after each batch.
func (a *App) StravaBackfill(ctx context.Context, c *strava.Client, athleteID int64, progress func(store.StravaSync)) (*store.StravaSync, error) {
	return c.Backfill(ctx, a.cfg.Store, athleteID, a.StravaDocs, progress)
}

// StravaEvent stores one webhook event (checked; a replay is ignored) and
// reports whether it was new. Processing comes after (ProcessStravaEvents).
func (a *App) StravaEvent(ctx context.Context, body []byte, subscriptionID int64) (bool, error) {
	e, err := strava.ParseEvent(body, subscriptionID, a.Now())
	if err != nil {
		return false, &rekindle.Error{Code: rekindle.CodeInvalid, Message: err.Error()}
	}
	return a.cfg.Store.AddStravaEvent(ctx, e)
}

// ProcessStravaEvents handles the webhook events that are due.
func (a *App) ProcessStravaEvents(ctx context.Context, c *strava.Client, limit int) (int, error) {
	return c.ProcessEvents(ctx, a.cfg.Store, a.StravaDocs, stravaActions{a}, limit)
}

// StravaEvents lists the latest webhook events received (for operators).
func (a *App) StravaEvents(ctx context.Context, limit int) ([]store.StravaEvent, error) {
	return a.cfg.Store.StravaEvents(ctx, limit)
}

// StravaView is what Settings and `rekindle strava status` show.
type StravaView struct {
	Configured bool              `json:"configured"` // the instance has a Strava application
	Connected  bool              `json:"connected"`
	StravaID   int64             `json:"strava_athlete_id,omitempty"`
	Expiry     time.Time         `json:"token_expiry,omitzero"`
	Sync       *store.StravaSync `json:"sync,omitempty"`
	Fetched    map[string]int    `json:"fetched,omitempty"` // Strava activities by outcome
	Rate       *store.StravaRate `json:"rate,omitempty"`
	Error      string            `json:"error,omitempty"`
	_          struct{}          `json:"-"`
}

// Strava reports the athlete's connection and sync (c nil: the instance
// has no Strava application configured).
func (a *App) Strava(ctx context.Context, c *strava.Client, athleteID int64) (*StravaView, error) {
	v := &StravaView{Configured: c != nil}
	if c == nil {
		return v, nil
	}
	ok, err := c.Connected(ctx, athleteID)
	if err != nil {
		v.Error = err.Error()
		return v, nil
	}
	v.Connected = ok
	if ok {
		if tok, err := c.Token(ctx, athleteID); err == nil {
			v.StravaID, v.Expiry = tok.StravaID, tok.Expiry
		} else {
			v.Error = err.Error()
		}
	}
	if s, err := a.cfg.Store.StravaSyncOf(ctx, athleteID); err == nil {
		v.Sync = s
	} else if !isNotFound(err) {
		return nil, err
	}
	if m, err := a.cfg.Store.CountStravaActivities(ctx, athleteID); err == nil && len(m) > 0 {
		v.Fetched = m
	}
	if r, err := a.cfg.Store.StravaRateState(ctx, c.ClientID()); err == nil {
		v.Rate = r
	}
	return v, nil
}

// stravaActions applies webhook updates through the App (caches dropped).
type stravaActions struct{ a *App }

func (s stravaActions) Rename(ctx context.Context, athleteID, id int64, name string) error {
	err := s.a.cfg.Store.EditActivity(ctx, athleteID, id, store.ActivityEdit{Name: &name})
	s.a.Changed(athleteID)
	return err
}

func (s stravaActions) SetSport(ctx context.Context, athleteID, id int64, sport rekindle.Sport) error {
	err := s.a.cfg.Store.EditActivity(ctx, athleteID, id, store.ActivityEdit{Sport: &sport})
	s.a.Changed(athleteID)
	return err
}

func (s stravaActions) SetPrivate(ctx context.Context, athleteID, id int64, private bool) error {
	return s.a.SetPrivate(ctx, athleteID, id, private)
}

func (s stravaActions) Delete(ctx context.Context, athleteID, id int64) error {
	err := s.a.DeleteActivity(ctx, athleteID, id)
	var re *rekindle.Error
	if errors.As(err, &re) && re.Code == rekindle.CodeNotFound {
		return nil
	}
	return err
}

func (s stravaActions) Revoked(ctx context.Context, athleteID int64) error {
	return s.a.cfg.Store.DeleteStravaToken(ctx, athleteID)
}
