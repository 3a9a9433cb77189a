package cli

import (
	"context"
	"flag"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/coach"
	"rekindle/internal/locale"
	"rekindle/internal/plan"
)

func init() {
	commands["plan"] = command{"the coming days of your plan; plan add DAY KIND, edit ID, delete ID, feed, ics, export --fit DIR", runPlan}
}

const planUsage = `[add YYYY-MM-DD KIND | edit ID | delete ID | feed | ics | export --fit DIR]

  rekindle plan [--days 14] [--json]          the coming days (sessions from accepted spark ideas and your own)
  rekindle plan --week                        the next 7 days, rest days included, with the week's total
  rekindle plan add 2025-03-14 long --distance 18 --note "with Ana"
  rekindle plan add 2025-03-15 cross --sport yoga --minutes 60
  rekindle plan edit ID --day 2025-03-15 --kind long --distance 20   rewrite a session (its calendar UID stays)
  rekindle plan delete ID
  rekindle plan feed [--rotate | --revoke] [--url https://host]   the secret iCalendar feed URL of your plan
  rekindle plan ics [-o plan.ics]             the plan as a one-off iCalendar file (stdout without -o)
  rekindle plan export --fit DIR [--days 14]  each planned run as a FIT workout file for a watch
  rekindle plan add 2025-03-14 quality --distance 10 --as coach@example.org   a coach with edit_plan

Kinds: easy, long, quality, rest, race, cross. Accepting a spark idea that is
day by day (a light week, a taper, a longer long run, intervals) writes it here.`

func runPlan(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("plan", planUsage, env)
	db := dbFlag(fs, env)
	asJSON := fs.Bool("json", false, "print JSON: days with their sessions and the totals")
	week := fs.Bool("week", false, "the next 7 days, every day shown")
	ndays := fs.Int("days", 14, "how many days ahead to show")
	asOfFlag := fs.String("as-of", "", "show the plan from this day, YYYY-MM-DD (default today)")
	dist := fs.Float64("distance", 0, "add: distance in your unit (km or mi)")
	minutes := fs.Float64("minutes", 0, "add: duration in minutes")
	sport := fs.String("sport", "running", "add: the sport")
	note := fs.String("note", "", "add: a note")
	editDay := fs.String("day", "", "edit: the new day, YYYY-MM-DD (default unchanged)")
	editKind := fs.String("kind", "", "edit: the new kind (default unchanged)")
	rotate := fs.Bool("rotate", false, "feed: make a new secret URL (the old one stops working)")
	revoke := fs.Bool("revoke", false, "feed: turn the feed off (its URL answers 404)")
	baseURL := fs.String("url", "", "feed: the server's address, printed before the feed's path (e.g. https://run.example.org)")
	outFile := fs.String("o", "", "ics: write to this file instead of stdout")
	fitDir := fs.String("fit", "", "export: the folder to write FIT workout files into")
	as := fs.String("as", "", "add, delete: act as a coach (athlete id or account email) holding the edit_plan scope")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	asOf, err := parseAsOf(env, "plan", *asOfFlag)
	if err != nil {
		return err
	}
	if *ndays < 1 || *ndays > 366 {
		fmt.Fprintln(env.Stderr, "plan: --days wants 1–366")
		return errUsage
	}
	var o athlete.Options // --as-of replays any day
	if !asOf.IsZero() {
		o.Now = func() time.Time { return asOf }
	}
	app, ath, err := openAthleteWith(ctx, env, *db, o)
	if err != nil {
		return err
	}
	defer app.Close()
	if asOf.IsZero() {
		asOf = env.now().In(ath.Location())
	}
	ul := unitLen(ath.Unit)
	if *as != "" && len(pos) > 0 {
		coachID, err := findPerson(ctx, app, *as)
		if err != nil {
			return err
		}
		ok, err := app.CoachCan(ctx, ath.ID, coachID, coach.ScopeEditPlan)
		if err != nil {
			return err
		}
		if !ok {
			return rekindle.Errorf(rekindle.CodeForbidden, "that coach may not edit this plan (the athlete grants edit_plan with: rekindle coach invite --scopes edit_plan)")
		}
	}
	if len(pos) > 0 {
		switch pos[0] {
		case "feed", "ics", "export", "edit":
			set := map[string]bool{}
			fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
			return planReach(ctx, env, app, ath, asOf, pos, planReachOpts{rotate: *rotate, revoke: *revoke, url: *baseURL, out: *outFile, fitDir: *fitDir,
				days: *ndays, day: *editDay, kind: *editKind, dist: *dist * ul, minutes: *minutes, note: *note, sport: *sport, set: set})
		case "add":
			if len(pos) != 3 {
				fmt.Fprintln(env.Stderr, "plan add: want YYYY-MM-DD KIND")
				return errUsage
			}
			p, err := app.AddPlanned(ctx, ath.ID, athlete.PlanForm{Day: pos[1], Kind: pos[2], Sport: *sport, DistanceM: *dist * ul, DurationS: *minutes * 60, Note: *note})
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Planned %s on %s.\n", planLine(*p, ath.Unit), athlete.Dates(ath).Day(mustDay(p.Day)))
			return nil
		case "delete":
			id, err := idArg(env, "plan", pos)
			if err != nil {
				return err
			}
			if err := app.DeletePlanned(ctx, ath.ID, id); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, "Deleted.")
			return nil
		}
		fs.Usage()
		return errUsage
	}
	n := *ndays
	if *week {
		n = 7
	}
	from := asOf.Format(time.DateOnly)
	ss, err := app.PlannedFrom(ctx, ath.ID, asOf)
	if err != nil {
		return err
	}
	if !*week {
		// The whole of every accepted idea, as the web's plan page shows it.
		n = athlete.SpanDays(ss, asOf, n)
	}
	to := asOf.AddDate(0, 0, n-1).Format(time.DateOnly)
	// The first session after the view: Home's week names it (the same
	// rule as athlete.Week), so "nothing planned" never hides an idea whose
	// sessions start later (a race taper).
	var next *plan.Session
	if i := slices.IndexFunc(ss, func(p plan.Session) bool { return p.Day > to }); i >= 0 && *week {
		first := ss[i] // a copy: DeleteFunc below clears the slots it drops
		next = &first
	}
	ss = slices.DeleteFunc(ss, func(p plan.Session) bool { return p.Day > to })
	days := plan.Days(ss, asOf, n)
	tot := plan.Sum(ss)
	if *asJSON {
		if ss == nil {
			ss = []plan.Session{}
		}
		out := map[string]any{"from": from, "to": to, "days": days, "totals": tot}
		if next != nil {
			out["next"] = next
		}
		return writeJSON(env.Stdout, out)
	}
	if len(ss) == 0 {
		if next != nil {
			fmt.Fprintf(env.Stdout, "Nothing planned from %s to %s. Next in your plan: %s\n", from, to, plan.Describe(*next, ath.Unit, athlete.Dates(ath)))
			return nil
		}
		fmt.Fprintf(env.Stdout, "Nothing planned from %s to %s. Accept a spark idea (rekindle spark) or add a session: rekindle plan add %s easy --distance 8\n", from, to, from)
		return nil
	}
	var b strings.Builder
	lc := athlete.Dates(ath)
	width := 0
	for _, d := range days {
		width = max(width, utf8.RuneCountInString(dayHead(lc, d.Day, 0)))
	}
	for _, d := range days {
		if len(d.Sessions) == 0 {
			if *week {
				fmt.Fprintf(&b, "%s  —\n", dayHead(lc, d.Day, width))
			}
			continue
		}
		for i, x := range d.Sessions {
			head := dayHead(lc, d.Day, width)
			if i > 0 {
				head = strings.Repeat(" ", width)
			}
			fmt.Fprintf(&b, "%s  %s   [id %d]\n", head, planLine(x, ath.Unit), x.ID)
		}
	}
	fmt.Fprintf(&b, "\nTotal: %s of running in %d sessions, %d rest days", showDist(ath.Unit, tot.RunDistanceM), tot.Sessions, tot.RestDays)
	if tot.DurationS > 0 {
		fmt.Fprintf(&b, ", %d min planned by time", int(math.Round(tot.DurationS/60)))
	}
	b.WriteString("\n")
	_, err = fmt.Fprint(env.Stdout, b.String())
	return err
}

// planLine is one session for a terminal under its day, the words of the
// idea's card and the plan page (plan.Line): "8.0 km easy — light week",
// "18:30: barre, 50 min at Studio Azur".
func planLine(p plan.Session, u rekindle.Unit) string { return plan.Line(p, u) }

// dayHead is a plan line's day as the athlete reads dates, padded to width
// characters.
func dayHead(lc locale.Locale, day string, width int) string {
	h := lc.Day(mustDay(day))
	if n := utf8.RuneCountInString(h); n < width {
		h += strings.Repeat(" ", width-n)
	}
	return h
}

// mustDay reads a plan's YYYY-MM-DD day (always valid in a stored plan).
func mustDay(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}
