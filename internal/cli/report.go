package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"rekindle/internal/units"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/locale"
	"rekindle/internal/training"
)

func init() {
	commands["report"] = command{"the training picture: fitness, form, light weeks, efforts, VDOT, status", runReport}
}

func runReport(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("report", "", env)
	db := dbFlag(fs, env)
	asOfFlag := fs.String("as-of", "", "the day to report on, YYYY-MM-DD (default: today in the athlete's time zone)")
	asJSON := fs.Bool("json", false, "print the report as JSON (keys in the README)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	var asOf time.Time
	if *asOfFlag != "" {
		t, err := time.Parse(time.DateOnly, *asOfFlag)
		if err != nil {
			fmt.Fprintf(env.Stderr, "report: --as-of wants YYYY-MM-DD, got %q\n", *asOfFlag)
			return errUsage
		}
		asOf = t
	}
	app, ath, err := openAthlete(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	if asOf.IsZero() {
		asOf = env.now().In(ath.Location())
	}
	r, err := app.Training(ctx, ath, asOf)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", " ")
		return enc.Encode(r)
	}
	return writeReport(env.Stdout, r, athlete.Dates(ath))
}

// reportUnits converts metres and paces to the athlete's unit.
type reportUnits struct {
	name   string
	metres float64
}

func reportUnitsOf(u rekindle.Unit) reportUnits {
	return reportUnits{units.Name(u), units.Metres(u)}
}

func (u reportUnits) dist(m float64) string { return fmt.Sprintf("%.1f", m/u.metres) }

// pace formats seconds per km as min:ss per unit.
func (u reportUnits) pace(sPerKm float64) string {
	return units.ClockOr(sPerKm*u.metres/1000, "-")
}

// reportDuration formats seconds as h:mm:ss, or m:ss under an hour.
func reportDuration(s float64) string {
	return units.ClockOr(s, "-")
}

func reportSigned(v float64) string {
	v = math.Round(v*10) / 10
	if v > 0 {
		return fmt.Sprintf("+%.1f", v)
	}
	if v == 0 {
		return "0.0"
	}
	return fmt.Sprintf("−%.1f", -v)
}

// writeReport prints the compact terminal report.
func writeReport(w io.Writer, r *training.Report, lc locale.Locale) error {
	u := reportUnitsOf(r.Athlete.Unit)
	// Sentences name days as the athlete reads dates; the tables keep
	// YYYY-MM-DD columns (fixed width, sortable).
	dayOf := func(d string) string {
		if t, err := time.Parse(time.DateOnly, d); err == nil {
			return lc.Day(t)
		}
		return d
	}
	var b strings.Builder
	line := func(label, format string, args ...any) {
		fmt.Fprintf(&b, "%-14s %s\n", label, fmt.Sprintf(format, args...))
	}
	fmt.Fprintf(&b, "Training picture on %s (%s)\n\n", dayOf(r.AsOf), r.Athlete.TimeZone)
	if r.Activities == 0 {
		b.WriteString("No activities up to this day yet: import some with 'rekindle import'.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	line("History", "%d sessions since %s (%d days)", r.Activities, r.HistoryStart, r.HistoryDays)
	line("Status", "%s — %s", strings.ReplaceAll(string(r.Status.Key), "_", " "), r.Status.Reason)
	t := r.Today
	warm := ""
	if r.WarmingUp {
		warm = "  (warming up: under 42 days of history)"
	}
	line("Fitness", "%.1f   fatigue %.1f   form today %s   7-day change %s%s", t.Fitness, t.Fatigue, reportSigned(t.Form), reportSigned(t.RampRate), warm)
	if r.DaysUntilFresh > 0 {
		line("", "about %s until form is back to zero", reportCount(int(math.Ceil(r.DaysUntilFresh)), "rest day"))
	}
	c := r.ThisWeek
	if c.Defined {
		line("This week", "%s (load %.0f vs %.0f a usual week; ×%.2f)", c.Text, c.ThisWeekLoad, c.UsualWeekLoad, c.Ratio)
	} else {
		line("This week", "%s", c.Text)
	}
	l := r.Last7Days
	mono := "no load"
	if l.Defined {
		mono = fmt.Sprintf("monotony %.2f (%s), strain %.0f", l.Monotony, l.MonotonyBand, l.Strain)
		if l.MonotonyCapped {
			mono += ", the same load every day"
		}
	}
	line("Last 7 days", "%s, %s %s, %s, load %.0f; %s", reportCount(l.Runs, "run"), u.dist(l.DistanceM), u.name, reportCount(l.Sessions, "session"), l.Load, mono)
	if p := r.Progression; p.LongestRunSpike != "none" || p.TwoWeekJump {
		var jumps []string
		if p.LongestRunSpike != "none" {
			jumps = append(jumps, fmt.Sprintf("longest run %s %s is %.0f%% longer than the longest of the 30 days before",
				u.dist(p.LongestRunM), u.name, p.LongestRunChangePct))
		}
		if p.TwoWeekJump {
			jumps = append(jumps, fmt.Sprintf("distance up %.0f%% on two weeks ago", p.TwoWeekChangePct))
		}
		line("Bigger jumps", "%s (more than your recent pattern)", strings.Join(jumps, "; "))
	}
	lw := "no light week in the history"
	if r.LastLightWeek != "" {
		lw = "the last light or off week began " + r.LastLightWeek
	}
	line("Light weeks", "%s of steady or build training in a row; %s", reportCount(r.WeeksSinceLightWeek, "week"), lw)

	fmt.Fprintf(&b, "\n%-10s %7s %5s %8s %6s %9s  %s\n", "Week of", u.name, "runs", "longest", "load", "monotony", "class")
	for _, wk := range r.Weeks {
		cls := string(wk.Class)
		if !wk.Complete {
			// A week in progress is classed on its pace so far; say so.
			cls = "in progress (" + cls + " pace)"
		}
		m := "-"
		if wk.Monotony > 0 {
			m = fmt.Sprintf("%.2f", wk.Monotony)
		}
		fmt.Fprintf(&b, "%-10s %7s %5d %8s %6.0f %9s  %s\n", wk.Start, u.dist(wk.DistanceM), wk.Runs, u.dist(wk.LongestRunM), wk.Load, m, cls)
	}

	if len(r.BestEfforts) > 0 {
		season := map[string]training.BestEffort{}
		seasonName := ""
		if len(r.SeasonBests) > 0 {
			seasonName = fmt.Sprint(r.SeasonBests[0].Season)
			for _, e := range r.SeasonBests[0].Efforts {
				season[e.Name] = e
			}
		}
		fmt.Fprintf(&b, "\n%-10s %-22s %s\n", "Best", "all time", seasonName)
		for _, e := range r.BestEfforts {
			s := ""
			if se, ok := season[e.Name]; ok {
				s = fmt.Sprintf("%s  %s", reportDuration(se.ElapsedS), se.Date)
			}
			fmt.Fprintf(&b, "%-10s %-22s %s\n", e.Name, reportDuration(e.ElapsedS)+"  "+e.Date, s)
		}
	}

	f := r.Fitness
	b.WriteString("\n")
	if f.VDOT > 0 && f.From != nil {
		how := fmt.Sprintf("a run's best effort, backed by its run or by a second run, last %d days", f.WindowDays)
		switch f.Basis {
		case "race":
			how = fmt.Sprintf("your best race of the last %d days", f.WindowDays)
		case "long_run":
			how = fmt.Sprintf("your best run of %.0f km or more of the last %d days: your shorter runs, without heart rate to back them, say far more than any long run", training.LongRunCheckM/1000, f.WindowDays)
		case "sustained_over_guess":
			how = fmt.Sprintf("your second-best sustained run of the last %d days: it says more than your runs taken for races by their pace or distance alone", f.WindowDays)
		case "hard_runs":
			how = fmt.Sprintf("your second-best run of %.0f km or more at a race heart rate of the last %d days: it says more than your race found by its pace alone", training.LongRunCheckM/1000, f.WindowDays)
		}
		line("VDOT", "%.1f from the %s in %s on %s (%s)", f.VDOT, f.From.Name, reportDuration(f.From.ElapsedS), dayOf(f.From.Date), how)
		if f.Sureness == training.SurenessTraining {
			line("", "%s", f.Said)
		}
		fmt.Fprintf(&b, "%-14s %9s %9s\n", "Predictions", "VDOT", "Riegel")
		for _, p := range f.Predictions {
			fmt.Fprintf(&b, "  %-12s %9s %9s\n", p.Name, reportDuration(p.VDOTS), reportDuration(p.RiegelS))
			if p.Note != "" {
				fmt.Fprintf(&b, "  %-12s %s\n", "", p.Explain(&f, dayOf))
			}
		}
		if p := f.Paces; p != nil {
			tsrc := ""
			if p.TSource == training.SourceAthlete {
				tsrc = " (yours, from Settings)"
			}
			line("Paces /"+u.name, "easy %s  marathon %s  threshold %s%s  interval %s  repetition %s",
				u.pace(p.E), u.pace(p.M), u.pace(p.T), tsrc, u.pace(p.I), u.pace(p.R))
		}
	} else {
		line("VDOT", "no effort of 4 min to 4 h in the last year to estimate it from")
	}
	a := r.Athlete
	thr := "unknown"
	if a.ThresholdPaceSPerKm > 0 {
		thr = fmt.Sprintf("%s/%s (%s)", u.pace(a.ThresholdPaceSPerKm), u.name, a.ThresholdPaceSource)
	}
	maxSrc := string(a.MaxHRSource)
	if a.MaxHRSource == training.SourceObserved {
		maxSrc = fmt.Sprintf("observed in %d sessions", a.MaxHRSessions)
	}
	line("Physiology", "max HR %.0f (%s), resting HR %.0f (%s), threshold %s", a.MaxHR, maxSrc, a.RestingHR, a.RestingHRSource, thr)

	methods := map[training.LoadMethod]int{}
	for _, s := range r.Sessions {
		methods[s.Method]++
	}
	var ms []string
	for _, m := range []training.LoadMethod{training.MethodHRTRIMP, training.MethodRTSS, training.MethodSessionRPE, training.MethodDurationDefault} {
		if n := methods[m]; n > 0 {
			ms = append(ms, fmt.Sprintf("%s %d", m, n))
		}
	}
	if len(ms) > 0 {
		line("Load from", "%s (last %d days; 100 = an hour at threshold)", strings.Join(ms, ", "), len(r.Days))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// reportCount is "1 run", "2 runs".
func reportCount(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
