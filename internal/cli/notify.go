package cli

import (
	"context"
	"fmt"
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
		rep, err := app.EmailNotifications(ctx, ath.ID, m, *from, *to, *base)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, rep)
		}
		fmt.Fprintf(env.Stdout, "Sent %d, failed %d (kept, retried next time).\n", rep.Sent, rep.Failed)
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
