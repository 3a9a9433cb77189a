package cli

import (
	"context"
	"fmt"
	"math"
	"rekindle/internal/units"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/gear"
)

func init() {
	commands["gear"] = command{"shoes and bikes and their mileage: gear add|list|retire|assign", runGear}
}

const gearUsage = `add NAME | list | retire GEAR | assign GEAR (ACTIVITY_ID...|last) | assign GEAR --default SPORTS

  rekindle gear add "Pegasus 40" --brand Nike --default running   new shoes (retire at 700 km unless --retire)
  rekindle gear add Commuter --bike --default cycling
  rekindle gear list [--json] [--as-of YYYY-MM-DD]                   mileage per shoe and bike
  rekindle gear retire GEAR [--on YYYY-MM-DD]                        GEAR is an id or a name
  rekindle gear assign GEAR 42 43 | last                             these activities were run in GEAR
  rekindle gear assign none 42                                       forget the manual assignment of 42
  rekindle gear assign GEAR --default running,trail_running          GEAR is the default for these sports

Activities are assigned by hand first, then by the gear name their source
gave (Strava's gear column), then by the default for their sport.`

// unitLen is the length of one display unit in metres.
func unitLen(u rekindle.Unit) float64 {
	return units.Metres(u)
}

// showDist formats metres in the athlete's unit: "712 km", "8.4 km".
func showDist(u rekindle.Unit, m float64) string { return units.Show(m, u) }

func runGear(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("gear", gearUsage, env)
	db := dbFlag(fs, env)
	asJSON := fs.Bool("json", false, "print JSON")
	asOfFlag := fs.String("as-of", "", "list: mileage as of the end of this day, YYYY-MM-DD")
	brand := fs.String("brand", "", "add: the brand")
	bike := fs.Bool("bike", false, "add: a bike rather than shoes")
	retire := fs.Float64("retire", -1, "add: retire at this distance in your unit (default 700 km for shoes, none for bikes; 0: never)")
	startDist := fs.Float64("start", 0, "add: distance already on it, in your unit")
	defaults := fs.String("default", "", "add, assign: the sports it is the default for, comma separated (running covers every kind of run)")
	on := fs.String("on", "", "add: first day in use; retire: the day it was retired (YYYY-MM-DD, default today)")
	pos, err := parseAction(fs, args)
	if err != nil {
		return err
	}
	asOf, err := parseAsOf(env, "gear", *asOfFlag)
	if err != nil {
		return err
	}
	var sports []rekindle.Sport
	for _, sp := range splitList(*defaults) {
		sports = append(sports, rekindle.Sport(sp))
	}
	app, ath, err := openAthlete(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	loc := ath.Location()
	onDay := env.now().UTC()
	if *on != "" {
		t, err := time.ParseInLocation(time.DateOnly, *on, loc)
		if err != nil {
			fmt.Fprintf(env.Stderr, "gear: --on wants YYYY-MM-DD, got %q\n", *on)
			return errUsage
		}
		onDay = t.UTC()
	}
	ul := unitLen(ath.Unit)
	switch pos[0] {
	case "add":
		if len(pos) != 2 {
			fmt.Fprintln(env.Stderr, "gear add: want one NAME (quote it when it has spaces)")
			return errUsage
		}
		g := gear.Gear{Kind: gear.KindShoes, Name: strings.TrimSpace(pos[1]), Brand: strings.TrimSpace(*brand), StartM: *startDist * ul, DefaultFor: sports}
		if *bike {
			g.Kind = gear.KindBike
		}
		switch {
		case *retire >= 0:
			g.RetireAtM = *retire * ul
		case g.Kind == gear.KindShoes:
			g.RetireAtM = gear.DefaultShoeRetireM
		}
		if *on != "" {
			g.Added = onDay
		}
		if err := app.SaveGear(ctx, ath.ID, &g); err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, gearJSONOf(gear.Mileage{Gear: g, DistanceM: g.StartM}, ath.Unit))
		}
		fmt.Fprintf(env.Stdout, "Added %s (id %d)", g.Label(), g.ID)
		if g.RetireAtM > 0 {
			fmt.Fprintf(env.Stdout, ", to retire at %s", showDist(ath.Unit, g.RetireAtM))
		}
		fmt.Fprintln(env.Stdout, ".")
		return nil
	case "list":
		if len(pos) != 1 {
			fs.Usage()
			return errUsage
		}
		end := time.Time{}
		if !asOf.IsZero() {
			end = time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 0, 0, 0, 0, loc).AddDate(0, 0, 1)
		}
		m, err := app.GearMileage(ctx, ath.ID, end)
		if err != nil {
			return err
		}
		if *asJSON {
			out := []gearJSON{}
			for _, x := range m {
				out = append(out, gearJSONOf(x, ath.Unit))
			}
			return writeJSON(env.Stdout, out)
		}
		if len(m) == 0 {
			fmt.Fprintln(env.Stdout, `No gear yet: rekindle gear add "Pegasus 40" --brand Nike --default running`)
			return nil
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 2, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tGEAR\tKIND\tDISTANCE\tRETIRE AT\tACTIVITIES\tLAST USED\tSTATE")
		for _, x := range m {
			ret, last, state := "—", "—", "in use"
			if x.Gear.RetireAtM > 0 {
				ret = showDist(ath.Unit, x.Gear.RetireAtM)
			}
			if !x.Last.IsZero() {
				last = x.Last.In(loc).Format(time.DateOnly)
			}
			switch {
			case !x.Gear.Retired.IsZero():
				state = "retired " + x.Gear.Retired.In(loc).Format(time.DateOnly)
			case x.Due():
				state = "due: new ones earned"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", x.Gear.ID, x.Gear.Label(), x.Gear.Kind, showDist(ath.Unit, x.DistanceM), ret, x.Activities, last, state)
		}
		return tw.Flush()
	case "retire":
		if len(pos) != 2 {
			fmt.Fprintln(env.Stderr, "gear retire: want one GEAR (an id or a name)")
			return errUsage
		}
		g, err := findGear(ctx, app, ath.ID, pos[1])
		if err != nil {
			return err
		}
		g.Retired = onDay
		if !g.Added.IsZero() && g.Retired.Before(g.Added) {
			g.Retired = g.Added
		}
		if err := app.SaveGear(ctx, ath.ID, &g); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Retired %s on %s.\n", g.Label(), g.Retired.In(loc).Format(time.DateOnly))
		return nil
	case "assign":
		if len(pos) < 2 || (len(pos) == 2 && len(sports) == 0) {
			fmt.Fprintln(env.Stderr, "gear assign: want GEAR and activity ids (or 'last'), or GEAR --default SPORTS")
			return errUsage
		}
		var g gear.Gear
		if pos[1] != "none" {
			if g, err = findGear(ctx, app, ath.ID, pos[1]); err != nil {
				return err
			}
		}
		if len(sports) > 0 {
			if g.ID == 0 {
				fmt.Fprintln(env.Stderr, "gear assign none --default: name the gear")
				return errUsage
			}
			g.DefaultFor = sports
			if err := app.SaveGear(ctx, ath.ID, &g); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "%s is now the default for %s.\n", g.Label(), *defaults)
		}
		var ids []int64
		for _, ref := range pos[2:] {
			a, err := findActivity(ctx, app, ath.ID, ref)
			if err != nil {
				return err
			}
			ids = append(ids, a.ID)
		}
		if len(ids) == 0 {
			return nil
		}
		if err := app.AssignGear(ctx, ath.ID, g.ID, ids); err != nil {
			return err
		}
		if g.ID == 0 {
			fmt.Fprintf(env.Stdout, "Cleared the manual gear of %d activities.\n", len(ids))
		} else {
			fmt.Fprintf(env.Stdout, "Assigned %d activities to %s.\n", len(ids), g.Label())
		}
		return nil
	}
	fs.Usage()
	return errUsage
}

// findGear resolves an id or a name (folded, name or brand and name).
func findGear(ctx context.Context, app *athlete.App, athleteID int64, ref string) (gear.Gear, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		return app.GearByID(ctx, athleteID, id)
	}
	list, err := app.GearList(ctx, athleteID)
	if err != nil {
		return gear.Gear{}, err
	}
	fold := func(x string) string { return strings.Join(strings.Fields(strings.ToLower(x)), " ") }
	var found []gear.Gear
	for _, g := range list {
		if fold(g.Name) == fold(ref) || fold(g.Label()) == fold(ref) {
			found = append(found, g)
		}
	}
	switch len(found) {
	case 0:
		return gear.Gear{}, fmt.Errorf("gear %q: %w (see rekindle gear list)", ref, rekindle.ErrNotFound)
	case 1:
		return found[0], nil
	}
	return gear.Gear{}, rekindle.Errorf(rekindle.CodeConflict, fmt.Sprintf("several gear named %q: use the id (rekindle gear list)", ref))
}

type gearJSON struct {
	ID         int64    `json:"id"`
	Kind       string   `json:"kind"`
	Name       string   `json:"name"`
	Brand      string   `json:"brand,omitempty"`
	Label      string   `json:"label"`
	DistanceM  float64  `json:"distance_m"`
	Distance   string   `json:"distance"`
	RetireAtM  float64  `json:"retire_at_m"`
	Activities int      `json:"activities"`
	DefaultFor []string `json:"default_for"`
	Added      string   `json:"added,omitempty"`
	Retired    string   `json:"retired,omitempty"`
	LastUsed   string   `json:"last_used,omitempty"`
	Due        bool     `json:"due"`
	ReachedAt  string   `json:"reached_retire_at,omitempty"`
}

func gearJSONOf(m gear.Mileage, u rekindle.Unit) gearJSON {
	j := gearJSON{ID: m.Gear.ID, Kind: string(m.Gear.Kind), Name: m.Gear.Name, Brand: m.Gear.Brand, Label: m.Gear.Label(),
		DistanceM: math.Round(m.DistanceM), Distance: showDist(u, m.DistanceM), RetireAtM: m.Gear.RetireAtM, Activities: m.Activities,
		DefaultFor: []string{}, Added: timeOrEmpty(m.Gear.Added), Retired: timeOrEmpty(m.Gear.Retired), LastUsed: timeOrEmpty(m.Last),
		Due: m.Due(), ReachedAt: timeOrEmpty(m.ReachedAt)}
	for _, s := range m.Gear.DefaultFor {
		j.DefaultFor = append(j.DefaultFor, string(s))
	}
	return j
}
