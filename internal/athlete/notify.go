package athlete

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/notify"
	"rekindle/internal/reward"
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
	// EmailNext is when a failed or deferred e-mail is tried next.
	EmailNext *time.Time `json:"email_next,omitempty"`
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
	today := InZone(a.cfg.Now().In(loc), loc) // the athlete's date, not UTC's
	in := notify.Input{Today: today.Format(time.DateOnly), Unit: ath.Unit, Locale: Dates(ath)}
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
	if err := a.gearAndCoachFacts(ctx, ath, &in); err != nil {
		return nil, err
	}
	ms := notify.Moments(in)
	d, err := a.dueDigest(ctx, ath)
	if err != nil {
		return nil, err
	}
	if d != nil {
		ms = append(ms, notify.DigestMoment(*d))
	}
	return ms, nil
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
		if m.Digest != nil {
			b, err := json.Marshal(m.Digest)
			if err != nil {
				return added, fmt.Errorf("notifications: digest: %w", err)
			}
			n.Detail = string(b)
		}
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
	list, err := a.cfg.Store.ListNotifications(ctx, athleteID, NotificationsMax)
	if err != nil {
		return nil, err
	}
	out := &NotificationList{Items: make([]NotificationView, 0, len(list))}
	for _, n := range list {
		out.Items = append(out.Items, NotificationView{ID: n.ID, Kind: n.Kind, Day: n.Day, Title: n.Title, Body: n.Body, Link: n.Link, At: n.CreatedAt,
			Read: !n.ReadAt.IsZero(), EmailState: n.EmailState, EmailError: n.EmailError})
		if !n.EmailNext.IsZero() && (n.EmailState == "" || n.EmailState == store.EmailFailed) {
			t := n.EmailNext
			out.Items[len(out.Items)-1].EmailNext = &t
		}
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
	Sent     int      `json:"sent"`
	Failed   int      `json:"failed"`
	Deferred int      `json:"deferred"` // inside quiet hours: sent after them
	Off      int      `json:"off"`      // the runner turned the kind off
	Errors   []string `json:"errors,omitempty"`
}

// MailConfig is where notification e-mails go out.
type MailConfig struct {
	Mailer Mailer
	From   string
	Base   string // the app's address, for links (and unsubscribe links)
	// To overrides the account's e-mail address (rekindle notify --to).
	To string
}

// ClaimLease is how long a claimed e-mail belongs to its sender: a claim
// older than this was left by a sender that died between claim and
// record, and the e-mail is sent again (at least once; the same
// Message-ID lets the receiving side see the duplicate).
const ClaimLease = 10 * time.Minute

// SendOutcome is what SendNotification did.
type SendOutcome string

// Outcomes of SendNotification.
const (
	SendSent     SendOutcome = "sent"
	SendFailed   SendOutcome = "failed"   // kept, retried after a backoff
	SendDeferred SendOutcome = "deferred" // quiet hours: tried when they end
	SendOff      SendOutcome = "off"      // the runner turned the kind off
	SendNotDue   SendOutcome = "not_due"  // sent, claimed by another sender, or waiting
)

// SendNotification e-mails one stored notification if it is due: the
// entry point of a send (a round here, or a job). It respects the
// runner's settings (a kind turned off is never sent; inside quiet hours
// it is deferred to their end, never dropped), claims the notification
// before sending (a second sender or a restart never sends it twice) and
// records the outcome: sent, or failed with its error and the next try
// (Backoff). The error is the store's; a send's failure is the outcome.
func (a *App) SendNotification(ctx context.Context, mc MailConfig, athleteID, id int64) (SendOutcome, error) {
	n, err := a.cfg.Store.GetNotification(ctx, athleteID, id)
	if err != nil {
		return "", err
	}
	ns, err := a.notifySettings(ctx, athleteID)
	if err != nil {
		return "", err
	}
	now := a.cfg.Now()
	if slices.Contains(ns.EmailOff, n.Kind) {
		if ok, err := a.cfg.Store.SkipNotificationEmail(ctx, athleteID, id); err != nil || !ok {
			return SendNotDue, err
		}
		return SendOff, nil
	}
	ath, err := a.Athlete(ctx, athleteID)
	if err != nil {
		return "", err
	}
	if until, quiet := (notify.Quiet{Start: ns.QuietStart, End: ns.QuietEnd}).Until(now, ath.Location()); quiet {
		if err := a.cfg.Store.DeferNotificationEmail(ctx, athleteID, id, until); err != nil {
			return "", err
		}
		return SendDeferred, nil
	}
	ok, err := a.cfg.Store.ClaimNotificationEmail(ctx, athleteID, id, now, ClaimLease)
	if err != nil || !ok {
		return SendNotDue, err
	}
	sendErr := a.sendMail(ctx, mc, athleteID, n, ns)
	if err := a.cfg.Store.FinishNotificationEmail(ctx, athleteID, id, sendErr, now.Add(notify.Backoff(n.EmailTries+1))); err != nil {
		return "", err
	}
	if sendErr != nil {
		a.log.WarnContext(ctx, "notification e-mail failed", "athlete", athleteID, "notification", id, "try", n.EmailTries+1, "err", sendErr)
		return SendFailed, sendErr
	}
	return SendSent, nil
}

func (a *App) sendMail(ctx context.Context, mc MailConfig, athleteID int64, n store.Notification, ns store.NotifySettings) error {
	to := mc.To
	if to == "" {
		acc, err := a.cfg.Store.GetAccount(ctx, athleteID)
		if err != nil || acc.Email == "" {
			return fmt.Errorf("notify: athlete %d has no e-mail address", athleteID)
		}
		to = acc.Email
	}
	mom := notify.Moment{Kind: notify.Kind(n.Kind), Key: n.Key, Day: n.Day, Title: n.Title, Body: n.Body, Link: n.Link}
	if n.Detail != "" && mom.Kind == notify.KindWeeklyDigest {
		var d notify.Digest
		if err := json.Unmarshal([]byte(n.Detail), &d); err == nil {
			mom.Digest = &d
		}
	}
	links := notify.Links{Base: mc.Base}
	if base := strings.TrimSuffix(mc.Base, "/"); base != "" {
		links.Unsubscribe = base + notify.UnsubscribePath([]byte(ns.UnsubKey), athleteID, mom.Kind)
	}
	mail := notify.MailOf(mom, mc.From, to, links, a.cfg.Now(), fmt.Sprintf("moment-%d-%d", athleteID, n.ID))
	return mc.Mailer.Send(ctx, &mail)
}

// EmailNotifications refreshes the athlete's moments and sends each
// e-mail that is due (SendNotification), oldest first.
func (a *App) EmailNotifications(ctx context.Context, athleteID int64, mc MailConfig) (*EmailReport, error) {
	if _, err := a.RefreshNotifications(ctx, athleteID); err != nil {
		return nil, err
	}
	list, err := a.cfg.Store.NotificationsToEmail(ctx, athleteID, a.cfg.Now(), ClaimLease, NotificationsMax)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(list))
	for i, n := range list {
		ids[i] = n.ID
	}
	return sendEach(ids, func(id int64) (SendOutcome, error) { return a.SendNotification(ctx, mc, athleteID, id) }, nil)
}

// sendEach sends each of ids in turn (a round of e-mails or pushes) and
// tallies the outcomes: a failed send is counted with its error and the
// round goes on; any other error ends the round, wrapped by wrap when it
// is set.
func sendEach(ids []int64, send func(id int64) (SendOutcome, error), wrap func(id int64, err error) error) (*EmailReport, error) {
	rep := &EmailReport{}
	for _, id := range ids {
		out, err := send(id)
		switch out {
		case SendSent:
			rep.Sent++
		case SendFailed:
			rep.Failed++
			rep.Errors = append(rep.Errors, err.Error())
			continue
		case SendDeferred:
			rep.Deferred++
		case SendOff:
			rep.Off++
		}
		if err != nil {
			if wrap != nil {
				err = wrap(id, err)
			}
			return rep, err
		}
	}
	return rep, nil
}

// EmailAllNotifications runs one e-mail round for every account (each to
// its own address); an athlete whose round fails is logged and the others
// go on. It returns the totals.
func (a *App) EmailAllNotifications(ctx context.Context, mc MailConfig) (*EmailReport, error) {
	return a.eachAccount(ctx, "notification round", func(athleteID int64, email string) (*EmailReport, error) {
		mc := mc
		mc.To = email
		return a.EmailNotifications(ctx, athleteID, mc)
	})
}

// eachAccount runs round for every account and sums the reports; an
// athlete whose round fails is logged as what and the others go on.
func (a *App) eachAccount(ctx context.Context, what string, round func(athleteID int64, email string) (*EmailReport, error)) (*EmailReport, error) {
	accs, err := a.cfg.Store.ListAccountEmails(ctx)
	if err != nil {
		return nil, err
	}
	tot := &EmailReport{}
	for _, acc := range accs {
		if ctx.Err() != nil {
			return tot, ctx.Err()
		}
		rep, err := round(acc.AthleteID, acc.Email)
		if err != nil {
			a.log.Warn(what+" failed", "athlete", acc.AthleteID, "err", err)
			tot.Errors = append(tot.Errors, err.Error())
			continue
		}
		tot.Sent += rep.Sent
		tot.Failed += rep.Failed
		tot.Deferred += rep.Deferred
		tot.Off += rep.Off
		tot.Errors = append(tot.Errors, rep.Errors...)
	}
	return tot, nil
}

// roundsEvery runs round now and then every interval until ctx ends,
// logging what it sent as what.
func (a *App) roundsEvery(ctx context.Context, what string, interval time.Duration, round func() (*EmailReport, error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		rep, err := round()
		switch {
		case err != nil && ctx.Err() == nil:
			a.log.Warn(what, "err", err)
		case rep != nil && (rep.Sent > 0 || rep.Failed > 0):
			a.log.Info(what, "sent", rep.Sent, "failed", rep.Failed)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// gearAndCoachFacts adds to in the shoes and "new shoes" rewards, the
// coaches' recent replies and the races on the runner's race calendars in
// the next days.
func (a *App) gearAndCoachFacts(ctx context.Context, ath *rekindle.Athlete, in *notify.Input) error {
	now := a.cfg.Now()
	loc := ath.Location()
	f, err := a.cfg.Store.RewardFacts(ctx, ath.ID, now)
	if err != nil {
		return err
	}
	for _, s := range f.Shoes {
		sh := notify.Shoe{ID: s.ID, Name: s.Name, DistanceM: s.DistanceM, RetireAtM: s.RetireAtM}
		if !s.ReachedAt.IsZero() {
			sh.Reached = s.ReachedAt.In(loc).Format(time.DateOnly)
		}
		in.Shoes = append(in.Shoes, sh)
	}
	rewards, err := a.cfg.Store.ListRewards(ctx, ath.ID)
	if err != nil {
		return err
	}
	for i := range rewards {
		r := &rewards[i]
		if r.Kind != reward.KindShoe {
			continue
		}
		sr := notify.ShoeReward{ID: r.ID, Text: r.Text, GearID: r.GearID, Claimed: !r.Claimed.IsZero()}
		if p := reward.Evaluate(r, f, now); p.Earned && !p.EarnedAt.IsZero() {
			sr.Earned = p.EarnedAt.In(loc).Format(time.DateOnly)
		}
		in.Rewards = append(in.Rewards, sr)
	}
	reqs, err := a.cfg.Store.ListCoachRequests(ctx, ath.ID)
	if err != nil {
		return err
	}
	for _, r := range reqs {
		if r.Updated.Before(now.AddDate(0, 0, -notify.RecentDays-1)) {
			continue
		}
		full, err := a.cfg.Store.GetCoachRequest(ctx, ath.ID, r.ID)
		if err != nil {
			return err
		}
		for _, m := range full.Messages {
			if m.AuthorID == full.CoachID && m.AuthorID != ath.ID {
				in.Replies = append(in.Replies, notify.CoachReply{ID: m.ID, RequestID: r.ID, Coach: a.personName(ctx, full.CoachID), Text: m.Text,
					Day: m.Created.In(loc).Format(time.DateOnly)})
			}
		}
	}
	today := InZone(now.In(loc), loc)
	evs, err := a.cfg.Store.ListCalendarEvents(ctx, ath.ID, store.CalendarRaces, today, today.AddDate(0, 0, notify.RaceSoonDays+1))
	if err != nil {
		return err
	}
	for _, e := range evs {
		if e.Rule != nil {
			continue // a race is one day, not a series
		}
		d := e.Start.In(loc).Format(time.DateOnly)
		if e.AllDay {
			d = e.Start.Format(time.DateOnly)
		}
		uid := e.UID
		if uid == "" {
			uid = e.Summary + "@" + d
		}
		in.Races = append(in.Races, notify.CalendarRace{Key: fmt.Sprintf("%d:%s", e.FeedID, uid), Name: e.Summary, Day: d})
	}
	return nil
}

// NotificationsToEmail refreshes the athlete's moments and returns the ids
// of those due for e-mail, oldest first: the e-mail round (a job) makes one
// send job of each.
func (a *App) NotificationsToEmail(ctx context.Context, athleteID int64) ([]int64, error) {
	if _, err := a.RefreshNotifications(ctx, athleteID); err != nil {
		return nil, err
	}
	list, err := a.cfg.Store.NotificationsToEmail(ctx, athleteID, a.cfg.Now(), ClaimLease, NotificationsMax)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(list))
	for _, n := range list {
		ids = append(ids, n.ID)
	}
	return ids, nil
}

// EmailNotification sends one notification to to (the send job) through
// SendNotification: the runner's settings, quiet hours, the claim and the
// backoff are its. sent is false when it was not sent now; an error means
// the job should try again later (a failed send, quiet hours, a claim held
// elsewhere), nil that nothing is left to do (sent, or the kind is off).
func (a *App) EmailNotification(ctx context.Context, athleteID, id int64, m Mailer, from, to, base string) (sent bool, err error) {
	// The job's own retries are the backoff: a failed send is due when the
	// job runs again.
	if n, err := a.cfg.Store.GetNotification(ctx, athleteID, id); err != nil {
		return false, err
	} else if n.EmailState == store.EmailFailed && n.EmailNext.After(a.cfg.Now()) {
		if err := a.cfg.Store.DeferNotificationEmail(ctx, athleteID, id, a.cfg.Now()); err != nil {
			return false, err
		}
	}
	out, err := a.SendNotification(ctx, MailConfig{Mailer: m, From: from, To: to, Base: base}, athleteID, id)
	switch {
	case err != nil:
		return false, fmt.Errorf("notification %d: e-mail: %w", id, err)
	case out == SendSent:
		return true, nil
	case out == SendOff:
		return false, nil
	}
	n, err := a.cfg.Store.GetNotification(ctx, athleteID, id)
	if err != nil {
		return false, err
	}
	if n.EmailState == store.EmailSent {
		return false, nil // another sender did it
	}
	return false, fmt.Errorf("notification %d: not sent yet (%s): tried again later", id, out)
}
