package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"

	"rekindle"
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
