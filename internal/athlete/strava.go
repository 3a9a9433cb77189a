package athlete

import (
	"context"
	"errors"
	"fmt"
	"net/url"
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
	a.refreshAfterWrite(ctx, athleteID)
	return out, err
}

// StravaSetup is the instance's Strava application.
type StravaSetup struct {
	Client *strava.Client
	// VerifyToken answers Strava's subscription validation; SubscriptionID,
	// when set, is the only subscription whose events are taken.
	VerifyToken    string
	SubscriptionID int64
}

// StravaConfigured reports whether the instance has a Strava application.
func (a *App) StravaConfigured() bool { return a.cfg.Strava != nil && a.cfg.Strava.Client != nil }

func (a *App) stravaClient() (*strava.Client, error) {
	if a.cfg.Strava == nil || a.cfg.Strava.Client == nil {
		return nil, &rekindle.Error{Code: rekindle.CodeUnavailable, Message: "this server has no Strava application configured (the operator sets REKINDLE_STRAVA_CLIENT_ID, REKINDLE_STRAVA_CLIENT_SECRET and REKINDLE_STRAVA_KEY)"}
	}
	return a.cfg.Strava.Client, nil
}

// StravaConnectURL is where the runner grants rekindle access; the state
// it carries is checked by StravaCallback.
func (a *App) StravaConnectURL(athleteID int64) (string, error) {
	c, err := a.stravaClient()
	if err != nil {
		return "", err
	}
	return c.AuthURL(c.State(athleteID)), nil
}

// StravaCallback takes the code Strava sent back for the signed-in
// athlete (state from StravaConnectURL), stores the grant and queues the
// backfill of their history (RunStrava takes it up).
func (a *App) StravaCallback(ctx context.Context, athleteID int64, code, scope, state, denied string) error {
	c, err := a.stravaClient()
	if err != nil {
		return err
	}
	if err := c.CheckState(state, athleteID); err != nil {
		return err
	}
	if denied != "" {
		return &rekindle.Error{Code: rekindle.CodeInvalid, Message: "Strava was not connected: access was not granted (" + denied + ")"}
	}
	if code == "" {
		return invalid("Strava sent no code back; connect again from Settings")
	}
	return a.StravaCode(ctx, athleteID, code, scope)
}

// StravaCode takes a code pasted by the runner (a headless server's
// connect: `rekindle strava code`), stores the grant and queues the backfill.
func (a *App) StravaCode(ctx context.Context, athleteID int64, code, scope string) error {
	c, err := a.stravaClient()
	if err != nil {
		return err
	}
	if _, err := c.Exchange(ctx, athleteID, code, scope); err != nil {
		return err
	}
	return a.QueueStravaSync(ctx, athleteID)
}

// QueueStravaSync asks for a backfill of the athlete's history (a new one
// after a finished one; a stopped one goes on where it stopped).
func (a *App) QueueStravaSync(ctx context.Context, athleteID int64) error {
	v, err := a.cfg.Store.StravaSyncOf(ctx, athleteID)
	switch {
	case isNotFound(err):
		v = &store.StravaSync{AthleteID: athleteID, Started: a.Now()}
	case err != nil:
		return err
	case v.State == "running":
		return nil
	case v.State == "done":
		v = &store.StravaSync{AthleteID: athleteID, Started: a.Now()}
	}
	v.State, v.Updated = "waiting", time.Time{}
	return a.cfg.Store.SaveStravaSync(ctx, v)
}

// StravaBackfill runs the athlete's backfill now (resuming one that
// stopped); progress is told after each batch.
func (a *App) StravaBackfill(ctx context.Context, athleteID int64, progress func(store.StravaSync)) (*store.StravaSync, error) {
	c, err := a.stravaClient()
	if err != nil {
		return nil, err
	}
	return c.Backfill(ctx, a.cfg.Store, athleteID, a.StravaDocs, progress)
}

// StravaDisconnect revokes rekindle's access at Strava and deletes the
// tokens (the activities fetched stay: they are the runner's).
func (a *App) StravaDisconnect(ctx context.Context, athleteID int64) error {
	c, err := a.stravaClient()
	if err != nil {
		return err
	}
	return c.Disconnect(ctx, athleteID)
}

// StravaSubscribe creates the instance's push subscription at Strava for
// callbackURL (Strava validates it against this server at once).
func (a *App) StravaSubscribe(ctx context.Context, callbackURL string) (int64, error) {
	c, err := a.stravaClient()
	if err != nil {
		return 0, err
	}
	if a.cfg.Strava.VerifyToken == "" {
		return 0, invalid("set REKINDLE_STRAVA_VERIFY_TOKEN first: Strava's validation request must be answered with it")
	}
	return c.Subscribe(ctx, callbackURL, a.cfg.Strava.VerifyToken)
}

// StravaChallenge answers Strava's subscription validation request.
func (a *App) StravaChallenge(q url.Values) ([]byte, error) {
	if a.cfg.Strava == nil {
		return nil, notFound("Strava webhook")
	}
	b, err := strava.Challenge(q, a.cfg.Strava.VerifyToken)
	if err != nil {
		return nil, &rekindle.Error{Code: rekindle.CodeForbidden, Message: err.Error()}
	}
	return b, nil
}

// StravaEvent stores one webhook event (checked; a replay is stored once)
// and reports whether it was new. It is handled after (RunStrava).
func (a *App) StravaEvent(ctx context.Context, body []byte) (bool, error) {
	if a.cfg.Strava == nil {
		return false, notFound("Strava webhook")
	}
	e, err := strava.ParseEvent(body, a.cfg.Strava.SubscriptionID, a.Now())
	if err != nil {
		a.log.Warn("strava: webhook event refused", "err", err)
		return false, &rekindle.Error{Code: rekindle.CodeInvalid, Message: err.Error()}
	}
	fresh, err := a.cfg.Store.AddStravaEvent(ctx, e)
	if err == nil && !fresh {
		a.log.Info("strava: a webhook event received again (a replay) is handled once", "event", e.AspectType+" "+e.ObjectType, "object", e.ObjectID)
	}
	return fresh, err
}

// ProcessStravaEvents handles the webhook events that are due.
func (a *App) ProcessStravaEvents(ctx context.Context, limit int) (int, error) {
	c, err := a.stravaClient()
	if err != nil {
		return 0, err
	}
	return c.ProcessEvents(ctx, a.cfg.Store, a.StravaDocs, stravaActions{a}, limit)
}

// StravaEvents lists the latest webhook events received (for operators).
func (a *App) StravaEvents(ctx context.Context, limit int) ([]store.StravaEvent, error) {
	return a.cfg.Store.StravaEvents(ctx, limit)
}

// SyncLease is how long a process holds an athlete's backfill without
// saving progress before another may take it over (longer than the
// longest wait for Strava's 15-minute window plus one batch).
const SyncLease = 30 * time.Minute

// StravaRound handles the pending webhook events and claims the queued
// backfills (each taken by one process at a time, for SyncLease): the
// strava_round job (package jobs) runs it every StravaEvery and makes a
// strava_backfill job (StravaBackfill) of each athlete it returns.
func (a *App) StravaRound(ctx context.Context) ([]int64, error) {
	if !a.StravaConfigured() {
		return nil, nil
	}
	var errs []error
	if _, err := a.ProcessStravaEvents(ctx, 100); err != nil {
		errs = append(errs, fmt.Errorf("strava: webhook events: %w", err))
	}
	ids, err := a.cfg.Store.ClaimStravaSyncs(ctx, a.Now(), SyncLease)
	if err != nil {
		errs = append(errs, fmt.Errorf("strava: backfills: %w", err))
	}
	return ids, errors.Join(errs...)
}

// StravaEvery is how often webhook events and queued backfills are looked
// for.
const StravaEvery = 20 * time.Second

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
}

// Strava reports the athlete's connection and sync.
func (a *App) Strava(ctx context.Context, athleteID int64) (*StravaView, error) {
	c, err := a.stravaClient()
	v := &StravaView{Configured: err == nil}
	if err != nil {
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
