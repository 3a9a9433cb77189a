package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"rekindle/internal/ingest"
)

func init() {
	commands["reprocess"] = command{"decode every stored original file again and update its activities in place", runReprocess}
}

func runReprocess(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("reprocess", "", env)
	db := dbFlag(fs, env)
	asJSON := fs.Bool("json", false, `print one JSON object per file: {"file","sha256","status","activity_ids","updated","added","removed","warnings","error"}`)
	dry := fs.Bool("dry-run", false, "show what would change, write nothing")
	workers := fs.Int("workers", 0, "decoding goroutines (default: all cores)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	app, ath, err := openAthlete(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	enc := json.NewEncoder(env.Stdout)
	opt := ingest.ReprocessOptions{Workers: *workers, DryRun: *dry}
	opt.OnFile = func(r ingest.ReprocessResult) {
		if *asJSON {
			enc.Encode(r)
			return
		}
		switch r.Status {
		case ingest.ReprocessFailed:
			fmt.Fprintf(env.Stderr, "failed: %s: %s (its activities are kept as they were)\n", r.File, r.Error)
		case ingest.ReprocessUpdated:
			var parts []string
			if len(r.Updated) > 0 {
				parts = append(parts, fmt.Sprintf("updated %v", r.Updated))
			}
			if len(r.Added) > 0 {
				parts = append(parts, fmt.Sprintf("added %d", len(r.Added)))
			}
			if len(r.Removed) > 0 {
				parts = append(parts, fmt.Sprintf("removed %v", r.Removed))
			}
			fmt.Fprintf(env.Stdout, "updated: %s: %s\n", r.File, strings.Join(parts, ", "))
		}
	}
	st, err := app.Reprocess(ctx, ath.ID, opt)
	if !*asJSON {
		what := "reprocessed"
		if *dry {
			what = "dry run, nothing written"
		}
		fmt.Fprintf(env.Stdout, "%d files %s: %d unchanged, %d updated, %d failed; %d activities updated, %d added, %d removed\n",
			st.Files, what, st.Unchanged, st.Updated, st.Failed, st.ActivitiesUpdated, st.Added, st.Removed)
	}
	if err == nil && !*dry {
		// Histories imported before rekindle inferred the time zone get one.
		msg, perr := app.InferPlace(ctx, ath.ID)
		if perr != nil {
			return perr
		}
		if msg != "" && !*asJSON {
			fmt.Fprintln(env.Stdout, msg)
		}
	}
	return err
}
