package strava

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"time"

	"rekindle"
	"rekindle/internal/store"
	"rekindle/internal/stravadoc"
)

// Strava's push subscriptions (webhooks): one subscription for the
// instance's application; Strava first validates the callback URL with a
// GET carrying hub.mode=subscribe, hub.challenge and hub.verify_token, to
// be answered with {"hub.challenge": …} within two seconds; then it POSTs
// one event per change (create, update, delete of an activity; an athlete
// update with authorized "false" when the runner revokes access), to be
// acknowledged with a 200 within two seconds. Events are stored first (an
// inbox, so none is lost and a replay is one row) and processed after.

// ErrBadChallenge is a validation request that is not Strava's.
var ErrBadChallenge = errors.New("strava: the subscription validation does not carry this instance's verify token")

// Challenge answers Strava's subscription validation: the body to send
// back, or ErrBadChallenge.
func Challenge(q url.Values, verifyToken string) ([]byte, error) {
	if q.Get("hub.mode") != "subscribe" || q.Get("hub.challenge") == "" || verifyToken == "" ||
		subtle.ConstantTimeCompare([]byte(q.Get("hub.verify_token")), []byte(verifyToken)) != 1 {
		return nil, ErrBadChallenge
	}
	return json.Marshal(map[string]string{"hub.challenge": q.Get("hub.challenge")})
}

// Event is Strava's webhook event.
type Event struct {
	ObjectType     string            `json:"object_type"`
	ObjectID       int64             `json:"object_id"`
	AspectType     string            `json:"aspect_type"`
	Updates        map[string]string `json:"updates"`
	OwnerID        int64             `json:"owner_id"`
	SubscriptionID int64             `json:"subscription_id"`
	EventTime      int64             `json:"event_time"`
}

// ParseEvent reads and checks one event body. subscriptionID, when not 0,
// must match the event's.
func ParseEvent(body []byte, subscriptionID int64, received time.Time) (*store.StravaEvent, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, fmt.Errorf("strava event: %w", err)
	}
	var e Event
	if err := json.Unmarshal(body, &e); err != nil {
		// updates values that are not strings (Strava sends strings; be lenient with numbers and booleans)
		var loose struct {
			Event
			Updates map[string]any `json:"updates"`
		}
		if err2 := json.Unmarshal(body, &loose); err2 != nil {
			return nil, fmt.Errorf("strava event: %w", err)
		}
		e = loose.Event
		e.Updates = map[string]string{}
		for k, v := range loose.Updates {
			e.Updates[k] = fmt.Sprint(v)
		}
	}
	switch {
	case e.ObjectType != "activity" && e.ObjectType != "athlete":
		return nil, fmt.Errorf("strava event: object_type %q is neither activity nor athlete", e.ObjectType)
	case e.AspectType != "create" && e.AspectType != "update" && e.AspectType != "delete":
		return nil, fmt.Errorf("strava event: aspect_type %q is not create, update or delete", e.AspectType)
	case e.ObjectID <= 0 || e.OwnerID <= 0:
		return nil, errors.New("strava event: object_id and owner_id must be positive")
	case e.EventTime <= 0 || e.EventTime > math.MaxInt32*4:
		return nil, fmt.Errorf("strava event: event_time %d is not a time", e.EventTime)
	case subscriptionID != 0 && e.SubscriptionID != subscriptionID:
		return nil, fmt.Errorf("strava event: subscription %d is not this instance's", e.SubscriptionID)
	}
	if e.Updates == nil {
		e.Updates = map[string]string{}
	}
	upd, _ := json.Marshal(e.Updates) // map keys sorted: canonical
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d\x00%s\x00%d\x00%d\x00%s", e.ObjectType, e.ObjectID, e.AspectType, e.OwnerID, e.EventTime, upd)
	return &store.StravaEvent{Key: hex.EncodeToString(h.Sum(nil)), OwnerID: e.OwnerID, ObjectType: e.ObjectType, ObjectID: e.ObjectID,
		AspectType: e.AspectType, EventTime: e.EventTime, Updates: string(upd), State: "pending", Next: received, Received: received}, nil
}

// EventStore is the webhook inbox and what processing it reads.
type EventStore interface {
	SyncStore
	DueStravaEvents(ctx context.Context, now time.Time, limit int) ([]store.StravaEvent, error)
	ClaimStravaEvent(ctx context.Context, key string, now time.Time, lease time.Duration) (bool, error)
	FinishStravaEvent(ctx context.Context, key, state, errText string, next time.Time) error
	AthleteOfStrava(ctx context.Context, stravaAthleteID int64) (int64, error)
}

// Actions are the changes an event makes to an athlete's activities
// (the application layer implements them, dropping its caches).
type Actions interface {
	Rename(ctx context.Context, athleteID, id int64, name string) error
	SetSport(ctx context.Context, athleteID, id int64, sport rekindle.Sport) error
	SetPrivate(ctx context.Context, athleteID, id int64, private bool) error
	Delete(ctx context.Context, athleteID, id int64) error
	// Revoked is called when the runner revoked rekindle's access on
	// Strava: the grant is gone, its tokens are to be deleted.
	Revoked(ctx context.Context, athleteID int64) error
}

// EventLease is how long a process holds an event it took.
const EventLease = 5 * time.Minute

// MaxEventAttempts is how often an event is tried before it is failed.
const MaxEventAttempts = 8

// ProcessEvents handles the events that are due (at most limit): each is
// taken by one process, handled, and marked done, ignored (an athlete
// rekindle does not know), failed, or pending again with backoff (Strava
// unreachable, the rate limit). It returns how many it handled.
func (c *Client) ProcessEvents(ctx context.Context, st EventStore, imp Importer, act Actions, limit int) (int, error) {
	evs, err := st.DueStravaEvents(ctx, c.cfg.Now(), limit)
	if err != nil {
		return 0, err
	}
	n := 0
	for i := range evs {
		e := &evs[i]
		ok, err := st.ClaimStravaEvent(ctx, e.Key, c.cfg.Now(), EventLease)
		if err != nil {
			return n, err
		}
		if !ok {
			continue // another replica took it
		}
		e.Attempts++
		state, herr := c.handle(ctx, st, imp, act, e)
		next := c.cfg.Now()
		msg := ""
		if herr != nil {
			msg = herr.Error()
			if state == "pending" {
				if e.Attempts >= MaxEventAttempts {
					state = "failed"
				} else {
					next = next.Add(time.Duration(1<<min(e.Attempts, 10)) * 30 * time.Second)
				}
			}
			c.log().Warn("strava event not handled", "event", e.AspectType+" "+e.ObjectType, "object", e.ObjectID, "owner", e.OwnerID,
				"state", state, "attempt", e.Attempts, "err", herr)
		}
		if err := st.FinishStravaEvent(context.WithoutCancel(ctx), e.Key, state, msg, next); err != nil {
			return n, err
		}
		n++
		if ctx.Err() != nil {
			return n, ctx.Err()
		}
	}
	return n, nil
}

// handle returns the event's new state: done, ignored, failed, or
// pending (to be tried again) with the error.
func (c *Client) handle(ctx context.Context, st EventStore, imp Importer, act Actions, e *store.StravaEvent) (string, error) {
	athleteID, err := st.AthleteOfStrava(ctx, e.OwnerID)
	if errors.Is(err, rekindle.ErrNotFound) {
		return "ignored", fmt.Errorf("no athlete here is connected to Strava athlete %d", e.OwnerID)
	}
	if err != nil {
		return "pending", err
	}
	var upd map[string]string
	if err := json.Unmarshal([]byte(e.Updates), &upd); err != nil {
		return "failed", fmt.Errorf("updates: %w", err)
	}
	if e.ObjectType == "athlete" {
		if e.AspectType == "update" && upd["authorized"] == "false" {
			return "done", act.Revoked(ctx, athleteID)
		}
		return "ignored", nil
	}
	rec, err := st.StravaActivityOf(ctx, athleteID, e.ObjectID)
	if err != nil && !errors.Is(err, rekindle.ErrNotFound) {
		return "pending", err
	}
	if errors.Is(err, rekindle.ErrNotFound) {
		rec = nil
	}
	switch e.AspectType {
	case "delete":
		if rec == nil || rec.ActivityID == 0 || rec.Outcome == "deleted" {
			return "done", nil
		}
		// Only what came from Strava goes: a run the runner imported from
		// its own file stays in their archive.
		if rec.Outcome == "imported" {
			if err := act.Delete(ctx, athleteID, rec.ActivityID); err != nil && !errors.Is(err, rekindle.ErrNotFound) {
				return "pending", err
			}
		}
		rec.Outcome, rec.ActivityID, rec.Updated = "deleted", 0, c.cfg.Now()
		return "done", st.SaveStravaActivity(ctx, rec)
	case "update":
		if rec != nil && rec.ActivityID != 0 && rec.Outcome != "deleted" && rec.Outcome != "failed" {
			if t, ok := upd["title"]; ok && t != "" {
				if err := act.Rename(ctx, athleteID, rec.ActivityID, t); err != nil {
					return "pending", err
				}
			}
			if t, ok := upd["type"]; ok && t != "" {
				if s := stravadoc.SportOf(t); s != rekindle.SportOther {
					if err := act.SetSport(ctx, athleteID, rec.ActivityID, s); err != nil {
						return "pending", err
					}
				}
			}
			if p, ok := upd["private"]; ok {
				if err := act.SetPrivate(ctx, athleteID, rec.ActivityID, p == "true"); err != nil {
					return "pending", err
				}
			}
			return "done", nil
		}
		fallthrough // never fetched: fetch it now
	case "create":
		if rec != nil && rec.Outcome != "failed" && rec.Outcome != "deleted" {
			return "done", nil // a replay, or the backfill had it
		}
		return c.fetchOne(ctx, st, imp, athleteID, e.ObjectID)
	}
	return "ignored", nil
}

// fetchOne fetches and stores one activity.
func (c *Client) fetchOne(ctx context.Context, st SyncStore, imp Importer, athleteID, stravaID int64) (string, error) {
	detail, err := c.Activity(ctx, athleteID, stravaID)
	if errors.Is(err, rekindle.ErrNotFound) {
		return "ignored", fmt.Errorf("strava activity %d is gone", stravaID)
	}
	if err != nil {
		if isAuth(err) {
			return "failed", err
		}
		return "pending", err
	}
	var s Summary
	if err := json.Unmarshal(detail, &s); err != nil || s.ID != stravaID {
		return "failed", fmt.Errorf("strava activity %d: an unreadable answer", stravaID)
	}
	doc, err := c.fetchDoc(ctx, athleteID, s, detail)
	if err != nil {
		return "pending", err
	}
	var sync store.StravaSync
	if err := c.storeDocs(ctx, st, athleteID, imp, []Doc{doc}, &sync); err != nil {
		return "pending", err
	}
	if sync.Failed > 0 {
		rec, _ := st.StravaActivityOf(ctx, athleteID, stravaID)
		detail := "the import refused it"
		if rec != nil {
			detail = rec.Detail
		}
		return "failed", errors.New(detail)
	}
	return "done", nil
}

// ParseID reads a decimal id.
func ParseID(s string) (int64, error) { return strconv.ParseInt(s, 10, 64) }
