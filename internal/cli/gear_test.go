package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestGearCommand(t *testing.T) {
	db, _ := sparkHistory(t, 20, false) // 100 runs named "Pegasus 40", 775 km
	run := func(args ...string) string {
		t.Helper()
		out, errs, code := sparkRun(t, append([]string{"gear", "--db", db}, args...)...)
		if code != 0 {
			t.Fatalf("gear %v: exit %d: %s", args, code, errs)
		}
		return out
	}
	if out := run("list"); !strings.Contains(out, "No gear yet") {
		t.Errorf("empty list: %q", out)
	}
	if out := run("add", "Pegasus 40", "--brand", "Nike"); !strings.Contains(out, "Nike Pegasus 40") || !strings.Contains(out, "700.0 km") {
		t.Errorf("add: %q", out)
	}
	run("add", "Commuter", "--bike", "--default", "cycling")
	var list []gearJSON
	if err := json.Unmarshal([]byte(run("list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Activities != 100 || !list[0].Due || list[0].DistanceM < 700_000 || list[1].Activities != 0 || list[1].RetireAtM != 0 {
		t.Fatalf("list %+v", list)
	}
	// As of a day in the third week only the first two weeks count.
	if err := json.Unmarshal([]byte(run("list", "--json", "--as-of", "2015-01-18")), &list); err != nil {
		t.Fatal(err)
	}
	if list[0].Activities != 10 || list[0].Due {
		t.Errorf("as of 2015-01-18: %+v", list[0])
	}
	run("assign", "commuter", "last")
	if err := json.Unmarshal([]byte(run("list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if list[0].Activities != 99 || list[1].Activities != 1 {
		t.Errorf("after assign: %+v", list)
	}
	if out := run("retire", "Nike Pegasus 40", "--on", "2015-06-01"); !strings.Contains(out, "Retired Nike Pegasus 40 on 2015-06-01") {
		t.Errorf("retire: %q", out)
	}
	if out := run("list"); !strings.Contains(out, "retired 2015-06-01") {
		t.Errorf("list after retire:\n%s", out)
	}
	if _, errs, code := sparkRun(t, "gear", "--db", db, "retire", "Ghost"); code != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("retire unknown: %d %s", code, errs)
	}
	if _, errs, code := sparkRun(t, "gear", "--db", db, "add", "Ski", "--default", "skiing"); code != 1 || !strings.Contains(errs, "cannot be the default") {
		t.Errorf("bad default: %d %s", code, errs)
	}
	if _, _, code := sparkRun(t, "gear", "--db", db); code != 2 {
		t.Errorf("no subcommand: exit %d", code)
	}
}
