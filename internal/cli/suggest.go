package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/route"
	"rekindle/internal/streets"
	"rekindle/internal/units"
)

func init() {
	routesSubcommands["suggest"] = command{"suggest new routes: loops through streets never run, trails, a run to a café", runRoutesSuggest}
}

func runRoutesSuggest(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("routes suggest", "", env)
	db := dbFlag(fs, env)
	distFlag := fs.String("distance", "", "target distance: 8km, 5mi, 8000m (a bare number is km) (required)")
	from := fs.String("from", "", "start at LAT,LON (default: home, else the start of the most recent run)")
	surface := fs.String("surface", "mixed", "surface preference: road, mixed or trail")
	to := fs.String("to", "", "run to a place: cafe, bakery, park, viewpoint, or a name from the map")
	oneWay := fs.Bool("one-way", false, "with --to: end at the place (the way home is up to you)")
	count := fs.Int("count", 3, "how many suggestions")
	asJSON := fs.Bool("json", false, "print the suggestions as JSON (with polylines and cues)")
	dir := fs.String("gpx", "", "write each suggestion as GPX 1.1 and a FIT course file into this folder")
	asOfFlag := fs.String("as-of", "", "count runs (coverage, usual routes) up to this day, YYYY-MM-DD")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 || *distFlag == "" {
		fs.Usage()
		return errUsage
	}
	dist, err := parseDistance(*distFlag)
	if err != nil {
		fmt.Fprintf(env.Stderr, "routes suggest: %v\n", err)
		return errUsage
	}
	pref, err := streets.ParseSurfacePref(*surface)
	if err != nil {
		fmt.Fprintf(env.Stderr, "routes suggest: %v\n", err)
		return errUsage
	}
	if *oneWay && *to == "" {
		fmt.Fprintln(env.Stderr, "routes suggest: --one-way needs --to")
		return errUsage
	}
	var fromLat, fromLon float64
	if *from != "" {
		if fromLat, fromLon, err = parseLatLon(*from); err != nil {
			fmt.Fprintf(env.Stderr, "routes suggest: --from: %v\n", err)
			return errUsage
		}
	}
	app, ath, asOf, err := openAsOf(ctx, env, "routes suggest", *db, *asOfFlag)
	if err != nil {
		return err
	}
	defer app.Close()
	rs, err := routesOnGraph(ctx, app, ath, asOf)
	if err != nil {
		return err
	}
	startFrom := "--from"
	if *from == "" {
		fromLat, fromLon, startFrom = athlete.SuggestStart(ath, rs)
		if startFrom == "" {
			return errors.New("no start point: give --from LAT,LON or set your home in the settings")
		}
	}
	req := streets.Request{Lat: fromLat, Lon: fromLon, DistanceM: dist, Surface: pref, Count: *count, To: *to, OneWay: *oneWay}
	if cov, _ := rs.Coverage(); cov != nil {
		req.Run = cov.EdgeRun
	}
	req.Usual = athlete.UsualRoutes(rs, 5)
	t0 := time.Now()
	sugg, err := rs.Graph.Suggest(ctx, req)
	if err != nil {
		return fmt.Errorf("suggest: %w", err)
	}
	took := time.Since(t0)

	var files [][]string
	if *dir != "" {
		if files, err = writeSuggestionFiles(*dir, sugg, *to, env.now()); err != nil {
			return err
		}
	}
	out := suggestJSON{From: latLonJSON{Lat: fromLat, Lon: fromLon, Source: startFrom}, TargetM: dist, Surface: string(pref),
		To: *to, OneWay: *oneWay, Suggestions: sugg, TookMS: took.Milliseconds()}
	for i := range sugg {
		if i < len(files) {
			out.Files = append(out.Files, files[i]...)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", " ")
		return enc.Encode(out)
	}
	writeSuggestions(env.Stdout, out, files, ath.Unit)
	return nil
}

type latLonJSON struct {
	Lat    float64 `json:"lat"`
	Lon    float64 `json:"lon"`
	Source string  `json:"source"` // --from, home, last_run
}

type suggestJSON struct {
	From        latLonJSON           `json:"from"`
	TargetM     float64              `json:"target_m"`
	Surface     string               `json:"surface"`
	To          string               `json:"to,omitempty"`
	OneWay      bool                 `json:"one_way,omitempty"`
	Suggestions []streets.Suggestion `json:"suggestions"`
	Files       []string             `json:"files,omitempty"`
	TookMS      int64                `json:"took_ms"`
}

// parseDistance reads "8km", "5mi", "8000m", "10k" or a bare number of km.
func parseDistance(s string) (float64, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	mult := 1000.0
	switch {
	case strings.HasSuffix(v, "km"):
		v = strings.TrimSuffix(v, "km")
	case strings.HasSuffix(v, "mi"):
		v, mult = strings.TrimSuffix(v, "mi"), 1609.344
	case strings.HasSuffix(v, "m"):
		v, mult = strings.TrimSuffix(v, "m"), 1
	case strings.HasSuffix(v, "k"):
		v = strings.TrimSuffix(v, "k")
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || !(f > 0) {
		return 0, fmt.Errorf("--distance %q: want a length such as 8km, 5mi or 8000m", s)
	}
	d := f * mult
	if d < streets.MinSuggestM || d > streets.MaxSuggestM {
		return 0, fmt.Errorf("--distance %q: between %.1f and %.0f km please", s, streets.MinSuggestM/1000, streets.MaxSuggestM/1000)
	}
	return d, nil
}

func parseLatLon(s string) (float64, float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 2 {
		return 0, 0, fmt.Errorf("%q: want LAT,LON", s)
	}
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(parts[0]), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
	if err1 != nil || err2 != nil || !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
		return 0, 0, fmt.Errorf("%q: want LAT,LON in degrees", s)
	}
	return lat, lon, nil
}

// writeSuggestionFiles writes suggestion-N.gpx and suggestion-N.fit.
func writeSuggestionFiles(dir string, sugg []streets.Suggestion, to string, now time.Time) ([][]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("suggest: %w", err)
	}
	var out [][]string
	for i := range sugg {
		sg := &sugg[i]
		name := fmt.Sprintf("rekindle %s %s", strings.ReplaceAll(sg.Kind, "_", " "), units.Show(sg.DistanceM, rekindle.UnitKm))
		if to != "" && sg.Destination != nil && sg.Destination.Name != "" {
			name = fmt.Sprintf("to %s %s", sg.Destination.Name, units.Show(sg.DistanceM, rekindle.UnitKm))
		}
		base := filepath.Join(dir, fmt.Sprintf("suggestion-%d", i+1))
		write := func(path string, fn func(io.Writer) error) error {
			f, err := os.Create(path)
			if err != nil {
				return fmt.Errorf("suggest: %w", err)
			}
			if err := fn(f); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return fmt.Errorf("suggest: write %s: %w", path, err)
			}
			return nil
		}
		if err := write(base+".gpx", func(w io.Writer) error { return sg.WriteGPX(w, name) }); err != nil {
			return nil, err
		}
		if err := write(base+".fit", func(w io.Writer) error { return sg.WriteFIT(w, fmt.Sprintf("rekindle %d", i+1), now, 0) }); err != nil {
			return nil, err
		}
		out = append(out, []string{base + ".gpx", base + ".fit"})
	}
	return out, nil
}

func writeSuggestions(w io.Writer, out suggestJSON, files [][]string, unit rekindle.Unit) {
	per, uname := 1000.0, "km"
	if unit == rekindle.UnitMi {
		per, uname = 1609.344, "mi"
	}
	what := "Route suggestions"
	if out.To != "" {
		what = "Runs to " + out.To
	}
	src := map[string]string{"home": "home", "last_run": "the start of your last run", "--from": "the given point"}[out.From.Source]
	fmt.Fprintf(w, "%s from %s (%.5f,%.5f), about %s, surface %s:\n", what, src, out.From.Lat, out.From.Lon, units.Show(out.TargetM, unit), out.Surface)
	for i, s := range out.Suggestions {
		kind := strings.ReplaceAll(s.Kind, "_", " ")
		fmt.Fprintf(w, "\n%d. %s, %s, %.0f%% on streets you have never run", i+1, kind, units.Show(s.DistanceM, unit), s.NeverRunShare*100)
		if s.Destination != nil {
			fmt.Fprintf(w, ", to %s", suggestPlace(s.Destination))
		}
		fmt.Fprintln(w)
		sf := s.Surface
		fmt.Fprintf(w, "   road %.1f, path %.1f, trail %.1f, busy %.1f %s (trail share %.0f%%); %.0f%% on busy roads; elevation gain %s\n",
			units.Round(sf.RoadM/per, 1), units.Round(sf.PathM/per, 1), units.Round(sf.TrailM/per, 1), units.Round(sf.AvoidM/per, 1), uname, sf.TrailShare*100, s.BusyShare*100, streets.AscentText(s))
		if s.SimilarityToUsual >= route.Variant {
			fmt.Fprintf(w, "   much like one of your usual routes (%.0f%%)\n", s.SimilarityToUsual*100)
		}
		if s.ReusedM > 0 {
			fmt.Fprintf(w, "   runs %.0f m twice", s.ReusedM)
			if turn := streets.TurnText(s); turn != "" {
				// Out-and-backs offered in several directions read apart
				// by where they turn.
				fmt.Fprintf(w, " (%s)", turn)
			} else if s.StemM > 0 {
				fmt.Fprint(w, " (the way out from the start and back)")
			}
			fmt.Fprintln(w)
		}
		if len(s.Streets) > 0 {
			streets := s.Streets
			more := ""
			if len(streets) > 6 {
				streets, more = streets[:6], fmt.Sprintf(" and %d more", len(s.Streets)-6)
			}
			fmt.Fprintf(w, "   via %s%s\n", strings.Join(streets, ", "), more)
		}
		fmt.Fprintf(w, "   %d cues: ", len(s.Cues))
		for j, c := range s.Cues {
			if j >= 4 {
				fmt.Fprint(w, " …")
				break
			}
			if j > 0 {
				fmt.Fprint(w, "; ")
			}
			if j > 0 && c.Turn != streets.TurnArrive {
				fmt.Fprintf(w, "at %s ", units.Show(c.AtM, unit))
			}
			fmt.Fprint(w, c.Text)
		}
		fmt.Fprintln(w)
		if s.Note != "" {
			fmt.Fprintf(w, "   note: %s\n", s.Note)
		}
		if i < len(files) {
			fmt.Fprintf(w, "   → %s\n", strings.Join(files[i], ", "))
		}
	}
}

func suggestPlace(p *streets.Place) string {
	if p.Name != "" {
		return fmt.Sprintf("%s (%s)", p.Name, p.Kind)
	}
	return "a " + p.Kind
}
