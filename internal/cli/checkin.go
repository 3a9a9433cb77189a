package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math"
	"rekindle/internal/units"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/spark"
	"rekindle/internal/store"
)

func init() {
	commands["checkin"] = command{"how a run felt (enjoyment, effort); checkin spark for the spark check", runCheckIn}
}

const checkInUsage = `

  rekindle checkin --activity last --enjoyment 4 --rpe 6 [--note ..] [--companions N] [--surface road]
  rekindle checkin list [--json]
  rekindle checkin edit ID [--enjoyment N] [--rpe N] [--note ..] [--companions N] [--surface ..]
  rekindle checkin delete ID
  rekindle checkin spark [--answers drained=3,heavy=2,…] [--note ..]   the spark check (asks when no answers)
  rekindle checkin spark list [--json]`

// checkInFlags are the flags of a check-in.
type checkInFlags struct {
	activity   *string
	enjoyment  *int
	rpe        *float64
	note       *string
	companions *int
	surface    *string
	at         *string
}

func addCheckInFlags(fs *flag.FlagSet) checkInFlags {
	return checkInFlags{
		activity:   fs.String("activity", "", "the activity: its id, or 'last' for your latest run (default: none)"),
		enjoyment:  fs.Int("enjoyment", 0, "how much you enjoyed it, 1 (not at all) to 5 (loved it)"),
		rpe:        fs.Float64("rpe", -1, "how hard it felt, 0 (rest) to 10 (maximal)"),
		note:       fs.String("note", "", "a note"),
		companions: fs.Int("companions", rekindle.CompanionsUnknown, "how many people you ran with (0: alone; default: not said)"),
		surface:    fs.String("surface", "", "road, trail, track, treadmill or mixed"),
		at:         fs.String("at", "", "when, YYYY-MM-DD or YYYY-MM-DDTHH:MM in your time zone (default: the activity's end, else now)"),
	}
}

func runCheckIn(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "list":
			return runCheckInList(ctx, env, args[1:])
		case "edit":
			return runCheckInEdit(ctx, env, args[1:])
		case "delete":
			return runCheckInDelete(ctx, env, args[1:])
		case "spark":
			return runSparkCheck(ctx, env, args[1:])
		}
	}
	fs := newFlagSet("checkin", checkInUsage, env)
	db := dbFlag(fs, env)
	f := addCheckInFlags(fs)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *f.enjoyment < 1 || *f.enjoyment > 5 {
		fmt.Fprintln(env.Stderr, "checkin: --enjoyment wants 1–5")
		return errUsage
	}
	app, ath, err := openAthlete(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	c := store.CheckIn{CheckIn: rekindle.CheckIn{AthleteID: ath.ID, At: env.now().UTC(), Enjoyment: *f.enjoyment, RPE: rpeIn(*f.rpe),
		Note: *f.note, Companions: *f.companions, Surface: *f.surface}}
	var act *rekindle.Activity
	if *f.activity != "" {
		if act, err = findActivity(ctx, app, ath.ID, *f.activity); err != nil {
			return err
		}
		c.ActivityID = act.ID
		c.At = act.Start.Add(time.Duration(math.Max(act.Summary.ElapsedS, act.Summary.MovingS) * float64(time.Second))).UTC()
	}
	if *f.at != "" {
		if c.At, err = parseLocalTime(*f.at, ath.Location()); err != nil {
			fmt.Fprintf(env.Stderr, "checkin: --at: %v\n", err)
			return errUsage
		}
	}
	if err := app.SaveCheckIn(ctx, &c); err != nil {
		return err
	}
	what := "a check-in"
	if act != nil {
		what = fmt.Sprintf("a check-in for %s %s", athlete.Dates(ath).DayShortTime(act.Start.In(ath.Location())), activityLabel(act, ath.Unit))
	}
	fmt.Fprintf(env.Stdout, "Saved %s (id %d): enjoyment %d/5", what, c.ID, c.Enjoyment)
	if !math.IsNaN(c.RPE) {
		fmt.Fprintf(env.Stdout, ", effort %g/10", c.RPE)
	}
	fmt.Fprintln(env.Stdout)
	return nil
}

func activityLabel(a *rekindle.Activity, u rekindle.Unit) string {
	name := a.Name
	if name == "" {
		name = string(a.Sport)
	}
	return fmt.Sprintf("%q (%s)", name, units.Show(a.Summary.DistanceM, u))
}

func rpeIn(v float64) float64 {
	if v < 0 {
		return math.NaN()
	}
	return v
}

// findActivity resolves an id or "last" (the latest run).
func findActivity(ctx context.Context, app *athlete.App, athleteID int64, ref string) (*rekindle.Activity, error) {
	if ref == "last" {
		list, err := app.ActivityRecords(ctx, athleteID, store.ActivityFilter{Newest: true, Limit: 50})
		if err != nil {
			return nil, err
		}
		for _, a := range list {
			if a.Sport.IsRun() {
				return a, nil
			}
		}
		return nil, rekindle.Errorf(rekindle.CodeNotFound, "no run stored yet: import one first")
	}
	id, err := strconv.ParseInt(ref, 10, 64)
	if err != nil {
		return nil, rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("--activity %q: want an id or 'last'", ref))
	}
	list, err := app.ActivityRecords(ctx, athleteID, store.ActivityFilter{})
	if err != nil {
		return nil, err
	}
	for _, a := range list {
		if a.ID == id {
			return a, nil
		}
	}
	return nil, fmt.Errorf("activity %d: %w", id, rekindle.ErrNotFound)
}

// parseLocalTime reads YYYY-MM-DD or YYYY-MM-DDTHH:MM in loc.
func parseLocalTime(v string, loc *time.Location) (time.Time, error) {
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02 15:04", time.DateOnly} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			if layout == time.DateOnly {
				t = t.Add(12 * time.Hour)
			}
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("want YYYY-MM-DD or YYYY-MM-DDTHH:MM, got %q", v)
}

func runCheckInList(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("checkin list", "", env)
	db := dbFlag(fs, env)
	asJSON := fs.Bool("json", false, "print JSON")
	_, app, ath, err := parseOpen(ctx, env, fs, args, db)
	if err != nil {
		return err
	}
	defer app.Close()
	list, err := app.CheckIns(ctx, ath.ID, time.Time{}, time.Time{})
	if err != nil {
		return err
	}
	if *asJSON {
		type row struct {
			ID         int64    `json:"id"`
			ActivityID int64    `json:"activity_id"`
			At         string   `json:"at"`
			Enjoyment  int      `json:"enjoyment"`
			RPE        *float64 `json:"rpe"`
			Note       string   `json:"note"`
			Companions *int     `json:"companions"` // null: not said
			Surface    string   `json:"surface"`
		}
		out := []row{}
		for _, c := range list {
			r := row{c.ID, c.ActivityID, c.At.Format(time.RFC3339), c.Enjoyment, nil, c.Note, nil, c.Surface}
			if c.Companions >= 0 {
				n := c.Companions
				r.Companions = &n
			}
			if !math.IsNaN(c.RPE) {
				v := c.RPE
				r.RPE = &v
			}
			out = append(out, r)
		}
		return writeJSON(env.Stdout, out)
	}
	if len(list) == 0 {
		fmt.Fprintln(env.Stdout, "No check-ins yet: rekindle checkin --activity last --enjoyment N --rpe N")
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tWHEN\tACTIVITY\tENJOY\tRPE\tWITH\tSURFACE\tNOTE")
	for _, c := range list {
		rpe := "-"
		if !math.IsNaN(c.RPE) {
			rpe = strconv.FormatFloat(c.RPE, 'g', -1, 64)
		}
		act := "-"
		if c.ActivityID != 0 {
			act = strconv.FormatInt(c.ActivityID, 10)
		}
		with := "-"
		if c.Companions >= 0 {
			with = strconv.Itoa(c.Companions)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n", c.ID, c.At.In(ath.Location()).Format("2006-01-02 15:04"), act, c.Enjoyment, rpe, with, c.Surface, c.Note)
	}
	return tw.Flush()
}

func runCheckInEdit(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("checkin edit", "ID", env)
	db := dbFlag(fs, env)
	f := addCheckInFlags(fs)
	id, err := oneID(fs, args)
	if err != nil {
		return err
	}
	app, ath, err := openAthlete(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	c, err := app.CheckInByID(ctx, ath.ID, id)
	if err != nil {
		return err
	}
	var perr error
	fs.Visit(func(fl *flag.Flag) {
		switch fl.Name {
		case "enjoyment":
			c.Enjoyment = *f.enjoyment
		case "rpe":
			c.RPE = rpeIn(*f.rpe)
		case "note":
			c.Note = *f.note
		case "companions":
			c.Companions = *f.companions
		case "surface":
			c.Surface = *f.surface
		case "at":
			c.At, perr = parseLocalTime(*f.at, ath.Location())
		case "activity":
			var a *rekindle.Activity
			if a, perr = findActivity(ctx, app, ath.ID, *f.activity); perr == nil {
				c.ActivityID = a.ID
			}
		}
	})
	if perr != nil {
		return perr
	}
	if err := app.SaveCheckIn(ctx, &c); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Updated check-in %d.\n", c.ID)
	return nil
}

func runCheckInDelete(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("checkin delete", "ID", env)
	db := dbFlag(fs, env)
	id, err := oneID(fs, args)
	if err != nil {
		return err
	}
	app, ath, err := openAthlete(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	if err := app.DeleteCheckIn(ctx, ath.ID, id); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Deleted check-in %d.\n", id)
	return nil
}

func runSparkCheck(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 && args[0] == "list" {
		return runSparkCheckList(ctx, env, args[1:])
	}
	fs := newFlagSet("checkin spark", "", env)
	db := dbFlag(fs, env)
	answersFlag := fs.String("answers", "", "answers as id=N pairs, 1–5 each ("+questionIDs()+"); asked one by one when empty")
	note := fs.String("note", "", "a note")
	at := fs.String("at", "", "when, YYYY-MM-DD or YYYY-MM-DDTHH:MM (default: now)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	answers := map[string]int{}
	if *answersFlag != "" {
		for _, p := range splitList(*answersFlag) {
			k, v, ok := strings.Cut(p, "=")
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if !ok || err != nil {
				fmt.Fprintf(env.Stderr, "checkin spark: --answers: %q is not id=N\n", p)
				return errUsage
			}
			answers[strings.TrimSpace(k)] = n
		}
	} else {
		fmt.Fprintf(env.Stdout, "Spark check: how true is each of these for you lately?\n(%s)\n\n", spark.AnswerScale)
		sc := bufio.NewScanner(env.Stdin)
		for _, q := range spark.SparkCheckQuestions {
			for {
				fmt.Fprintf(env.Stdout, "%s\n> ", q.Text)
				if !sc.Scan() {
					fmt.Fprintln(env.Stdout)
					return rekindle.Errorf(rekindle.CodeInvalid, "spark check: not all questions answered")
				}
				n, err := strconv.Atoi(strings.TrimSpace(sc.Text()))
				if err == nil && n >= 1 && n <= 5 {
					answers[q.ID] = n
					break
				}
				fmt.Fprintln(env.Stdout, "Please answer 1 to 5.")
			}
		}
	}
	ex, li, st, err := spark.ScoreSparkCheck(answers)
	if err != nil {
		fmt.Fprintf(env.Stderr, "checkin %v\n", err)
		return errUsage
	}
	app, ath, err := openAthlete(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	c := store.SparkCheck{SparkCheck: rekindle.SparkCheck{AthleteID: ath.ID, At: env.now().UTC(), Exhaustion: ex, LostInterest: li, Stagnation: st, Note: *note}, Answers: answers}
	if *at != "" {
		if c.At, err = parseLocalTime(*at, ath.Location()); err != nil {
			fmt.Fprintf(env.Stderr, "checkin spark: --at: %v\n", err)
			return errUsage
		}
	}
	if err := app.RecordSparkCheck(ctx, &c); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "\nSaved (id %d). Exhaustion %.1f, losing interest %.1f, not getting anywhere %.1f (1 is best, 5 worst).\n", c.ID, ex, li, st)
	return nil
}

func questionIDs() string {
	var ids []string
	for _, q := range spark.SparkCheckQuestions {
		ids = append(ids, q.ID)
	}
	return strings.Join(ids, ", ")
}

func runSparkCheckList(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("checkin spark list", "", env)
	db := dbFlag(fs, env)
	asJSON := fs.Bool("json", false, "print JSON")
	_, app, ath, err := parseOpen(ctx, env, fs, args, db)
	if err != nil {
		return err
	}
	defer app.Close()
	list, err := app.SparkCheckRecords(ctx, ath.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		type row struct {
			ID           int64          `json:"id"`
			At           string         `json:"at"`
			Exhaustion   float64        `json:"exhaustion"`
			LostInterest float64        `json:"lost_interest"`
			Stagnation   float64        `json:"stagnation"`
			Answers      map[string]int `json:"answers,omitempty"`
			Note         string         `json:"note"`
		}
		out := []row{}
		for _, c := range list {
			out = append(out, row{c.ID, c.At.Format(time.RFC3339), c.Exhaustion, c.LostInterest, c.Stagnation, c.Answers, c.Note})
		}
		return writeJSON(env.Stdout, out)
	}
	if len(list) == 0 {
		fmt.Fprintln(env.Stdout, "No spark checks yet: rekindle checkin spark")
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tWHEN\tEXHAUSTION\tLOSING INTEREST\tNOT GETTING ANYWHERE\tNOTE")
	for _, c := range list {
		fmt.Fprintf(tw, "%d\t%s\t%.1f\t%.1f\t%.1f\t%s\n", c.ID, c.At.In(ath.Location()).Format("2006-01-02"), c.Exhaustion, c.LostInterest, c.Stagnation, c.Note)
	}
	return tw.Flush()
}
