package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/plan"
	"rekindle/internal/spark"
	"rekindle/internal/store"
)

func init() {
	commands["spark"] = command{"why running went stale and what to try next; spark accept|dismiss|snooze|abandon ID", runSpark}
}

const sparkUsage = `[accept|dismiss|snooze ID | abandon EXPERIMENT]

  rekindle spark                 the diagnosis and ranked ideas for today
  rekindle spark accept ID       try an idea: rekindle watches the next --window days
  rekindle spark dismiss ID      "not for me": the idea stays away
  rekindle spark snooze ID       ask again in --days days
  rekindle spark abandon N        give up experiment N: its sessions from today leave the plan
  rekindle spark experiments     what you tried and how it went`

func runSpark(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("spark", sparkUsage, env)
	db := dbFlag(fs, env)
	asOfFlag := fs.String("as-of", "", "the day to evaluate, YYYY-MM-DD (default: today in the athlete's time zone)")
	asJSON := fs.Bool("json", false, "print JSON: as_of, spark_score, signals, diagnoses, recommendations")
	window := fs.Int("window", spark.DefaultWindowDays, "accept: days to watch before judging the idea")
	days := fs.Int("days", spark.DefaultSnoozeDays, "snooze: days before the idea may come back")
	routes := fs.Bool("routes", true, "group the runs into routes (reads the tracks of runs not grouped yet once); false: no route groups at all")
	// Flags may follow the action too (spark experiments --as-of DAY).
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	asOf, err := parseAsOf(env, "spark", *asOfFlag)
	if err != nil {
		return err
	}
	action := ""
	if len(rest) > 0 {
		action = rest[0]
	}
	switch action {
	case "", "experiments":
		if len(rest) > 1 {
			fs.Usage()
			return errUsage
		}
	case "abandon":
		if len(rest) != 2 {
			fmt.Fprintln(env.Stderr, "spark abandon: want one experiment id (see rekindle spark experiments)")
			return errUsage
		}
	case "accept", "dismiss", "snooze":
		if len(rest) != 2 {
			fmt.Fprintf(env.Stderr, "spark %s: want one recommendation id (see rekindle spark)\n", action)
			return errUsage
		}
		if *window < 1 || *window > 365 || *days < 1 || *days > 365 {
			fmt.Fprintln(env.Stderr, "spark: --window and --days want 1–365")
			return errUsage
		}
	default:
		fs.Usage()
		return errUsage
	}

	app, ath, err := openAthleteWith(ctx, env, *db, athlete.Options{NoRoutes: !*routes})
	if err != nil {
		return err
	}
	defer app.Close()
	live := asOf.IsZero()
	now := env.now()
	// Decisions are made at the moment named: now, or the end of the
	// replayed day (so that the whole day counts).
	at := now.UTC()
	// The report is the home page's for that day (App.Spark, at its noon).
	if live {
		asOf = athlete.DayAsOf(now, ath.Location())
	} else {
		at = time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 23, 59, 0, 0, ath.Location()).UTC()
		asOf = time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 12, 0, 0, 0, ath.Location())
	}
	if action == "abandon" {
		id, err := strconv.ParseInt(rest[1], 10, 64)
		if err != nil {
			fmt.Fprintf(env.Stderr, "spark abandon: %q is not an experiment id (see rekindle spark experiments)\n", rest[1])
			return errUsage
		}
		res, err := app.AbandonExperiment(ctx, ath, id, at)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, res)
		}
		fmt.Fprintf(env.Stdout, "Gave up %q: %d planned sessions from %s removed; recorded as abandoned.\n", res.Title, res.Removed, res.From)
		return nil
	}
	// What the runner is shown is recorded (stock ideas rotate by it); the
	// other actions read the same report without showing it.
	evaluate := app.SparkReport
	if action == "" {
		evaluate = app.Spark
	}
	rep, err := evaluate(ctx, ath, asOf)
	if err != nil {
		return err
	}
	stored, err := app.ExperimentRecords(ctx, ath.ID)
	if err != nil {
		return err
	}
	if live {
		if err := app.SaveOutcomes(ctx, ath.ID, rep, stored, now); err != nil {
			return err
		}
	}

	switch action {
	case "":
		if *asJSON {
			return writeJSON(env.Stdout, rep)
		}
		writeSpark(env.Stdout, rep, ath, dbHint(fs))
		return nil
	case "experiments":
		if *asJSON {
			return writeJSON(env.Stdout, experimentsJSON(rep, stored))
		}
		writeExperiments(env.Stdout, rep, stored)
		return nil
	}
	id := rest[1]
	var rec *spark.Recommendation
	for i := range rep.Recommendations {
		if rep.Recommendations[i].ID == id {
			rec = &rep.Recommendations[i]
		}
	}
	if rec == nil {
		return rekindle.Errorf(rekindle.CodeNotFound, fmt.Sprintf("no idea %q on offer for %s; run 'rekindle spark' to see the ideas", id, rep.AsOf))
	}
	e := store.Experiment{AthleteID: ath.ID, RecID: rec.ID, Strategy: rec.Strategy, Title: rec.Title, At: at}
	switch action {
	case "accept":
		e.State, e.WindowDays = store.ExperimentAccepted, rec.WatchDays(at, ath.Location(), *window)
	case "dismiss":
		e.State = store.ExperimentDismissed
	case "snooze":
		e.State, e.Until = store.ExperimentSnoozed, at.AddDate(0, 0, *days)
	}
	if err := app.SaveExperiment(ctx, &e); err != nil {
		return err
	}
	planned, err := app.WriteIdeaPlan(ctx, ath.ID, e, rec)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.Stdout, map[string]any{"id": e.ID, "recommendation_id": e.RecID, "strategy": e.Strategy, "state": e.State,
			"at": e.At.Format(time.RFC3339), "window_days": e.WindowDays, "until": timeOrEmpty(e.Until), "planned": planned})
	}
	switch action {
	case "accept":
		fmt.Fprintf(env.Stdout, "Trying %q (%s). rekindle will look at your enjoyment, runs per week and spark checks on %s and tell you whether it worked.\n",
			rec.Title, rec.Strategy, athlete.Dates(ath).DayShort(at.In(ath.Location()).AddDate(0, 0, e.WindowDays)))
		fmt.Fprintf(env.Stdout, "Check in after your runs: rekindle checkin%s --activity last --enjoyment N --rpe N\n", dbHint(fs))
		if len(planned) > 0 {
			fmt.Fprintf(env.Stdout, "Written into your plan (rekindle plan%s; give it up with: rekindle spark abandon%s %d):\n", dbHint(fs), dbHint(fs), e.ID)
			for _, p := range planned {
				fmt.Fprintf(env.Stdout, "  %s\n", plan.Describe(p, ath.Unit, athlete.Dates(ath)))
			}
		}
	case "dismiss":
		fmt.Fprintf(env.Stdout, "Noted: %q is not for you. It will not be offered again for six months.\n", rec.Title)
	case "snooze":
		fmt.Fprintf(env.Stdout, "Snoozed %q until %s.\n", rec.Title, athlete.Dates(ath).DayShort(e.Until.In(ath.Location())))
	}
	return nil
}

func timeOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func experimentsJSON(rep *spark.Report, stored []store.Experiment) any {
	type decision struct {
		ID       int64  `json:"id"`
		RecID    string `json:"recommendation_id"`
		Strategy string `json:"strategy"`
		Title    string `json:"title"`
		State    string `json:"state"`
		At       string `json:"at"`
		Until    string `json:"until,omitempty"`
	}
	out := struct {
		Experiments []spark.ExperimentStatus `json:"experiments"`
		Decisions   []decision               `json:"decisions"`
	}{Experiments: rep.Experiments, Decisions: []decision{}}
	if out.Experiments == nil {
		out.Experiments = []spark.ExperimentStatus{}
	}
	for _, e := range stored {
		out.Decisions = append(out.Decisions, decision{e.ID, e.RecID, string(e.Strategy), e.Title, e.State, e.At.Format(time.RFC3339), timeOrEmpty(e.Until)})
	}
	return out
}

var diagnosisTitles = map[rekindle.Diagnosis]string{
	rekindle.DiagnosisOverreached:     "Load without recovery",
	rekindle.DiagnosisStaleRoutine:    "Same run, again and again",
	rekindle.DiagnosisUnderstimulated: "Fresh, but nothing to push against",
	rekindle.DiagnosisGoalless:        "Nothing on the horizon",
	rekindle.DiagnosisFading:          "Running less and less",
	rekindle.DiagnosisLowEnjoyment:    "Runs are not much fun lately",
	rekindle.DiagnosisReturning:       "Coming back after a break",
	rekindle.DiagnosisSparked:         "All is well",
}

// writeSpark prints the report for a terminal.
func writeSpark(w io.Writer, rep *spark.Report, ath *rekindle.Athlete, db string) {
	var b strings.Builder
	if rep.Scored {
		fmt.Fprintf(&b, "Spark score %d/100 on %s\n\n", rep.SparkScore, rep.AsOf)
	} else {
		fmt.Fprintf(&b, "No spark score yet on %s: too few runs to judge\n\n", rep.AsOf)
	}
	for _, d := range rep.Diagnoses {
		title := diagnosisTitles[d.Key]
		if !rep.Scored {
			title = "Too early to judge"
		}
		fmt.Fprintf(&b, "%s (%s, %s)\n", title, d.Key, d.Sureness)
		for _, e := range d.Evidence {
			fmt.Fprintf(&b, "  · %s\n", e.Text)
		}
	}
	if len(rep.Recommendations) > 0 {
		if len(rep.Diagnoses) == 1 && rep.Diagnoses[0].Key == rekindle.DiagnosisSparked {
			b.WriteString("\nNothing to fix. If you like:\n")
		} else {
			b.WriteString("\nWhat to try, best first:\n")
		}
	}
	for i, r := range rep.Recommendations {
		fmt.Fprintf(&b, "\n%d. %s   [%s · id %s]\n", i+1, r.Title, r.Strategy, r.ID)
		wrap(&b, r.Why, "   ", 88)
		for _, a := range r.Actions {
			wrap(&b, "- "+a, "     ", 88)
		}
	}
	if len(rep.Experiments) > 0 {
		b.WriteString("\nYour experiments:\n")
		for _, e := range rep.Experiments {
			fmt.Fprintf(&b, "  %s (%s): %s → %s: %s\n", e.Title, e.Strategy, e.Started, e.Ends, outcomeWords(e.Outcome))
		}
	}
	if len(rep.Recommendations) > 0 {
		fmt.Fprintf(&b, "\nTry one: rekindle spark accept%[1]s ID · not for you: rekindle spark dismiss%[1]s ID · later: rekindle spark snooze%[1]s ID\n", db)
	}
	if _, ok := rep.Signals[spark.SigEnjoyment]; !ok {
		fmt.Fprintf(&b, "Tell rekindle how your runs feel: rekindle checkin%s --activity last --enjoyment 1-5 --rpe 0-10\n", db)
	}
	if _, ok := rep.Signals[spark.SigExhaustion]; !ok {
		fmt.Fprintf(&b, "No spark check in the last 8 weeks: rekindle checkin spark%s (six questions, a minute)\n", db)
	}
	io.WriteString(w, b.String())
}

func outcomeWords(o spark.Outcome) string {
	switch o {
	case spark.OutcomeWatching:
		return "watching"
	case spark.OutcomeWorked:
		return "it worked"
	case spark.OutcomeNoChange:
		return "no change: on to the next idea"
	case spark.OutcomeWorse:
		return "it made things worse: dropped"
	case spark.OutcomeAbandoned:
		return "given up"
	}
	return string(o)
}

func writeExperiments(w io.Writer, rep *spark.Report, stored []store.Experiment) {
	if len(stored) == 0 {
		fmt.Fprintln(w, "No decisions yet. See the ideas with: rekindle spark")
		return
	}
	status := map[int64]spark.ExperimentStatus{}
	for _, e := range rep.Experiments {
		status[e.ID] = e
	}
	for _, e := range stored {
		line := fmt.Sprintf("%s  %-9s %-15s %s", e.At.Format(time.DateOnly), e.State, e.Strategy, e.Title)
		if st, ok := status[e.ID]; ok {
			line += fmt.Sprintf(" (until %s): %s", st.Ends, outcomeWords(st.Outcome))
			for _, ev := range st.Evidence {
				line += "\n      · " + ev.Text
			}
		} else if e.Outcome != "" {
			// Judged long ago: the report no longer watches it, the stored
			// judgement still stands.
			line += fmt.Sprintf(" (judged %s): %s", e.JudgedAt.Format(time.DateOnly), outcomeWords(spark.Outcome(e.Outcome)))
			var evs []spark.Evidence
			if json.Unmarshal([]byte(e.Evidence), &evs) == nil {
				for _, ev := range evs {
					line += "\n      · " + ev.Text
				}
			}
		} else if e.State == store.ExperimentSnoozed {
			line += " (until " + e.Until.Format(time.DateOnly) + ")"
		}
		fmt.Fprintln(w, line)
	}
}

// wrap writes text in lines of at most width runes, each starting with indent.
func wrap(b *strings.Builder, text, indent string, width int) {
	line := indent
	first := true
	for _, word := range strings.Fields(text) {
		if !first && len([]rune(line))+1+len([]rune(word)) > width {
			b.WriteString(line + "\n")
			line, first = indent+"  ", true
		}
		if !first {
			line += " "
		}
		line += word
		first = false
	}
	b.WriteString(line + "\n")
}
