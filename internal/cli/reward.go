package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/gear"
	"rekindle/internal/locale"
	"rekindle/internal/reward"
	"rekindle/internal/store"
)

func init() {
	commands["reward"] = command{"a reward ledger with conditions and progress: reward add|list|claim", runReward}
}

const rewardUsage = `add TEXT [condition] | list | claim ID | delete ID

  rekindle reward add "a massage" --runs 8 --days 14          earned by running 8 times in 14 days
  rekindle reward add "dinner at Lucia's" --distance 60 --days 21
  rekindle reward add "a run with Ana" --experiment last       earned by seeing the accepted spark idea through
  rekindle reward add "new shoes" --shoe "Pegasus 40"          earned when the shoes reach their retire distance
  rekindle reward list [--json] [--as-of YYYY-MM-DD]
  rekindle reward claim ID                                     you took it`

func runReward(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("reward", rewardUsage, env)
	db := dbFlag(fs, env)
	asJSON := fs.Bool("json", false, "print JSON")
	asOfFlag := fs.String("as-of", "", "list: progress as of the end of this day, YYYY-MM-DD")
	runs := fs.Int("runs", 0, "add: earned by this many runs within --days")
	dist := fs.Float64("distance", 0, "add: earned by this distance (your unit) within --days")
	days := fs.Int("days", 14, "add: the window for --runs or --distance, in days")
	exp := fs.String("experiment", "", "add: earned by seeing this accepted idea through (its id, or 'last')")
	shoe := fs.String("shoe", "", "add: earned when these shoes (id or name) reach their retire distance")
	from := fs.String("from", "", "add: the window starts on this day, YYYY-MM-DD (default today)")
	pos, err := parseAction(fs, args)
	if err != nil {
		return err
	}
	app, ath, asOf, err := openAsOf(ctx, env, "reward", *db, *asOfFlag)
	if err != nil {
		return err
	}
	defer app.Close()
	loc := ath.Location()
	lc := athlete.Dates(ath)
	now := env.now()
	unit := ath.Unit
	if unit == "" {
		unit = rekindle.UnitKm
	}
	switch pos[0] {
	case "add":
		if len(pos) != 2 {
			fmt.Fprintln(env.Stderr, "reward add: want one TEXT (quote it)")
			return errUsage
		}
		y, m, d := now.In(loc).Date()
		start := time.Date(y, m, d, 0, 0, 0, 0, loc)
		if *from != "" {
			t, err := time.ParseInLocation(time.DateOnly, *from, loc)
			if err != nil {
				fmt.Fprintf(env.Stderr, "reward: --from wants YYYY-MM-DD, got %q\n", *from)
				return errUsage
			}
			start = t
		}
		r := reward.Reward{Text: strings.TrimSpace(pos[1]), Kind: reward.KindNone, Start: start.UTC()}
		set := 0
		if *runs > 0 {
			r.Kind, r.Runs, r.Days = reward.KindRuns, *runs, *days
			set++
		}
		if *dist > 0 {
			r.Kind, r.DistanceM, r.Days = reward.KindDistance, *dist*unitLen(unit), *days
			set++
		}
		if *exp != "" {
			id, err := findAcceptedExperiment(ctx, app, ath.ID, *exp)
			if err != nil {
				return err
			}
			r.Kind, r.ExperimentID = reward.KindExperiment, id
			set++
		}
		if *shoe != "" {
			g, err := findGear(ctx, app, ath.ID, *shoe)
			if err != nil {
				return err
			}
			if g.Kind != gear.KindShoes || g.RetireAtM <= 0 {
				return rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("%s are not shoes with a retire distance", g.Label()))
			}
			r.Kind, r.GearID = reward.KindShoe, g.ID
			set++
		}
		if set > 1 {
			fmt.Fprintln(env.Stderr, "reward add: one condition: --runs, --distance, --experiment or --shoe")
			return errUsage
		}
		if err := app.SaveReward(ctx, ath.ID, &r); err != nil {
			return err
		}
		f, err := app.RewardFacts(ctx, ath.ID, now)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, rewardJSONOf(&r, f, now, unit, loc, lc))
		}
		fmt.Fprintf(env.Stdout, "Reward %d: %s when you %s.\n", r.ID, r.Text, reward.Describe(&r, f, unitLen(unit), string(unit)))
		return nil
	case "list":
		if len(pos) != 1 {
			fs.Usage()
			return errUsage
		}
		live := asOf.IsZero()
		at := now
		if !live {
			at = time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 0, 0, 0, 0, loc).AddDate(0, 0, 1)
		}
		list, f, err := app.Ledger(ctx, ath.ID, at, live)
		if err != nil {
			return err
		}
		if *asJSON {
			out := []rewardJSON{}
			for i := range list {
				out = append(out, rewardJSONOf(&list[i], f, at, unit, loc, lc))
			}
			return writeJSON(env.Stdout, out)
		}
		if len(list) == 0 {
			fmt.Fprintln(env.Stdout, `No rewards yet: rekindle reward add "a massage" --runs 8 --days 14`)
			return nil
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 2, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tREWARD\tWHEN YOU\tPROGRESS")
		for i := range list {
			r := &list[i]
			p := reward.Evaluate(r, f, at)
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", r.ID, r.Text, reward.Describe(r, f, unitLen(unit), string(unit)), reward.Status(r, p, unitLen(unit), string(unit), loc, lc))
		}
		return tw.Flush()
	case "claim", "delete":
		id, err := idArg(env, "reward", pos)
		if err != nil {
			return err
		}
		if pos[0] == "delete" {
			if err := app.DeleteReward(ctx, ath.ID, id); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, "Deleted.")
			return nil
		}
		r, err := app.RewardByID(ctx, ath.ID, id)
		if err != nil {
			return err
		}
		f, err := app.RewardFacts(ctx, ath.ID, now)
		if err != nil {
			return err
		}
		p := reward.Evaluate(&r, f, now)
		if err := app.ClaimReward(ctx, ath.ID, id); err != nil {
			return err
		}
		if !p.Earned {
			fmt.Fprintf(env.Stdout, "Claimed %s before it was earned (%s). Enjoy it anyway.\n", r.Text, reward.Status(&r, p, unitLen(unit), string(unit), loc, lc))
			return nil
		}
		fmt.Fprintf(env.Stdout, "Enjoy %s: you earned it.\n", r.Text)
		return nil
	}
	fs.Usage()
	return errUsage
}

// findAcceptedExperiment resolves an experiment id or "last" (the latest accepted idea).
func findAcceptedExperiment(ctx context.Context, app *athlete.App, athleteID int64, ref string) (int64, error) {
	exps, err := app.ExperimentRecords(ctx, athleteID)
	if err != nil {
		return 0, err
	}
	var id int64
	if ref != "last" {
		if id, err = strconv.ParseInt(ref, 10, 64); err != nil {
			return 0, rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("--experiment %q: want an id or 'last'", ref))
		}
	}
	var found int64
	for _, e := range exps {
		if e.State == store.ExperimentAccepted && (id == 0 || e.ID == id) {
			found = e.ID
		}
	}
	if found == 0 {
		return 0, fmt.Errorf("accepted idea %s: %w (accept one with rekindle spark accept ID)", ref, rekindle.ErrNotFound)
	}
	return found, nil
}

type rewardJSON struct {
	ID        int64           `json:"id"`
	Text      string          `json:"text"`
	Kind      string          `json:"kind"`
	Condition string          `json:"condition"`
	Start     string          `json:"start"`
	Progress  reward.Progress `json:"progress"`
	Status    string          `json:"status"`
	Earned    string          `json:"earned,omitempty"`
	Claimed   string          `json:"claimed,omitempty"`
}

func rewardJSONOf(r *reward.Reward, f *reward.Facts, at time.Time, unit rekindle.Unit, loc *time.Location, lc locale.Locale) rewardJSON {
	p := reward.Evaluate(r, f, at)
	return rewardJSON{ID: r.ID, Text: r.Text, Kind: string(r.Kind), Condition: reward.Describe(r, f, unitLen(unit), string(unit)),
		Start: r.Start.Format(time.RFC3339), Progress: p, Status: reward.Status(r, p, unitLen(unit), string(unit), loc, lc),
		Earned: timeOrEmpty(p.EarnedAt), Claimed: timeOrEmpty(r.Claimed)}
}
