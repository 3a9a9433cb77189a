package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/store"
)

// openAthlete opens the store and returns it with its default athlete. The
// caller closes the store; on error it is already closed.
func openAthlete(ctx context.Context, env *Env, dsn string) (*store.Store, *rekindle.Athlete, error) {
	s, err := openStore(ctx, env, dsn)
	if err != nil {
		return nil, nil, err
	}
	ath, err := s.DefaultAthlete(ctx)
	if err != nil {
		s.Close()
		return nil, nil, fmt.Errorf("athlete: %w", err)
	}
	return s, ath, nil
}

// openAsOf parses an --as-of flag (zero: today) for cmd, then opens the
// store with its default athlete (see openAthlete).
func openAsOf(ctx context.Context, env *Env, cmd, dsn, asOfFlag string) (*store.Store, *rekindle.Athlete, time.Time, error) {
	asOf, err := parseAsOf(env, cmd, asOfFlag)
	if err != nil {
		return nil, nil, time.Time{}, err
	}
	s, ath, err := openAthlete(ctx, env, dsn)
	if err != nil {
		return nil, nil, time.Time{}, err
	}
	return s, ath, asOf, nil
}

// oneID parses exactly one positional argument as an int64 ID; otherwise it
// prints the usage and returns errUsage.
func oneID(fs *flag.FlagSet, args []string) (int64, error) {
	pos, err := positional(fs, args)
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
func routesOnGraph(ctx context.Context, s *store.Store, ath *rekindle.Athlete, asOf time.Time) (*athlete.RouteState, error) {
	rs, err := athlete.LoadRoutes(ctx, s, ath, asOf, false)
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
func openRunner(ctx context.Context, env *Env, dsn string, asOf time.Time) (*store.Store, *athlete.Runner, error) {
	s, ath, err := openAthlete(ctx, env, dsn)
	if err != nil {
		return nil, nil, err
	}
	rn, err := athlete.LoadRunner(ctx, s, ath, asOf)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, rn, nil
}
