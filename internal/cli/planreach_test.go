package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	ical "github.com/emersion/go-ical"
	"github.com/muktihari/fit/decoder"

	"rekindle/internal/testkit"
)

// The plan leaves rekindle: a feed URL, a one-off .ics (checked with
// emersion/go-ical), FIT workouts (decoded with muktihari/fit), and an
// edit that keeps the calendar UID.
func TestPlanFeedICSAndFIT(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	asOf := "2025-06-02"
	for _, a := range [][]string{
		{"plan", "--db", db, "add", "2025-06-03", "quality", "--distance", "11", "--note", "2 km warm-up, 5 × 1000 m at 4:00/km with 400 m jog, 2 km cool-down"},
		{"plan", "--db", db, "add", "2025-06-05", "rest"},
		{"plan", "--db", db, "add", "2025-06-08", "long", "--distance", "18"},
	} {
		if out, errs, code := runCLI(t, a...); code != 0 {
			t.Fatalf("%v: %s %s", a, out, errs)
		}
	}
	out, errs, code := runCLI(t, "plan", "--db", db, "feed", "--rotate", "--url", "https://run.example.org/")
	m := regexp.MustCompile(`https://run\.example\.org/api/v1/calendar/\d+/[A-Za-z0-9_-]{32}\.ics`).FindString(out)
	if code != 0 || m == "" {
		t.Fatalf("feed --rotate: %d %q %s", code, out, errs)
	}
	if out, _, _ := runCLI(t, "plan", "--db", db, "feed"); !strings.Contains(out, "Calendar feed on since") {
		t.Errorf("feed status %q", out)
	}
	ics := filepath.Join(dir, "plan.ics")
	if _, errs, code := runCLI(t, "plan", "--db", db, "--as-of", asOf, "ics", "-o", ics); code != 0 {
		t.Fatal(errs)
	}
	uids := func() map[string]string {
		b, err := os.ReadFile(ics)
		if err != nil {
			t.Fatal(err)
		}
		cal, err := ical.NewDecoder(bytes.NewReader(b)).Decode()
		if err != nil {
			t.Fatalf("go-ical: %v", err)
		}
		if err := ical.NewEncoder(&bytes.Buffer{}).Encode(cal); err != nil {
			t.Fatalf("go-ical structure: %v", err)
		}
		out := map[string]string{}
		for _, e := range cal.Events() {
			uid, _ := e.Props.Text(ical.PropUID)
			s, _ := e.Props.Text(ical.PropSummary)
			out[uid] = s
		}
		return out
	}
	before := uids()
	if len(before) != 3 {
		t.Fatalf("events %v", before)
	}
	// Edit the long run (id 3): same UID, new summary.
	if out, errs, code := runCLI(t, "plan", "--db", db, "edit", "3", "--distance", "20", "--day", "2025-06-07"); code != 0 || !strings.Contains(out, "20.0 km long run") {
		t.Fatalf("edit: %s %s", out, errs)
	}
	if _, errs, code := runCLI(t, "plan", "--db", db, "--as-of", asOf, "ics", "-o", ics); code != 0 {
		t.Fatal(errs)
	}
	after := uids()
	found := false
	for uid, s := range after {
		if strings.HasSuffix(uid, "-3@rekindle") {
			found = true
			if _, ok := before[uid]; !ok || s != "Long run 20.0 km" {
				t.Errorf("edited session: uid %s (before %v), summary %q", uid, before, s)
			}
		}
	}
	if !found || len(after) != 3 {
		t.Fatalf("after edit %v", after)
	}
	// Revoked: the status says so.
	if out, _, code := runCLI(t, "plan", "--db", db, "feed", "--revoke"); code != 0 || !strings.Contains(out, "revoked") {
		t.Fatalf("revoke %q", out)
	}
	if out, _, _ := runCLI(t, "plan", "--db", db, "feed"); !strings.Contains(out, "No calendar feed") {
		t.Errorf("after revoke %q", out)
	}

	fitDir := filepath.Join(dir, "watch")
	out, errs, code = runCLI(t, "plan", "--db", db, "--as-of", asOf, "--days", "7", "export", "--fit", fitDir)
	if code != 0 || !strings.Contains(out, "2 FIT workouts") {
		t.Fatalf("export: %s %s", out, errs)
	}
	files, _ := filepath.Glob(filepath.Join(fitDir, "*.fit"))
	if len(files) != 2 || filepath.Base(files[0]) != "2025-06-03_quality_1.fit" {
		t.Fatalf("files %v", files)
	}
	b, _ := os.ReadFile(files[0])
	fit, err := decoder.New(bytes.NewReader(b)).Decode()
	if err != nil {
		t.Fatalf("muktihari decode %s: %v", files[0], err)
	}
	steps := 0
	for _, m := range fit.Messages {
		if m.Num == 27 {
			steps++
		}
	}
	if steps != 5 { // warm-up, interval, jog, repeat, cool-down
		t.Errorf("%d workout steps", steps)
	}
}

// TestNotifyCommand: a race in 3 days is told once, e-mailed once through
// a real SMTP server process (aiosmtpd), not again on a second run.
func TestNotifyCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "n.db")
	if _, errs, code := runCLI(t, "plan", "--db", db, "add", "2025-06-05", "race", "--distance", "10", "--note", "Harbour 10K"); code != 0 {
		t.Fatal(errs)
	}
	out, errs, code := runCLI(t, "notify", "--db", db, "--as-of", "2025-06-02")
	if code != 0 || strings.Count(out, "Harbour 10K") != 1 {
		t.Fatalf("notify: %d %q %s", code, out, errs)
	}
	addr, delivered := testkit.SMTPServer(t)
	for range 2 {
		out, errs, code = runCLI(t, "notify", "--db", db, "--as-of", "2025-06-02", "--send", "--smtp", addr, "--from", "coach@run.example.org", "--to", "ann@example.org")
		if code != 0 {
			t.Fatalf("send: %q %s", out, errs)
		}
	}
	if !strings.Contains(out, "Sent 0, failed 0") || len(delivered()) != 1 {
		t.Fatalf("second send %q, %d delivered", out, len(delivered()))
	}
	if out, _, _ = runCLI(t, "notify", "--db", db, "--as-of", "2025-06-02"); !strings.Contains(out, "e-mail: sent") {
		t.Errorf("list after send %q", out)
	}
	// Per-kind opt-in and quiet hours.
	out, errs, code = runCLI(t, "notify", "--db", db, "--email-off", "weekly_digest,no_run", "--quiet", "22:00-07:00")
	if code != 0 || !strings.Contains(out, "weekly_digest    off") || !strings.Contains(out, "race_soon        on") || !strings.Contains(out, "Quiet hours: 22:00-07:00") || !strings.Contains(out, "1 sent") {
		t.Fatalf("settings: %d %q %s", code, out, errs)
	}
	if out, errs, code = runCLI(t, "notify", "--db", db, "--email-off", "nonsense"); code == 0 || !strings.Contains(errs, `unknown kind of notification "nonsense"`) {
		t.Errorf("unknown kind: %d %q %q", code, out, errs)
	}
	if out, errs, code = runCLI(t, "notify", "--db", db, "--quiet", "25:00-07:00"); code == 0 || !strings.Contains(errs, "quiet hours") {
		t.Errorf("bad quiet hours: %d %q %q", code, out, errs)
	}
}
