package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/store"
)

func TestCoachCommand(t *testing.T) {
	db, last := sparkHistory(t, 20, true)
	ctx := context.Background()
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	c := &rekindle.Athlete{Name: "Coach Kim"}
	if err := s.CreateAthlete(ctx, c); err != nil {
		t.Fatal(err)
	}
	s.Close()
	kim := fmt.Sprint(c.ID)
	run := func(args ...string) string {
		t.Helper()
		out, errs, code := sparkRun(t, append([]string{"coach", "--db", db}, args...)...)
		if code != 0 {
			t.Fatalf("coach %v: exit %d: %s", args, code, errs)
		}
		return out
	}
	if _, errs, code := sparkRun(t, "coach", "--db", db, "request", "help"); code != 1 || !strings.Contains(errs, "no coach linked") {
		t.Errorf("request without a coach: %d %s", code, errs)
	}
	out := run("invite", "--scopes", "comment,edit_plan")
	token := regexp.MustCompile(`rkc_[A-Za-z0-9_-]+`).FindString(out)
	if token == "" {
		t.Fatalf("invite: %s", out)
	}
	if out := run("accept", token, "--as", kim); !strings.Contains(out, "You now coach me (athlete 1) (read,comment,edit_plan)") {
		t.Errorf("accept: %s", out)
	}
	if _, errs, code := sparkRun(t, "coach", "--db", db, "accept", token, "--as", kim); code != 1 || !strings.Contains(errs, "used") {
		t.Errorf("accept twice: %d %s", code, errs)
	}
	var req requestJSON
	if err := json.Unmarshal([]byte(run("request", "I feel flat, can you tweak my next weeks?", "--as-of", last.Format(time.DateOnly), "--json")), &req); err != nil {
		t.Fatal(err)
	}
	k := req.Context.Training
	if req.CoachID != c.ID || req.Context.AsOf != last.Format(time.DateOnly) || k == nil || k.Fitness <= 0 || k.RunsPerWeek < 4 || k.WeekDistanceM <= 0 || len(req.Context.Spark) < 100 {
		t.Fatalf("request %+v", req)
	}
	if !strings.Contains(string(req.Context.Spark), `"recommendations"`) {
		t.Errorf("spark context %.200s", req.Context.Spark)
	}
	id := fmt.Sprint(req.ID)
	out = run("reply", id, "Take a light week: 30 km, keep Thursday's session.", "--as", kim)
	if !strings.Contains(out, "coach, ") || !strings.Contains(out, "Take a light week") || !strings.Contains(out, "answered") || !strings.Contains(out, "Context on "+req.Context.AsOf) {
		t.Errorf("reply:\n%s", out)
	}
	run("reply", id, "Thanks, will do")
	// The coach holds edit_plan: they may write into the plan.
	if _, errs, code := sparkRun(t, "plan", "--db", db, "add", "2015-06-01", "long", "--distance", "18", "--note", "from Kim", "--as", kim); code != 0 {
		t.Errorf("coach edits plan: %s", errs)
	}
	if out := run("list", "--as", kim); !strings.Contains(out, "Athletes you coach") || !strings.Contains(out, "open") {
		t.Errorf("coach's list:\n%s", out)
	}
	run("revoke", kim)
	if _, errs, code := sparkRun(t, "plan", "--db", db, "add", "2015-06-02", "easy", "--as", kim); code != 1 || !strings.Contains(errs, "may not edit") {
		t.Errorf("revoked coach edits plan: %d %s", code, errs)
	}
	if _, errs, code := sparkRun(t, "coach", "--db", db, "reply", id, "one more thing", "--as", kim); code != 1 || !strings.Contains(errs, "revoked") {
		t.Errorf("revoked coach replies: %d %s", code, errs)
	}
	var l struct {
		Links []linkJSON `json:"links"`
	}
	if err := json.Unmarshal([]byte(run("list", "--json")), &l); err != nil {
		t.Fatal(err)
	}
	if len(l.Links) != 1 || l.Links[0].Active || l.Links[0].Name != "Coach Kim" {
		t.Errorf("links %+v", l.Links)
	}
}
