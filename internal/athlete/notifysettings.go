package athlete

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"slices"
	"time"

	"rekindle"
	"rekindle/internal/notify"
	"rekindle/internal/plan"
	"rekindle/internal/store"
)

// The runner's e-mail settings (which kinds, quiet hours), the
// unsubscribe links and the weekly spark digest.

// notifySettings returns the athlete's settings, making their
// unsubscribe key the first time.
func (a *App) notifySettings(ctx context.Context, athleteID int64) (store.NotifySettings, error) {
	ns, err := a.cfg.Store.GetNotifySettings(ctx, athleteID)
	if err != nil || ns.UnsubKey != "" {
		return ns, err
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return ns, fmt.Errorf("notify settings: key: %w", err)
	}
	key := base64.RawURLEncoding.EncodeToString(b)
	// Only the key is written, in the store's locked read-modify-write:
	// writing back the whole settings read above undid a change another
	// save committed in between (two tabs turning kinds off at once, on
	// PostgreSQL: TestSaveNotifySettingsConcurrent, round 0).
	if err := a.cfg.Store.UpdateNotifySettings(ctx, athleteID, func(ns *store.NotifySettings) error {
		if ns.UnsubKey == "" {
			ns.UnsubKey = key
		}
		return nil
	}); err != nil {
		return ns, err
	}
	// Two first sends at once: both read back the one key that was kept.
	return a.cfg.Store.GetNotifySettings(ctx, athleteID)
}

// KindSetting is one kind of notification and whether it is e-mailed.
type KindSetting struct {
	Kind  string `json:"kind"`
	Title string `json:"title"`
	Email bool   `json:"email"`
}

// EmailStatusView is how the notification e-mails are going: the last
// error and the next try when a send failed (an unreachable server).
type EmailStatusView struct {
	Sent        int        `json:"sent"`
	Waiting     int        `json:"waiting"`
	Failed      int        `json:"failed"`
	LastError   string     `json:"last_error,omitempty"`
	LastErrorAt *time.Time `json:"last_error_at,omitempty"`
	NextAttempt *time.Time `json:"next_attempt,omitempty"`
}

// NotifySettingsView is the Settings section and GET /api/v1/notifications/settings.
type NotifySettingsView struct {
	Kinds []KindSetting `json:"kinds"`
	// Quiet is the quiet hours in the runner's time zone, "22:00-07:00";
	// "" for none. E-mails due inside them are sent when they end.
	Quiet  string          `json:"quiet"`
	Status EmailStatusView `json:"status"`
	// Push is how pushes to the subscribed browsers go (Web Push).
	Push PushStatusView `json:"push"`
}

// PushStatusView is the Web Push state: subscribed browsers, and the last
// error and next try when a push failed (an unreachable push service).
type PushStatusView struct {
	Browsers int `json:"browsers"`
	EmailStatusView
}

func statusView(st store.EmailStatus) EmailStatusView {
	v := EmailStatusView{Sent: st.Sent, Waiting: st.Waiting, Failed: st.Failed, LastError: st.LastError}
	if !st.LastErrorAt.IsZero() && st.Failed > 0 {
		t := st.LastErrorAt
		v.LastErrorAt = &t
	}
	if !st.NextAttempt.IsZero() {
		t := st.NextAttempt
		v.NextAttempt = &t
	}
	return v
}

// NotifySettingsForm changes the settings; a kind left out keeps its
// setting, Quiet nil keeps the quiet hours.
type NotifySettingsForm struct {
	Email map[string]bool `json:"email,omitempty"`
	Quiet *string         `json:"quiet,omitempty"`
}

// NotifySettings returns the runner's e-mail settings and how sending goes.
func (a *App) NotifySettings(ctx context.Context, athleteID int64) (*NotifySettingsView, error) {
	ns, err := a.cfg.Store.GetNotifySettings(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	v := &NotifySettingsView{Quiet: notify.Quiet{Start: ns.QuietStart, End: ns.QuietEnd}.String()}
	for _, k := range notify.Kinds {
		v.Kinds = append(v.Kinds, KindSetting{Kind: string(k), Title: k.Title(), Email: !slices.Contains(ns.EmailOff, string(k))})
	}
	st, err := a.cfg.Store.NotificationEmailStatus(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	v.Status = statusView(st)
	pst, err := a.cfg.Store.NotificationPushStatus(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	subs, err := a.cfg.Store.ListPushSubscriptions(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	v.Push = PushStatusView{Browsers: len(subs), EmailStatusView: statusView(pst)}
	return v, nil
}

// SaveNotifySettings changes which kinds are e-mailed and the quiet hours.
func (a *App) SaveNotifySettings(ctx context.Context, athleteID int64, f NotifySettingsForm) (*NotifySettingsView, error) {
	if _, err := a.notifySettings(ctx, athleteID); err != nil { // the unsubscribe key
		return nil, err
	}
	// The change is made to the settings as stored, in the store's
	// transaction: read here and written back whole, a save at the same
	// moment (another tab, an unsubscribe link) was undone.
	err := a.cfg.Store.UpdateNotifySettings(ctx, athleteID, func(ns *store.NotifySettings) error {
		for k, on := range f.Email {
			if !notify.Known(notify.Kind(k)) {
				return invalid(fmt.Sprintf("unknown kind of notification %q", k))
			}
			ns.EmailOff = slices.DeleteFunc(ns.EmailOff, func(x string) bool { return x == k })
			if !on {
				ns.EmailOff = append(ns.EmailOff, k)
			}
		}
		slices.Sort(ns.EmailOff)
		if f.Quiet != nil {
			q, err := notify.ParseQuiet(*f.Quiet)
			if err != nil {
				return invalid(err.Error())
			}
			if !q.On() {
				q = notify.Quiet{Start: -1, End: -1}
			}
			ns.QuietStart, ns.QuietEnd = q.Start, q.End
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a.NotifySettings(ctx, athleteID)
}

// CheckUnsubscribe tells whether an unsubscribe link is genuine (the same
// not-found answer for a wrong athlete, kind or signature).
func (a *App) CheckUnsubscribe(ctx context.Context, athleteID int64, kind, sig string) (notify.Kind, error) {
	k := notify.Kind(kind)
	if !notify.Known(k) {
		return "", notFound("unsubscribe link")
	}
	ns, err := a.cfg.Store.GetNotifySettings(ctx, athleteID)
	if err != nil {
		return "", err
	}
	if !notify.CheckUnsubscribe([]byte(ns.UnsubKey), athleteID, k, sig) {
		return "", notFound("unsubscribe link")
	}
	return k, nil
}

// Unsubscribe turns one kind of e-mail off from a signed link, without
// signing in (RFC 8058 one-click, and the link in every e-mail).
func (a *App) Unsubscribe(ctx context.Context, athleteID int64, kind, sig string) (notify.Kind, error) {
	k, err := a.CheckUnsubscribe(ctx, athleteID, kind, sig)
	if err != nil {
		return "", err
	}
	return k, a.cfg.Store.SetNotifyKindOff(ctx, athleteID, string(k))
}

// dueDigest is the weekly spark digest when one is due: on Sunday in the
// runner's time zone (or up to notify.LateDays after, if nothing sent it),
// for the Monday-to-Sunday week, once per week, for runners with runs. It
// is made from the Home view of the day (the score, the first diagnosis,
// the top idea) and the week's activity rows: the values the pages show.
func (a *App) dueDigest(ctx context.Context, ath *rekindle.Athlete) (*notify.Digest, error) {
	loc := ath.Location()
	now := a.cfg.Now().In(loc)
	y, m, d := now.Date()
	today := time.Date(y, m, d, 12, 0, 0, 0, loc) // the Home page's as-of
	back := (int(today.Weekday()) + 7) % 7        // days since Sunday
	if back > notify.LateDays {
		return nil, nil
	}
	sunday := today.AddDate(0, 0, -back)
	monday := sunday.AddDate(0, 0, -6)
	week := monday.Format(time.DateOnly)
	if had, err := a.cfg.Store.HasNotification(ctx, ath.ID, string(notify.KindWeeklyDigest), week); err != nil || had {
		return nil, err
	}
	hv, err := a.Home(ctx, ath, today)
	if err != nil {
		return nil, err
	}
	if hv.Activities == 0 {
		return nil, nil
	}
	dg := &notify.Digest{Week: week, AsOf: hv.AsOf, Unit: ath.Unit, Locale: Dates(ath), Scored: hv.Report.Scored, Score: hv.SparkScore}
	if len(hv.Diagnoses) > 0 {
		dg.Band, dg.Sentence = hv.Diagnoses[0].Title, hv.Diagnoses[0].Text
	}
	c, err := a.history(ctx, ath.ID)
	if err != nil {
		return nil, err
	}
	from, to := time.Date(y, m, d, 0, 0, 0, 0, loc).AddDate(0, 0, -back-6), time.Date(y, m, d, 0, 0, 0, 0, loc).AddDate(0, 0, -back+1)
	for i := range c.acts {
		x := &c.acts[i]
		if !x.Sport.IsRun() || x.Start.Before(from) || !x.Start.Before(to) {
			continue
		}
		row := RowOf(x, loc)
		dg.Runs = append(dg.Runs, notify.DigestRun{Day: x.Start.In(loc).Format(time.DateOnly), Name: row.Name, DistanceM: row.DistanceM, MovingS: row.MovingS})
	}
	if top := hv.Top; top != nil {
		dg.Idea = &notify.DigestIdea{Title: top.Title, Strategy: StrategyTitle(top.Strategy), Why: top.Why}
		first := today.Format(time.DateOnly)
		next := func(ss []plan.Session) string {
			for _, s := range ss {
				if s.Day >= first && s.Kind != plan.KindRest {
					return s.DayLabel(Dates(ath)) + ": " + plan.What(s, ath.Unit)
				}
			}
			return ""
		}
		dg.Idea.Next = next(top.Plan)
		if dg.Idea.Next == "" {
			ss, err := a.cfg.Store.ListPlanned(ctx, ath.ID, first, today.AddDate(0, 0, 14).Format(time.DateOnly))
			if err != nil {
				return nil, err
			}
			dg.Idea.Next = next(ss)
		}
	}
	return dg, nil
}
