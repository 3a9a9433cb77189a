package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"rekindle/internal/athlete"
	"rekindle/internal/notify"
)

func init() {
	commands["notify"] = command{"the moments that matter (an experiment ends, a light week, days without a run, a race soon); notify --send e-mails them", runNotify}
}

const notifyUsage = `

  rekindle notify [--json]                 the notifications, newest first (today's moments added once each)
  rekindle notify --read                   mark them all read
  rekindle notify --settings [--json]      which kinds are e-mailed, the quiet hours, the last send error and next try
  rekindle notify [--email-on K,K] [--email-off K,K] [--quiet 22:00-07:00|off]
                                           per-kind opt-in (kinds: experiment_ends light_week no_run race_soon
                                           shoes_earned coach_reply weekly_digest, or all) and quiet hours
  rekindle notify --push mailto:ADDR       push each one not pushed yet to the browsers subscribed in Settings (Web Push)
  rekindle notify --send --smtp HOST:PORT --from ADDR --to ADDR [--smtp-user U] [--url https://host]
                                           e-mail each one not sent yet (exactly once; failures are kept and retried)

SMTP settings also come from REKINDLE_SMTP, REKINDLE_SMTP_USER, REKINDLE_SMTP_PASSWORD, REKINDLE_MAIL_FROM.`

func runNotify(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("notify", notifyUsage, env)
	db := dbFlag(fs, env)
	asJSON := fs.Bool("json", false, "print JSON")
	read := fs.Bool("read", false, "mark every notification read")
	send := fs.Bool("send", false, "e-mail the notifications not sent yet")
	smtpAddr := fs.String("smtp", env.Getenv("REKINDLE_SMTP"), "send: the SMTP server, host:port (env REKINDLE_SMTP)")
	smtpUser := fs.String("smtp-user", env.Getenv("REKINDLE_SMTP_USER"), "send: SMTP user (password in env REKINDLE_SMTP_PASSWORD)")
	from := fs.String("from", env.Getenv("REKINDLE_MAIL_FROM"), "send: the sender address (env REKINDLE_MAIL_FROM)")
	to := fs.String("to", "", "send: the runner's address (default: the account's e-mail)")
	base := fs.String("url", "", "send: the server's address, for links in the e-mails")
	pushSubject := fs.String("push", "", "push the notifications not pushed yet to the subscribed browsers (Web Push), naming this VAPID contact: mailto:ADDR")
	settings := fs.Bool("settings", false, "show the e-mail settings: kinds on and off, quiet hours, how sending goes")
	emailOn := fs.String("email-on", "", "e-mail these kinds (comma-separated, or all)")
	emailOff := fs.String("email-off", "", "stop e-mailing these kinds (comma-separated, or all)")
	quiet := fs.String("quiet", "", "quiet hours in your time zone, HH:MM-HH:MM (off: none); e-mails due then wait until they end")
	asOfFlag := fs.String("as-of", "", "compute the moments as of this day, YYYY-MM-DD (default today)")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	asOf, err := parseAsOf(env, "notify", *asOfFlag)
	if err != nil {
		return err
	}
	var o athlete.Options // the moments of today, or of the day named
	if !asOf.IsZero() {
		o.Now = func() time.Time { return asOf.Add(12 * time.Hour) }
	}
	app, ath, err := openAthleteWith(ctx, env, *db, o)
	if err != nil {
		return err
	}
	defer app.Close()
	if *emailOn != "" || *emailOff != "" || *quiet != "" || *settings {
		return notifySettings(ctx, env, app, ath.ID, *emailOn, *emailOff, *quiet, *asJSON)
	}
	if *pushSubject != "" {
		rep, err := app.PushNotifications(ctx, ath.ID, athlete.PushConfig{Subject: *pushSubject})
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, rep)
		}
		fmt.Fprintf(env.Stdout, "Pushed %d, failed %d (kept, retried after a backoff), deferred %d (quiet hours), off %d.\n", rep.Sent, rep.Failed, rep.Deferred, rep.Off)
		for _, e := range rep.Errors {
			fmt.Fprintln(env.Stdout, "  "+e)
		}
		return nil
	}
	if *send {
		if *smtpAddr == "" || *from == "" {
			fmt.Fprintln(env.Stderr, "notify --send: want --smtp HOST:PORT and --from ADDR")
			return errUsage
		}
		if *to == "" {
			acc, err := app.Account(ctx, ath.ID)
			if err != nil || acc.Email == "" {
				fmt.Fprintln(env.Stderr, "notify --send: no account e-mail: give --to ADDR")
				return errUsage
			}
			*to = acc.Email
		}
		m := &notify.SMTP{Addr: *smtpAddr, User: *smtpUser, Password: env.Getenv("REKINDLE_SMTP_PASSWORD")}
		rep, err := app.EmailNotifications(ctx, ath.ID, athlete.MailConfig{Mailer: m, From: *from, To: *to, Base: *base})
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, rep)
		}
		fmt.Fprintf(env.Stdout, "Sent %d, failed %d (kept, retried after a backoff), deferred %d (quiet hours), off %d.\n", rep.Sent, rep.Failed, rep.Deferred, rep.Off)
		for _, e := range rep.Errors {
			fmt.Fprintln(env.Stdout, "  "+e)
		}
		return nil
	}
	list, err := app.Notifications(ctx, ath.ID)
	if err != nil {
		return err
	}
	if *read {
		if err := app.MarkNotificationsRead(ctx, ath.ID); err != nil {
			return err
		}
	}
	if *asJSON {
		return writeJSON(env.Stdout, list)
	}
	if len(list.Items) == 0 {
		fmt.Fprintln(env.Stdout, "Nothing to tell you right now.")
		return nil
	}
	for _, n := range list.Items {
		mark := "•"
		if n.Read {
			mark = " "
		}
		fmt.Fprintf(env.Stdout, "%s %s  %s\n    %s\n", mark, n.Day, n.Title, n.Body)
		if n.EmailState != "" {
			fmt.Fprintf(env.Stdout, "    e-mail: %s %s\n", n.EmailState, n.EmailError)
		}
	}
	return nil
}

func notifySettings(ctx context.Context, env *Env, app *athlete.App, athleteID int64, on, off, quiet string, asJSON bool) error {
	f := athlete.NotifySettingsForm{Email: map[string]bool{}}
	for _, x := range []struct {
		list string
		on   bool
	}{{on, true}, {off, false}} {
		for k := range strings.SplitSeq(x.list, ",") {
			switch k = strings.TrimSpace(k); k {
			case "":
			case "all":
				for _, kk := range notify.Kinds {
					f.Email[string(kk)] = x.on
				}
			default:
				f.Email[k] = x.on
			}
		}
	}
	if quiet != "" {
		f.Quiet = &quiet
	}
	v, err := app.NotifySettings(ctx, athleteID)
	if len(f.Email) > 0 || f.Quiet != nil {
		v, err = app.SaveNotifySettings(ctx, athleteID, f)
	}
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(env.Stdout, v)
	}
	for _, k := range v.Kinds {
		state := "off"
		if k.Email {
			state = "on"
		}
		fmt.Fprintf(env.Stdout, "%-16s %-3s  %s\n", k.Kind, state, k.Title)
	}
	q := v.Quiet
	if q == "" {
		q = "none"
	}
	fmt.Fprintf(env.Stdout, "Quiet hours: %s\n", q)
	fmt.Fprintf(env.Stdout, "E-mails: %d sent, %d waiting, %d failed\n", v.Status.Sent, v.Status.Waiting, v.Status.Failed)
	if v.Status.LastError != "" {
		fmt.Fprintf(env.Stdout, "Last error: %s\n", v.Status.LastError)
	}
	if v.Status.NextAttempt != nil {
		fmt.Fprintf(env.Stdout, "Next attempt: %s\n", v.Status.NextAttempt.UTC().Format(time.RFC3339))
	}
	return nil
}
