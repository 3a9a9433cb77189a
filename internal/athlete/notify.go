package athlete

import (
	"context"
	"fmt"
	"slices"
	"time"

	"rekindle/internal/notify"
	"rekindle/internal/store"
)

// Notifications: the moments that matter (package notify), kept exactly
// once per (athlete, kind, moment) in the store, listed in the app and
// e-mailed over SMTP.

// NotificationView is one notification in the app.
type NotificationView struct {
	ID         int64     `json:"id"`
	Kind       string    `json:"kind"`
	Day        string    `json:"day"`
	Title      string    `json:"title"`
	Body       string    `json:"body"`
	Link       string    `json:"link,omitempty"`
	At         time.Time `json:"at"`
	Read       bool      `json:"read"`
	EmailState string    `json:"email_state,omitempty"` // pending, sent, failed
	EmailError string    `json:"email_error,omitempty"`
}

// Mailer sends one e-mail (notify.SMTP).
type Mailer interface {
	Send(ctx context.Context, m *notify.Mail) error
}

// NotificationsMax is how many notifications the list keeps showing.
const NotificationsMax = 50

// Moments computes the moments due today for the athlete.
func (a *App) Moments(ctx context.Context, athleteID int64) ([]notify.Moment, error) {
	ath, err := a.Athlete(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	loc := ath.Location()
	today := InZone(a.cfg.Now(), loc)
	in := notify.Input{Today: today.Format(time.DateOnly), Unit: ath.Unit}
	exps, err := a.cfg.Store.ListExperiments(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	for _, e := range exps {
		if e.State != store.ExperimentAccepted {
			continue
		}
		se := sparkExperiment(e)
		in.Experiments = append(in.Experiments, notify.Experiment{ID: e.ID, Title: e.Title, Strategy: e.Strategy,
			Ends: se.Ends(loc).Format(time.DateOnly), Judged: e.Outcome != ""})
	}
	in.Plan, err = a.cfg.Store.ListPlanned(ctx, athleteID, today.AddDate(0, 0, -14).Format(time.DateOnly), today.AddDate(0, 0, 14).Format(time.DateOnly))
	if err != nil {
		return nil, err
	}
	c, err := a.history(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	var recent []float64
	for i := len(c.acts) - 1; i >= 0; i-- {
		x := &c.acts[i]
		if !x.Sport.IsRun() || x.Start.After(a.cfg.Now()) {
			continue
		}
		if in.LastRun == "" {
			in.LastRun = x.Start.In(loc).Format(time.DateOnly)
		}
		if len(recent) < 12 && x.Summary.DistanceM > 0 {
			recent = append(recent, x.Summary.DistanceM)
		}
	}
	if len(recent) > 0 {
		slices.Sort(recent)
		in.UsualRunM = recent[len(recent)/2]
	}
	return notify.Moments(in), nil
}

// RefreshNotifications stores today's new moments (each once, ever) and
// returns how many were new.
func (a *App) RefreshNotifications(ctx context.Context, athleteID int64) (int, error) {
	ms, err := a.Moments(ctx, athleteID)
	if err != nil {
		return 0, err
	}
	added := 0
	now := a.cfg.Now()
	for _, m := range ms {
		n := store.Notification{Kind: string(m.Kind), Key: m.Key, Day: m.Day, Title: m.Title, Body: m.Body, Link: m.Link, CreatedAt: now}
		ok, err := a.cfg.Store.AddNotification(ctx, athleteID, &n)
		if err != nil {
			return added, err
		}
		if ok {
			added++
		}
	}
	return added, nil
}

// NotificationList is the in-app list, newest first.
type NotificationList struct {
	Items  []NotificationView `json:"items"`
	Unread int                `json:"unread"`
}

// Notifications refreshes and lists the athlete's notifications, newest first.
func (a *App) Notifications(ctx context.Context, athleteID int64) (*NotificationList, error) {
	if _, err := a.RefreshNotifications(ctx, athleteID); err != nil {
		return nil, err
	}
	list, err := a.cfg.Store.ListNotifications(ctx, athleteID, NotificationsMax, false)
	if err != nil {
		return nil, err
	}
	out := &NotificationList{Items: make([]NotificationView, 0, len(list))}
	for _, n := range list {
		out.Items = append(out.Items, NotificationView{ID: n.ID, Kind: n.Kind, Day: n.Day, Title: n.Title, Body: n.Body, Link: n.Link, At: n.CreatedAt,
			Read: !n.ReadAt.IsZero(), EmailState: n.EmailState, EmailError: n.EmailError})
		if n.ReadAt.IsZero() {
			out.Unread++
		}
	}
	return out, nil
}

// MarkNotificationsRead marks the athlete's notifications read.
func (a *App) MarkNotificationsRead(ctx context.Context, athleteID int64) error {
	return a.cfg.Store.MarkNotificationsRead(ctx, athleteID, a.cfg.Now())
}

// EmailReport is what one e-mail round did.
type EmailReport struct {
	Sent   int      `json:"sent"`
	Failed int      `json:"failed"`
	Errors []string `json:"errors,omitempty"`
}

// EmailNotifications refreshes the athlete's moments and e-mails each one
// not sent yet to to, from from; base is the app's address for links.
// Each is claimed in the store before it is sent, so a restart or a second
// sender never sends it twice; a failed send is kept with its error and
// retried by the next round.
func (a *App) EmailNotifications(ctx context.Context, athleteID int64, m Mailer, from, to, base string) (*EmailReport, error) {
	if _, err := a.RefreshNotifications(ctx, athleteID); err != nil {
		return nil, err
	}
	list, err := a.cfg.Store.ListNotifications(ctx, athleteID, NotificationsMax, true)
	if err != nil {
		return nil, err
	}
	rep := &EmailReport{}
	for i := len(list) - 1; i >= 0; i-- { // oldest first
		n := list[i]
		ok, err := a.cfg.Store.ClaimNotificationEmail(ctx, athleteID, n.ID, a.cfg.Now())
		if err != nil {
			return rep, err
		}
		if !ok {
			continue
		}
		mom := notify.Moment{Kind: notify.Kind(n.Kind), Key: n.Key, Day: n.Day, Title: n.Title, Body: n.Body, Link: n.Link}
		mail := notify.MailOf(mom, from, to, base, a.cfg.Now(), fmt.Sprintf("moment-%d-%d", athleteID, n.ID))
		sendErr := m.Send(ctx, &mail)
		if err := a.cfg.Store.FinishNotificationEmail(ctx, athleteID, n.ID, sendErr); err != nil {
			return rep, err
		}
		if sendErr != nil {
			rep.Failed++
			rep.Errors = append(rep.Errors, sendErr.Error())
			a.log.Warn("notification e-mail failed", "athlete", athleteID, "notification", n.ID, "err", sendErr)
			continue
		}
		rep.Sent++
	}
	return rep, nil
}

// MailConfig is where notification e-mails go out.
type MailConfig struct {
	Mailer Mailer
	From   string
	Base   string // the app's address, for links
}

// EmailAllNotifications runs one e-mail round for every account (each to
// its own address); an athlete whose round fails is logged and the others
// go on. It returns the totals.
func (a *App) EmailAllNotifications(ctx context.Context, mc MailConfig) (*EmailReport, error) {
	accs, err := a.cfg.Store.ListAccountEmails(ctx)
	if err != nil {
		return nil, err
	}
	tot := &EmailReport{}
	for _, acc := range accs {
		if ctx.Err() != nil {
			return tot, ctx.Err()
		}
		rep, err := a.EmailNotifications(ctx, acc.AthleteID, mc.Mailer, mc.From, acc.Email, mc.Base)
		if err != nil {
			a.log.Warn("notification round failed", "athlete", acc.AthleteID, "err", err)
			tot.Errors = append(tot.Errors, err.Error())
			continue
		}
		tot.Sent += rep.Sent
		tot.Failed += rep.Failed
		tot.Errors = append(tot.Errors, rep.Errors...)
	}
	return tot, nil
}

// SendNotificationsEvery runs EmailAllNotifications now and then every
// interval until ctx ends (rekindle serve --smtp).
func (a *App) SendNotificationsEvery(ctx context.Context, mc MailConfig, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		rep, err := a.EmailAllNotifications(ctx, mc)
		switch {
		case err != nil && ctx.Err() == nil:
			a.log.Warn("notification e-mails", "err", err)
		case rep != nil && (rep.Sent > 0 || rep.Failed > 0):
			a.log.Info("notification e-mails", "sent", rep.Sent, "failed", rep.Failed)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// NotificationsToEmail refreshes the athlete's moments and returns the ids
// of those not e-mailed yet (nor claimed by a sender), oldest first: the
// e-mail round makes one send job of each.
func (a *App) NotificationsToEmail(ctx context.Context, athleteID int64) ([]int64, error) {
	if _, err := a.RefreshNotifications(ctx, athleteID); err != nil {
		return nil, err
	}
	list, err := a.cfg.Store.ListNotifications(ctx, athleteID, NotificationsMax, true)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(list))
	for i := len(list) - 1; i >= 0; i-- {
		ids = append(ids, list[i].ID)
	}
	return ids, nil
}

// EmailNotification sends one notification to to (the send job). It is
// claimed in the store first, so it is sent at most once however often the
// job runs; sent is false when it was sent or claimed already. A failed
// send is recorded with its error and returned (the job retries it with
// backoff, and the retry claims it again).
func (a *App) EmailNotification(ctx context.Context, athleteID, id int64, m Mailer, from, to, base string) (sent bool, err error) {
	ok, err := a.cfg.Store.ClaimNotificationEmail(ctx, athleteID, id, a.cfg.Now())
	if err != nil || !ok {
		return false, err
	}
	n, err := a.cfg.Store.GetNotification(ctx, athleteID, id)
	if err != nil {
		return false, err
	}
	mom := notify.Moment{Kind: notify.Kind(n.Kind), Key: n.Key, Day: n.Day, Title: n.Title, Body: n.Body, Link: n.Link}
	mail := notify.MailOf(mom, from, to, base, a.cfg.Now(), fmt.Sprintf("moment-%d-%d", athleteID, n.ID))
	sendErr := m.Send(ctx, &mail)
	// The outcome is recorded even when ctx ended mid-send.
	if err := a.cfg.Store.FinishNotificationEmail(context.WithoutCancel(ctx), athleteID, n.ID, sendErr); err != nil {
		return false, err
	}
	if sendErr != nil {
		return false, fmt.Errorf("notification %d: e-mail: %w", id, sendErr)
	}
	return true, nil
}
