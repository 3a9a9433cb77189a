package cli

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"rekindle/internal/athlete"
	"rekindle/internal/jobs"
)

func init() {
	commands["jobs"] = command{"background jobs (route refreshes, e-mails, the nightly evaluation): list them, retry one", runJobs}
}

const jobsUsage = `

  rekindle jobs [--state S,S] [--kind K] [--limit N] [--json]   the jobs, newest first, with state and last error
  rekindle jobs retry ID                                          run a job again now (a failed, cancelled or finished one)

States: available, scheduled, running, retryable, completed, discarded, cancelled, pending.
'rekindle serve' works the jobs; every replica on one database shares them.`

func runJobs(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("jobs", jobsUsage, env)
	db := dbFlag(fs, env)
	asJSON := fs.Bool("json", false, "print JSON")
	states := fs.String("state", "", "only jobs in these states, comma-separated")
	kind := fs.String("kind", "", "only jobs of this kind (route_refresh, infer_place, notify_email, notify_round, nightly, nightly_round)")
	limit := fs.Int("limit", 50, "at most this many jobs")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	// A queue that is not started: it lists and retries only.
	app, closeDB, err := jobs.Open(ctx, *db, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	defer closeDB()
	switch {
	case len(rest) == 2 && rest[0] == "retry":
		id, err := strconv.ParseInt(rest[1], 10, 64)
		if err != nil {
			return fmt.Errorf("jobs retry %q: want a job id", rest[1])
		}
		j, err := app.RetryJob(ctx, id)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, j)
		}
		fmt.Fprintf(env.Stdout, "job %d (%s) is %s: a running 'rekindle serve' picks it up\n", j.ID, j.Kind, j.State)
		return nil
	case len(rest) > 0:
		fmt.Fprintf(env.Stderr, "jobs: unexpected %q\n", strings.Join(rest, " "))
		return errUsage
	}
	f := athlete.JobFilter{Kind: *kind, Limit: *limit}
	if *states != "" {
		f.States = strings.Split(*states, ",")
	}
	list, err := app.Jobs(ctx, f)
	if err != nil {
		return err
	}
	if *asJSON {
		if list == nil {
			list = []athlete.JobView{}
		}
		return writeJSON(env.Stdout, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(env.Stdout, "no jobs")
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tSTATE\tATHLETE\tATTEMPT\tCREATED\tERROR")
	for _, j := range list {
		ath := ""
		if j.AthleteID != 0 {
			ath = strconv.FormatInt(j.AthleteID, 10)
		}
		msg := j.Error
		if len(msg) > 80 {
			msg = msg[:77] + "..."
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d/%d\t%s\t%s\n", j.ID, j.Kind, j.State, ath, j.Attempt, j.MaxAttempts, j.CreatedAt.Format(time.DateTime), msg)
	}
	return tw.Flush()
}
