package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
)

// The plan outside rekindle: the calendar feed, a one-off .ics, FIT
// workouts for a watch, and editing a session in place (the feed's UID
// stays). All of it is athlete.App's; this is the terminal's shell.

type planReachOpts struct {
	rotate, revoke bool
	url, out       string
	fitDir         string
	days           int
	day, kind      string
	dist, minutes  float64
	note, sport    string
	set            map[string]bool
}

func planReach(ctx context.Context, env *Env, app *athlete.App, ath *rekindle.Athlete, asOf time.Time, pos []string, o planReachOpts) error {
	switch pos[0] {
	case "feed":
		if len(pos) != 1 || o.rotate && o.revoke {
			fmt.Fprintln(env.Stderr, "plan feed: takes no arguments, and --rotate or --revoke (not both)")
			return errUsage
		}
		switch {
		case o.revoke:
			if err := app.RevokePlanFeed(ctx, ath.ID); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, "Calendar feed revoked: its URL answers 404 from now on.")
			return nil
		case o.rotate:
			st, err := app.RotatePlanFeed(ctx, ath.ID)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Calendar feed URL (subscribe to it in your calendar app; shown only now, rotate to get a new one):\n%s%s\n",
				strings.TrimSuffix(o.url, "/"), st.Path)
			return nil
		}
		st, err := app.PlanFeed(ctx, ath.ID)
		if err != nil {
			return err
		}
		if !st.Active {
			fmt.Fprintln(env.Stdout, "No calendar feed. Make one with: rekindle plan feed --rotate")
			return nil
		}
		fmt.Fprintf(env.Stdout, "Calendar feed on since %s. Its URL was shown when it was made; rekindle plan feed --rotate makes a new one, --revoke turns it off.\n",
			st.Created.In(ath.Location()).Format("2006-01-02 15:04"))
		return nil
	case "ics":
		b, err := app.PlanICS(ctx, ath.ID)
		if err != nil {
			return err
		}
		if o.out == "" {
			_, err = env.Stdout.Write(b)
			return err
		}
		if err := writeFileAtomic(o.out, b); err != nil {
			return fmt.Errorf("plan ics: %w", err)
		}
		fmt.Fprintf(env.Stdout, "Wrote %s.\n", o.out)
		return nil
	case "export":
		if o.fitDir == "" || len(pos) != 1 {
			fmt.Fprintln(env.Stderr, "plan export: want --fit DIR")
			return errUsage
		}
		files, err := app.PlanWorkouts(ctx, ath.ID, asOf, o.days)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(o.fitDir, 0o755); err != nil {
			return fmt.Errorf("plan export: %w", err)
		}
		names := make([]string, 0, len(files))
		for n := range files {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, n := range names {
			p := filepath.Join(o.fitDir, n)
			if err := writeFileAtomic(p, files[n]); err != nil {
				return fmt.Errorf("plan export: %w", err)
			}
			fmt.Fprintln(env.Stdout, p)
		}
		fmt.Fprintf(env.Stdout, "%d FIT workouts for the %d days from %s (rest days and cross-training have none).\n", len(names), o.days, asOf.Format(time.DateOnly))
		return nil
	case "edit":
		id, err := idArg(env, "plan", pos)
		if err != nil {
			return err
		}
		old, err := app.PlannedSession(ctx, ath.ID, id)
		if err != nil {
			return err
		}
		f := athlete.PlanForm{Day: old.Day, Kind: string(old.Kind), Sport: string(old.Sport), DistanceM: old.DistanceM, DurationS: old.DurationS, Note: old.Note}
		if o.set["day"] {
			f.Day = o.day
		}
		if o.set["kind"] {
			f.Kind = o.kind
		}
		if o.set["distance"] {
			f.DistanceM = o.dist
		}
		if o.set["minutes"] {
			f.DurationS = o.minutes * 60
		}
		if o.set["note"] {
			f.Note = o.note
		}
		if o.set["sport"] {
			f.Sport = o.sport
		}
		x, err := app.EditPlanned(ctx, ath.ID, id, f)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Now %s on %s   [id %s].\n", planLine(*x, ath.Unit), athlete.Dates(ath).Day(mustDay(x.Day)), strconv.FormatInt(x.ID, 10))
		return nil
	}
	return errUsage
}

// writeFileAtomic writes a file whole or not at all.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
