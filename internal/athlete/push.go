package athlete

// Web Push (issue 18): the browsers an athlete asked to be notified on
// (Settings → "Notify this browser"), the instance's VAPID key and the
// sends. A moment goes out with PushMoment; the durable job around it (once
// per moment, retries with backoff) is the notifications' sender's.

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"rekindle/internal/notify"
	"rekindle/internal/store"
	"rekindle/internal/webpush"
)

// PushOptions configure Web Push. The zero value works: the VAPID key is
// made once and kept in the database.
type PushOptions struct {
	// PrivateKey is the VAPID private key, base64url of the P-256 scalar
	// (env REKINDLE_VAPID_PRIVATE_KEY); "" = generated once and stored.
	PrivateKey string
	// Subject is the contact push services see (mailto: or https:; env
	// REKINDLE_VAPID_SUBJECT); "" = mailto:rekindle@localhost.
	Subject string
	// Client sends the pushes (nil: a client with a 30 s timeout).
	Client *http.Client
	// AllowHTTP accepts http:// endpoints on a loopback host (tests with a
	// local push service); real browsers' endpoints are https.
	AllowHTTP bool
}

// vapidSetting names the instance setting holding the generated key.
const vapidSetting = "vapid_private_key"

// PushMessage is what the service worker shows (showNotification).
type PushMessage struct {
	Title string `json:"title"`
	Body  string `json:"body"`
	URL   string `json:"url,omitempty"` // the page opened on a click: "/plan"
	// Tag makes the browser replace an earlier notification with the same
	// tag: a moment sent again (a retry) shows once.
	Tag string `json:"tag,omitempty"`
}

// PushSubscriptionView is one subscribed browser, as Settings lists it.
type PushSubscriptionView struct {
	Endpoint string    `json:"endpoint"`
	Created  time.Time `json:"created"`
}

// PushReport is what one send did.
type PushReport struct {
	Sent    int      `json:"sent"`    // browsers the push service accepted it for
	Removed int      `json:"removed"` // subscriptions gone (404/410), deleted
	Failed  []string `json:"failed,omitempty"`
}

func (a *App) pushOptions() PushOptions {
	if a.cfg.Push != nil {
		return *a.cfg.Push
	}
	return PushOptions{}
}

// vapid returns the instance's VAPID identity: the configured key, or the
// one made on first use and stored (the first replica to store it wins).
func (a *App) vapid(ctx context.Context) (*webpush.VAPID, error) {
	a.pushMu.Lock()
	defer a.pushMu.Unlock()
	if a.vapidKey != nil {
		return a.vapidKey, nil
	}
	o := a.pushOptions()
	enc := o.PrivateKey
	if enc == "" {
		k, err := webpush.GenerateVAPIDKey()
		if err != nil {
			return nil, fmt.Errorf("web push: %w", err)
		}
		fresh, err := webpush.EncodePrivateKey(k)
		if err != nil {
			return nil, fmt.Errorf("web push: %w", err)
		}
		if enc, err = a.cfg.Store.SettingOnce(ctx, vapidSetting, fresh); err != nil {
			return nil, fmt.Errorf("web push: %w", err)
		}
	}
	k, err := webpush.ParsePrivateKey(enc)
	if err != nil {
		return nil, fmt.Errorf("web push: %w", err)
	}
	subj := o.Subject
	if subj == "" {
		subj = "mailto:rekindle@localhost"
	}
	a.vapidKey = &webpush.VAPID{Key: k, Subject: subj}
	return a.vapidKey, nil
}

// PushKey is the instance's VAPID public key, base64url: the
// applicationServerKey a browser subscribes with.
func (a *App) PushKey(ctx context.Context) (string, error) {
	v, err := a.vapid(ctx)
	if err != nil {
		return "", err
	}
	return v.PublicKey(), nil
}

// SubscribePush stores a browser's subscription (PushSubscription.toJSON())
// for the athlete. The same browser again replaces its row.
func (a *App) SubscribePush(ctx context.Context, athleteID int64, sub webpush.Subscription) error {
	if err := sub.Validate(); err != nil {
		return invalid(err.Error())
	}
	if u, _ := url.Parse(sub.Endpoint); u.Scheme != "https" && !a.pushOptions().AllowHTTP {
		return invalid(fmt.Sprintf("push subscription: endpoint %q must be https", sub.Endpoint))
	}
	return a.cfg.Store.SavePushSubscription(ctx, store.PushSubscription{AthleteID: athleteID, Endpoint: sub.Endpoint,
		P256dh: sub.Keys.P256dh, Auth: sub.Keys.Auth, CreatedAt: a.cfg.Now().UTC()})
}

// UnsubscribePush forgets the athlete's browser with this endpoint.
func (a *App) UnsubscribePush(ctx context.Context, athleteID int64, endpoint string) error {
	ok, err := a.cfg.Store.DeletePushSubscription(ctx, athleteID, endpoint)
	if err != nil {
		return err
	}
	if !ok {
		return notFound("push subscription")
	}
	return nil
}

// PushSubscriptions lists the athlete's subscribed browsers.
func (a *App) PushSubscriptions(ctx context.Context, athleteID int64) ([]PushSubscriptionView, error) {
	subs, err := a.cfg.Store.PushSubscriptions(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	out := make([]PushSubscriptionView, 0, len(subs))
	for _, s := range subs {
		out = append(out, PushSubscriptionView{Endpoint: s.Endpoint, Created: s.CreatedAt})
	}
	return out, nil
}

// SendPush sends msg to every browser the athlete subscribed. A
// subscription the push service says is gone (404/410) is deleted. When a
// push service answered "later" (429, 5xx) or could not be reached, the
// error wraps each *webpush.Error (errors.As: Retry, RetryAfter) and the
// caller retries the whole message later: the browsers that already got it
// replace it (same Tag, same Topic) rather than show it twice.
func (a *App) SendPush(ctx context.Context, athleteID int64, msg PushMessage, ttl time.Duration) (*PushReport, error) {
	subs, err := a.cfg.Store.PushSubscriptions(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	rep := &PushReport{}
	if len(subs) == 0 {
		return rep, nil
	}
	v, err := a.vapid(ctx)
	if err != nil {
		return nil, err
	}
	payload, err := json.Marshal(msg)
	if err != nil {
		return nil, fmt.Errorf("web push: %w", err)
	}
	o := a.pushOptions()
	client := o.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	// The JWT expiry is wall-clock time (push services check it), not the
	// app's clock, which may be fixed (--as-of, tests).
	sender := &webpush.Sender{VAPID: *v, Client: client}
	m := webpush.Message{Payload: payload, TTL: ttl, Urgency: webpush.Normal, Topic: pushTopic(msg.Tag)}
	var errs []error
	for _, s := range subs {
		err := sender.Send(ctx, webpush.Subscription{Endpoint: s.Endpoint, Keys: webpush.Keys{P256dh: s.P256dh, Auth: s.Auth}}, m)
		switch {
		case err == nil:
			rep.Sent++
		case webpush.IsGone(err):
			if _, derr := a.cfg.Store.DeletePushSubscription(ctx, athleteID, s.Endpoint); derr != nil {
				errs = append(errs, derr)
			} else {
				rep.Removed++
				a.log.Info("web push: subscription gone, deleted", "athlete", athleteID, "endpoint", s.Endpoint)
			}
		default:
			rep.Failed = append(rep.Failed, err.Error())
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return rep, fmt.Errorf("web push: %d of %d browsers failed: %w", len(errs), len(subs), errors.Join(errs...))
	}
	return rep, nil
}

// pushTopic is RFC 8030's Topic (at most 32 base64url characters) for a
// tag: a message sent again replaces an undelivered one.
func pushTopic(tag string) string {
	if tag == "" {
		return ""
	}
	h := sha256.Sum256([]byte(tag))
	return base64.RawURLEncoding.EncodeToString(h[:24])
}

// PushMoment sends one moment to the athlete's browsers (kept a day by the
// push services while a browser is offline). The lead's notification
// sender calls it once per (athlete, kind, key) job, retrying on error.
func (a *App) PushMoment(ctx context.Context, athleteID int64, m notify.Moment) (*PushReport, error) {
	link := m.Link
	if link == "" {
		link = "/"
	}
	return a.SendPush(ctx, athleteID, PushMessage{Title: m.Title, Body: m.Body, URL: link, Tag: string(m.Kind) + ":" + m.Key}, 24*time.Hour)
}

// SendTestPush sends a short test notification to the athlete's browsers
// (Settings → "Send a test"); browsers that could not be reached are
// listed in the report's Failed.
func (a *App) SendTestPush(ctx context.Context, athleteID int64) (*PushReport, error) {
	subs, err := a.cfg.Store.PushSubscriptions(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	if len(subs) == 0 {
		return nil, invalid("no browser is subscribed: use \"Notify this browser\" in Settings first")
	}
	rep, err := a.SendPush(ctx, athleteID, PushMessage{Title: "rekindle", Body: "Notifications reach this browser.", URL: "/settings", Tag: "test"}, time.Hour)
	if rep != nil && len(rep.Failed) > 0 {
		// The failures are the answer (listed in the report), not an error.
		return rep, nil
	}
	return rep, err
}
