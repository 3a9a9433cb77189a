package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"rekindle/internal/demo"
	"rekindle/internal/store"
)

func runCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func TestDemoOut(t *testing.T) {
	dir := t.TempDir()
	out, errs, code := runCLI(t, "demo", "--persona", "happy", "--years", "0.1", "--end", "2026-03-01", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errs)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "activities", "*"))
	if len(files) < 20 {
		t.Errorf("%d activity files", len(files))
	}
	kinds := map[string]bool{}
	for _, f := range files {
		kinds[filepath.Ext(f)] = true
	}
	for _, k := range []string{".fit", ".gpx", ".tcx"} {
		if !kinds[k] {
			t.Errorf("no %s file among %v", k, kinds)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "checkins.json")); err != nil {
		t.Error(err)
	}
	if _, _, code := runCLI(t, "demo", "--persona", "nobody"); code != 2 {
		t.Errorf("unknown persona: exit %d, want 2", code)
	}
}

// Each persona, imported through the real path, gets the diagnosis its
// story implies, and the strategy it calls for comes first.
func TestDemoPersonasDiagnosed(t *testing.T) {
	names := []string{"rut"}
	if !testing.Short() && os.Getenv("REKINDLE_DEMO_ALL") != "" {
		names = demo.PersonaNames()
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "demo.db")
			out, errs, code := runCLI(t, "demo", "--persona", name, "--years", "0.75", "--end", "2026-03-01", "--db", db, "--no-serve")
			if code != 0 {
				t.Fatalf("exit %d: %s%s", code, out, errs)
			}
			if !strings.Contains(out, "Imported") || strings.Contains(errs, "failed") {
				t.Errorf("import: %s%s", out, errs)
			}
			if name == "rut" {
				checkDemoSteps(t, out, db)
				sameSparkAsHome(t, db, "2026-03-01")
			}
			js, errs, code := runCLI(t, "spark", "--db", db, "--as-of", "2026-03-01", "--json")
			if code != 0 {
				t.Fatalf("spark: exit %d: %s", code, errs)
			}
			var res struct {
				Diagnoses []struct {
					Key string `json:"key"`
				} `json:"diagnoses"`
				Recommendations []struct {
					Strategy string   `json:"strategy"`
					Why      string   `json:"why"`
					Actions  []string `json:"actions"`
				} `json:"recommendations"`
			}
			if err := json.Unmarshal([]byte(js), &res); err != nil {
				t.Fatalf("spark json: %v\n%s", err, js)
			}
			p, _ := demo.LookupPersona(name)
			if len(res.Diagnoses) == 0 || res.Diagnoses[0].Key != string(p.Diagnosis) {
				t.Errorf("diagnoses %+v, want %s first", res.Diagnoses, p.Diagnosis)
			}
			if p.Strategy != "" && (len(res.Recommendations) == 0 || res.Recommendations[0].Strategy != string(p.Strategy)) {
				t.Errorf("recommendations %+v, want %s first", res.Recommendations, p.Strategy)
			}
			if name == "rut" && len(res.Recommendations) > 0 {
				// The demo stores its street graph: the usual loop is named by
				// its streets and the first action is a real new loop through
				// streets never run, generated from the graph.
				top := res.Recommendations[0]
				if !strings.Contains(top.Why, " – ") {
					t.Errorf("why does not name the loop by its streets: %q", top.Why)
				}
				if len(top.Actions) == 0 || !strings.Contains(top.Actions[0], " on A new loop by ") || !strings.Contains(top.Actions[0], "never run") {
					t.Errorf("first variety action is not a suggested new loop: %q", top.Actions)
				}
			}
		})
	}
}

// checkDemoSteps: the demo's first line says what it is doing before it
// does it, every step is numbered in order, and the commands it suggests
// name the demo's database so that they work when copied.
func checkDemoSteps(t *testing.T, out, db string) {
	t.Helper()
	if !strings.HasPrefix(out, "[1/4] Simulating rut") {
		t.Errorf("the demo does not start by saying what it does: %.80q", out)
	}
	last := -1
	for _, step := range []string{"[1/4] Simulating", "[2/4] Importing", "[3/4] Routes", "[4/4] Analysis"} {
		i := strings.Index(out, step)
		if i <= last {
			t.Errorf("step %q missing or out of order in:\n%s", step, out)
		}
		last = i
	}
	if !strings.Contains(out, "route groups") {
		t.Errorf("the routes step reports no groups:\n%s", out)
	}
	for _, hint := range []string{"rekindle spark accept --db " + shellQuote(db) + " ID", "rekindle serve --single-user --db " + shellQuote(db)} {
		if !strings.Contains(out, hint) {
			t.Errorf("hint %q not printed:\n%s", hint, out)
		}
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{"/tmp/a.db": "/tmp/a.db", "/tmp/my runs.db": "'/tmp/my runs.db'", "it's": `'it'\''s'`,
		"postgres://u@h:5432/d?sslmode=disable": "'postgres://u@h:5432/d?sslmode=disable'"} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

// sameSparkAsHome: 'rekindle spark --as-of DAY --json' prints the report
// the web app's home (GET /api/v1/home?as_of=DAY, the real server over the
// same database) shows for that day, to the letter: one path gathers the
// spark's data (athlete.App), route names included.
func sameSparkAsHome(t *testing.T, db, day string) {
	t.Helper()
	js, errs, code := runCLI(t, "spark", "--db", db, "--as-of", day, "--json")
	if code != 0 {
		t.Fatalf("spark: exit %d: %s", code, errs)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h, _, err := NewServerHandler(st, slog.New(slog.DiscardHandler), ServeOptions{SingleUser: true, RoutesInline: true})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "http://127.0.0.1/api/v1/home?as_of="+day, nil)
	req.RemoteAddr = "127.0.0.1:40000" // single-user: a loopback client is the athlete
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /api/v1/home: %d %s", rec.Code, rec.Body)
	}
	var home struct {
		Report json.RawMessage `json:"report"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &home); err != nil {
		t.Fatal(err)
	}
	var cliRep, webRep any
	if err := json.Unmarshal([]byte(js), &cliRep); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(home.Report, &webRep); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cliRep, webRep) {
		c, _ := json.MarshalIndent(cliRep, "", " ")
		w, _ := json.MarshalIndent(webRep, "", " ")
		t.Errorf("rekindle spark --json and the home page differ on %s:\ncli:\n%.3000s\nweb:\n%.3000s", day, c, w)
	}
}
