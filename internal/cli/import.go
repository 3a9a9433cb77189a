package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"rekindle/internal/ingest"
	"rekindle/internal/place"
	"rekindle/internal/store"
)

func init() {
	commands["import"] = command{"import activity files, folders and Strava/Garmin export archives", runImport}
}

func runImport(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("import", "PATH...", env)
	db := dbFlag(fs, env)
	asJSON := fs.Bool("json", false, `print one JSON object per file: {"file","status","activity_ids","warnings","error"}`)
	quiet := fs.Bool("quiet", false, "no progress output")
	workers := fs.Int("workers", 0, "decoding goroutines (default: all cores)")
	keep := fs.Bool("keep-originals", true, "store each file's original bytes, compressed (for 'rekindle export' and 'rekindle reprocess')")
	watch := fs.String("watch", "", "watch this folder: import files as they appear and settle, until interrupted (a watch's USB folder, a synced folder)")
	settle := fs.Duration("settle", ingest.DefaultSettle, "watch: a file is imported once its size and time have not changed for this long")
	every := fs.Duration("every", 2*time.Second, "watch: how often the folder is looked at")
	memLimit := fs.String("memory-limit", "88MiB", "the Go runtime's soft memory limit during the import, as GOMEMLIMIT (e.g. 88MiB; off: none): the collector works harder near it rather than let the heap grow to twice what is live, so that one large file imports within about 150 MB of RSS; the GOMEMLIMIT environment variable, when set, wins")
	zone := fs.String("time-zone", "", "your IANA time zone (Europe/Berlin), set as with 'rekindle athlete set --time-zone' before the import; default: inferred from positions or start hours")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 && *watch == "" {
		fs.Usage()
		return errUsage
	}
	// A 20 MB FIT file holds ~90 MB live at its peak (the track's columns
	// and the measuring's work): at the default GOGC the heap would reach
	// ~190 MB of RSS.
	restore, err := setMemoryLimit(env, *memLimit)
	if err != nil {
		return err
	}
	defer restore()
	app, ath, err := openAthlete(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	if *zone != "" {
		// Set by the runner: day buckets use it and inference leaves it.
		z, err := parseZone(*zone)
		if err != nil {
			return fmt.Errorf("import: --time-zone: %w", err)
		}
		ath.TimeZone, ath.TimeZoneSource = z, "user"
		if cc := place.CountryOfZone(z); cc != "" {
			ath.Country = cc
		}
		if err := app.SaveAthlete(ctx, ath); err != nil {
			return err
		}
	}
	enc := json.NewEncoder(env.Stdout)
	logger := slog.New(slog.NewTextHandler(env.Stderr, nil))
	tty := isTerminal(env.Stderr)
	bar := &progressBar{w: env.Stderr}
	opt := ingest.Options{Workers: *workers, DiscardOriginals: !*keep}
	opt.OnFile = func(r ingest.FileResult) {
		if *asJSON {
			enc.Encode(r)
			return
		}
		if r.Status == store.StatusReplaced {
			bar.clear()
			fmt.Fprintf(env.Stderr, "%s: %s: %s\n", r.Status, r.File, ingest.ReplacedNote(r.Replaced))
		}
		if (r.Status == "imported" || r.Status == store.StatusReplaced) && len(r.Warnings) > 0 {
			bar.clear()
			fmt.Fprintf(env.Stderr, "note: %s: %s\n", r.File, strings.Join(r.Warnings, "; "))
		}
		if r.Status == "failed" || r.Status == "partial" {
			bar.clear()
			msg := r.Error
			if msg == "" {
				msg = strings.Join(r.Warnings, "; ")
			}
			if n := ingest.ReplacedNote(r.Replaced); n != "" {
				msg += "; " + n
			}
			fmt.Fprintf(env.Stderr, "%s: %s: %s\n", r.Status, r.File, msg)
		}
	}
	lastLog := time.Time{}
	if !*quiet {
		opt.OnProgress = func(p ingest.Progress) {
			if tty {
				bar.draw(p)
				return
			}
			if p.Done || time.Since(lastLog) > 5*time.Second {
				lastLog = time.Now()
				logger.Info("import", "files", p.Files, "activities", p.Activities, "mb", fmt.Sprintf("%.1f", float64(p.Bytes)/1e6),
					"mb_per_s", fmt.Sprintf("%.1f", p.Rate()/1e6), "eta", p.ETA().Round(time.Second).String())
			}
		}
	}
	if *watch != "" {
		if len(paths) > 0 {
			fmt.Fprintln(env.Stderr, "import --watch DIR takes no other paths")
			return errUsage
		}
		if *every <= 0 || *settle <= 0 {
			fmt.Fprintln(env.Stderr, "import --watch: --every and --settle must be positive")
			return errUsage
		}
		opt.OnProgress = nil
		w := &ingest.Watcher{Dir: *watch, Settle: *settle, Import: func(ctx context.Context, paths []string) error {
			st, err := app.ImportFiles(ctx, ath.ID, paths, opt)
			if !*asJSON && err == nil {
				fmt.Fprintf(env.Stdout, "%d files: %s; %d activities stored\n", st.Files, fileCounts(st), st.Activities)
			}
			return err
		}}
		if !*quiet {
			logger.Info("watching", "dir", *watch, "settle", settle.String())
		}
		return w.Run(ctx, *every, func(err error) { logger.Warn("watch", "err", err) })
	}
	st, err := app.ImportFiles(ctx, ath.ID, paths, opt)
	bar.clear()
	if !*asJSON {
		fmt.Fprintf(env.Stdout, "%d files: %s; %d activities stored, %d duplicate activities (%.1fs)\n",
			st.Files, fileCounts(st), st.Activities, st.DuplicateActivities, st.Elapsed.Seconds())
		if st.InferredSports > 0 {
			fmt.Fprintf(env.Stdout, "%d activities did not say their sport: inferred from their data or name (see the warnings); fix with `rekindle activity edit`\n", st.InferredSports)
		}
		if st.SetAside > 0 {
			fmt.Fprintf(env.Stdout, "%d activities overlap in time others kept as the real ones: set aside, left out of the analyses (`rekindle activities --set-aside`; restore one with `rekindle activity edit ID --restore`)\n", st.SetAside)
		}
		for _, n := range st.NotRuns {
			fmt.Fprintf(env.Stdout, "not a run: %s\n", n)
		}
		if st.Skipped > 0 {
			fmt.Fprintf(env.Stdout, "%d files left out as no activity files by their names (photos, documents, code)\n", st.Skipped)
		}
		if st.Courses > 0 {
			fmt.Fprintf(env.Stdout, "%d planned courses (no times) saved as courses, not activities: `rekindle routes courses`\n", st.Courses)
		}
		if st.Place != "" {
			fmt.Fprintln(env.Stdout, st.Place)
		}
	}
	if errors.Is(err, context.Canceled) {
		return errors.New("interrupted: what was imported is stored; run the same command again to finish")
	}
	return err
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

type progressBar struct {
	w     io.Writer
	drawn bool
}

func (b *progressBar) draw(p ingest.Progress) {
	frac := 0.0
	if p.TotalBytes > 0 {
		frac = min(float64(p.Bytes)/float64(p.TotalBytes), 1)
	}
	const width = 24
	n := int(frac * width)
	eta := "--"
	if e := p.ETA(); e > 0 {
		eta = e.Round(time.Second).String()
	}
	fmt.Fprintf(b.w, "\r[%s%s] %3.0f%%  %d files  %d activities  %.1f/%.1f MB  %.1f MB/s  ETA %s ",
		strings.Repeat("=", n), strings.Repeat(" ", width-n), frac*100, p.Files, p.Activities,
		float64(p.Bytes)/1e6, float64(p.TotalBytes)/1e6, p.Rate()/1e6, eta)
	b.drawn = true
}

func (b *progressBar) clear() {
	if b.drawn {
		fmt.Fprint(b.w, "\r\033[K")
		b.drawn = false
	}
}

// fileCounts says how the files of an import ended: "3 imported, 1
// replaced, 0 partial, 0 duplicate, 0 failed" (replaced only when any was).
func fileCounts(st ingest.Stats) string {
	replaced := ""
	if st.Replaced > 0 {
		replaced = fmt.Sprintf("%d replaced, ", st.Replaced)
	}
	return fmt.Sprintf("%d imported, %s%d partial, %d duplicate, %d failed", st.Imported, replaced, st.Partial, st.Duplicate, st.Failed)
}
