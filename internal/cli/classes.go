package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"rekindle/internal/athlete"
	"rekindle/internal/race"
	"rekindle/internal/store"
)

func init() {
	commands["classes"] = command{"classes from your gym's schedule that fit your week and are new to you; classes import FILE.ics", runClasses}
}

const classesUsage = `[import FILE.ics]

  rekindle classes                      classes in the next two weeks on days you do not run, near
                                        the hours you train, in sports you have never logged
  rekindle classes import FILE [--name N] add or replace a gym schedule (iCalendar with weekly RRULEs)`

func runClasses(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("classes", classesUsage, env)
	db := dbFlag(fs, env)
	name := fs.String("name", "", "import: the schedule's name (default: its X-WR-CALNAME or file name); re-importing a name replaces it")
	asOfFlag := fs.String("as-of", "", "the day to plan from, YYYY-MM-DD (default: today in the athlete's time zone)")
	week := fs.Bool("week", false, "only the next 7 days (default: the next 14)")
	all := fs.Bool("all", false, "also classes in sports you have logged before")
	asJSON := fs.Bool("json", false, "print JSON: as_of, from, to, run_days, classes")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		if rest[0] != "import" || len(rest) != 2 {
			fs.Usage()
			return errUsage
		}
		return importCalendar(ctx, env, *db, store.CalendarClasses, rest[1], *name, *asJSON)
	}
	asOf, ok := parseDay(env, "classes", "--as-of", *asOfFlag)
	if !ok {
		return errUsage
	}
	app, rn, err := openRunner(ctx, env, *db, asOf)
	if err != nil {
		return err
	}
	defer app.Close()
	days := 14
	if *week {
		days = 7
	}
	classes, err := rn.Classes(ctx, days, *all)
	if err != nil {
		return err
	}
	from := rn.Day.AddDate(0, 0, 1)
	to := from.AddDate(0, 0, days-1)
	if *asJSON {
		runDays := []string{}
		for _, d := range rn.Pattern.RunDays {
			runDays = append(runDays, d.String())
		}
		return writeJSON(env.Stdout, map[string]any{"as_of": rn.Day.Format(time.DateOnly), "from": from.Format(time.DateOnly), "to": to.Format(time.DateOnly),
			"run_days": runDays, "classes": nonNil(classes)})
	}
	writeClasses(env.Stdout, rn, classes, from, to)
	return nil
}

func writeClasses(w io.Writer, rn *athlete.Runner, classes []race.Class, from, to time.Time) {
	var b strings.Builder
	fmt.Fprintf(&b, "Classes from %s to %s", rn.Dates.DayShort(from), rn.Dates.Day(to))
	if len(rn.Pattern.RunDays) > 0 {
		var ds []string
		for _, d := range rn.Pattern.RunDays {
			ds = append(ds, d.String()[:3])
		}
		fmt.Fprintf(&b, " (you usually run on %s)", strings.Join(ds, ", "))
	}
	b.WriteString(":\n")
	if len(classes) == 0 {
		b.WriteString("  none that fit. Import your gym's schedule: rekindle classes import FILE.ics (or try --all)\n")
	}
	for _, c := range classes {
		line := fmt.Sprintf("  %s  %s (%s)", rn.Dates.DayShortTime(c.Start), c.Name, c.Sport)
		if c.Place != "" {
			line += ", " + athlete.FirstLine(c.Place)
		}
		b.WriteString(line + "\n")
		if c.Why != "" {
			b.WriteString("      " + c.Why + "\n")
		}
	}
	io.WriteString(w, b.String())
}
