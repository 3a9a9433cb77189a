package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"rekindle/internal/gratitude"
)

func init() {
	commands["gratitude"] = command{"a gratitude journal seeded with your own facts; gratitude add|list|facts|poster", runGratitude}
}

const gratitudeUsage = `[add TEXT | list | facts | poster --out FILE.svg|FILE.html | delete ID]

  rekindle gratitude                      facts from your running and your entries
  rekindle gratitude add "Running gave me the mornings back"   [--day YYYY-MM-DD]
  rekindle gratitude facts [--json] [--as-of YYYY-MM-DD]
  rekindle gratitude poster --out poster.svg   an A4 page to print and hang near your shoes (.svg or .html)`

func runGratitude(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("gratitude", gratitudeUsage, env)
	db := dbFlag(fs, env)
	asJSON := fs.Bool("json", false, "print JSON")
	asOfFlag := fs.String("as-of", "", "facts and entries as of the end of this day, YYYY-MM-DD")
	dayFlag := fs.String("day", "", "add: the entry's day, YYYY-MM-DD (default today)")
	out := fs.String("out", "", "poster: the file to write, .svg or .html")
	title := fs.String("title", "What running has given me", "poster: the title")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	asOf, err := parseAsOf(env, "gratitude", *asOfFlag)
	if err != nil {
		return err
	}
	action := "list"
	if len(pos) > 0 {
		action = pos[0]
	}
	if action == "poster" {
		ext := strings.ToLower(filepath.Ext(*out))
		if *out == "" || (ext != ".svg" && ext != ".html" && ext != ".htm") {
			fmt.Fprintln(env.Stderr, "gratitude poster: want --out FILE.svg or FILE.html")
			return errUsage
		}
	}
	app, ath, err := openAthlete(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	loc := ath.Location()
	if asOf.IsZero() {
		asOf = env.now().In(loc)
	}
	today := asOf.Format(time.DateOnly)

	switch action {
	case "add":
		if len(pos) != 2 {
			fmt.Fprintln(env.Stderr, "gratitude add: want one TEXT (quote it)")
			return errUsage
		}
		day := today
		if *dayFlag != "" {
			day = *dayFlag
		}
		e, err := app.AddGratitude(ctx, ath, day, pos[1])
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, e)
		}
		fmt.Fprintf(env.Stdout, "Written down (entry %d, %s). Print them all: rekindle gratitude poster --out poster.svg\n", e.ID, e.Day)
		return nil
	case "delete":
		id, err := idArg(env, "gratitude", pos)
		if err != nil {
			return err
		}
		if err := app.DeleteGratitude(ctx, ath.ID, id); err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, "Deleted.")
		return nil
	case "list", "facts", "poster":
		if len(pos) > 1 {
			fs.Usage()
			return errUsage
		}
	default:
		fs.Usage()
		return errUsage
	}
	// The facts and entries the web app's gratitude page shows that day.
	gv, err := app.Gratitude(ctx, ath, time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 12, 0, 0, 0, loc))
	if err != nil {
		return err
	}
	facts, entries := gv.Facts, gv.Entries
	if action == "facts" {
		entries = []gratitude.Entry{}
	}
	switch action {
	case "poster":
		p := gratitude.Poster{Title: *title, Name: ath.Name, Facts: gratitude.Texts(facts), Entries: entries}
		if p.Name == "me" {
			p.Name = ""
		}
		f, err := os.Create(*out)
		if err != nil {
			return fmt.Errorf("poster: %w", err)
		}
		n := len(entries)
		if strings.EqualFold(filepath.Ext(*out), ".svg") {
			n, err = p.WriteSVG(f)
		} else {
			err = p.WriteHTML(f)
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(*out)
			return fmt.Errorf("poster: %w", err)
		}
		fmt.Fprintf(env.Stdout, "Wrote %s: %d facts and %d of your %d entries on one A4 page.\n", *out, len(facts), n, len(entries))
		return nil
	case "facts":
		if *asJSON {
			return writeJSON(env.Stdout, facts)
		}
	default:
		if *asJSON {
			return writeJSON(env.Stdout, map[string]any{"facts": facts, "entries": entries})
		}
	}
	var b strings.Builder
	if len(facts) == 0 {
		b.WriteString("No runs yet: import some (rekindle import PATH) and your facts appear here.\n")
	} else {
		b.WriteString("What your running says:\n")
		for _, f := range facts {
			b.WriteString("  · " + f.Text + "\n")
		}
	}
	if action == "list" {
		if len(entries) == 0 {
			b.WriteString("\nNothing written yet. What has running done for you? rekindle gratitude add \"...\"\n")
		} else {
			b.WriteString("\nYour entries:\n")
			for _, e := range entries {
				fmt.Fprintf(&b, "  %s  %s   [id %d]\n", e.Day, e.Text, e.ID)
			}
		}
	}
	_, err = fmt.Fprint(env.Stdout, b.String())
	return err
}
