package cli

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rekindle/internal/demo"
)

// storedRoutesHistory is a demo runner on the Monaco streets: every run but
// the last imported into a fresh database with the street graph loaded. It
// returns the database, the held-back run's file and the day to look from.
func storedRoutesHistory(t *testing.T) (db, lastRun, day string) {
	t.Helper()
	dir := t.TempDir()
	files := filepath.Join(dir, "files")
	if out, errs, code := runCLI(t, "demo", "--persona", "rut", "--years", "0.3", "--end", "2026-03-01", "--out", files); code != 0 {
		t.Fatalf("demo: exit %d: %s%s", code, out, errs)
	}
	acts, _ := filepath.Glob(filepath.Join(files, "activities", "*"))
	if len(acts) < 20 {
		t.Fatalf("%d activity files", len(acts))
	}
	lastRun = acts[len(acts)-1] // names sort by start time
	held := filepath.Join(dir, filepath.Base(lastRun))
	if err := os.Rename(lastRun, held); err != nil {
		t.Fatal(err)
	}
	pbf := filepath.Join(dir, "monaco.osm.pbf")
	if err := os.WriteFile(pbf, demo.MonacoPBF(), 0o644); err != nil {
		t.Fatal(err)
	}
	db = filepath.Join(dir, "routes.db")
	if out, errs, code := runCLI(t, "import", "--quiet", "--db", db, filepath.Join(files, "activities")); code != 0 {
		t.Fatalf("import: exit %d: %s%s", code, out, errs)
	}
	if out, errs, code := runCLI(t, "map", "load", "--db", db, pbf); code != 0 {
		t.Fatalf("map load: exit %d: %s%s", code, out, errs)
	}
	return db, held, "2026-03-01"
}

// storedMatches reads every stored match with when it was written.
func storedMatches(t *testing.T, db string) map[int64]string {
	t.Helper()
	sdb, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	rows, err := sdb.QueryContext(context.Background(), `SELECT activity_id, graph_version, version, hex(data), updated_ms FROM route_matches`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id, version, updated int64
		var gv, data string
		if err := rows.Scan(&id, &gv, &version, &data, &updated); err != nil {
			t.Fatal(err)
		}
		out[id] = fmt.Sprintf("%s|%d|%s|%d", gv, version, data, updated)
	}
	return out
}

func dropStoredRoutes(t *testing.T, db string) {
	t.Helper()
	sdb, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	for _, table := range []string{"route_fingerprints", "route_matches", "route_groupings"} {
		if _, err := sdb.Exec("DELETE FROM " + table); err != nil {
			t.Fatal(err)
		}
	}
}

// 'rekindle routes --json' says the same from an empty cache (every run
// fingerprinted, grouped and matched now) and from the stored results.
func TestRoutesColdWarmIdentical(t *testing.T) {
	db, _, day := storedRoutesHistory(t)
	dropStoredRoutes(t, db)
	routes := func() string {
		out, errs, code := runCLI(t, "routes", "--json", "--db", db, "--as-of", day, "--limit", "0")
		if code != 0 {
			t.Fatalf("routes: exit %d: %s", code, errs)
		}
		return out
	}
	cold := routes()
	if len(storedMatches(t, db)) == 0 {
		t.Fatal("the cold call stored no matches")
	}
	warm := routes()
	if cold != warm {
		t.Errorf("cold and warm routes differ:\ncold: %.600s\nwarm: %.600s", cold, warm)
	}
	if !strings.Contains(cold, `"covered_m"`) || !strings.Contains(cold, `"graph_loaded": true`) {
		t.Errorf("no coverage in %.400s", cold)
	}
	dropStoredRoutes(t, db)
	if again := routes(); again != cold {
		t.Errorf("a second cold call differs from the first")
	}
}

// Importing one run matches that run and leaves every other stored match
// as it was (not even rewritten).
func TestRoutesImportOneRunMatchesOnlyIt(t *testing.T) {
	db, lastRun, day := storedRoutesHistory(t)
	before := storedMatches(t, db)
	if len(before) < 10 {
		t.Fatalf("map load stored %d matches", len(before))
	}
	if out, errs, code := runCLI(t, "import", "--quiet", "--db", db, lastRun); code != 0 {
		t.Fatalf("import: exit %d: %s%s", code, out, errs)
	}
	if _, errs, code := runCLI(t, "routes", "--json", "--db", db, "--as-of", day); code != 0 {
		t.Fatalf("routes: exit %d: %s", code, errs)
	}
	after := storedMatches(t, db)
	if len(after) != len(before)+1 {
		t.Fatalf("%d matches after importing one run, want %d", len(after), len(before)+1)
	}
	for id, m := range before {
		if after[id] != m {
			t.Errorf("the match of activity %d changed", id)
		}
	}
}

// Loading the same street map again keeps every stored match (not even
// rewritten): the graph's version is its content, not its build time.
func TestRoutesSameMapKeepsMatches(t *testing.T) {
	db, _, day := storedRoutesHistory(t)
	before := storedMatches(t, db)
	if len(before) < 10 {
		t.Fatalf("map load stored %d matches", len(before))
	}
	pbf := filepath.Join(t.TempDir(), "monaco-again.osm.pbf")
	if err := os.WriteFile(pbf, demo.MonacoPBF(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errs, code := runCLI(t, "map", "load", "--db", db, pbf); code != 0 {
		t.Fatalf("map load again: exit %d: %s%s", code, out, errs)
	}
	if _, errs, code := runCLI(t, "routes", "--json", "--db", db, "--as-of", day); code != 0 {
		t.Fatalf("routes: exit %d: %s", code, errs)
	}
	after := storedMatches(t, db)
	if len(after) != len(before) {
		t.Fatalf("%d matches after loading the same map again, want %d", len(after), len(before))
	}
	for id, m := range before {
		if after[id] != m {
			t.Errorf("the match of activity %d changed: %.80s → %.80s", id, m, after[id])
		}
		if !strings.HasPrefix(m, "sha256:") {
			t.Errorf("activity %d: graph version %.80s is not the content checksum", id, m)
		}
	}
}
