package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"rekindle/internal/athlete"
)

func TestAthleteZonesCommand(t *testing.T) {
	db, _ := sparkHistory(t, 2, false)
	run := func(args ...string) string {
		t.Helper()
		out, errs, code := sparkRun(t, append([]string{"athlete"}, append(args, "--db", db)...)...)
		if code != 0 {
			t.Fatalf("athlete %v: exit %d: %s", args, code, errs)
		}
		return out
	}
	if out := run("zones", "list"); !strings.Contains(out, "no privacy zones") {
		t.Errorf("empty list: %q", out)
	}
	if out := run("zones", "add", "home", "--at", "52.52,13.405", "--radius", "400"); !strings.Contains(out, `"home": 400 m around 52.520000,13.405000`) {
		t.Errorf("add: %q", out)
	}
	run("zones", "add", "work", "--at", "52.5, 13.3")
	run("private", "1")
	var v athlete.PrivacyView
	if err := json.Unmarshal([]byte(run("zones", "list", "--json")), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Zones) != 2 || v.Zones[1].RadiusM != 500 || len(v.Private) != 1 || v.Private[0] != 1 {
		t.Fatalf("list %+v", v)
	}
	run("zones", "delete", "1")
	run("private", "1", "--off")
	if out := run("zones", "list"); strings.Contains(out, "home") || !strings.Contains(out, "work") || strings.Contains(out, "private") {
		t.Errorf("after delete: %q", out)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"zones", "add", "gym", "--at", "52.5,13.3", "--radius", "5000"}, 1, "radius must be 200–1000 m"},
		{[]string{"zones", "add", "gym", "--at", "north"}, 1, "--at wants LAT,LON"},
		{[]string{"zones", "delete", "99"}, 1, "not found"},
		{[]string{"private", "999"}, 1, "not found"},
		{[]string{"zones", "add"}, 2, ""},
	} {
		_, errs, code := sparkRun(t, append([]string{"athlete"}, append(c.args, "--db", db)...)...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d: %s", c.args, code, errs)
		}
	}
}
