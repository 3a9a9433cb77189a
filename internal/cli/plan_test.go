package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestAcceptWritesPlan(t *testing.T) {
	db, last := sparkHistory(t, 20, true)
	r := sparkAt(t, db, last)
	top := r.Recommendations[0]
	if top.ID != "rest-light-week" {
		t.Fatalf("top idea %s", top.ID)
	}
	out, errs, code := sparkRun(t, "spark", "--db", db, "--as-of", last.Format(time.DateOnly), "accept", top.ID)
	// The accept output lists the sessions written, each as the card said it.
	if code != 0 || !strings.Contains(out, "Written into your plan") || !strings.Contains(out, "  "+top.Actions[0]+"\n") || !strings.Contains(out, "  "+top.Actions[6]+"\n") {
		t.Fatalf("accept: %d %s %s", code, out, errs)
	}
	from := last.AddDate(0, 0, 1).Format(time.DateOnly)
	out, errs, code = sparkRun(t, "plan", "--db", db, "--as-of", from, "--week", "--json")
	if code != 0 {
		t.Fatal(errs)
	}
	var p struct {
		Days []struct {
			Day      string `json:"day"`
			Sessions []struct {
				Kind         string  `json:"kind"`
				DistanceM    float64 `json:"distance_m"`
				ExperimentID int64   `json:"experiment_id"`
			} `json:"sessions"`
		} `json:"days"`
		Totals struct {
			RunDistanceM float64 `json:"run_distance_m"`
			Sessions     int     `json:"sessions"`
			RestDays     int     `json:"rest_days"`
		} `json:"totals"`
	}
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Days) != 7 || p.Days[0].Day != from || p.Totals.Sessions != 5 || p.Totals.RestDays != 2 {
		t.Fatalf("plan %+v", p)
	}
	// The total in the plan is the total the idea promised.
	km := strings.TrimSuffix(strings.Fields(strings.SplitN(top.Title, ": ", 2)[1])[0], "")
	if got := showDist("km", p.Totals.RunDistanceM); !strings.HasPrefix(got, km) {
		t.Errorf("planned %s, idea says %q", got, top.Title)
	}
	for _, d := range p.Days {
		for _, s := range d.Sessions {
			if s.ExperimentID == 0 {
				t.Errorf("%s: session without its experiment", d.Day)
			}
		}
	}
	// Add one by hand, see it in the human view, delete it.
	if out, errs, code := sparkRun(t, "plan", "--db", db, "add", from, "cross", "--sport", "yoga", "--minutes", "60"); code != 0 || !strings.Contains(out, "yoga, 60 min") {
		t.Fatalf("add: %s %s", out, errs)
	}
	out, _, _ = sparkRun(t, "plan", "--db", db, "--as-of", from, "--week")
	if !strings.Contains(out, "yoga, 60 min") || !strings.Contains(out, "light week") || !strings.Contains(out, "Total:") {
		t.Errorf("plan --week:\n%s", out)
	}
	if _, errs, code := sparkRun(t, "plan", "--db", db, "add", from, "tempo"); code != 1 || !strings.Contains(errs, "kind") {
		t.Errorf("bad kind: %d %s", code, errs)
	}
	out, _, _ = sparkRun(t, "plan", "--db", db, "--as-of", "2030-01-01")
	if !strings.Contains(out, "Nothing planned") {
		t.Errorf("empty plan: %s", out)
	}
	// A week with nothing in it names the next session, as Home does: an
	// idea whose sessions start later is never "nothing planned" alone.
	if _, errs, code := sparkRun(t, "plan", "--db", db, "add", "2030-01-20", "race", "--distance", "10"); code != 0 {
		t.Fatal(errs)
	}
	out, _, _ = sparkRun(t, "plan", "--db", db, "--as-of", "2030-01-01", "--week")
	if !strings.Contains(out, "Nothing planned from 2030-01-01 to 2030-01-07. Next in your plan: ") || !strings.Contains(out, "20 Jan") {
		t.Errorf("empty week before a race: %s", out)
	}
}

// An accepted idea can be given up: its sessions leave the plan and the
// experiment is recorded as abandoned (and never judged again).
func TestSparkAbandon(t *testing.T) {
	db, last := sparkHistory(t, 20, true)
	r := sparkAt(t, db, last)
	top := r.Recommendations[0]
	day := last.Format(time.DateOnly)
	if _, errs, code := sparkRun(t, "spark", "--db", db, "--as-of", day, "accept", top.ID); code != 0 {
		t.Fatal(errs)
	}
	out, errs, code := sparkRun(t, "spark", "--db", db, "--as-of", day, "abandon", "1", "--json")
	if code != 0 {
		t.Fatalf("abandon: %s", errs)
	}
	var res struct {
		Outcome string `json:"outcome"`
		Removed int    `json:"removed_sessions"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Outcome != "abandoned" || res.Removed != 7 { // the light week
		t.Errorf("abandon %s, want abandoned with the 7 days removed", out)
	}
	if out, _, _ := sparkRun(t, "plan", "--db", db, "--as-of", day); !strings.Contains(out, "Nothing planned") {
		t.Errorf("plan after abandon:\n%s", out)
	}
	if _, errs, code := sparkRun(t, "spark", "--db", db, "--as-of", day, "abandon", "1"); code == 0 || !strings.Contains(errs, "already given up") {
		t.Errorf("abandoned twice: %d %s", code, errs)
	}
	if out, _, _ := sparkRun(t, "spark", "--db", db, "--as-of", last.AddDate(0, 0, 30).Format(time.DateOnly), "experiments"); !strings.Contains(out, "given up") {
		t.Errorf("experiments:\n%s", out)
	}
}
