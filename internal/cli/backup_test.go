package cli_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"rekindle/internal/cli"
	"rekindle/internal/store"
)

func rk(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Main(context.Background(), args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

// TestBackupRestore: 'rekindle backup' copies an SQLite database that is
// open (a store holds it), the copy is read by Python's sqlite3 module (an
// independent reader: integrity_check and the activities), and 'backup
// --restore' makes it a working database again; a damaged file or an
// existing target is refused with the target left as it was.
func TestBackupRestore(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed: the independent check of the backup needs it")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	if _, e, code := rk(t, append([]string{"import", "--db", db}, writeRuns(t, 0, 2, 4)...)...); code != 0 {
		t.Fatalf("import: %s", e)
	}
	st, err := store.Open(context.Background(), db) // in use while backed up
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	backup := filepath.Join(dir, "b", "rekindle-backup.db")
	if out, e, code := rk(t, "backup", "--db", db, backup); code != 0 || !strings.Contains(out, "backed up to") {
		t.Fatalf("backup: %s %s", out, e)
	}
	check := exec.Command(python, "-c", `import sqlite3,sys
c=sqlite3.connect("file:"+sys.argv[1]+"?mode=ro", uri=True)
print(c.execute("PRAGMA integrity_check").fetchone()[0], c.execute("SELECT count(*) FROM activities").fetchone()[0])`, backup)
	got, err := check.CombinedOutput()
	if err != nil || strings.TrimSpace(string(got)) != "ok 3" {
		t.Fatalf("python sqlite3 reads the backup as %q (%v)", got, err)
	}
	if _, e, code := rk(t, "backup", "--db", db, backup); code == 0 || !strings.Contains(e, "exists already") {
		t.Fatalf("backup over an existing file: %d %s", code, e)
	}

	restored := filepath.Join(dir, "restored.db")
	if out, e, code := rk(t, "backup", "--restore", "--db", restored, backup); code != 0 || !strings.Contains(out, "restored") {
		t.Fatalf("restore: %s %s", out, e)
	}
	out, e, code := rk(t, "activities", "--db", restored)
	if code != 0 || strings.Count(out, "Loop") != 3 {
		t.Fatalf("activities of the restored database: %s %s", out, e)
	}
	if _, e, code := rk(t, "backup", "--restore", "--db", restored, backup); code == 0 || !strings.Contains(e, "exists already") {
		t.Fatalf("restore over a database without --replace: %d %s", code, e)
	}
	bad := filepath.Join(dir, "bad.db")
	if err := os.WriteFile(bad, []byte("not a database at all, just text"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, e, code := rk(t, "backup", "--restore", "--replace", "--db", restored, bad); code == 0 || !strings.Contains(e, "bad.db") {
		t.Fatalf("restore of a damaged file: %d %s", code, e)
	}
	if out, _, _ := rk(t, "activities", "--db", restored); strings.Count(out, "Loop") != 3 {
		t.Fatalf("a refused restore changed the database: %s", out)
	}
	if _, e, code := rk(t, "backup", "--restore", "--replace", "--db", restored, backup); code != 0 {
		t.Fatalf("restore --replace: %s", e)
	}
}
