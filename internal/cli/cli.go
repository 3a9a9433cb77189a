// Package cli implements the rekindle command line: it parses flags and
// environment, opens the store and calls the packages that do the work.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Env is what a subcommand gets: its streams and the process environment.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Now is the clock of every command (today, check-in times, live spark
	// outcomes); nil is the wall clock. Tests set a fixed one.
	Now func() time.Time
}

// now reads env's clock.
func (env *Env) now() time.Time {
	if env.Now != nil {
		return env.Now()
	}
	return time.Now()
}

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

// commands lists every subcommand; each lives in its own file.
var commands = map[string]command{
	"version": {"print the version", runVersion},
}

// Version is set at build time with -ldflags "-X rekindle/internal/cli.Version=…".
var Version = "dev"

// errUsage marks a usage error: the message has been printed, exit 2.
var errUsage = errors.New("usage")

// Main runs the command line and returns the process exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return mainEnv(ctx, &Env{Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: os.Getenv}, args)
}

// mainEnv is Main with env given (tests set its clock).
func mainEnv(ctx context.Context, env *Env, args []string) int {
	stdout, stderr := env.Stdout, env.Stderr
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "rekindle: unknown command %q\n\n", args[0])
		usage(stderr)
		return 2
	}
	err := cmd.run(ctx, env, args[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		fmt.Fprintf(stderr, "rekindle %s: %v\n", args[0], err)
		return 1
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "rekindle — a running log and coach that helps you get the spark back")
	fmt.Fprintln(w, "\nUsage: rekindle COMMAND [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'rekindle COMMAND --help' for a command's flags.")
}

func runVersion(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("version", "", env)
	if err := fs.Parse(args); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "rekindle", Version)
	return nil
}

// newFlagSet makes a flag set that prints its usage to stderr and returns
// errors rather than exiting.
func newFlagSet(name, argsUsage string, env *Env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: rekindle %s [flags] %s\n\nFlags:\n", name, argsUsage)
		fs.PrintDefaults()
	}
	return fs
}

// newTextFlagSet is newFlagSet for a command whose usage is a text of its
// own (printed before the flags).
func newTextFlagSet(name, usage string, env *Env) *flag.FlagSet {
	fs := newFlagSet(name, "", env)
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, usage)
		fs.PrintDefaults()
	}
	return fs
}

// dbFlag registers --db with its REKINDLE_DB default.
func dbFlag(fs *flag.FlagSet, env *Env) *string {
	return fs.String("db", defaultDB(env), "database: an SQLite file path or a postgres:// URL (env REKINDLE_DB)")
}

// defaultDB is REKINDLE_DB, else rekindle.db in the XDG data directory.
func defaultDB(env *Env) string {
	if v := env.Getenv("REKINDLE_DB"); v != "" {
		return v
	}
	dir := env.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "rekindle.db"
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "rekindle", "rekindle.db")
}

// splitList splits "a,b" lists.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseNoArgs parses a command's flags and refuses positional arguments
// (usage, exit 2).
func parseNoArgs(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return errUsage
	}
	return nil
}

// dbHint is " --db DB" when the command was given --db, so that the
// commands it suggests work when copied; "" when the default applies.
func dbHint(fs *flag.FlagSet) string {
	hint := ""
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "db" {
			hint = " --db " + shellQuote(f.Value.String())
		}
	})
	return hint
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=@+,%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
