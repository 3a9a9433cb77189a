package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
)

// openApp opens the database named by dsn (an SQLite path, created with its
// directory when missing, or a postgres:// URL), migrated, and the one
// application layer over it for this command; app.Close closes both.
func openApp(ctx context.Context, env *Env, dsn string) (*athlete.App, error) {
	return openAppWith(ctx, env, dsn, athlete.Options{})
}

// openAppWith is openApp with options (a clock for a replayed day, no
// route groups); warnings go to stderr.
func openAppWith(ctx context.Context, env *Env, dsn string, o athlete.Options) (*athlete.App, error) {
	o.Log = slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if o.Now == nil {
		o.Now = env.Now
	}
	return athlete.Open(ctx, dsn, o)
}

// openAthlete opens the application (openApp) with its default athlete.
// The caller closes the App; on error it is already closed.
func openAthlete(ctx context.Context, env *Env, dsn string) (*athlete.App, *rekindle.Athlete, error) {
	return openAthleteWith(ctx, env, dsn, athlete.Options{})
}

// openAthleteWith is openAthlete with options (openAppWith).
func openAthleteWith(ctx context.Context, env *Env, dsn string, o athlete.Options) (*athlete.App, *rekindle.Athlete, error) {
	app, err := openAppWith(ctx, env, dsn, o)
	if err != nil {
		return nil, nil, err
	}
	ath, err := app.DefaultAthlete(ctx)
	if err != nil {
		app.Close()
		return nil, nil, err
	}
	return app, ath, nil
}

// openAsOf parses an --as-of flag (zero: today) for cmd, then opens the
// store with its default athlete (see openAthlete).
func openAsOf(ctx context.Context, env *Env, cmd, dsn, asOfFlag string) (*athlete.App, *rekindle.Athlete, time.Time, error) {
	asOf, err := parseAsOf(env, cmd, asOfFlag)
	if err != nil {
		return nil, nil, time.Time{}, err
	}
	app, ath, err := openAthlete(ctx, env, dsn)
	if err != nil {
		return nil, nil, time.Time{}, err
	}
	return app, ath, asOf, nil
}

// oneID parses exactly one positional argument as an int64 ID; otherwise it
// prints the usage and returns errUsage.
func oneID(fs *flag.FlagSet, args []string) (int64, error) {
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return 0, err
	}
	if len(pos) != 1 {
		fs.Usage()
		return 0, errUsage
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		fs.Usage()
		return 0, errUsage
	}
	return id, nil
}

// idArg reads the ID of 'CMD SUB ID' (pos is [SUB, ID]): exactly one, a
// number; otherwise it says so on stderr and returns errUsage.
func idArg(env *Env, cmd string, pos []string) (int64, error) {
	if len(pos) != 2 {
		fmt.Fprintf(env.Stderr, "%s %s: want one ID\n", cmd, pos[0])
		return 0, errUsage
	}
	id, err := strconv.ParseInt(pos[1], 10, 64)
	if err != nil {
		fmt.Fprintf(env.Stderr, "%s %s: %q is not an id\n", cmd, pos[0], pos[1])
		return 0, errUsage
	}
	return id, nil
}

// routesOnGraph loads the athlete's routes as of a day (without saving the
// grouping) and insists on a saved street graph.
func routesOnGraph(ctx context.Context, app *athlete.App, ath *rekindle.Athlete, asOf time.Time) (*athlete.RouteState, error) {
	rs, err := app.LoadRoutes(ctx, ath, asOf, false)
	if err != nil {
		return nil, err
	}
	if rs.Graph == nil {
		return nil, errors.New("no street graph loaded: run 'rekindle map load FILE.osm.pbf' first")
	}
	return rs, nil
}

// openRunner opens the store's default athlete as a race and class finder
// sees them on asOf (zero: today): for 'races' and 'classes'.
func openRunner(ctx context.Context, env *Env, dsn string, asOf time.Time) (*athlete.App, *athlete.Runner, error) {
	app, ath, err := openAthlete(ctx, env, dsn)
	if err != nil {
		return nil, nil, err
	}
	rn, err := app.LoadRunner(ctx, ath, asOf)
	if err != nil {
		app.Close()
		return nil, nil, err
	}
	return app, rn, nil
}

// parseAction parses a command's flags and positional arguments in any
// order and insists on an action (the first positional); without one it
// prints the usage and returns errUsage.
func parseAction(fs *flag.FlagSet, args []string) ([]string, error) {
	pos, err := parseInterspersed(fs, args)
	if err == nil && len(pos) == 0 {
		fs.Usage()
		err = errUsage
	}
	return pos, err
}

// parseOpen parses a command's flags (positional arguments, in any order,
// are returned) and opens the App with its athlete from --db (db): the
// preamble of the commands that work on this installation's athlete. The
// caller closes the App.
func parseOpen(ctx context.Context, env *Env, fs *flag.FlagSet, args []string, db *string) ([]string, *athlete.App, *rekindle.Athlete, error) {
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return nil, nil, nil, err
	}
	app, ath, err := openAthlete(ctx, env, *db)
	return pos, app, ath, err
}
