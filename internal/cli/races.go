package cli

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"rekindle/internal/athlete"
	"rekindle/internal/units"
	"strconv"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/calendar"
	"rekindle/internal/race"
	"rekindle/internal/store"
)

func init() {
	commands["races"] = command{"races 2–4 weeks out with predicted times and a taper; races import FILE.ics|FILE.csv", runRaces}
}

const racesUsage = `[import FILE.ics|FILE.csv | feeds]

  rekindle races                       races 2–4 weeks out by date, with predicted times,
                                       and the taper for the one rekindle would pick
  rekindle races import FILE [--name N] add or replace a race calendar (iCalendar or CSV with a
                                       header row: date,name,distance,place,lat,lon,url)
  rekindle races feeds                 the race calendars and class schedules imported`

func runRaces(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("races", racesUsage, env)
	db := dbFlag(fs, env)
	name := fs.String("name", "", "import: the calendar's name (default: its X-WR-CALNAME or file name); re-importing a name replaces it")
	asOfFlag := fs.String("as-of", "", "the day to search from, YYYY-MM-DD (default: today in the athlete's time zone)")
	fromFlag := fs.String("from", "", "first race day, YYYY-MM-DD (default: as-of + 14 days)")
	toFlag := fs.String("to", "", "last race day, YYYY-MM-DD (default: as-of + 28 days)")
	distFlag := fs.String("distance", "", "distances wanted, e.g. 5k,10k,half,marathon,10mi (default: any)")
	radiusFlag := fs.String("radius", "", "only races within this distance of home, e.g. 30km or 20mi (races without a position are kept, listed last)")
	asJSON := fs.Bool("json", false, "print JSON: as_of, from, to, vdot, races, pick, taper")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		switch rest[0] {
		case "import":
			if len(rest) != 2 {
				fmt.Fprintln(env.Stderr, "races import: want one FILE.ics or FILE.csv")
				return errUsage
			}
			return importCalendar(ctx, env, *db, store.CalendarRaces, rest[1], *name, *asJSON)
		case "feeds":
			return listFeeds(ctx, env, *db, *asJSON)
		default:
			fs.Usage()
			return errUsage
		}
	}
	asOf, ok := parseDay(env, "races", "--as-of", *asOfFlag)
	from, ok2 := parseDay(env, "races", "--from", *fromFlag)
	to, ok3 := parseDay(env, "races", "--to", *toFlag)
	if !ok || !ok2 || !ok3 {
		return errUsage
	}
	dists, err := race.ParseDistanceList(*distFlag)
	if err != nil {
		fmt.Fprintf(env.Stderr, "races: --distance: %v\n", err)
		return errUsage
	}
	radius, err := parseRadius(*radiusFlag)
	if err != nil {
		fmt.Fprintf(env.Stderr, "races: --radius: %v\n", err)
		return errUsage
	}

	app, rn, err := openRunner(ctx, env, *db, asOf)
	if err != nil {
		return err
	}
	defer app.Close()
	q := rn.Query()
	q.Distances, q.RadiusM = dists, radius
	if !from.IsZero() {
		q.From = athlete.InZone(from, rn.Loc)
	}
	if !to.IsZero() {
		q.To = athlete.InZone(to, rn.Loc).AddDate(0, 0, 1)
	}
	wFrom, wTo := q.Window()
	if !wTo.After(wFrom) {
		fmt.Fprintln(env.Stderr, "races: --to is before --from")
		return errUsage
	}
	races, err := rn.Races(ctx, q)
	if err != nil {
		return err
	}
	pick := race.Pick(races)
	var taper *race.Taper
	if pick != nil {
		t := race.PlanTaper(pick, &rn.Pattern, rn.Loc, rn.Unit, rn.Dates)
		taper = &t
	}
	if *asJSON {
		out := map[string]any{"as_of": rn.Day.Format(time.DateOnly), "from": wFrom.Format(time.DateOnly), "to": wTo.AddDate(0, 0, -1).Format(time.DateOnly),
			"vdot": athlete.Round1(rn.Fitness.VDOT), "races": nonNil(races), "pick": nil, "taper": taper}
		if pick != nil {
			out["pick"] = pick.Name
		}
		return writeJSON(env.Stdout, out)
	}
	writeRaces(env.Stdout, rn, races, pick, taper, wFrom, wTo)
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func writeRaces(w io.Writer, rn *athlete.Runner, races []race.Race, pick *race.Race, taper *race.Taper, from, to time.Time) {
	var b strings.Builder
	fmt.Fprintf(&b, "Races from %s to %s", rn.Dates.DayShort(from), rn.Dates.Day(to.AddDate(0, 0, -1)))
	if rn.Fitness.VDOT > 0 {
		fmt.Fprintf(&b, " (predicted from your VDOT %.1f)", rn.Fitness.VDOT)
	}
	b.WriteString(":\n")
	if len(races) == 0 {
		b.WriteString("  none. Import a race calendar: rekindle races import FILE.ics|FILE.csv\n")
		io.WriteString(w, b.String())
		return
	}
	for _, r := range races {
		when := rn.Dates.DayShortTime(r.Start.In(rn.Loc))
		if r.AllDay {
			when = rn.Dates.DayShort(r.Start.In(rn.Loc)) + "      "
		}
		line := fmt.Sprintf("  %s  %s", when, r.Name)
		if !strings.Contains(strings.ToLower(r.Name), strings.ToLower(r.Distance)) {
			line += " (" + r.Distance + ")"
		}
		if r.FromHomeM >= 0 {
			line += ", " + distText(r.FromHomeM, rn.Unit) + " from home"
		}
		if r.Place != "" {
			line += ", " + athlete.FirstLine(r.Place)
		}
		if r.PredictedS > 0 {
			line += ": predicted " + units.ClockOr(r.PredictedS, "–")
			if r.RiegelS > 0 {
				line += " (Riegel " + units.ClockOr(r.RiegelS, "–") + ")"
			}
		}
		b.WriteString(line + "\n")
	}
	if pick != nil && taper != nil {
		fmt.Fprintf(&b, "\nIf you enter %s, the week before:\n", pick.Name)
		for _, l := range taper.Lines(rn.Unit) {
			b.WriteString("  " + l + "\n")
		}
	}
	io.WriteString(w, b.String())
}

func distText(m float64, u rekindle.Unit) string {
	return units.Show(m, u)
}

// parseDay reads an optional YYYY-MM-DD flag (zero when empty).
func parseDay(env *Env, cmd, flagName, v string) (time.Time, bool) {
	if v == "" {
		return time.Time{}, true
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		fmt.Fprintf(env.Stderr, "%s: %s wants YYYY-MM-DD, got %q\n", cmd, flagName, v)
		return time.Time{}, false
	}
	return t, true
}

// parseRadius reads "30km", "20 mi", "5000m" or a bare number of km.
func parseRadius(s string) (float64, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return 0, nil
	}
	mult := 1000.0
	for _, u := range []struct {
		suffix string
		m      float64
	}{{"km", 1000}, {"mi", race.Mile}, {"m", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.m
			break
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 || v > 20000 || math.IsNaN(v) {
		return 0, fmt.Errorf("want a distance like 30km or 20mi")
	}
	return v * mult, nil
}

// importCalendar reads FILE and stores it as the athlete's feed of kind.
func importCalendar(ctx context.Context, env *Env, db, kind, file, name string, asJSON bool) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	app, ath, err := openAthlete(ctx, env, db)
	if err != nil {
		return err
	}
	defer app.Close()
	base := filepath.Base(file)
	cal, err := calendar.Parse(f, base, ath.Location())
	if err != nil {
		return fmt.Errorf("import %s: %w", file, err)
	}
	for _, w := range cal.Warnings {
		fmt.Fprintln(env.Stderr, "rekindle:", w)
	}
	if kind == store.CalendarClasses {
		for i := range cal.Events {
			if _, ok := race.SportOf(&cal.Events[i]); !ok {
				fmt.Fprintf(env.Stderr, "rekindle: %s:%d: %q is not a class rekindle knows (yoga, spin, barre, pilates, aqua jogging, strength, swim, rowing); kept, never suggested\n",
					base, cal.Events[i].Line, cal.Events[i].Summary)
			}
		}
	}
	if name == "" {
		name = cal.Name
	}
	if name == "" {
		name = strings.TrimSuffix(base, filepath.Ext(base))
	}
	if len(cal.Events) == 0 {
		return rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("import %s: no events in it", file))
	}
	feed, err := app.SaveCalendar(ctx, ath.ID, kind, name, base, cal.Events)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(env.Stdout, map[string]any{"feed": feed, "skipped": len(cal.Warnings)})
	}
	what := "races"
	if kind == store.CalendarClasses {
		what = "classes"
	}
	fmt.Fprintf(env.Stdout, "Imported %d %s from %s as %q (%d lines skipped or odd).\n", len(cal.Events), what, base, feed.Name, len(cal.Warnings))
	return nil
}

func listFeeds(ctx context.Context, env *Env, db string, asJSON bool) error {
	app, ath, err := openAthlete(ctx, env, db)
	if err != nil {
		return err
	}
	defer app.Close()
	feeds, err := app.CalendarFeeds(ctx, ath.ID)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(env.Stdout, nonNil(feeds))
	}
	if len(feeds) == 0 {
		fmt.Fprintln(env.Stdout, "No calendars yet: rekindle races import FILE.ics|FILE.csv, rekindle classes import FILE.ics")
	}
	for _, f := range feeds {
		fmt.Fprintf(env.Stdout, "%-8s %-30s %5d events  from %s, %s\n", f.Kind, f.Name, f.Events, f.SourceName, athlete.Dates(ath).Date(f.ImportedAt.In(ath.Location()))+" "+f.ImportedAt.In(ath.Location()).Format("15:04"))
	}
	return nil
}
