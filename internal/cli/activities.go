package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"rekindle/internal/ingest"
	"rekindle/internal/units"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"rekindle"
	"rekindle/internal/store"
)

func init() {
	commands["activities"] = command{"list the stored activities", runActivities}
	commands["activity"] = command{"show or fix one activity: activity show ID | activity edit ID --sport running --name … --race", runActivity}
}

// activityJSON is the stable JSON shape of an activity in the CLI.
type activityJSON struct {
	ID            int64   `json:"id"`
	Start         string  `json:"start"`
	Sport         string  `json:"sport"`
	SportSource   string  `json:"sport_source"`  // file | inferred:speed | inferred:name | user
	RaceOverride  *bool   `json:"race_override"` // the runner's mark: null when not given
	Name          string  `json:"name"`
	DistanceM     float64 `json:"distance_m"`
	ElapsedS      float64 `json:"elapsed_s"`
	MovingS       float64 `json:"moving_s"`
	AscentM       float64 `json:"ascent_m"`
	AvgHR         float64 `json:"avg_hr"`
	MaxHR         float64 `json:"max_hr"`
	AvgCadenceSPM float64 `json:"avg_cadence_spm"`
	SourceFormat  string  `json:"source_format"`
	File          string  `json:"file"`
	HasTrack      bool    `json:"has_track"`
	// SetAside: the analyses leave it out (it overlaps in time activity
	// SetAsideFor, kept as the real one; 0 when the runner set it aside).
	// CountOverride is the runner's word: true (it counts), false (set
	// aside), null (the overlap rule decides).
	SetAside      bool  `json:"set_aside"`
	SetAsideFor   int64 `json:"set_aside_for,omitempty"`
	CountOverride *bool `json:"count_override"`
	// TimeUnknown: why the run's time is not its own (the API's
	// time_unknown), absent otherwise.
	TimeUnknown string `json:"time_unknown,omitempty"`
}

type lapJSON struct {
	Start      string  `json:"start"`
	ElapsedS   float64 `json:"elapsed_s"`
	TimerS     float64 `json:"timer_s"`
	DistanceM  float64 `json:"distance_m"`
	AvgHR      float64 `json:"avg_hr"`
	MaxHR      float64 `json:"max_hr"`
	AvgCadence float64 `json:"avg_cadence"`
	AvgPowerW  float64 `json:"avg_power_w"`
	Intensity  string  `json:"intensity,omitempty"`
	Trigger    string  `json:"trigger,omitempty"`
}

type splitJSON struct {
	Unit      string  `json:"unit"`
	Index     int     `json:"index"`
	DistanceM float64 `json:"distance_m"`
	ElapsedS  float64 `json:"elapsed_s"`
	MovingS   float64 `json:"moving_s"`
	AvgHR     float64 `json:"avg_hr"`
	AscentM   float64 `json:"ascent_m"`
}

type effortJSON struct {
	Name      string  `json:"name"`
	DistanceM float64 `json:"distance_m"`
	ElapsedS  float64 `json:"elapsed_s"`
	StartS    float64 `json:"start_s"`
}

type activityDetailJSON struct {
	activityJSON
	SubSport    string       `json:"sub_sport"`
	Device      string       `json:"device"`
	Samples     int          `json:"samples"`
	Channels    []string     `json:"channels"`
	Laps        []lapJSON    `json:"laps"`
	Splits      []splitJSON  `json:"splits"`
	BestEfforts []effortJSON `json:"best_efforts"`
	Warnings    []string     `json:"warnings"`
}

// num makes a float JSON-safe and rounds it to 3 decimals (a huge finite
// value would round to infinity: 0 too).
func num(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e15 {
		return 0
	}
	return math.Round(v*1000) / 1000
}

func toActivityJSON(a *rekindle.Activity, samples int, loc *time.Location) activityJSON {
	s := &a.Summary
	return activityJSON{
		ID: a.ID, Start: a.Start.UTC().Format(time.RFC3339), Sport: string(a.Sport), SportSource: a.SportSourceKey(), RaceOverride: a.RaceOverride,
		Name:      a.DisplayName(loc),
		DistanceM: num(s.DistanceM), ElapsedS: num(s.ElapsedS), MovingS: num(s.MovingS), AscentM: num(s.AscentM),
		AvgHR: num(s.AvgHR), MaxHR: num(s.MaxHR), AvgCadenceSPM: num(s.AvgCadenceSPM),
		SourceFormat: string(a.Source.Format), File: a.Source.File, HasTrack: samples > 0,
		SetAside: a.SetAside, SetAsideFor: a.SetAsideFor, CountOverride: a.CountOverride, TimeUnknown: a.TimeUnknown(),
	}
}

func runActivities(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("activities", "", env)
	db := dbFlag(fs, env)
	asJSON := fs.Bool("json", false, "print a JSON array")
	sport := fs.String("sport", "", "only these sports (comma-separated keys, e.g. running,trail_running)")
	limit := fs.Int("limit", 0, "at most this many, newest first (0: all, oldest first)")
	onlyAside := fs.Bool("set-aside", false, "only the activities set aside (overlapping others in time; restore one with activity edit ID --restore)")
	_, app, ath, err := parseOpen(ctx, env, fs, args, db)
	if err != nil {
		return err
	}
	defer app.Close()
	// Every stored activity, those set aside marked: the runner sees them.
	f := store.ActivityFilter{Limit: *limit, Newest: *limit > 0, SetAside: store.WithSetAside}
	if *onlyAside {
		f.SetAside = store.OnlySetAside
	}
	for _, sp := range splitList(*sport) {
		f.Sports = append(f.Sports, rekindle.Sport(sp))
	}
	acts, metas, err := app.ActivityRecordsMeta(ctx, ath.ID, f)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]activityJSON, len(acts))
		for i, a := range acts {
			out[i] = toActivityJSON(a, metas[i].Samples, ath.Location())
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", " ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	loc := ath.Location()
	// Distances and paces in the runner's unit (km or mi), as everywhere else.
	u := strings.ToUpper(units.Name(ath.Unit))
	fmt.Fprintf(tw, "ID\tSTART (%s)\tSPORT\t%s\tTIME\tPACE/%s\tHR\tNAME\t\n", loc, u, u)
	for _, a := range acts {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%.2f\t%s\t%s\t%s\t%s%s\t\n", a.ID, a.Start.In(loc).Format("2006-01-02 15:04"), a.Sport,
			units.Round(a.Summary.DistanceM/units.Metres(ath.Unit), 2), clock(a.Summary.MovingS), runPace(a, ath.Unit),
			hr(a.Summary.AvgHR), a.DisplayName(ath.Location()), asideNote(a))
	}
	return tw.Flush()
}

// runPace is an activity's pace, "-" when its time is not its own
// (rekindle.Activity.TimeUnknown).
func runPace(a *rekindle.Activity, u rekindle.Unit) string {
	if a.TimeImpossible() {
		return "-"
	}
	return pace(a.Summary.MovingS, a.Summary.DistanceM, u)
}

// asideNote marks an activity the analyses leave out, in the list.
func asideNote(a *rekindle.Activity) string {
	switch {
	case !a.SetAside && a.TimeImpossible():
		return " [time not its own: its source's clock is wrong]"
	case !a.SetAside:
		return ""
	case ingest.NoRunSpeed(a) != "":
		return fmt.Sprintf(" [set aside: not a run, %s]", ingest.NoRunSpeed(a))
	case a.SetAsideFor != 0:
		return fmt.Sprintf(" [set aside: overlaps #%d]", a.SetAsideFor)
	}
	return " [set aside by you]"
}

// clock formats seconds as h:mm:ss, "-" when unknown.
func clock(s float64) string { return units.HMS(s, "-") }

// pace formats a time over a distance as min:ss per unit (km or mi), "-"
// when unknown.
func pace(s, m float64, u rekindle.Unit) string {
	if m < 10 || math.IsNaN(s+m) {
		return "-"
	}
	return units.Pace(s, m, u, "-")
}

func hr(v float64) string {
	if v <= 0 || math.IsNaN(v) {
		return "-"
	}
	return strconv.Itoa(int(math.Round(v)))
}

func runActivity(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 && args[0] == "edit" {
		return runActivityEdit(ctx, env, args[1:])
	}
	if len(args) == 0 || args[0] != "show" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			fmt.Fprintln(env.Stderr, "Usage: rekindle activity show [--db DB] [--json] ID")
			return nil
		}
		fmt.Fprintln(env.Stderr, "Usage: rekindle activity show [--db DB] [--json] ID")
		fmt.Fprintln(env.Stderr, activityEditUsage)
		return errUsage
	}
	fs := newFlagSet("activity show", "ID", env)
	db := dbFlag(fs, env)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return errUsage
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		fmt.Fprintf(env.Stderr, "activity show: bad id %q\n", pos[0])
		return errUsage
	}
	app, ath, err := openAthlete(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	a, m, err := app.ActivityRecordMeta(ctx, ath.ID, id)
	if err != nil {
		return err
	}
	d := activityDetailJSON{activityJSON: toActivityJSON(a, m.Samples, ath.Location()), SubSport: a.SubSport, Device: a.Device,
		Samples: m.Samples, Channels: m.Channels, Warnings: a.Warnings,
		Laps: []lapJSON{}, Splits: []splitJSON{}, BestEfforts: []effortJSON{}}
	if d.Channels == nil {
		d.Channels = []string{}
	}
	if d.Warnings == nil {
		d.Warnings = []string{}
	}
	for _, l := range a.Laps {
		d.Laps = append(d.Laps, lapJSON{Start: l.Start.UTC().Format(time.RFC3339), ElapsedS: num(l.ElapsedS), TimerS: num(l.TimerS),
			DistanceM: num(l.DistanceM), AvgHR: num(l.AvgHR), MaxHR: num(l.MaxHR), AvgCadence: num(l.AvgCadence),
			AvgPowerW: num(l.AvgPowerW), Intensity: l.Intensity, Trigger: l.Trigger})
	}
	for _, sp := range a.Summary.Splits {
		d.Splits = append(d.Splits, splitJSON{Unit: sp.Unit, Index: sp.Index, DistanceM: num(sp.DistanceM), ElapsedS: num(sp.ElapsedS),
			MovingS: num(sp.MovingS), AvgHR: num(sp.AvgHR), AscentM: num(sp.AscentM)})
	}
	for _, e := range a.Summary.BestEfforts {
		d.BestEfforts = append(d.BestEfforts, effortJSON{Name: e.Name, DistanceM: num(e.DistanceM), ElapsedS: num(e.ElapsedS), StartS: num(e.StartS)})
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", " ")
		return enc.Encode(d)
	}
	w := env.Stdout
	fmt.Fprintf(w, "#%d %s — %s (%s)\n", a.ID, a.DisplayName(ath.Location()), a.Sport, a.Start.In(ath.Location()).Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(w, "sport from %s, %s\n", a.SportSourceKey(), raceWords(a.RaceOverride))
	fmt.Fprintf(w, "distance %s, moving %s, elapsed %s, pace %s%s, ascent %.0f m, HR %s avg / %s max\n",
		units.Dist(a.Summary.DistanceM, ath.Unit, 2), clock(a.Summary.MovingS), clock(a.Summary.ElapsedS), runPace(a, ath.Unit),
		units.PerName(ath.Unit), a.Summary.AscentM, hr(a.Summary.AvgHR), hr(a.Summary.MaxHR))
	if why := a.TimeUnknown(); why != "" {
		fmt.Fprintf(w, "time unknown: %s\n", why)
	}
	fmt.Fprintf(w, "source %s %s, %d samples (%v)\n", a.Source.Format, a.Source.File, m.Samples, m.Channels)
	for i, l := range a.Laps {
		fmt.Fprintf(w, "  lap %2d  %9s  %s  HR %s\n", i+1, units.Dist(l.DistanceM, ath.Unit, 2), clock(l.TimerS), hr(l.AvgHR))
	}
	for _, sp := range a.Summary.Splits {
		fmt.Fprintf(w, "  %s %2d  %s\n", sp.Unit, sp.Index, clock(sp.MovingS))
	}
	for _, e := range a.Summary.BestEfforts {
		fmt.Fprintf(w, "  best %-8s %s\n", e.Name, clock(e.ElapsedS))
	}
	for _, wn := range a.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", wn)
	}
	return nil
}

// parseInterspersed parses flags that may come before or after the
// positional arguments ("show 42 --json") and returns the positionals.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
