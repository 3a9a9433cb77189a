package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/route"
)

// routesSubcommands are dispatched by 'rekindle routes NAME …'. Other files
// register theirs in init(), e.g. routesSubcommands["suggest"] = command{…}.
var routesSubcommands = map[string]command{}

func init() {
	commands["routes"] = command{"your routes: the usual loop, route groups and routine signals", runRoutes}
}

func runRoutes(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, ok := routesSubcommands[args[0]]
		if !ok {
			fmt.Fprintf(env.Stderr, "rekindle routes: unknown subcommand %q\n", args[0])
			return errUsage
		}
		return sub.run(ctx, env, args[1:])
	}
	argsUsage := ""
	if len(routesSubcommands) > 0 {
		names := make([]string, 0, len(routesSubcommands))
		for n := range routesSubcommands {
			names = append(names, n)
		}
		sort.Strings(names)
		argsUsage = "\n       rekindle routes {" + strings.Join(names, "|") + "} [flags]"
	}
	fs := newFlagSet("routes", argsUsage, env)
	db := dbFlag(fs, env)
	asOfFlag := fs.String("as-of", "", "the day to look from, YYYY-MM-DD (default: today in the athlete's time zone)")
	asJSON := fs.Bool("json", false, "print groups and routine signals as JSON")
	lastN := fs.Int("last", route.RoutineLastN, "how many recent runs the routine signals look at")
	limit := fs.Int("limit", 10, "at most this many route groups (0: all)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	app, ath, asOf, err := openAsOf(ctx, env, "routes", *db, *asOfFlag)
	if err != nil {
		return err
	}
	defer app.Close()
	rs, err := app.LoadRoutes(ctx, ath, asOf, true)
	if err != nil {
		return err
	}
	out := rs.Summary(ath, *lastN, *limit)
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", " ")
		return enc.Encode(out)
	}
	return writeRoutes(env.Stdout, out, ath.Unit)
}

// parseAsOf reads --as-of; zero means today.
func parseAsOf(env *Env, cmd, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		fmt.Fprintf(env.Stderr, "%s: --as-of wants YYYY-MM-DD, got %q\n", cmd, v)
		return time.Time{}, errUsage
	}
	return t, nil
}

func writeRoutes(w io.Writer, r athlete.RoutesJSON, unit rekindle.Unit) error {
	per, name := 1000.0, "km"
	if unit == rekindle.UnitMi {
		per, name = 1609.344, "mi"
	}
	fmt.Fprintf(w, "Routes as of %s: %d runs, %d route groups shown", r.AsOf, r.Runs, len(r.Groups))
	if !r.Graph {
		fmt.Fprint(w, " (no street graph: 'rekindle map load FILE.osm.pbf' adds street names and novelty)")
	}
	fmt.Fprintln(w)
	width := 20
	for _, g := range r.Groups {
		width = max(width, utf8.RuneCountInString(g.Name))
	}
	for _, g := range r.Groups {
		pad := strings.Repeat(" ", width-utf8.RuneCountInString(g.Name))
		fmt.Fprintf(w, "  #%-4d %s%s %4d runs  %5.1f %s  last %s\n", g.ID, g.Name, pad, g.Runs, g.DistanceM/per, name, g.LastRun)
	}
	rt := r.Routine
	fmt.Fprintf(w, "\nRoutine (last %d runs):\n", rt.LastN)
	pct := func(v float64) string {
		if v < 0 {
			return "–"
		}
		return fmt.Sprintf("%.0f%%", v*100)
	}
	fmt.Fprintf(w, "  most-run route #%d: %s of the last %d runs, %s of %d runs in 28 days\n", rt.TopRouteID, pct(rt.TopRouteShareN), rt.LastN, pct(rt.TopRouteShare28d), rt.Runs28d)
	fmt.Fprintf(w, "  distinct routes: %d (last %d), %d (28 days)\n", rt.DistinctRoutesN, rt.LastN, rt.DistinctRoutes28)
	fmt.Fprintf(w, "  same distance %s, same weekday %s (%s), same time of day %s (around %s)\n", pct(rt.SameDistanceShare), pct(rt.SameWeekdayShare), rt.TopWeekday, pct(rt.SameTimeOfDayShare), rt.TypicalStart)
	fmt.Fprintf(w, "  distance on never-run streets: %s\n", pct(rt.NoveltyShare))
	if rt.Stale {
		fmt.Fprintln(w, "  → the same loop again and again: time for a new route")
	}
	return nil
}
