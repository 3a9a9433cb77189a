package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"rekindle/internal/athlete"
	"rekindle/internal/calendar"
	"rekindle/internal/demo"
	"rekindle/internal/ingest"
	"rekindle/internal/place"
	"rekindle/internal/store"
)

func init() {
	commands["demo"] = command{"simulate a runner on real streets, import it, show the spark and serve the app", runDemo}
}

func runDemo(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("demo", "", env)
	persona := fs.String("persona", "rut", "the simulated runner: "+strings.Join(demo.PersonaNames(), ", "))
	years := fs.Float64("years", 2, "years of history")
	dbPath := fs.String("db", "", "database to import into (default: a fresh rekindle-demo-PERSONA.db in the temporary directory)")
	noServe := fs.Bool("no-serve", false, "import and print the summaries, but do not start the web app")
	out := fs.String("out", "", "only write the files (activities/*.fit|gpx|tcx and checkins.json) into this folder")
	strava := fs.Bool("strava", false, "with --out: write a Strava-style export.zip instead of loose files")
	endFlag := fs.String("end", "", "last day of the history, YYYY-MM-DD (default: today); the same day gives the same runner")
	seed := fs.Uint64("seed", 0, "random seed (default: the persona's own)")
	addr := fs.String("addr", "127.0.0.1:8080", "where to serve the app")
	mapFile := fs.String("map", "", "an .osm.pbf extract to run on instead of the bundled Monaco streets")
	logRequests := fs.Bool("log-requests", false, "print the web app's request log to this terminal (default: only warnings and errors)")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, `Usage: rekindle demo [flags]

Simulates a runner (a persona with a story) on the streets of Monaco (or of
--map FILE.osm.pbf), writes real FIT, TCX and GPX files and a Strava-style
export, imports them through the normal import path, prints the spark and
report summaries and serves the web app.
Map data © OpenStreetMap contributors (ODbL).

Personas:
`)
		for _, n := range demo.PersonaNames() {
			p, _ := demo.LookupPersona(n)
			fmt.Fprintf(env.Stderr, "  %-14s %s\n", n, p.Story)
		}
		fmt.Fprintln(env.Stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if _, ok := demo.LookupPersona(*persona); !ok {
		fmt.Fprintf(env.Stderr, "rekindle demo: unknown persona %q; choose one of %s\n", *persona, strings.Join(demo.PersonaNames(), ", "))
		return errUsage
	}
	end := env.now().UTC()
	if *endFlag != "" {
		t, err := time.Parse("2006-01-02", *endFlag)
		if err != nil {
			return fmt.Errorf("--end: %w", err)
		}
		end = t
	}
	// Each step says what it does before doing it, so the first line
	// appears at once and the terminal never sits silent.
	steps := 5
	if *out != "" {
		steps = 1
	} else if *noServe {
		steps = 4
	}
	step := 0
	stepf := func(format string, a ...any) {
		step++
		fmt.Fprintf(env.Stdout, "[%d/%d] "+format+"\n", append([]any{step, steps}, a...)...)
	}
	stepf("Simulating %s: %.1f years of runs on the streets of %s…", *persona, *years, mapLabel(*mapFile))
	t0 := time.Now()
	// The streets the runs are laid on; the same graph is stored with the
	// history so routes get street names, coverage and new-route suggestions.
	mapName, mapBytes := "monaco.osm.pbf", demo.MonacoPBF()
	if *mapFile != "" {
		b, err := os.ReadFile(*mapFile)
		if err != nil {
			return fmt.Errorf("--map: %w", err)
		}
		mapName, mapBytes = filepath.Base(*mapFile), b
	}
	streets, err := demo.LoadStreets(ctx, bytes.NewReader(mapBytes))
	if err != nil {
		return fmt.Errorf("demo: streets of %s: %w", mapName, err)
	}
	opt := demo.Options{Persona: *persona, Years: *years, End: end, Seed: *seed, Streets: streets}
	// Imported through the normal path: a Strava-style export archive,
	// written as the runs are simulated, so no track is held longer.
	var zipName string
	var zf *os.File
	var export *demo.StravaExport
	if *out == "" {
		tmp, err := os.MkdirTemp("", "rekindle-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		zipName = filepath.Join(tmp, "export.zip")
		if zf, err = os.Create(zipName); err != nil {
			return err
		}
		defer zf.Close()
		export = demo.NewStravaExport(zf)
		opt.OnActivity = export.Add
	}
	h, err := demo.Generate(ctx, opt)
	if err != nil {
		return err
	}
	if export != nil {
		if err := export.Close(); err != nil {
			return err
		}
		if err := zf.Close(); err != nil {
			return fmt.Errorf("demo: strava export: %w", err)
		}
	}
	fmt.Fprintf(env.Stdout, "      %d activities and %d check-ins over %.1f years, ending %s (%.1fs).\n      The story: %s\n",
		len(h.Activities), len(h.CheckIns), *years, h.End.Format("2006-01-02"), time.Since(t0).Seconds(), h.Persona.Story)

	if *out != "" {
		if *strava {
			if err := os.MkdirAll(*out, 0o755); err != nil {
				return err
			}
			name := filepath.Join(*out, "export.zip")
			if err := writeStrava(name, h); err != nil {
				return err
			}
			ci := filepath.Join(*out, "checkins.json")
			f, err := os.Create(ci)
			if err != nil {
				return err
			}
			if err := demo.WriteCheckIns(f, h); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Wrote %s and %s\n", name, ci)
			return nil
		}
		n, err := demo.WriteDir(*out, h)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote %d files under %s\n", n, *out)
		return nil
	}

	db := *dbPath
	stepf("Importing the Strava-style export (%d files) through the normal import path…", len(h.Activities)+1)
	if db == "" {
		db = filepath.Join(os.TempDir(), "rekindle-demo-"+*persona+".db")
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(db + suffix)
		}
	}
	app, ath, err := openAthlete(ctx, env, db)
	if err != nil {
		return err
	}
	if err := demoImport(ctx, env, app, ath.ID, zipName, h); err != nil {
		app.Close()
		return err
	}
	stepf("Routes: storing the street graph of %s and grouping the runs into routes…", mapLabel(*mapFile))
	tr := time.Now()
	sum := sha256.Sum256(mapBytes)
	if _, _, err := app.SaveGraph(ctx, ath.ID, streets.Graph(), mapName, hex.EncodeToString(sum[:])); err != nil {
		app.Close()
		return err
	}
	if *mapFile == "" {
		if err := demoCalendars(ctx, env, app, ath.ID, h.End); err != nil {
			app.Close()
			return err
		}
	}
	if rs, err := app.LoadRoutes(ctx, ath, h.End, true); err != nil {
		fmt.Fprintf(env.Stderr, "rekindle demo: routes: %v\n", err)
	} else {
		fmt.Fprintf(env.Stdout, "      %d runs in %d route groups (%.1fs).\n", len(rs.Runs), len(rs.Groups), time.Since(tr).Seconds())
	}
	app.Close()

	asOf := h.End.Format("2006-01-02")
	stepf("Analysis: the training report, the spark, races and classes as of %s:", asOf)
	for _, name := range []string{"report", "spark", "races", "classes"} {
		if c, ok := commands[name]; ok {
			fmt.Fprintf(env.Stdout, "\n$ rekindle %s --db %s --as-of %s\n", name, db, asOf)
			if err := c.run(ctx, env, []string{"--db", db, "--as-of", asOf}); err != nil {
				fmt.Fprintf(env.Stderr, "rekindle demo: %s: %v\n", name, err)
			}
		}
	}
	if *noServe {
		fmt.Fprintf(env.Stdout, "\nThe demo database is %s; see it with: rekindle serve --single-user --db %s\n", db, shellQuote(db))
		return nil
	}
	c, ok := commands["serve"]
	if !ok {
		return nil
	}
	fmt.Fprintln(env.Stdout)
	stepf("Serving the demo at http://%s/ (Ctrl-C to stop)", *addr)
	serveArgs := []string{"--db", db, "--single-user", "--addr", *addr}
	if !*logRequests {
		fmt.Fprintln(env.Stdout, "      Request logs are off; rerun with --log-requests to see them. The database stays at "+db)
		serveArgs = append(serveArgs, "--log-level", "warn")
	}
	return c.run(ctx, env, serveArgs)
}

// mapLabel names the streets the demo runs on.
func mapLabel(file string) string {
	if file == "" {
		return "Monaco"
	}
	return filepath.Base(file)
}

func writeStrava(name string, h *demo.History) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := demo.WriteStravaExport(f, h); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// demoImport imports the archive, sets the athlete's settings and stores
// the check-ins against the activities they belong to.
func demoImport(ctx context.Context, env *Env, app *athlete.App, athleteID int64, zipName string, h *demo.History) error {
	ids := map[string]int64{} // activity file name (no .gz) → id
	opt := ingest.Options{SkipPlace: true, OnFile: func(r ingest.FileResult) {
		if len(r.ActivityIDs) > 0 {
			name := r.File
			if i := strings.LastIndex(name, "!"); i >= 0 {
				name = name[i+1:]
			}
			ids[strings.TrimSuffix(path.Base(name), ".gz")] = r.ActivityIDs[0]
		}
		if r.Status == "failed" {
			fmt.Fprintf(env.Stderr, "rekindle demo: import %s: %s\n", r.File, r.Error)
		}
	}}
	// Progress: the import's bar on a terminal, else a line every few seconds.
	tty := isTerminal(env.Stderr)
	bar := &progressBar{w: env.Stderr}
	last := time.Now()
	opt.OnProgress = func(p ingest.Progress) {
		if tty {
			bar.draw(p)
			return
		}
		if !p.Done && time.Since(last) > 3*time.Second {
			last = time.Now()
			fmt.Fprintf(env.Stdout, "      … %d files, %d activities so far\n", p.Files, p.Activities)
		}
	}
	st, err := app.ImportFiles(ctx, athleteID, []string{zipName}, opt)
	bar.clear()
	if err != nil {
		return fmt.Errorf("demo: import: %w", err)
	}
	fmt.Fprintf(env.Stdout, "      Imported %d activities from %d files (%d failed) in %.1fs.\n", st.Activities, st.Files, st.Failed, st.Elapsed.Seconds())

	ath, err := app.AthleteRecord(ctx, athleteID)
	if err != nil {
		return err
	}
	sim := h.Athlete
	ath.Name, ath.Sex, ath.BirthYear = sim.Name, sim.Sex, sim.BirthYear
	ath.RestingHR, ath.MaxHR, ath.ThresholdPaceMS = sim.RestingHR, sim.MaxHR, sim.ThresholdPaceMS
	ath.TimeZone, ath.Unit, ath.HomeLat, ath.HomeLon = sim.TimeZone, sim.Unit, sim.HomeLat, sim.HomeLon
	ath.TimeZoneSource, ath.Country = "user", place.CountryOfZone(sim.TimeZone)
	if err := app.SaveAthlete(ctx, ath); err != nil {
		return err
	}
	saved := 0
	for _, c := range h.CheckIns {
		id, ok := ids[path.Base(c.File)]
		if !ok {
			continue
		}
		ci := store.CheckIn{CheckIn: c.CheckIn}
		ci.AthleteID, ci.ActivityID = athleteID, id
		if err := app.SaveCheckIn(ctx, &ci); err != nil {
			return fmt.Errorf("demo: check-in: %w", err)
		}
		saved++
	}
	fmt.Fprintf(env.Stdout, "      Stored %d check-ins.\n", saved)
	return nil
}

// demoCalendars imports the bundled Monaco race calendar and gym schedule.
// The races are moved by whole weeks (weekdays kept) so that the first
// falls 15–21 days after the history's end, 2–4 weeks out as the race
// finder looks; classes recur weekly and are moved back only when the
// history ends before they start.
func demoCalendars(ctx context.Context, env *Env, app *athlete.App, athleteID int64, end time.Time) error {
	loc, err := time.LoadLocation("Europe/Monaco")
	if err != nil {
		return fmt.Errorf("demo: calendars: %w", err)
	}
	races, gym := demo.Calendars()
	endDay := time.Date(end.Year(), end.Month(), end.Day(), 0, 0, 0, 0, loc)
	for _, c := range []struct {
		kind, file string
		data       []byte
	}{{store.CalendarRaces, "monaco-races.ics", races}, {store.CalendarClasses, "monaco-gym.ics", gym}} {
		cal, err := calendar.ParseICS(bytes.NewReader(c.data), c.file, loc)
		if err != nil || len(cal.Events) == 0 {
			return fmt.Errorf("demo: calendar %s: %v", c.file, err)
		}
		// Races: the first one-off race lands 15–21 days after the end.
		// Classes: the earliest start moves before the end when it is not.
		var first time.Time
		for _, e := range cal.Events {
			if (c.kind == store.CalendarClasses || e.Rule == nil) && (first.IsZero() || e.Start.Before(first)) {
				first = e.Start
			}
		}
		weeks := 0
		switch {
		case c.kind == store.CalendarRaces:
			weeks = int(math.Ceil(endDay.AddDate(0, 0, 15).Sub(first).Hours() / (24 * 7)))
		case first.After(endDay):
			weeks = -int(math.Ceil(first.Sub(endDay).Hours()/(24*7))) - 1
		}
		for i := range cal.Events {
			shiftEvent(&cal.Events[i], weeks)
		}
		if _, err := app.SaveCalendar(ctx, athleteID, c.kind, cal.Name, c.file, cal.Events); err != nil {
			return fmt.Errorf("demo: calendar %s: %w", c.file, err)
		}
		fmt.Fprintf(env.Stdout, "      Imported %d sample %s from %s.\n", len(cal.Events), map[string]string{store.CalendarRaces: "races", store.CalendarClasses: "classes"}[c.kind], c.file)
	}
	return nil
}

// shiftEvent moves an event by whole weeks, keeping weekday and wall-clock time.
func shiftEvent(e *calendar.Event, weeks int) {
	if weeks == 0 {
		return
	}
	mv := func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		return t.AddDate(0, 0, 7*weeks)
	}
	e.Start, e.End = mv(e.Start), mv(e.End)
	for i := range e.ExDates {
		e.ExDates[i] = mv(e.ExDates[i])
	}
	if e.Rule != nil && !e.Rule.Until.IsZero() {
		r := *e.Rule
		r.Until = mv(r.Until)
		e.Rule = &r
	}
}
