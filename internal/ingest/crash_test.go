package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// makeCopies writes rounds × the small real files into dir, each copy with
// different bytes (an XML comment, or bytes after the FIT data) so that
// every copy is a new file to import.
func makeCopies(t testing.TB, dir string, rounds int, maxSize int64) int {
	var n int
	for _, g := range []string{"fit/*.fit", "gpx/*.gpx", "tcx/*.tcx"} {
		paths := testkit.Glob(t, g)
		for _, p := range paths {
			st, err := os.Stat(p)
			if err != nil || st.Size() > maxSize {
				continue
			}
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			for r := range rounds {
				tag := fmt.Sprintf("\n<!-- copy %d -->\n", r)
				name := filepath.Join(dir, fmt.Sprintf("%03d-%s", r, filepath.Base(p)))
				if err := os.WriteFile(name, append(append([]byte(nil), b...), tag...), 0o644); err != nil {
					t.Fatal(err)
				}
				n++
			}
		}
	}
	return n
}

// TestCrashChild is the import process the crash test kills.
func TestCrashChild(t *testing.T) {
	db, dir := os.Getenv("REKINDLE_CRASH_DB"), os.Getenv("REKINDLE_CRASH_DIR")
	if db == "" {
		t.Skip("only run as the crash test's child process")
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	ath, _ := s.DefaultAthlete(context.Background())
	Import(context.Background(), s, ath.ID, []string{dir}, Options{BatchSize: 3, Workers: 1})
}

func checkConsistent(t *testing.T, path string) (files, acts int) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q := func(query string) int {
		var n int
		if err := db.QueryRow(query).Scan(&n); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return n
	}
	if n := q(`SELECT COUNT(*) FROM activities a WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.athlete_id = a.athlete_id AND f.sha256 = a.source_sha256)`); n != 0 {
		t.Errorf("%d activities without their file record", n)
	}
	if n := q(`SELECT COUNT(*) FROM activities a WHERE a.samples > 0 AND NOT EXISTS (SELECT 1 FROM tracks t WHERE t.athlete_id = a.athlete_id AND t.activity_id = a.id)`); n != 0 {
		t.Errorf("%d activities without their track", n)
	}
	if n := q(`SELECT COUNT(*) FROM duplicates d WHERE NOT EXISTS (SELECT 1 FROM activities a WHERE a.athlete_id = d.athlete_id AND a.id = d.activity_id)`); n != 0 {
		t.Errorf("%d duplicates pointing nowhere", n)
	}
	rows, err := db.Query(`SELECT name, activity_ids FROM files WHERE status IN ('imported', 'partial', 'duplicate')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, ids string
		rows.Scan(&name, &ids)
		for _, id := range strings.FieldsFunc(strings.Trim(ids, "[]"), func(r rune) bool { return r == ',' }) {
			v, _ := strconv.ParseInt(id, 10, 64)
			var one int
			if err := db.QueryRow(`SELECT 1 FROM activities WHERE id = ?`, v).Scan(&one); err != nil {
				t.Errorf("file %s names activity %d, which is missing", name, v)
			}
		}
	}
	return q(`SELECT COUNT(*) FROM files`), q(`SELECT COUNT(*) FROM activities`)
}

func TestCrashMidImport(t *testing.T) {
	needTestdata(t)
	if testing.Short() {
		t.Skip("-short: crash test skipped")
	}
	dir := t.TempDir()
	total := makeCopies(t, dir, 6, 200<<10)
	db := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "REKINDLE_CRASH_DB="+db, "REKINDLE_CRASH_DIR="+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once a few batches are in.
	deadline := time.Now().Add(60 * time.Second)
	for {
		time.Sleep(20 * time.Millisecond)
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("child made no progress")
		}
		conn, err := sql.Open("sqlite", "file:"+db+"?_pragma=busy_timeout(5000)")
		if err != nil {
			continue
		}
		var n int
		err = conn.QueryRow(`SELECT COUNT(*) FROM files`).Scan(&n)
		conn.Close()
		if err == nil && n >= 10 {
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	files, acts := checkConsistent(t, db)
	t.Logf("killed after %d of %d files, %d activities", files, total, acts)
	if files >= total {
		t.Fatalf("child finished before it was killed (%d files): make the input bigger", files)
	}
	// A re-run finishes the job, and ends where a clean import ends.
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ath, _ := s.DefaultAthlete(context.Background())
	if _, err := Import(context.Background(), s, ath.ID, []string{dir}, Options{}); err != nil {
		t.Fatal(err)
	}
	files2, acts2 := checkConsistent(t, db)
	clean, _ := store.Open(context.Background(), filepath.Join(t.TempDir(), "clean.db"))
	defer clean.Close()
	cath, _ := clean.DefaultAthlete(context.Background())
	if _, err := Import(context.Background(), clean, cath.ID, []string{dir}, Options{}); err != nil {
		t.Fatal(err)
	}
	want, _ := clean.CountActivities(context.Background(), cath.ID)
	cleanFiles, _ := clean.ListFiles(context.Background(), cath.ID)
	if acts2 != want || files2 != len(cleanFiles) {
		t.Fatalf("after re-run: %d files, %d activities; a clean import gives %d files, %d activities", files2, acts2, len(cleanFiles), want)
	}
}
