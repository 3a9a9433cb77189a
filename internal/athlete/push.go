package athlete

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"rekindle/internal/notify"
	"rekindle/internal/store"
	"rekindle/internal/webpush"
)

// Web Push: the notifications also reach the runner's browsers (package
// webpush), under the same settings as e-mail (the kinds, quiet hours).

// PushConfig is how pushes go out.
type PushConfig struct {
	Subject string        // the VAPID subject: "mailto:admin@example.org"
	TTL     time.Duration // how long a push service keeps an undelivered push; default a day
}

// vapid returns the server's VAPID key: the configured one, or one made
// once and kept in the store.
func (a *App) vapid(ctx context.Context, subject string) (*webpush.VAPID, error) {
	if a.cfg.VAPIDKey != "" {
		k, err := webpush.ParseVAPIDKey(a.cfg.VAPIDKey)
		if err != nil {
			return nil, fmt.Errorf("REKINDLE_VAPID_PRIVATE_KEY: %w", err)
		}
		return &webpush.VAPID{Key: k, Subject: subject}, nil
	}
	s, err := a.cfg.Store.ServerKey(ctx, "vapid_private_key", func() (string, error) {
		_, s, err := webpush.NewVAPIDKey()
		return s, err
	})
	if err != nil {
		return nil, err
	}
	k, err := webpush.ParseVAPIDKey(s)
	if err != nil {
		return nil, err
	}
	return &webpush.VAPID{Key: k, Subject: subject}, nil
}

// PushKey is the application server key the pages subscribe with.
type PushKey struct {
	Key string `json:"key"` // base64url, uncompressed P-256 point
}

// PushPublicKey returns the server's VAPID public key.
func (a *App) PushPublicKey(ctx context.Context) (*PushKey, error) {
	v, err := a.vapid(ctx, "")
	if err != nil {
		return nil, err
	}
	return &PushKey{Key: v.PublicKey()}, nil
}

// SubscribePush stores a browser's subscription (PushSubscription.toJSON()).
func (a *App) SubscribePush(ctx context.Context, athleteID int64, sub webpush.Subscription) error {
	if err := sub.Check(); err != nil {
		return invalid(err.Error())
	}
	return a.cfg.Store.AddPushSubscription(ctx, athleteID, &store.PushSubscription{Endpoint: sub.Endpoint, P256dh: sub.Keys.P256dh, Auth: sub.Keys.Auth, CreatedAt: a.cfg.Now()})
}

// UnsubscribePush forgets a browser's subscription.
func (a *App) UnsubscribePush(ctx context.Context, athleteID int64, endpoint string) error {
	return a.cfg.Store.DeletePushSubscription(ctx, athleteID, endpoint)
}

// PushPayload is what the service worker receives (JSON).
type PushPayload struct {
	Title string `json:"title"`
	Body  string `json:"body"`
	URL   string `json:"url,omitempty"`
	Tag   string `json:"tag"` // kind/key: a browser shows one per moment
}

// SendPush pushes one stored notification to each of the athlete's
// browsers if it is due: the push entry point (a round here, or a job).
// Settings and quiet hours as for e-mail; claimed before sending; sent
// when any browser took it, a subscription the service no longer knows is
// forgotten, otherwise failed and retried after a backoff.
func (a *App) SendPush(ctx context.Context, pc PushConfig, athleteID, id int64) (SendOutcome, error) {
	n, err := a.cfg.Store.GetNotification(ctx, athleteID, id)
	if err != nil {
		return "", err
	}
	ns, err := a.cfg.Store.GetNotifySettings(ctx, athleteID)
	if err != nil {
		return "", err
	}
	now := a.cfg.Now()
	ath, err := a.Athlete(ctx, athleteID)
	if err != nil {
		return "", err
	}
	if until, quiet := (notify.Quiet{Start: ns.QuietStart, End: ns.QuietEnd}).Until(now, ath.Location()); quiet && !slices.Contains(ns.EmailOff, n.Kind) {
		return SendDeferred, a.cfg.Store.DeferNotificationPush(ctx, athleteID, id, until)
	}
	ok, tries, err := a.cfg.Store.ClaimNotificationPush(ctx, athleteID, id, now, ClaimLease)
	if err != nil || !ok {
		return SendNotDue, err
	}
	if slices.Contains(ns.EmailOff, n.Kind) {
		return SendOff, a.cfg.Store.FinishNotificationPush(ctx, athleteID, id, store.EmailOff, nil, time.Time{})
	}
	subs, err := a.cfg.Store.ListPushSubscriptions(ctx, athleteID)
	if err != nil {
		return "", err
	}
	if len(subs) == 0 {
		return SendNotDue, a.cfg.Store.FinishNotificationPush(ctx, athleteID, id, store.PushNone, nil, time.Time{})
	}
	v, err := a.vapid(ctx, pc.Subject)
	if err != nil {
		return "", err
	}
	c := &webpush.Client{VAPID: v} // the JWT expires by the wall clock, as the push service checks it
	ttl := pc.TTL
	if ttl <= 0 {
		ttl = 24 * time.Hour
	}
	body, err := json.Marshal(PushPayload{Title: n.Title, Body: n.Body, URL: n.Link, Tag: n.Kind + "/" + n.Key})
	if err != nil {
		return "", err
	}
	var errs []error
	delivered := 0
	for _, s := range subs {
		var sub webpush.Subscription
		sub.Endpoint, sub.Keys.P256dh, sub.Keys.Auth = s.Endpoint, s.P256dh, s.Auth
		err := c.Send(ctx, &sub, body, ttl)
		switch {
		case err == nil:
			delivered++
		case errors.Is(err, webpush.ErrGone):
			if err := a.cfg.Store.DeletePushSubscription(ctx, athleteID, s.Endpoint); err != nil {
				return "", err
			}
		default:
			errs = append(errs, err)
		}
	}
	var pushErr error
	if delivered == 0 && len(errs) > 0 {
		pushErr = errors.Join(errs...)
	}
	state := store.EmailSent
	if delivered == 0 && pushErr == nil {
		state = store.PushNone // every subscription was gone
	}
	next := now.Add(notify.Backoff(tries))
	if at, ok := webpush.RetryAt(pushErr, now); ok && at.After(next) {
		next = at // the push service's Retry-After: never sooner
	}
	if err := a.cfg.Store.FinishNotificationPush(ctx, athleteID, id, state, pushErr, next); err != nil {
		return "", err
	}
	if pushErr != nil {
		a.log.WarnContext(ctx, "push failed", "athlete", athleteID, "notification", id, "try", tries, "err", pushErr)
		return SendFailed, pushErr
	}
	if delivered == 0 {
		return SendNotDue, nil
	}
	return SendSent, nil
}

// PushNotifications refreshes the athlete's moments and pushes each one
// that is due (SendPush), oldest first.
func (a *App) PushNotifications(ctx context.Context, athleteID int64, pc PushConfig) (*EmailReport, error) {
	if _, err := a.RefreshNotifications(ctx, athleteID); err != nil {
		return nil, err
	}
	ids, err := a.cfg.Store.NotificationsToPush(ctx, athleteID, a.cfg.Now(), ClaimLease, NotificationsMax)
	if err != nil {
		return nil, err
	}
	return sendEach(ids, func(id int64) (SendOutcome, error) { return a.SendPush(ctx, pc, athleteID, id) },
		func(id int64, err error) error { return fmt.Errorf("push %d: %w", id, err) })
}

// PushAllNotifications runs one push round for every account.
func (a *App) PushAllNotifications(ctx context.Context, pc PushConfig) (*EmailReport, error) {
	return a.eachAccount(ctx, "push round", func(athleteID int64, _ string) (*EmailReport, error) {
		return a.PushNotifications(ctx, athleteID, pc)
	})
}

// PushNotificationsEvery runs PushAllNotifications now and then every
// interval until ctx ends (rekindle serve --push-subject).
func (a *App) PushNotificationsEvery(ctx context.Context, pc PushConfig, interval time.Duration) {
	a.roundsEvery(ctx, "pushes", interval, func() (*EmailReport, error) { return a.PushAllNotifications(ctx, pc) })
}
