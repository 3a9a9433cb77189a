package cli_test

import (
	"bytes"
	"context"
	"database/sql"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
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

// TestBackupRestorePostgres follows the README's PostgreSQL backup and
// restore (pg_dump --format=custom, pg_restore --clean --if-exists) with
// the real tools: 'rekindle backup' on PostgreSQL refuses and names
// pg_dump; the dump of a database with imported runs, restored over the
// lost schema, is a database that is ready (no migration pending), holds
// the same activities, originals and tracks byte for byte, and takes a
// further import without reusing an id.
func TestBackupRestorePostgres(t *testing.T) {
	dsn := store.PostgresTestDSN(t)
	if dsn == "" {
		t.Skip("REKINDLE_TEST_POSTGRES not set")
	}
	pgDump, err1 := exec.LookPath("pg_dump")
	pgRestore, err2 := exec.LookPath("pg_restore")
	if err1 != nil || err2 != nil {
		t.Skip("pg_dump or pg_restore not installed (Debian: postgresql-client)")
	}
	ctx := context.Background()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	schema := u.Query().Get("search_path")
	// libpq takes the URL without pgx's search_path; the test's database
	// is shared, so the dump is of the test's schema only.
	q := u.Query()
	q.Del("search_path")
	u.RawQuery = q.Encode()
	libpq := u.String()

	if _, e, code := rk(t, append([]string{"import", "--db", dsn}, writeRuns(t, 0, 2, 4)...)...); code != 0 {
		t.Fatalf("import: %s", e)
	}
	if _, e, code := rk(t, "backup", "--db", dsn, filepath.Join(t.TempDir(), "x")); code == 0 || !strings.Contains(e, "pg_dump") {
		t.Fatalf("backup on PostgreSQL: %d %q, want a refusal naming pg_dump", code, e)
	}
	// What must come back: every activity, original and track, by content.
	const fingerprint = `SELECT (SELECT count(*) FROM activities) || ' ' ||
		(SELECT coalesce(string_agg(md5(data), ',' ORDER BY sha256), '') FROM originals) || ' ' ||
		(SELECT coalesce(string_agg(md5(data), ',' ORDER BY activity_id), '') FROM tracks) || ' ' ||
		(SELECT coalesce(max(id), 0) FROM activities)`
	read := func() (string, int64) {
		t.Helper()
		st, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if err := st.Ready(ctx); err != nil {
			t.Fatalf("not ready: %v", err)
		}
		var fp string
		if err := st.DB().QueryRowContext(ctx, fingerprint).Scan(&fp); err != nil {
			t.Fatal(err)
		}
		f := strings.Fields(fp)
		maxID, _ := strconv.ParseInt(f[len(f)-1], 10, 64)
		return fp, maxID
	}
	before, maxID := read()
	if !strings.HasPrefix(before, "3 ") {
		t.Fatalf("before the dump: %s", before)
	}
	dump := filepath.Join(t.TempDir(), "rekindle.dump")
	if out, err := exec.Command(pgDump, "--format=custom", "--schema="+schema, "--file="+dump, libpq).CombinedOutput(); err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, out)
	}
	// The data is lost.
	db, err := sql.Open("pgx", libpq)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(pgRestore, "--clean", "--if-exists", "--dbname="+libpq, dump).CombinedOutput(); err != nil {
		t.Fatalf("pg_restore: %v\n%s", err, out)
	}
	after, _ := read()
	if after != before {
		t.Fatalf("restored database differs:\nbefore %s\nafter  %s", before, after)
	}
	out, e, code := rk(t, "activities", "--db", dsn)
	if code != 0 || strings.Count(out, "Loop") != 3 {
		t.Fatalf("activities of the restored database: %s %s", out, e)
	}
	// A later import goes on from the restored id sequence.
	if _, e, code := rk(t, append([]string{"import", "--db", dsn}, writeRuns(t, 6)...)...); code != 0 {
		t.Fatalf("import after the restore: %s", e)
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n, newest int64
	if err := st.DB().QueryRowContext(ctx, `SELECT count(*), max(id) FROM activities`).Scan(&n, &newest); err != nil {
		t.Fatal(err)
	}
	if n != 4 || newest <= maxID {
		t.Fatalf("after a further import: %d activities, newest id %d (restored max %d)", n, newest, maxID)
	}
}
