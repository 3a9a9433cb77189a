package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/ingest"
	"rekindle/internal/store"
)

const activityEditUsage = `Usage: rekindle activity edit ID [--sport SPORT] [--name NAME] [--race | --no-race | --race-auto]
                                 [--restore | --set-aside | --set-aside-auto]
       rekindle activity edit --where-sport SPORT [--where-source SOURCE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] --sport SPORT`

// runActivityEdit changes one activity (sport, name, the race mark) or the
// sport of many at once; what the runner sets here import and reprocess
// never change back.
func runActivityEdit(ctx context.Context, env *Env, args []string) error {
	fs := newTextFlagSet("activity edit", activityEditUsage, env)
	db := dbFlag(fs, env)
	sport := fs.String("sport", "", "set the sport (a key: "+sportKeys()+")")
	name := fs.String("name", "", "set the name")
	race := fs.Bool("race", false, "mark it as a race")
	noRace := fs.Bool("no-race", false, "mark it as not a race, whatever it looks like")
	raceAuto := fs.Bool("race-auto", false, "forget the race mark: rekindle recognises races again")
	restore := fs.Bool("restore", false, "count it, whatever overlaps it (an activity set aside as overlapping another: the other is set aside instead)")
	setAside := fs.Bool("set-aside", false, "set it aside: the analyses leave it out (it stays stored and listed)")
	asideAuto := fs.Bool("set-aside-auto", false, "forget your mark: the overlap rule decides again what counts")
	whereSport := fs.String("where-sport", "", "bulk: change every activity of this sport (e.g. other)")
	whereSource := fs.String("where-source", "", "bulk: only those whose sport was decided this way (file, inferred:speed, inferred:name, user)")
	from := fs.String("from", "", "bulk: from this day (YYYY-MM-DD, athlete's time zone)")
	to := fs.String("to", "", "bulk: up to and including this day")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *sport != "" && !rekindle.Sport(*sport).Known() {
		return fmt.Errorf("activity edit: unknown sport %q (one of %s)", *sport, sportKeys())
	}
	app, ath, err := openAthlete(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	if set["where-sport"] || set["where-source"] {
		if len(pos) != 0 || *sport == "" || set["name"] || *race || *noRace || *raceAuto || *restore || *setAside || *asideAuto {
			fs.Usage()
			return errUsage
		}
		f := store.BulkSportFilter{Sport: rekindle.Sport(*whereSport), SportSource: *whereSource}
		if f.From, err = dayStart(*from, ath.Location(), 0); err != nil {
			return fmt.Errorf("activity edit: --from: %w", err)
		}
		if f.To, err = dayStart(*to, ath.Location(), 1); err != nil {
			return fmt.Errorf("activity edit: --to: %w", err)
		}
		n, err := app.SetSportWhere(ctx, ath.ID, f, rekindle.Sport(*sport))
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "%d activit%s set to %s\n", n, map[bool]string{true: "y", false: "ies"}[n == 1], *sport)
		return nil
	}
	if len(pos) != 1 || set["from"] || set["to"] {
		fs.Usage()
		return errUsage
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		fs.Usage()
		return errUsage
	}
	// The application layer writes only what differs from the stored
	// activity; a run of flags that changes nothing prints it unchanged.
	var f athlete.ActivityEditForm
	if *sport != "" {
		f.Sport = rekindle.Sport(*sport)
	}
	if set["name"] {
		f.Name = name
	}
	if f.Race, err = yesNoAuto("race", "no-race", "race-auto", *race, *noRace, *raceAuto); err != nil {
		return err
	}
	if f.Count, err = yesNoAuto("restore", "set-aside", "set-aside-auto", *restore, *setAside, *asideAuto); err != nil {
		return err
	}
	if f.Sport == "" && f.Name == nil && f.Race == "" && f.Count == "" {
		fs.Usage()
		return errUsage
	}
	if err := app.EditActivity(ctx, ath, id, f); err != nil {
		return err
	}
	a, err := app.ActivityRecord(ctx, ath.ID, id)
	if err != nil {
		return err
	}
	counts := ""
	if w := countWords(a); w != "counts" {
		counts = ", " + w
	}
	fmt.Fprintf(env.Stdout, "#%d %s — %s, %s%s\n", a.ID, a.DisplayName(ath.Location()), a.Sport, raceWords(a.RaceOverride), counts)
	return nil
}

// countWords says whether the analyses count an activity, and why.
func countWords(a *rekindle.Activity) string {
	switch {
	case a.SetAside && a.CountOverride != nil:
		return "set aside (by you)"
	case ingest.NoRunSpeed(a) != "":
		return "set aside: not a run, " + ingest.NoRunSpeed(a) + " (--sport cycling if it was a ride, --restore counts it)"
	case a.SetAside:
		return fmt.Sprintf("set aside: overlaps #%d, kept as the real one (--restore counts this one instead)", a.SetAsideFor)
	case a.CountOverride != nil:
		return "counts (restored by you)"
	}
	return "counts"
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func raceWords(r *bool) string {
	switch {
	case r == nil:
		return "race: recognised automatically"
	case *r:
		return "race: yes (marked by you)"
	}
	return "race: no (marked by you)"
}

func sportKeys() string {
	k := make([]string, len(rekindle.Sports))
	for i, s := range rekindle.Sports {
		k[i] = string(s)
	}
	return strings.Join(k, ", ")
}

// dayStart parses YYYY-MM-DD in loc and returns the start of that day plus
// addDays; "" gives the zero time.
func dayStart(s string, loc *time.Location, addDays int) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	d, err := time.ParseInLocation("2006-01-02", s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("want YYYY-MM-DD, got %q", s)
	}
	return d.AddDate(0, 0, addDays), nil
}

// yesNoAuto reads three exclusive flags (named yes, no and auto) as "yes",
// "no" or "auto", "" when none is given.
func yesNoAuto(yes, no, auto string, y, n, a bool) (string, error) {
	switch {
	case btoi(y)+btoi(n)+btoi(a) > 1:
		return "", fmt.Errorf("activity edit: give one of --%s, --%s, --%s", yes, no, auto)
	case y:
		return "yes", nil
	case n:
		return "no", nil
	case a:
		return "auto", nil
	}
	return "", nil
}
