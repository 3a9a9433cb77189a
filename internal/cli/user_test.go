package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"rekindle/internal/ingest"
	"rekindle/internal/server"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// cliRun runs one command with stdin and returns stdout, stderr and the exit code.
func cliRun(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errs bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(stdin), &out, &errs)
	return out.String(), errs.String(), code
}

func TestUserCommand(t *testing.T) {
	dsns := map[string]string{"sqlite": filepath.Join(t.TempDir(), "u.db")}
	if pg := store.PostgresTestDSN(t); pg != "" {
		dsns["postgres"] = pg
	}
	ctx := context.Background()
	for name, db := range dsns {
		t.Run(name, func(t *testing.T) {
			must := func(stdin string, args ...string) string {
				t.Helper()
				out, errs, code := cliRun(t, stdin, append(args, "--db", db)...)
				if code != 0 {
					t.Fatalf("%v: exit %d: %s", args, code, errs)
				}
				return out
			}
			must("first password\n", "user", "create", "Ann@Example.org")
			must("second password\n", "user", "create", "bob@example.org", "--name", "Bob")
			if _, errs, code := cliRun(t, "short\n", "user", "create", "c@example.org", "--db", db); code == 0 || !strings.Contains(errs, "at least") {
				t.Errorf("short password accepted: %d %s", code, errs)
			}
			if _, _, code := cliRun(t, "another password\n", "user", "create", "bob@example.org", "--db", db); code == 0 {
				t.Errorf("a taken email accepted")
			}
			var list []struct {
				Email     string `json:"email"`
				AthleteID int64  `json:"athlete_id"`
				Admin     bool   `json:"admin"`
			}
			if err := json.Unmarshal([]byte(must("", "user", "list", "--json")), &list); err != nil {
				t.Fatal(err)
			}
			if len(list) != 2 || list[0].Email != "ann@example.org" || !list[0].Admin || list[1].Admin {
				t.Fatalf("list %+v", list)
			}
			bob := list[1].AthleteID

			s, err := store.Open(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			must("new secret words\n", "user", "password", "bob@example.org")
			acc, err := s.GetAccount(ctx, bob)
			if err != nil {
				t.Fatal(err)
			}
			if ok, _ := server.CheckPassword(acc.PasswordHash, "new secret words"); !ok {
				t.Errorf("the new password does not check")
			}
			if ok, _ := server.CheckPassword(acc.PasswordHash, "second password"); ok {
				t.Errorf("the old password still checks")
			}

			// Bob has activities, originals and a session; delete removes them all.
			if _, err := ingest.Import(ctx, s, bob, []string{testkit.Activities(t, "tcx")}, ingest.Options{}); err != nil {
				t.Fatal(err)
			}
			before := 0
			s.ExportAthlete(ctx, bob, func(table string, row map[string]any) error { before++; return nil })
			if before == 0 {
				t.Fatal("bob has no rows to delete")
			}
			if err := s.CreateSession(ctx, store.Session{AthleteID: bob, TokenHash: "x", CSRF: "y"}); err != nil {
				t.Fatal(err)
			}
			if _, errs, code := cliRun(t, "", "user", "delete", "bob@example.org", "--db", db); code == 0 || !strings.Contains(errs, "--yes") {
				t.Errorf("delete without confirmation: %d %s", code, errs)
			}
			must("", "user", "delete", "bob@example.org", "--yes")
			rows := 0
			s.ExportAthlete(ctx, bob, func(table string, row map[string]any) error { rows++; return nil })
			var left int
			s.DB().QueryRow(`SELECT COUNT(*) FROM sessions WHERE athlete_id = ` + jsonInt(bob)).Scan(&left)
			if rows+left != 0 {
				t.Errorf("%d rows of the deleted athlete are left", rows+left)
			}
			if out := must("", "user", "list"); strings.Contains(out, "bob@") || !strings.Contains(out, "ann@example.org") {
				t.Errorf("list after delete: %s", out)
			}
		})
	}
}

func jsonInt(v int64) string { b, _ := json.Marshal(v); return string(b) }

func TestImportReprocessExportCommands(t *testing.T) {
	data := testkit.Activities(t, "gpx")
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	if _, errs, code := cliRun(t, "", "import", "--quiet", "--db", db, data); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	out, errs, code := cliRun(t, "", "reprocess", "--json", "--db", db)
	if code != 0 {
		t.Fatalf("reprocess: %s", errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for _, l := range lines {
		var r ingest.ReprocessResult
		if err := json.Unmarshal([]byte(l), &r); err != nil || r.Status != ingest.ReprocessUnchanged {
			t.Errorf("reprocess line %s (%v)", l, err)
		}
	}
	zipPath := filepath.Join(dir, "out.zip")
	if _, errs, code := cliRun(t, "", "export", "--db", db, "--out", zipPath); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	n := 0
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "originals/") && strings.HasSuffix(f.Name, ".gpx") {
			n++
		}
	}
	if n != len(lines) {
		t.Errorf("%d GPX originals in the zip, %d reprocessed", n, len(lines))
	}
	if _, _, code := cliRun(t, "", "export", "--db", db); code != 2 {
		t.Errorf("export without --out: exit %d", code)
	}
}
