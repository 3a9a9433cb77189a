package cli

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"rekindle/internal/athlete"
)

func TestRewardCommand(t *testing.T) {
	db, last := sparkHistory(t, 20, false) // 100 runs in "Pegasus 40", 775 km, five a week
	run := func(args ...string) string {
		t.Helper()
		out, errs, code := sparkRun(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		return out
	}
	run("gear", "--db", db, "add", "Pegasus 40", "--brand", "Nike")
	if out := run("reward", "--db", db, "add", "new shoes", "--shoe", "pegasus 40"); !strings.Contains(out, "new shoes when you your Nike Pegasus 40 reach 700 km") {
		t.Errorf("add shoes: %q", out)
	}
	// Five runs a week: 8 runs in 14 days from week 10 is earned on the
	// 8th run; 20 runs in 14 days never is.
	from := last.AddDate(0, 0, -7*10+1).Format(time.DateOnly)
	run("reward", "--db", db, "add", "a massage", "--runs", "8", "--days", "14", "--from", from)
	run("reward", "--db", db, "add", "a run with an old friend", "--runs", "20", "--days", "14", "--from", from)
	if _, errs, code := sparkRun(t, "reward", "--db", db, "add", "x", "--runs", "3", "--shoe", "1"); code != 2 || !strings.Contains(errs, "one condition") {
		t.Errorf("two conditions: %d %s", code, errs)
	}
	var list []rewardJSON
	if err := json.Unmarshal([]byte(run("reward", "--db", db, "list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 || !list[0].Progress.Earned || !list[1].Progress.Earned || list[2].Progress.Earned || !list[2].Progress.Expired || list[2].Progress.Done != 10 {
		t.Fatalf("list %+v", list)
	}
	if !strings.Contains(list[2].Status, "10 of 20 runs, window ended") {
		t.Errorf("status %q", list[2].Status)
	}

	// The spark adapter carries the mileage and the ledger as of the last day
	// (the shoe reward was added today, after it).
	ctx := context.Background()
	app, err := athlete.Open(ctx, db, athlete.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ath, _ := app.DefaultAthlete(ctx)
	in, err := app.SparkInput(ctx, ath, time.Date(last.Year(), last.Month(), last.Day(), 23, 59, 0, 0, time.UTC))
	app.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Gear) != 1 || in.Gear[0].Name != "Nike Pegasus 40" || in.Gear[0].DistanceM < 700_000 || len(in.Rewards) != 2 || !in.Rewards[0].Earned || !in.Rewards[1].Expired || in.Rewards[0].Claimed {
		t.Errorf("spark input gear %+v rewards %+v", in.Gear, in.Rewards)
	}

	if out := run("reward", "--db", db, "claim", "1"); !strings.Contains(out, "Enjoy new shoes: you earned it") {
		t.Errorf("claim: %q", out)
	}
	if _, errs, code := sparkRun(t, "reward", "--db", db, "claim", "1"); code != 1 || !strings.Contains(errs, "already claimed") {
		t.Errorf("claim twice: %d %s", code, errs)
	}
	if out := run("reward", "--db", db, "list"); !strings.Contains(out, "claimed") || !strings.Contains(out, "a massage") {
		t.Errorf("list:\n%s", out)
	}
}
